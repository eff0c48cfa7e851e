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
from compare.facts.lexicon import cue_list, number_qualifiers, number_words
from compare.facts.slots import (
    CONVERSION_SHARE,
    interval,
    measured_subject,
    near_approximation,
    overlap,
    people_group,
    role_of,
    scope_of,
    unglued,
    unit_of,
)
from compare.lang.numbers import run_at as foreign_number_run
from compare.lang.text import any_stem
from compare.model import Claim, Discrepancy, Severity
from compare.textnorm import STOPWORDS, content_terms, fold, stem

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)?"
# A number ends at a word boundary, or right before a unit written on to it ("8km", "185mph").
_NUM_RE = re.compile(
    rf"(?<![\w.,+\-/:#])(?:(?P<d>{_DIGITS})|(?P<w>{_WORD}))"
    r"(?!(?!(?:km|kms|mph|kph|kg|cm|mm|ft|mi)\b)[\w/:]|[.,]\d|-\d)"
)
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
    last_digit: float = 0.0  # one unit in the last decimal place written ("71.7" -> 0.1), in base units
    inherited: bool = False  # role or place read from the count it belongs to ("28 adults" of "43 deaths")
    subject: str | None = None  # what a measurement is of: building, aftershock (data/measured_things.tsv)
    partial: bool = False  # "another 5.1-magnitude quake", "the other nine deaths": not the event's own figure
    activity: str | None = None  # what a duration or a percentage is of: "13 hours of deliberation" -> deliber
    vague: bool = False  # "dozens", "hundreds": an order of magnitude, not a figure
    holder: str | None = None  # whose share it is when a sentence splits a whole: "Kilicdaroglu's 47.7 percent"
    shared_qualifier: str | None = None  # a qualifier class the first count of its list may spread to it
    # ("at least 36 dead and 26 missing": "at least" may cover 26 too)
    anchor: str | None = None  # the place a distance is measured from: "60 km from Kanpur" -> kanpur
    money: bool = False  # a sum of money ("$11.2 billion"); its activity says what it is for ("forfeit", "deal")
    ambiguous: bool = False  # a group the sentence tells something else of ("two passengers ... were killed",
    # "two members preferred"): not a plain count of that group
    extreme: str | None = None  # a measurement said as an extreme or a mode ("a maximum altitude of", "cruising
    # speed"): maximum, minimum, average, record, cruising; compared only with one said alike

    @property
    def range(self) -> tuple[float, float]:
        """The values it allows, in base units ("at least 38" -> [38, inf)); a decimal value
        allows one unit in its last place ("71.7%" holds "71.63%")."""
        if self.low is not None:
            return self.low, self.base
        low, high = interval(self.base, self.qualifier_class)
        return low - self.last_digit, high + self.last_digit

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
        if a in table and table[a][1] == "tens" and b == "one":
            return table[a][0] + 1, "unit"  # "thirty-one" ("one" alone is left out of the table)
        if a in table and b in table and table[a][1] == "tens" and table[b][1] == "unit":
            return table[a][0] + table[b][0], "unit"
    return None


