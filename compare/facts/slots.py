"""What a number is about: its role, its unit, its place scope and the range it allows.

A *slot* is one fact an account can state about an event: "killed", "on board", "survived",
a distance, a duration, an age.  Two numbers fill the same slot only when they count the
same thing in the same role (``compare/data/count_roles.tsv``), in the same dimension after
unit conversion (``compare/data/units.tsv``) and for the same place ("in Burnet County" is
not the whole toll).  Qualifiers turn a value into a range: "at least 38" is [38, inf),
"within 20 miles" is [0, 20], "about 70" is 70 +- 10%; two ranges that overlap do not
conflict.
"""

from __future__ import annotations

import math
import re
from functools import cache

from compare.facts.lexicon import cue_list, gazetteer, table_rows
from compare.lang.roles import foreign_role
from compare.textnorm import fold

# "about 70": the value give or take this share.  Also the rounding allowed between two
# units of one dimension ("3 km" and "1.9 miles" are one distance).
APPROX_SHARE = 0.1
CONVERSION_SHARE = 0.06
# How far from the number a role cue may stand: words after it (to the next number or clause
# break), words before it.
ROLE_WORDS_AFTER = 7
ROLE_WORDS_BEFORE = 4
# A word that ends the stretch a role cue is looked for in.
_CLAUSE_BREAK = re.compile(
    r"[;:()\"]|\.\s|,\s+(?:and|but|while|whereas|including|of whom|with|[a-z]+ing)\b|\b(?:and|but|while)\b"
)


@cache
def units() -> dict[str, tuple[str, float]]:
    """Unit word (lower case) -> (dimension, factor to the dimension's base unit)."""
    out: dict[str, tuple[str, float]] = {}
    for row in table_rows("units.tsv"):
        for word in row[0].split("|"):
            out[word.strip().lower()] = (row[1], float(row[2]))
    return out


def unit_of(noun_text: str | None, after: str) -> tuple[str, float] | None:
    """(dimension, factor) of the unit a number is given in, from its counted noun."""
    if not noun_text:
        return None
    words = [re.sub(r"-(?:long|wide|high|tall|deep)$", "", w) for w in noun_text.lower().split()]  # "230-meter-long"
    table = units()
    for n in (2, 1):
        head = " ".join(words[:n])
        if len(words) >= n and head in table:
            dim, factor = table[head]
            if dim == "distance" and re.match(r"\s*(?:per|an|a)\s+hour\b", after, re.I):
                return "speed", factor
            return dim, factor
    return None


# "The death toll from the quake in X has risen to", "the toll stands at", "a death toll of".
_TOLL_BEFORE = re.compile(
    r"\b(?:death|casualty)\s+toll\b[^;:()]{0,90}?\b(?:to|at|of|reached|passed|exceeded|hit|topped)\s*$", re.I
)


# "The death toll from the cyclone in X passed 200": a verb read as the number's qualifier ("more than").
_TOLL_VERB_QUALIFIER = re.compile(r"(?:passed|surpassed|topped|exceeded|exceeds|passes|tops|surpasses)\b", re.I)
_TOLL_SUBJECT = re.compile(r"\b(?:death|casualty)\s+toll\b[^;:()]{0,90}?\s*$", re.I)


# "the number of people who are unaccounted for in Thursday's collapse increased to", "the number of dead is".
_NUMBER_OF_BEFORE = re.compile(
    r"\bnumber\s+of\s+([^;:()\d]{1,90}?)\s+(?:is|was|are|were|stands at|stood at|now stands at|(?:has|had)\s+(?:risen|climbed|"
    r"grown|jumped|increased)\s+to|rose to|increased to|climbed to|jumped to|grew to|reached|hit|topped)\s*$",
    re.I,
)


_NUMBER_OF_HEAD = re.compile(
    r"^(?:(?:people|persons|those|residents|victims|individuals)\s+)?(?:(?:who|that)\s+)?"
    r"(?:(?:are|were|is|was|have been|had been|remain|remained|still|now)\s+)*",
    re.I,
)


