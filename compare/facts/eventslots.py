"""The event's facts as slots, compared across accounts even where no sentences were aligned.

Each account's counted facts are read from every sentence it has (``numbers.find_quantities``):
a number with a role ("killed", "survived", "on board" ...) or a counted noun that is itself
a role ("passengers", "crew", "troops"), keyed by (role, what is counted, place).  An account
whose own figures for a slot disagree with each other (a toll that "rose from 27 to 43") gives
no value for it.  Two accounts whose values for one slot cannot both hold (qualifiers applied)
are a conflict naming both values, both sentences and the outlets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import combinations
from math import isclose

from compare.facts.common import discrepancy, quoted
from compare.facts.context import EventView, SentenceView
from compare.facts.datecheck import DateIndex, DateMention, find_date_mentions, parse_reference
from compare.facts.lexicon import cue_list, gazetteer, gazetteer_regex
from compare.facts.numbers import Quantity, find_quantities, is_gap, spread_agrees, spread_grade
from compare.facts.slots import CONVERSION_SHARE, near_approximation, overlap, people_group
from compare.model import Discrepancy, SentenceRef, Severity
from compare.textnorm import stem

# Groups and nouns counted for themselves even with no role stated: "64 passengers", "700 troops".
COUNT_GROUPS = frozenset({"passenger", "crew", "cabin crew", "soldier", "peacekeeper", "hostage", "prisoner"})
COUNT_NOUNS = frozenset("vote deleg member seat lawmak".split())
# Nouns that say nothing more than "people": "38 people killed" and "38 killed" are one slot.
PEOPLE_NOUNS = frozenset(
    {"peopl", "person", "individu", "resid", "victim", "live", "dead", "death", "fatal", "survivor", "bodi", "other"}
)
# Words after a number that are not what it counts: "47 are still missing", "2,376 have been injured".
_FILLER = frozenset("still now more so far total all confirmed reported remain remaining in at on".split())
# A clause that forecasts, fears, estimates or recalls an earlier figure does not state the event's figure.
_HEDGED = re.compile(
    r"\b(?:could(?!\s+be\s+(?:felt|heard|seen)\b)|may|might|feared|fears|expected to|likely to|projected|estimates?d?|would|if|unconfirmed|"
    r"outlines?|calls? for|provides? for|envisages?|"
    r"earlier|once|initial|initially|previously|prior(?! to)|previous|first reported|at first|preliminary|up from|down from|"
    r"(?:was|were) (?:going|set|planning|poised) to)\b",
    re.I,
)
# Where a hedge stops: "the toll has risen to over 1,000, with fears it could climb".
_CLAUSE_END = re.compile(r";|,\s*(?:but|as|with|while|though|although|whereas|down from|up from)\b|\s-\s|\bbut\b|[.!?]\s"
                         # "the toll could rise as 37 of the injured were in serious condition": a new clause
                         r"|\s(?:as|because|since|after|while)\s+(?=(?:(?:at least|more than|about|over|nearly|around|some)\s+)?\d)")
# A quotation that is an official statement of figures: 'the ministry reported that "29 survivors ..."'.
_REPORTED_FIGURE = re.compile(r"\b(?:reported|announced|confirmed|said in a statement|statement said)\b(?:\s+that)?\s*(?:…|\.\.\.)?\s*$|"
                              r"\b(?:reported|announced|confirmed)\s+that\b", re.I)
# A figure given as the account's current one: "now", "so far", "has risen to", "latest".
_CURRENT = re.compile(r"\b(?:now|later|so far|latest|bringing\b.{0,60}\bto|as of|has risen to|had risen to|rose to|risen to|climbed to|jumped to|reached|updated|revised)\b", re.I)
# Roles whose counts a conflict is told about (others, such as a distance without a role, are not slots).
SLOT_ROLES = frozenset(
    "killed injured critical serious hospitalised survived missing on_board bodies displaced arrested "
    "votes_for votes_against abstained absent age abducted".split()
)
# A vague amount is loose at its top when an account's figure is set against it: "dozens" (under 120
# read alone) holds 127 survivors; "dozens injured" against "more than 300 injured" still conflicts.
VAGUE_LOOSENESS = 2.0
# Spans that are no measure of the event: the time left on a clock ("with 31 seconds remaining", "with just
# under five minutes left") and a person's tenure ("a 28-year veteran of the force").
NOT_EVENT_SPANS = frozenset({"remain", "left", "veteran", "career", "tenur"})
# Measurements compared as slots: what is measured and of what ("storeys" of a building).
MEASURES = frozenset({"storeys", "magnitude", "rise", "depth", "height", "duration", "share", "distance", "money"})


@dataclass(frozen=True, slots=True)
class SlotValue:
    story: str
    ref: SentenceRef
    quantity: Quantity
    current: bool = False  # said as the account's latest figure ("has risen to", "now")
    day: dt.date | None = None  # the day its clause names ("rescued three on Monday"): a figure of that day


@dataclass(frozen=True, slots=True)
class Settled:
    """An account's value for a slot, and whether it stated only that one."""

    value: SlotValue
    certain: bool
    values: tuple[SlotValue, ...] = ()  # every distinct value, for slots with several (ages of a group)


