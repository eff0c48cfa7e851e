"""The event's facts that are not counts, compared across all its accounts (aligned or not).

Each account's *details* are read from every sentence it has, one slot each:

- ``time``: the time of day of the event's main action ("crashed around 2:15 p.m.",
  "took off at 13:39 local time"), keyed by the action's class (departure, arrival, impact;
  ``compare/data/event_actions.tsv``); a time nearest to another cue (a press conference, a
  statement) or in a clause about another occurrence (an aftershock) is no slot;
- ``aircraft``: the model of the event's aircraft ("Boeing 737-800"), keyed by its kind
  (airliner, helicopter ...; ``compare/data/aircraft.tsv``) and compared by maker and family;
- ``flight``: the flight number ("Flight 2216"), compared by its digits;
- ``title``: whether a named person holds a title or held it ("former President X");
- ``vote``: what a count of members did in a vote ("11 abstained" vs "11 were absent");
- ``route``: a place given as the destination by one account and the origin by another;
- ``day``: the day of the event's main action (a date or weekday close to its cue, resolved
  against the story's publication date); always a ``warning``.

An account that gives two values for one slot (two flights, a time corrected later) gives
none.  Two accounts whose values differ are a finding naming both values, both sentences and
the outlets; it is an ``error`` only when both clearly state the same slot about the same
entity, else a ``warning`` that says what is uncertain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from compare.facts.common import discrepancy, quoted
from compare.facts.context import EventView, SentenceView
from compare.facts.datecheck import find_date_mentions, parse_reference
from compare.facts.lexicon import cue_list, table_rows, word_list
from compare.facts.numbers import find_quantities
from compare.model import Discrepancy, DiscrepancyType, SentenceRef, Severity

Grade = tuple[Severity, str]


@dataclass(frozen=True, slots=True)
class Detail:
    """One stated value of one slot in one sentence."""

    kind: str  # time | aircraft | flight | title | vote | route
    slot: tuple[str, ...]  # what the value is of, within its kind
    value: object  # what is compared
    text: str  # as written
    ref: SentenceRef
    facts: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


def check_event_details(view: EventView, found: list[Discrepancy]) -> list[Discrepancy]:
    """Conflicting non-count details between accounts of the event.

    ``found`` holds the findings so far: a pair of sentences a claim-level finding of the same
    type already covers gets no second finding.
    """
    by_slot: BySlot = defaultdict(lambda: defaultdict(list))
    for story in view.stories:
        sentences = view.story_sentences(story)
        reference = parse_reference(view.stories[story].date)
        for i, sentence in enumerate(sentences):
            if sentence.role == "title" or _BACKGROUND.search(sentence.text):
                continue
            following = sentences[i + 1].text if i + 1 < len(sentences) else ""
            for detail in [*_details(sentence, following), *_days(sentence, reference)]:
                by_slot[(detail.kind, detail.slot)][story].append(detail)
    return slot_conflicts(view, by_slot, KINDS, found)


BySlot = dict[tuple[str, tuple[str, ...]], dict[str, list[Detail]]]  # (kind, slot) -> story -> its details


def slot_conflicts(view: EventView, by_slot: BySlot, kinds: dict[str, KindSpec],
                   found: list[Discrepancy]) -> list[Discrepancy]:
    """Each slot's value per account (``_settled``), then the accounts that conflict on it; a pair
    of sentences a finding in ``found`` of the same type already covers gets no second finding."""
    covered: dict[str, set[frozenset[SentenceRef]]] = defaultdict(set)
    for d in found:
        covered[d.type].update(frozenset((x, y)) for x in d.sentences for y in d.sentences if x.story != y.story)
    out: list[Discrepancy] = []
    for key in sorted(by_slot, key=repr):
        spec = kinds[key[0]]
        settled = {}
        for story, details in by_slot[key].items():
            value = _settled(details, spec.same)
            if value is not None:
                settled[story] = value
        out += _conflicts(view, spec, settled, covered)
    return out


# --------------------------------------------------------------------------- the kinds


@dataclass(frozen=True)
class KindSpec:
    name: str
    type: DiscrepancyType
    subject: Callable[[Detail], str]
    same: Callable[[Detail, Detail], bool]
    grade: Callable[[Detail, Detail, SentenceView, SentenceView], Grade | None]


def _settled(details: list[Detail], same: Callable[[Detail, Detail], bool]) -> Detail | None:
    """The account's value when all its mentions of the slot agree, else None."""
    for a, b in combinations(details, 2):
        if not same(a, b):
            return None
    return details[0]