def find_quantities(text: str, masked: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in ``text`` (folded here); spans in ``masked`` (dates) are skipped."""
    return list(_quantities(text, tuple(masked or ())))


_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS_PATTERN, key=len, reverse=True)) + r")\.?\s*$", re.I)
_ID_BEFORE = re.compile(
    r"\b(?:flight|flights|no\.?|number|route|highway|interstate|bus|room|gate|platform|category|level|grade|stage|phase|district|lodge|#)\s*$",
    re.I,
)
# "4 1/2", "4½": a whole number and a fraction are one value.
_FRACTION = re.compile(r"\s*(?:(\d)\s*/\s*(\d{1,2})(?![\d/])|([½¼¾⅓⅔]))")
_FRACTION_CHARS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# "19 Sept. 11 hijackers": a count, then a date used as a name, then what is counted.
_DATE_AS_NAME = re.compile(r"\s*(?:" + "|".join(sorted(MONTHS_PATTERN, key=len, reverse=True)) + r")\.?\s+\d{1,2}\s+(?=[a-z])", re.I)


_FRACTION_WORD = re.compile(r"(?:half|halves|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)", re.I)
# "three-plus seasons", "30+ years".
_PLUS_AFTER = re.compile(r"\s*(?:-\s*)?plus\b|\+")
# A number joined to the next word by a hyphen is a modifier ("a five-boat attack", "a 26-member
# team"); its noun carries a trailing "-" so that it is compared only with the same modifier.
_HYPHEN_COMPOUND = re.compile(r"\s*-\s*[^\W\d_]+\s+(?!-)")


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
        decimals = 0
        if m.group("d"):
            raw = m.group("d")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
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
            if wv is None and m.group("w").lower() == "one" and people_group(" ".join(_next_words(text, end, 2))):
                wv = (1.0, "unit")  # "one child", "one camp counselor" (not "one of", "no one")
            elif wv is None and m.group("w").lower() in ("a", "an") and _ONE_DEATH.match(text, end):
                wv = (1.0, "unit")  # "a flood death", "a single fatality": one
            elif wv is None and m.group("w").lower() in ("a", "an") and _ONE_UNIT.match(text, end):
                wv = (1.0, "unit")  # "about a kilometre from the port", "a mile off the coast": one of the unit
            elif wv is None and m.group("w").lower() == "half" and _HALF_UNIT.match(text, end):
                wv = (0.5, "unit")  # "half a mile off the coast", "half an hour after it left"
                half = _HALF_UNIT.match(text, end)
                end = len(text[: half.start(1)].rstrip()) if half else end  # the unit is the counted noun
                while i < len(matches) and matches[i].start() < end:
                    i += 1
            elif wv is None and "-" in m.group("w"):  # "a six-boat convoy", "three-plus seasons"
                head, _, tail = m.group("w").partition("-")
                wv = _word_value(head)
                if wv is None or wv[1] not in ("unit", "tens") or wv[0] < 2 or _FRACTION_WORD.match(tail):
                    continue  # "one-sided", "two-thirds": no count
                end = start + len(head)
            run = foreign_number_run(text, start) if wv is None else None  # "сорок два" (compare.lang.numbers)
            if run:
                wv = run[0], "unit"
                end = run[1]
                while i < len(matches) and matches[i].start() < end:
                    i += 1
            if wv is None or wv[1] == "scale":
                continue
            value = wv[0]
            vague = wv[1] == "approx"  # "dozens", "hundreds": many, at least half the table's value
        written = value
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
        plus = _PLUS_AFTER.match(text[end:])
        if plus:  # "three-plus seasons", "30+ years": more than the number
            end += plus.end()
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
        if plus and qualifier is None:
            qualifier, qclass = "plus", "more"
        upper = None
        if vague:
            if not _VAGUE_BEFORE.search(text[max(0, start - 24) : start]) and not _VAGUE_AFTER.match(text, end):
                upper = value * VAGUE_UPPER  # "dozens" is fewer than 120, "hundreds" fewer than 1,000
            value, qualifier, qclass = value / 2, None, "atleast"
        noun_text = _counted_noun(after)
        modifier = bool(noun_text and " " in noun_text and _HYPHEN_COMPOUND.match(text[noun_from:])
                        and unit_of(noun_text.split()[0], "") is None)  # "5.8-magnitude aftershock": a measure
        if modifier:  # "a five-boat pirate attack": boats of the attack, not pirates, nor captured boats
            noun_text = noun_text.split()[0]  # type: ignore[union-attr]
        skip = set(content_terms(noun_text or "")) | set(content_terms(text[start:end]))
        around = content_terms(text[max(0, qstart - 60) : qstart])[-4:] + content_terms(text[end : end + 60])[:5]
        context = frozenset(t for t in around if t not in skip and not t.isdigit())
        unit = unit_of(noun_text, text[noun_from + len(noun_text or "") + 1 :])
        if unit is None and _MAGNITUDE_BEFORE.search(text[max(0, qstart - 20) : qstart]):
            unit = ("magnitude", 1.0)  # "magnitude 7.7 earthquake", "a magnitude of 7.7"
        out.append(
            Quantity(
                text=text[qstart:end] + (" " + noun_text if noun_text else ""),
                value=value,
                qualifier=qualifier,
                qualifier_class=qclass,
                noun=(any_stem(noun_text.split()[-1]) + ("-" if modifier else "")) if noun_text else None,  # Cyrillic: Russian stems (compare.lang)
                noun_text=noun_text,
                percent=percent,
                context=context,
                start=qstart,
                end=end,
                dimension=unit[0] if unit else ("percent" if percent else None),
                base=value * unit[1] if unit else value,
                last_digit=10.0**-decimals * (value / written if written else 1.0) * (unit[1] if unit else 1.0)
                if decimals else (ROUNDED_SCALE * (value / written) * (unit[1] if unit else 1.0)
                                  if written and value / written >= 1e6 and written == int(written) else 0.0),
                vague=vague,
            )
        )
        if upper is not None and unit is None:
            out[-1] = replace(out[-1], low=value, base=upper)
    return tuple(_with_slots(text, out))


# A whole number of millions or billions is a rounded figure: "$69 billion" holds "$68.7 billion" (not
# "$68.4 billion", nor "$11.2 billion" against "$11.02 billion", both written to a decimal place).
ROUNDED_SCALE = 0.45
# A vague amount ("dozens", "hundreds") allows up to this many times its table value (dozens < 120),
# unless it is part of a larger one: "tens of thousands", "hundreds of thousands".
VAGUE_UPPER = 5
_VAGUE_BEFORE = re.compile(r"\b(?:tens|dozens|hundreds|thousands|millions|many|several)\s+of\s+$", re.I)
_VAGUE_AFTER = re.compile(r"\s+of\s+(?:thousands|millions|billions|hundreds)\b", re.I)


# An article that counts one death: "reported a flood death", "a single fatality", "a storm-related death"
# (not "another death", "a second death", "a death toll", "a death sentence").
_ONE_DEATH = re.compile(
    r"\s+(?:single\s+|(?!second|third|further|possible|new\b)[a-z]+(?:-related)?\s+)?(?:death|fatality)\b"
    r"(?!\s*(?:toll|penalty|sentence|row|threat|threats|certificate|squad|knell|march|trap|wish|blow|spiral))",
    re.I,
)


# "a kilometre", "an hour", "half a mile": one (a half) of a unit of distance, length or time.
_UNIT_WORD = r"(mile|kilomet(?:re|er)|metre|meter|yard|foot|hour|minute)\b"
_ONE_UNIT = re.compile(r"\s+(mile|kilomet(?:re|er)|metre|meter|yard|foot)\b", re.I)  # not "an hour": too often a manner of speaking
_HALF_UNIT = re.compile(r"\s+an?\s+" + _UNIT_WORD, re.I)


# "36-year-old Duncan Rait", "31 - year - old flight attendant": the person or role after it.
_AGE = re.compile(r"\s*-?\s*years?\s*-?\s*old\s+(?P<who>(?:[A-Z][\w'\-]*\s*){1,3}|[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)")


# "children as young as 4", "victims as old as 90": a bound on the ages of a group.
_AGE_BOUND_BEFORE = re.compile(r"\bas\s+(?:young|old)\s+as\s*$", re.I)


# "Robert Vale, 32, died": the age of the person named just before.
_NAMED_AGE = re.compile(r"(?P<who>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*),\s*$")


_RANGE_BETWEEN = re.compile(r"\s*(?:to|-|\u2013|or)\s*")
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+of)?\s+(?:a\s+)?$", re.I)


def _with_slots(text: str, found: list[Quantity]) -> list[Quantity]:
    """Each quantity with its role, place scope and measured thing (read up to its neighbours),
    conversions marked, then roles and places shared within lists and inserted breakdowns."""
    out: list[Quantity] = []
    inserts = {k: ins for k in range(len(found)) if (ins := _insert_after(text, found, k))}
    subset_from = len(found)  # counts after "Of the 17 wounded, ..." are parts of that count
    for k, q in enumerate(found):
        prev_end = found[k - 1].end if k else 0
        between_prev = text[found[k - 1].end : q.start] if k else ""
        tally = bool(k and re.fullmatch(r"\s*to\s*", between_prev) and found[k - 1].value > q.value)  # "voted 330 to 275"
        if k and out and not found[k - 1].noun and not tally and (
            _RANGE_BETWEEN.fullmatch(between_prev)
            or (between_prev.strip() == "and" and re.search(r"\bbetween\s*$", text[max(0, found[k - 1].start - 9) : found[k - 1].start]))
        ):
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
        partial = bool(_PARTIAL_BEFORE.search(text[max(0, q.start - 16) : q.start])
                       or re.match(r"\s+(?:more|fewer|less)\b", text[q.end :]))  # "two more deaths", "two fewer deaths": a change
        if _AGE_BOUND_BEFORE.search(text[max(0, q.start - 20) : q.start]) and q.value < 120:
            # "children as young as 4": the youngest's age, of nobody named (no slot), not a count
            out.append(replace(q, role="age", dimension="age", noun=None, base=q.value, scope=None, conversion=False))
            continue
        named_age = _NAMED_AGE.search(text, 0, q.start) if re.match(r"\s*,", text[q.end :]) else None
        if named_age and named_age.end() == q.start and q.value < 120 and q.value == int(q.value):
            out.append(replace(q, role="age", dimension="age", noun=None, base=q.value, scope=named_age.group("who").lower()))
            continue
        age = _AGE.match(text, q.end)
        if age:  # "a 36-year-old climber", "Duncan Rait, 36-year-old": an age, of whom it says
            who = age.group("who").strip()
            out.append(replace(q, role="age", dimension="age", noun=None, base=q.value,
                               scope=people_group(who.lower()) or who.lower(), conversion=False))
            continue
        aged = re.search(r"(?:(?P<who>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?),\s*)?\b(?:aged|ages)\s*$", text[max(0, q.start - 40) : q.start], re.I)
        bare = not q.noun_text or cue_list("count_roles.tsv").find(q.noun_text)  # "aged eight and 10 - were killed"
        if aged or (out and out[-1].role == "age" and bare and between_prev.strip() in ("and", ",", ", and")):
            # "two flight attendants, aged 25 and 33": ages of that group
            scope = people_group(aged.group("who").lower()) if aged and aged.group("who") else None
            if not aged:
                scope = out[-1].scope
            out.append(replace(q, role="age", dimension="age", noun=None, base=q.value, scope=scope, conversion=False))
            continue
        insert = inserts.get(k)
        after = insert[0] if insert else None
        if k and "," in between_prev and not re.search(r"[.;]\s", between_prev) and _SUBSET_HEAD.search(
            text[max(0, found[k - 1].start - 12) : found[k - 1].start]
        ):
            prev_end = found[k - 1].end + between_prev.rfind(",") + 1  # "Of the 23 pirates arrested, 12 are ...": not its role
            subset_from = min(subset_from, k)
        noun_end = _after_noun(text, q)
        if q.noun_text and people_group(q.noun_text) and _AND_CREW.match(text, noun_end):
            q = replace(q, noun_text=q.noun_text + " and crew")  # "181 passengers and crew": everyone on board
        out.append(
            replace(
                q,
                role=None if tally else role_of(text, q.start, q.end, prev_end, next_start, after),
                scope=None if tally else scope_of(text, q.start, q.end, prev_end, next_start, after),
                conversion=conversion,
                partial=partial,
                subject=measured_subject(text, q) if q.dimension else None,
                activity=_activity(text, q) if q.dimension in ("duration", "percent") else None,
                extreme=_extreme(text, q) if q.dimension and q.dimension not in ("percent", "age") else None,
            )
        )
    for k in range(subset_from, len(out)):
        out[k] = replace(out[k], inherited=True)
    for k, q in enumerate(out):
        other_role_before = any(p.role and p.role != q.role and p.role != "age" for p in out[:k])
        sentence_start = max(text.rfind(". ", 0, q.start) + 1, 0)
        role_word_before = any(f[3] not in (q.role, "age") for f in cue_list("count_roles.tsv").find(text[sentence_start : q.start]))
        if (q.noun_text or "").split()[:1] in (["others"], ["other"]) and not other_role_before and not role_word_before:
            # "Twelve others sustained minor injuries" (not "the death toll could rise, as 33 others remain in serious condition")
            out[k] = replace(q, partial=True)  # "Twelve others sustained minor injuries": the rest of a count
        elif q.partial and other_role_before and not re.search(r"\b(?:all but|except|apart from)\s*$", text[: q.start]):
            out[k] = replace(q, partial=False)  # "16 died and a further 23 were injured": the injured in full
            group_before = next((p for p in reversed(out[:k]) if p.noun_text and p.role != "age"), None)
            if not q.noun_text and group_before and _MORE_AFTER.match(text, q.end):  # "eight workers died and eight more
                out[k] = replace(out[k], noun_text=group_before.noun_text, noun=group_before.noun)  # are missing": workers
        if _include_part(text, sentence_start, q) or _with_one_person(text, q):
            out[k] = replace(out[k], partial=True)
        group = _SUBGROUP_AFTER.match(text, q.end)
        if group and people_group(group.group(1)):
            out[k] = replace(out[k], noun_text=group.group(1).lower())  # "14 of them children": children
        own = _OWN_GROUP_AFTER.match(text, q.end) if not q.noun_text else None
        if own:  # "five of its members were killed": a count of that group, not of everyone
            out[k] = replace(out[k], noun_text=own.group(1).lower(), noun=stem(own.group(1).lower()))
        if _POSSESSIVE_BEFORE.search(text[max(0, q.start - 8) : q.start]):
            out[k] = replace(out[k], partial=True)  # "36 from its 47 chapters": the size of a standing whole
    out = _parts_and_other_roles(text, _shared_roles(text, out, inserts))
    out = _over_a_period(text, _with_holders(text, _with_shared_qualifiers(text, _with_predicates(text, out))))
    return _with_anchors(text, _provisional_and_other_events(text, out))


# "65 km south of Kanpur city", "84 miles (135 kilometers) northeast of Kansas City", "200 metres from the
# shore", "half a mile off the coast", "a kilometre from the port of Ormoc", "200 meters from Ormoc port".
_ANCHOR = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:(?:due\s+)?(?:north|south|east|west)(?:[\-\s]?(?:north|south|east|west))?(?:ern|erly|ward|wards)?\s+)?"
    r"(?:of|from|off|outside|away from)\s+(?:the\s+)?(?:(?P<common>shore|coast|coastline|port|harbou?r|epicent(?:re|er))\b"
    r"|(?:(?:city|town|village|port)\s+of\s+)?(?P<name>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*)(?:'s)?(?P<kind>\s+(?:port|harbou?r))?)"
)
# What a distance locates, read from the word before it: a place's name ("Pukhrayan, 65 km south of"),
# "Mendon is about 84 miles", or a word for the event's site; not another thing ("a motorist 50 miles").
_LOCATUM = re.compile(
    r"(?P<word>[A-Za-z][\w'\-]*)\s*,?\s*(?:(?:is|was|lies|lay|situated|located|just|some|about|around|roughly|"
    r"approximately|nearly|almost|a|mere|only|barely|over|under|more|less|than)\s+)*$"
)
_SITE_WORDS = frozenset("site scene station town village city area spot place crash accident collision disaster it waters sea".split())
_ANCHOR_WORDS = {"shore": "coast", "coastline": "coast", "harbour": "port", "harbor": "port", "epicenter": "epicentre"}


def _with_anchors(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A distance given from a named place or a landmark ("60 km from Kanpur", "200 metres from the
    shore") carries that place as its anchor, in kilometres (metres and feet converted): two accounts'
    distances from one place are one slot.  A port named after its town is the port."""
    out = list(qs)
    for k, q in enumerate(qs):
        if q.dimension not in ("distance", "length") or q.role in ("rise", "depth", "height") or q.conversion:
            continue
        m = _ANCHOR.match(text, _after_noun(text, q))
        if not m:
            away = _AWAY_IN.match(text, _after_noun(text, q)) or _PLACE_THEN_AWAY.search(text[max(0, q.start - 60) : q.start])
            if away and _AWAY.match(text, _after_noun(text, q)) and away.group("name").split()[0] not in _NOT_HOLDER:
                out[k] = _in_kilometres(replace(q, anchor=away.group("name").lower()))  # "felt 240 km away, in Cyprus"
            continue
        site = _LOCATUM.search(text[max(0, q.start - 60) : q.start])
        word = site.group("word") if site else ""
        listed = word.lower() == "and" and k and out[k - 1].anchor is not None
        action = [c for c in cue_list("event_actions.tsv").find(word) if c[3] in ("impact", "departure", "arrival", "generic")]
        if not (listed or word[:1].isupper() or word.lower() in _SITE_WORDS or action):
            continue  # "a motorist 50 miles north of X", "the building, 15 miles north of X": something else located
        if m.group("common"):
            anchor = _ANCHOR_WORDS.get(m.group("common").lower(), m.group("common").lower())
        elif m.group("kind") or re.match(r"\s*(?:port|harbou?r)\s+of\b", text[m.start() :]):
            anchor = "port"
        else:
            words = [w for w in m.group("name").split() if w not in _NOT_HOLDER]
            if not words:
                continue
            anchor = " ".join(words).lower()
        out[k] = _in_kilometres(replace(q, anchor=anchor))
    return out


def _in_kilometres(q: Quantity) -> Quantity:
    """A distance given in metres or feet, in the kilometres of the distance slot."""
    if q.dimension != "length":
        return q
    return replace(q, dimension="distance", base=q.base / 1000, last_digit=q.last_digit / 1000,
                   low=None if q.low is None else q.low / 1000)


# How far a named place lies from the event: "felt 240 km away, in Cyprus", "the island of Cyprus, about 160 km
# (100 miles) away" (the place named right before or right after "away").
_AWAY = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?away\b", re.I)
_AWAY_IN = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?away\s*,?\s+in\s+(?:the\s+)?(?:(?:city|town|island|country)\s+of\s+)?"
                      r"(?P<name>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*)\s*(?:[.;]|$)")
