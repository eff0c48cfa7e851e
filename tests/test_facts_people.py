"""People in the accounts of an event (issue 10): names, places spelled like names, titles, ranks,
offices, jobs, speakers and their quoted words.  Sentence pairs of our own writing, each with a
negative twin; nothing aligned unless said, so these are the event-level checks."""

from __future__ import annotations

from test_facts_precision import _docs, _found


def _unaligned(*texts: str) -> list:
    return _found(_docs(*texts), [])


def _details(found: list, detail: str) -> list:
    return [d for d in found if d.details.get("detail") == detail]


# --------------------------------------------------------------------------- names


def test_a_place_spelled_two_ways_is_no_name_conflict():
    found = _unaligned("Thousands of students marched outside the assembly hall in New Dorvesh, chanting slogans.",
                       "Anger spread quickly and students marched in Darvesh, chanting slogans.")
    assert not _details(found, "name")
    # the twin: the same spellings as a person's surname are still a name conflict
    found = _unaligned("The protest leader Amir Dorvesh spoke to students, chanting slogans.",
                       "Darvesh spoke to students, chanting slogans.")
    assert _details(found, "name")


# --------------------------------------------------------------------------- ranks, titles, offices, jobs, labels


def test_two_ranks_for_one_named_soldier_conflict():
    found = _unaligned("The ministry confirmed the death of Sergeant Omar Haddad Tal al-Rashidi at the gate.",
                       "Among the dead was Cpl. Omar Haddad Tal al-Rashidi, the ministry said.")
    [d] = _details(found, "rank")
    assert d.severity == "error" and set(d.details["values"].values()) == {
        "Sergeant Omar Haddad Tal al-Rashidi", "Cpl. Omar Haddad Tal al-Rashidi"}
    # the twins: an abbreviation of the same rank; two people of one surname
    assert not _details(_unaligned("Sergeant Omar Haddad was killed at the gate.",
                                   "Sgt. Omar Haddad was killed at the gate."), "rank")
    assert not _details(_unaligned("Sergeant Omar Haddad was killed at the gate.",
                                   "Cpl. Yusuf Haddad was wounded at the gate."), "rank")


def test_a_lieutenant_colonel_is_not_a_colonel():
    found = _unaligned("Lt. Col. Dana Whitlock led the convoy out of the base.",
                       "Col. Dana Whitlock led the convoy out of the base.")
    [d] = _details(found, "rank")
    assert set(d.details["values"].values()) == {"Lt. Col. Dana Whitlock", "Col. Dana Whitlock"}
    assert d.severity == "warning"  # the shorter rank is sometimes said for the longer one
    assert not _details(_unaligned("Lt. Col. Dana Whitlock led the convoy.",
                                   "Lieutenant Colonel Dana Whitlock led the convoy."), "rank")


def test_two_titles_for_one_named_person_before_the_name():
    found = _unaligned('"We will not back down," said Dockers Local 12 President Ray Okonjo.',
                       '"The offer fell short," said Dockers Local 12 Business Representative Ray Okonjo.')
    [d] = _details(found, "person_title")
    assert d.severity == "warning"
    # the twins: the same title with and without its organisation; another person
    assert not _details(_unaligned("Dockers Local 12 President Ray Okonjo spoke.", "President Ray Okonjo spoke."),
                        "person_title")
    assert not _details(_unaligned("Union President Ray Okonjo spoke.", "Business Representative Lena Okonjo spoke."),
                        "person_title")


def test_one_office_held_by_two_people():
    found = _unaligned('"This is over," said Senate Majority Leader Maria Quell after the vote.',
                       "Lawmakers, including Senate Majority Leader Tomas Brandt, cheered the vote.")
    [d] = _details(found, "office")
    assert d.severity == "warning" and set(d.details["values"].values()) == {
        "Senate Majority Leader Maria Quell", "Senate Majority Leader Tomas Brandt"}
    # the twins: the office of two different institutions; a former holder
    assert not _details(_unaligned("Ruritanian President Ana Silva arrived.", "Borduvian President Leo Marsh arrived."),
                        "office")
    assert not _details(_unaligned("Former Ruritanian President Ana Silva arrived.",
                                   "Ruritanian President Leo Marsh arrived."), "office")


