"""Planted changes: each copy of a seed story carries ONE change that must be found.

fixtures/planted/planted.json lists the copies, the phrase that carries each change and
the type and severity expected.  The event is the original plus the copy, sentences
paired where the copy lines up (tests/facts_support.pair_copies).  Run with ``-s`` to see
the "found X of Y planted" line; the same figure is in docs/facts.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from facts_support import make_document, pair_copies

from compare.facts import find_discrepancies
from compare.model import Discrepancy

PLANTED = Path(__file__).resolve().parent.parent / "fixtures" / "planted"
MANIFEST = json.loads((PLANTED / "planted.json").read_text(encoding="utf-8"))


def _findings(copy_file: str, copy_outlet: str = "Copy") -> tuple[list[Discrepancy], object]:
    date, outlet = MANIFEST["date"], MANIFEST["outlet"]
    original = make_document("original.txt", (PLANTED / MANIFEST["original"]).read_text(encoding="utf-8"),
                             outlet=outlet, date=date)
    copy = make_document(copy_file, (PLANTED / copy_file).read_text(encoding="utf-8"),
                         outlet=copy_outlet, date=date)
    event = pair_copies(original, copy)
    stories = {d.stories[0].id: d.stories[0] for d in (original, copy)}
    documents = {d.path: d for d in (original, copy)}
    return find_discrepancies(event, stories, documents), copy


def _planted_sentence(copy, phrase: str) -> set:
    story = copy.stories[0]
    words = phrase.split()
    # The phrase may straddle a sentence break; any sentence holding a part of it counts.
    hits = {s.index for s in story.sentences if phrase in s.text}
    if not hits:
        hits = {s.index for s in story.sentences if " ".join(words[:3]) in s.text or " ".join(words[-3:]) in s.text}
    return {(story.id, i) for i in hits}


def _is_found(plant: dict, found: list[Discrepancy], copy) -> bool:
    where = _planted_sentence(copy, plant["new"])
    assert where, f"planted phrase not found in any sentence of {plant['file']}"
    return any(
        d.type == plant["type"]
        and d.severity == plant["severity"]
        and where & {(r.story, r.index) for r in d.sentences}
        for d in found
    )


@pytest.mark.parametrize("plant", MANIFEST["planted"], ids=[p["file"] for p in MANIFEST["planted"]])
def test_planted_change_is_found(plant):
    found, copy = _findings(plant["file"])
    assert _is_found(plant, found, copy), [(d.type, d.severity, d.summary) for d in found]
    # No other conflict: every error or warning points at the planted sentence.
    where = _planted_sentence(copy, plant["new"])
    stray = [d for d in found if d.severity != "info" and not where & {(r.story, r.index) for r in d.sentences}]
    assert not stray, [(d.type, d.severity, d.summary) for d in stray]


@pytest.mark.parametrize("clean", MANIFEST["clean"], ids=[c["file"] for c in MANIFEST["clean"]])
def test_clean_copy_gives_no_error_or_warning(clean):
    found, _ = _findings(clean["file"])
    assert [d for d in found if d.severity != "info"] == []


def test_found_count(capsys):
    found_n = 0
    for plant in MANIFEST["planted"]:
        found, copy = _findings(plant["file"])
        found_n += _is_found(plant, found, copy)
    total = len(MANIFEST["planted"])
    with capsys.disabled():
        print(f"\nfound {found_n} of {total} planted")
    assert found_n == total


def _pipeline_findings(tmp_path: Path, copy_file: str) -> tuple[list[Discrepancy], dict]:
    """Run the whole pipeline (ingest, matching, alignment, facts) on original + copy."""
    from compare.pipeline import run_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_original.txt").write_bytes((PLANTED / MANIFEST["original"]).read_bytes())
    (corpus / f"b_{copy_file}").write_bytes((PLANTED / copy_file).read_bytes())
    report = run_corpus(corpus)
    texts = {(s.id, x.index): x.text for d in report.documents for s in d.stories for x in s.sentences}
    return [d for e in report.events for d in e.discrepancies], texts


@pytest.mark.parametrize("plant", MANIFEST["planted"], ids=[p["file"] for p in MANIFEST["planted"]])
def test_planted_change_is_found_by_the_whole_pipeline(tmp_path, plant):
    found, texts = _pipeline_findings(tmp_path, plant["file"])
    changed = plant["new"].split()
    marker = next(w for w in changed if w not in plant["old"].split())  # a word only the copy has
    assert any(
        d.type == plant["type"] and d.severity == plant["severity"]
        and any(marker in texts[(r.story, r.index)] for r in d.sentences)
        for d in found
    ), [(d.type, d.severity, d.summary) for d in found]


@pytest.mark.parametrize("clean", MANIFEST["clean"], ids=[c["file"] for c in MANIFEST["clean"]])
def test_clean_copy_gives_no_error_or_warning_in_the_whole_pipeline(tmp_path, clean):
    found, _ = _pipeline_findings(tmp_path, clean["file"])
    assert [(d.type, d.summary) for d in found if d.severity != "info"] == []