def role_of(text: str, start: int, end: int, prev_end: int, next_start: int, after: str | None = None) -> str | None:
    """The role of the number at [start:end]: a cue after it in its clause, else just before it.
    ``after``: the words after it when a breakdown inserted there is skipped."""
    sentence_start = max(text.rfind(". ", 0, start) + 1, 0)
    if _TOLL_BEFORE.search(text[sentence_start:start]) or (
        _TOLL_VERB_QUALIFIER.match(text, start) and _TOLL_SUBJECT.search(text[sentence_start:start])
    ):
        return "killed"  # "the death toll ... has risen to 1,644", "the death toll ... passed 200"
    number_of = _NUMBER_OF_BEFORE.search(text[sentence_start:start])
    if number_of:  # "the number of people unaccounted for ... increased to 159" (not "of hospitals treating the injured")
        head = _NUMBER_OF_HEAD.sub("", " ".join(number_of.group(1).split()[:8]))
        found = [f for f in cue_list("count_roles.tsv").find(head) if f[0] == 0]
        if found:
            return _best(found)
    adjacent = re.search(r"(?:^|\s)([a-z]+ing|killed|injured|wounded|rescued|abducted|kidnapped)\s+$", text[max(prev_end, 0) : start])
    found = cue_list("count_roles.tsv").find(adjacent.group(1)) if adjacent else []
    if found and found[-1][3] in ("killed", "injured", "on_board", "survived", "abducted") and not re.search(
        r"\b(?:were|was|been|being|are|is)\s+\S+\s+$", text[max(prev_end, 0) : start]
    ):
        return found[-1][3]  # "killing 38", "carrying 67", "that killed 78 migrants": the verb right before governs it
    if _RISE_BEFORE.search(text[max(prev_end, 0) : start]):
        return "rise"  # "the river rose 26 feet", "rising nearly 26 feet" (not "rose to 29 feet": a level)
    if _DEPTH_BEFORE.search(text[max(prev_end, 0) : start]):
        return "depth"  # "at a shallow depth of 8 km"
    if _HEIGHT_BEFORE.search(text[max(prev_end, 0) : start]) or _HEIGHT_AFTER.match(text, end):
        return "height"  # "a height of 63 metres", "the 57-metre-tall rocket", "a 10-metre-high wave"
    after = text[end:next_start] if after is None else after
    brk = _CLAUSE_BREAK.search(after)
    if brk:
        after = after[: brk.start()]
    after = " ".join(_content_window(unglued(after).split(), ROLE_WORDS_AFTER))
    found = cue_list("count_roles.tsv").find(after)
    if found:
        return _best(found)
    before = text[max(prev_end, 0) : start]
    brk_before = list(_CLAUSE_BREAK.finditer(before))
    if brk_before:
        before = before[brk_before[-1].end() :]
    elif prev_end > sentence_start and not re.search(r"[.;]\s", before):
        before = ""  # "22 died in Ash County, 15 were adults": that verb is the previous count's
    said = list(_SAY_BEFORE.finditer(before))
    if said:  # "the department, which gave the death toll, also said 23 ...": the toll is the speaker's, not 23's
        before = before[said[-1].end() :]
    before = " ".join(before.split()[-ROLE_WORDS_BEFORE:])
    found = cue_list("count_roles.tsv").find(before)
    if found:
        return found[-1][3]
    include = _INCLUDE_BEFORE.search(text[sentence_start:start])
    if include:  # "the dead include 28 adults", "the fatalities included ... also five students"
        found = cue_list("count_roles.tsv").find(include.group(1))
        if found:
            return found[-1][3]
    return foreign_role(text, start, end, prev_end, next_start)  # "погибли 12 человек", "12 Tote" (compare.lang.roles)


# A verb of saying between a role word and the number: what follows it is the reported clause, and a role word
# before it belongs to the speaker's description ("the agency, which keeps the death toll, said 23 ...").
_SAY_BEFORE = re.compile(r"\b(?:said|says|say|told|tells|added|adds|announced|announces|stated|states)\b(?:\s+that)?", re.I)
# A dash written between two words without spaces ("three critical injuries—a child"): a break.
_GLUED_DASH = re.compile(r"(?<=[^\W\d_])-(?=(?:a|an|the|and|or|but|though|which|who)\b)", re.I)
# Words that do not use up the role window: "were taken to a trauma center for critical injuries".
_LIGHT_WORDS = frozenset("a an the to of for were was is are have has had been being".split())


def unglued(text: str) -> str:
    """``text`` with a glued dash before a function word made a space (same length)."""
    return _GLUED_DASH.sub(" ", text)


def _content_window(words: list[str], n: int) -> list[str]:
    """The first words up to the n-th that is not a light function word."""
    out: list[str] = []
    heavy = 0
    for w in words:
        out.append(w)
        heavy += w.lower() not in _LIGHT_WORDS
        if heavy == n:
            break
    return out


