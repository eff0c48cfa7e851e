"""Facts compared across languages: numbers and dates by value, not by wording.

Between a Russian and an English rendering of one claim, word diffs say nothing, but the values
should agree: "48 миллионов тонн" and "42 million tonnes" conflict, "14 марта 2023 года" and
"March 14, 2023" agree.  Numbers are read with the language's separators (a decimal comma and
spaced thousands outside English), scale words of every listed language ("млн", "миллионов",
"Millionen", "million") and number words ("сорок два"); dates by ``compare.dates.find_dates``,
which knows the month and weekday names of compare/data/lang/calendar.tsv.

Each number's role (killed, injured, on board ...) is read as the same-language checks read it
(``compare.facts.slots.role_of``, which knows the role words of several languages through
``compare.lang.roles``): "погибли 12 человек" and "12 killed" fill one slot; two numbers with
different roles are never compared.  Values both sides give are set aside; a role left over on
each side once is a conflict of that slot (an error); of the rest, when exactly one value is left
on each side (or the same few on both, in order), they are reported: one left each is an error,
several a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from compare.dates import find_dates
from compare.facts.common import discrepancy
from compare.facts.context import Side
from compare.facts.slots import role_of
from compare.lang.numbers import han_numbers, number_word_value, parse_number_words
from compare.lang.text import word_pattern
from compare.model import Claim, Discrepancy

_DOT_DECIMAL = frozenset({"en", "zh", "hi", "ja", "ko", "ar", None})
_COMMA_OR_DOT = frozenset({"ar", "fa"})  # Arabic news writes 4.5 and 4,5 (and ٤٫٥)
# digits not inside a word: a Chinese character may touch them ("42人", "4200万吨"), a letter may not
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# (an Arabic letter may too: the conjunction and prepositions are written on to the number, "و٤٫٥", "بـ 4,5")
_OUTSIDE_WORD_BEFORE = rf"(?<![^\W{_HAN}\u0600-\u06ff])(?<![.,\u066b\u066c])"
_OUTSIDE_WORD_AFTER = rf"(?![^\W{_HAN}])"
_NUMBER = re.compile(
    rf"{_OUTSIDE_WORD_BEFORE}\d{{1,3}}(?:(?:[ \u00a0\u202f]|(?P<sep>[,.\u066c]))\d{{3}})*(?:[.,\u066b]\d+)?{_OUTSIDE_WORD_AFTER}"
    rf"|{_OUTSIDE_WORD_BEFORE}\d+(?:[.,\u066b]\d+)?{_OUTSIDE_WORD_AFTER}"
)
_HAN_SCALES = {"千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_SCALES = {
    "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    "тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "mln": 1e6, "bn": 1e9, "mio": 1e6, "mrd": 1e9,
    "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "milliard": 1e9, "milliards": 1e9,
    "miliardo": 1e9, "miliardi": 1e9, "mil millones": 1e9,
    "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "हज़ार": 1e3, "हजार": 1e3, "लाख": 1e5, "करोड़": 1e7, "करोड": 1e7, "मिलियन": 1e6, "अरब": 1e9,
}
_NEXT_WORD = re.compile(rf"\s*({word_pattern().pattern})\.?")
MAX_LEFT_OVER = 3  # more unmatched values than this on a side: different facts, not one conflict


@dataclass(frozen=True, slots=True)
class Value:
    text: str
    value: float
    role: str | None = None  # what the number counts, when its sentence says (killed, on_board ...)


def quantities(text: str, language: str | None, masked: list[tuple[int, int]]) -> list[Value]:
    """Numbers in ``text`` (digits with scale words, or number words), outside the masked spans, with their roles."""
    out: list[tuple[int, int, str, float]] = []
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in masked):
            continue
        raw = m.group()
        value = _digits_value(raw, language)
        if value is None:
            continue
        end = m.end()
        word = _NEXT_WORD.match(text, end)
        if end < len(text) and text[end] in _HAN_SCALES:  # 4200万 = 42,000,000
            value *= _HAN_SCALES[text[end]]
            end += 1
        elif word:
            low = word.group(1).lower()
            scale = _SCALES.get(low) or ((found := number_word_value(low, language)) and found[1] == "scale" and found[0])
            if scale:
                value *= float(scale)
                end = word.end()
        out.append((m.start(), end, text[m.start() : end].strip(), value))
    for start, end, value in [*parse_number_words(text, language), *han_numbers(text)]:
        if not any(s <= start < e for s, e in masked):
            out.append((start, end, text[start:end], value))
    out.sort(key=lambda p: p[0])
    values = []
    for k, (start, end, shown, value) in enumerate(out):
        prev_end = out[k - 1][1] if k else 0
        next_start = out[k + 1][0] if k + 1 < len(out) else len(text)
        values.append(Value(shown, value, role_of(text, start, end, prev_end, next_start)))
    return values


def _digits_value(raw: str, language: str | None) -> float | None:
    compact = re.sub(r"[\s\u00a0\u202f\u066c]", "", raw).replace("\u066b", ".")  # Arabic separators: ٬ thousands, ٫ decimal
    if language in _COMMA_OR_DOT and re.fullmatch(r"\d+,\d{1,2}", compact):
        compact = compact.replace(",", ".")  # "4,5": a comma before one or two digits is no thousands separator
    if language in _DOT_DECIMAL:
        compact = compact.replace(",", "")
    else:  # "4,5" is four and a half; "3.600" three thousand six hundred
        compact = re.sub(r"\.(?=\d{3}(?:\D|$))", "", compact).replace(",", ".")
    try:
        return float(compact)
    except ValueError:
        return None


def _reference(day: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(day[:10]) if day else None
    except ValueError:
        return None


def check_across_languages(
    claim: Claim, a: Side, b: Side, languages: tuple[str | None, str | None], days: tuple[str | None, str | None]
) -> list[Discrepancy]:
    """Numbers and dates of two renderings of one claim in different languages, by value."""
    return _compare_values(claim, a, b, languages, days, cross=True)


def check_numbers_in_language(claim: Claim, sides: list[Side], language: str) -> list[Discrepancy]:
    """Numbers of the renderings of one claim in one language other than English, by value, read
    with that language's separators and number words ("3 600" = "3600" = "3.600" in German,
    "4,5 млн" = "4,5 миллиона", "сорок два" = 42): the stand-in, for these sides, for the English
    number reader (``compare.facts.numbers``), whose rules read "3 600" as 3 and "4,5" as 45."""
    out: list[Discrepancy] = []
    for k, a in enumerate(sides):
        for b in sides[k + 1 :]:
            if a.story != b.story:
                out += _compare_values(claim, a, b, (language, language), (None, None), cross=False, dates=False)
    return out


def _compare_values(
    claim: Claim, a: Side, b: Side, languages: tuple[str | None, str | None], days: tuple[str | None, str | None],
    cross: bool, dates: bool = True,
) -> list[Discrepancy]:
    out: list[Discrepancy] = []
    found = []
    where = " (accounts in different languages)" if cross else ""
    accounts = "the accounts, in different languages," if cross else "the accounts"
    for side, language, day in zip((a, b), languages, days, strict=True):
        text = side.text
        mentions = find_dates(text, _reference(day))
        masked = [(d.start, d.end) for d in mentions]
        found.append((quantities(text, language, masked), [d for d in mentions if d.value is not None]))
    (qa, da), (qb, db) = found
    refs = [*a.refs, *b.refs]
    for x, y, several in _left_over_pairs(qa, qb, key=lambda v: v.value, role=lambda v: v.role):
        out.append(discrepancy(
            "number", "warning" if several else "error",
            f'{a.name}: "{x.text}" vs {b.name}: "{y.text}"{where}',
            refs, claim.id, kind="value", key=f"number:{x.role if x.role == y.role and x.role else '?'}", cross_language=cross,
            grade_reason=f"{accounts} give different values in sentences that say the same thing"
            + (" (several values differ, paired in order)" if several else ""),
            values={a.name: f'"{x.text}"', b.name: f'"{y.text}"'},
            numbers={a.name: x.value, b.name: y.value}, outlets=[a.name, b.name],
            **({"role": x.role} if x.role and x.role == y.role else {}),
        ))
    if not dates:
        return out
    day_a = [d for d in da if d.granularity == "day"]
    day_b = [d for d in db if d.granularity == "day"]
    for x, y, several in _left_over_pairs(day_a, day_b, key=lambda d: d.value):
        out.append(discrepancy(
            "date", "warning" if several else "error",
            f'{a.name}: "{x.text}" ({x.value}) vs {b.name}: "{y.text}" ({y.value}){where}',
            refs, claim.id, kind="value", cross_language=cross,
            grade_reason=f"{accounts} give different dates in sentences that say the same thing"
            + (" (several dates differ, paired in order)" if several else ""),
            values={a.name: str(x.value), b.name: str(y.value)}, outlets=[a.name, b.name],
        ))
    return out


def _left_over_pairs(
    xs: list[Any], ys: list[Any], key: Callable[[Any], Any], role: Callable[[Any], str | None] = lambda _v: None
) -> list[tuple[Any, Any, bool]]:
    """Values one side gives and the other does not: paired by role when each side has that role
    once (a conflict of one slot, never "several"), the rest in order when their counts agree and
    no pair would join two different roles."""
    left_x = list(xs)
    left_y = list(ys)
    for x in xs:
        same = next((y for y in left_y if key(y) == key(x)), None)
        if same is not None:
            left_x.remove(x)
            left_y.remove(same)
    out: list[tuple[Any, Any, bool]] = []
    for slot in sorted({r for x in left_x if (r := role(x))}):
        rx = [x for x in left_x if role(x) == slot]
        ry = [y for y in left_y if role(y) == slot]
        if len(rx) == len(ry) == 1:
            out.append((rx[0], ry[0], False))
            left_x.remove(rx[0])
            left_y.remove(ry[0])
    if not left_x or len(left_x) != len(left_y) or len(left_x) > MAX_LEFT_OVER:
        return out
    if any(role(x) and role(y) and role(x) != role(y) for x, y in zip(left_x, left_y, strict=True)):
        return out  # "12 killed" and "40 injured": two facts, not one changed value
    several = len(left_x) > 1
    return out + [(x, y, several) for x, y in zip(left_x, left_y, strict=True)]
