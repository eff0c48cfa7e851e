"""Dates as news writes them: find them in text and resolve relative ones.

``parse_date`` reads one date ("09.02.2022", "9 February 2022", "February 9, 2022",
"2022-02-09", "Wed, 09 Feb 2022 10:00:00 GMT" ...).  ``find_dates`` finds every date
mention in a text, with its span, and resolves relative forms ("on Wednesday",
"yesterday", "last month", "on February 8") against a reference date, usually the
publication date of the story.

Rules for relative forms (documented in docs/ingest.md):

- a weekday ("on Wednesday") is the most recent such day on or before the reference;
  "last Wednesday" strictly before it, "next Wednesday" strictly after it; in a clause whose
  verb is future ("will vote on Wednesday", "is due to ... on Wednesday") the next such day
  on or after the reference;
- a day and month without a year ("on February 8") takes the year that puts the date
  closest to the reference (the reference's own year except near New Year);
- "today", "yesterday", "tomorrow", "this/last/next month|year" are what they say;
- without a reference, relative mentions are returned with ``value=None``.

English and Russian month names are known, and those of compare/data/lang/calendar.tsv
(Ukrainian, Belarusian, German, French, Spanish, Italian, Portuguese, Romanian, Kazakh, Arabic,
Hindi, with weekdays after their preposition or before their postposition: "в среду", "am
Mittwoch", "يوم الأربعاء", "बुधवार को", and alone where a language writes them so: "a déclaré
mercredi"); Chinese dates and weekdays in numbers ("2022年2月9日",
"周三"); numeric forms are read day first
(``dd.mm.yyyy``), except ISO ``yyyy-mm-dd``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "month", "year"]

_MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "january jan январь января январе янв",
        "february feb февраль февраля феврале фев",
        "march mar март марта марте мар",
        "april apr апрель апреля апреле апр",
        "may май мая мае",
        "june jun июнь июня июне июн",
        "july jul июль июля июле июл",
        "august aug август августа августе авг",
        "september sep sept сентябрь сентября сентябре сен",
        "october oct октябрь октября октябре окт",
        "november nov ноябрь ноября ноябре ноя",
        "december dec декабрь декабря декабре дек",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _n

_WEEKDAYS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "monday mon понедельник",
        "tuesday tue tues вторник",
        "wednesday wed среду среда",
        "thursday thu thurs четверг",
        "friday fri пятницу пятница",
        "saturday sat субботу суббота",
        "sunday sun воскресенье",
    ]
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _n


def _calendar_rows() -> list[tuple[str, str, list[str]]]:
    """Rows of compare/data/lang/calendar.tsv: month and weekday names of more languages."""
    from importlib import resources

    rows = []
    text = (resources.files("compare.data") / "lang" / "calendar.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, number, forms = line.split("\t")
            rows.append((kind, number, [form.replace("_", " ") for form in forms.split()]))  # كانون_الثاني: two words
    return rows


_OTHER_WEEKDAYS: dict[str, int] = {}
_PREPOSITIONS: list[str] = []
_POSTPOSITIONS: list[str] = []
_BARE_WEEKDAYS: dict[str, int] = {}
for _kind, _number, _forms in _calendar_rows():
    for _name in _forms:
        if _kind == "month":
            _MONTHS.setdefault(_name, int(_number))
        elif _kind == "weekday":
            _OTHER_WEEKDAYS.setdefault(_name, int(_number))
        elif _kind == "postposition":
            _POSTPOSITIONS.append(_name)
        elif _kind == "bare":
            _BARE_WEEKDAYS.setdefault(_name, int(_number))
        else:
            _PREPOSITIONS.append(_name)
_OTHER_WD = "|".join(sorted(_OTHER_WEEKDAYS, key=len, reverse=True))
# "в среду", "am Mittwoch": a weekday of another language, after its preposition, is "on Wednesday";
# so is one before its postposition ("сәрсенбі күні", "बुधवार को")
_WEEKDAY_OTHER = re.compile(
    rf"(?<![\w])(?:{'|'.join(sorted(_PREPOSITIONS, key=len, reverse=True))})\s+"
    rf"(?P<wd>{_OTHER_WD})(?![\w])(?!,?\s+\d)",
    re.I,
)
_WEEKDAY_BEFORE_POSTPOSITION = re.compile(
    rf"(?<![\w])(?P<wd>{_OTHER_WD})\s+(?:{'|'.join(sorted(_POSTPOSITIONS, key=len, reverse=True))})(?![\w])", re.I
)
# "a déclaré mercredi": lower case only (as these languages write weekdays; "Mardi Gras" is a name)
_WEEKDAY_BARE = re.compile(
    rf"(?<![\w-])(?P<wd>{'|'.join(sorted(_BARE_WEEKDAYS, key=len, reverse=True))})(?![\w-])(?!,?\s+\d)"
)
# Chinese: 星期三, 周三, 礼拜三 (Wednesday); dates written with numbers: 2022年2月9日, 2月9日 (no year)
_HAN_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_HAN = re.compile(r"(?:星期|礼拜|周)(?P<wd>[一二三四五六日天])")
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_FULL_MONTHS = "january february march april may june july august september october november december".split()
_MON = rf"(?P<mon>{_MONTH_RE})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_RANGE = rf"{_DAY}(?:\s*[-\u2013\u2014]\s*[0-3]?\d(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
_WD_LONG = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD_ANY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
# An optional weekday before an explicit date ("Wednesday, February 9, 2022").
_WD_PREFIX = rf"(?:(?:{_WD_ANY})\.?,?\s+)?"

# Absolute forms, most specific first.  Each yields day/mon/year groups.
_ABSOLUTE = [
    # 2022-02-09, 2022-02-09T10:00:00
    ("iso", re.compile(r"(?<![\d.])(?P<year>(?:1[89]|20|21)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d])")),
    # 09.02.2022, 9.2.2022, 09/02/2022 (day first)
    (
        "dmy_num",
        re.compile(r"(?<![\d.,/])(?P<day>[0-3]?\d)[./](?P<mon>[01]?\d)[./](?P<year>(?:1[89]|20|21)\d\d)(?![\d]|\.\d)"),
    ),
    # 9 February 2022, 09 February 2022, 9th of Feb. 2022, 25-26 September 2024, 9 февраля 2022 г.
    (
        "dmy",
        re.compile(
            rf"(?<![\w]){_WD_PREFIX}{_DAY_RANGE}(?:\s+of)?\s+{_MON},?\s+{_YEAR}(?:\s?(?:г\.|года))?(?!\w)",
            re.I,
        ),
    ),
    # February 9, 2022, Feb. 9th 2022, Wednesday, February 9, 2022
    ("mdy", re.compile(rf"(?<![\w]){_WD_PREFIX}{_MON}\s+{_DAY_RANGE},?\s+{_YEAR}(?!\w)", re.I)),
    # 2022年2月9日 (Chinese, Japanese)
    ("ymd_han", re.compile(r"(?<!\d)(?P<year>(?:1[89]|20|21)\d\d)\s*年\s*(?P<mon>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*[日号]")),
    # 2022 жылғы 9 ақпан (Kazakh: year first)
    ("ydm_kk", re.compile(rf"(?<![\w]){_YEAR}\s+(?:жылғы|ж\.)\s+{_DAY}\s+{_MON}(?!\w)", re.I)),
]
# Day and month without a year: "on February 8", "8 February", "November 20-22".
_DAY_MONTH = [
    ("dm", re.compile(rf"(?<![\w]){_WD_PREFIX}{_DAY_RANGE}(?:\s+of)?\s+{_MON}(?![\w])", re.I)),
    ("md", re.compile(rf"(?<![\w]){_WD_PREFIX}{_MON}\s+{_DAY_RANGE}(?![\w\d])(?!,?\s*\d)", re.I)),
    ("md_han", re.compile(r"(?<![\d年])(?P<mon>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*[日号]")),
]
# Month and year: "in May 1992", "February 2022".
_MONTH_YEAR = re.compile(rf"(?<![\w]){_MON},?\s+{_YEAR}(?!\w)", re.I)
# A bare year after a preposition: "in 2018", "through 2025", "since 2002".
_YEAR_ONLY = re.compile(
    rf"(?<![\w])(?:in|since|by|until|till|through|from|to|of|before|after|during|year|end|beginning|start|"
    rf"early|late|mid|spring|summer|autumn|fall|winter)[\s-]+"
    rf"{_YEAR}(?![\w,.]\d|\w)(?!\s*(?:%|percent|people|per\b|[-\u2013]\d))",
    re.I,
)
_DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "сегодня": 0,
    "yesterday": -1, "last night": -1, "вчера": -1, "tomorrow": 1, "завтра": 1,
}
_RELATIVE_DAY = re.compile(
    r"(?<![\w])(?P<word>" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)).replace(" ", r"\s+") + r")(?![\w])", re.I
)
_DAYS_AGO = re.compile(
    r"(?<![\w])(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+(?P<dir>ago|later|earlier)(?![\w])",
    re.I,
)
_NUMBER_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_RELATIVE_MONTH = re.compile(
    rf"(?<![\w])(?P<which>this|last|next|past)\s+(?P<mon>{'|'.join(_FULL_MONTHS)})(?![\w])",
    re.I,
)
_RELATIVE_PERIOD = re.compile(
    r"(?<![\w])(?P<which>this|last|next|previous|past|current)\s+(?P<unit>month|year)(?![\w])", re.I
)
# "January last year", "in March of next year": the month of the year the phrase names.
_MONTH_OF_RELATIVE_YEAR = re.compile(
    rf"(?<![\w])(?P<mon>{'|'.join(_FULL_MONTHS)})\s+(?:of\s+)?(?P<which>this|last|next|previous|past)\s+year(?![\w])",
    re.I,
)
_MONTH_ONLY = re.compile(
    rf"(?<![\w])(?P<prep>in|of|since|until|by|(?:early|mid|late)(?:-|\s))\s*(?:(?:early|mid|late)(?:-|\s)\s*)?"
    rf"(?P<mon>{'|'.join(_FULL_MONTHS)})(?![\w])(?!\s+\d)",
    re.I,
)
_WEEKDAY = re.compile(
    rf"(?<![\w])(?:(?P<mod>on|last|next|this|past)\s+)?(?P<wd>{_WD_LONG})(?![\w])(?!,?\s+(?:{_MONTH_RE})\b)(?!,?\s+\d)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text: its span, value (None when it cannot be resolved) and precision."""

    text: str
    start: int
    end: int
    value: date | None
    granularity: Granularity
    relative: bool


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(token: str) -> int | None:
    token = token.lower().rstrip(".")
    if token.isdigit():
        n = int(token)
        return n if 1 <= n <= 12 else None
    return _MONTHS.get(token)


