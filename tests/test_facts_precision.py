"""Issue 10, precision: false alarms seen on independently written news, one general cause per test.

Every sentence here was written for this file (no third-party text); each cause has a negative case
(the false alarm is gone) and a positive one (the real difference is still found).
"""

from __future__ import annotations

from facts_support import event_of, make_document
from test_facts_generalise import _pair

from compare.facts import find_discrepancies
from compare.facts.attribution import _pronoun_reports
from compare.facts.numbers import find_quantities
from compare.model import Quote

DATE = "2024-05-08"


def _docs(*texts: str) -> list:
    return [make_document(f"{'abcdefgh'[n]}.txt", text, outlet=f"Outlet {'ABCDEFGH'[n]}", date=DATE, title=False)
            for n, text in enumerate(texts)]


def _found(docs: list, groups: list[list[tuple[int, str]]]) -> list:
    event, stories, documents = event_of(docs, groups)
    return find_discrepancies(event, stories, documents)


def _speaker_findings(found: list) -> list:
    return [d for d in found if d.type == "attribution" and d.details.get("kind") == "speaker"]


def _hedges(found: list, severity: str = "warning") -> list:
    return [d for d in found if d.type == "framing" and d.details.get("kind") == "hedge" and d.severity == severity]


# --------------------------------------------------------------------------- speakers


TWO_QUOTES = ('"I am delighted to be back on the festival stage," Dana Ruiz said, and "we are proud to welcome '
              'her back to the festival," said festival director Omar Patel.')
SECOND_QUOTE = '"We are proud to welcome her back to the festival," said festival director {who}.'


def _two_quote_accounts(who: str) -> list:
    docs = _docs(TWO_QUOTES, SECOND_QUOTE.format(who=who))
    a, b = (d.stories[0] for d in docs)
    first = TWO_QUOTES.index("we are")
    a.quotes = [Quote("I am delighted to be back on the festival stage,", 0, 52, [0], "Dana Ruiz", "said"),
                Quote("we are proud to welcome her back to the festival,", first - 1, first + 50, [0], "Omar Patel",
                      "said")]
    b.quotes = [Quote("We are proud to welcome her back to the festival,", 0, 52, [0], who, "said")]
    return docs


def test_a_sentence_with_two_quotes_credits_the_matching_one():
    """The statement the other account quotes is credited to its own speaker, not the sentence's first."""
    found = _found(_two_quote_accounts("Omar Patel"), [[(0, "delighted"), (1, "proud")]])
    assert not _speaker_findings(found)


def test_two_quotes_in_one_sentence_still_show_a_real_change_of_speaker():
    found = _found(_two_quote_accounts("Lena Fisch"), [[(0, "delighted"), (1, "proud")]])
    [d] = _speaker_findings(found)
    assert set(d.details["values"].values()) == {"Omar Patel", "Lena Fisch"}


CARRIED = ('"Officers found the van near the river, Lieutenant Mara Quinn said.\n'
           "The driver looked as if he was hiding something, Police Chief Paul Adler said.")


def _carried_over(text_b: str) -> list:
    docs = _docs(CARRIED, text_b)
    story = docs[0].stories[0]
    # The ingest carried a quotation opened (and never closed) in the first sentence over the second.
    story.quotes = [Quote(CARRIED[1:], 0, len(CARRIED), [0, 1], "Mara Quinn", "said")]
    return docs


def test_a_sentence_naming_its_own_speaker_is_not_credited_to_a_carried_over_quote():
    docs = _carried_over("The driver looked as if he was hiding something, Chief Paul Adler told reporters.")
    found = _found(docs, [[(0, "driver looked"), (1, "driver looked")]])
    assert not _speaker_findings(found)


def test_the_sentences_own_speaker_is_still_compared():
    docs = _carried_over("The driver looked as if he was hiding something, Lieutenant Mara Quinn said.")
    found = _found(docs, [[(0, "driver looked"), (1, "driver looked")]])
    [d] = _speaker_findings(found)
    assert set(d.details["values"].values()) == {"Paul Adler", "Mara Quinn"}


