"""Issue 10: findings a fact-checker can trust.  One regression test per cause, each built from
a sentence pair written for this file (no third-party text)."""

from __future__ import annotations

from facts_support import make_document
from test_facts_generalise import _pair

from compare.dates import find_dates, parse_date
from compare.facts.numbers import find_quantities
from compare.ingest.quotes import find_quotes


def _numbers(found):
    return [d for d in found if d.type == "number"]


# --------------------------------------------------------------------------- cause 3: numbers


def test_different_counted_roles_are_never_compared():
    found = _pair("The ferry sank near the harbour, killing 12 of the 58 people on board.",
                  "The ferry sank near the harbour and at least 12 people were killed, officials said.")
    assert not _numbers(found)
    found = _pair("The ferry carried 58 people when it sank near the harbour.",
                  "At least 12 people died when the ferry sank near the harbour.")
    assert not _numbers(found)


def test_compatible_qualifiers_do_not_conflict_and_incompatible_ones_do():
    found = _pair("At least 12 people died when the ferry sank near the harbour on Tuesday.",
                  "Fifteen people died when the ferry sank near the harbour on Tuesday.")
    assert not _numbers(found)
    found = _pair("About 40 people died when the ferry sank near the harbour on Tuesday.",
                  "Sixty people died when the ferry sank near the harbour on Tuesday.")
    [d] = _numbers(found)
    assert d.severity == "error" and d.details["grade_reason"]


def test_upper_bound_against_a_value_is_no_conflict():
    found = _pair("The lifeboat found the ferry within 30 miles of the harbour.",
                  "The lifeboat found the ferry 24 miles from the harbour.")
    assert not _numbers(found)


def test_one_distance_in_two_units_is_one_value():
    [km, mi] = find_quantities("The ferry sank five kilometres (3.1 miles) off the cape.")
    assert not km.conversion and mi.conversion and abs(km.base - mi.base) < 0.1
    found = _pair("The ferry sank five kilometres (3.1 miles) off the cape.",
                  "The ferry sank 5 km (about 3 miles) off the cape.")
    assert not _numbers(found)


def test_mixed_fractions_and_dates_used_as_names_read_right():
    [q] = find_quantities("The rescue took 3 1/2 hours.")
    assert q.value == 3.5 and q.dimension == "duration"
    [q] = find_quantities("Police named 14 Sept. 9 rioters in the report.")
    assert q.value == 14 and q.noun_text == "rioters"
    [q] = find_quantities("Nearly two dozen pupils were missing.")
    assert q.value == 24 and q.role == "missing"


def test_a_places_figure_is_not_the_whole_toll():
    found = _pair("The floods killed at least four people in Marsh County, officials said.",
                  "The floods killed at least 19 people, officials said.")
    assert not [d for d in _numbers(found) if d.severity == "error"]


def test_ages_of_two_people_are_two_facts():
    found = _pair("A 41-year-old Anna Brook was hurt in the fall from the ridge.",
                  "A 29-year-old Tom Hale was hurt in the fall from the ridge.")
    assert not _numbers(found)


# --------------------------------------------------------------------------- cause 1: speakers


QUOTE = '"The bridge will reopen once the inspectors are satisfied," '


def test_a_word_that_is_no_person_is_no_speaker():
    for other in ("Saturday", "Ohio", "News", "The", "Wildlife Diversity"):
        found = _pair(QUOTE + "Maria Lenz said.", QUOTE + f"{other} said.", speakers=("Maria Lenz", other))
        assert not [d for d in found if d.type == "attribution" and d.severity == "error"], other


def test_a_pronoun_with_two_candidates_is_resolved_to_nobody():
    text = ("Mayor Ruth Calder met Governor Paul Osei on Friday.\n\n"
            '"The bridge will reopen once the inspectors are satisfied," she said.\n')
    doc = make_document("a.txt", text, outlet="Alpha", date="2024-05-03", title=False)
    story = doc.stories[0]
    paragraphs = [(0, text.index("\n\n")), (text.index("\n\n") + 2, len(text))]
    [q] = find_quotes(text, paragraphs, story.sentences)
    assert q.speaker is None


def test_a_named_speaker_against_another_named_speaker_is_an_error():
    found = _pair(QUOTE + "Maria Lenz said.", QUOTE + "Peter Vogt said.", speakers=("Maria Lenz", "Peter Vogt"))
    [d] = [d for d in found if d.type == "attribution" and d.details.get("kind") == "speaker"]
    assert d.severity == "error" and "name" in d.details["grade_reason"]


# --------------------------------------------------------------------------- cause 4: dates


def test_a_future_weekday_is_the_next_one():
    wednesday = parse_date("2024-05-08")
    [d] = find_dates("The council will vote on Monday on the bridge plan.", wednesday)
    assert d.value.isoformat() == "2024-05-13"
    [d] = find_dates("The council voted on Monday on the bridge plan.", wednesday)
    assert d.value.isoformat() == "2024-05-06"