def _closest_year(month: int, day: int, reference: date) -> date | None:
    """The date with this month and day nearest to ``reference`` (previous, same or next year)."""
    candidates = [d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := _make(y, month, day))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - reference).days), d))


def _shift_month(d: date, months: int) -> date:
    total = d.year * 12 + (d.month - 1) + months
    return date(total // 12, total % 12 + 1, 1)


def parse_date(text: str) -> date | None:
    """The first absolute calendar date (day precision) in ``text``, or None.

    >>> parse_date("09.02.2022"), parse_date("February 9, 2022"), parse_date("2022-02-09T10:00Z")
    (datetime.date(2022, 2, 9), datetime.date(2022, 2, 9), datetime.date(2022, 2, 9))
    """
    if not text:
        return None
    best: tuple[int, date] | None = None
    for _kind, pattern in _ABSOLUTE:
        for m in pattern.finditer(text):
            value = _absolute_value(m)
            if value is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), value)
                break
    return best[1] if best else None


def _absolute_value(m: re.Match[str]) -> date | None:
    month = _month_number(m.group("mon"))
    if month is None:
        return None
    return _make(int(m.group("year")), month, int(m.group("day")))


def find_absolute_dates(text: str) -> list[DateMention]:
    """Only the full calendar dates (day, month and year written out) in ``text``, in order; fast."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    if not any(c.isdigit() for c in text):
        return found
    for _kind, pattern in _ABSOLUTE:
        for m in pattern.finditer(text):
            value = _absolute_value(m)
            if value is None:
                continue
            start, end = m.span()
            while start < end and text[start].isspace():
                start += 1
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
                found.append(DateMention(text[start:end], start, end, value, "day", False))
    found.sort(key=lambda d: (d.start, d.end))
    return found


_ANY_CUE = re.compile(
    rf"\d|(?<![\w])(?:{_MONTH_RE}|{_WD_ANY}|today|tonight|night|morning|afternoon|evening|yesterday|tomorrow|"
    r"month|year|ago|later|earlier|вчера|сегодня|завтра|"
    rf"{'|'.join(sorted({**_OTHER_WEEKDAYS, **_BARE_WEEKDAYS}, key=len, reverse=True))})(?![\w])",
    re.I,
)


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Every date mention in ``text`` in order of position, relative ones resolved against ``reference``.

    Overlapping matches are resolved in favour of the most specific (absolute, longest) one.
    """
    found: list[DateMention] = []
    if not _ANY_CUE.search(text) and not _WEEKDAY_HAN.search(text):
        return found
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(m: re.Match[str], value: date | None, granularity: Granularity, relative: bool) -> None:
        start, end = m.span()
        # Leading prepositions are part of the pattern context, not the date.
        mention = text[start:end]
        stripped = mention.lstrip()
        start += len(mention) - len(stripped)
        if not free(start, end):
            return
        taken.append((start, end))
        found.append(DateMention(text[start:end], start, end, value, granularity, relative))

    has_digit = any(c.isdigit() for c in text)  # every form below the relative ones holds a number
    for _kind, pattern in _ABSOLUTE if has_digit else ():
        for m in pattern.finditer(text):
            value = _absolute_value(m)
            if value is not None:
                add(m, value, "day", False)
    for _kind, pattern in _DAY_MONTH if has_digit else ():
        for m in pattern.finditer(text):
            month, day = _month_number(m.group("mon")), int(m.group("day"))
            if month is None or not 1 <= day <= 31:
                continue
            value = _closest_year(month, day, reference) if reference else None
            add(m, value, "day", True)
    for m in _MONTH_YEAR.finditer(text) if has_digit else ():
        month = _month_number(m.group("mon"))
        if month:
            add(m, date(int(m.group("year")), month, 1), "month", False)
    for m in _RELATIVE_DAY.finditer(text):
        offset = _DAY_WORDS[re.sub(r"\s+", " ", m.group("word").lower())]
        add(m, reference + timedelta(days=offset) if reference else None, "day", True)
    for m in _DAYS_AGO.finditer(text):
        count = m.group("n").lower()
        days = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        sign = 1 if m.group("dir").lower() == "later" else -1
        add(m, reference + timedelta(days=sign * days) if reference else None, "day", True)
    for m in _MONTH_OF_RELATIVE_YEAR.finditer(text):
        month = _month_number(m.group("mon"))
        step = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(m.group("which").lower(), 0)
        add(m, date(reference.year + step, month, 1) if reference and month else None, "month", True)
    for m in _RELATIVE_MONTH.finditer(text):
        month = _month_number(m.group("mon"))
        value = _relative_month(month, m.group("which").lower(), reference) if reference and month else None
        add(m, value, "month", True)
    for m in _RELATIVE_PERIOD.finditer(text):
        which, unit = m.group("which").lower(), m.group("unit").lower()
        step = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(which, 0)
        value = None
        if reference:
            if unit == "month":
                value = _shift_month(reference, step)
            else:
                value = date(reference.year + step, 1, 1)
        add(m, value, "month" if unit == "month" else "year", True)
    for m in _WEEKDAY.finditer(text):
        wd_token = m.group("wd")
        mod = (m.group("mod") or "").lower()
        if not mod and not wd_token[0].isupper():
            continue
        written = mod
        if mod in ("", "on") and _FUTURE_BEFORE.search(text[max(0, m.start() - 90) : m.start()].split(".")[-1]) and not (
            _HAPPENED_AFTER.match(text, m.end())
        ):
            mod = "coming"  # "will vote on Monday": the Monday to come
        value = _resolve_weekday(_WEEKDAYS[wd_token.lower()], mod, reference) if reference else None
        start = m.start("wd") if written in ("on", "") else m.start()
        _add_span(found, taken, text, start, m.end(), value, "day", True)
    for m in _WEEKDAY_OTHER.finditer(text):
        value = _resolve_weekday(_OTHER_WEEKDAYS[m.group("wd").lower()], "", reference) if reference else None
        _add_span(found, taken, text, m.start("wd"), m.end(), value, "day", True)
    for m in _WEEKDAY_BEFORE_POSTPOSITION.finditer(text):
        value = _resolve_weekday(_OTHER_WEEKDAYS[m.group("wd").lower()], "", reference) if reference else None
        _add_span(found, taken, text, m.start(), m.end("wd"), value, "day", True)
    for m in _WEEKDAY_BARE.finditer(text):
        value = _resolve_weekday(_BARE_WEEKDAYS[m.group("wd")], "", reference) if reference else None
        _add_span(found, taken, text, m.start(), m.end(), value, "day", True)
    for m in _WEEKDAY_HAN.finditer(text):
        value = _resolve_weekday(_HAN_WEEKDAY_NUMBERS[m.group("wd")], "", reference) if reference else None
        _add_span(found, taken, text, m.start(), m.end(), value, "day", True)
    for m in _MONTH_ONLY.finditer(text):
        month = _month_number(m.group("mon"))
        if month is None:
            continue
        value = None
        if reference:
            first = _closest_year(month, 15, reference)
            value = first.replace(day=1) if first else None
        _add_span(found, taken, text, m.start("mon"), m.end(), value, "month", True)
    for m in _YEAR_ONLY.finditer(text) if has_digit else ():
        _add_span(found, taken, text, m.start("year"), m.end(), date(int(m.group("year")), 1, 1), "year", False)
    found.sort(key=lambda d: (d.start, d.end))
    return found


