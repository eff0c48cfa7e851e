"""Behaviour of compare.match.group_events on stories built from seed text and small made-up cases."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from compare.config import MatchParams
from compare.match import group_events
from compare.model import Event, Sentence, Story

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-corpus"
_ITEM_DATE = re.compile(r"(\d\d)\.(\d\d)\.(\d{4})\s*$")
_HEAD_DATE = re.compile(r"(\d\d) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}


def make_story(sid: str, sentences: list[str], date: str | None = None, document: str | None = None,
               kind: str = "article", title: str | None = None) -> Story:
    story = Story(id=sid, document=document or sid.split("#")[0], kind=kind, title=title, date=date)
    story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(sentences)]
    return story


def seed_stories() -> list[Story]:
    """The seed files cut into stories the simple way: a dd.mm.yyyy line starts a new item."""
    out = []
    for path in sorted(SEED.glob("*.txt")):
        groups: list[tuple[str | None, list[str]]] = []
        date, lines = None, []
        for line in (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()):
            if not line:
                continue
            if m := _ITEM_DATE.search(line):
                if lines:
                    groups.append((date, lines))
                date, lines = f"{m[3]}-{m[2]}-{m[1]}", []
                if rest := line[: m.start()].strip():
                    lines.append(rest)
                continue
            if (m := _HEAD_DATE.fullmatch(line)) and not lines[1:]:
                date = f"{m[3]}-{_MONTHS[m[2]]:02d}-{m[1]}"
                continue
            lines.append(line)
        groups.append((date, lines))
        for n, (day, text) in enumerate(groups):
            sentences = [s for ln in text for s in re.split(r"(?<=[.!?\"”])\s+", ln) if s]
            out.append(make_story(f"{path.name}#{n}", sentences, day, path.name))
    return out


def event_of(events: list[Event], prefix: str) -> Event:
    found = [e for e in events for s in e.stories if s.startswith(prefix)]
    assert len(found) == 1, prefix
    return found[0]


@pytest.fixture(scope="module")
def seed_events() -> tuple[list[Story], list[Event]]:
    stories = seed_stories()
    return stories, group_events(stories, MatchParams())


def test_every_story_in_exactly_one_event(seed_events) -> None:
    stories, events = seed_events
    placed = [s for e in events for s in e.stories]
    assert sorted(placed) == sorted(s.id for s in stories)
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]


def test_accounts_of_one_speech_form_one_event(seed_events) -> None:
    _, events = seed_events
    valdai = event_of(events, "000_")
    assert event_of(events, "001_") is valdai
    members = {s.split("_")[0] for s in valdai.stories}
    assert members == {"000", "001", "003"}
    assert valdai.date == "2022-02-09"
    assert valdai.title and "NATO" in valdai.title
    assert len(valdai.links) == 3
    assert all(link.relation == "same_event" for link in valdai.links)


def test_same_topic_other_dates_stay_apart(seed_events) -> None:
    _, events = seed_events
    valdai = event_of(events, "000_")
    assert event_of(events, "002_") is not valdai
    interview = [e for e in events if any(s.startswith("004_") for s in e.stories) and len(e.stories) > 1]
    assert not interview, "no listing item or the interview should join anything"
    assert sum(1 for e in events if len(e.stories) > 1) == 1


def test_links_carry_evidence(seed_events) -> None:
    _, events = seed_events
    link = next(lk for lk in event_of(events, "000_").links if lk.b.startswith("003_") or lk.a.startswith("003_"))
    assert link.evidence["matched_sentences"] >= 3
    assert link.evidence["date_gap_days"] == 0
    assert 0 < link.score <= 1


def test_same_input_same_output() -> None:
    stories = seed_stories()
    first = group_events(stories, MatchParams())
    second = group_events(seed_stories(), MatchParams())
    assert [dataclasses.asdict(e) for e in first] == [dataclasses.asdict(e) for e in second]


# -- small made-up cases ---------------------------------------------------------------------------

BOILER = "Follow the Daily Courier on social networks for breaking news updates every day."
QUAKE = [
    "A magnitude 6.1 earthquake struck the coastal town of Varna early on Tuesday, officials said.",
    "Rescue teams pulled eleven survivors from collapsed apartment blocks near the harbour.",
    "Mayor Ivan Petrov declared a state of emergency and opened three shelters in schools.",
    "The regional hospital treated more than 200 injured people overnight.",
]
QUAKE_RETOLD = [
    "An earthquake of magnitude 6.1 hit the coastal town of Varna on Tuesday morning.",
    "Eleven survivors were pulled by rescue teams from collapsed apartment blocks by the harbour.",
    "A state of emergency was declared by Mayor Ivan Petrov, who opened three school shelters.",
    "Officials urged residents to stay outdoors because of aftershocks.",
]
BUDGET = [
    "The city council of Lyon approved a new budget for public transport on Monday.",
    "Councillors voted to extend two tram lines to the northern suburbs by 2027.",
    "Opposition members criticised the rise in ticket prices planned for next spring.",
]
SPORT = [
    "Local club Dynamo Brno won the national volleyball cup after a five-set final.",
    "Captain Petra Novak scored the decisive point in front of a sold-out arena.",
    "The coach thanked the supporters who travelled from across the region.",
]


def test_retellings_group_and_unrelated_do_not() -> None:
    stories = [
        make_story("a#0", QUAKE, "2024-03-05"),
        make_story("b#0", QUAKE_RETOLD, "2024-03-05"),
        make_story("c#0", BUDGET, "2024-03-05"),
    ]
    events = group_events(stories, MatchParams())
    assert [e.stories for e in events] == [["a#0", "b#0"], ["c#0"]]


def test_one_shared_sentence_does_not_tie_stories() -> None:
    stories = [
        make_story("a#0", [*QUAKE, BOILER], "2024-03-05"),
        make_story("b#0", [*BUDGET, BOILER], "2024-03-05"),
        make_story("c#0", [*SPORT, BOILER], "2024-03-05"),
    ]
    events = group_events(stories, MatchParams())
    assert all(len(e.stories) == 1 for e in events)


def test_no_chaining_through_one_member() -> None:
    # c shares one sentence with b, b is an account of a's event: c must not join a and b.
    stories = [
        make_story("a#0", QUAKE, "2024-03-05"),
        make_story("b#0", [*QUAKE_RETOLD, SPORT[0]], "2024-03-05"),
        make_story("c#0", SPORT, "2024-03-05"),
    ]
    events = group_events(stories, MatchParams())
    assert [e.stories for e in events] == [["a#0", "b#0"], ["c#0"]]


def test_dates_weeks_apart_need_more_than_a_retelling() -> None:
    same_day = group_events(
        [make_story("a#0", QUAKE, "2024-03-05"), make_story("b#0", QUAKE_RETOLD, "2024-03-06")], MatchParams())
    weeks_apart = group_events(
        [make_story("a#0", QUAKE, "2024-03-05"), make_story("b#0", QUAKE_RETOLD, "2024-04-20")], MatchParams())
    undated = group_events(
        [make_story("a#0", QUAKE, None), make_story("b#0", QUAKE_RETOLD, "2024-04-20")], MatchParams())
    assert len(same_day) == 1
    assert len(weeks_apart) == 2
    assert len(undated) == 1


def test_reprint_is_told_from_independent_account() -> None:
    copy = [s.replace("officials said", "authorities said") for s in QUAKE]
    events = group_events(
        [make_story("a#0", QUAKE, "2024-03-05"), make_story("b#0", copy, "2024-03-05"),
         make_story("c#0", QUAKE_RETOLD, "2024-03-05")], MatchParams())
    assert len(events) == 1
    relations = {(lk.a, lk.b): lk.relation for lk in events[0].links}
    assert relations[("a#0", "b#0")] == "reprint"
    assert relations[("a#0", "c#0")] == "same_event"


def test_items_of_one_listing_are_never_merged() -> None:
    stories = [make_story("list#0", QUAKE, "2024-03-05", "list"), make_story("list#1", QUAKE_RETOLD, "2024-03-05", "list")]
    assert len(group_events(stories, MatchParams())) == 2


def test_empty_and_textless_stories() -> None:
    assert group_events([], MatchParams()) == []
    events = group_events([make_story("x#0", []), make_story("y#0", ["", "..."])], MatchParams())
    assert [e.stories for e in events] == [["x#0"], ["y#0"]]
    assert all(e.links == [] for e in events)


def test_stats_are_filled() -> None:
    stats: dict = {}
    group_events([make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)], MatchParams(), stats=stats)
    assert stats["signed"] == 2 and stats["reused"] == 0
    assert stats["candidate_pairs"] >= 1
    assert stats["index_path"] is None and stats["index_warning"] is None


def test_unknown_shingle_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="shingle"):
        group_events([make_story("a#0", QUAKE)], MatchParams(shingle="chars"))


# A bridge collapse told by two accounts the next day, a retrospective five days later that states the day,
# and a same-topic story of another day (another bridge, five days later): written for this test.
BRIDGE_A = [
    "The Route 9 bridge over the Tarrant River in Millbrook collapsed on Wednesday evening, sending two cars and a "
    "delivery van into the river.",
    "Rescue crews pulled four people from the water and took them to Millbrook General Hospital, fire chief Dana "
    "Whitlow said.",
    "The steel bridge, built in 1964, had been listed for repairs by the state transport department.",
    "Traffic on Route 9 was diverted through Eastbury while divers searched the river overnight.",
    "Governor Ellen Marsh called the collapse a warning about the state's ageing bridges.",
]
BRIDGE_B = [
    "Divers searched the Tarrant River after the Route 9 bridge at Millbrook collapsed under evening traffic on "
    "Wednesday.",
    "Four people were rescued from two cars and a delivery van, fire chief Dana Whitlow told reporters, and taken to "
    "Millbrook General Hospital.",
    "Residents said they heard a loud crack before the steel bridge fell into the river.",
    "The state transport department said the 1964 bridge had been listed for repairs.",
    "Governor Ellen Marsh said Route 9 traffic would go through Eastbury.",
]
BRIDGE_RETROSPECTIVE = [
    "On May 8, the Route 9 steel bridge over the Tarrant River in Millbrook collapsed, and two cars and a delivery "
    "van fell into the river.",
    "Rescue crews saved four people, fire chief Dana Whitlow said at the time, and Millbrook General Hospital "
    "treated them.",
    "The 1964 bridge had been listed for repairs by the state transport department.",
    "Governor Ellen Marsh has ordered a review of ageing bridges, and Route 9 traffic still goes through Eastbury.",
]
OTHER_BRIDGE = [
    "A footbridge over the Tarrant River in Millbrook collapsed on Monday evening, sending two cyclists into the river.",
    "Rescue crews pulled both from the water and took them to Millbrook General Hospital, fire chief Dana Whitlow said.",
    "The steel footbridge, built in 1971, had been listed for repairs by the state transport department.",
    "Governor Ellen Marsh called it another warning about the state's ageing bridges.",
]


def test_stated_day_of_a_lead() -> None:
    from compare.match.eventdate import stated_day

    assert str(stated_day(make_story("a#0", BRIDGE_A, "2024-05-09"))) == "2024-05-08"  # Wednesday before Thursday
    assert str(stated_day(make_story("r#0", BRIDGE_RETROSPECTIVE, "2024-05-14"))) == "2024-05-08"
    assert stated_day(make_story("r#0", BRIDGE_RETROSPECTIVE, None)) is None  # undated stays neutral
    assert str(stated_day(make_story("i#0", ["Filed 2024-05-08: the bridge fell."], "2024-05-14"))) == "2024-05-08"
    assert str(stated_day(make_story("u#0", ["Міст обвалився в п'ятницю."], "2024-05-14"))) == "2024-05-10"
    scheduled = ["The new bridge will open on June 20, 2024, the department said."]
    assert stated_day(make_story("s#0", scheduled, "2024-05-14")) is None  # a date to come is no event day
    background = ["The bridge was built on June 2, 1964, and carried Route 9 ever since."]
    assert stated_day(make_story("s#0", background, "2024-05-14")) is None  # years back: background


def test_retrospective_account_stays_with_its_event() -> None:
    stories = [
        make_story("a#0", BRIDGE_A, "2024-05-09"),
        make_story("b#0", BRIDGE_B, "2024-05-09"),
        make_story("r#0", BRIDGE_RETROSPECTIVE, "2024-05-14"),  # published 5 days later, states May 8
        make_story("o#0", OTHER_BRIDGE, "2024-05-14"),
    ]
    assert [e.stories for e in group_events(stories, MatchParams())] == [["a#0", "b#0", "r#0"], ["o#0"]]
    # the retrospective alone with one account: the stated day, not the publication gap, counts
    pair = [make_story("a#0", BRIDGE_A, "2024-05-09"), make_story("r#0", BRIDGE_RETROSPECTIVE, "2024-05-14")]
    assert len(group_events(pair, MatchParams())) == 1


def test_same_topic_story_of_another_day_stays_apart() -> None:
    # another bridge on the same river five days later: close enough in words to join when undated,
    # kept apart by the days both publication dates and leads give
    dated = [make_story("a#0", BRIDGE_A, "2024-05-09"), make_story("o#0", OTHER_BRIDGE, "2024-05-14")]
    undated = [make_story("a#0", BRIDGE_A, None), make_story("o#0", OTHER_BRIDGE, "2024-05-14")]
    assert len(group_events(dated, MatchParams())) == 2
    assert len(group_events(undated, MatchParams())) == 1
