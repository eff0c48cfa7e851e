"""The matching and scoring of benchmarks/findings.py, on a synthetic report (no corpus, no compare run)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("findings_bench", ROOT / "benchmarks" / "findings.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _story(sid, path, texts):
    sentences, start = [], 0
    for i, text in enumerate(texts):
        sentences.append({"index": i, "text": text, "start": start, "end": start + len(text), "role": "body"})
        start += len(text) + 1
    return {"id": sid, "sentences": sentences}


def _report():
    docs = [
        {"path": "ferry/a.txt", "stories": [_story("ferry/a.txt#0", "ferry/a.txt",
                                                   ["The ferry carried 120 people.", "Forty-one people survived."])]},
        {"path": "ferry/b.txt", "stories": [_story("ferry/b.txt#0", "ferry/b.txt",
                                                   ["It carried 120 people.", "Only 38 survived, officials said."])]},
    ]
    refs = [{"story": "ferry/a.txt#0", "index": 1}, {"story": "ferry/b.txt#0", "index": 1}]
    discrepancies = [
        {"type": "number", "severity": "error", "summary": "A: 41 vs B: 38",
         "details": {"values": {"Outlet A": "\"Forty-one people\"", "Outlet B": "\"38\""}}, "sentences": refs},
        {"type": "number", "severity": "error", "summary": "A: 120 people vs B: 38",
         "details": {"values": {"Outlet A": "\"120 people\"", "Outlet B": "\"38\""}}, "sentences": refs},
        {"type": "framing", "severity": "warning", "summary": "A uses the label 'doomed'",
         "details": {"label": "doomed", "outlet": "Outlet A"}, "sentences": refs[:1]},
        {"type": "omission", "severity": "info", "summary": "only in A", "details": {}, "sentences": refs[:1]},
    ]
    return {"documents": docs, "events": [{"id": "e1", "stories": [], "discrepancies": discrepancies}]}


def test_keys_name_event_type_and_the_value_on_each_side(bench):
    found = bench.collect_findings(_report())
    assert [f.severity for f in found] == ["error", "error", "warning"]  # info is not graded
    assert found[0].key == "ferry|number|Outlet A=forty-one people|Outlet B=38"
    assert found[2].key == "ferry|framing|Outlet A=label doomed"
    assert found[0].sentences[0][:4] == ("ferry/a.txt", 1, 30, 56)


def test_score_counts_judged_findings_and_lists_the_rest(bench):
    found = bench.collect_findings(_report())
    judgements = {found[0].key: {"verdict": True}, found[2].key: {"verdict": False, "reason": "quoted"}}
    conflicts = [{"id": "survivors", "event": "ferry", "slot": "survivors",
                  "values": {"Outlet A": "41", "Outlet B": "38"}}]
    s = bench.score(found, judgements, conflicts)
    assert (s.errors, s.errors_true, s.errors_unjudged) == (2, 1, 1)
    assert s.error_precision == 1.0  # the unjudged error is listed, not counted
    assert [f.key for f in s.unjudged] == [found[1].key]
    assert s.warning_precision == 0.0
    assert (s.conflicts_found, s.recall) == (1, 1.0)


def test_a_conflict_needs_both_listed_values_from_their_outlets(bench):
    found = bench.collect_findings(_report())[1:]  # only "120 people" vs "38" (and the label)
    conflicts = [{"id": "survivors", "event": "ferry", "slot": "survivors",
                  "values": {"Outlet A": "41", "Outlet B": "38"}}]
    assert bench.score(found, {}, conflicts).recall == 0.0
    assert bench.value_matches("at least 1,644 dead", "1,644")
    assert not bench.value_matches("16,440", "1,644")
    assert bench.value_matches("sixty-eight died", "68")
    assert bench.value_matches("a boeing 787-800", "787-800")
    assert not bench.value_matches("787-8000", "787-800")


def test_warning_sample_is_seeded_and_whole_when_small(bench):
    found = [bench.Finding(f"k{i}", "e", "number", "warning", {}, "") for i in range(50)]
    first = bench.sample_warnings(found, 30, seed=10)
    assert len(first) == 30 and first == bench.sample_warnings(list(reversed(found)), 30, seed=10)
    assert bench.sample_warnings(found[:5], 30, seed=10) == found[:5]


def test_rebuild_checks_every_excerpt_against_its_sha256(bench, tmp_path):
    pages = tmp_path / "pages"
    (pages / "ferry").mkdir(parents=True)
    (pages / "ferry" / "a.txt").write_text("The ferry carried 120 people. Page footer.", encoding="utf-8")
    excerpt = "The ferry carried 120 people."
    accounts = [{"file": "ferry/a.txt", "outlet": "Outlet A", "url": "https://example.org/a", "date": "2025-01-01",
                 "start": 0, "end": len(excerpt), "sha256": bench.sha256(excerpt)}]
    corpus = tmp_path / "corpus"
    assert bench.rebuild_corpus(pages, corpus, accounts) == []
    assert (corpus / "ferry" / "a.txt").read_text(encoding="utf-8") == excerpt
    manifest = json.loads((corpus / "compare-manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["ferry/a.txt"]["outlet"] == "Outlet A"
    assert bench.validate_corpus(corpus, accounts) == []
    (corpus / "ferry" / "a.txt").write_text("changed", encoding="utf-8")
    assert bench.validate_corpus(corpus, accounts) == ["ferry/a.txt: sha256 differs"]


def test_outlets_on_one_side_of_a_conflict_are_no_pair(bench):
    assert bench.same_side("8", "eight") and bench.same_side("6:30 p.m", "6:30 p.m.")
    assert bench.same_side("sub-orbital", "suborbital") and not bench.same_side("orbit", "suborbital")
    assert not bench.same_side("71.63", "72.8")
    assert not bench.same_side("June 17", "July 17") and not bench.same_side("Sept. 3", "3 October")
    assert bench.same_side("June 17", "17 June") and bench.same_side("Sept. 3", "September 3")
    assert bench.same_side("4 mayors", "four mayors")  # a word that starts like a month is no month
    found = [bench.Finding("k", "quake", "number", "warning", {"A": "8 km", "B": "eight km"}, "")]
    conflicts = [{"id": "depth", "event": "quake", "slot": "depth", "values": {"A": "8", "B": "eight", "C": "10"}}]
    assert bench.score(found, {}, conflicts).recall == 0.0  # A and B agree: not the listed conflict


def test_sets_and_halves(bench, tmp_path, monkeypatch):
    data = tmp_path / "data" / "mini"
    data.mkdir(parents=True)
    accounts = [{"file": f"{e}/{o}.txt", "event": e, "half": h, "outlet": o, "url": "u", "date": "2025-01-01",
                 "start": 0, "end": 1, "sha256": "x"}
                for e, h in (("a-event", "dev2"), ("b-event", "heldout")) for o in ("p", "q")]
    (data / "accounts.json").write_text(json.dumps(accounts), encoding="utf-8")
    (data / "conflicts.json").write_text(json.dumps([{"id": "c", "event": "a-event", "values": {}}]), encoding="utf-8")
    private = tmp_path / "held.json"
    private.write_text(json.dumps([{"id": "h", "event": "b-event", "values": {}},
                                   {"id": "other", "event": "not-here", "values": {}}]), encoding="utf-8")
    monkeypatch.setattr(bench, "DATA_ROOT", tmp_path / "data")
    js = bench.load_set("mini=/somewhere", extra_conflicts=[private])
    assert js.corpus == Path("/somewhere") and js.judgements == {}
    assert [c["id"] for c in js.conflicts] == ["c", "h"]  # another set's events are left out
    assert js.halves() == {"dev2": {"a-event"}, "heldout": {"b-event"}}
    assert bench.load_set("mini").corpus == Path("/work/private/h10-mini/corpus")
