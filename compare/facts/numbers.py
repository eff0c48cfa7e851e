"""Quantities: value, qualifier ("more than", "about") and the noun they count.

"225 people were killed" -> value 225, noun "peopl", verb "kill"; "more than 4,500 were
injured" -> 4500, qualifier class "more", counted by "injur"; "six member states" -> 6,
noun "state".  Years, dates, phone numbers and ordinals are not quantities.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from compare.facts.common import CLOSE_SIMILARITY, diff_sides, discrepancy, side_pairs
from compare.facts.context import SentenceView, Side
from compare.facts.lexicon import number_qualifiers, number_words
from compare.facts.slots import CONVERSION_SHARE, interval, overlap, role_of, scope_of, unit_of
from compare.model import Claim, Discrepancy, Severity
from compare.textnorm import STOPWORDS, content_terms, fold, stem

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)?"
_NUM_RE = re.compile(rf"(?<![\w.,+\-/:#])(?:(?P<d>{_DIGITS})|(?P<w>{_WORD}))(?![\w/:]|[.,]\d|-\d)")
_PERCENT = re.compile(r"^\s*(%|percent\b|per cent\b)")
# Clock times are not quantities: "12:39 pm", "6 p.m.", "07:08 GMT", "19 hrs".
_TIME_AFTER = re.compile(
    r"^\s*(?:[ap]\.?\s?m\b\.?|gmt\b|utc\b|ist\b|est\b|edt\b|pst\b|pdt\b|cet\b|msk\b|hrs\b|hours?\s+gmt|o'clock)",
    re.I,
)
_TIME_BEFORE = re.compile(r"\d\s*[:.\-/]\s*$")
# A web address, also as a tokenizer leaves it ("http : / / variety . com / 2013 / film"):
# its numbers are dates, ids and slugs, not counts.
_URL = re.compile(
    r"\b(?:https?\s*:\s*/\s*/|www\s*\.)\s*[\w%\-]*(?:(?:\s*[/\-_?=&#]|\s*\.(?!\s+(?-i:[A-Z])))\s*[\w%]+)*", re.I
)
_SKIP_AFTER = frozenset({"percent"})
# Words after a counted noun that end the noun phrase: "four decades ago", "ten years later".
_TIME_WORDS = frozenset({"ago", "later", "earlier", "before", "after", "old", "long", "since"})
# Words after a measured noun that say where or how, not what: "200 miles north", "10 km deep".
_DIRECTION = re.compile(
    r"(?:north|south|east|west|away|off|offshore|inland|wide|deep|high|tall|across|apart|upstream|downstream)"
    r"(?:[\-]?(?:north|south|east|west)(?:ern|erly|ward)?)*(?:ern|erly|ward|wards)?",
    re.I,
)
# Two approximate values this close (relative difference) are a warning, not a conflict:
# "about 210 miles" against "some 200 miles".
APPROX_TOLERANCE = 0.1
AUX = frozenset(
    """were was are is been be have has had being got get people persons""".split()
) - {"people", "persons"}
# Between loose renderings, two numbers are compared only when this many content words
# around them are shared (besides the number and the counted noun).
MIN_SHARED_CONTEXT = 2
DateSpans = Callable[[SentenceView], list[tuple[int, int]]]
MONTHS_PATTERN = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str  # as written, qualifier included
    value: float
    qualifier: str | None  # the qualifier phrase, lower-cased
    qualifier_class: str | None
    noun: str | None  # stem of the counted noun
    noun_text: str | None
    percent: bool = False
    context: frozenset[str] = frozenset()  # content stems around it, the number and noun left out
    start: int = 0  # offsets of the number (qualifier included) in the folded text
    end: int = 0
    role: str | None = None  # what it counts in the event: killed, injured, on_board ... (slots.role_of)
    dimension: str | None = None  # distance, length, duration ... when given in a unit
    base: float = 0.0  # the value in the dimension's base unit (the value itself when unitless)
    scope: str | None = None  # a place that narrows it: "burnet county"
    conversion: bool = False  # a bracketed conversion of the number before it: "3 km (1.9 miles)"
    low: float | None = None  # the lower end, in base units, of a range "25 to 40 miles"

    @property
    def range(self) -> tuple[float, float]:
        """The values it allows, in base units ("at least 38" -> [38, inf))."""
        if self.low is not None:
            return self.low, self.base
        return interval(self.base, self.qualifier_class)

    @property
    def slot(self) -> tuple[str | None, str | None, str | None]:
        """(role, what it counts or its dimension, place scope): two numbers of one slot are comparable."""
        return self.role, self.dimension or self.noun, self.scope


def _word_value(word: str) -> tuple[float, str] | None:
    table = number_words()
    low = word.lower()
    if low in table:
        return table[low]
    if "-" in low:
        a, _, b = low.partition("-")
        if a in table and b in table and table[a][1] == "tens" and table[b][1] == "unit":
            return table[a][0] + table[b][0], "unit"
    return None


def find_quantities(text: str, masked: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in ``text`` (folded here); spans in ``masked`` (dates) are skipped."""
    return list(_quantities(text, tuple(masked or ())))


