"""Issue 10, round seven: counts of different things compared as one (count precision).

Each test is one general cause of a false alarm read on real news (a subgroup or a partitive taken for the
total, a role word nearer the number than the toll, a site against a whole state, another event's toll in a
background sentence, a part of a crew, a body's size against the members who acted, an extreme against a
measure at one moment, a gap between two moments against a length).  Every sentence here is written for
this file (no third-party text); each negative case has a twin whose real difference is still found."""

from __future__ import annotations

from facts_support import event_of, make_document

from compare.facts import find_discrepancies
from compare.facts.eventslots import slot_key
from compare.facts.numbers import compare_pair, find_quantities
from compare.facts.slots import role_of


def _findings(*texts: str, aligned: bool = False, dates: tuple[str, ...] = ()) -> list:
    """Number findings between accounts Alpha, Beta (, Gamma) of the texts; with ``aligned`` their first
    sentences are one claim, else every finding comes from the event-level slots."""
    names = ["Alpha", "Beta", "Gamma"]
    dates = dates or ("2024-05-08",) * len(texts)
    docs = [make_document(f"{name.lower()}.txt", text, outlet=name, date=day, title=False)
            for name, text, day in zip(names, texts, dates, strict=False)]
    groups = [[(i, text.split(".")[0][:30]) for i, text in enumerate(texts)]] if aligned else []
    event, stories, documents = event_of(docs, groups)
    return [d for d in find_discrepancies(event, stories, documents) if d.type == "number" and d.severity != "info"]


def _one(text: str, value: float):
    return next(q for q in find_quantities(text) if abs(q.value - value) <= 1e-9 * max(1.0, value))


TOLL = "Nine people died in the flood, officials said."


# --------------------------------------------------------------------------- a role word nearer the number


def test_people_sent_to_hospital_are_not_the_toll():
    sent = "The county coroner, who keeps the official death toll, also said 14 people had been sent to hospitals."
    assert _one(sent, 14).role == "hospitalised"
    assert not _findings(sent, TOLL)
    # twin: the same speaker giving a number of dead is the toll
    assert _findings("The county coroner, who keeps the official death toll, also said 14 people had died.", TOLL)


def test_a_role_word_before_a_verb_of_saying_is_the_speakers():
    text = "The agency, which publishes the death toll, said 30 people were evacuated."
    q = _one(text, 30)
    assert q.role == "displaced"
    # twin: with no verb of saying between them, the toll right before the number still gives its role
    text = "The death toll, 30 people, was published by the agency."
    q = _one(text, 30)
    assert role_of(text, q.start, q.end, 0, len(text)) == "killed"


def test_people_rushed_to_hospital_are_hospitalised():
    assert _one("Twenty people were rushed to hospital after the leak.", 20).role == "hospitalised"
    assert _one("Twenty people were killed after the leak.", 20).role == "killed"


# --------------------------------------------------------------------------- scope: a site against the whole toll


STATE_TOLL = "The state's death toll from the storms rose to 52, the governor said on Monday."


def test_the_dead_at_one_site_are_not_the_states_toll():
    site = "Only six people were killed at the warehouse, the governor said."
    assert _one(site, 6).scope == "the warehouse"
    assert not _findings(site, STATE_TOLL)
    # twin: six killed in the storms is the whole toll, and it conflicts
    assert _findings("Only six people were killed in the storms, the governor said.", STATE_TOLL)


def test_more_of_a_group_stay_that_group():
    workers = "Six workers died at the depot and six more are still missing."
    q = [q for q in find_quantities(workers) if q.role == "missing"][0]
    assert slot_key(q) == ("missing", "worker", "")
    wide = "More than 90 people are still unaccounted for, the governor said."
    assert not [d for d in _findings(workers, wide) if d.details.get("role") == "missing"]
    # twin: "six more" after a count of people are people, and they conflict with 90
    assert [d for d in _findings("Six people died and six more are still missing.", wide)
            if d.details.get("role") == "missing"]


# --------------------------------------------------------------------------- subgroups of the dead


def test_people_the_dead_included_are_no_toll():
    part = "The dead included a nine-year-old boy and three people from one family."
    assert _one(part, 3).partial
    assert not _findings(part, "At least 12 people were killed in the crash.")
    # twin: three killed is a toll
    assert _findings("Three people were killed in the crash.", "At least 12 people were killed in the crash.")
    # twin: a people group the dead included keeps its own slot ("include 28 adults")
    assert slot_key(_one("The dead include 28 adults and 15 children.", 28)) == ("killed", "adult", "")


