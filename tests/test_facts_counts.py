"""Issue 10, recall: counts told in differently worded sentences of different accounts.

Each mechanism has a test built from sentences written for this file (no third-party text):
the count's subgroup, its place scope (also as the subject that reports it), breakdowns and
lists that share one role, an account's own updated figure, measurements (storeys, magnitude,
a rise) and ages of a group.  Every positive test has a negative twin: another subgroup, another
place, another building ... is no conflict.
"""

from __future__ import annotations

from facts_support import event_of, make_document

from compare.facts import find_discrepancies
from compare.facts.numbers import find_quantities


def _accounts(text_a: str, text_b: str, date_a: str = "2024-05-08", date_b: str = "2024-05-08"):
    docs = [make_document("a.txt", text_a, outlet="Alpha", date=date_a, title=False),
            make_document("b.txt", text_b, outlet="Beta", date=date_b, title=False)]
    event, stories, documents = event_of(docs, [])  # nothing aligned: every sentence its own claim
    return [d for d in find_discrepancies(event, stories, documents) if d.type == "number"]


def _read(text: str) -> dict[str, tuple]:
    """Each quantity's (role, scope, inherited) by its text."""
    return {q.text: (q.role, q.scope, q.inherited) for q in find_quantities(text)}


def _values(d) -> set[float]:
    return set(d.details["numbers"].values())


# --------------------------------------------------------------------------- reading one sentence


def test_a_breakdown_between_dashes_shares_the_role_and_place_of_its_total():
    read = _read("Thirty-one of the deaths - 19 adults and 12 children - were in Pine County, the coroner said.")
    assert read["Thirty-one"][:2] == ("killed", "pine county")
    assert read["19 adults"] == ("killed", "pine county", True)
    assert read["12 children"] == ("killed", "pine county", True)


def test_a_breakdown_after_a_total_in_the_same_sentence_shares_its_role():
    read = _read("Forty died in Pine County alone; the rest were elsewhere. Twenty-two died in Ash County, 15 were adults and 7 were children.")
    assert read["15 adults"] == ("killed", "ash county", True)
    assert read["7 children"] == ("killed", "ash county", True)


def test_a_verb_after_a_list_governs_every_member():
    read = _read("The agency said 30 men, 26 women and one child were killed in the blaze.")
    assert read["30 men"][0] == read["26 women"][0] == read["one child"][0] == "killed"


def test_members_introduced_by_including_are_part_of_the_total():
    read = _read('The ministry said "14 survivors including four children have been taken to a clinic."')
    assert read["four children"][0] == "survived"


def test_a_comma_alone_is_no_list_and_a_subset_phrase_keeps_its_own_role():
    found = {q.value: q for q in find_quantities(
        "Of the 40 fishermen detained, 25 are said to be from the islands and 15 from the coast.")}
    assert found[40].role == "arrested"
    assert found[25].role is None


def test_a_place_that_reports_the_count_is_its_scope():
    assert _read("The blast was felt far away, with neighbouring Ruritania reporting at least 9 deaths.")[
        "at least 9 deaths"][1] == "ruritania"
    read = _read("Lakeside city authorities said four people have been found dead and 12 injured.")
    assert read["four people"][1] == read["12 injured"][1] == "lakeside"
    # a person or an agency that reports is no place
    assert _read("Governor Hal Brent said four people have been found dead.")["four people"][1] is None


def test_a_capital_named_after_its_country_is_the_city():
    assert _read("At least 7 lives were lost in the Ruritanian capital, Strelsau, officials said.")[
        "At least 7 lives"][1] == "strelsau"


def test_a_sentence_opening_with_a_place_scopes_each_of_its_counts():
    read = _read("In Birch County, at least two people are dead with four missing.")
    assert read["at least two people"][1] == read["four missing"][1] == "birch county"


# --------------------------------------------------------------------------- comparing accounts


def test_a_subgroup_count_is_compared_with_the_same_subgroup():
    a = "The barge sank on the lake. Among the dead, at least 30 were women and 25 were men."
    b = "The barge sank on the lake. Officials said 21 women, 25 men and one child were killed."
    [d] = _accounts(a, b)
    assert _values(d) == {30, 21} and d.details["role"] == "killed"