def test_today_inside_a_quotation_is_not_compared_across_publication_dates():
    found = _pair('"The port is open again today," the harbour master said.',
                  '"The port is open again today," the harbour master said.',
                  date_a="2024-05-08", date_b="2024-05-09")
    assert not [d for d in found if d.type == "date"]


# --------------------------------------------------------------------------- cause 5: recall at event level


def _accounts(text_a: str, text_b: str, date_a: str = "2024-05-08", date_b: str = "2024-05-08"):
    from facts_support import event_of

    from compare.facts import find_discrepancies

    docs = [make_document("a.txt", text_a, outlet="Alpha", date=date_a, title=False),
            make_document("b.txt", text_b, outlet="Beta", date=date_b, title=False)]
    event, stories, documents = event_of(docs, [])  # nothing aligned: every sentence its own claim
    return find_discrepancies(event, stories, documents)


FERRY_A = ("A passenger ferry capsized off the northern cape on Tuesday night. "
           "Coastguard crews pulled 31 survivors from the water before dawn. "
           "The ferry was carrying 58 people.")
FERRY_B = ("Rescuers worked through the night after the ferry overturned near the cape. "
           "Officials said 27 people survived the sinking. "
           "Fifty-eight people were on board, the operator said.")


def test_the_same_slot_is_compared_even_when_no_sentences_were_aligned():
    found = [d for d in _accounts(FERRY_A, FERRY_B) if d.type == "number"]
    [d] = found
    assert d.details["role"] == "survived" and d.details["grade_basis"] == "event"
    assert d.severity == "error" and {"Alpha", "Beta"} == set(d.details["values"])
    assert "31" in d.summary and "27" in d.summary and len(d.sentences) == 2


def test_an_event_level_conflict_between_days_is_a_warning():
    [d] = [d for d in _accounts(FERRY_A, FERRY_B, date_b="2024-05-10") if d.type == "number"]
    assert d.severity == "warning" and "different dates" in d.details["grade_reason"]


def test_an_account_that_updates_its_own_figure_is_compared_by_its_latest():
    text_b = ("Rescuers worked through the night after the ferry overturned near the cape. "
              "At first 27 people survived, officials said. Later 31 survivors were counted.")
    assert not [d for d in _accounts(FERRY_A, text_b) if d.type == "number" and d.details.get("role") == "survived"]
    text_c = text_b.replace("Later 31", "Later 35")
    [d] = [d for d in _accounts(FERRY_A, text_c) if d.type == "number" and d.details.get("role") == "survived"]
    assert set(d.details["numbers"].values()) == {31, 35}


# --------------------------------------------------------------------------- cause 2: two statements as one claim


def test_two_places_in_one_claim_are_two_facts():
    found = _pair("Floods killed 14 people in Marsh County on Friday, officials said.",
                  "Floods killed 40 people in Reed County on Friday, officials said.")
    assert not _numbers(found)


def test_two_people_quoted_on_one_side_give_no_speaker_conflict():
    from facts_support import event_of

    from compare.facts import find_discrepancies

    text_a = QUOTE + "Maria Lenz said. \"The inspectors will need another week at least,\" Peter Vogt said."
    text_b = QUOTE + "Peter Vogt said."
    docs = [make_document("a.txt", text_a, outlet="Alpha", date="2024-05-08", title=False),
            make_document("b.txt", text_b, outlet="Beta", date="2024-05-08", title=False)]
    event, stories, documents = event_of(docs, [[(0, "Maria Lenz"), (0, "Peter Vogt"), (1, "Peter Vogt")]])
    found = find_discrepancies(event, stories, documents)
    assert not [d for d in found if d.type == "attribution" and d.details.get("kind") == "speaker"]


# --------------------------------------------------------------------------- warnings worth reading


def test_two_hedged_renderings_are_no_framing_difference():
    found = _pair("The fire reportedly began in the engine room of the ferry before it sank.",
                  "A fault in the engine room may have started the fire on the ferry, officials said.")
    assert not [d for d in found if d.type == "framing" and d.details.get("kind") == "hedge"]


def test_a_split_contraction_is_no_negation():
    found = _pair("The harbour master didn ' t return a call on the ferry sinking.",
                  "The harbour master didn't return a call on the ferry sinking.")
    assert not [d for d in found if d.type == "framing" and d.details.get("kind") == "negation"]


def test_a_loaded_verb_between_different_statements_is_only_a_note():
    found = _pair("Officials admitted the ferry had failed two safety checks last year.",
                  "Officials said rescue boats reached the capsized ferry within an hour of the alarm.")
    assert not [d for d in found if d.type == "attribution" and d.severity != "info"]


def test_a_death_toll_is_a_count_of_the_killed():
    [q] = find_quantities("The death toll from the storm in the valley rose to 57 on Sunday as more bodies were found.")
    assert q.value == 57 and q.role == "killed"


def test_a_range_against_a_value_inside_it_is_no_conflict():
    found = _pair("The camps lie between 25 to 40 miles from the border, officials said.",
                  "The camps lie 50 kilometers (31 miles) from the border, officials said.")
    assert not _numbers(found)
