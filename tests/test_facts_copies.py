"""Issue 10: what two copies of one sentence really change.

A relative day read against another page's date is no sure conflict: a page stamped early on one day
("April 10, 2007 - 7:07AM") that says "this afternoon" was written the day before.  One negation in other
words ("No weapon has been ..." / "The weapon has not been ...") reverses nothing, and "the No. 2 Hawks"
is a rank.  Sentences written for this file, with negative twins.
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


def _framing(text_a: str, text_b: str, phrase_a: str, phrase_b: str):
    docs = [make_document("a.txt", text_a, outlet="Alpha", date="2024-05-08", title=False),
            make_document("b.txt", text_b, outlet="Beta", date="2024-05-08", title=False)]
    event, stories, documents = event_of(docs, [[(0, phrase_a), (1, phrase_b)]])
    return [d.summary for d in find_discrepancies(event, stories, documents) if d.details.get("kind") == "negation"]


def test_one_negation_in_other_words_is_no_reversal():
    assert not _framing("No weapon has been recovered from the scene, police said.",
                        "The weapon has not been recovered from the scene, police said.", "No weapon", "The weapon")


def test_a_rank_written_no_is_no_negation():
    assert not _framing("Okoro scored 24 to help the No. 2 Hawks stay unbeaten with a 77-70 win.",
                        "Okoro scored 24 points to help the second-ranked Hawks stay unbeaten with a 77-70 win.",
                        "No. 2 Hawks", "second-ranked Hawks")


def test_a_negation_added_is_still_a_reversal():
    assert _framing("The weapon has been recovered from the scene, police said.",
                    "The weapon has not been recovered from the scene, police said.", "has been", "has not been")


def test_a_sentence_whose_first_mark_closes_a_quotation_quotes_the_words_before_it():
    from compare.facts.context import _split_quotes

    quoted, narrative, inside = _split_quotes(
        'We thank you for respecting her privacy at this time, " the singer\'s agent Mara Lind tells reporters.', False)
    assert quoted == ["We thank you for respecting her privacy at this time"] and "Mara Lind tells reporters" in narrative
    assert not inside


def test_an_opening_mark_after_a_comma_still_opens():
    from compare.facts.context import _split_quotes

    quoted, narrative, inside = _split_quotes('The agent said on Monday, "We thank you for your patience', False)
    assert quoted == ["We thank you for your patience"] and inside  # the quotation runs on into the next sentence
    quoted, _narrative, inside = _split_quotes('The agent said, "We thank you," and left the room.', False)
    assert quoted == ["We thank you"] and not inside


def test_a_contraction_typed_without_its_apostrophe_is_the_same_negation():
    from compare.facts.common import negation_count

    assert negation_count("I cant speak for the first case".split()) == negation_count("I can't speak for the first case".split()) == 1
    assert negation_count("I can speak for the first case".split()) == 0


def test_a_quotation_typed_with_and_without_an_apostrophe_is_no_misquote():
    docs = [make_document("a.txt", 'Inspector Rowe said: "I cant speak for the first fall, but this one looks like a lack of experience on the ridge."',
                          outlet="Alpha", date="2024-05-08", title=False),
            make_document("b.txt", '"I can\'t speak for the first fall, but this one looks like a lack of experience on the ridge," Inspector Rowe told the paper.',
                          outlet="Beta", date="2024-05-08", title=False)]
    event, stories, documents = event_of(docs, [])
    assert not [d.summary for d in find_discrepancies(event, stories, documents)
                if d.type == "quote_wording" and d.severity != "info"]
    docs[1] = make_document("b.txt", '"I can speak for the first fall, and this one looks like a lack of experience on the ridge," Inspector Rowe told the paper.',
                            outlet="Beta", date="2024-05-08", title=False)
    event, stories, documents = event_of(docs, [])
    assert [d for d in find_discrepancies(event, stories, documents) if d.type == "quote_wording" and d.severity != "info"]