def test_a_different_subgroup_is_no_conflict():
    a = "The barge sank on the lake. Among the dead, 30 were women."
    b = "The barge sank on the lake. Officials said 21 men were killed."
    assert not _accounts(a, b)


def test_counts_of_one_place_are_compared_and_of_two_places_not():
    a = "Storms hit the valley. Lakeside city authorities said six people have been found dead."
    b = "Storms hit the valley. At least 9 lives were lost in Lakeside, officials said."
    [d] = _accounts(a, b)
    assert _values(d) == {6, 9} and d.severity == "error"
    c = "Storms hit the valley. At least 9 lives were lost in Millford, officials said."
    assert not _accounts(a, c)


def test_a_place_count_is_not_the_whole_toll():
    a = "Storms hit the valley. In total 20 people died. In Birch County, two people are dead."
    b = "Storms hit the valley. Twenty people died, officials said."
    assert not _accounts(a, b)


def test_the_main_country_of_the_event_is_the_whole_toll():
    a = ("An earthquake struck Peru on Friday. The death toll in Peru has risen to 410. "
         "Peru asked Chile for help.")
    b = "An earthquake struck Peru on Friday. Officials said 250 people have now been found dead in Peru."
    [d] = _accounts(a, b)
    assert _values(d) == {410, 250}


def test_a_breakdown_read_from_its_total_is_a_warning():
    a = "Floods hit the valley. Thirty-one of the deaths - 19 adults and 12 children - were in Pine County."
    b = "Floods hit the valley. Forty died in Pine County alone, 26 were adults and 14 were children."
    found = _accounts(a, b)
    by_values = {frozenset(_values(d)): d for d in found}
    assert by_values[frozenset({31, 40})].severity == "error"
    assert by_values[frozenset({19, 26})].severity == "warning"
    assert "breaks down" in by_values[frozenset({19, 26})].details["grade_reason"]


def test_an_updated_toll_is_compared_by_the_accounts_current_figure():
    a = "The ferry sank off the cape. The death toll has now risen to 44, officials said. Earlier, 30 were reported dead."
    b = "The ferry sank off the cape. Officials said 44 people died."
    assert not _accounts(a, b)
    c = "The ferry sank off the cape. Officials said 52 people died."
    [d] = _accounts(a, c)
    assert _values(d) == {44, 52} and d.severity == "error"


def test_an_account_with_two_figures_and_no_current_one_gives_a_warning():
    a = "The ferry sank off the cape and 44 people died. Rescuers said 30 people died."
    b = "The ferry sank off the cape. Officials said 52 people died."
    [d] = _accounts(a, b)
    assert d.severity == "warning" and "several values" in d.details["grade_reason"]


def test_at_least_and_a_larger_value_do_not_conflict():
    a = "The ferry sank off the cape. Lakeside city authorities said at least 8 people died."
    b = "The ferry sank off the cape. Lakeside city authorities said 11 people died."
    assert not _accounts(a, b)


def test_another_one_or_the_other_ones_are_not_the_events_figure():
    a = "The ferry sank off the cape and 20 people died. The other six deaths were in the harbour."
    b = "The ferry sank off the cape. Officials said 20 people died."
    assert not _accounts(a, b)


def test_hospital_counts_in_other_words_are_one_slot():
    a = "The bus overturned on the pass, resulting in 14 hospitalizations."
    b = "The bus overturned on the pass. Officials said 19 were transported to local hospitals."
    [d] = _accounts(a, b)
    assert d.details["role"] == "hospitalised" and _values(d) == {14, 19}


def test_passengers_and_crew_together_are_not_the_passengers():
    a = "The jet landed hard. It was carrying 120 passengers and six crew members."
    b = "The jet landed hard. It was carrying 126 passengers and crew."
    assert not _accounts(a, b)


def test_the_rest_of_a_count_is_not_the_count():
    a = "The bus overturned on the pass, leaving at least 20 people injured."
    b = "The bus overturned on the pass. Four were critically injured. Nine others sustained minor injuries."
    assert not _accounts(a, b)