_PLACE_THEN_AWAY = re.compile(r"\b(?:in|of|to)\s+(?:the\s+)?(?P<name>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*)\s*,\s*(?:(?:about|some|around|roughly|"
                              r"approximately|nearly|almost|just|more than|less than|over|under)\s+)?$")


# A sentence that tells partial results: "with 96 percent of the ballots counted", "after 99 per cent of
# ballot boxes were opened", "partial results": its figures are provisional, not the result.
_PROVISIONAL = re.compile(
    r"\b(?:with|after|as|once)\s+(?:about\s+|nearly\s+|almost\s+|over\s+|more than\s+|some\s+)?[\d.,]+\s*(?:%|percent|per cent)"
    r"\s+of\s+(?:the\s+|all\s+)?(?:ballots?|votes?|ballot boxes|precincts|polling stations|results?|the count)\b"
    r"|\b(?:partial|preliminary|provisional|unofficial)\s+(?:results?|count|counts|tally|tallies|figures)\b",
    re.I,
)
# Another event of the kind told right before the count, in its clause: "with another freight train killing
# two", "after another bus crash left 12 dead" (not "the train hit another vehicle, killing three").
_ANOTHER_EVENT_BEFORE = re.compile(
    r"\b(?:with|after|when|as|while|in)\s+another\s+(?:[\w\-]+\s+){0,3}?(?:crash|collision|accident|derailment|attack|"
    r"explosion|blast|fire|flood|storm|quake|earthquake|shooting|incident|trains?|planes?|bus|buses|ships?|boats?|ferry|"
    r"ferries|flights?|jets?|aircraft|helicopters?)\b[^.;,]{0,40}$",
    re.I,
)


# A rate: "160 injuries per year", "about 1,700 fires nationwide a year", "50 deaths each day" (not "a year
# after", "in a day", "within a week").
_RATE = re.compile(
    r"(?<!\bin )(?<!\bwithin )(?<!\bfor )(?<!\bover )(?<!\bthan )(?<!\babout )(?<!\bnearly )(?<!\balmost )(?<!\bhalf )"
    r"(?<!\bjust )(?<!\bunder )(?<!\bonly )(?<!\bof )(?<!\bsuch )(?<!\bquite )(?<!\bwhat )(?<!\bsince )"
    r"\b(?:per|a|an|each|every)\s+(?:year|day|week|month|season)\b"
    r"(?!\s+(?:after|before|ago|later|earlier|since|into|from|of|and|or)\b)(?!-)|\b(?:annually|yearly)\b",
    re.I,
)
# An earlier figure a sentence corrects: "revised the toll from 79", "amending a toll of 79 deaths",
# "lowered its estimate from 30" (a figure followed by "to N" is handled as "rose from 27 to 43").
_CORRECTED_FROM = re.compile(
    r"\b(?:revis|amend|correct|lower|rais|adjust|updat|reduc|cut|downgrad|upgrad)\w*\b[^.;]{0,40}?"
    r"\b(?:toll|figure|count|tally|number|estimate|total)\b[^.;]{0,30}?\bfrom\s+$"
    r"|\b(?:revis|amend|correct|lower|rais|adjust|updat|reduc|cut|downgrad|upgrad)\w*\s+(?:(?:down|up)(?:wards?)?\s+)?from\s+$"
    r"|\b(?:revising|amending|correcting|updating|lowering|raising|adjusting|reducing|replacing)\s+"
    r"(?:a|an|the|its|their|his|her|an earlier|the earlier|a previous|the previous)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:toll|figure|count|tally|number|estimate)\s+of\s+$",
    re.I,
)