# "The dead include", "the fatalities included not only ... but also", "Among the injured were".
_INCLUDE_BEFORE = re.compile(
    r"\b(?:the\s+)?(dead|deaths|fatalities|killed|injured|wounded|survivors|missing)\s+(?:include|includes|included|were)\b[^;]*$",
    re.I,
)
_DEPTH_BEFORE = re.compile(r"\bdepth\s+of\s+$", re.I)
# A height: "a height of 63 metres", "57-metre-tall", "10 metres high".
_HEIGHT_BEFORE = re.compile(r"\b(?:height|altitude)\s+of\s+(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+)?$", re.I)
_HEIGHT_AFTER = re.compile(r"\s*-?\s*(?:m|metres?|meters?|ft|feet|foot)\s*-?\s*(?:tall|high)\b", re.I)
# A measure that grows by the number: "rose 26 feet", "rising nearly 26 feet", "a rise of 6 metres".
_RISE_BEFORE = re.compile(r"\b(?:rose|risen|rising|rises|rise of|surged|swelled)\s+(?:by\s+)?$", re.I)


def _best(found: list[tuple[int, int, str, str]]) -> str:
    """The first cue; a more specific one over the same words ("critically injured") wins."""
    first = found[0]
    for s, e, _t, role in found:
        if s <= first[1] and e - s > first[1] - first[0]:
            return role
    return first[3]


# "in Burnet County", "across Thailand", "in the province of Mandalay": a place that narrows a count.
_SCOPE = re.compile(
    r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout|on the (?=islands?\s+of))\s*(?:the\s+)?(?:neighbou?ring\s+)?"
    r"(?:(?:province|state|county|city|district|region|town|island|islands)\s+of\s+)?"
    r"((?:[A-Z][\w'\-]+)(?:\s+(?:[A-Z][\w'\-]+|of))*)"
)
# A named place with its kind after it, close after the count: "16 bodies were recovered from the
# Chaliyar river", "12 died at Pothukal village" (not "... after more were found in the X river").
_NAMED_PLACE = re.compile(
    r"\b(?:[Ff]rom|[Aa]t|[Nn]ear)\s+(?:the\s+)?((?:[A-Z][\w'\-]+)(?:\s+[A-Z][\w'\-]+)*)\s+"
    r"(?:river|village|town|district|county|valley|area|camp|beach)\b"
)
_NOT_SCOPE = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The A An This That His Her Their".split()
)


def scope_of(
    text: str, start: int, end: int, prev_end: int, next_start: int, after: str | None = None
) -> str | None:
    """A place that limits what the number counts: named after it in its clause ("three died in
    Burnet County"), opening its clause or sentence ("In Burnet County, three died"), or the
    place that reports it ("Thailand reported 18 deaths", "Bangkok city authorities said six
    ..."); else None.  ``after``: the words after it when an inserted breakdown is skipped."""
    if after is None:
        brk = _CLAUSE_BREAK.search(text, end, next_start)
        after = text[end : brk.start() if brk else next_start]
    else:
        brk_after = _CLAUSE_BREAK.search(after)
        after = after[: brk_after.start()] if brk_after else after
    if re.search(r"\bon the ground\b", after):
        return "on the ground"  # people killed on the ground, not on board
    if _SEVERAL_VEHICLES.search(after):
        return "all vehicles"  # "67 on board both aircraft": the sum, not one aircraft's count
    source = _VOTES_FROM.match(after)
    if source:  # "149 votes from LDP lawmakers": the votes of that group, not the total
        return "from " + " ".join(source.group(1).lower().split())
    place = _first_place(after)
    if place:
        return place
    site = _SITE.search(after)
    if site and len(after[: site.start()].split()) <= 6:
        return "the " + site.group(1).lower()  # "eight were killed at the factory": that site's count, not the whole toll
    sentence_start = max(text.rfind(". ", 0, start) + 1, 0)
    label = _PLACE_LABEL.match(text, sentence_start)
    if label and label.end() <= start and _known_place(label.group(2), country_only=not label.group("bullet")):
        return label.group(2).lower()  # "Japan: over 2 million evacuated" (a list item's place; "Moscow: ..." is a dateline)
    lo = max(prev_end, sentence_start)
    opening = re.search(r"(?:^|[,;]\s*)((?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+[^,;]{2,60}),\s*[\w\s\-]{0,25}$", text[lo:start])
    if opening:
        return _first_place(opening.group(1))
    clause_start = max([sentence_start] + [m.end() for m in _SUBJECT_BREAK.finditer(text, sentence_start, start)])
    opening = re.match(r"\s*(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+[^,;]{2,60},", text[clause_start:start])
    if opening:  # "In Burnet County, at least three people are dead with three missing"
        return _first_place(opening.group())
    return _reporting_place(text[clause_start:start])