# --------------------------------------------------------------------------- measurements and ages


def test_storeys_of_a_building_in_other_words_are_compared_as_a_warning():
    a = "The quake brought down a 21-storey building in the old town."
    b = "When the quake hit, the 24-story tower swayed and fell."
    [d] = _accounts(a, b)
    assert d.severity == "warning" and _values(d) == {21, 24}
    c = "When the quake hit, a 24-story hotel swayed."  # still a building: the accounts may speak of two
    assert _accounts(a, c)[0].severity == "warning"


def test_magnitude_of_an_aftershock_is_not_the_magnitude_of_the_quake():
    a = "The quake measured 6.9 and was followed by a 5.8-magnitude aftershock."
    b = "Several aftershocks followed the magnitude 6.9 earthquake, the strongest measuring 5.2 magnitude."
    [d] = _accounts(a, b)
    assert _values(d) == {5.8, 5.2} and d.details["role"] == "magnitude"
    c = "The magnitude 6.9 earthquake was followed on Sunday by another 4.9-magnitude earthquake."
    assert not _accounts(a, c)


def test_a_rise_is_compared_and_a_level_is_not():
    a = "The creek rose 14 feet in an hour."
    b = "Gauges showed a 19-foot rise of the creek overnight."
    [d] = _accounts(a, b)
    assert _values(d) == {14, 19}
    c = "The creek rose to 19 feet overnight."
    assert not _accounts(a, c)


def test_ages_of_a_group_are_compared_as_sets():
    a = "Two flight attendants survived, aged 27 and 41."
    b = "Park, a 27-year-old flight attendant, survived. Kim, a 44-year-old flight attendant, also survived."
    [d] = _accounts(a, b)
    assert _values(d) == {41, 44} and d.severity == "warning"
    c = "Park, a 27-year-old flight attendant, survived. Kim, a 41-year-old flight attendant, also survived."
    assert not _accounts(a, c)


def test_a_tally_is_not_a_range():
    read = {q.text: q for q in find_quantities("MPs voted 312 to 270 in favour of the bill.")}
    assert read["270"].low is None and read["270"].role is None


# --------------------------------------------------------------------------- precision guards (judged2 dev2 causes)


def test_the_rest_or_more_of_a_count_is_not_the_count():
    read = {q.value: q for q in find_quantities("Twenty people were hurt, and all but four were pupils.")}
    assert read[4].partial
    read = {q.value: q for q in find_quantities("Three more pupils remain in critical condition.")}
    assert read[3].partial
    # "a further 12 were injured" after the dead is the injured count in full
    read = {q.value: q for q in find_quantities("Nine people died and a further 12 were injured when the bridge fell.")}
    assert not read[12].partial and read[12].role == "injured"


def test_n_of_them_names_the_group_counted():
    read = {q.value: q for q in find_quantities("Twenty others were hurt, and 11 of the injured are pupils.")}
    assert read[11].role == "injured" and read[11].noun_text == "pupils"


def test_ages_inside_a_breakdown_leave_the_count_its_role():
    read = {q.value: q for q in find_quantities("Officials said two pupils, ages 7 and 9, were killed in the hall.")}
    assert read[2].role == "killed" and read[7].role == read[9].role == "age"


def test_counts_after_a_subset_head_are_read_as_parts():
    read = {q.value: q for q in find_quantities("Of the 20 wounded, 11 are pupils, with three in critical condition.")}
    assert read[3].role == "critical" and read[3].inherited


def test_an_approximation_close_to_a_value_is_a_warning():
    a = "The tram derailed on the hill and around 30 people were injured."
    b = "The tram derailed on the hill and 37 people were injured."
    [d] = _accounts(a, b)
    assert d.severity == "warning" and "approximate" in d.details["grade_reason"]
    c = "The tram derailed on the hill and 60 people were injured."
    [d] = _accounts(a, c)
    assert d.severity == "error"


