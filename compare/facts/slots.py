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

from compare.facts.lexicon import cue_list, table_rows

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
    words = noun_text.lower().split()
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


def role_of(text: str, start: int, end: int, prev_end: int, next_start: int) -> str | None:
    """The role of the number at [start:end]: a cue after it in its clause, else just before it."""
    if _TOLL_BEFORE.search(text[max(text.rfind(". ", 0, start) + 1, 0) : start]):
        return "killed"  # "the death toll ... has risen to 1,644"
    adjacent = re.search(r"(?:^|\s)([a-z]+ing)\s+$", text[max(prev_end, 0) : start])
    found = cue_list("count_roles.tsv").find(adjacent.group(1)) if adjacent else []
    if found and found[-1][3] in ("killed", "injured", "on_board", "survived"):
        return found[-1][3]  # "killing 38", "carrying 67", "injuring 12": the verb right before governs it
    after = text[end:next_start]
    brk = _CLAUSE_BREAK.search(after)
    if brk:
        after = after[: brk.start()]
    after = " ".join(after.split()[:ROLE_WORDS_AFTER])
    found = cue_list("count_roles.tsv").find(after)
    if found:
        return _best(found)
    before = text[max(prev_end, 0) : start]
    brk_before = list(_CLAUSE_BREAK.finditer(before))
    if brk_before:
        before = before[brk_before[-1].end() :]
    before = " ".join(before.split()[-ROLE_WORDS_BEFORE:])
    found = cue_list("count_roles.tsv").find(before)
    if found:
        return found[-1][3]
    return None


def _best(found: list[tuple[int, int, str, str]]) -> str:
    """The first cue; a more specific one over the same words ("critically injured") wins."""
    first = found[0]
    for s, e, _t, role in found:
        if s <= first[1] and e - s > first[1] - first[0]:
            return role
    return first[3]


# "in Burnet County", "across Thailand", "in the province of Mandalay": a place that narrows a count.
_SCOPE = re.compile(
    r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+(?:the\s+)?(?:neighbou?ring\s+)?(?:(?:province|state|county|city|district|region|town)\s+of\s+)?"
    r"((?:[A-Z][\w'\-]+)(?:\s+(?:[A-Z][\w'\-]+|of))*)"
)
_NOT_SCOPE = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The A An This That His Her Their".split()
)


def scope_of(text: str, start: int, end: int, prev_end: int, next_start: int) -> str | None:
    """A place that limits what the number counts: named after it in its clause ("three died in
    Burnet County"), or opening its clause ("In Burnet County, three died"); else None."""
    brk = _CLAUSE_BREAK.search(text, end, next_start)
    after = text[end : brk.start() if brk else next_start]
    if re.search(r"\bon the ground\b", after):
        return "on the ground"  # people killed on the ground, not on board
    place = _first_place(after)
    if place:
        return place
    lo = max(prev_end, text.rfind(".", 0, start) + 1, 0)
    opening = re.search(r"(?:^|[,;]\s*)((?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+[^,;]{2,60}),\s*[\w\s\-]{0,25}$", text[lo:start])
    return _first_place(opening.group(1)) if opening else None


def _first_place(stretch: str) -> str | None:
    for m in _SCOPE.finditer(stretch):
        words = [w for w in m.group(1).strip().split() if w not in _NOT_SCOPE]
        if words and words[0] != "of":
            return " ".join(words).lower()
    return None


def interval(value: float, qualifier_class: str | None) -> tuple[float, float]:
    """The range of values a qualified number allows."""
    if qualifier_class in ("more", "atleast"):
        return value, math.inf
    if qualifier_class in ("less", "upto"):
        return 0.0, value
    if qualifier_class == "nearly":
        return value * (1 - 2 * APPROX_SHARE), value
    if qualifier_class == "approx":
        spread = max(value * APPROX_SHARE, 1.0 if value >= 5 else 0.0)
        return value - spread, value + spread
    return value, value


def overlap(a: tuple[float, float], b: tuple[float, float], share: float = 0.0) -> bool:
    """Whether two ranges meet, each widened by ``share`` of its bounds (rounding)."""
    return a[0] * (1 - share) <= b[1] * (1 + share) and b[0] * (1 - share) <= a[1] * (1 + share)