def test_only_a_reporting_verb_makes_a_pronoun_a_speaker():
    assert _pronoun_reports("he said on Monday")
    assert _pronoun_reports("she also told the council")
    assert _pronoun_reports("… said he")
    assert not _pronoun_reports("Monday, he looked as if he was trying to hide something")
    assert not _pronoun_reports("she walked to the car and waited")


# --------------------------------------------------------------------------- counts of different things


def test_a_number_in_a_hyphenated_modifier_counts_its_own_noun():
    [convoy] = find_quantities("The coast guard stopped a six-boat smuggler convoy off the cape.")
    [people] = find_quantities("The coast guard stopped 19 smugglers off the cape.")
    [boats] = find_quantities("The coast guard seized three boats off the cape.")
    assert convoy.noun_text == "boat" and convoy.noun != people.noun and convoy.noun != boats.noun
    found = _pair("The coast guard stopped a six-boat smuggler convoy off the cape on Tuesday.",
                  "The coast guard stopped 19 smugglers off the cape on Tuesday.")
    assert not [d for d in found if d.type == "number"]


def test_the_same_hyphenated_modifier_with_another_number_still_conflicts():
    found = _pair("The coast guard stopped a six-boat smuggler convoy off the cape on Tuesday.",
                  "The coast guard stopped a four-boat smuggler convoy off the cape on Tuesday.")
    assert [d for d in found if d.type == "number"]


def test_n_plus_is_more_than_n():
    [q] = find_quantities("Kaur left after three-plus seasons as head coach of the Falcons.")
    assert q.value == 3 and q.qualifier_class == "more" and q.noun == "season"
    found = _pair("Kaur left after three-plus seasons as head coach of the Falcons.",
                  "Kaur left after nearly four seasons as head coach of the Falcons.")
    assert not [d for d in found if d.type == "number"]


def test_n_plus_against_a_smaller_value_still_conflicts():
    found = _pair("Kaur left after three-plus seasons as head coach of the Falcons.",
                  "Kaur left after two seasons as head coach of the Falcons.")
    assert [d for d in found if d.type == "number"]


def test_units_joined_by_hyphens_are_not_cut_as_modifiers():
    [q] = find_quantities("The 12,000 - square - foot hall was sold.")
    assert q.noun_text == "square foot"
    assert not find_quantities("The two-thirds majority held.")  # a fraction, not two of anything


# --------------------------------------------------------------------------- hedges


FLAT = "A former guard walked into the depot on Friday and set fire to two trucks."
HEDGED = "A former guard walked into the depot on Friday and allegedly set fire to two trucks."


def test_a_hedge_against_an_account_that_attributes_the_claim_is_no_warning():
    for other in ("A former guard walked into the depot on Friday and set fire to two trucks, police said.",
                  "According to police, a former guard walked into the depot on Friday and set fire to two trucks."):
        assert not _hedges(_pair(HEDGED, other)), other


def test_a_hedge_against_an_account_that_states_it_as_fact_is_a_warning():
    [d] = _hedges(_pair(HEDGED, FLAT))
    assert d.details["cue"] == "allegedly"


def test_another_form_of_the_hedge_is_the_same_stance():
    found = _pair("The mayor answered the alleged bribery charge in court on Monday.",
                  "The mayor answered the bribery allegation in court on Monday.")
    assert not _hedges(found)


def test_a_hedge_qualifying_nothing_the_other_account_says_is_no_warning():
    found = _pair("He said the guard then apparently called his brother from the yard.",
                  "He said the guard ran across the yard to the gate.")
    assert not _hedges(found)


def test_a_hedge_is_a_warning_when_one_account_states_it_as_fact_even_if_others_attribute_it():
    docs = _docs(HEDGED, FLAT,
                 "A former guard walked into the depot on Friday and set fire to two trucks, police said.",
                 "A former guard walked into the depot on Friday and set fire to two trucks, the fire chief said.")
    found = _found(docs, [[(0, "guard"), (1, "guard"), (2, "guard"), (3, "guard")]])
    [d] = _hedges(found)
    assert set(d.details["values"]) == {"Outlet A", "Outlet B"}
    # the twin: nobody states it as fact
    docs = _docs(HEDGED,
                 "A former guard walked into the depot on Friday and set fire to two trucks, police said.",
                 "A former guard walked into the depot on Friday and set fire to two trucks, the fire chief said.")
    assert not _hedges(_found(docs, [[(0, "guard"), (1, "guard"), (2, "guard")]]))