def test_two_candidates_shares_are_paired_by_value_not_crossed():
    from test_facts_generalise import _pair

    found = _pair("With all ballots counted, Ana Sol received 52.34%, while Ben Roe got 47.66%.",
                  "Ben Roe, the mayor, received 47.66% of the votes.")
    assert not [d for d in found if d.type == "number"]


def test_a_decimal_value_allows_one_unit_in_its_last_place():
    from test_facts_generalise import _pair

    found = _pair("Turnout in the runoff reached 64.2%, the electoral commission said.",
                  "Turnout in the runoff was 64.27%, the electoral commission said.")
    assert not [d for d in found if d.type == "number"]
    found = _pair("Turnout in the runoff reached 64.2%, the electoral commission said.",
                  "Turnout in the runoff was 66.9%, the electoral commission said.")
    assert [d for d in found if d.type == "number"]


def test_a_class_label_is_no_value_and_a_noun_is_no_dimension():
    from test_facts_generalise import _pair

    found = _pair("The storm came ashore with sustained winds of 160 mph near the port.",
                  "The storm came ashore near the port with a Category 5 wind speed.")
    assert not [d for d in found if d.type == "number"]
    assert not find_quantities("Union District 512 members voted on Sunday.")


def test_a_unit_written_on_to_the_number_is_read():
    [q] = find_quantities("The tremor struck at a shallow depth of 9km, officials said.")
    assert q.value == 9 and q.dimension == "distance" and q.role == "depth"


def test_depth_of_a_quake_is_compared_and_of_an_aftershock_is_another_slot():
    a = "The quake struck at a shallow depth of 9 km."
    b = "The earthquake hit at a depth of 14 kilometres, the survey said."
    [d] = _accounts(a, b)
    assert d.details["role"] == "depth" and d.severity == "warning"
    c = "Both aftershocks happened at a depth of 14 kilometres."
    assert not _accounts(a, c)


def test_a_duration_is_compared_only_for_the_same_activity():
    a = "After deliberating for more than 20 hours, the jury returned its verdict."
    b = "After 15 hours of deliberation, the jury returned its verdict."
    [d] = _accounts(a, b)
    assert d.details["role"] == "duration" and _values(d) == {20, 15}
    c = "After 15 hours of testimony, the jury returned its verdict."
    assert not _accounts(a, c)


def test_a_share_is_compared_for_the_same_measured_noun():
    a = "The runoff was close. Turnout was 61.2%, the commission said."
    b = "The runoff was close. The voter turnout reached 58.4%."
    [d] = _accounts(a, b)
    assert _values(d) == {61.2, 58.4}
    c = "The runoff was close. Unemployment reached 58.4%."
    assert not _accounts(a, c)


def test_a_count_on_an_island_is_scoped_to_it():
    read = {q.value: q for q in find_quantities("Five of the deaths were on the island of Corvo, officials said.")}
    assert read[5].scope == "corvo"


def test_about_a_round_number_allows_half_its_rounding_step():
    a = "The tram derailed on the hill; around 20 people were injured."
    b = "The tram derailed on the hill; 23 people were injured."
    assert not _accounts(a, b)
    c = "The tram derailed on the hill; 31 people were injured."
    assert _accounts(a, c)


def test_a_subgroup_with_a_place_on_one_side_only_is_a_warning():
    a = "The jet hit a dormitory. At least nine people on the ground, including three nurses, were killed."
    b = "The jet hit a dormitory. The fatalities included four nurses, hospital officials said."
    [d] = _accounts(a, b)
    assert d.severity == "warning" and "one account only" in d.details["grade_reason"]
    c = "The jet hit a dormitory. The fatalities included four pilots, hospital officials said."
    assert not _accounts(a, c)


def test_an_official_statement_quoted_in_full_is_read_as_a_warning():
    a = 'The ferry sank. The coastguard reported that "31 survivors including four children were rescued."'
    b = "The ferry sank. Rescuers pulled 31 survivors, including two children, from the water."
    [d] = _accounts(a, b)
    assert _values(d) == {4, 2} and d.severity == "warning"
    c = 'The ferry sank. "We saw 12 survivors on the rocks," a fisherman said.'
    assert not _accounts(b, c)