def _conflicts(
    view: EventView, spec: KindSpec, settled: dict[str, Detail], covered: dict[str, set[frozenset[SentenceRef]]]
) -> list[Discrepancy]:
    order = {sid: i for i, sid in enumerate(view.event.stories)}
    groups: list[list[tuple[str, Detail]]] = []
    for story, detail in sorted(settled.items(), key=lambda kv: order.get(kv[0], 1 << 30)):
        for group in groups:
            if all(spec.same(member[1], detail) for member in group):  # "6:30 CST" = "7:30 CDT", not "6:30 local"
                group.append((story, detail))
                break
        else:
            groups.append([(story, detail)])
    out = []
    for ga, gb in combinations(groups, 2):
        best: tuple[int, Grade, tuple[str, Detail], tuple[str, Detail]] | None = None
        for a in ga:
            for b in gb:
                grade = spec.grade(a[1], b[1], view.sentences[a[1].ref], view.sentences[b[1].ref])
                if grade is None:
                    continue
                rank = 2 if grade[0] == "error" else 1
                if best is None or rank > best[0]:
                    best = (rank, grade, a, b)
        if best is None:
            continue
        _, (severity, reason), a, b = best
        if frozenset((a[1].ref, b[1].ref)) in covered[spec.type]:
            continue
        out.append(_finding(view, spec, severity, reason, ga, gb, a, b))
    return out


def _finding(
    view: EventView,
    spec: KindSpec,
    severity: Severity,
    reason: str,
    ga: list[tuple[str, Detail]],
    gb: list[tuple[str, Detail]],
    a: tuple[str, Detail],
    b: tuple[str, Detail],
) -> Discrepancy:
    subject = spec.subject(a[1])
    values = {view.name(story): detail.text for story, detail in [*ga, *gb]}
    names_a = ", ".join(view.name(s) for s, _ in ga)
    names_b = ", ".join(view.name(s) for s, _ in gb)
    text_a = view.sentences[a[1].ref].text
    text_b = view.sentences[b[1].ref].text
    return discrepancy(
        spec.type,
        severity,
        f'{subject}: {names_a} say "{a[1].text}" ({quoted(text_a, 90)}); '
        f'{names_b} say "{b[1].text}" ({quoted(text_b, 90)})',
        [d.ref for _, d in [*ga, *gb]],
        None,
        kind="event_detail",
        detail=spec.name,
        subject=subject,
        values=values,
        outlets=sorted(values),
        grade_reason=reason,
        grade_basis="event",
    )


def _details(sentence: SentenceView, following: str = "") -> list[Detail]:
    """Every detail of one sentence; ``following`` is the next sentence of the story (a time
    zone after "a.m." can be split off into it by the sentence splitter: "... at 9:30 a.m. | ET.")."""
    return [*_times(sentence, following), *(d for extract in _EXTRACTORS for d in extract(sentence))]


# A sentence about another time or another event: "since 2009", "the 1997 crash".
_BACKGROUND = re.compile(r"\b(?:since|in|of|last|previous|earlier)\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+(?:crash|attack|disaster)", re.I)


# --------------------------------------------------------------------------- times of day

