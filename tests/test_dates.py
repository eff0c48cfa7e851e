"""compare.dates: absolute forms, relative forms resolved against a reference date."""

from __future__ import annotations

from datetime import date

import pytest

from compare.dates import DateMention, find_dates, parse_date

REF = date(2022, 2, 9)  # a Wednesday


@pytest.mark.parametrize(
    "text",
    ["09.02.2022", "9 February 2022", "February 9, 2022", "2022-02-09", "09 February 2022",
     "Feb. 9th, 2022", "Wed, 09 Feb 2022 10:00:00 GMT", "2022-02-09T10:00:00+03:00", "9 февраля 2022 г."],
)
def test_parse_date_forms(text):
    assert parse_date(text) == date(2022, 2, 9)


@pytest.mark.parametrize("text", ["", "no date here", "32.01.2022", "2022", "February 30, 2022"])
def test_parse_date_rejects(text):
    assert parse_date(text) is None


def test_parse_date_takes_first_date_in_a_line():
    assert parse_date("Stanislav Zas at the forum 09.02.2022") == date(2022, 2, 9)


def _values(text, ref=REF):
    return [(m.text, m.value, m.granularity, m.relative) for m in find_dates(text, ref)]


def test_weekday_is_most_recent_on_or_before_reference():
    assert _values("said at the club on Wednesday.") == [("Wednesday", date(2022, 2, 9), "day", True)]
    assert _values("on Monday") == [("Monday", date(2022, 2, 7), "day", True)]
    assert _values("on Thursday")[0][1] == date(2022, 2, 3)
    assert _values("last Wednesday")[0][1] == date(2022, 2, 2)
    assert _values("next Monday")[0][1] == date(2022, 2, 14)


def test_relative_words():
    assert _values("yesterday, today, last month, last year") == [
        ("yesterday", date(2022, 2, 8), "day", True),
        ("today", date(2022, 2, 9), "day", True),
        ("last month", date(2022, 1, 1), "month", True),
        ("last year", date(2021, 1, 1), "year", True),
    ]


def test_day_month_without_year_takes_reference_year():
    assert _values("in an interview on February 8, she said") == [("February 8", date(2022, 2, 8), "day", True)]
    assert _values("on 8 February") == [("8 February", date(2022, 2, 8), "day", True)]
    # near New Year the closest year wins: "December 28" written on 3 January is last December
    assert find_dates("on December 28", date(2023, 1, 3))[0].value == date(2022, 12, 28)


def test_without_reference_relative_values_are_none():
    (m,) = find_dates("on Wednesday")
    assert m.value is None and m.relative


def test_absolute_mentions_and_spans():
    text = "On 25-26 September 2024, in May 1992, on December 21, 2021 and through 2025."
    got = find_dates(text, REF)
    assert [(m.text, m.value, m.granularity) for m in got] == [
        ("25-26 September 2024", date(2024, 9, 25), "day"),
        ("May 1992", date(1992, 5, 1), "month"),
        ("December 21, 2021", date(2021, 12, 21), "day"),
        ("2025", date(2025, 1, 1), "year"),
    ]
    for m in got:
        assert text[m.start:m.end] == m.text
        assert not m.relative


def test_weekday_with_explicit_date_is_one_absolute_mention():
    assert _values("On Wednesday, February 9, 2022, he spoke") == [
        ("Wednesday, February 9, 2022", date(2022, 2, 9), "day", False)
    ]


def test_no_false_dates():
    assert find_dates("May I say that 2,000 people came, 2000 people") == []
    assert find_dates("he will march on") == []


def test_mention_is_frozen():
    m = DateMention("x", 0, 1, None, "day", True)
    with pytest.raises(AttributeError):
        m.text = "y"  # type: ignore[misc]


def test_find_absolute_dates_only_full_dates():
    from compare.dates import find_absolute_dates

    got = find_absolute_dates("On Wednesday, 9 February 2022 and on February 8 and in May 1992, then 2022-03-01.")
    assert [(m.text, str(m.value)) for m in got] == [
        ("Wednesday, 9 February 2022", "2022-02-09"), ("2022-03-01", "2022-03-01"),
    ]


def test_more_relative_forms():
    ref = date(2012, 6, 15)
    assert [(m.text, m.value) for m in find_dates("tonight, last night, eight days ago and 3 days later", ref)] == [
        ("tonight", date(2012, 6, 15)), ("last night", date(2012, 6, 14)),
        ("eight days ago", date(2012, 6, 7)), ("3 days later", date(2012, 6, 18)),
    ]
    assert [(m.text, m.value, m.granularity) for m in find_dates("last May and next March", ref)] == [
        ("last May", date(2012, 5, 1), "month"), ("next March", date(2013, 3, 1), "month"),
    ]
    assert [(m.text, m.value) for m in find_dates("since late 2007, mid-2020", ref)] == [
        ("2007", date(2007, 1, 1)), ("2020", date(2020, 1, 1)),
    ]
    assert find_dates("the 2000 troops", ref) == []


def test_a_month_with_a_relative_year_is_that_year_s_month():
    reference = date(2023, 8, 4)
    found = find_dates("The blast in January last year killed 30 people.", reference)
    assert [(d.text, d.value, d.granularity) for d in found] == [("January last year", date(2022, 1, 1), "month")]
    found = find_dates("The plant reopens in March of next year.", reference)
    assert [(d.text, d.value) for d in found] == [("March of next year", date(2024, 3, 1))]
    # the negative twin: a year alone and a month alone keep their own readings
    assert [d.value for d in find_dates("Last year the plant closed.", reference)] == [date(2022, 1, 1)]
    assert [d.granularity for d in find_dates("The plant closed in January.", reference)] == ["month"]