_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS_PATTERN, key=len, reverse=True)) + r")\.?\s*$", re.I)
_ID_BEFORE = re.compile(r"\b(?:flight|flights|no\.?|number|route|highway|interstate|bus|room|gate|platform|#)\s*$", re.I)
# "4 1/2", "4½": a whole number and a fraction are one value.
_FRACTION = re.compile(r"\s*(?:(\d)\s*/\s*(\d{1,2})(?![\d/])|([½¼¾⅓⅔]))")
_FRACTION_CHARS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# "19 Sept. 11 hijackers": a count, then a date used as a name, then what is counted.
_DATE_AS_NAME = re.compile(r"\s*(?:" + "|".join(sorted(MONTHS_PATTERN, key=len, reverse=True)) + r")\.?\s+\d{1,2}\s+(?=[a-z])", re.I)


@lru_cache(maxsize=50_000)
def _quantities(text: str, masked: tuple[tuple[int, int], ...]) -> tuple[Quantity, ...]:
    text = fold(text)
    out: list[Quantity] = []
    matches = list(_NUM_RE.finditer(text))
    masked = masked + tuple((u.start(), u.end()) for u in _URL.finditer(text))
    i = 0
    while i < len(matches):
        m = matches[i]
        i += 1
        start, end = m.start(), m.end()
        if any(s <= m.start() < e for s, e in masked) and not _DATE_AS_NAME.match(text[end:]):
            continue
        if m.group("d") and (_TIME_AFTER.match(text[end:]) or _TIME_BEFORE.search(text[max(0, start - 4) : start])):
            continue
        if _ID_BEFORE.search(text[max(0, start - 12) : start]):
            continue  # "Flight 8432", "No. 5", "Route 66": a name, not a count
        if _MONTH_BEFORE.search(text[max(0, start - 12) : start]):
            continue  # "Sept. 11", "March 3": a day of a month
        if re.search(r"/\s*$", text[max(0, start - 3) : start]) or re.match(r"\s*/", text[end:]):
            continue  # a segment of a web address or a path: "com / 2013 / aug / 02 /"
        vague = False
        if m.group("d"):
            raw = m.group("d")
            if len(raw) >= 6 and "," not in raw and "." not in raw:
                continue  # an identifier or a code, not a count
            if len(raw) >= 4 and raw.isdigit() and re.match(r"\s+[A-Z]", text[end:]):
                continue  # "2013 Ellen DeGeneres", "6206 Gary Ross": a year or a code before a name
            value = float(raw.replace(",", ""))
            if "." not in raw and 1800 <= value <= 2100 and "," not in raw:
                # A bare four-digit number in that range is a year unless a count noun follows.
                nxt = _next_words(text, end, 1)
                if not nxt or nxt[0].lower() in STOPWORDS or nxt[0][0].isupper():
                    continue
            frac = _FRACTION.match(text[end:])
            if frac and "." not in raw and (frac.group(3) or int(frac.group(1)) < int(frac.group(2))):
                value += _FRACTION_CHARS[frac.group(3)] if frac.group(3) else int(frac.group(1)) / int(frac.group(2))
                end += frac.end()
                while i < len(matches) and matches[i].start() < end:
                    i += 1
        else:
            wv = _word_value(m.group("w"))
            if wv is None or wv[1] == "scale":
                continue
            value = wv[0]
            vague = wv[1] == "approx"  # "dozens", "hundreds": many, at least half the table's value
        # A scale word right after ("4.5 million", "six thousand", "two dozen").
        while i < len(matches) and not text[end : matches[i].start()].strip():
            scale_word = matches[i].group("w")
            sv = _word_value(scale_word) if scale_word else None
            if sv is None or (sv[1] != "scale" and scale_word.lower() != "dozen"):
                break
            value *= sv[0]
            end = matches[i].end()
            i += 1
        hyphen_scale = re.match(r"-(thousand|million|billion|trillion)\b", text[end:], re.I)
        if hyphen_scale:  # "$140-million bid"
            value *= number_words()[hyphen_scale.group(1).lower()][0]
            end += hyphen_scale.end()
        percent = bool(_PERCENT.match(text[end:]))
        if percent:
            end += _PERCENT.match(text[end:]).end()  # type: ignore[union-attr]
        noun_from = end
        date_name = _DATE_AS_NAME.match(text[end:])
        if date_name:
            noun_from = end + date_name.end()
            while i < len(matches) and matches[i].start() < noun_from:
                i += 1
        after = _next_words(text, noun_from, 4)
        if after and after[0].lower() in MONTHS:
            continue
        qualifier, qclass, qstart = _qualifier(text, start)
        if vague:
            value, qualifier, qclass = value / 2, None, "atleast"
        noun_text = _counted_noun(after)
        skip = set(content_terms(noun_text or "")) | set(content_terms(text[start:end]))
        around = content_terms(text[max(0, qstart - 60) : qstart])[-4:] + content_terms(text[end : end + 60])[:5]
        context = frozenset(t for t in around if t not in skip and not t.isdigit())
        unit = unit_of(noun_text, text[noun_from + len(noun_text or "") + 1 :])
        out.append(
            Quantity(
                text=text[qstart:end] + (" " + noun_text if noun_text else ""),
                value=value,
                qualifier=qualifier,
                qualifier_class=qclass,
                noun=stem(noun_text.split()[-1]) if noun_text else None,
                noun_text=noun_text,
                percent=percent,
                context=context,
                start=qstart,
                end=end,
                dimension=unit[0] if unit else ("percent" if percent else None),
                base=value * unit[1] if unit else value,
            )
        )
    return tuple(_with_slots(text, out))