# A site that narrows a count to the people there: "eight were killed at the factory", "three died inside the
# warehouse" (a building the reader knows, one of the event's places; not "at a coal mine", which brings in the
# event's own site, nor a hospital, where the injured are taken).
_SITE = re.compile(
    r"\b(?:at|in|inside)\s+the\s+(?:[a-z\-]+\s+)?(factory|plant|mill|mine|warehouse|school|church|mosque|"
    r"temple|synagogue|nightclub|hotel|mall|supermarket|market|stadium|office|store|shop|restaurant|prison|jail)\b"
)
# "aboard both aircraft", "on the two trains": a count over several vehicles.
_SEVERAL_VEHICLES = re.compile(
    r"\b(?:both|the two|two|all three|the three)\s+(?:aircraft|planes|jets|airliners|helicopters|trains|buses|vehicles|"
    r"ships|vessels|boats|cars|flights)\b", re.I)
# "149 votes from LDP lawmakers", "36 from its 47 prefectural chapters": whose votes (up to the clause's end).
_VOTES_FROM = re.compile(r"\s*(?:votes?|ballots?|delegates?)?\s*from\s+(?:the\s+|its\s+|their\s+)?(?!(?:its|their|the)\b)([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,5})")
# A sentence that opens with a place and a colon: "Japan: ...", "- Hawaii: ..." (a list item's heading).
_PLACE_LABEL = re.compile(r"\s*(?P<bullet>[-\u2013\u2022*]\s*)?([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2})\s*:\s")


def _known_place(name: str, country_only: bool = False) -> bool:
    known = gazetteer().get(fold(name))
    return bool(known and known.kind in (("country",) if country_only else ("country", "place")))


# Where the subject of a clause changes: "Thailand reported 18 deaths, while Myanmar's toll ...".
_SUBJECT_BREAK = re.compile(r";|,\s*(?:while|whereas|but)\b|\bwhile\b|\bbut\b")
# "Thailand reporting", "Bangkok city authorities said", "Kerr County officials said", "Myanmar's toll".
_REPORTER = re.compile(
    r"(?P<place>(?:[A-Z][\w'\-]+\s+){0,2}[A-Z][\w'\-]+?)(?P<poss>'s)?\s+"
    r"(?:(?P<level>city|state|county|provincial|regional|local|municipal|national)\s+)?"
    r"(?P<who>(?:authorities|officials|government|police)\s+)?(?:also\s+|has\s+|have\s+|had\s+)?"
    r"(?P<verb>said|says|reported|reporting|reports|recorded|recording|confirmed|confirming|announced|counted|death toll|toll)\b"
)
_PLACE_SUFFIX = re.compile(r"\b(?:County|Province|State|City|Region|District|Prefecture|Governorate|Oblast)$")


def _reporting_place(stretch: str) -> str | None:
    """The place a clause's subject names when it reports the count (validated as a place)."""
    for m in _REPORTER.finditer(stretch):
        place = m.group("place")
        first = place.split()[0]
        if first in _NOT_SCOPE:
            place = " ".join(place.split()[1:])
        if not place:
            continue
        known = gazetteer().get(fold(place))
        neighbour = re.search(r"\bneighbou?ring\s+$", stretch[: m.start("place")])
        if (known and known.kind in ("country", "place")) or neighbour or _PLACE_SUFFIX.search(place) or (
            m.group("level") and (m.group("who") or m.group("verb") in ("toll", "death toll"))
        ):
            return place.lower()
    return None


def _first_place(stretch: str) -> str | None:
    for m in _SCOPE.finditer(stretch):
        words = [w for w in m.group(1).strip().split() if w not in _NOT_SCOPE]
        if words and words[0] != "of":
            named = _APPOSITION.match(stretch, m.end())
            if named:  # "in the Thai capital, Bangkok": the capital's name
                return named.group(1).lower()
            return " ".join(words).lower()
    named_place = _NAMED_PLACE.search(stretch)
    if named_place and named_place.group(1).split()[0] not in _NOT_SCOPE and len(stretch[: named_place.start()].split()) <= 4:
        return named_place.group(1).lower()
    return None