_TIME = re.compile(
    r"(?<![\w:.])(?:(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[AP]M\b|[ap]\.m\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])(?:\s*(?:hrs|hours|h)\b)?"
    r"|(?P<word>\bmidday\b|\bnoon\b|\bmidnight\b))",
    re.I,
)
_ZONE = re.compile(
    r"^\s*(?:\(?\s*)?(?P<zone>(?i:local time|local|(?:eastern|central|pacific|mountain) (?:standard |daylight )?time)|"
    r"[ECMP][SD]?T|GMT|UTC|Z|BST|CET|CEST|IST|KST|JST|AEST|AEDT|MSK|WIB|ICT|SGT|HKT|PHT)\b",
)
_SPLIT_ZONE = re.compile(r"^(?:[ECMP][SD]?T|GMT|UTC)\W*$")
_ZONE_NAMES = {"eastern": "ET", "central": "CT", "pacific": "PT", "mountain": "MT", "utc": "UTC", "gmt": "UTC", "z": "UTC"}
# Qualifiers just before a time and the span of minutes they allow around it.
_TIME_QUALIFIER = re.compile(
    r"(?P<q>shortly after|just after|soon after|shortly before|just before|around|about|approximately|"
    r"approx\.|roughly|some|nearly|almost|after|before|by|until|till|since|between|from|at least|at most|"
    r"no later than|no earlier than|as late as|as early as)\s+(?:at least\s+|at most\s+)?(?:at\s+)?$",
    re.I,
)
_QUALIFIER_SPAN = {
    "shortly after": (0, 30), "just after": (0, 15), "soon after": (0, 30),
    "shortly before": (-30, 0), "just before": (-15, 0),
    "around": (-10, 10), "about": (-10, 10), "approximately": (-10, 10), "approx.": (-10, 10),
    "roughly": (-10, 10), "some": (-10, 10), "nearly": (-15, 0), "almost": (-15, 0),
}
# In a clause that also names something else timed (a statement, the police response), a time
# is the action's only when the action cue is at most this many words from it.
MAX_CUE_WORDS = 4
# The second end of a span of time: "between 2 am and 6 am", "from 9 p.m. to 1 a.m.".
_RANGE_END = re.compile(r"\b(?:between|from)\s+[^,;.]{1,25}?\s(?:and|to|until|till)\s+(?:at\s+)?$", re.I)
_OPEN_QUALIFIERS = frozenset({"after", "before", "by", "until", "till", "since", "between", "from", "at least", "at most",
                               "no later than", "no earlier than", "as late as", "as early as"})
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|followed)\b|\s+(?:and|but)\s+(?:it|then|was|were)\b|\(|\)")


@cache
def _actions() -> object:
    return cue_list("event_actions.tsv")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            return lo, m.start()
    return lo, len(text)


def _times(sentence: SentenceView, following: str = "") -> list[Detail]:
    text = sentence.text
    out = []
    cues = _actions().find(text)  # type: ignore[attr-defined]
    for m in _TIME.finditer(text):
        if _in_brackets(text, m.start()):
            continue  # "9:00 AM (0000 GMT)": a conversion of the time before it
        minutes, twelve = _minutes(m)
        if minutes is None:
            continue
        lo, hi = _clause(text, m.start(), m.end())
        in_clause = [c for c in cues if lo <= c[0] and c[1] <= hi]
        if any(c[3] == "distinct" for c in in_clause):
            continue
        timed = [c for c in in_clause if c[3] != "distinct" and not _attribution(text, c, m)]
        if not timed:
            continue
        nearest = min(timed, key=lambda c: (min(abs(c[0] - m.end()), abs(m.start() - c[1])), c[0]))
        action = nearest[3]
        gap_words = len(text[min(nearest[1], m.end()) : max(nearest[0], m.start())].split())
        if action != "other" and gap_words > MAX_CUE_WORDS and any(c[3] == "other" for c in timed):
            continue  # "police responded to the crash on the corner of ... at 7:01 p.m."
        if action == "generic":
            if any(c[3] == "other" for c in timed):
                continue
            action = "impact"
        if action not in ("departure", "arrival", "impact"):
            continue
        qual = _TIME_QUALIFIER.search(text[max(0, m.start() - 30) : m.start()])
        qualifier = qual.group("q").lower() if qual else None
        if qualifier in _OPEN_QUALIFIERS or _RANGE_END.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "after 2 p.m.", "between 2 am and 6 am": a bound, not the time
        after = text[m.end() :]
        if not after.strip() and _SPLIT_ZONE.match(following):
            after = " " + following  # "... at 9:30 a.m." + "ET."
        zone_m = _ZONE.match(after)
        zone = _zone(zone_m.group("zone")) if zone_m else None
        span = _QUALIFIER_SPAN.get(qualifier or "", (0, 0))
        if m.group("word") and m.group("word").lower() == "midday":
            span = (-60, 60)
        elif m.group("word"):
            span = (-30, 30)  # "at midnight", "at noon": said of a time near it too
        shown = text[(qual.start() + max(0, m.start() - 30)) if qual else m.start() : m.end()]
        shown += after[: zone_m.end()] if zone_m else ""
        out.append(
            Detail(
                "time", (action,), minutes, shown.strip(" ("), sentence.ref,
                {"zone": zone, "daylight": _daylight(zone_m.group("zone")) if zone_m else None, "twelve": twelve, "span": span, "vague": bool(m.group("word")) or qualifier is not None},
            )
        )
    return out


