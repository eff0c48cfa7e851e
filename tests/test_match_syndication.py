"""Wire copy: every copy of a story carried by many outlets groups into one event, in reprint families."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from wire_copies import WireGenerator

from compare.config import MatchParams
from compare.match import group_events
from compare.match.candidates import candidate_sentence_pairs, syndication_filter
from compare.match.families import member_edits, sentence_keys, story_shingles
from compare.match.shingles import story_terms
from compare.model import Sentence, Story


@pytest.fixture(scope="module")
def wire():
    copies = WireGenerator(seed=3).corpus(stories=6, copies=60)
    return copies, group_events([c.story for c in copies], MatchParams())


def test_every_copy_in_one_event_and_no_two_stories_together(wire) -> None:
    copies, events = wire
    base = {c.story.id: c.base for c in copies}
    assert len(events) == 6
    for event in events:
        assert len({base[s] for s in event.stories}) == 1
        assert len(event.stories) == 60


def test_copies_collapse_into_families_with_their_edits(wire) -> None:
    copies, events = wire
    planted = {c.story.id: c.edits for c in copies}
    for event in events:
        in_families = sum(len(f.stories) for f in event.families)
        assert in_families >= 55  # the rest are copies edited enough to stand as versions of their own
        collapsed = [m for f in event.families for m in f.members if m.collapsed]
        assert len(event.versions) == 60 - len(collapsed) and len(collapsed) >= 10
        assert all(e["kind"] in {"lede_cut", "tail_trimmed", "sentences_cut", "headline_changed"}
                   for m in collapsed for e in m.edits)
        for family in event.families:
            for member in family.members:
                kinds = {e["kind"] for e in member.edits}
                # what the copy did against the wire text is found whenever the representative is the wire text
                if family.representative.startswith("outlet000/"):
                    wanted = {"lede_cut", "tail_trimmed", "paragraph_added", "number_changed"} & set(planted[member.story])
                    assert wanted <= kinds, (member.story, planted[member.story], member.edits)


def test_site_furniture_on_every_page_of_an_outlet_does_not_tie_its_pages(wire) -> None:
    copies, events = wire
    # each outlet prints the same two lines on all six stories; the six stories still stay apart
    assert all(len(e.stories) == 60 for e in events)


def test_large_bucket_kept_only_for_long_text_from_many_sources() -> None:
    keys = np.zeros((80, 1), dtype=np.uint32)  # one bucket of 80 units, one per story
    owner = np.arange(80, dtype=np.int64)
    long, short = np.full(80, 12), np.full(80, 4)
    many, one = np.arange(80, dtype=np.int64), np.zeros(80, dtype=np.int64)
    kw = {"min_terms": 8, "min_source_share": 0.5}
    syndicated = candidate_sentence_pairs(keys, owner, 50, syndication_filter(owner, many, long, **kw))
    assert len(syndicated) == 2 * 80 - 3  # a star on the first member plus a chain: linear, all connected
    assert len(candidate_sentence_pairs(keys, owner, 50, syndication_filter(owner, one, long, **kw))) == 0
    assert len(candidate_sentence_pairs(keys, owner, 50, syndication_filter(owner, many, short, **kw))) == 0
    assert len(candidate_sentence_pairs(keys, owner, 50)) == 0


def _story(sid: str, sentences: list[str], title: str = "Port reopens") -> Story:
    story = Story(id=sid, document=sid, kind="article", title=title, date="2024-05-01")
    story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(sentences)]
    return story


def test_member_edits_name_what_changed() -> None:
    wire = ["Harbour authorities reopened the northern port on Tuesday after storm repairs.",
            "Engineers replaced 42 cranes damaged when waves flooded the container terminal.",
            "Shipping companies rerouted vessels through southern harbours during the closure.",
            "Insurers estimate the storm losses across the coastal region at several billion."]
    copy = wire[1:2] + ["Engineers replaced 48 cranes damaged when waves flooded the container terminal."][:0] + wire[2:]
    copy[0] = copy[0].replace("42", "48")
    copy.insert(2, "Local fishermen said their boats were spared by the storm surge entirely.")
    rep, member = _story("a", wire), _story("b", copy, "Northern port reopens")
    edits = member_edits(rep, sentence_keys(rep), member, sentence_keys(member))
    kinds = [e["kind"] for e in edits]
    assert kinds == ["headline_changed", "lede_cut", "number_changed", "paragraph_added"]
    assert edits[2]["from"] == "42" and edits[2]["to"] == "48"
    assert edits[3]["sentences"] == [2]


def test_shingles_ignore_inflection() -> None:
    a = _story("a", ["Engineers replaced damaged cranes at the container terminal."])
    b = _story("b", ["Engineer replacing damaged crane at container terminals."])
    assert np.array_equal(story_shingles(story_terms(a)), story_shingles(story_terms(b)))


def test_families_in_report_json_and_event_page(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    copies = WireGenerator(seed=5).corpus(stories=2, copies=12)
    for c in copies:
        path = corpus / c.story.document.replace(".txt", ".json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"title": c.story.title, "outlet": c.story.outlet, "date": c.story.date,
                                    "text": "\n\n".join(s.text for s in c.story.sentences)}), encoding="utf-8")
    from compare.pipeline import run_corpus, write_outputs

    write_outputs(run_corpus(corpus), tmp_path / "out")  # validates report.json against the schema
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    multi = [e for e in data["events"] if len(e["stories"]) > 1]
    assert len(multi) == 2 and all(len(e["stories"]) == 12 for e in multi)
    families = [f for e in multi for f in e["families"]]
    assert families and all(f["representative"] in f["stories"] for f in families)
    kinds = Counter(edit["kind"] for f in families for m in f["members"] for edit in m["edits"])
    assert kinds["paragraph_added"] and kinds["lede_cut"]
    page = (tmp_path / "out" / f"{multi[0]['id']}.html")
    page = page if page.exists() else next((tmp_path / "out").rglob(f"{multi[0]['id']}*.html"))
    html = page.read_text(encoding="utf-8")
    assert "Reprint families" in html and "cut the lede" in html or "added" in html


def test_furniture_does_not_tie_an_outlets_pages_of_adjacent_days() -> None:
    copies = WireGenerator(seed=9).corpus(stories=14, copies=6)  # stories 0 and 12 are dated a day apart
    base = {c.story.id: c.base for c in copies}
    events = group_events([c.story for c in copies], MatchParams())
    assert sorted(len({base[s] for s in e.stories}) for e in events) == [1] * 14
    assert all(len(e.stories) == 6 for e in events)
