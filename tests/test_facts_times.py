"""Issue 10: clock times and days of the event, with the tolerances a careful editor accepts.
Sentences of our own writing; nothing aligned, so every time finding is found at event level."""

from __future__ import annotations

import datetime as dt

from facts_support import unaligned_findings

from compare.dates import find_dates


def _times(*texts: str, date: str = "2024-05-08"):
    return unaligned_findings(texts, (date,) * len(texts), "time")


def test_a_rocket_launch_is_the_departure():
    found = _times("The rocket launched from the coastal pad at 9:10 p.m. local time.",
                   "The rocket blasted off from the pad at 10:40 p.m. local time.")
    assert len(found) == 1 and found[0].severity == "error"
    assert not _times("The rocket launched from the coastal pad at 9:10 p.m. local time.",
                      "The rocket blasted off from the pad at 9:10 p.m. local time, carrying two satellites.")


def test_times_that_meet_only_at_the_edges_of_their_qualifiers_are_a_warning():
    found = _times("The blast happened just after 7:15 a.m. near the depot.",
                   "The blast happened around 7:30 a.m. near the depot.")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "edge" in found[0].details["grade_reason"]
    # a few minutes apart inside what the qualifiers allow: the same time told loosely
    assert not _times("The blast happened just after 7:15 a.m. near the depot.",
                      "The blast happened around 7:20 a.m. near the depot.")


def test_standard_and_daylight_time_of_one_zone_are_an_hour_apart():
    # 5:00 p.m. CST is 6:00 p.m. CDT: the same instant, no conflict
    assert not _times("The ferry with 80 aboard departed at 5:00 p.m. CST.", "The ferry departed at 6:00 p.m. CDT.")
    found = _times("The ferry with 80 aboard departed at 5:00 p.m. CDT.", "The ferry departed at 6:00 p.m. CDT.")
    assert len(found) == 1 and found[0].severity == "error"


def test_a_weekday_the_event_is_expected_on_is_the_coming_one():
    monday = dt.date(2024, 5, 6)
    ahead = "The panel on Monday backed the plan, raising its chances of being approved by the full council on Thursday."
    found = {m.text: m.value for m in find_dates(ahead, monday)}
    assert found["Thursday"] == dt.date(2024, 5, 9)
    past = {m.text: m.value for m in find_dates("The full council approved the plan on Thursday.", monday)}
    assert past["Thursday"] == dt.date(2024, 5, 2)


def test_the_end_of_a_span_of_time_is_not_the_time_of_the_event():
    """"between 1 am and 5 am" bounds the event; its 5 am is not a time that conflicts with "1 am"."""
    assert not _times("The mudslide struck the village at 1 a.m. on Sunday.",
                      "Two mudslides struck the village between 1 am and 5 am on Sunday.")
    assert _times("The mudslide struck the village at 1 a.m. on Sunday.",
                  "The mudslide struck the village at 5 am on Sunday.")


def test_the_time_of_an_arrest_or_of_finding_someone_is_not_the_time_of_the_event():
    shooting = "The shooting happened at about 4:20 p.m. on Alder Street, police said."
    assert not _times(shooting, "The gunman was arrested just before midnight, near where the shooting happened.")
    assert not _times(shooting, "A neighbour who found the wounded guard shortly after 4 p.m. called for help.")
    # the negative twin: the shooting itself timed differently is still a conflict
    found = _times(shooting, "The shooting happened at about 11:50 p.m. on Alder Street, police said.")
    assert len(found) == 1