def test_elderly_people_are_a_group_of_their_own():
    assert not _findings("Two elderly people died in the fire.", "Eleven people died in the fire.")
    assert _findings("Two people died in the fire.", "Eleven people died in the fire.")


def test_some_of_the_people_on_board_are_a_part():
    part = "A diver who knew two of the men on board said the hull had been found."
    assert _one(part, 2).partial
    assert not _findings(part, "All five people on board died when the hull failed.")
    # twin: "all five of the men" is everyone
    assert not _one("All five of the men on board died.", 5).partial
    assert _findings("A diver said two people were on board.", "All five people on board died when the hull failed.")


# --------------------------------------------------------------------------- a crew told in parts


def test_a_group_named_with_one_person_is_a_part():
    assert not _findings("The pilot and four passengers aboard the glider were killed.",
                         "Five passengers aboard the glider were killed.")
    assert _one("Four passengers and their guide were aboard the raft.", 4).partial
    # twin: four passengers alone against five conflict
    assert _findings("Four passengers aboard the glider were killed.", "Five passengers aboard the glider were killed.")
    # twin: "passengers and crew" is everyone on board, not a part
    assert not _one("The ferry carried 120 passengers and crew.", 120).partial


# --------------------------------------------------------------------------- another event in the background


def test_the_toll_of_an_event_brought_in_for_comparison_is_background():
    recalled = "The blast comes months after a fire at a chemical depot in the same port that killed 46 people."
    assert not _findings(recalled, "Seven people were killed in the blast, officials said.")
    assert not _findings("It was the deadliest since a quake that killed 900 people.",
                         "Seven people were killed in the blast, officials said.")
    # twin: the event's own toll told with a relative clause still conflicts
    assert _findings("The blast at a chemical depot in the port killed 46 people.",
                     "Seven people were killed in the blast, officials said.")


# --------------------------------------------------------------------------- members and the size of a body


def test_the_size_of_a_body_is_not_the_members_who_acted():
    size = "Under the charter, the 250-member assembly can overturn the decree."
    assert slot_key(_one(size, 250)) is None
    assert not _findings("The assembly's 151 members voted to overturn the decree.", size)
    # twin: two counts of the members who acted conflict
    assert _findings("The assembly's 151 members voted to overturn the decree.",
                     "In the end 162 members voted to overturn the decree.")


# --------------------------------------------------------------------------- extremes and moments


def test_a_maximum_is_not_a_measure_at_one_moment():
    at = "The jet was at an altitude of 12,000 feet when the window cracked, flight data showed."
    peak = "The jet reached a maximum altitude of 12,450 feet when the window cracked, flight data showed."
    assert _one(peak, 12450).extreme == "maximum" and _one(at, 12000).extreme is None
    assert not _findings(at, peak, aligned=True)
    assert _one("Winds peaked at 150 mph.", 150).extreme == "maximum"
    # twin: two altitudes at the same moment conflict
    assert _findings(at, "The jet was at an altitude of 12,450 feet when the window cracked, flight data showed.",
                     aligned=True)


def test_a_gap_between_two_moments_is_not_a_length():
    gap = _one("The mayor came out about 40 minutes after the bells rang out over the square.", 40)
    length = _one("After a wait of barely 12 hours, the bells rang out over the square.", 12)
    assert gap.activity == "after bell" and slot_key(gap) is None
    assert compare_pair(gap, length, close=False) is None
    assert not _findings("The mayor came out about 40 minutes after the bells rang out over the square.",
                         "After a wait of barely 12 hours, the bells rang out over the square.", aligned=True)
    # twin: two gaps are compared, after the same moment or told back from the present
    other = _one("The mayor came out about 90 minutes after the bells rang out over the square.", 90)
    assert compare_pair(gap, other, close=True) is not None
    before = _one("The hall had reopened only five days before the fire.", 5)
    back = _one("The hall, which was reopened just four days back, burned on Sunday.", 4)
    assert before.activity == "before fire" and back.activity == "back"
    assert compare_pair(before, back, close=False) is not None