# "only one pilgrim died from injuries sustained in a crush", "just two of them died of burns": the part of a toll
# that one cause took (not "only two people died in the crash").
_ONLY_BEFORE = re.compile(r"\b(?:only|just)\s+$", re.I)
_OF_A_CAUSE = re.compile(r"[^.;,]{0,60}?\b(?:died|killed|injured|hurt|wounded)\s+(?:from|of|due to|because of|as a result of)\b", re.I)


def _provisional_and_other_events(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Figures that are not the event's own final ones: every figure of a sentence of partial results
    ("with 96 percent of the ballots counted, X had won 52.3 percent"), a count told of another
    event in passing ("the second crash in two days, with another train killing two"), every count of a
    sentence that gives rates ("about 80 deaths, 160 injuries per year") and a figure a sentence says was
    corrected ("revised the toll from 79"): partial."""
    out = list(qs)
    provisional = [m.start() for m in _PROVISIONAL.finditer(text)]
    rates = [m.start() for m in _RATE.finditer(text)]
    for k, q in enumerate(qs):
        sentence_start = max(text.rfind(". ", 0, q.start) + 1, 0)
        end = text.find(". ", q.end)
        sentence_end = len(text) if end < 0 else end
        if any(sentence_start <= p < sentence_end for p in provisional) or _ANOTHER_EVENT_BEFORE.search(
            text, sentence_start, q.start
        ):
            out[k] = replace(q, partial=True)
        elif not q.dimension and any(sentence_start <= p < sentence_end for p in rates):
            out[k] = replace(q, partial=True)
        elif _ONLY_BEFORE.search(text[max(0, q.start - 8) : q.start]) and _OF_A_CAUSE.match(text, q.end):
            out[k] = replace(q, partial=True)  # "only one pilgrim died from injuries in a crush": those of one cause
        elif _CORRECTED_FROM.search(text[max(sentence_start, q.start - 120) : q.start]) and not re.match(
            r"[\w\s]{0,20}?\bto\s+\S*\d", text[q.end :]
        ):
            out[k] = replace(q, partial=True)
    return out


# A count summed over a span of days: "50 hostages ... over the four-day period", "over the next three days".
_OVER_A_PERIOD = re.compile(
    r"\b(?:over|across|throughout)\s+(?:the\s+|a\s+)?(?:(?:next|coming|following|first|past|last|whole|entire)\s+)?"
    r"(?:[\w]+[\s\-]+)?(?:days?|weeks?|months?|period|truce|ceasefire)\b",
    re.I,
)


def _over_a_period(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A count of people said to be summed over several days ("the release of 50 hostages over the
    four-day period") is of that span (scope "over a period"), not the figure of one day."""
    out = list(qs)
    for k, q in enumerate(qs):
        if q.dimension or q.scope or q.role == "age":
            continue
        end = re.search(r"[.;!?](?:\s|$)", text[q.end :])
        rest = text[q.end : q.end + end.start() if end else len(text)]
        if _OVER_A_PERIOD.search(rest):
            out[k] = replace(q, scope="over a period")
    return out


# A name standing before a share in its clause: "Erdogan had won 52.3 percent", "Kilicdaroglu's 47.7
# percent" (the last capitalised word that is not a day, month or function word).
_CAPITALISED = re.compile(r"\b([A-Z][\w\-]+)(?:'s)?\b")
_NOT_HOLDER = frozenset(
    "The A An This That These Those It Its His Her Their With After Before In On At Of By For From To And But Or "
    "While As When Sunday Monday Tuesday Wednesday Thursday Friday Saturday January February March April May June "
    "July August September October November December".split()
)


def _with_holders(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Shares that split a whole between holders ("Erdogan won 52.3 percent to Kilicdaroglu's 47.7
    percent"): each carries the name that holds it (a possessive right before it, else the first name
    after the previous share), so one holder's share is never set against another's.  Only in a
    sentence with two or more percentages; a share with no name before it keeps none."""
    shares = [k for k, q in enumerate(qs) if q.percent]
    if len(shares) < 2:
        return qs
    out = list(qs)
    lo = 0
    for k in shares:
        stretch = text[lo : qs[k].start]
        lo = qs[k].end
        if qs[k].activity or qs[k].scope:
            continue  # "turnout was 71.6%", "82 percent in India": a share of an activity or a place, no holder's
        own = re.search(r"\b([A-Z][\w\-]+)'s\s+$", stretch)
        names = [m.group(1) for m in _CAPITALISED.finditer(stretch) if m.group(1) not in _NOT_HOLDER]
        if own:
            out[k] = replace(qs[k], holder=own.group(1).lower())
        elif names:
            first = next(m for m in _CAPITALISED.finditer(stretch) if m.group(1) not in _NOT_HOLDER)
            run = re.match(r"[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*", stretch[first.start() :])
            out[k] = replace(qs[k], holder=run.group().split()[-1].lower() if run else names[0].lower())
    return out


# "at least 36 dead and 26 missing": the qualifier of a list's first count, and a bare count after it.
_SPREADING_QUALIFIERS = frozenset({"atleast", "more", "approx", "upto", "less", "nearly"})


def _with_shared_qualifiers(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A bare count joined by "and" or a comma to a qualified count before it, with another role,
    may be covered by that qualifier ("at least 36 dead and 26 missing")."""
    out = list(qs)
    for k in range(1, len(qs)):
        head, q = out[k - 1], qs[k]
        source = head.shared_qualifier or (head.qualifier_class if head.qualifier_class in _SPREADING_QUALIFIERS else None)
        if source is None or q.qualifier_class is not None or q.dimension or head.dimension:
            continue
        if not q.role or q.role == head.role or q.role == "age":
            continue
        between = text[_after_noun(text, head) : q.start]
        if re.fullmatch(r"\s*(?:[a-z]+\s+){0,2}?(?:,\s*(?:and\s+)?|and\s+)", between) and not re.search(r"[.;]", between):
            out[k] = replace(q, shared_qualifier=source)
    return out


# Verbs of a harm or of a choice in a vote: a group they are said of is picked out by them.
_CHOICE_VERBS = re.compile(
    r"\b(?:preferred|preferring|prefer|prefers|favou?red|favou?ring|dissented|dissenting|chose|choosing|wanted|wanting)\b",
    re.I,
)
# Where what is said of a count's group ends: "243 passengers were aboard the train that derailed, killing three".
_PREDICATE_END = re.compile(r"[.;!?](?:\s|$)|,\s+(?:[a-z]+ing|which|while|whereas)\b|\b(?:that|which)\b")
_HARM_ROLES = frozenset({"killed", "injured", "critical", "serious", "hospitalised", "missing", "bodies", "survived", "arrested", "abducted"})


def _with_predicates(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A count of a group with no role of its own, of which the rest of its sentence (up to the next
    number) says a harm or a choice: "Two passengers on the train and the truck driver were killed"
    (the passengers killed, not those on board), "Six members ... voted to raise", "Two members
    preferred": ambiguous, not a plain count of the group."""
    out = list(qs)
    for k, q in enumerate(qs):
        if q.role is not None or q.dimension or not q.noun_text:
            continue
        stop = qs[k + 1].start if k + 1 < len(qs) else len(text)
        brk = _PREDICATE_END.search(text[q.end : stop])
        rest = text[q.end : q.end + brk.start() if brk else stop]
        rest = " ".join(rest.split()[:14])
        harm = [f for f in cue_list("count_roles.tsv").find(rest) if f[3] in _HARM_ROLES]
        if harm and " and " not in rest[: harm[0][0]] and not _CHOICE_VERBS.search(rest) and _PASSIVE_BEFORE.search(
            rest[: harm[0][0]]
        ):
            out[k] = replace(q, role=harm[0][3])  # "More than 280 students from a school in X have been kidnapped"
        elif harm or _CHOICE_VERBS.search(rest):
            out[k] = replace(q, ambiguous=True)
    return out


# "eight more are missing": more of the group counted before.
_MORE_AFTER = re.compile(r"\s+more\b", re.I)
# "The dead included a girl and two elderly people", "Among the injured were three people from one family": a part
# of the count named before, told by the members it includes (a people group keeps its own slot: "include 28 adults").
_INCLUDE_HEADS = r"(?:dead|deaths|fatalities|killed|victims|injured|wounded|survivors|missing|casualties)"
_INCLUDE_PART = re.compile(
    r"\b(?:(?:the\s+)?(?P<head>" + _INCLUDE_HEADS + r")\s+(?:include|includes|included|including)|among\s+(?:the\s+)?"
    r"(?P<among>" + _INCLUDE_HEADS + r"))\b[^;.]{0,80}$",
    re.I,
)
# One person named with a counted group: "the pilot and four passengers", "four passengers and their guide": the
# group is a part of those on board (or killed), not all of them.
_ONE_PERSON = (r"(?:pilot|co-?pilot|captain|skipper|driver|conductor|guide|operator|commander|teacher|owner|ceo|"
               r"founder|chief executive|instructor|coach)")
_ONE_PERSON_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|one)\s+(?:[a-z\-]+\s+)?" + _ONE_PERSON + r"\s+(?:and|&)\s+$", re.I)
_ONE_PERSON_AFTER = re.compile(r"\s+(?:and|&)\s+(?:the|a|an|its|their|his|her|one)\s+(?:[a-z\-]+\s+)?" + _ONE_PERSON + r"\b", re.I)


def _include_part(text: str, sentence_start: int, q: Quantity) -> bool:
    """A count of people in general inside a list of those a count includes ("the dead included two elderly
    people"): a part, not the toll."""
    noun = q.noun_text or ""
    found = _INCLUDE_PART.search(text, sentence_start, q.start)
    if not found or not q.role or q.role == "age" or people_group(noun):
        return False
    head_roles = {f[3] for f in cue_list("count_roles.tsv").find(found.group("head") or found.group("among"))}
    return (not head_roles or q.role in head_roles) and not any(
        w in ("all", "every") for w in text[max(0, q.start - 12) : q.start].lower().split())  # not "... the 17 injured"


def _with_one_person(text: str, q: Quantity) -> bool:
    """"the pilot and four passengers", "four passengers and the pilot": the count of a group named with one person."""
    if not q.noun_text or not people_group(q.noun_text) or " and " in q.noun_text:
        return False
    return bool(_ONE_PERSON_BEFORE.search(text[max(0, q.start - 60) : q.start]) or _ONE_PERSON_AFTER.match(text, _after_noun(text, q)))


# "... have been kidnapped", "... were killed": the group's own predicate (not "the lorry driver were killed" after "and").
_PASSIVE_BEFORE = re.compile(r"\b(?:have|has|had)\s+been\s+$|\b(?:were|was)\s+$", re.I)


# A count of a part of a whole named by its role: "27 of the dead", "three of the injured"; or of
# others than those counted before: "five other students".
_PART_OF_AFTER = re.compile(r"\s+of\s+(?:the|those|these)\s+([a-z]+(?:\s+toll)?)\b", re.I)
_OTHER_AFTER = re.compile(r"\s+other\s+[a-z]", re.I)
# A degree of harm that picks out part of the injured: "116 sustained minor injuries", "12 with slight injuries".
_MINOR_HARM_AFTER = re.compile(
    r"[^.;,()\d]{0,40}?\b(?:minor|slight|light|mild|superficial|non-life-threatening)(?:ly)?\s+(?:injur|hurt|wound)", re.I
)
# Something done to a counted group after the event that is not the event's count: "34 bodies were identified".
_AFTER_EVENT_ROLE = re.compile(
    r"[^.;,()\d]{0,30}?\b(?:identified|handed over|buried|cremated|claimed by)\b", re.I
)
# A count of those on board only: "killing two aboard", "three passengers on board died".
_ON_BOARD_AFTER = re.compile(r"\s+(?:(?:people|passengers|persons)\s+)?(?:aboard|on board|onboard)\b", re.I)
# Money: "₹50,000 for minor injuries", "Rs 2 lakh", "$10,000 each" count no people.
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:rs|inr|usd|eur|gbp)\.?)\s*$", re.I)