# "36-year-old Duncan Rait", "31 - year - old flight attendant": the person or role after it.
_AGE = re.compile(r"\s*-?\s*years?\s*-?\s*old\s+(?P<who>(?:[A-Z][\w'\-]*\s*){1,3}|[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)")


# "Robert Vale, 32, died": the age of the person named just before.
_NAMED_AGE = re.compile(r"(?P<who>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*),\s*$")


_RANGE_BETWEEN = re.compile(r"\s*(?:to|and|-|\u2013|or)\s*")


def _with_slots(text: str, found: list[Quantity]) -> list[Quantity]:
    """Each quantity with its role and place scope (read up to its neighbours) and conversions marked."""
    out: list[Quantity] = []
    for k, q in enumerate(found):
        prev_end = found[k - 1].end if k else 0
        if k and out and not found[k - 1].noun and _RANGE_BETWEEN.fullmatch(text[found[k - 1].end : q.start]):
            # "between 25 to 40 miles", "25-40 miles": one range; the first number is its lower end
            factor = q.base / q.value if q.value else 1.0
            out[-1] = replace(out[-1], conversion=True)
            q = replace(q, low=found[k - 1].value * factor)
        next_start = found[k + 1].start if k + 1 < len(found) else len(text)
        conversion = bool(
            k
            and q.dimension
            and q.dimension == found[k - 1].dimension
            and q.noun != found[k - 1].noun
            and re.fullmatch(r"[\s\w\-.]*\(\s*(?:about|some|around|roughly|approximately|or|nearly)?\s*",
                             text[found[k - 1].end : q.start].split(found[k - 1].noun_text or "\0", 1)[-1])
        )
        named_age = _NAMED_AGE.search(text, 0, q.start) if re.match(r"\s*,", text[q.end :]) else None
        if named_age and named_age.end() == q.start and q.value < 120 and q.value == int(q.value):
            out.append(replace(q, role="age", dimension="age", noun=None, base=q.value, scope=named_age.group("who").lower()))
            continue
        age = _AGE.match(text, q.end)
        if age:  # "a 36-year-old climber", "Duncan Rait, 36-year-old": an age, of whom it says
            out.append(replace(q, role="age", dimension="age", noun=None, base=q.value,
                               scope=age.group("who").strip().lower(), conversion=False))
            continue
        if re.search(r"\baged\s*$", text[max(0, q.start - 8) : q.start], re.I):
            out.append(replace(q, role="age", dimension="age", noun=None, base=q.value, scope=None))
            continue
        out.append(
            replace(
                q,
                role=role_of(text, q.start, q.end, prev_end, next_start),
                scope=scope_of(text, q.start, q.end, prev_end, next_start),
                conversion=conversion,
            )
        )
    return out