def test_a_passive_without_its_agent_states_nothing_the_hedge_is_about():
    found = _pair("The van allegedly struck a cyclist near the harbour bridge and drove off.",
                  "The van drove off after the cyclist was struck.")
    assert not _hedges(found)
    # the twin: the same passive with its agent states it as fact
    found = _pair("The van allegedly struck a cyclist near the harbour bridge and drove off.",
                  "The cyclist was struck by the van near the harbour bridge and the van drove off.")
    assert _hedges(found)


def test_another_instance_of_the_hedged_thing_is_not_it():
    found = _pair("Okoye faces a fine for the alleged assault itself and for breaking his bail terms.",
                  "Okoye, on bail for a prior assault, will go before the court in March.")
    assert not _hedges(found)
    found = _pair("Okoye faces a fine for the alleged assault itself and for breaking his bail terms.",
                  "Okoye faces a fine for the assault and will go before the court in March.")
    assert _hedges(found)


# --------------------------------------------------------------------------- intensifiers


def test_an_intensifier_that_is_a_claim_of_its_own_is_no_framing_of_the_other():
    found = _pair("Poachers have become increasingly brazen in recent months, killing 40 rhinos in the park.",
                  "Poachers recently killed 40 rhinos in the park.")
    assert not [d for d in found if d.type == "framing" and d.details.get("kind") == "intensifier"]
    found = _pair("Poachers have become increasingly brazen and recently killed 40 rhinos in the park.",
                  "Poachers recently killed 40 rhinos in the park.")
    assert not [d for d in found if d.type == "framing" and d.details.get("kind") == "intensifier"]


def test_an_intensifier_on_a_shared_word_is_still_framing():
    found = _pair("Poachers staged a brazen raid on the ranger station near the river on Sunday.",
                  "Poachers staged a raid on the ranger station near the river on Sunday.")
    assert [d for d in found if d.type == "framing" and d.details.get("kind") == "intensifier"
            and d.severity == "warning"]


# --------------------------------------------------------------------------- names and titles


def _name_findings(found: list) -> list:
    return [d for d in found if d.type == "entity" and d.details.get("detail") == "name"]


def _unaligned(*texts: str) -> list:
    """Accounts whose sentences are all left unaligned: event-level checks only."""
    return _found(_docs(*texts), [])


def test_a_surname_one_letter_apart_in_the_same_role_is_a_name_conflict():
    found = _unaligned("The lone dissent came from Governor Tomas Varek, who wanted a deeper cut.",
                       "Vasek dissented, preferring a deeper cut of half a point.")
    [d] = _name_findings(found)
    assert d.severity == "warning" and set(d.details["values"].values()) == {"Tomas Varek", "Vasek"}


def test_near_identical_names_that_are_two_people_or_one_transliteration_are_no_conflict():
    # one account names both: two people
    assert not _name_findings(_unaligned("Governors Tomas Varek and Ilse Vasek both voted for the deeper cut.",
                                         "Vasek voted for the deeper cut."))
    # a transliteration, a plural, a different role
    assert not _name_findings(_unaligned("Defence Minister Sergei Shoigu met the delegation on Monday.",
                                         "Shoygu met the delegation on Monday."))
    assert not _name_findings(_unaligned("Senator Ann Cole said the Democrat plan would pass.",
                                         "Democrats said the plan would pass."))
    assert not _name_findings(_unaligned("Governor Tomas Varek opened the new river bridge.",
                                         "Vasek won the tennis final in straight sets."))


def test_a_title_after_the_name_is_read():
    found = _unaligned("Nora Vance, the former mayor of Eastford, spoke at the flood rally on Sunday.",
                       "Mayor Nora Vance spoke at the flood rally on Sunday.")
    [d] = [d for d in found if d.details.get("detail") == "title"]
    assert d.severity == "error"
    for other in ("Nora Vance, the deputy mayor of Eastford, spoke at the flood rally on Sunday.",
                  "Nora Vance, the mayor's sister, spoke at the flood rally on Sunday."):
        found = _unaligned(other, "Mayor Nora Vance spoke at the flood rally on Sunday.")
        assert not [d for d in found if d.details.get("detail") == "title"], other


