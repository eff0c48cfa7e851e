"""Circumstances of an event compared across accounts (compare/facts/circumstances.py): cause, status of
an operation, level on a scale, who the victims were, a person's condition, part of the day, named
waters.  Every sentence here is written for these tests; each rule has a negative twin."""

from __future__ import annotations

from facts_support import unaligned_findings

DAY = "2031-03-04"


def _found(detail: str, a: str, b: str, dates: tuple[str | None, str | None] = (DAY, DAY)) -> list:
    return unaligned_findings((a, b), dates, detail)


# --------------------------------------------------------------------------- cause


def test_two_causes_stated_as_fact_are_an_error() -> None:
    found = _found("cause",
                   "Fire officials said a faulty space heater sparked the blaze in the fourth-floor flat.",
                   "The blaze was caused by a cooking stove left on in the kitchen, the fire chief said.")
    assert len(found) == 1
    d = found[0]
    assert d.severity == "error" and d.type == "entity"
    assert set(d.details["values"].values()) == {"space heater", "cooking stove"}
    assert d.details["grade_basis"] == "event" and "fact" in d.details["grade_reason"]


def test_a_suspected_cause_is_a_warning() -> None:
    found = _found("cause",
                   "Investigators suspect a space heater sparked the blaze in the fourth-floor flat.",
                   "The blaze was caused by a cooking stove left on in the kitchen, the fire chief said.")
    assert [d.severity for d in found] == ["warning"]
    assert "suspected" in found[0].details["grade_reason"]


def test_one_cause_named_two_ways_is_no_conflict() -> None:
    """Negative twin: "a heater" and "an electric space heater"; a heater and an electrical fault."""
    assert not _found("cause",
                      "Officials said a heater caused the fire in the flat on the third floor.",
                      "The fire was started by an electric space heater in a bedroom, officials said.")
    assert not _found("cause",
                      "Officials said a heater caused the fire in the flat on the third floor.",
                      "The fire was caused by an electrical fault, officials said.")


def test_a_denied_cause_is_no_cause() -> None:
    assert not _found("cause",
                      "The outage was caused by a faulty software update, the company said.",
                      "The outage was not caused by a cyberattack, the company said.")


def test_a_cause_of_another_thing_is_no_cause_of_the_event() -> None:
    """Negative twin: the fire is what caused something, not what a heater caused."""
    assert not _found("cause",
                      "A space heater sparked the fire that gutted the building.",
                      "The fire caused a gas leak that forced an evacuation of the block.")


# --------------------------------------------------------------------------- status of an operation


def test_search_halted_vs_not_halted() -> None:
    found = _found("operation",
                   "Rescuers halted the search for the missing hikers after the slope gave way again.",
                   '"The search was not halted at any point," a police spokesman said.')
    assert [d.severity for d in found] == ["warning"]
    assert "changes over time" in found[0].details["grade_reason"]


def test_a_pause_overnight_is_no_stop() -> None:
    """Negative twin: suspended overnight and continuing are one story."""
    assert not _found("operation",
                      "The search was suspended overnight because of the rain.",
                      "The search for the missing hikers continued on Tuesday.")


def test_status_from_accounts_days_apart_is_not_compared() -> None:
    assert not _found("operation",
                      "Rescuers halted the search for the missing hikers after the slope gave way again.",
                      "The search for the missing hikers continued on Tuesday.",
                      ("2031-03-04", "2031-03-09"))


# --------------------------------------------------------------------------- levels


def test_second_highest_vs_third_highest_alert() -> None:
    found = _found("level",
                   "The agency raised the volcano's alert to the second-highest level on Sunday.",
                   "The volcano stayed at the third-highest of four alert levels, the agency said.")
    assert [d.severity for d in found] == ["warning"]
    assert found[0].type == "number"


def test_the_same_level_written_two_ways_agrees() -> None:
    """Negative twin: "third highest alert level" and "the third-highest of four alert levels"."""
    assert not _found("level",
                      "The volcano is at the third highest alert level.",
                      "The volcano stayed at the third-highest of four alert levels, the agency said.")