# What a sum is for: the noun after it ("a $69 billion deal"), else the noun it is "of" ("a forfeiture of $11
# billion") or the verb right before it ("ordered to forfeit $11 billion", "fined $5 million").
_MONEY_VERB_BEFORE = re.compile(
    r"\b([a-z]{3,})\s+(?:(?:of|at|to|for|by)\s+)?(?:(?:more than|over|about|nearly|almost|up to|at least|some|around|"
    r"roughly|an estimated|approximately|exceeding|exceeded|passed)\s+)?(?:an?\s+)?(?:US|A|C|HK)?(?:[$€£¥₹]|rs\.?|usd|eur|gbp)?\s*$", re.I)
# Acts a sum before it is the object of, named by a verb or a noun of: one sum per act in an event.
_MONEY_ACTS = frozenset(stem(w)[:6] for w in "forfeit forfeiture fine fined restitution bail ransom damages settlement "
                        "settle acquisition acquire takeover compensation bailout".split())


def _money_activity(text: str, q: Quantity) -> str | None:
    """What a sum of money is for, as the first six letters of a stem (so that "forfeit" and "forfeiture"
    meet), or None when nothing says."""
    words = [w for w in (q.noun_text or "").split() if w not in STOPWORDS]
    if words:  # "a $69 billion acquisition" (not "a $160 million contract": whose?)
        return stem(words[-1])[:6] if stem(words[-1])[:6] in _MONEY_ACTS else None
    before = _MONEY_VERB_BEFORE.search(text[max(0, q.start - 40) : q.start])
    if before and stem(before.group(1).lower())[:6] in _MONEY_ACTS:
        return stem(before.group(1).lower())[:6]  # not "lost", "paid", "raised": whose loss or payment is open
    return None


def _whole_phrase_roles(text: str, at: int) -> set[str]:
    """The roles the words right after a partitive's whole give it ("of the men on board", "of the people killed"),
    up to a verb or a clause break: the whole's own role, not what the sentence goes on to say of the part."""
    phrase = re.split(r"[,;.:()]|\s(?:were|was|are|is|have|has|had|remain|remained|who|that|which|said|told|in)\s", text[at : at + 40])[0]
    return {f[3] for f in cue_list("count_roles.tsv").find(phrase)}


# Words for people in general that a partitive may name: "two of the people on board".
_PEOPLE_WORD = re.compile(r"people|persons|victims|individuals|residents|occupants|others", re.I)
_PART_ROLES = frozenset({"killed", "injured", "bodies", "missing", "survived", "critical", "serious", "hospitalised"})