# Vehicles a group word may modify ("two passenger trains", "three school buses"): what is counted is the vehicle.
_VEHICLE_WORDS = frozenset("train trains bus buses coach coaches plane planes jet jets aircraft flight flights ship ships boat "
                           "boats ferry ferries vessel vessels car cars truck trucks van vans vehicle vehicles".split())


def counted_thing(q: Quantity) -> str | None:
    """What a count is of: a group of people ("child", "passenger"), "people" in general, or
    another noun (stem); None when it counts nothing a person is."""
    if " and " in (q.noun_text or ""):
        return "passenger and crew"  # "181 passengers and crew": everyone on board
    last = (q.noun_text or "").split()[-1:]
    if last and last[0] in _VEHICLE_WORDS:
        return stem(last[0])  # "two passenger trains": trains, not passengers
    group = people_group(q.noun_text or "")
    if group:
        return group
    words = [w for w in re.split(r"[\s\-]+", (q.noun_text or "").lower()) if w]
    if not words:
        return "people"
    if stem(words[-1]) in PEOPLE_NOUNS or _names_a_role(q.noun_text or "") or all(
        stem(w) in PEOPLE_NOUNS or w in _FILLER or cue_list("count_roles.tsv").find(w) or re.search(r"(?:ed|ing|ly)$", w)
        for w in words
    ):
        return "people"  # "2,376 have been injured", "68 others missing", "three storm-related deaths"
    stems = [stem(w) for w in words]
    return next((w for w in stems if w in COUNT_NOUNS), stems[-1])


def _names_a_role(noun_text: str) -> bool:
    """"three critical injuries", "two serious injuries": the counted noun ends in a role word."""
    words = noun_text.split()
    return bool(words) and bool(cue_list("count_roles.tsv").find(words[-1]))


def slot_key(q: Quantity) -> tuple[str, str, str] | None:
    """(role, counted or measured thing, place) of a quantity that states an event fact, or None."""
    key = _slot_key(q)
    if key and q.extreme and key[0] in MEASURES:
        return key[0], f"{q.extreme} {key[1]}", key[2]  # "a maximum altitude of": not the altitude at a moment
    return key


