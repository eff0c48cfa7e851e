"""Issue 10, round five: causes of false alarms and misses read on unseen news, each fixed in
general form.  Every sentence here is written for this file (no third-party text); each positive
test has a negative twin, and narrow rules get a twin from another kind of event."""

from __future__ import annotations

from facts_support import event_of, make_document

from compare.facts import find_discrepancies
from compare.facts.eventslots import slot_key
from compare.facts.numbers import find_quantities


def _findings(*texts: str, date: str = "2024-05-08", aligned: bool = False, kind: str = "number"):
    docs = [make_document(f"{name.lower()}.txt", text, outlet=name, date=date, title=False)
            for name, text in zip(["Alpha", "Beta", "Gamma"], texts, strict=False)]
    groups = [[(i, text.split(".")[0][:30]) for i, text in enumerate(texts)]] if aligned else []
    event, stories, documents = event_of(docs, groups)
    return [d for d in find_discrepancies(event, stories, documents) if d.type == kind]


def _one(text: str, value: float):
    return next(q for q in find_quantities(text) if q.value == value)


# --------------------------------------------------------------------------- a qualifier shared by a list


def test_a_lower_bound_before_a_list_may_cover_its_second_count():
    q = _one("At least 14 people were killed and 9 missing after the barge sank.", 9)
    assert q.shared_qualifier == "atleast"
    # "at least 9 missing" holds 11: no conflict
    assert not _findings("At least 14 people were killed and 9 missing after the barge sank on the lake.",
                         "Rescuers said 11 people were missing after the barge sank on the lake.")


def test_a_spread_lower_bound_far_below_the_other_value_is_still_worth_a_warning():
    found = _findings("At least 14 people were killed and 90 injured after the barge sank on the lake.",
                      "Officials said more than 400 people were injured after the barge sank on the lake.")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "may cover" in found[0].details["grade_reason"]


def test_a_count_with_its_own_value_and_no_list_before_it_still_conflicts():
    found = _findings("Officials said 9 people were missing after the barge sank on the lake.",
                      "Rescuers said 11 people were missing after the barge sank on the lake.")
    assert len(found) == 1 and found[0].severity == "error"
    # a list whose first count is exact spreads nothing
    assert _one("Fourteen people were killed and 9 missing after the barge sank.", 9).shared_qualifier is None


# --------------------------------------------------------------------------- shares of a split whole


def test_shares_of_two_candidates_are_never_compared_with_each_other():
    found = _findings(
        "Ortega won 55.2 percent of the vote to Lindqvist's 44.8 percent, the commission said.",
        "Ortega took 55.2 percent of the ballots while his rival Maren Lindqvist received 44.8 percent.",
        "Ortega secured 55.1 per cent, while challenger Maren Lindqvist, the mayor of the capital, got 44.9 per cent.",
        aligned=True)
    assert not [d for d in found if d.severity == "error"]
    shares = {q.value: q.holder for q in find_quantities(
        "Ortega won 55.2 percent of the vote to Lindqvist's 44.8 percent, the commission said.")}
    assert shares == {55.2: "ortega", 44.8: "lindqvist"}


def test_one_holders_share_given_two_ways_still_differs():
    # economics twin: one index's share stated differently, with one holder per sentence
    found = _findings("Halvorsen Bank's share of the market fell to 31 percent, Kestrel's to 22 percent.",
                      "Halvorsen Bank's share of the market fell to 38 percent, Kestrel's to 22 percent.",
                      aligned=True)
    assert any(set(d.details["numbers"].values()) == {31.0, 38.0} for d in found)


# --------------------------------------------------------------------------- a group a sentence says more of


def test_a_group_killed_is_no_count_of_the_group_on_board():
    q = _one("Three passengers on the bus and the lorry driver were killed.", 3)
    assert q.ambiguous and slot_key(q) is None
    assert not _findings("Three passengers on the bus and the lorry driver were killed.",
                         "The bus with 48 passengers on board hit the lorry near the bridge.")