def test_former_with_a_word_before_the_title_is_read():
    found = _unaligned("Former US President Ruth Calder endorsed the mayor on Sunday.",
                       "US President Ruth Calder endorsed the mayor on Sunday.")
    [d] = [d for d in found if d.details.get("detail") == "title"]
    assert d.severity == "error"
    found = _unaligned("Then-US President Ruth Calder endorsed the mayor in 2019.",
                       "US President Ruth Calder endorsed the mayor in 2019.")
    assert not [d for d in found if d.details.get("detail") == "title"]


def test_suggested_with_its_object_is_a_proposal_not_a_hedge():
    found = _pair("In March the ministry proposed a new ferry timetable, aware that islanders wanted more crossings.",
                  "In March the ministry suggested a new ferry timetable, knowing that islanders wanted more crossings.")
    assert not [d for d in _hedges(found) if "suggest" in d.details["cue"]]
    # the twin: "suggests that ..." softens the claim
    found = _pair("The inquiry shows that the ferry left port with too many passengers on board.",
                  "The inquiry suggests that the ferry left port with too many passengers on board.")
    assert [d for d in _hedges(found) if "suggest" in d.details["cue"]]


def _claim_quotes(found: list) -> list:
    return [d for d in found if d.type == "quote_wording" and d.details.get("kind") != "event_quote"
            and d.severity == "warning"]


def test_two_statements_about_one_thing_are_not_one_quotation_worded_differently():
    # two officials describe the same wreck in their own words: names shared, scattered, no misquote
    found = _pair('"Near 9 pm, six wagons of the Northern Mail left the rails at Kessel and blocked the line," '
                  "a rail spokesman said.",
                  '"Those derailed wagons hit the 4417 Northern Mail and its wagons overturned too," he said.')
    assert not _claim_quotes(found)
    # the twin: one quotation with a number changed is still a warning
    found = _pair('"Near 9 pm, six wagons of the Northern Mail left the rails at Kessel," a rail spokesman said.',
                  '"Near 10 pm, six wagons of the Northern Mail left the rails at Kessel," a rail spokesman said.')
    assert _claim_quotes(found)


# --------------------------------------------------------------------------- who is the speaker


def _speakers_of(found: list, severity: str | None = None) -> list:
    return [d for d in _speaker_findings(found) if severity is None or d.severity == severity]


SAY = '"The levee will hold through the night and nobody needs to leave," '


def test_a_description_between_said_and_the_name_is_not_the_speaker():
    found = _pair(SAY + "said Harbour Works senior engineer Lena Fisch.", SAY + "Lena Fisch said.")
    assert not _speakers_of(found)
    # the twin: another person named after the description is still another speaker
    found = _pair(SAY + "said Harbour Works senior engineer Lena Fisch.", SAY + "Mayor Tomas Brandt said.")
    assert _speakers_of(found)


def test_the_organisation_a_speaker_is_described_by_is_not_the_speaker():
    found = _pair("Lena Fisch, an engineer and deputy head of the Society for Coastal Defence, said, " + SAY,
                  SAY + "Lena Fisch said.")
    assert not _speakers_of(found)
    found = _pair("Lena Fisch, an engineer and deputy head of the Society for Coastal Defence, said, " + SAY,
                  SAY + "Mayor Tomas Brandt said.")
    assert _speakers_of(found)


def test_a_name_that_opens_what_is_said_is_not_the_speaker():
    found = _pair('The city\'s statement says Officer Ray Dunn "found the driver asleep at the wheel and woke him."',
                  '"The officer found the driver asleep at the wheel and woke him," Chief Ann Cole said.')
    assert not _speakers_of(found, "error")


def test_the_owner_of_a_representative_is_not_the_speaker():
    found = _pair("Lena Fisch's spokesman Omar Patel spoke to reporters, he said " + SAY,
                  SAY + "her spokesman Omar Patel told reporters.", speakers=("Lena Fisch", "Omar Patel"))
    assert not _speakers_of(found, "error")