# --------------------------------------------------------------------------- other groups, other votes, other events


def test_a_count_of_the_subjects_own_members_is_that_group_not_everyone():
    assert find_quantities("The union said four of its members were hurt in the collapse.")[0].noun_text == "members"
    assert not _accounts("The union said four of its members were hurt in the collapse.",
                         "Eleven people were hurt in the collapse.")
    assert _accounts("Four people were hurt in the collapse.", "Eleven people were hurt in the collapse.")


def test_a_number_after_its_or_their_is_the_size_of_a_whole_not_a_count():
    read = {q.text: q for q in find_quantities("Ortiz won 52 votes from members and 9 from their 30 regional councils.")}
    assert read["30 regional councils"].partial
    assert not read["52 votes"].partial


def test_votes_from_one_group_are_not_the_total():
    assert not _accounts("The chairman won 120 votes from council members.", "The chairman won 150 votes.")
    assert not _accounts("The chairman won 120 votes from council members.",
                         "The chairman won 150 votes from party delegates.")
    assert _accounts("The chairman won 120 votes.", "The chairman won 150 votes.")


def test_an_account_giving_two_counts_without_a_role_gives_no_value():
    # two candidates' votes in one account: which one the other account's figure is, is not said
    assert not _accounts("Lindqvist received 120 votes while Moreau received 95 votes.", "Lindqvist received 125 votes.")
    assert _accounts("Lindqvist received 120 votes.", "Lindqvist received 125 votes.")


def test_a_place_heading_a_list_item_scopes_its_counts():
    assert not _accounts("- Chile: 40 people were evacuated from the coast.", "Officials said 3,000 people were evacuated.")
    found = _accounts("- Chile: 40 people were evacuated from the coast.", "Chile: 3,000 people were evacuated.")
    assert found and _values(found[0]) == {40, 3000}
    # a city before a colon is a dateline, not the place of the count
    assert find_quantities("Moscow: 40 people were evacuated from the building.")[0].scope is None
    assert find_quantities("- Moscow: 40 people were evacuated from the building.")[0].scope == "moscow"


def test_the_toll_of_an_earlier_dated_event_is_background():
    earlier = "The raid was revenge for the March 3 bombing in the capital, which killed 40 people."
    assert not _accounts(earlier, "Twelve people were killed in the raid.")
    assert _accounts("The raid followed the bombing in the capital, which killed 40 people.",
                     "Twelve people were killed in the raid.")


def test_a_sentence_dated_long_before_the_account_is_background():
    assert not _accounts("On January 5, 2023, gunmen killed 300 people in the same valley.",
                         "Twelve people were killed in the valley.")
    assert _accounts("On Tuesday, gunmen killed 30 people in the valley.", "Twelve people were killed in the valley.")


# --------------------------------------------------------------------------- one death, role phrases, glued dashes


def test_an_article_before_a_death_counts_one():
    found = _accounts("Harlan County officials also reported a storm death.", "Three people died in Harlan County.")
    assert found and _values(found[0]) == {1, 3}
    assert not _accounts("Harlan County officials also reported a storm death.", "One person died in Harlan County.")
    # another death, a death sentence: no count of one
    assert not [q for q in find_quantities("Officials reported another death and a death sentence was handed down.")
                if q.value == 1]


def test_a_role_phrase_as_the_counted_noun_counts_people():
    # "four serious injuries" counts injured people; a glued dash ends the noun ("injuries—a")
    found = _accounts("Medics reported four serious injuries—a driver, two riders and a cyclist.",
                      "Two people were flown to a regional hospital with serious injuries.")
    assert found and _values(found[0]) == {4, 2}
    assert not _accounts("Medics reported two serious injuries—a driver and a cyclist.",
                         "Two people were flown to a regional hospital with serious injuries.")


