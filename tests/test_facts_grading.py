"""Issue 10, trust on unseen news: what an `error` may be.

Read on ECB+ topics nobody tuned to, most number errors were measurements or ages of different
things, people or moments ("a 10-year contract" of one player against "a five-year deal" of another;
"37 years at the mill" of one worker against "nearly 30 years" of a colleague; an age at arrest against
an age at trial) and counts of another, earlier event told in background ("In March, a storm killed
40").  Sentences written for this file; each rule has a negative twin.
"""

from __future__ import annotations

from dataclasses import replace

from facts_support import event_of, make_document

from compare.facts import find_discrepancies
from compare.facts.numbers import SAME_STATEMENT_SHARE, shared_content


def _numbers(text_a: str, text_b: str, phrase_a: str | None = None, phrase_b: str | None = None,
             date_a: str | None = "2024-05-08", date_b: str | None = "2024-05-08", event_date: str | None = None):
    docs = [make_document("a.txt", text_a, outlet="Alpha", date=date_a, title=False),
            make_document("b.txt", text_b, outlet="Beta", date=date_b, title=False)]
    groups = [[(0, phrase_a), (1, phrase_b)]] if phrase_a and phrase_b else []
    event, stories, documents = event_of(docs, groups)
    event = replace(event, date=event_date)  # matching dates an event from its accounts' texts
    return [d for d in find_discrepancies(event, stories, documents) if d.type == "number"]


def test_a_duration_in_two_loosely_related_sentences_is_a_warning_not_an_error():
    found = _numbers("Novak is asking for a 10-year contract worth at least $30 million a season.",
                     "Berger is said to want a six-year deal in the $90 million range.",
                     "10-year contract", "six-year deal")
    assert all(d.severity != "error" for d in found), [(d.severity, d.summary) for d in found]


def test_a_duration_changed_in_one_statement_is_still_an_error():
    found = _numbers("The mill's owner was sentenced to 3 years, with 8 months to serve, the court said.",
                     "The mill's owner was sentenced to 4 years, with 8 months to serve, the court said.",
                     "sentenced to 3 years", "sentenced to 4 years")
    assert [d.severity for d in found] == ["error"], [(d.severity, d.summary) for d in found]


def test_two_workers_years_at_one_plant_are_no_error():
    found = _numbers("Hollis has worked at the mill for 41 years and was on the loading dock with the two victims.",
                     "Press operator Dana Quirk, who has worked at the mill for nearly 25 years, said she heard the blasts.",
                     "41 years", "nearly 25 years")
    assert all(d.severity != "error" for d in found)


def test_same_statement_share_separates_one_statement_from_two():
    one = shared_content("The bridge, built over 40 years ago, carried trucks and buses across the river every day.",
                         "The bridge, built over 50 years ago, carried trucks and buses across the river daily.")
    two = shared_content("Novak is asking for a 10-year contract worth at least $30 million a season.",
                         "Berger is said to want a six-year deal in the $90 million range.")
    assert one > SAME_STATEMENT_SHARE > two


def test_an_age_in_an_undated_account_is_a_warning():
    found = _numbers("Marek Tollan, 31, was arrested at his home on the night of the fire.",
                     "A jury found Marek Tollan, 33, guilty of arson on all counts.", date_a=None, date_b=None)
    ages = [d for d in found if d.details.get("role") == "age"]
    assert ages and all(d.severity == "warning" for d in ages), [(d.severity, d.summary) for d in found]


def test_an_age_in_two_same_day_accounts_is_an_error():
    found = _numbers("Marek Tollan, 31, was arrested at his home on the night of the fire.",
                     "Police arrested Marek Tollan, 33, at his home overnight after the fire.")
    ages = [d for d in found if d.details.get("role") == "age"]
    assert ages and any(d.severity == "error" for d in ages), [(d.severity, d.summary) for d in found]


def test_a_toll_told_under_another_month_in_an_undated_account_is_background():
    event_text = "A storm struck the coast on Sunday, November 10, 2024, killing 12 people, officials said."
    background = ("In March, a storm killed 40 people in the same region. "
                  "The storm on Sunday killed 12 people, officials said.")
    found = _numbers(event_text, background, date_a=None, date_b=None, event_date="2024-11-10")
    assert not [d for d in found if 40 in d.details["numbers"].values()], [d.summary for d in found]


def test_a_toll_that_differs_in_an_undated_account_without_another_month_still_conflicts():
    found = _numbers("A storm struck the coast on Sunday, November 10, 2024, killing 12 people, officials said.",
                     "The storm on Sunday killed 40 people, officials said.", date_a=None, date_b=None,
                     event_date="2024-11-10")
    assert [d for d in found if {12, 40} <= set(d.details["numbers"].values())], [d.summary for d in found]