def _parts_and_other_roles(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Counts that are not the event's own figure for their role: a part of a whole ("27 of the
    dead", "five other students", "116 with minor injuries": partial), a later act on a counted
    group ("34 bodies were identified": role "identified") and sums of money (no role)."""
    out: list[Quantity] = []
    for q in qs:
        at = q.end
        other_role_before = any(p.role and p.role != q.role and p.role != "age" for p in out)
        whole = _PART_OF_AFTER.match(text, at)
        whole_roles = [f[3] for f in cue_list("count_roles.tsv").find(whole.group(1))] if whole else []
        if whole and q.role in whole_roles:
            said = " ".join(re.split(r"[.;,]", text[whole.end() :])[0].split()[:8])
            other = [f[3] for f in cue_list("count_roles.tsv").find(said) if f[3] not in (*whole_roles, "age")]
            if other:  # "37 of the injured were in serious condition": 37 critically injured
                q = replace(q, role=other[0])
        if q.role in _PART_ROLES and not (q.noun_text and people_group(q.noun_text)) and (
            q.role in whole_roles or (_OTHER_AFTER.match(text, at) and not other_role_before)
        ):
            q = replace(q, partial=True)
        people_whole = bool(whole and (_PEOPLE_WORD.fullmatch(whole.group(1)) or people_group(whole.group(1))))
        if people_whole and whole and not whole_roles and not q.noun_text and q.role in _whole_phrase_roles(text, whole.end()) and not re.search(
            r"\ball\s+$", text[max(0, q.start - 6) : q.start], re.I
        ):  # "two of the men on board": some of those on board (not "all five of the men", nor "seven of the victims
            q = replace(q, partial=True)  # were in critical condition", the count of those in that state)
        if q.role == "injured" and _MINOR_HARM_AFTER.match(text, at):
            q = replace(q, partial=True)
        if q.role not in (None, "age", "on_board") and not q.scope and _ON_BOARD_AFTER.match(text, at):
            q = replace(q, scope="on board")  # "killing two aboard and one in the truck": those on board only
        if q.role and q.role != "age" and _AFTER_EVENT_ROLE.match(text, at):
            q = replace(q, role="identified")
        digit = re.search(r"\d", text[q.start : q.end])
        digits_at = q.start + digit.start() if digit else q.start
        if _CURRENCY_BEFORE.search(text[max(0, digits_at - 6) : digits_at]) and not q.dimension:
            q = replace(q, role=None, money=True, activity=_money_activity(text, q))
        out.append(q)
    return out


# "14 of them children", "14 of the injured are children": a count of that group.
_SUBGROUP_AFTER = re.compile(r"\s+of\s+(?:them|the\s+\w+)\s*,?\s*(?:(?:are|were)\s+)?(?:\w+\s+)?([a-z]+)\b", re.I)
# "five of its members", "three of their officers": a count of the speaker's or subject's own group.
_OWN_GROUP_AFTER = re.compile(r"\s+of\s+(?:its|their|his|her|our)\s+(?:own\s+)?([a-z][a-z\-]+)\b", re.I)
# "its 47 prefectural chapters", "their 12 members": how many there are, not a count of the event.
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their)\s+$", re.I)
_SUBSET_HEAD = re.compile(r"\b(?:of|out of|among)\s+(?:the\s+|all\s+)?$", re.I)
_AND_CREW = re.compile(r"\s*(?:and|&)\s+(?:the\s+|its\s+)?(?:crew|crew members|passengers)\b", re.I)


# What a duration or a share is of: "13 hours of deliberation", "an 18-hour mission", "deliberating
# for 18 hours", "flights lasting 37 hours", "turnout was 71.6%", "a turnout of 72%".
_OF_ACTIVITY = re.compile(r"\s+of\s+(?:the\s+|their\s+|its\s+)?([a-z][a-z\-]+)")
_ACTIVITY_BEFORE = re.compile(r"\b([a-z][a-z\-]+)\s+(?:for|lasting|lasted|took|taking)\s+$")
# The time from the departure to the event: "10 minutes after leaving port", "half an hour after setting sail",
# "40 seconds after take-off", "20 minutes after it left the port".
_AFTER_DEPARTURE = re.compile(
    r"\s*(?:after|into|since)\s+(?:it|the\s+[a-z]+|its\s+[a-z]+)?\s*(?:left|leaving|departed|departing|departure|took off|taking off|"
    r"take-?off|set sail|setting sail|set off|setting off|lifted off|lift-?off|launch|launching|was launched|the flight|its journey)\b",
    re.I,
)
_TERM_AFTER = re.compile(r"[\s\-]*(?:years?|months?)?[\s\-]*(?:(?:prison|jail)[\s\-]+)?(?:sentence|term)\b", re.I)  # not "three years to his sentence"
# A term someone asks for ("the probation department recommended a 100-year sentence", "prosecutors sought a
# 40-year term"), and who asks: defence and prosecution ask for different terms.
_SOUGHT_BEFORE = re.compile(
    r"(?P<who>(?:[\w\-']+\s+){0,3})(?:had\s+|have\s+|has\s+)?(?:recommend|sought|seek|asked\s+for|ask\s+for|asking\s+for|request|"
    r"urg|demand|propos|call(?:ed|ing|s)?\s+for|push(?:ed|ing)?\s+for|argu)\w*\b[^.;]*$",
    re.I,
)
_PARTIES = {"defen": "defence", "lawyer": "defence", "attorney": "defence", "prosecut": "prosecution",
            "government": "prosecution", "probation": "probation"}
_TERM_BEFORE = re.compile(r"\bsentenced\s+(?:him\s+|her\s+|them\s+)?to\s+(?:a\s+)?$", re.I)
_SHARE_SUBJECT = re.compile(r"\b([A-Za-z][a-z\-]+)\s+(?:was|is|stood at|reached|hit|hitting|of|at)\s+$")


# The time between two moments: "70 minutes after the bell rang", "an hour before the vote", "two hours later".
_GAP_AFTER = re.compile(
    r"\s*(?:(after|before|since)\s+(?:(?:the|a|an|its|their|his|her|it|he|she|they|we)\s+)?([a-z][a-z\-]+)|(later|earlier|ago|back)\b)", re.I
)
GAP_PREFIXES = ("after ", "before ", "since ", "later", "earlier", "ago", "back")


def is_gap(activity: str | None) -> bool:
    """Whether a duration's activity is the time between two moments ("after smoke"), not the length of something."""
    return bool(activity) and activity != "after departure" and activity.startswith(GAP_PREFIXES)  # type: ignore[union-attr]


# A measurement said as an extreme or a mode: "a maximum altitude of 16,325 feet", "peak winds of", "its cruising
# speed", "at its highest"; word -> the class compared.
_EXTREMES = {"maximum": "maximum", "max": "maximum", "maximal": "maximum", "peak": "maximum", "top": "maximum",
             "highest": "maximum", "peaked": "maximum", "peaking": "maximum", "minimum": "minimum", "lowest": "minimum", "average": "average", "mean": "average",
             "record": "record", "cruising": "cruising"}
_EXTREME_BEFORE = re.compile(
    r"\b(" + "|".join(_EXTREMES) + r")\s+(?:[a-z\-]+\s+){0,2}(?:(?:of|at|was|is|reached|stood at|hit)\s+){0,2}(?:an?\s+)?$", re.I
)
_EXTREME_AFTER = re.compile(r"[\w\s\-]{0,20}?\bat\s+(?:its|their|the)\s+(peak|highest|maximum|lowest|minimum)\b", re.I)


def _extreme(text: str, q: Quantity) -> str | None:
    """"maximum" for "reached a maximum altitude of 16,325 feet", else None (the extreme or mode a measure is said as)."""
    clause_start = max(text.rfind(",", 0, q.start), text.rfind(";", 0, q.start), text.rfind(". ", 0, q.start), 0)
    before = _EXTREME_BEFORE.search(text, clause_start, q.start)
    if before:
        return _EXTREMES[before.group(1).lower()]
    after = _EXTREME_AFTER.match(text, _after_noun(text, q))
    return _EXTREMES[after.group(1).lower()] if after else None


def _activity(text: str, q: Quantity) -> str | None:
    """The activity or the measured noun a duration or a percentage belongs to (a stem), else None."""
    words = (q.noun_text or "").split()
    if q.dimension == "duration":
        if _TERM_AFTER.match(text, _after_noun(text, q)) or _TERM_BEFORE.search(text[max(0, q.start - 30) : q.start]):
            sought = _SOUGHT_BEFORE.search(text[max(0, q.start - 80) : q.start])
            if sought:  # "prosecutors recommended a 40-year sentence": asked for by a party, not imposed
                party = next((p for w in sought.group("who").lower().split() for k, p in _PARTIES.items() if w.startswith(k)), None)
                return f"sentenc sought by {party}" if party else "sentenc sought"
            return "sentenc"  # "a 25-year prison sentence", "sentenced to 12 years": a term, not time served
        if _AFTER_DEPARTURE.match(text, _after_noun(text, q)):
            return "after departure"  # "capsized 20 minutes after it left the port", "crashed minutes after take-off"
        after_unit = [w for w in words[1:] if w not in STOPWORDS and w not in _TIME_WORDS]
        if after_unit:
            return stem(after_unit[-1])  # "an 18-hour mission"
        of = _OF_ACTIVITY.match(text, _after_noun(text, q))
        if of and of.group(1) not in STOPWORDS:
            return stem(of.group(1))  # "13 hours of deliberation"
        before = _ACTIVITY_BEFORE.search(text[max(0, q.start - 40) : q.start])
        if before and before.group(1) not in STOPWORDS:
            return stem(before.group(1))  # "deliberating for 18 hours", "flights lasting 37 hours"
        gap = _GAP_AFTER.match(text, _after_noun(text, q))
        if gap:  # "70 minutes after the bell rang", "two hours later": the time between two moments, not a length
            return f"{gap.group(1).lower()} {stem(gap.group(2).lower())}" if gap.group(2) else gap.group(3).lower()
        return None
    subject = _SHARE_SUBJECT.search(text[max(0, q.start - 40) : q.start])
    word = subject.group(1).lower() if subject else ""
    if word and word not in STOPWORDS and not word.endswith("ly"):
        return stem(word)  # "turnout was 71.63%"
    return None


# "another 5.1-magnitude earthquake", "the other nine deaths", "an additional four": one more, not the figure.
_PARTIAL_BEFORE = re.compile(
    r"\b(?:another|other|additional|further|second|third|all but|except|except for|apart from|the first|the last|the final)\s+$",
    re.I,
)
# An inserted breakdown right after a count: "43 deaths - 28 adults and 15 children - were in",
# "80 people aboard (76 passengers and four crew)", "29 survivors, including two children,".
_INSERT_OPEN = re.compile(
    r"(?:\s-\s(?:aged\s+|ages\s+)?|\s?\(\s*(?:aged\s+|ages\s+)?|,?\s+(?:including|among them|of whom|aged|ages)\s+)$"
)
_INSERT_CLOSE = {"-": re.compile(r"\s-\s|[.;]\s"), "(": re.compile(r"\)|[.;]\s"), "i": re.compile(r",\s|[.;]\s|$")}
# Between two members of one list: "47 men, 48 women and one child", "62 passengers and five crew".
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+|plus\s+)")
_AUX_LEAD = re.compile(r"\s*(?:(?:were|was|are|is|have been|had been|has been)\s+)?", re.I)
# Roles a breakdown inherits from the count it breaks down (killed -> "28 adults" killed).
_PEOPLE_ROLES = frozenset("killed injured critical serious hospitalised survived missing on_board bodies displaced arrested abducted".split())