def _slot_key(q: Quantity) -> tuple[str, str, str] | None:
    if q.dimension == "percent" and q.activity and not q.partial and q.low is None:
        return "share", q.activity, q.scope or q.holder or ""  # "turnout was 71.63%" (a candidate's share: theirs)
    if q.money:
        return ("money", q.activity, "") if q.activity and not q.partial else None  # "ordered to forfeit $11.2 billion"
    if q.percent or (q.partial and (not q.scope or q.scope.startswith("the "))):  # (a site does not make a part a count)
        return None  # "the other nine deaths", "another 5.1-magnitude quake" (but "an additional four in Travis County")
    if q.dimension in ("storeys", "magnitude") or (q.dimension in ("length", "distance") and q.role in ("rise", "depth", "height")):
        if q.partial:
            return None
        measure = q.role if q.role in ("rise", "depth", "height") else q.dimension
        return (measure, q.subject, "") if q.subject else None  # "30-storey building": storeys of a building
    if q.dimension == "duration" and q.activity == "sentenc sought":
        return None  # a term asked for by someone not named as a party: not comparable
    if q.dimension == "duration" and is_gap(q.activity):
        return None  # "70 minutes after the smoke": the time between two moments, told of many moments in one event
    if q.dimension == "duration" and q.activity in NOT_EVENT_SPANS:
        return None  # "with 12 seconds left", "a 28-year veteran": a clock reading or a person's tenure
    if q.dimension == "duration" and q.activity and not q.partial:
        place = "" if q.activity == "after departure" else q.scope or ""  # "... after setting sail from X in Leyte": X is the port
        return "duration", q.activity, place  # "13 hours of deliberation"
    if q.dimension == "distance" and q.anchor:
        return None if q.partial else ("distance", q.anchor, "")  # "60 km from Kanpur": the distance from there
    if q.dimension not in (None, "age"):
        return None
    if q.role == "age":
        return ("age", "people", q.scope) if q.scope else None  # an age of nobody named is no slot
    thing = counted_thing(q)
    if thing is None:
        return None
    if q.role in SLOT_ROLES:
        if thing != "people" and not people_group(q.noun_text or "") and " and " not in (q.noun_text or ""):
            return None  # "killed 12 cattle", "injured three officers' horses": too open to compare
        if thing not in ("people", "passenger and crew"):
            origin = [w for w in _modifiers(q) if _DEMONYM.search(w)]
            thing = " ".join([*origin, thing])  # "323 Egyptian pilgrims" died: a part of the pilgrims who died
        return q.role, thing, q.scope or ""
    if q.role is None and (thing in COUNT_GROUPS or thing in COUNT_NOUNS) and not q.ambiguous and not (q.noun or "").endswith("-"):
        # (not "the 300-member parliament": the size of a body, not the members who acted)
        if thing in COUNT_GROUPS:
            thing = " ".join([*_modifiers(q), thing])  # "13 Israeli hostages": a part of the hostages, not all of them
        return "count", thing, q.scope or ""
    return None


# A word of origin before a group ("Egyptian", "Japanese", "Israeli", "British"), not a name ("Mystic Camp campers").
_DEMONYM = re.compile(r"(?:an|ese|i|ish)$")


def _modifiers(q: Quantity) -> list[str]:
    """The words before a counted group's word ("13 Israeli hostages" -> israeli; not "passengers hit")."""
    words = (q.noun_text or "").split()
    at = next((i for i, w in enumerate(words) if people_group(w) or stem(w) in COUNT_NOUNS), len(words) - 1)
    return [w for w in words[:at] if w not in _FILLER and stem(w) not in PEOPLE_NOUNS and not cue_list("count_roles.tsv").find(w)]


def account_slots(view: EventView, dates: DateIndex, story: str) -> dict[tuple[str, str, str], list[SlotValue]]:
    """Every stated slot value of one account, by slot (figures in hedged clauses left out)."""
    out: dict[tuple[str, str, str], list[SlotValue]] = defaultdict(list)
    # An account without a date is read against the event's date, so that "In February, a quake killed
    # 612" in an undated account of a November quake is still another event's toll.
    story_date = view.stories[story].date
    reference_date = story_date or view.event.date
    reference = parse_reference(reference_date)
    for sentence in view.story_sentences(story):
        mentions = dates.mentions(sentence) if story_date else find_date_mentions(sentence.text, reference)
        if sentence.role != "body" or _dated_long_before(mentions, reference):
            continue
        for q in find_quantities(sentence.text, dates.spans(sentence)):
            if q.conversion:
                continue
            if _in_quote(sentence, q):
                if not _REPORTED_FIGURE.search(sentence.narrative):
                    continue  # speech: a figure someone mentions, not one the account reports
                q = replace(q, inherited=True)  # 'the ministry reported that "29 survivors ..."': a warning at most
            clause = _clause(sentence.text, q)
            if _HEDGED.search(clause) or _old_figure(sentence.text, q):
                continue
            if _of_earlier_event(sentence.text, q, mentions, reference_date):
                continue  # "the October 7 attack, which killed 1,200": another event's toll
            if _earlier_phase(clause, mentions, sentence.text, reference):
                continue  # "the cyclone had killed 100 people and injured dozens in late February"
            if q.vague and q.low is not None:
                q = replace(q, base=q.base * VAGUE_LOOSENESS)  # "dozens of survivors" holds 127, not 300
            key = slot_key(q)
            if key:
                current = bool(_CURRENT.search(clause))
                day = _day_of(clause, mentions, sentence.text) if key[0] in DAILY_ROLES and not current else None
                out[key].append(SlotValue(story, sentence.ref, q, current, day))
    return out