def test_storm_category_numbers() -> None:
    assert _found("level", "The storm made landfall as a Category 4 hurricane near the port.",
                  "The Category 2 hurricane made landfall near the port.")
    assert not _found("level", "The storm made landfall as a Category 4 hurricane near the port.",
                      "The Category 4 hurricane made landfall near the port on Friday.")


def test_a_numbered_level_of_a_building_is_no_scale() -> None:
    assert not _found("level", "The fire started on level 3 of the car park.",
                      "The fire started on level 2 of the car park, witnesses said.")


# --------------------------------------------------------------------------- who the victims were


def test_all_adult_men_vs_including_minors() -> None:
    found = _found("victims",
                   "The survivors were all adult men from three countries.",
                   "Coast guards rescued 61 passengers, including five minors.")
    assert [d.severity for d in found] == ["warning"]
    values = set(found[0].details["values"].values())
    assert any("adult men" in v for v in values) and any("five minors" in v for v in values)


def test_two_inclusions_never_conflict() -> None:
    """Negative twin: "including women" and "including children" may both hold."""
    assert not _found("victims",
                      "The dead included several women, officials said.",
                      "The dead included four children, officials said.")


def test_all_adults_of_another_group_is_no_conflict() -> None:
    """Negative twin: the dead were all adults; the survivors included minors."""
    assert not _found("victims",
                      "The dead were all adult men, the ministry said.",
                      "Coast guards rescued 61 passengers, including five minors.")


# --------------------------------------------------------------------------- a person's condition


def test_sole_survivor_minor_vs_serious_injuries() -> None:
    found = _found("condition",
                   "The sole survivor, a ten-year-old boy, was flown to hospital with serious injuries.",
                   "The boy who survived was named by relatives. He was treated for minor injuries and released.")
    assert [d.severity for d in found] == ["warning"]


def test_critical_and_serious_agree() -> None:
    """Negative twin: critical and serious injuries are one grade of harm."""
    assert not _found("condition",
                      "The sole survivor, a ten-year-old boy, was flown to hospital with serious injuries.",
                      "The only survivor was in critical condition on Monday.")


def test_condition_of_people_in_general_is_no_slot() -> None:
    """Negative twin: "some passengers had minor injuries" and "three were seriously injured" may both hold."""
    assert not _found("condition",
                      "Several passengers suffered minor injuries in the crash.",
                      "Three passengers were seriously injured in the crash.")


# --------------------------------------------------------------------------- part of the day


def test_afternoon_vs_evening() -> None:
    found = _found("daypart",
                   "The blast on Thursday afternoon shattered windows across the harbour.",
                   "The blast on Thursday evening shattered windows across the harbour district.")
    assert [d.severity for d in found] == ["warning"]
    assert found[0].type == "date"


def test_morning_and_early_hours_agree() -> None:
    """Negative twin: "in the early hours" and "on Thursday morning"; "late afternoon" and "early evening"."""
    assert not _found("daypart",
                      "The quake struck in the early hours of Thursday, waking residents.",
                      "The quake struck on Thursday morning, residents said.")
    assert not _found("daypart",
                      "The blast on Thursday late afternoon shattered windows.",
                      "The blast in the early evening shattered windows across the harbour.")


def test_part_of_day_of_another_action_is_no_slot() -> None:
    """Negative twin: an announcement made in the evening is no time of the blast."""
    assert not _found("daypart",
                      "The blast on Thursday afternoon shattered windows across the harbour.",
                      "Officials said on Thursday evening that the toll had risen to nine.")


# --------------------------------------------------------------------------- named waters


def test_aegean_vs_ionian() -> None:
    found = _found("water",
                   "The trawler sank in the Ionian Sea about 40 miles off the coast.",
                   "The overloaded trawler sank in the Aegean Sea, officials said.")
    assert [d.severity for d in found] == ["warning"]
    assert set(found[0].details["values"].values()) == {"Ionian Sea", "Aegean Sea"}


def test_a_sea_and_the_sea_it_is_part_of_agree() -> None:
    """Negative twin: the Ionian lies in the Mediterranean; "the Black Sea coast" is a place on land."""
    assert not _found("water",
                      "The trawler sank in the Ionian Sea about 40 miles off the coast.",
                      "The trawler capsized in the Mediterranean, officials said.")
    assert not _found("water",
                      "The trawler sank in the Ionian Sea about 40 miles off the coast.",
                      "The ferry company, based on the Black Sea coast, said it sank quickly.")


