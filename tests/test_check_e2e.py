"""The CI gate end to end: a throwaway git repository of sources, the real pipeline, the CLI.

The baseline is recorded on three sources (TASS's Valdai story, TASS's December press
conference, the CSTO's page with its own Valdai account); then, as pull requests would:
a consistent fourth account (RT's Valdai story) must pass and name the event it joined; a
copy of the CSTO page with one number changed must fail with an annotation on that file and
line; a malformed file must exit 3 naming it; and a re-run without changes must find nothing
new and sign nothing (the signature index reuses every story).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-corpus"
TASS_VALDAI = "000_4c3000b3cf1095f3.txt"
RT_VALDAI = "001_5e0001f6e6304a75.txt"
TASS_PRESS = "002_26dae961d9fa5e46.txt"
CSTO_PAGE = "003_96d930d7006ecd34.txt"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def line_of(path: Path, phrase: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if phrase in line:
            return n
    raise AssertionError(f"{phrase!r} not in {path}")


@pytest.fixture
def corpus_repo(tmp_path, monkeypatch, cli):
    """A git repository with articles/ holding three sources and a committed baseline."""
    root = tmp_path / "sources"
    articles = root / "articles"
    articles.mkdir(parents=True)
    git(root, "init", "-q")
    for name in (TASS_VALDAI, TASS_PRESS, CSTO_PAGE):
        shutil.copy(SEED / name, articles / name)
    (root / ".gitignore").write_text(".compare-cache/\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = cli("baseline", "articles", "-q")
    assert result.exit_code == 0, result.stderr
    commit(root, "sources and their baseline")
    return root


def check_json(cli, *extra: str) -> tuple[int, dict]:
    result = cli("check", "articles", "--format", "json", "-q", *extra)
    return result.exit_code, json.loads(result.stdout)


def test_baseline_is_committed_outside_the_corpus(corpus_repo):
    data = json.loads((corpus_repo / "compare-baseline.json").read_text(encoding="utf-8"))
    assert sorted(data["files"]) == [TASS_VALDAI, TASS_PRESS, CSTO_PAGE]
    assert sorted(p.name for p in (corpus_repo / "articles").iterdir()) == [TASS_VALDAI, TASS_PRESS, CSTO_PAGE]


def test_consistent_fourth_account_passes_and_names_the_event_it_joined(corpus_repo, cli):
    shutil.copy(SEED / RT_VALDAI, corpus_repo / "articles" / RT_VALDAI)
    commit(corpus_repo, "add RT's account")
    code, data = check_json(cli)
    assert code == 0, [f for f in data["findings"] if f["severity"] == "error"]
    assert data["files"]["new"] == [f"articles/{RT_VALDAI}"]
    joined = [f for f in data["findings"] if f["kind"] == "event_joined"]
    assert len(joined) == 1, data["findings"]
    assert joined[0]["details"]["new_files"] == [RT_VALDAI]
    existing = joined[0]["details"]["existing_files"]
    assert existing and set(existing) <= {TASS_VALDAI, CSTO_PAGE}  # a Valdai account, not the press conference
    assert joined[0]["file"] == f"articles/{RT_VALDAI}"
    text = cli("check", "articles", "-q").stdout
    assert f"articles/{RT_VALDAI} joined event" in text and f"articles/{existing[0]}" in text
    assert "passed" in text


def test_only_the_new_file_is_signed(corpus_repo, cli):
    shutil.copy(SEED / RT_VALDAI, corpus_repo / "articles" / RT_VALDAI)
    baseline_stories = sum(len(e["stories"]) for e in json.loads(
        (corpus_repo / "compare-baseline.json").read_text(encoding="utf-8"))["events"])
    _, data = check_json(cli)
    assert data["index"] is not None, "report.stats['index'] missing: the pipeline does not pass index stats"
    assert data["index"]["reused_stories"] == baseline_stories  # nothing of the three old files re-signed
    assert data["index"]["signed_stories"] >= 1  # RT's story (or stories)


def test_only_the_event_the_new_file_joined_is_aligned_again(corpus_repo, cli, monkeypatch):
    """`compare check` re-aligns and re-compares only the events whose members changed; the rest
    come from the per-event cache in the index (compare.eventcache)."""
    import compare.pipeline

    assert check_json(cli)[0] == 0  # the baseline's events are in the index now
    aligned: list[list[str]] = []
    real_align = compare.pipeline.align_event

    def counting_align(event, *args, **kwargs):
        aligned.append(list(event.stories))
        return real_align(event, *args, **kwargs)

    monkeypatch.setattr(compare.pipeline, "align_event", counting_align)
    _, unchanged = check_json(cli)
    assert aligned == [] and unchanged["index"]["events_computed"] == 0
    events = len(json.loads((corpus_repo / "compare-baseline.json").read_text(encoding="utf-8"))["events"])
    assert unchanged["index"]["events_reused"] == events
    shutil.copy(SEED / RT_VALDAI, corpus_repo / "articles" / RT_VALDAI)
    _, data = check_json(cli)
    assert data["index"]["events_computed"] == 1 and data["index"]["events_reused"] == events - 1
    assert len(aligned) == 1 and any(s.startswith(RT_VALDAI) for s in aligned[0])  # the Valdai event RT joined
    text = cli("check", "articles", "-q").stdout  # again: now nothing changed since the last run
    assert f"0 events aligned and compared again, {events} unchanged taken from the index" in text


def test_planted_number_conflict_fails_with_an_annotation_on_its_file_and_line(corpus_repo, cli):
    articles = corpus_repo / "articles"
    original = (articles / CSTO_PAGE).read_text(encoding="utf-8")
    assert original.count("created over 20 years") == 1
    planted = articles / "csto-reprint.txt"
    planted.write_text(original.replace("created over 20 years", "created over 30 years"), encoding="utf-8")
    commit(corpus_repo, "add a reprint with a changed number")
    line = line_of(planted, "created over 30 years")
    result = cli("check", "articles", "--format", "github", "-q")
    assert result.exit_code == 1, result.stdout
    errors = [x for x in result.stdout.splitlines() if x.startswith("::error ")]
    expected = f"::error file=articles/csto-reprint.txt,line={line},title=compare%3A new number discrepancy"
    assert any(x.startswith(expected) for x in errors), errors
    code, data = check_json(cli)
    assert code == 1
    hits = [f for f in data["findings"] if (f["file"], f["line"], f["kind"]) == ("articles/csto-reprint.txt", line, "new_discrepancy")
            and f["details"]["type"] == "number"]
    assert hits and all(f["severity"] == "error" for f in hits), hits
    assert any("30" in f["details"]["summary"] for f in hits)


def test_malformed_file_exits_3_and_is_named(corpus_repo, cli):
    (corpus_repo / "articles" / "broken.json").write_text('{"title": "Half a file", "text": "It was', encoding="utf-8")
    result = cli("check", "articles", "--format", "json")
    assert result.exit_code == 3
    assert "broken.json" in result.stderr
    data = json.loads(result.stdout)
    assert [e["path"] for e in data["errors"]] == ["articles/broken.json"]
    assert data["files"]["new"] == [] and data["files"]["removed"] == []


def test_rerun_without_changes_finds_nothing_and_signs_nothing(corpus_repo, cli):
    first = cli("check", "articles", "--format", "json", "-q")
    second = cli("check", "articles", "--format", "json", "-q")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout  # deterministic
    data = json.loads(second.stdout)
    assert data["findings"] == [] and data["resolved"] == []
    assert data["files"] == {"new": [], "changed": [], "removed": [], "unchanged": 3}
    assert data["index"] is not None, "report.stats['index'] missing: the pipeline does not pass index stats"
    baseline_stories = sum(len(e["stories"]) for e in json.loads(
        (corpus_repo / "compare-baseline.json").read_text(encoding="utf-8"))["events"])
    assert data["index"]["signed_stories"] == 0
    assert data["index"]["reused_stories"] == baseline_stories  # every story of every unchanged file
    text = cli("check", "articles", "-q").stdout
    assert f"signature index: {baseline_stories} stories reused unchanged; 0 stories signed" in text


def test_accepting_a_change_moves_the_baseline(corpus_repo, cli):
    """The workflow after review: re-record the baseline, commit it, and the gate is quiet again."""
    shutil.copy(SEED / RT_VALDAI, corpus_repo / "articles" / RT_VALDAI)
    assert cli("check", "articles", "-q", "--fail-on", "info").exit_code == 1  # joined an event: info
    assert cli("baseline", "articles", "-q").exit_code == 0
    commit(corpus_repo, "accept RT")
    code, data = check_json(cli, "--fail-on", "info")
    assert (code, data["findings"]) == (0, [])
