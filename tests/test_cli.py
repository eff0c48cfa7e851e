"""The command line end to end on the bundled seed corpus."""

from __future__ import annotations

import json

from compare import __version__


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"compare {__version__}"


def test_run_writes_report_json_with_every_document(cli, seed_corpus, tmp_path):
    out = tmp_path / "out"
    result = cli("run", str(seed_corpus), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    paths = {d["path"] for d in report["documents"]}
    assert {p.name for p in seed_corpus.glob("*.txt")} <= paths
    story_ids = {s["id"] for d in report["documents"] for s in d["stories"]}
    in_events = [sid for e in report["events"] for sid in e["stories"]]
    assert sorted(in_events) == sorted(story_ids)  # every story in exactly one event


def test_missing_corpus_is_a_usage_error(cli, tmp_path):
    result = cli("run", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "corpus folder not found" in result.stderr
