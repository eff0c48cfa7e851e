"""Issue 10: a relative day in a copy read against another page's date is no sure conflict.

A page stamped early on one day ("April 10, 2007 - 7:07AM") that says "this afternoon" was written
the day before; a "Last updated" stamp is a later day than the copy's "yesterday".  Two copies of one
sentence that word the day differently are an error only when both were published the same day.
Sentences written for this file, with the negative twin.
"""

from __future__ import annotations

from facts_support import event_of, make_document

from compare.facts import find_discrepancies

A = "Calls to the firm were not answered this afternoon, and a recording said its offices were closed."
B = "Calls to the firm were not answered Tuesday afternoon, and a recording said its offices were closed."


def _dates(date_a: str, date_b: str):
    docs = [make_document("a.txt", A, outlet="Alpha", date=date_a, title=False),
            make_document("b.txt", B, outlet="Beta", date=date_b, title=False)]
    event, stories, documents = event_of(docs, [[(0, "this afternoon"), (1, "Tuesday afternoon")]])
    return [(d.severity, d.details.get("grade_reason")) for d in find_discrepancies(event, stories, documents)
            if d.type == "date"]


def test_a_relative_day_in_a_copy_with_another_page_date_is_a_warning():
    found = _dates("2024-05-08", "2024-05-07")  # Wednesday's page: its "this afternoon" is Wednesday, or the day it was written
    assert found and all(severity == "warning" for severity, _ in found), found
    assert any("another publication date" in reason for _, reason in found), found


def test_a_copy_of_the_same_day_that_changes_the_day_is_an_error():
    assert [severity for severity, _ in _dates("2024-05-08", "2024-05-08")] == ["error"]