def test_two_jobs_at_one_thing_for_one_named_person():
    found = _unaligned("Among the dead was Pedro Luis Almeida, the ferry's deckhand.",
                       "The ferry engineer, Pedro Almeida, was among the dead.")
    [d] = _details(found, "job")
    assert d.severity == "warning"
    # the twins: a family role is no job; the same job written two ways
    assert not _details(_unaligned("Among the dead was Pedro Almeida, the ferry's deckhand.",
                                   "Pedro Almeida, the captain's son, was among the dead."), "job")
    assert not _details(_unaligned("Among the dead was Pedro Almeida, the ferry's deckhand.",
                                   "The ferry deckhand, Pedro Almeida, was among the dead."), "job")


def test_opposite_political_labels_for_one_person():
    found = _unaligned("The race went to Jonas Kettler, a populist conservative, by a whisker.",
                       "The race went to liberal Eastport Mayor Jonas Kettler by a whisker.")
    [d] = _details(found, "label")
    assert d.severity == "warning"
    assert not _details(_unaligned("The race went to Jonas Kettler, a populist conservative, by a whisker.",
                                   "The race went to conservative Eastport Mayor Jonas Kettler by a whisker."), "label")


def test_one_title_written_two_ways_is_no_conflict():
    pairs = [("Northland Lt. Gov. Ada Frey toured the dam.", "Northland Lieutenant Governor Ada Frey toured the dam."),
             ("Defence Secretary Ivo Marr spoke.", "Defense Minister Ivo Marr spoke."),
             ("Farming Minister Ken Oda lost the vote.", "Fisheries Minister Ken Oda lost the vote."),
             ("Police Inspector Ray Dunn said so.", "Harbour Area Commander Inspector Ray Dunn said so."),
             ("Sen. Ana Ruiz voted no.", "Senator Ana Ruiz voted no.")]
    for a, b in pairs:
        assert not [d for d in _unaligned(a, b) if d.type == "entity"], (a, b)
    # the twin: a rank added to the same head is another office
    assert _details(_unaligned("Northland Lt. Gov. Ada Frey toured the dam.",
                               "Northland Governor Ada Frey toured the dam."), "person_title")


def test_one_holder_written_two_ways_is_no_office_conflict():
    for a, b in (("Kerr County Sheriff Lou Tate said it.", "Kerr County Sheriff Lou Tate Jr. said it."),
                 ("Ruritanian President Oleksa Zelensky spoke.", "Ruritanian President Oleksa Zelenskyy spoke.")):
        assert not _details(_unaligned(a, b), "office"), (a, b)


def test_a_middle_initial_is_part_of_the_name():
    assert not _details(_unaligned("Dunmore County Sheriff Robert J Pickard said the chase ended.",
                                   "The chase ended, Dunmore County Sheriff Robert Pickard said."), "office")
    assert _details(_unaligned("Dunmore County Sheriff Robert J Pickard said the chase ended.",
                               "The chase ended, Dunmore County Sheriff Alan Moss said."), "office")


# --------------------------------------------------------------------------- quotations at event level


def _event_quotes(found: list) -> list:
    return [d for d in found if d.type == "quote_wording" and d.details.get("kind") == "event_quote"]


def test_one_speakers_words_quoted_with_another_degree():
    found = _unaligned('Mayor Lena Voss said the talks were "very productive" and ended early.',
                       '"We had an extremely productive meeting today," Mayor Lena Voss said after the talks.')
    [d] = _event_quotes(found)
    assert d.severity == "warning" and d.details["speaker"] == "Lena Voss"
    # the twins: another speaker; another statement of the same speaker
    assert not _event_quotes(_unaligned('Mayor Lena Voss said the talks were "very productive" and ended early.',
                                        '"We had an extremely productive meeting today," Governor Ian Holt said.'))
    assert not _event_quotes(_unaligned('Mayor Lena Voss said the talks were "very productive" and ended early.',
                                        '"It was a very long day for everyone," Mayor Lena Voss said afterwards.'))