def test_one_person_reporting_what_another_told_gives_no_speaker():
    found = _pair('Her spokesman Omar Patel said that Fisch told the crew she was sorry for the "needless delay" '
                  "at the gate.",
                  'Lena Fisch said in a statement she was sorry for the "needless delay" at the gate.')
    assert not _speakers_of(found, "error")


def test_two_people_saying_much_the_same_is_a_warning_not_an_error():
    found = _pair('"For three decades the levee has protected our city from every flood," Mayor Tomas Brandt said.',
                  '"For decades the levee has protected the city and its farms," said Governor Lena Fisch.')
    assert _speakers_of(found) and not _speakers_of(found, "error")
    # the twin: the same words credited to two named people is still an error
    found = _pair('"For three decades the levee has protected our city from every flood," Mayor Tomas Brandt said.',
                  '"For three decades the levee has protected our city from every flood," said Governor Lena Fisch.')
    assert _speakers_of(found, "error")


def test_a_clock_time_written_two_ways_inside_a_quotation_is_no_change():
    found = _pair('"The ferry left the quay at 6:15pm local time (1015 GMT) with 40 aboard," the harbour master said.',
                  '"The ferry left the quay at 18:15 local time (10:15 GMT) with 40 aboard," the harbour master said.')
    assert not _claim_quotes(found)
    found = _pair('"He gave himself up just after 6 p.m. on the bridge," the harbour master said.',
                  '"He gave himself up just after 6:00 p.m. on the bridge," the harbour master said.')
    assert not _claim_quotes(found)
    # the twin: another time is still a change of the quoted words
    found = _pair('"The ferry left the quay at 6:15pm local time (1015 GMT) with 40 aboard," the harbour master said.',
                  '"The ferry left the quay at 19:15 local time (11:15 GMT) with 40 aboard," the harbour master said.')
    assert _claim_quotes(found)


def test_an_account_that_does_not_name_the_doer_does_not_state_what_the_hedge_is_about():
    found = _pair("Two dock workers who allegedly stole the crane parts went on trial on Monday.",
                  "Crane parts stole from the dock went missing for a week before the trial on Monday.")
    assert not _hedges(found)
    found = _pair("Two dock workers who allegedly smashed the gate went on trial on Monday.",
                  "The gate smashed in the night was repaired before the trial on Monday.")
    assert not _hedges(found)
    # the twins: the same doer stated as fact; a cue on a word, with no relative clause
    found = _pair("Two dock workers who allegedly smashed the gate went on trial on Monday.",
                  "Two dock workers smashed the gate and went on trial on Monday.")
    assert _hedges(found)
    found = _pair("Woman hurt at the dock gate, police arrest allegedly drunk driver",
                  "Woman hurt at the dock gate by a drunk driver")
    assert _hedges(found)


def test_an_organisation_the_ingest_took_for_the_speaker_gives_way_to_the_person():
    found = _pair(SAY + "said Harbour Works senior engineer Lena Fisch.", SAY + "Lena Fisch said.",
                  speakers=("Harbour Works", "Lena Fisch"))
    assert not _speakers_of(found, "error")
    found = _pair("According to reports, Lena Fisch's spokesman Omar Patel left a statement, he said " + SAY,
                  SAY + "her spokesman Omar Patel told reporters.", speakers=("Lena Fisch", "Omar Patel"))
    assert not _speakers_of(found, "error")
    # the twin: the ingest's speaker named on its own is still compared
    found = _pair(SAY + "said Mayor Tomas Brandt.", SAY + "Lena Fisch said.", speakers=("Tomas Brandt", "Lena Fisch"))
    assert _speakers_of(found, "error")


def test_two_documents_each_named_in_full_are_two_documents():
    found = _pair("Rahall said he would invoke the Harbour Review Act to overturn the rule this spring.",
                  "Rahall said he would invoke the Wetland Species Act to overturn the rule this spring.")
    assert not [d for d in found if d.type == "entity" and d.details.get("kind") == "document"]
    # the twin: a description against a document's name is still reported
    found = _pair("Rahall said he would invoke the review act to overturn the rule this spring.",
                  "Rahall said he would invoke the Wetland Species Act to overturn the rule this spring.")
    assert [d for d in found if d.type == "entity" and d.details.get("kind") == "document"]