def _add_span(
    found: list[DateMention],
    taken: list[tuple[int, int]],
    text: str,
    start: int,
    end: int,
    value: date | None,
    granularity: Granularity,
    relative: bool,
) -> None:
    if any(not (end <= a or start >= b) for a, b in taken):
        return
    taken.append((start, end))
    found.append(DateMention(text[start:end], start, end, value, granularity, relative))


def _relative_month(month: int, which: str, reference: date) -> date:
    """"last May" (the latest May before the reference's month), "next March", "this May"."""
    year = reference.year
    if which in ("last", "past"):
        year -= 1 if month >= reference.month else 0
    elif which == "next":
        year += 1 if month <= reference.month else 0
    return date(year, month, 1)


# Words that put the verb of a weekday's clause in the future: "will meet on Monday", "is due to
# vote on Friday", "is scheduled for Tuesday", "boosting its chances of being passed ... on Tuesday".
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|'ll|shall|is to|are to|is due|are due|due to|scheduled|expected to|set to|plans? to|planned to|"
    r"going to|would|could|might|likely to|poised to|chances? of|ahead of|in time for|hopes? to|hoped to|aims? to|"
    r"upcoming|next week)\b(?![^;:]*\b(?:said|says|announced|told|on \w+day)\b[^;:]*$)",
    re.I,
)


# A weekday that owns a disaster or an attack has happened, whatever the clause forecasts: "the toll was
# expected to rise after Tuesday's blast" (not "ahead of Tuesday's vote").
_HAPPENED_AFTER = re.compile(
    r"\s*['’]s?\s+(?:[\w\-]+\s+){0,2}?(?:blasts?|explosions?|attacks?|crash(?:es)?|fires?|blaze|(?:earth)?quakes?|eruptions?|"
    r"shootings?|collapse|derailment|floods?|flooding|storms?|stampede|crush|sinking|bombings?|accident|disaster|tragedy|"
    r"landslides?|shipwreck|capsizing|massacre|killings?|raids?|strikes?|outage|failure)\b",
    re.I,
)


def _resolve_weekday(weekday: int, modifier: str, reference: date) -> date:
    back = (reference.weekday() - weekday) % 7
    if modifier == "coming":
        return reference + timedelta(days=(weekday - reference.weekday()) % 7)
    if modifier == "next":
        return reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    if modifier in ("last", "past"):
        return reference - timedelta(days=back or 7)
    return reference - timedelta(days=back)


def iso(value: date | None) -> str | None:
    """``YYYY-MM-DD`` or None."""
    return value.isoformat() if value else None