_APPOSITION = re.compile(r"\s+(?:capital|city|province|state|region)(?:\s+city)?,\s+([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*)")


@cache
def _people_groups() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in table_rows("people_groups.tsv"):
        for form in row[0].split("|"):
            out[form.strip().lower()] = row[1]
    return out


def people_group(noun_text: str) -> str | None:
    """The group of people a counted noun names ("medical students" -> student), else None."""
    words = re.split(r"[\s\-]+", noun_text.lower())
    table = _people_groups()
    found = None
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            group = table.get(" ".join(words[i : i + n]))
            if group and found is None:
                found = group
        if found:
            return found
    return None


@cache
def _measured_things() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in table_rows("measured_things.tsv"):
        for form in row[0].split("|"):
            out[form.strip().lower()] = row[1]
    return out


def measured_subject(text: str, q: object) -> str | None:
    """What a measurement is of: the noun right after its unit ("30-storey building"), else the
    nearest measured thing named before it in its sentence ("aftershocks ... one measuring 6.4")."""
    table = _measured_things()
    noun_text = getattr(q, "noun_text", None) or ""
    for word in noun_text.split():
        if word in table:
            return table[word]
    following = [w.lower() for w in re.findall(r"[A-Za-z][\w\-]*", _text_after_unit(text, getattr(q, "end", 0)))[:4]]
    for word in following:
        if word in table:
            return table[word]  # "the 57-metre-tall, two-stage rocket"
    start, end = getattr(q, "start", 0), getattr(q, "end", 0)
    of_thing = re.match(r"[\w\s\-]{0,30}?\bof\s+(?:the\s+|a\s+|an\s+)?([a-z][\w\-]*)", text[end:])
    if of_thing and of_thing.group(1).lower() in table:
        return table[of_thing.group(1).lower()]  # "a 19-foot rise of the creek"
    sentence_start = max(text.rfind(". ", 0, start) + 1, 0)
    best = None
    for m in re.finditer(r"[A-Za-z][\w\-]*", text[sentence_start:start]):
        kind = table.get(m.group().lower())
        if kind and not _MEASURED_BEFORE.search(text[max(0, sentence_start + m.start() - 24) : sentence_start + m.start()]):
            best = kind  # the nearest thing not already given its own value ("the magnitude 6.9 earthquake")
    return best


def _text_after_unit(text: str, end: int) -> str:
    unit = _HEIGHT_AFTER.match(text, end)
    return text[unit.end() : unit.end() + 50] if unit else ""


_MEASURED_BEFORE = re.compile(r"\d(?:[\d.,]*)\s*-?\s*(?:[a-z]+\s*-?\s*)?$")


def interval(value: float, qualifier_class: str | None) -> tuple[float, float]:
    """The range of values a qualified number allows."""
    if qualifier_class in ("more", "atleast"):
        return value, math.inf
    if qualifier_class in ("less", "upto"):
        return 0.0, value
    if qualifier_class == "nearly":
        return value * (1 - 2 * APPROX_SHARE), value
    if qualifier_class == "approx":
        spread = max(value * APPROX_SHARE, 1.0 if value >= 5 else 0.0, min(_round_step(value) / 2, value * 0.25))
        return value - spread, value + spread
    return value, value


def _round_step(value: float) -> float:
    """The step a round number is rounded to: "about 20" to the nearest 10, "about 700" to 100."""
    if value < 10 or value != int(value):
        return 0.0
    step = 1.0
    while value % (step * 10) == 0:
        step *= 10
    return step


def overlap(a: tuple[float, float], b: tuple[float, float], share: float = 0.0) -> bool:
    """Whether two ranges meet, each widened by ``share`` of its bounds (rounding)."""
    return a[0] * (1 - share) <= b[1] * (1 + share) and b[0] * (1 - share) <= a[1] * (1 + share)


# An approximate value and another within this share of it are a warning, not an error:
# "around 20 injured" against "23 injured" may be a rounding of the same count.
NEAR_APPROX_SHARE = 0.2


def near_approximation(x: object, y: object) -> bool:
    """One value approximate ("around 20") and the other within NEAR_APPROX_SHARE of it."""
    classes = (getattr(x, "qualifier_class", None), getattr(y, "qualifier_class", None))
    a, b = float(getattr(x, "base", 0.0)), float(getattr(y, "base", 0.0))
    return "approx" in classes and abs(a - b) <= NEAR_APPROX_SHARE * max(abs(a), abs(b))
