"""Issue 10, trust on unseen news: figures of sports and court stories that are not the event's.

Read on ECB+ topics nobody tuned to, most number warnings set two figures of different things against
each other: two figures of one stat line ("29 of 34 passes", "13 homers and 43 RBIs in 54 games"),
a game clock ("with 12 seconds left"), a person's tenure ("a 28-year veteran"), and one span written in
two units ("a three-month stay" / "a 90-day stay").  Sentences written for this file; each rule has a
negative twin.
"""

from __future__ import annotations

from dataclasses import replace

from facts_support import event_of, make_document

from compare.facts import find_discrepancies


def _numbers(text_a: str, text_b: str, phrase_a: str | None = None, phrase_b: str | None = None):
    docs = [make_document("a.txt", text_a, outlet="Alpha", date="2024-05-08", title=False),
            make_document("b.txt", text_b, outlet="Beta", date="2024-05-08", title=False)]
    groups = [[(0, phrase_a), (1, phrase_b)]] if phrase_a and phrase_b else []
    event, stories, documents = event_of(docs, groups)
    event = replace(event, date=None)
    return [(d.severity, d.summary) for d in find_discrepancies(event, stories, documents) if d.type == "number"]


def test_a_figure_the_other_account_also_gives_is_no_conflict():
    found = _numbers("Okafor, who completed 31 passes for 288 yards, ran in the first score himself.",
                     "Okafor completed 31 of 44 passes for 288 yards and a touchdown.",
                     "completed 31 passes", "completed 31 of 44 passes")
    assert not found, found


def test_a_figure_neither_account_shares_still_differs():
    found = _numbers("Okafor, who completed 31 passes for 288 yards, ran in the first score himself.",
                     "Okafor, who completed 27 passes for 288 yards, ran in the first score himself.",
                     "completed 31 passes", "completed 27 passes")
    assert found, "one statement with two values of one figure"


def test_a_stat_line_figure_without_a_role_is_not_compared():
    found = _numbers("After the trade Ruiz hit .301 with 11 homers and 39 RBIs in 51 games for the Pilots.",
                     "Across 160 games for both clubs, Ruiz had 30 homers and 110 RBIs and batted .290.",
                     "11 homers", "30 homers")
    assert not found, found


def test_a_lone_figure_without_a_role_is_still_a_warning():
    found = _numbers("The march began when more than 300 people set off from the church hall toward the square.",
                     "After a short service, about 120 people set off from the church hall to walk to the town square.",
                     "more than 300 people", "about 120 people")
    assert found and all(s == "warning" for s, _ in found), found


def test_game_clock_readings_are_no_event_measure():
    found = _numbers("With 14 seconds left, Dade was sacked at his own 20-yard line.",
                     "Pryce returned an interception for the winning score with just under four minutes left.")
    assert not found, found


def test_a_persons_tenure_is_no_event_measure():
    found = _numbers("Sergeant Ilves, a 26-year veteran of the force, was shot in the leg.",
                     "Officer Brandt, a 9-year veteran of the department, is in stable condition.")
    assert not found, found


def test_event_durations_are_still_compared():
    found = _numbers("The jury reached its verdict after 14 hours of deliberation on Friday.",
                     "The jurors convicted him after 40 hours of deliberation spread over a week.")
    assert found and all(s == "warning" for s, _ in found), found
    assert any("deliberation" in summary for _s, summary in found), found  # the word as written, not its stem


def test_one_span_in_months_and_in_days_is_one_value():
    assert not _numbers("She checked into the clinic on Monday for what is to be a two-month stay.",
                        "The singer began a court-ordered 60-day stay at the clinic on Monday.")


def test_a_span_in_months_and_days_that_differs_is_a_warning():
    found = _numbers("She checked into the clinic on Monday for what is to be a two-month stay.",
                     "The singer began a court-ordered 30-day stay at the clinic on Monday.")
    assert found, "two months are not 30 days"


def test_a_persons_record_is_not_the_events_count():
    found = _numbers("Police said 31 people were arrested during the night of unrest.",
                     "Officers said the gunman had four prior arrests for theft and assault.")
    assert not found, found
    found = _numbers("The suspect had previously been arrested five times on theft charges, police said.",
                     "The suspect, police said, had been arrested twice since March on theft charges.",
                     "previously been arrested five times", "arrested twice since March")
    assert not found, found


def test_the_events_arrests_are_still_compared():
    found = _numbers("Police said 31 people were arrested during the night of unrest.",
                     "By morning, police said, 12 people had been arrested during the unrest.")
    assert found, "two counts of the night's arrests"