def test_a_level_reached_later_is_no_conflict() -> None:
    """Negative twin: landfall as a Category 4 and "weakened to a Category 2" are two moments; a level
    raised by one account against one held "since 2019" by another is a conflict."""
    assert not _found("level", "The storm made landfall as a Category 4 hurricane near the port.",
                      "Crossing the hills weakened the storm to a Category 2 hurricane by nightfall.")
    assert _found("level", "Officials raised the alert to the second-highest level on Sunday.",
                  "The volcano has remained at the third-highest alert level since 2019.")


def test_a_part_of_day_before_the_event_is_no_slot() -> None:
    """Negative twin: "prior to the crash on Monday morning, the airport had said ..." times the saying."""
    assert not _found("daypart",
                      "Prior to the crash on Monday morning the airport had said the runway was clear.",
                      "The jet crashed on Monday afternoon while landing in strong wind.")


def test_an_explicit_denial_is_shown_for_the_status() -> None:
    found = _found("operation",
                   "Rescuers halted the search for the missing hikers after the slope gave way again.",
                   'The search for the hikers continued on Monday. "The search was not halted," a spokesman said.')
    assert len(found) == 1
    assert "not halted" in found[0].details["values"]["Beta"]


def test_an_inclusion_far_from_its_group_is_another_group() -> None:
    """Negative twin: "hopes of survivors faded as fears grew that hundreds more, including children, drowned"
    speaks of the drowned, not of the survivors."""
    assert not _found("victims",
                      "The survivors were all adult men from three countries.",
                      "Hopes of survivors faded and fears grew that hundreds more, including children, had drowned.")


def test_two_operations_are_two_slots() -> None:
    """Negative twin: the evacuation goes on while the search is suspended."""
    assert not _found("operation",
                      "The search for survivors was called off on Monday.",
                      "Evacuations continued across the valley on Monday.")


def test_a_category_of_something_else_is_no_storm_category() -> None:
    assert not _found("level", "Hospitals declared a Category 2 incident after the collapse.",
                      "The collapse was declared a Category 1 incident by the city.")


def test_a_marginal_sea_and_its_ocean_agree() -> None:
    """Negative twin: a hurricane that struck in the Caribbean struck in the Atlantic too."""
    assert not _found("water", "The ship sank in the Caribbean Sea south of the island.",
                      "The ship sank in the Atlantic, the coast guard said.")
    assert _found("water", "The ship sank in the Caribbean Sea south of the island.",
                  "The ship sank in the Pacific, the coast guard said.")


def test_calm_vs_rough_sea_where_the_ferry_capsized() -> None:
    found = _found("seastate", "The ferry capsized in rough waters off the island on Friday.",
                   "The ferry overturned in relatively calm waters a mile off the island.")
    assert [d.severity for d in found] == ["warning"]


def test_the_sea_during_the_search_is_no_slot() -> None:
    """Negative twin: rough seas that hampered the search are the sea at another time."""
    assert not _found("seastate", "The ferry overturned in calm waters a mile off the island.",
                      "Rough seas hampered the search for the missing on Saturday.")


def test_a_cause_said_not_to_fit_is_no_cause() -> None:
    """Negative twin: "it doesn't sound like a fire caused by a candle" names no cause."""
    assert not _found("cause",
                      "Fire officials said a faulty space heater sparked the blaze in the fourth-floor flat.",
                      "The damage doesn't sound like a fire caused by a candle, a neighbour said.")


def test_a_time_word_describing_a_thing_is_no_time() -> None:
    """Negative twins: "a late-night talk show"; "Mediterranean shipping lanes"; officers who "arrived" in the
    afternoon."""
    assert not _found("daypart",
                      "The blast on Thursday morning shattered windows across the harbour.",
                      "The blast was a departure from the late-night talk shows, he said.")
    assert not _found("daypart",
                      "The blast on Thursday morning shattered windows across the harbour.",
                      "On Thursday afternoon, officers from the forensic unit arrived at the scene.")
    assert not _found("water", "The trawler sank in the Ionian Sea about 40 miles off the coast.",
                      "The trawler sank in the Aegean shipping lanes, officials said.")