def _insert_after(text: str, found: list[Quantity], k: int) -> tuple[str | None, list[int], str] | None:
    """(the head's own words after the insert, the insert's members, kind) for a count that a
    breakdown follows; None when none does."""
    q = found[k]
    next_start = found[k + 1].start if k + 1 < len(found) else len(text)
    opener = _INSERT_OPEN.search(text, q.end, next_start)
    if not opener or opener.end() != next_start or k + 1 >= len(found):
        return None
    mark = opener.group().strip()
    kind = "-" if mark.startswith("-") else "(" if mark.startswith("(") else "i"
    close = _INSERT_CLOSE[kind].search(text, next_start + 1)
    close_at = close.start() if close else len(text)
    members = [j for j in range(k + 1, len(found)) if found[j].start < close_at]
    if close is None or text[close.start() : close.end()].strip() not in ("-", ")", ","):
        return None if kind != "i" else (None, members, kind)
    after_close = next((found[j].start for j in range(k + 1, len(found)) if found[j].start >= close.end()), len(text))
    head_after = text[q.end : opener.start()] + " " + text[close.end() : after_close]
    return head_after, members, kind


def _after_noun(text: str, q: Quantity) -> int:
    """Where the words after a quantity's counted noun begin ("40 were adults| and")."""
    at = _AUX_LEAD.match(text, q.end).end()  # type: ignore[union-attr]
    noun = q.noun_text or ""
    return at + len(noun) if noun and text[at : at + len(noun)].lower() == noun else q.end


def _list_groups(text: str, qs: list[Quantity]) -> list[list[int]]:
    """Runs of quantities joined as one list ("47 men, 48 women and one child")."""
    groups: list[list[int]] = []
    joined_by_and: list[bool] = []
    for k, q in enumerate(qs):
        if k and not q.conversion and not qs[k - 1].conversion:
            rest = text[_after_noun(text, qs[k - 1]) : q.start]
            if _LIST_SEPARATOR.fullmatch(rest) and not _SUBSET_HEAD.search(text[max(0, qs[k - 1].start - 12) : qs[k - 1].start]):
                groups[-1].append(k)
                joined_by_and[-1] = joined_by_and[-1] or "," not in rest or bool(re.search(r"\b(?:and|plus)\b", rest))
                continue
        groups.append([k])
        joined_by_and.append(False)
    # "A, B and C" is a list; "Of the 23 arrested, 12 are ..." (a comma only) is not
    out: list[list[int]] = []
    for g, joined in zip(groups, joined_by_and, strict=True):
        out += [g] if joined or len(g) == 1 else [[k] for k in g]
    return out


def _shared_roles(text: str, qs: list[Quantity], inserts: dict[int, tuple[str | None, list[int], str]]) -> list[Quantity]:
    """Roles shared within a list (the verb after "47 men, 48 women and one child were killed"
    governs all three), and a breakdown's members given the role and place of the count they
    break down ("43 deaths - 28 adults and 15 children - were in Kerr County"; "68 died in Kerr
    County, 40 were adults and 28 were children")."""
    qs = list(qs)
    groups = _list_groups(text, qs)
    group_of = {k: g for g in groups for k in g}
    for g in groups:
        for pos, k in enumerate(g):
            if qs[k].role is None and qs[k].dimension is None:
                source = next((qs[j].role for j in g[pos + 1 :] if qs[j].role and qs[j].role != "age"), None) or next(
                    (qs[j].role for j in reversed(g[:pos]) if qs[j].role and qs[j].role != "age"), None)
                if source:
                    qs[k] = replace(qs[k], role=source)
    for h, (_after, members, kind) in sorted(inserts.items()):
        head = qs[h]
        if head.role not in _PEOPLE_ROLES:
            continue
        everyone = sorted({j for m in members for j in group_of.get(m, [m]) if j > h})
        for j in everyone:
            m = qs[j]
            if m.dimension or m.role == "age" or not people_group(m.noun_text or ""):
                continue
            role = head.role if kind == "i" or m.role is None else m.role
            qs[j] = replace(m, role=role, scope=m.scope or head.scope, inherited=True)
    for g in groups:
        h = g[0] - 1
        if h < 0 or any(qs[k].role for k in g) or qs[h].role not in _PEOPLE_ROLES or people_group(qs[h].noun_text or ""):
            continue
        if any(not people_group(qs[k].noun_text or "") for k in g) or re.search(r"[.;]\s", text[qs[h].end : qs[g[0]].start]):
            continue
        tail_end = qs[g[-1] + 1].start if g[-1] + 1 < len(qs) else len(text)
        tail = re.split(r"[.;]\s|,\s", text[_after_noun(text, qs[g[-1]]) : tail_end])[0]
        if content_terms(tail):
            continue  # "150 soldiers were deployed": a fact of its own
        for k in g:  # "68 died in Kerr County alone, 40 were adults and 28 were children"
            qs[k] = replace(qs[k], role=qs[h].role, scope=qs[k].scope or qs[h].scope, inherited=True)
    return qs