def test_a_transcription_difference_inside_a_long_quotation_is_only_a_note():
    found = _unaligned('"The water rose fast but every camper in the lodge - and there another forty staff - got out,"'
                       " Chief Ana Ortiz said.",
                       '"The water rose fast but every camper in the lodge - and forty staff - got out," Chief Ana Ortiz'
                       " said on Sunday.")
    assert not [d for d in _event_quotes(found) if d.severity != "info"]


def test_one_named_group_called_rebels_and_militants():
    found = _unaligned("Government troops retook the town from Tarsan rebels on Sunday.",
                       "The army said it drove Tarsan militants out of the town on Sunday.")
    [d] = _details(found, "group_label")
    assert d.severity == "warning" and d.type == "framing"
    # the twins: the same label; two groups
    assert not _details(_unaligned("Government troops retook the town from Tarsan rebels.",
                                   "The army drove Tarsan rebels out of the town."), "group_label")
    assert not _details(_unaligned("Government troops retook the town from Tarsan rebels.",
                                   "The army drove Volkan militants out of the town."), "group_label")


def test_quotations_with_nothing_beside_the_change_in_common_are_not_compared():
    # two different statements of one speaker: nothing shared right beside what differs
    found = _unaligned('"Absolutely not," Mayor Lena Voss said when asked about the deal.',
                       '"Mayor Lena Voss has signed the deal with the port authority," Mayor Lena Voss said.')
    assert not _event_quotes(found)
    # one quotation written with a number and with a word is the same quotation
    found = _unaligned('"We rolled back this 11th hour rule today," Mayor Lena Voss said.',
                       '"We rolled back this eleventh-hour rule today," Mayor Lena Voss said.')
    assert not _event_quotes(found)
    found = _unaligned('"He gave himself up just after 6 p.m. on the bridge," Mayor Lena Voss said.',
                       '"He gave himself up just after 6:00 p.m. on the bridge," Mayor Lena Voss said.')
    assert not _event_quotes(found)
    # the twin: a negation added inside the same words
    found = _unaligned('"We rolled back this rule today," Mayor Lena Voss said.',
                       '"We never rolled back this rule today," Mayor Lena Voss said.')
    assert [d for d in _event_quotes(found) if d.severity == "warning"]


def test_a_cue_against_a_word_of_another_kind_is_another_statement():
    found = _unaligned('Chief Ann Cole said there was "nothing to indicate that the officers broke the rules."',
                       '"Nothing justifies that," Chief Ann Cole said of the riot.')
    assert not [d for d in _event_quotes(found) if d.severity == "warning"]
    found = _unaligned('"Within one minute or two, the roof was ablaze," Chief Ann Cole said.',
                       '"The crews arrived within a minute or two," Chief Ann Cole said.')
    assert not [d for d in _event_quotes(found) if d.severity == "warning"]


def test_a_lawmakers_seat_and_an_office_are_held_together():
    for a, b in (("Rep. Nick Dahl backed the rule.", "House Energy Committee Chairman Nick Dahl backed the rule."),
                 ("Judge Vera Lind said so.", "But Justice Vera Lind said so."),
                 ("Energy Committee Chairman Nick Dahl spoke.", "Energy Committee Chairman Rep. Nick Dahl spoke."),
                 ("Prosecutor Ian Fold said so.", "Assistant District Attorney Ian Fold said so.")):
        assert not _details(_unaligned(a, b), "person_title"), (a, b)