def test_a_vague_amount_has_an_order_of_magnitude():
    found = _accounts("The clashes left dozens injured across the city.", "The clashes left 420 people injured.")
    assert found and found[0].severity == "warning" and "vague" in found[0].details["grade_reason"]
    assert not _accounts("The clashes left dozens injured across the city.", "The clashes left 60 people injured.")
    # "tens of thousands" is no "thousands" below ten thousand
    assert not _accounts("Tens of thousands of people were evacuated from the delta.",
                         "Officials said 40,000 people were evacuated from the delta.")


def test_a_count_on_board_two_vehicles_is_their_sum():
    assert not _accounts("The train was carrying 52 people.", "In all, 58 people were aboard both trains.")
    assert _accounts("The train was carrying 52 people.", "In all, 58 people were aboard the train.")


def test_a_figure_someone_was_going_to_reach_is_a_plan():
    assert not _accounts("The agency reported that the firm was going to cut 900 jobs.", "The firm cut 400 jobs on Monday.")
    assert not _accounts("The agency said 900 workers were going to be evacuated.", "Officials said 400 workers were evacuated.")
    assert _accounts("The agency said 900 workers were evacuated.", "Officials said 400 workers were evacuated.")


def test_a_plan_is_not_compared_with_a_figure_in_an_aligned_claim():
    from facts_support import pair_copies
    a = make_document("a.txt", "The agency reported that the firm was going to cut 900 jobs at its plant.",
                      outlet="Alpha", date="2024-05-08", title=False)
    b = make_document("b.txt", "The agency reported that the firm cut 400 jobs at its plant.",
                      outlet="Beta", date="2024-05-08", title=False)
    found = [d for d in find_discrepancies(*_with_maps(pair_copies(a, b), [a, b])) if d.type == "number"]
    assert not found
    c = make_document("c.txt", "The agency reported that the firm cut 900 jobs at its plant.",
                      outlet="Gamma", date="2024-05-08", title=False)
    assert [d for d in find_discrepancies(*_with_maps(pair_copies(c, b), [c, b])) if d.type == "number"]


def _with_maps(event, docs):
    stories = {s.id: s for d in docs for s in d.stories}
    return event, stories, {d.path: d for d in docs}


# --------------------------------------------------------------------------- not the same counted thing (judged3 dev)


def test_a_count_with_a_minor_degree_of_harm_is_part_of_the_injured():
    """"61 others suffered minor injuries" is part of the injured, not their number; a count of
    the injured with no degree of harm is still compared."""
    part = _accounts("Officials said 12 people were in serious condition and 61 others suffered minor injuries.",
                     "Officials said 95 people were injured in the blast.")
    assert not [d for d in part if d.details.get("role") == "injured"]
    whole = _accounts("Officials said 12 people were in serious condition and 61 others suffered injuries.",
                      "Officials said 95 people were injured in the blast.")
    assert [d for d in whole if _values(d) == {61, 95}]


def test_a_count_of_other_members_of_a_group_is_not_the_total():
    """"Four other nurses were hurt" counts others than some already told of, not the injured."""
    assert not _accounts("Four other nurses were hurt when the ward ceiling fell, the hospital said.",
                         "Thirty people were hurt when the ward ceiling fell, the hospital said.")
    assert _accounts("Four nurses were hurt when the ward ceiling fell, the hospital said.",
                     "Thirty nurses were hurt when the ward ceiling fell, the hospital said.")


def test_a_part_of_the_dead_is_not_the_toll_and_an_identified_count_is_another_role():
    """"19 of the dead had been named" and "22 bodies were identified" are not the toll nor the
    bodies found; the toll and the bodies recovered are still compared."""
    read = _read("By Friday 19 of the dead had been identified and 22 bodies were identified at the morgue.")
    assert read["19"][0] == "identified" and read["22 bodies"][0] == "identified"
    assert not _accounts("By Friday 22 bodies were identified at the morgue.",
                         "Rescuers have recovered 57 bodies from the valley.")
    assert not _accounts("By Friday, 19 of the dead had been named by police.",
                         "The death toll from the flood rose to 57 on Friday.")
    assert _accounts("By Friday 22 bodies were recovered from the mud.",
                     "Rescuers have recovered 57 bodies from the mud.")


