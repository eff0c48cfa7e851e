"""Two events of one kind at one place are never grouped as one (docs/matching.md, "Events weeks apart").

Stories of our own writing: two earthquakes on one island three years apart, told in much the same words
by the same kind of agency copy (their tolls, magnitudes and days would otherwise become "conflicts"), and
their negative twins: one earthquake reported on two days, and a retrospective that names its day.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from test_match import make_story

from compare.config import MatchParams
from compare.match import group_events
from compare.match.verify import APART_SCORE, combine
from compare.model import Event


def _quake(sid: str, date: str | None, magnitude: str, killed: str, villages: str, weekday: str,
           extra: list[str] | None = None) -> object:
    return make_story(sid, [
        f"A strong earthquake of magnitude {magnitude} struck the island of Varsken off the southern coast on {weekday}, "
        f"killing {killed} people and damaging homes in {villages} villages, officials said.",
        "The quake was centred near the town of Dolmar, home to about 40,000 people, the national seismology centre said.",
        "Rescue teams from the provincial capital Harlow reached the island by ferry and began searching collapsed houses.",
        "Governor Ansel Moravec told state radio that tents, blankets and drinking water were being sent to the villages.",
        "The island sits on a major fault line and is shaken by small tremors every year, seismologists said.",
        f"Dozens of people were treated in the hospital of Dolmar for injuries, and {villages} schools were closed.",
        *(extra or []),
    ], date)


def _events_of(events: list[Event]) -> list[list[str]]:
    return sorted(sorted(e.stories) for e in events)


def _two_quakes(first: tuple[str, str], second: tuple[str, str]) -> list:
    return [
        _quake("quake-a1", first[0], "5.9", "ten", "seven", "Sunday"),
        _quake("quake-a2", first[1], "6.1", "ten", "seven", "Sunday",
               ["Aftershocks were felt across the strait on Monday, and ferries were halted for several hours."]),
        _quake("quake-b1", second[0], "5.6", "two", "three", "Wednesday"),
        _quake("quake-b2", second[1], "5.5", "two", "three", "Wednesday",
               ["Officials said the damage was light and schools would reopen within days."]),
    ]


def test_two_quakes_in_one_place_years_apart_are_two_events() -> None:
    stories = _two_quakes(("2005-11-27", "2005-11-28"), ("2008-09-10", "2008-09-11"))
    events = group_events(stories, MatchParams())
    assert _events_of(events) == [["quake-a1", "quake-a2"], ["quake-b1", "quake-b2"]]
    # what the rule does: without it the shared wording ties the two earthquakes into one event
    off = group_events(stories, dataclasses.replace(MatchParams(), date_apart_days=0))
    assert _events_of(off) == [["quake-a1", "quake-a2", "quake-b1", "quake-b2"]]


def test_one_quake_reported_on_two_days_is_one_event() -> None:
    # negative twin: the same wording, all four published within three days: one event
    stories = _two_quakes(("2005-11-27", "2005-11-28"), ("2005-11-28", "2005-11-29"))
    events = group_events(stories, MatchParams())
    assert _events_of(events) == [["quake-a1", "quake-a2", "quake-b1", "quake-b2"]]


def test_a_follow_up_within_weeks_is_not_cut_off() -> None:
    # published 12 days after the others (within the 30 days): the existing date penalty weighs it, no veto
    stories = _two_quakes(("2005-11-27", "2005-11-28"), ("2005-11-28", "2005-11-29"))
    stories[3].date = "2005-12-10"
    scores = group_events(stories, MatchParams())
    apart = group_events(stories, dataclasses.replace(MatchParams(), date_apart_days=0))
    assert _events_of(scores) == _events_of(apart)


def test_retrospective_naming_its_day_stays_with_its_event() -> None:
    # published 20 days later (weeks after the quake) but its lead states the day: the stated day counts
    stories = _two_quakes(("2005-11-27", "2005-11-28"), ("2005-11-28", "2005-11-29"))[:2]
    stories.append(make_story("quake-retro", [
        "On November 27, 2005, a strong earthquake of magnitude 6.0 struck the island of Varsken, killing ten people.",
        "The quake was centred near the town of Dolmar, home to about 40,000 people, the national seismology centre said.",
        "Rescue teams from the provincial capital Harlow reached the island by ferry and began searching collapsed houses.",
        "Governor Ansel Moravec said this week that all the tents would be replaced by prefabricated homes by spring.",
    ], "2005-12-17"))
    events = group_events(stories, MatchParams())
    assert _events_of(events) == [["quake-a1", "quake-a2", "quake-retro"]]


def test_undated_accounts_are_left_to_their_text() -> None:
    # where a date is missing the rule says nothing: the same four texts undated group as their text says
    stories = _two_quakes((None, None), (None, None))  # type: ignore[arg-type]
    half = _two_quakes(("2005-11-27", None), (None, "2008-09-11"))  # type: ignore[arg-type]
    assert _events_of(group_events(stories, MatchParams())) == _events_of(
        group_events(stories, dataclasses.replace(MatchParams(), date_apart_days=0)))
    assert _events_of(group_events(half, MatchParams())) == _events_of(
        group_events(half, dataclasses.replace(MatchParams(), date_apart_days=0)))


def test_combine_zeroes_pairs_apart_only() -> None:
    cosine = np.array([0.9, 0.9, 0.9])
    evidence = np.array([2.0, 2.0, 2.0])
    far = np.array([True, True, False])
    apart = np.array([True, False, False])
    plain = combine(cosine, evidence, far, date_penalty=3.0)
    got = combine(cosine, evidence, far, date_penalty=3.0, apart=apart)
    assert got[0] == APART_SCORE
    assert got[1] == plain[1] and got[2] == plain[2]


def _bridge(sid: str) -> object:
    # an undated round-up that tells both earthquakes: it shares text with each
    return make_story(sid, [
        "A strong earthquake of magnitude 5.6 struck the island of Varsken off the southern coast on Wednesday, "
        "killing two people and damaging homes in three villages, officials said.",
        "The quake was centred near the town of Dolmar, home to about 40,000 people, the national seismology centre said.",
        "Three years ago a strong earthquake of magnitude 5.9 struck the island of Varsken on Sunday, killing ten people "
        "and damaging homes in seven villages.",
        "Rescue teams from the provincial capital Harlow reached the island by ferry and began searching collapsed houses.",
        "Governor Ansel Moravec told state radio that tents, blankets and drinking water were being sent to the villages.",
        "The island sits on a major fault line and is shaken by small tremors every year, seismologists said.",
    ], None)


def test_undated_round_up_does_not_chain_two_events() -> None:
    stories = _two_quakes(("2005-11-27", "2005-11-28"), ("2008-09-10", "2008-09-11"))
    stories += [_bridge("round-up-1"), _bridge("round-up-2"), _bridge("round-up-3")]
    events = group_events(stories, MatchParams())
    for event in events:  # whatever the round-ups join, no event holds accounts of both earthquakes
        quakes = {sid[:7] for sid in event.stories if sid.startswith("quake")}
        assert quakes != {"quake-a", "quake-b"}, event.stories
    # without the rule the round-ups tie everything into one event
    off = group_events(stories, dataclasses.replace(MatchParams(), date_apart_days=0))
    assert len(off) == 1


def _bulletin(sid: str, date: str, magnitude: str, distance: str, clock: str) -> object:
    # an agency's automated earthquake bulletin: one template, a few figures changed
    return make_story(sid, [
        f"A magnitude {magnitude} earthquake struck {distance} kilometres north-east of the town of Dolmar on the island "
        f"of Varsken at {clock} local time, the national seismology centre said in an automatic bulletin.",
        "The quake struck at a depth of about ten kilometres beneath the seabed off the northern coast of the island.",
        "There were no immediate reports of damage or injuries, and the ferry service to the mainland ran as normal.",
        "The island of Varsken sits on a major fault line and is shaken by small tremors several times every year.",
        "This bulletin was generated automatically from the preliminary readings of the national seismic network.",
        "Residents who felt the tremor are asked to report it on the website of the national seismology centre.",
        "Figures may be revised once the readings of the regional stations have been reviewed by a seismologist.",
        "The centre publishes a bulletin for every tremor of magnitude 3 or more recorded in the country.",
    ], date)


def test_template_bulletins_of_two_quakes_are_not_reprints() -> None:
    stories = [_bulletin("bulletin-2019", "2019-03-02", "4.6", "12", "03:14"),
               _bulletin("bulletin-2022", "2022-07-19", "4.8", "12", "03:14")]
    events = group_events(stories, MatchParams())
    assert _events_of(events) == [["bulletin-2019"], ["bulletin-2022"]]
    # without the rule they are one text carried twice: a reprint family, one event
    off = group_events(stories, dataclasses.replace(MatchParams(), date_apart_days=0))
    assert _events_of(off) == [["bulletin-2019", "bulletin-2022"]] and off[0].families


def test_reprints_of_one_bulletin_stay_one_family() -> None:
    # negative twin: the same bulletin carried by two outlets a day apart is a reprint
    stories = [_bulletin("outlet-a", "2019-03-02", "4.6", "12", "03:14"),
               _bulletin("outlet-b", "2019-03-03", "4.6", "12", "03:14")]
    events = group_events(stories, MatchParams())
    assert _events_of(events) == [["outlet-a", "outlet-b"]] and events[0].families


def test_dask_engine_keeps_events_apart_the_same_way(dask_client) -> None:
    """The Dask engine scores and builds families with the same functions: the same events, to the field."""
    pytest.importorskip("distributed")
    from compare.engine.dask_engine import group_events_dask

    stories = _two_quakes(("2005-11-27", "2005-11-28"), ("2008-09-10", "2008-09-11"))
    stories += [_bulletin("bulletin-2019", "2019-03-02", "4.6", "12", "03:14"),
                _bulletin("bulletin-2022", "2022-07-19", "4.8", "12", "03:14"),
                _bulletin("outlet-b", "2019-03-03", "4.6", "12", "03:14")]
    embedded = group_events(stories, MatchParams())
    dask = group_events_dask(stories, MatchParams(), client=dask_client, partitions=2)
    assert [dataclasses.asdict(e) for e in dask] == [dataclasses.asdict(e) for e in embedded]
    assert _events_of(embedded) == [["bulletin-2019", "outlet-b"], ["bulletin-2022"],
                                    ["quake-a1", "quake-a2"], ["quake-b1", "quake-b2"]]