# Roles counted by acts done on a day ("rescued three on Monday", "found 11 bodies on Tuesday"): two days' acts are
# two figures.  A toll is a running total ("153 killed as of Sunday", "154 on Monday" conflict).
DAILY_ROLES = frozenset({"survived", "bodies", "arrested", "displaced"})
# A past perfect ("had killed", "had already left"): told of a time before the account's own events.
_PAST_PERFECT = re.compile(r"\bhad\s+(?:already\s+|earlier\s+|previously\s+)?(?!been\b)(?:[a-z]+(?:ed|en)|left|hit|struck|brought)\b", re.I)
# An earlier phase lies at least this many days before the account's date.
EARLIER_PHASE_DAYS = 7


def _earlier_phase(clause: str, mentions: list[DateMention], text: str, reference: dt.date | None) -> bool:
    """A count in a past-perfect clause that names a day or month a week or more before the account: an earlier
    phase of the event ("The cyclone had killed over 100 people and injured dozens in late February"), not
    its current figure ("had killed 20 by Monday" in a Tuesday story stays)."""
    if reference is None or not _PAST_PERFECT.search(clause):
        return False
    at = text.find(clause)
    for d in mentions:
        if at < 0 or not at <= d.start < at + len(clause) or d.value is None or d.granularity == "year":
            continue
        if (reference - d.span()[1]).days >= EARLIER_PHASE_DAYS:
            return True
    return False


def _day_of(clause: str, mentions: list[DateMention], text: str) -> dt.date | None:
    """The one day a count's clause names ("eight were rescued on Sunday"), else None."""
    at = text.find(clause)
    days = {d.value for d in mentions if d.granularity == "day" and d.role == "at" and d.value is not None
            and at >= 0 and at <= d.start < at + len(clause)}
    return days.pop() if len(days) == 1 else None