def test_a_plain_count_of_passengers_still_conflicts():
    found = _findings("The bus carried 48 passengers when it hit the lorry near the bridge.",
                      "The bus with 52 passengers hit the lorry near the bridge, police said.")
    assert len(found) == 1


def test_members_who_preferred_another_option_are_not_the_committee():
    q = _one("Three members preferred to leave the rate unchanged.", 3)
    assert q.ambiguous and slot_key(q) is None
    assert not _findings("Five members of the board voted to raise the rate to 4 percent.",
                         "Three members preferred to leave the rate unchanged.")
    # a court twin: justices who dissented are not the bench
    assert _one("Two judges dissented from the ruling.", 2).ambiguous


# --------------------------------------------------------------------------- terms, spans, earlier counts


def test_a_prison_sentence_is_not_the_time_served():
    assert slot_key(_one("The smuggler's 20-year prison sentence was cut by the governor.", 20)) == ("duration", "sentenc", "")
    assert slot_key(_one("The judge sentenced him to 20 years.", 20)) == ("duration", "sentenc", "")
    assert not _findings("The smuggler, held in a federal prison for 9 years, was freed on Friday.",
                         "The smuggler's 20-year prison sentence was cut by the governor before he was freed.")
    # two accounts of the sentence itself still disagree
    assert _findings("The smuggler's 20-year prison sentence was cut by the governor on Friday.",
                     "The smuggler's 25-year prison sentence was cut by the governor on Friday.")


def test_a_count_over_several_days_is_not_one_days_figure():
    q = _one("The deal provides the release of 60 hostages over the five-day period.", 60)
    assert q.scope == "over a period"
    assert not _findings("Guards released 18 hostages on Monday, the first day of the pause.",
                         "In all, 60 hostages were released over the five-day pause, the ministry said.")
    # two figures for the first day still disagree
    assert _findings("Guards released 18 hostages on Monday, the first day of the pause.",
                     "Guards freed 25 hostages on Monday, the first day of the pause.")


def test_a_planned_figure_is_not_stated():
    assert not _findings("Guards released 18 hostages on Monday, the first day of the pause.",
                         "The agreement outlines the release of 60 hostages.")


def test_the_last_few_of_a_group_are_a_part_of_it():
    assert _one("The bodies of the last three missing divers were found on Sunday.", 3).partial
    assert not _findings("The bodies of the last three missing divers were found on Sunday.",
                         "About 40 divers were still missing on Friday evening.")
    assert not _one("Three divers were still missing on Sunday.", 3).partial


def test_a_toll_of_another_crash_told_in_passing_is_background():
    assert not _findings(
        "The collision killed four people and injured 30 near the depot.",
        "It was the second crash in a week, with another freight train killing two and injuring five others near the coast.")
    # the event's own train
    assert _findings("The collision killed four people near the depot, officials said.",
                     "The express train hit a stalled lorry, killing seven people near the depot.")


def test_shares_told_with_part_of_the_ballots_counted_are_provisional():
    q = _one("With 90 percent of the ballots counted, Ortega had 55.6 percent of the vote.", 55.6)
    assert q.partial
    assert not _findings("With 90 percent of the ballots counted, Ortega had 55.6 percent of the vote.",
                         "The commission said Ortega won 55.2 percent of the vote in the final count.", aligned=True)
    # final figures stated two ways still differ
    assert _findings("The commission said Ortega won 55.6 percent of the vote in the final count.",
                     "The commission said Ortega won 51.2 percent of the vote in the final count.", aligned=True)


def test_a_share_of_an_activity_has_no_holder():
    shares = {q.value: q for q in find_quantities("Ortega won 55.2 percent of the vote, and turnout was 61.4 percent.")}
    assert shares[55.2].holder == "ortega" and shares[61.4].holder is None
    assert slot_key(shares[61.4])[:2] == ("share", "turnout")


def test_the_first_few_released_are_a_part_of_the_released():
    assert _one("On Friday the first 9 hostages were released at the border.", 9).partial
    assert not _findings("On Friday the first 9 hostages were released at the border.",
                         "Militants released 20 hostages on Friday at the border crossing.")