def test_a_sum_of_money_is_not_a_count_of_people():
    """"$20,000 for the injured" is money, not the number injured."""
    assert not _accounts("The governor promised $20,000 for each family and $5,000 for minor injuries.",
                         "At least 40 people died and 310 were injured in the fire.")
    assert not [q for q in find_quantities("The state pays ₹75,000 for serious injuries.") if q.role]
    assert [q for q in find_quantities("The state pays 75 people with serious injuries.") if q.role]


def test_a_toll_of_another_dated_event_is_background():
    """The dead of an earlier, dated event told in a relative clause, a "when" clause or a sentence
    that opens on another event are not this event's toll; this event's toll still is."""
    base = "The storm killed 41 people across the region on Tuesday, officials said."
    for background in (
        "It was the worst since the 2009 Delta River flood that killed 212 people.",
        "It was the deadliest storm since 2009, when the river burst its banks and killed 212 people.",
        "It surpassed a cyclone that killed 212 people in 1998.",
        "Another storm on the coast in June last year killed 212 people and injured 90.",
    ):
        assert not _accounts(base, "Officials reported the storm on Tuesday. " + background), background
    assert _accounts(base, "The storm killed 212 people across the region on Tuesday, officials said.")


def test_a_figure_the_account_once_had_is_not_its_current_one():
    """"The list of the missing once topped 900" is an earlier figure, not the missing now."""
    assert not _accounts("Officials said the list of missing people once topped 900.",
                         "Officials said 310 people are still missing.")
    assert _accounts("Officials said the list of missing people now tops 900.",
                     "Officials said 310 people are still missing.")


def test_a_count_found_at_a_named_place_is_scoped_to_it():
    """"14 bodies were recovered from the Tarn river" is that river's count, not all bodies; a
    place named only after a later clause does not scope the count."""
    assert not _accounts("He said 14 bodies were recovered from the Tarn river on Monday.",
                         "More than 80 bodies have been recovered so far.")
    assert _accounts("He said 14 bodies were recovered on Monday after divers searched the Tarn river.",
                     "More than 80 bodies have been recovered so far.")


def test_a_vague_amount_is_loose_at_its_top():
    """"Dozens of survivors" holds 130 survivors; "dozens injured" against "more than 400 injured"
    still conflicts."""
    assert not _accounts("Fishing boats picked up dozens of survivors from the water.",
                         "The coastguard said 130 people survived the sinking.")
    assert _accounts("The police fired on the crowd, leaving dozens injured.",
                     "The police fired on the crowd; more than 400 were injured.")


def test_a_group_with_a_modifier_is_part_of_the_group():
    """"9 Chilean hostages" is part of the hostages freed, not their number; the same group is compared."""
    assert not _accounts("So far the rebels have freed 9 Chilean hostages.",
                         "The rebels freed 20 hostages on Friday.")
    assert _accounts("So far the rebels have freed 9 hostages.",
                     "The rebels freed 20 hostages on Friday.")


def test_a_count_of_those_on_board_is_not_the_whole_toll():
    """"killing four aboard and one on the road" counts those on board; the toll is not four."""
    assert not _accounts("The bus hit a lorry on Monday, killing four aboard and the lorry driver, officials said.",
                         "Five people were killed when the bus hit a lorry on Monday, officials said.")
    assert _accounts("The bus hit a lorry on Monday, killing four people, officials said.",
                     "Five people were killed when the bus hit a lorry on Monday, officials said.")


def test_basis_points_and_percentage_points_are_one_unit():
    from compare.facts.numbers import compare_pair

    [bp] = [q for q in find_quantities("The bank raised its main rate by 25 basis points on Thursday.") if q.dimension]
    [pp] = [q for q in find_quantities("The bank raised its main rate by 0.25 percentage points on Thursday.")
            if q.dimension]
    [half] = [q for q in find_quantities("The bank raised its main rate by 0.5 percentage points on Thursday.")
              if q.dimension]
    assert bp.dimension == pp.dimension == "rate change"
    assert compare_pair(bp, pp, close=True) is None  # 25 bp is 0.25 points
    assert compare_pair(bp, half, close=True) is not None  # 25 bp is not half a point