def _next_words(text: str, pos: int, n: int) -> list[str]:
    seg = text[pos : pos + 80]
    stop = re.search(r"[.,;:!?()\"]", seg)
    if stop:
        seg = seg[: stop.start()]
    return re.findall(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", seg)[:n]


def _counted_noun(after: list[str]) -> str | None:
    """The noun a number counts: the last word of the run of content words after it."""
    run: list[str] = []
    table = number_words()
    for w in after:
        low = w.lower()
        if low in AUX and not run:
            continue  # "4,500 were injured": the participle says what is counted
        if low in STOPWORDS or low in AUX or low in _SKIP_AFTER or low in table or _word_value(low) or low in _TIME_WORDS:
            break
        if run and _DIRECTION.fullmatch(low):
            break
        run.append(w)
        if len(run) == 2:
            break
    return " ".join(run).lower() if run else None


def _qualifier(text: str, start: int) -> tuple[str | None, str | None, int]:
    before = text[max(0, start - 30) : start]
    best = None
    for s, e, phrase, cls in number_qualifiers().find(before):
        if not before[e:].strip().lstrip("US").strip("$€£¥ "):
            best = (phrase.lower(), cls, max(0, start - 30) + s)
    if best:
        return best
    return None, None, start


def format_value(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


# Qualifier pairs that say the same: "3.5%" and "at least 3.5%", "200 feet" and "about 200 feet".
_COMPATIBLE_QUALIFIERS = frozenset(
    frozenset(p) for p in (("exact", "atleast"), ("exact", "upto"), ("exact", "approx"), ("atleast", "more"),
                           ("less", "upto"), ("nearly", "approx"), ("nearly", "less"), ("approx", "atleast"),
                           ("approx", "upto"))
)


def thing(q: Quantity) -> str | None:
    """What a quantity measures or counts: its dimension ("distance") or its counted noun."""
    return q.dimension or q.noun


def compare_pair(x: Quantity, y: Quantity, close: bool) -> tuple[Severity, str] | None:
    """(severity, reason) when two quantities of one slot conflict, else None.

    ``error`` only when both clearly state the same slot: the same thing in the same role and
    place, ranges (qualifiers and units applied) that do not meet.  A role or place stated on
    one side only is a ``warning`` in an edited copy (``close``) and no finding otherwise.
    """
    if thing(x) != thing(y) or x.percent != y.percent:
        return None
    share = CONVERSION_SHARE if x.noun != y.noun and x.dimension else 0.0
    if overlap(x.range, y.range, share):
        return None
    if x.role != y.role:
        if x.role and y.role:
            return None  # "67 on board" and "38 killed": two facts
        if not close:
            return None
        return "warning", "what is counted (killed, on board ...) is said on one side only"
    if x.scope != y.scope:
        if not close or (x.scope and y.scope):
            return None  # two places (or two people's ages): two facts
        return "warning", f"the place differs ({x.scope or 'none named'} vs {y.scope or 'none named'})"
    if x.role is None and not close and not x.dimension:
        return "warning", f"same counted noun ({x.noun_text}) but its role in the event is not stated"
    both = "approx" in (x.qualifier_class, y.qualifier_class) and "approx" == x.qualifier_class == y.qualifier_class
    if both:
        return "warning", "both values are approximate"
    what = x.role or x.dimension or x.noun_text
    unit = " after unit conversion" if share else ""
    return "error", f"same slot ({what}), same place; the values{unit} cannot both hold, qualifiers included"


def check_numbers(claim: Claim, sides: list[Side], date_spans: DateSpans) -> list[Discrepancy]:
    """Different values for one slot (error or warning, graded); a qualifier changed in a copy (warning)."""
    out = []
    for a, b in side_pairs(sides):
        qa = [q for v in a.sentences for q in find_quantities(v.text, date_spans(v)) if not q.conversion]
        qb = [q for v in b.sentences for q in find_quantities(v.text, date_spans(v)) if not q.conversion]
        if not qa or not qb:
            continue
        pairs = _pair(qa, qb)
        close = diff_sides(a.text, b.text)[1] >= CLOSE_SIMILARITY
        refs = [*a.refs, *b.refs]
        for x, y, same_noun in pairs:
            if not close and len(x.context & y.context) < MIN_SHARED_CONTEXT and not (x.role and x.role == y.role):
                continue  # too little around the two numbers says they count the same thing
            if x.value != y.value or x.noun != y.noun:
                graded = compare_pair(x, y, close) if same_noun else None
                if graded is None:
                    continue
                severity, reason = graded
                out.append(
                    discrepancy(
                        "number",
                        severity,
                        f'{a.name}: "{x.text}" vs {b.name}: "{y.text}"',
                        refs,
                        claim.id,
                        kind="value",
                        key=f"number:{thing(x)}",
                        subject=x.noun_text,
                        values={a.name: f'"{x.text}"', b.name: f'"{y.text}"'},
                        numbers={a.name: x.value, b.name: y.value},
                        outlets=[a.name, b.name],
                        role=x.role,
                        grade_reason=reason,
                    )
                )
            elif close and _qualifiers_differ(x, y):
                out.append(
                    discrepancy(
                        "number",
                        "warning",
                        f'{a.name}: "{x.text}" vs {b.name}: "{y.text}" (qualifier differs)',
                        refs,
                        claim.id,
                        kind="qualifier",
                        key=f"number:{x.noun}:qualifier",
                        subject=x.noun_text,
                        values={a.name: f'"{x.text}"', b.name: f'"{y.text}"'},
                        numbers={a.name: x.value, b.name: y.value},
                        qualifiers={a.name: x.qualifier, b.name: y.qualifier},
                        outlets=[a.name, b.name],
                        grade_reason="an otherwise close copy changes the qualifier of the same number",
                    )
                )
    return out


def _qualifiers_differ(x: Quantity, y: Quantity) -> bool:
    cx, cy = x.qualifier_class or "exact", y.qualifier_class or "exact"
    return cx != cy and frozenset((cx, cy)) not in _COMPATIBLE_QUALIFIERS


def _pair(qa: list[Quantity], qb: list[Quantity]) -> list[tuple[Quantity, Quantity, bool]]:
    """Pairs (a, b, same counted thing) worth comparing.

    Quantities of the same thing (noun, or dimension when given in a unit) pair up, an equal
    value first.  Left-over quantities of equal value pair up whatever they count, so that only
    their qualifiers are compared; left-over quantities of different values and different
    things are different facts, not a conflict.
    """
    pairs: list[tuple[Quantity, Quantity, bool]] = []
    # Same-thing candidates, best first: the same role, an equal value, then the most shared
    # surrounding words, so that neither side's first quantity takes a partner that fits another one better.
    ranked = sorted(
        (-(x.role == y.role), -(abs(x.base - y.base) <= CONVERSION_SHARE * max(x.base, y.base)),
         -len(x.context & y.context), i, j)
        for i, x in enumerate(qa)
        for j, y in enumerate(qb)
        if thing(x) and thing(x) == thing(y) and (not x.role or not y.role or x.role == y.role)
    )
    options_a = Counter(i for *_r, i, _j in ranked)
    options_b = Counter(j for *_r, _i, j in ranked)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for same_role, exact, shared, i, j in ranked:
        if i in used_a or j in used_b:
            continue
        if not exact and (options_a[i] > 1 or options_b[j] > 1) and -shared <= MIN_SHARED_CONTEXT and not same_role:
            continue  # several quantities of that thing and little to tell which is which
        if not exact and (options_a[i] > 1 or options_b[j] > 1) and -shared <= MIN_SHARED_CONTEXT and not qa[i].role:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((qa[i], qb[j], True))
    left_a = [x for i, x in enumerate(qa) if i not in used_a]
    left_b = [y for j, y in enumerate(qb) if j not in used_b]
    for x in left_a:
        same_value = [y for y in left_b if y.value == x.value]
        if same_value:
            left_b.remove(same_value[0])
            pairs.append((x, same_value[0], False))
    return pairs