def _clause(text: str, q: Quantity) -> str:
    """The clause a quantity stands in (hedges count only there)."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text) if m.end() <= q.start]
    end = _CLAUSE_END.search(text, q.end)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


# Words for an event whose toll a sentence may recall.
_EVENT_NOUN = (r"(?:attacks?|massacre|shooting|bombings?|raids?|strikes?|crash|explosion|war|assault|invasion|offensive|"
               r"earthquake|quake|fire|floods?|storm|hurricane|typhoon|cyclone|riots?|uprising|disaster|tragedy|"
               r"accident|sinking|collapse|derailment|tsunami|crush|stampede|blast|landslides?)")
# An event noun with a date before it and a relative clause after it, up to the number:
# "the October 7 massacre in southern Israel, which killed around ", "the 2019 attack that left ",
# "a tsunami that killed " (dated after the number: "... 61 people in 1960").
_EVENT_NOUN_RE = re.compile(r"\b" + _EVENT_NOUN + r"\b", re.I)
_DATED_EVENT = re.compile(r"\b" + _EVENT_NOUN + r"\b[^.;]{0,60}?\b(?:which|that)\s+(?:[a-z]+\s+){0,3}$", re.I)
# A sentence that opens on another event of the kind: "Another train accident ... last year left 39 dead".
_OTHER_EVENT_LEAD = re.compile(
    r"^\W*(?:another|a previous|an earlier|a similar|last year's)\s+(?:[\w\-]+\s+){0,3}?" + _EVENT_NOUN + r"\b", re.I
)
# A year a few words before the event noun ("the 2014 Sewol ferry disaster"), or a "when" clause
# after a year ("since 2014, when the ferry sank and killed 304 people").
_YEAR_BEFORE = re.compile(r"\b(1[89]\d\d|20\d\d)\s+(?:[\w'\-]+\s+){0,3}$")
_YEAR_WHEN = re.compile(r"\b(?:in|since)\s+(?:the\s+)?(1[89]\d\d|20\d\d),?\s+when\b[^.;]{0,160}$", re.I)
EARLIER_EVENT_DAYS = 3
# A sentence that sets the event beside another one, brought in with an indefinite article (a new event, not "the
# bombing" the reader knows), and tells that one's toll in a relative clause: "The collapse follows a fire at a
# factory that killed 112 people", "the deadliest since a 2015 quake that killed 9,000", "it
# recalls a similar disaster, which left 40 dead" (up to the number).
_RECALLED_EVENT = re.compile(
    r"\b(?:follows|followed|(?:comes|came)\s+(?:just\s+|only\s+)?(?:(?:[\w\-]+\s+)?(?:days|weeks|months|years)\s+)?after|since|recalls|recalled|recalling|echoes|echoed|echoing|"
    r"reminiscent\s+of|similar\s+to|worse\s+than|deadlier\s+than)\s+(?:a|an|last\s+\w+'s|another|an\s+earlier|a\s+previous|"
    r"a\s+similar)\s+(?:[\w\-']+\s+){0,3}?" + _EVENT_NOUN + r"\b[^.;]{0,80}?\b(?:that|which)\s+(?:[a-z]+\s+){0,3}$",
    re.I,
)


def _of_earlier_event(text: str, q: Quantity, mentions: list[DateMention], published: str | None) -> bool:
    """A count told of another, dated event: in a relative clause about an event dated well before
    the account ("the October 7 massacre, which killed around 1,200"; "a tsunami that killed 61
    people in 1960"), or in a sentence that opens on another such event and dates it ("Another
    train accident in March last year left 39 dead")."""
    if _RECALLED_EVENT.search(text, max(text.rfind(". ", 0, q.start) + 1, 0), q.start):
        return True  # "The collapse follows a fire at a factory that killed 112": the toll of the fire recalled
    reference = parse_reference(published)
    if reference is None:
        return False

    def other_time(d: DateMention) -> bool:
        return d.value is not None and ((reference - d.value).days > EARLIER_EVENT_DAYS or d.value > reference)

    if _OTHER_EVENT_LEAD.match(text) and any(other_time(d) for d in mentions):
        return True
    sentence_start = max(text.rfind(". ", 0, q.start) + 1, 0)
    when = _YEAR_WHEN.search(text, sentence_start, q.start)
    if when and int(when.group(1)) < reference.year:
        return True  # "the worst since 2014, when the ferry Sewol sank ... and killed 304 people"
    nouns = list(_EVENT_NOUN_RE.finditer(text, sentence_start, q.start))
    m = _DATED_EVENT.match(text, nouns[-1].start(), q.start) if nouns else None
    if not m or m.end() != q.start:
        return False
    clause_end = _CLAUSE_END.search(text, q.end)
    after_end = clause_end.start() if clause_end else len(text)
    for d in mentions:
        before = d.end <= m.start() and len(text[d.end : m.start()].split()) <= 3
        after = (q.end <= d.start < after_end and len(text[q.end : d.start].split()) <= 6
                 and d.granularity == "year" and d.value.year < reference.year)  # "... 61 people in 1960"
        if (before or after) and other_time(d):
            return True
    year = _YEAR_BEFORE.search(text, max(0, m.start() - 40), m.start())
    return bool(year and int(year.group(1)) < reference.year)  # "the 2014 Sewol ferry disaster that killed"


# A sentence that dates what it tells this many days or more before the account is background.
BACKGROUND_DAYS = 30


def _dated_long_before(mentions: list[DateMention], reference: dt.date | None) -> bool:
    """Whether a sentence names a day or month well before (or after) the account's date ("In the course of
    their Oct. 7, 2023, attack, militants killed roughly 1,200 people" in a 2025 story; "In February, a quake
    killed 612" read against a November date, which a bare month resolves to the coming February)."""
    return reference is not None and any(
        d.value is not None and d.granularity in ("day", "month")
        and abs((reference - d.value).days) >= BACKGROUND_DAYS * (1 if d.granularity == "day" else 2)
        for d in mentions
    )


def _old_figure(text: str, q: Quantity) -> bool:
    """"rose from 27 to 43": 27 is the earlier figure."""
    return bool(re.search(r"\bfrom\s+$", text[max(0, q.start - 6) : q.start]) and re.match(r"[\w\s]{0,20}?\bto\s+\S*\d", text[q.end :]))


def _in_quote(sentence: SentenceView, q: Quantity) -> bool:
    for piece in sentence.quoted:
        at = sentence.text.find(piece)
        if at >= 0 and at <= q.start < at + len(piece):
            return True
    return False


def _settled(key: tuple[str, str, str], values: list[SlotValue]) -> Settled | None:
    """The account's value for a slot: the most precise one when all its mentions agree; when
    they do not, the one it gives as current ("has risen to", "now"), else its first (lead)
    figure, marked uncertain.  Ages of a group keep every value; measurements must agree."""
    if all(overlap(a.quantity.range, b.quantity.range) for a, b in combinations(values, 2)):
        exact = [v for v in values if v.quantity.qualifier_class in (None, "exact")]
        return Settled((exact or values)[0], True, tuple(values))
    if key[0] == "age":
        distinct = {v.quantity.value: v for v in values}
        return Settled(values[0], False, tuple(distinct[k] for k in sorted(distinct)))
    if key[0] in MEASURES or key[0] == "count":
        return None  # two measurements, or a count with no role given twice ("185 votes" and "156 votes": two candidates)
    current = [v for v in values if v.current]
    if current and all(overlap(a.quantity.range, b.quantity.range) for a, b in combinations(current, 2)):
        return Settled(current[0], True, tuple(current))
    return Settled(values[0], False, (values[0],))


def main_country(view: EventView) -> str | None:
    """The country most of the event's accounts name, if one leads: a count "in Myanmar" in an
    event about Myanmar is the event's own count."""
    named: Counter[str] = Counter()
    for story in view.stories:
        found = set()
        for sentence in view.story_sentences(story):
            for m in gazetteer_regex().finditer(sentence.text):
                entry = gazetteer().get(m.group())
                if entry and entry.kind == "country":
                    found.add(entry.canonical.lower())
        named.update(found)
    ranked = named.most_common(2)
    if not ranked or ranked[0][1] * 2 <= len(view.stories) or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def check_event_slots(
    view: EventView, dates: DateIndex, compared: set[frozenset[tuple[SentenceRef, float]]]
) -> list[Discrepancy]:
    """Conflicting values of one slot between accounts; ``compared`` holds (sentence, value) pairs
    a claim-level finding already compares (it stands; no second one)."""
    by_slot: dict[tuple[str, str, str], dict[str, Settled]] = defaultdict(dict)
    home = main_country(view)
    for story in view.stories:
        merged: dict[tuple[str, str, str], list[SlotValue]] = defaultdict(list)
        for key, values in account_slots(view, dates, story).items():
            merged[(key[0], key[1], "" if key[2] == home else key[2])] += values
        for key, values in merged.items():
            settled = _settled(key, values)
            if settled:
                by_slot[key][story] = settled
    _subgroups_with_one_place(by_slot)
    out = []
    order = {sid: i for i, sid in enumerate(view.event.stories)}
    for key in sorted(by_slot):
        accounts = sorted(by_slot[key].values(), key=lambda v: order.get(v.value.story, 1 << 30))
        pairs = _age_pairs(accounts) if key[0] == "age" else _disagreeing_groups(accounts)
        for group_a, group_b in pairs:
            a, b = group_a[0].value, group_b[0].value
            if frozenset(((a.ref, a.quantity.value), (b.ref, b.quantity.value))) in compared:
                continue
            grade = None
            if spread_agrees(a.quantity, b.quantity):  # "at least 36 dead and 26 missing" against 33 missing
                grade = spread_grade(a.quantity, b.quantity)
                if grade is None:
                    continue
            out.append(_finding(view, key, group_a, group_b, grade))
    return out


def _subgroups_with_one_place(by_slot: dict[tuple[str, str, str], dict[str, Settled]]) -> None:
    """A subgroup counted with a place by some accounts and without one by the others ("four
    medical students killed on the ground" / "five medical students killed"), each account
    naming it once, is compared as one slot (a warning: the place is said on one side only)."""
    for key in sorted(by_slot):
        role, thing, place = key
        bare = (role, thing, "")
        if not place or thing in ("people", "passenger and crew") or role in MEASURES or role == "count" or bare not in by_slot:
            continue
        placed_elsewhere = {sid for (r, t, p), accounts in by_slot.items() if (r, t) == (role, thing) and p != place
                            for sid in accounts}
        if set(by_slot[key]) & placed_elsewhere:
            continue  # an account that names the subgroup in two places: two facts
        merged = dict(by_slot[bare])
        for sid, settled in by_slot[key].items():
            merged[sid] = Settled(replace(settled.value, quantity=replace(settled.value.quantity, inherited=True)),
                                  settled.certain, settled.values)
        by_slot[bare] = merged
        del by_slot[key]


def _age_pairs(accounts: list[Settled]) -> list[tuple[list[Settled], list[Settled]]]:
    """Ages of one person or group: two accounts that give the same number of ages and differ in
    exactly one ("25 and 33" vs "25 and 32") conflict on that one."""
    out = []
    for x, y in combinations(accounts, 2):
        ages_x = {v.quantity.value: v for v in x.values}
        ages_y = {v.quantity.value: v for v in y.values}
        only_x = sorted(set(ages_x) - set(ages_y))
        only_y = sorted(set(ages_y) - set(ages_x))
        if len(ages_x) == len(ages_y) and len(only_x) == len(only_y) == 1:
            out.append(([Settled(ages_x[only_x[0]], x.certain and len(ages_x) == 1)],
                        [Settled(ages_y[only_y[0]], y.certain and len(ages_y) == 1)]))
    return out


def _disagreeing_groups(accounts: list[Settled]) -> list[tuple[list[Settled], list[Settled]]]:
    """Accounts grouped by the range their value allows; every pair of groups whose ranges cannot
    both hold ("at least 29" conflicts with neither 29 nor 32)."""
    groups: dict[tuple[float, float], list[Settled]] = {}
    for v in accounts:
        groups.setdefault(v.value.quantity.range, []).append(v)
    return [
        (ga, gb)
        for ga, gb in combinations(groups.values(), 2)
        if not overlap(ga[0].value.quantity.range, gb[0].value.quantity.range, _rounding(ga[0].value.quantity, gb[0].value.quantity))
        and not _other_days(ga[0].value, gb[0].value)
    ]


def _other_days(a: SlotValue, b: SlotValue) -> bool:
    """Two figures each said of a day, not the same day ("eight rescued on Sunday", "three rescued on Monday"):
    two days' figures, not one fact."""
    return a.day is not None and b.day is not None and a.day != b.day


def _rounding(a: Quantity, b: Quantity) -> float:
    """Values given in two units of one dimension ("84 miles" / "135 km", "a three-month stay" / "a 90-day
    stay") meet within a rounding share."""
    if a.dimension and a.dimension == b.dimension and not isclose(_unit_factor(a), _unit_factor(b)):
        return CONVERSION_SHARE
    if a.dimension == b.dimension == "distance":
        return DISTANCE_ROUNDING
    return 0.0


def _unit_factor(q: Quantity) -> float:
    """How many base units one written unit is (months: 730 hours), 1 for unitless values."""
    return q.base / q.value if q.value else 1.0


# Distances are rounded and measured from different points: "170 km" and "171 km" are one distance.
DISTANCE_ROUNDING = 0.025


_MEASURE_WORDS = {"distance": "distance from", "storeys": "storeys of a", "magnitude": "magnitude of an", "rise": "rise of the", "depth": "depth of the", "height": "height of the", "money": "sum of the",
                  "duration": "duration of the", "share": "percentage of the"}


def _describe(key: tuple[str, str, str], sentence: str = "") -> str:
    """The slot in words; a stemmed thing is shown as the sentence writes it ("deliber" -> "deliberation")."""
    role, thing, place = key
    if sentence and thing and " " not in thing:
        written = re.search(rf"\b{re.escape(thing)}[a-z]*", sentence, re.I)
        thing = written.group(0).lower() if written else thing
    if role in _MEASURE_WORDS:
        return f"{_MEASURE_WORDS[role]} {thing}"
    if role == "age":
        return f"age of {place}"
    return " ".join(w for w in (role.replace("_", " ") if role != "count" else "", thing if thing != "people" else "",
                                f"in {place}" if place else "") if w) or "count"


def _grade(view: EventView, key: tuple[str, str, str], sides: list[Settled]) -> tuple[Severity, str]:
    """``error`` only when both accounts clearly state the same slot; else ``warning`` and why."""
    role, thing, _place = key
    what = _describe(key, view.sentences[sides[0].value.ref].text)
    a, b = sides[0].value.quantity, sides[-1].value.quantity
    dates = {view.stories[s.value.story].date for s in sides}
    if len(dates) > 1 and None not in dates:
        return "warning", (f"the same fact ({what}) with values that cannot both hold, but the accounts were published "
                           "on different dates: the figure may have been updated in between")
    if role == "count":
        return "warning", f"the same counted thing ({what}) with different values, but its role in the event is not stated"
    if role in MEASURES:
        return "warning", (f"the same kind of measurement ({what}) with different values; the accounts may speak of "
                           "different ones")
    if not all(s.certain for s in sides):
        return "warning", (f"an account gives several values for this fact ({what}); its current or first one is "
                           "compared")
    if not key[2] and role not in MEASURES and len({s.value.quantity.scope or "" for s in sides}) > 1:
        return "warning", f"the same subgroup ({what}) with a place named by one account only"
    if any(s.value.quantity.inherited for s in sides):
        return "warning", (f"the count ({what}) is read from the figure it breaks down (a list such as "
                           "\"43 deaths - 28 adults and 15 children\"), not stated on its own")
    if role == "age" and None in dates:
        return "warning", (f"two ages ({what}) that cannot both hold, but an account without a date may speak of "
                           "another year (an age at arrest and at trial)")
    if role == "age" and people_group(thing if thing != "people" else key[2]):
        return "warning", f"ages of a group of people ({key[2]}); the accounts may speak of different members"
    if a.vague or b.vague:
        return "warning", f"one value of {what} is a vague amount ('dozens', 'hundreds') outside the other's order of magnitude"
    if "approx" == a.qualifier_class == b.qualifier_class:
        return "warning", "both values are approximate"
    if near_approximation(a, b):
        return "warning", "one value is approximate ('around 20') and the other close to it"
    return "error", (f"the same fact ({what}) is stated by both accounts with values that cannot both hold, "
                     "qualifiers included; found at event level (the sentences were not aligned)")


def _finding(
    view: EventView, key: tuple[str, str, str], group_a: list[Settled], group_b: list[Settled],
    grade: tuple[Severity, str] | None = None,
) -> Discrepancy:
    role, thing, place = key
    a, b = group_a[0].value, group_b[0].value
    what = _describe(key, view.sentences[a.ref].text)
    severity, reason = grade or _grade(view, key, [*group_a, *group_b])
    values = {}
    numbers = {}
    for v in [s.value for s in [*group_a, *group_b]]:
        name = view.name(v.story)
        values[name] = f'"{v.quantity.text}"'
        numbers[name] = v.quantity.value
    name_a = ", ".join(view.name(s.value.story) for s in group_a)
    name_b = ", ".join(view.name(s.value.story) for s in group_b)
    sentence_a = view.sentences[a.ref].text
    sentence_b = view.sentences[b.ref].text
    return discrepancy(
        "number",
        severity,
        f'{what}: {name_a} say "{a.quantity.text}" ({quoted(sentence_a, 90)}); '
        f'{name_b} say "{b.quantity.text}" ({quoted(sentence_b, 90)})',
        [s.value.ref for s in [*group_a, *group_b]],
        None,
        kind="slot",
        key=f"slot:{role}:{thing}:{place}",
        subject=what,
        values=values,
        numbers=numbers,
        outlets=sorted(values),
        role=role,
        grade_reason=reason,
        grade_basis="event",
    )