# Reporting verbs that attribute the whole sentence ("Amtrak said that ...", "..., a spokeswoman said"):
# they time nothing unless right next to the time ("said at 2 p.m.").
_REPORTING = frozenset({"said", "says", "told", "reported", "announced"})
REPORTING_GAP_WORDS = 2


def _attribution(text: str, cue: tuple[int, int, str, str], m: re.Match[str]) -> bool:
    return _attribution_of(text, cue, m.start(), m.end())


def _in_brackets(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def _minutes(m: re.Match[str]) -> tuple[int | None, bool]:
    """Minutes after midnight, and whether only the 12-hour reading is known (no am/pm)."""
    if m.group("word"):
        return (0 if m.group("word").lower() == "midnight" else 720), False
    if m.group("h") is not None:
        h, mins = int(m.group("h")), int(m.group("m") or 0)
        if not 1 <= h <= 12:
            return None, False
        pm = m.group("ampm").lower().startswith("p")
        return (h % 12 + (12 if pm else 0)) * 60 + mins, False
    h, mins = int(m.group("h24")), int(m.group("m24"))
    return h * 60 + mins, h <= 12 and not m.group("h24").startswith("0")


def _zone(raw: str) -> str:
    low = raw.lower()
    if low.startswith("local"):
        return "local"
    first = low.split()[0]
    if first in _ZONE_NAMES:
        return _ZONE_NAMES[first]
    up = raw.upper()
    return up[0] + "T" if re.fullmatch(r"[ECMP][SD]?T", up) else up


def _daylight(raw: str) -> bool | None:
    """"CDT" -> True, "CST" -> False (a zone's standard and daylight time differ by an hour), else None."""
    m = re.fullmatch(r"[ECMP]([SD])T", raw.strip().upper())
    return None if m is None else m.group(1) == "D"


def _value(a: Detail, b: Detail) -> int:
    """a's minutes in b's clock: "6:30 p.m. CST" is 7:30 p.m. CDT."""
    da, db = a.facts.get("daylight"), b.facts.get("daylight")
    shift = 60 if (da is False and db is True) else -60 if (da is True and db is False) else 0
    return int(a.value) + shift  # type: ignore[call-overload]


def _same_time(a: Detail, b: Detail) -> bool:
    return _gap(a, b) == 0


def _gap(a: Detail, b: Detail) -> int:
    diff = abs(_value(a, b) - int(b.value))  # type: ignore[call-overload]
    diff = min(diff, 1440 - diff)
    if a.facts["twelve"] or b.facts["twelve"]:
        diff = min(diff % 720, 720 - diff % 720)
    return diff


# Two qualified times this far apart that meet only at the ends of their spans are worth a look.
EDGE_GAP_MINUTES = 15


def _edge_only(signed: int, span_a: tuple[int, int], span_b: tuple[int, int]) -> bool:
    """Whether the spans of two times (b - a = ``signed`` minutes) overlap by at most two thirds of
    the narrower span ("just after 8:15" [8:15, 8:30] and "around 8:30" [8:20, 8:40] share 10 minutes)."""
    lo = max(span_a[0], signed + span_b[0])
    hi = min(span_a[1], signed + span_b[1])
    narrower = min(span_a[1] - span_a[0], span_b[1] - span_b[0])
    return hi - lo <= max(narrower, 1) / 3 * 2


# A time in a named zone ("01:37 UTC") and a local one whole or half hours apart, this many minutes or more: the
# zones' difference, not a conflict (an hour or two apart may be a slip, and stays a warning).
ZONE_GAP_MINUTES = 180


def _grade_time(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    za, zb = a.facts["zone"], b.facts["zone"]
    local = {None, "local"}
    if za not in local and zb not in local and za != zb:
        return None  # different zones: not a conflict unless converted
    gap = _gap(a, b)
    if gap == 0:
        return None
    span_a: tuple[int, int] = a.facts["span"]  # type: ignore[assignment]
    span_b: tuple[int, int] = b.facts["span"]  # type: ignore[assignment]
    (la, ha), (lb, hb) = span_a, span_b
    # Do the spans the two times allow overlap?  (b - a) must fall outside [la - hb, ha - lb].
    signed = (int(b.value) - _value(a, b) + 720) % 1440 - 720  # type: ignore[call-overload]
    if a.facts["twelve"] or b.facts["twelve"]:
        signed = (signed + 360) % 720 - 360
    overlap = la - hb <= signed <= ha - lb
    if overlap:
        # Compatible once qualifiers are applied ("around 7 p.m." and "7:01 p.m."), unless both
        # give a minute-precise time ("approximately 8:47" vs "around 8:48"): worth a look.
        precise = all(int(d.value) % 5 for d in (a, b))  # type: ignore[call-overload]
        if precise and gap <= 5 and span_a != (0, 0) and span_b != (0, 0):
            return "warning", (f"both accounts give a minute-precise time of the {a.slot[0]}, {gap} minutes apart, "
                               "each called approximate")
        if gap >= EDGE_GAP_MINUTES and (span_a != (0, 0) or span_b != (0, 0)) and _edge_only(signed, span_a, span_b):
            return "warning", (f"the times of the {a.slot[0]} are {gap} minutes apart; they agree only at the edge of "
                               "what their qualifiers allow ('just after 8:15' and 'around 8:30')")
        return None
    if za != zb and not (za in local and zb in local) and gap % 30 == 0 and gap >= ZONE_GAP_MINUTES:
        return None  # "8:37 p.m. EST" and "10:37 a.m." (local, on the other side of the world): one instant
    if za != zb and not (za in local and zb in local):
        return "warning", (f"the time of the {a.slot[0]} differs by {gap} minutes, but one account names a time zone "
                           "and the other does not: the zones may differ")
    if a.facts["span"] == (-60, 60) or b.facts["span"] == (-60, 60):
        return "warning", f"the time of the {a.slot[0]} differs, but one account gives it only vaguely (midday)"
    return "error", (f"both accounts time the event's {a.slot[0]} in the same zone, {gap} minutes apart "
                     "(beyond what their qualifiers allow)")


# --------------------------------------------------------------------------- the day of the event

# Words that put a time of day at the edge of a day: "late Sunday", "overnight", "early Monday".
_DAY_EDGE = re.compile(r"\b(?:late|early|overnight|night|evening|morning|midnight|dawn)\b", re.I)
_DAY_ACTIONS = frozenset({"departure", "arrival", "impact", "verdict"})
# Between a day and the action after it: the day is of something that followed ("Wednesday after the blast").
_LATER_ACT = re.compile(r"\b(?:after|since|following|in the wake of)\b", re.I)
# The event's day lies at most this many days before the account (a day further back is background).
DAY_WINDOW = 14


def _days(sentence: SentenceView, reference: dt.date | None) -> list[Detail]:
    """The day the event's main action happened on, where a date or weekday stands in the clause of
    an action cue and close to it ("derailed on Monday", "the jury found him guilty on Tuesday",
    "launched on June 20"); relative days resolved against the story's publication date."""
    if reference is None:
        return []
    text = sentence.text
    out = []
    cues = _actions().find(text)  # type: ignore[attr-defined]
    for d in find_date_mentions(text, reference):
        if d.granularity != "day" or d.role != "at" or _quoted(sentence, d.start):
            continue
        if not -1 <= (reference - d.value).days <= DAY_WINDOW:
            continue  # "was convicted on March 3, 2019": another, earlier act (or a date still to come)
        lo, hi = _clause(text, d.start, d.end)
        in_clause = [c for c in cues if lo <= c[0] and c[1] <= hi]
        if any(c[3] == "distinct" for c in in_clause):
            continue
        near = [c for c in in_clause if c[3] != "distinct" and not _attribution_of(text, c, d.start, d.end)]
        if not near:
            continue
        nearest = min(near, key=lambda c: (min(abs(c[0] - d.end), abs(d.start - c[1])), c[0]))
        gap_words = len(text[min(nearest[1], d.end) : max(nearest[0], d.start)].split())
        if nearest[3] not in _DAY_ACTIONS or gap_words > MAX_CUE_WORDS:
            continue
        if nearest[0] >= d.end and _LATER_ACT.search(text, d.end, nearest[0]):
            continue  # "residents surveyed the damage Wednesday after the blast": the day of a later act
        around = text[max(0, d.start - 12) : d.end + 12]
        out.append(Detail("day", (nearest[3],), d.value, d.text, sentence.ref,
                          {"relative": d.relative, "edge": bool(_DAY_EDGE.search(around))}))
    return out


def _quoted(sentence: SentenceView, pos: int) -> bool:
    for piece in sentence.quoted:
        at = sentence.text.find(piece)
        if at >= 0 and at <= pos < at + len(piece):
            return True
    return False


def _attribution_of(text: str, cue: tuple[int, int, str, str], start: int, end: int) -> bool:
    if cue[3] != "other" or text[cue[0] : cue[1]].lower() not in _REPORTING:
        return False
    gap = text[cue[1] : start] if cue[1] <= start else text[end : cue[0]]
    return "," in gap or len(gap.split()) > REPORTING_GAP_WORDS


def _same_day(a: Detail, b: Detail) -> bool:
    return a.value == b.value


def _grade_day(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    apart = abs((a.value - b.value).days)  # type: ignore[operator]
    if apart == 0 or (apart == 1 and (a.facts["edge"] or b.facts["edge"])):
        return None  # "late Sunday" and "early Monday" may be one night
    how = ("a weekday or relative day resolved against each account's publication date"
           if a.facts["relative"] or b.facts["relative"] else "two calendar dates")
    return "warning", (f"the accounts date the event's {a.slot[0]} {apart} day(s) apart ({how}); a day is read from "
                       "the clause of the action, so a check against the text is needed")


# --------------------------------------------------------------------------- aircraft and flights


@cache
def _aircraft_table() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    makers: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for row in table_rows("aircraft.tsv"):
        (makers if row[0] == "maker" else prefixes)[row[1]] = row[2]
    names = "|".join(re.escape(n) for n in sorted(makers, key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?P<maker>{names})(?:'s)?\s+(?P<letters>[A-Z][A-Za-z]{{0,3}})?(?P<dash>-?)\s?(?P<num>\d{{2,4}})"
        r"(?P<rest>(?:-?[A-Za-z0-9]+)*)(?![\w])"
    )
    return makers, prefixes, pattern


def _aircraft(sentence: SentenceView) -> list[Detail]:
    makers, prefixes, pattern = _aircraft_table()
    out = []
    for m in pattern.finditer(sentence.text):
        maker, letters, num = m.group("maker"), m.group("letters") or "", m.group("num")
        kind = makers[maker]
        prefix_kind = prefixes.get(letters)
        if prefix_kind == "helicopter" or (prefix_kind and m.group("dash")):
            kind = prefix_kind
        family = int(num)
        if 100 <= family <= 999 and family % 100 < 10:
            family -= family % 100  # CRJ701ER, CRJ705 are of the CRJ700 family
        maker_key = maker.lower().split()[0]
        out.append(Detail("aircraft", (kind,), (maker_key, family), m.group().strip(), sentence.ref))
    return out


def _same_aircraft(a: Detail, b: Detail) -> bool:
    return a.value == b.value


def _grade_aircraft(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    both_event = _tied_to_event(sa) and _tied_to_event(sb)
    if both_event:
        return "error", (f"the {a.slot[0]} of the event is a different model in the two accounts, each of which "
                         "names only one model of that kind")
    return "warning", (f"different {a.slot[0]} models, each the only one its account names, but a sentence does not "
                       "tie it to the event's action: it may be another aircraft")


_EVENT_NOUN = re.compile(r"\b(?:flight|plane|jet|aircraft|airliner|helicopter)\b", re.I)


def _tied_to_event(sentence: SentenceView) -> bool:
    cues = _actions().find(sentence.text)  # type: ignore[attr-defined]
    return any(c[3] in ("departure", "arrival", "impact", "generic") for c in cues) or bool(
        _EVENT_NOUN.search(sentence.text) and _FLIGHT.search(sentence.text)
    )


_FLIGHT = re.compile(
    r"(?P<airline>(?:[A-Z][\w&.'-]*\s+){0,3})[Ff]light\s+(?:number\s+|No\.?\s*)?"
    r"(?P<code>[A-Z][A-Z0-9]|[0-9][A-Z])?\s?-?\s?(?P<num>\d{1,4})(?![\w-])"
)


def _flights(sentence: SentenceView) -> list[Detail]:
    out = []
    for m in _FLIGHT.finditer(sentence.text):
        airline = " ".join(w for w in m.group("airline").split() if w.lower() not in _NOT_AIRLINE)
        out.append(
            Detail("flight", ("flight",), m.group("num").lstrip("0"), m.group().strip(), sentence.ref,
                   {"airline": airline.lower(), "code": m.group("code") or ""})
        )
    return out


_NOT_AIRLINE = frozenset("the a an on of its by as aboard board from and operated".split())


def _same_flight(a: Detail, b: Detail) -> bool:
    return a.value == b.value


def _grade_flight(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    air_a, air_b = a.facts["airline"], b.facts["airline"]
    if air_a and air_b and not (str(air_a) in str(air_b) or str(air_b) in str(air_a)):
        return None  # two airlines: two flights
    code_a, code_b = a.facts["code"], b.facts["code"]
    if code_a and code_b and code_a != code_b:
        return None
    if air_a and air_b:
        return "error", "the same airline's flight of the event is given a different number by the two accounts"
    return "warning", "the flight of the event has a different number, but one account does not name the airline"


# --------------------------------------------------------------------------- titles of named people


@cache
def _title_alternation() -> str:
    """The titles of titles.txt longer than three letters, longest first, as a regex alternation."""
    titles = sorted(word_list("titles.txt"), key=len, reverse=True)
    return "|".join(re.escape(t) for t in titles if len(t) > 3)


@cache
def _title_pattern() -> re.Pattern[str]:
    alt = _title_alternation()
    name = r"(?P<name>(?:[A-Z][a-z][\w'-]*\s+){0,2}[A-Z][a-z][\w'-]*)"
    # "former US President X", "former Fed Chair X": one capitalised word may stand between
    return re.compile(
        rf"(?:(?P<former>\b[Ff]ormer\s+|\bex-|\b[Tt]hen-)?)(?:(?:[A-Z][\w.]*)\s+)?\b(?P<title>{alt})\s+{name}"
    )


@cache
def _apposition_pattern() -> re.Pattern[str]:
    """ "Nora Vance, the former mayor of Eastford": a full name, then its title after a comma."""
    alt = _title_alternation()
    name = r"(?P<name>(?:[A-Z][a-z][\w'-]*\s+){1,2}[A-Z][a-z][\w'-]*)"
    return re.compile(
        rf"{name},\s+(?:the|a|an)\s+(?P<former>former\s+|ex-)?(?P<mid>(?:[\w.'-]+\s+){{0,2}}?)"
        rf"(?P<title>(?i:{alt}))(?![\w'\u2019-])"
    )


_NOT_THE_TITLE = frozenset("deputy vice assistant acting interim former then then- ex- associate".split())


def _titles_after(sentence: SentenceView) -> list[Detail]:
    out = []
    for m in _apposition_pattern().finditer(sentence.text):
        mid = {w.lower() for w in m.group("mid").split()}
        if mid & _NOT_THE_TITLE or m.group("name").split()[-1].lower() in _NOT_NAME_END:
            continue  # "the deputy mayor": another office
        words = m.group("name").split()
        title = m.group("title").lower()
        out.append(
            Detail("title", (words[-1], title), "former" if m.group("former") else "in office", m.group().strip(),
                   sentence.ref, {"full": " ".join(words)})
        )
    return out


def _titles(sentence: SentenceView) -> list[Detail]:
    out = _titles_after(sentence)
    for m in _title_pattern().finditer(sentence.text):
        former = (m.group("former") or "").strip().lower()
        if former.startswith("then"):
            continue  # "then-President X": the title at the time, compatible with either
        name = re.sub(r"'s$", "", m.group("name"))
        words = name.split()
        if words[-1].lower() in _NOT_NAME_END:
            continue
        title = m.group("title").lower()
        shown = m.group().strip()
        out.append(
            Detail("title", (words[-1], title), "former" if former else "in office", re.sub(r"'s$", "", shown),
                   sentence.ref, {"full": " ".join(words) if len(words) > 1 else ""})
        )
    return out


_NOT_NAME_END = frozenset("said says told on in at of and the".split())


def _same_title(a: Detail, b: Detail) -> bool:
    return a.value == b.value


def _grade_title(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    full_a, full_b = a.facts["full"], b.facts["full"]
    if full_a and full_b:
        if full_a != full_b:
            return None  # two people of one surname
        return "error", (f"the same named person ({full_a}) is called {a.value} {a.slot[1]} by one account and "
                         f"{b.value} {a.slot[1]} by the other")
    return "warning", (f"one surname ({a.slot[0]}) is called {a.value} {a.slot[1]} by one account and {b.value} "
                       f"{a.slot[1]} by the other; one account gives no first name, so it may be another person")


# --------------------------------------------------------------------------- votes and routes


def _votes(sentence: SentenceView) -> list[Detail]:
    text = sentence.text
    kinds = cue_list("vote_kinds.tsv").find(text)
    if not kinds:
        return []
    out = []
    quantities = [q for q in find_quantities(text) if not q.percent and q.value >= 1 and q.dimension is None]
    for i, q in enumerate(quantities):
        end = quantities[i + 1].start if i + 1 < len(quantities) else len(text)
        end = min(end, q.end + 120)
        lo, hi = _clause(text, q.start, q.end)
        kind = q.role if q.role in ("abstained", "absent") else None
        if kind is None:
            near = [k for k in kinds if q.end <= k[0] < min(end, max(hi, q.end))]
            kind = near[0][3] if near else None
        if kind is None:
            continue
        cue = next((k[2] for k in kinds if k[3] == kind and k[0] >= q.start), kind)
        shown = q.text if cue.lower() in q.text.lower() else f"{q.text} ({cue})"
        out.append(Detail("vote", (f"{q.value:g}",), kind, shown, sentence.ref))
    return out


_PLACE = r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)"
_VEHICLE = r"(?:flight|plane|jet|aircraft|airliner|train|bus|ship|ferry|vessel|Flight\s+[A-Z0-9-]*\d+)"
_DESTINATION = re.compile(
    rf"\b{_PLACE}-bound\b|\bbound for {_PLACE}|\b(?:headed|heading|en route|destined) (?:to|for) {_PLACE}"
    rf"|\bon (?:its|their) way to {_PLACE}"
)
_ORIGIN = re.compile(
    rf"\b{_VEHICLE} from {_PLACE}|\boriginat(?:ed|ing) (?:in|from|at) {_PLACE}"
    rf"|\b(?:departed|departing|took off from|taking off from) (?:from )?{_PLACE}"
)


def _routes(sentence: SentenceView) -> list[Detail]:
    out = []
    for pattern, role in ((_DESTINATION, "destination"), (_ORIGIN, "origin")):
        for m in pattern.finditer(sentence.text):
            place = re.sub(r"^(?:The|A|An|This|That)\s+", "", next(g for g in m.groups() if g))
            out.append(Detail("route", (place.split()[0].split("-")[0],), role, m.group().strip(), sentence.ref))
    return out


_VOTE_WORDS = re.compile(r"\b(?:vot\w*|ballot\w*|abstain\w*|abstention\w*|in favou?r|against)\b", re.I)


def _grade_vote(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _VOTE_WORDS.search(sa.text.replace(a.text, "")) and _VOTE_WORDS.search(sb.text.replace(b.text, "")):
        return "error", (f"the same count of members ({a.slot[0]}) is said to have {a.value} by one account and "
                         f"to have been {b.value} by the other: abstaining is a vote cast, absence is none")
    return "warning", (f"the same count ({a.slot[0]}) {a.value} in one account and {b.value} in the other, but a "
                       "sentence does not say it is about the vote")


def _grade_route(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    return "warning", (f"{a.slot[0]} is the {a.value} in one account and the {b.value} in the other; whether both "
                       "speak of the same vehicle is not certain")


def _same_value(a: Detail, b: Detail) -> bool:
    return a.value == b.value


KINDS: dict[str, KindSpec] = {
    "time": KindSpec("time", "date", lambda d: f"time of the {d.slot[0]}", _same_time, _grade_time),
    "aircraft": KindSpec("aircraft", "entity", lambda d: f"{d.slot[0]} model", _same_aircraft, _grade_aircraft),
    "flight": KindSpec("flight", "entity", lambda d: "flight number", _same_flight, _grade_flight),
    "title": KindSpec("title", "entity", lambda d: f"title of {d.slot[0]}", _same_title, _grade_title),
    "vote": KindSpec("vote", "number", lambda d: f"what {d.slot[0]} members did in the vote", _same_value, _grade_vote),
    "route": KindSpec("route", "entity", lambda d: f"route: {d.slot[0]}", _same_value, _grade_route),
    "day": KindSpec("day", "date", lambda d: f"day of the {d.slot[0]}", _same_day, _grade_day),
}

_EXTRACTORS: tuple[Callable[[SentenceView], list[Detail]], ...] = (_aircraft, _flights, _titles, _votes, _routes)