def test_one_change_of_words_is_one_finding_naming_every_account():
    very = 'Mayor Lena Voss said the talks were "very productive" and ended early.'
    extremely = '"We had an extremely productive meeting today," Mayor Lena Voss said after the talks.'
    found = _unaligned(very, extremely, extremely, 'Mayor Lena Voss called the talks "extremely productive" on Friday.')
    [d] = _event_quotes(found)
    assert set(d.details["values"]) == {"Outlet A", "Outlet B", "Outlet C", "Outlet D"}


def test_a_vowel_of_the_last_syllable_is_a_transliteration_not_a_misspelling():
    # romanised names vary in their last syllable's vowel: one person, no finding
    found = _unaligned("Regional police chief Tariq Hamdan said 40 bodies had been recovered from the river.",
                       "At least 40 bodies were recovered from the river, regional police chief Tariq Hamden said.")
    assert not _details(found, "name")
    found = _unaligned("Colonel Yusuf Hussein said the convoy left the depot at dawn.",
                       "The convoy left the depot at dawn, Colonel Yusuf Hussain said.")
    assert not _details(found, "name")
    found = _unaligned("Island governor Omid Rostbandi said five villages were badly hit by the quake.",
                       "Five villages were badly hit by the quake, island governor Omid Rostvandi said.")
    assert not _details(found, "name")
    # the twin: a vowel changed earlier in the name is still reported
    found = _unaligned("The juror Paula Marlowe said the panel voted on the charge.",
                       "Merlowe said the panel voted on the charge.")
    assert _details(found, "name")


def test_labels_of_two_parties_are_not_one_persons_labels():
    found = _unaligned("Mayor Ilse Brandt, backed by the far-right National Renewal Party (NRP), won the runoff.",
                       "Her rival Otto Keel, leader of the centre-left Civic Union Party (CUP), conceded the runoff.")
    assert not _details(found, "label")
    found = _unaligned("Mayor Ilse Brandt, backed by the far-right Party of Order, won the runoff.",
                       "Otto Keel of the centre-left Party of Order conceded the runoff.")
    assert not _details(found, "label")
    # the twin: the same person given opposite labels is still found
    found = _unaligned("The runoff went to far-right Eastport Mayor Ilse Brandt on Sunday.",
                       "The runoff went to Ilse Brandt, a centre-left reformer, on Sunday.")
    assert _details(found, "label")


def test_a_prime_minister_is_not_a_chief_minister():
    found = _unaligned("Chief Minister Ravi Nandan rushed to the site of the collapse on Sunday.",
                       "Prime Minister Ravi Nandan said he would come to the site of the collapse.")
    [d] = _details(found, "person_title")
    assert d.severity == "warning"
    found = _unaligned("Coastal State CM Ravi Nandan rushed to the site of the collapse on Sunday.",
                       "Prime Minister Ravi Nandan said he would come to the site of the collapse.")
    assert _details(found, "person_title")
    # the twins: the abbreviation of the same office; a "Chief Justice" also called "Justice"
    for a, b in (("Coastal State CM Ravi Nandan rushed to the site.", "Chief Minister Ravi Nandan rushed to the site."),
                 ("Chief Justice Mara Holt wrote the opinion.", "Justice Mara Holt wrote the opinion."),
                 ("The vote closed at 5 PM Ravi Nandan said.", "Chief Minister Ravi Nandan said so.")):
        assert not _details(_unaligned(a, b), "person_title"), (a, b)


def test_an_institution_glossed_in_brackets_is_no_surname():
    found = _unaligned("Deputy speaker Anna Korvel said voting for the Tarvian Sejmas (Parliament) opened on Sunday.",
                       "Voting for the Sajmas (Parliament) opened on Sunday, deputy speaker Anna Korvel said.")
    assert not _details(found, "name")
    # the twin: a surname in brackets after a title is still a name
    found = _unaligned("The party chose Yuri Sejmas (Tarvia) to open the session on Sunday.",
                       "Sajmas (Tarvia) was chosen to open the session on Sunday.")
    assert _details(found, "name")