def _next_words(text: str, pos: int, n: int) -> list[str]:
    seg = text[pos : pos + 80]
    stop = re.search(r"[.,;:!?()\"]", seg)
    if stop:
        seg = seg[: stop.start()]
    seg = unglued(seg)  # "three critical injuries—a child"
    return re.findall(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", seg)[:n]


# Prepositions the stop-word list lacks that end a counted noun: "seven people near the depot".
_PLACE_PREPOSITIONS = frozenset("near outside inside along beside behind beyond amid during following".split())


def _counted_noun(after: list[str]) -> str | None:
    """The noun a number counts: the last word of the run of content words after it."""
    run: list[str] = []
    table = number_words()
    limit = 3 if len(after) > 2 and after[0][:1].isupper() and after[1][:1].isupper() else 2  # "10 Mystic Camp campers"
    for w in after:
        low = w.lower()
        if low in AUX and not run:
            continue  # "4,500 were injured": the participle says what is counted
        if (low in STOPWORDS or low in AUX or low in _SKIP_AFTER or low in table or _word_value(low) or low in _TIME_WORDS
                or low in _PLACE_PREPOSITIONS):
            break
        if run and _DIRECTION.fullmatch(low):
            break
        run.append(w)
        if len(run) == limit:
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
    """What a quantity measures or counts: its dimension ("unit:distance") or its counted noun
    (a noun never equals a dimension: "Category 5 wind speed" is no speed in mph)."""
    return f"unit:{q.dimension}" if q.dimension else q.noun


# A lower bound spread from a list's first count ("at least 36 dead and 26 missing") still flags a
# value this many times the count: "at least 350 injured" against "over 900" is worth a look.
SPREAD_LOOSENESS = 2.0


def spread_agrees(x: Quantity, y: Quantity) -> bool:
    """Whether two quantities agree once a qualifier spread from a list's first count is applied
    ("at least 36 dead and 26 missing": 26 read as "at least 26")."""
    if not (x.shared_qualifier or y.shared_qualifier):
        return False
    rx = interval(x.base, x.shared_qualifier) if x.shared_qualifier else x.range
    ry = interval(y.base, y.shared_qualifier) if y.shared_qualifier else y.range
    return overlap(rx, ry)


def spread_grade(x: Quantity, y: Quantity) -> tuple[Severity, str] | None:
    """For two quantities that agree only with a spread qualifier: a warning when they lie far apart
    ("at least 350 injured" against "over 900"), else nothing."""
    low, high = sorted((abs(x.base), abs(y.base)))
    if low and high / low >= SPREAD_LOOSENESS:
        return "warning", ("the qualifier of the count before it ('at least ...') may cover this count too; read so, "
                           "the values agree, but they lie far apart")
    return None


# A measurement or an age is an error only between sentences that share more than this share of their content
# words (one statement in two renderings); between looser sentences it is often of another thing, another person or
# another moment ("a 10-year contract" / "a five-year deal"; "37 years at the plant" / "nearly 30 years" of a colleague).
SAME_STATEMENT_SHARE = 0.5
# A sentence with this many figures is a stat line or a breakdown ("completed 29 of 34 passes for 364 yards and
# three touchdowns"): a figure of it whose role is not stated is not set against another account's figure.
STAT_LINE = 3


def shared_content(a: str, b: str) -> float:
    """Share of content words (stems, numbers left out) two sentences have in common (Jaccard)."""
    ta = {t for t in content_terms(a) if not t.isdigit()}
    tb = {t for t in content_terms(b) if not t.isdigit()}
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def compare_pair(x: Quantity, y: Quantity, close: bool, same_statement: bool | None = None) -> tuple[Severity, str] | None:
    """(severity, reason) when two quantities of one slot conflict, else None.

    ``error`` only when both clearly state the same slot: the same thing in the same role and
    place, ranges (qualifiers and units applied) that do not meet; for a measurement or an age, also
    only in one statement (``same_statement``: a close copy, or sentences sharing most content words).  A role or place stated on
    one side only is a ``warning`` in an edited copy (``close``) and no finding otherwise.
    """
    if thing(x) != thing(y) or x.percent != y.percent or (x.holder and y.holder and x.holder != y.holder):
        return None  # two holders' shares ("52.1 percent" for one candidate, "47.9" for the other)
    gaps = (is_gap(x.activity), is_gap(y.activity))
    if x.dimension == "duration" and x.activity and y.activity and x.activity != y.activity and not all(gaps):
        return None  # "a three-month stay" and "less than an hour after checking in": two spans
    if x.dimension == "duration" and gaps[0] != gaps[1]:
        return None  # "70 minutes after the smoke" and "a period of 24 hours": a gap between two moments and a length
    if x.extreme != y.extreme:
        return None  # "a maximum altitude of 16,325 feet" and "an altitude of 16,000 feet when ...": two measures
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
    if spread_agrees(x, y):
        return spread_grade(x, y)
    if x.role is None and not close and not x.dimension:
        return "warning", f"same counted noun ({x.noun_text}) but its role in the event is not stated"
    both = "approx" in (x.qualifier_class, y.qualifier_class) and "approx" == x.qualifier_class == y.qualifier_class
    if both:
        return "warning", "both values are approximate"
    if near_approximation(x, y):
        return "warning", "one value is approximate ('around 20') and the other close to it"
    if x.inherited or y.inherited:
        return "warning", "a count read from the figure it breaks down ('Of the 17 wounded, 14 are children')"
    if x.vague or y.vague:
        return "warning", "one value is a vague amount ('dozens', 'hundreds') outside the other's order of magnitude"
    if not (close if same_statement is None else same_statement) and (x.dimension or x.role == "age"):
        return "warning", (f"two {x.role or x.dimension} values that cannot both hold, but a measurement or an age in "
                           "two accounts is often of different things or taken at different times (a stay and a "
                           "contract, an age at arrest and at trial)")
    what = x.role or x.dimension or x.noun_text
    unit = " after unit conversion" if share else ""
    return "error", f"same slot ({what}), same place; the values{unit} cannot both hold, qualifiers included"


def check_numbers(claim: Claim, sides: list[Side], date_spans: DateSpans) -> list[Discrepancy]:
    """Different values for one slot (error or warning, graded); a qualifier changed in a copy (warning)."""
    out = []
    for a, b in side_pairs(sides):
        found_a = [(q, len(qs)) for v in a.sentences for qs in [find_quantities(v.text, date_spans(v))] for q in qs if _stated(v.text, q)]
        found_b = [(q, len(qs)) for v in b.sentences for qs in [find_quantities(v.text, date_spans(v))] for q in qs if _stated(v.text, q)]
        qa, qb = [q for q, _n in found_a], [q for q, _n in found_b]
        if not qa or not qb:
            continue
        in_stat_line = {id(q) for q, n in [*found_a, *found_b] if n >= STAT_LINE}
        values_a, values_b = {q.value for q in qa}, {q.value for q in qb}
        pairs = _pair(qa, qb)
        close = diff_sides(a.text, b.text)[1] >= CLOSE_SIMILARITY
        refs = [*a.refs, *b.refs]
        for x, y, same_noun in pairs:
            if not close and len(x.context & y.context) < MIN_SHARED_CONTEXT and not (x.role and x.role == y.role):
                continue  # too little around the two numbers says they count the same thing
            if x.value != y.value or x.noun != y.noun:
                if not close and (x.value in values_b or y.value in values_a):
                    continue  # "28 passes" / "28 of 41 passes": each side also gives the other's figure
                same_statement = close or shared_content(a.text, b.text) > SAME_STATEMENT_SHARE
                graded = compare_pair(x, y, close, same_statement) if same_noun else None
                if graded is None:
                    continue
                if graded[0] == "warning" and x.role is None and not x.dimension and not close and {id(x), id(y)} & in_stat_line:
                    continue  # a figure of a stat line ("13 homers and 43 RBIs in 54 games") with no role: which is which is unclear
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


# "Reuters reported that Amazon was going to lay off 30,000": a plan someone had, not a figure of the event.
_PLAN_BEFORE = re.compile(r"\b(?:was|were)\s+(?:going|set|planning|poised)\s+to\b[^.;,]{0,60}$", re.I)


# A person's record, not the event: "four prior arrests", "had previously been arrested three times".
_HISTORY = re.compile(r"\b(?:prior|previous)\b(?!\s+to\b)|\bpreviously\b", re.I)


def _stated(text: str, q: Quantity) -> bool:
    """A quantity the sentence states as a figure of the event (no conversion, no part, no plan, no record)."""
    folded = fold(text)
    clause_start = max(folded.rfind(",", 0, q.start), folded.rfind(";", 0, q.start), 0)
    return (not q.conversion and not q.partial and not _PLAN_BEFORE.search(folded[: q.start])
            and not _HISTORY.search(q.noun_text or "") and not _HISTORY.search(folded, clause_start, q.start))


def _qualifiers_differ(x: Quantity, y: Quantity) -> bool:
    cx, cy = x.qualifier_class or "exact", y.qualifier_class or "exact"
    return cx != cy and frozenset((cx, cy)) not in _COMPATIBLE_QUALIFIERS


def _equal(x: Quantity, y: Quantity) -> bool:
    """The same value: equal, or equal after converting between two units ("3 km" / "1.9 miles")."""
    if x.noun == y.noun or not x.dimension:
        return x.base == y.base
    return abs(x.base - y.base) <= CONVERSION_SHARE * max(x.base, y.base)


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
        (-(x.role == y.role), -(x.scope == y.scope and x.role is not None), -_equal(x, y), -len(x.context & y.context), i, j)
        for i, x in enumerate(qa)
        for j, y in enumerate(qb)
        if thing(x) and thing(x) == thing(y) and (not x.role or not y.role or x.role == y.role)
        and not (x.holder and y.holder and x.holder != y.holder)
    )
    options_a = Counter(i for *_r, i, _j in ranked)
    options_b = Counter(j for *_r, _i, j in ranked)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for same_role, _same_scope, exact, shared, i, j in ranked:
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
