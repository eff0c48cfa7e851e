"""`compare baseline` and `compare check` on the command line: options, outputs, exit codes.

The pipeline is replaced by synthetic reports here (tests/test_check_e2e.py runs the real one),
so these pin the command layer alone.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from test_check_support import C_LINES, accepted_state, disc, event, ref, report, write_doc

import compare.pipeline
from compare.check import make_baseline
from compare.model import InputError


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository folder with articles/ inside; the working directory for the command."""
    root = tmp_path / "repo"
    (root / "articles").mkdir(parents=True)
    (root / ".git").mkdir()  # marks the repository root for annotation paths
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def pipeline(monkeypatch):
    """Make run_corpus return whatever report the test sets; records the calls."""
    state = {"report": None, "calls": []}

    def fake_run_corpus(corpus, config=None, *, index_dir=None, progress=None, follow_symlinks=False):
        state["calls"].append({"corpus": corpus, "index_dir": index_dir})
        return state["report"](corpus)

    monkeypatch.setattr(compare.pipeline, "run_corpus", fake_run_corpus)
    return state


def conflict_state(corpus):
    now = accepted_state(corpus)
    a, b, z = now.documents
    c = write_doc(corpus, "c.txt", C_LINES)
    discrepancies = [*now.events[0].discrepancies,
                     disc("number", "error", "20 vs 30 people", [ref("a.txt", 0), ref("c.txt", 1)])]
    ev = event("e1", ["a.txt", "b.txt", "c.txt"], discrepancies=discrepancies, title="Blast")
    return report(corpus, [a, b, c, z], [ev, event("e2", ["z.txt"])])


def test_baseline_writes_the_default_file_in_the_working_directory(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    result = cli("baseline", "articles", "-q")
    assert result.exit_code == 0, result.stderr
    data = json.loads((repo / "compare-baseline.json").read_text(encoding="utf-8"))
    assert data == make_baseline(accepted_state(repo / "articles"))
    assert str(pipeline["calls"][0]["index_dir"]) == ".compare-cache"
    assert not (repo / "articles" / "compare-baseline.json").exists()


def test_baseline_refuses_a_corpus_with_unreadable_files(cli, repo, pipeline):
    pipeline["report"] = lambda c: report(c, accepted_state(c).documents, accepted_state(c).events,
                                          errors=[InputError("broken.json", "not JSON")])
    result = cli("baseline", "articles", "-o", "b.json", "-q")
    assert result.exit_code == 3
    assert "broken.json: not JSON" in result.stderr and "no baseline written" in result.stderr
    assert not (repo / "b.json").exists()


def test_baseline_inside_the_corpus_is_a_usage_error(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    result = cli("baseline", "articles", "-o", "articles/compare-baseline.json")
    assert result.exit_code == 2 and "inside the corpus folder" in result.stderr
    assert pipeline["calls"] == []


def test_missing_corpus_is_a_usage_error(cli, repo, pipeline):
    assert cli("baseline", "nope").exit_code == 2
    (repo / "compare-baseline.json").write_text("{}", encoding="utf-8")
    result = cli("check", "nope", "--baseline", "compare-baseline.json")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found"),
        ("{\"format\": \"compare-baseline\", \"format_ver", "not valid JSON"),
        ("{\"format\": \"compare-baseline\", \"format_version\": 99, \"compare_version\": \"9.9\"}", "format version 99"),
        ("{\"format\": \"compare-baseline\", \"format_version\": 1}", "not a valid compare baseline"),
    ],
    ids=["missing", "truncated", "other-version", "wrong-shape"],
)
def test_unusable_baseline_exits_2_and_never_passes(cli, repo, pipeline, content, message):
    pipeline["report"] = accepted_state
    if content is not None:
        (repo / "compare-baseline.json").write_text(content, encoding="utf-8")
    result = cli("check", "articles", "--format", "json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""  # no report that could be mistaken for a pass
    assert pipeline["calls"] == []


def test_bad_option_values_are_usage_errors(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    assert cli("check", "articles", "--fail-on", "fatal").exit_code == 2
    assert cli("check", "articles", "--format", "yaml").exit_code == 2


def test_check_passes_when_nothing_is_new(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    assert cli("baseline", "articles", "-q").exit_code == 0
    result = cli("check", "articles")
    assert result.exit_code == 0
    assert "passed: nothing new at or above error" in result.stdout


def test_check_fails_with_a_github_annotation(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    cli("baseline", "articles", "-q")
    pipeline["report"] = conflict_state
    result = cli("check", "articles", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=articles/c.txt,line=2,title=compare%3A new number discrepancy (error)::"
        "20 vs 30 people [also: articles/a.txt:1]"
    )
    assert "FAILED" in result.stderr


def test_annotation_paths_are_relative_to_the_repository_root(cli, repo, pipeline, monkeypatch):
    pipeline["report"] = accepted_state
    cli("baseline", "articles", "-q")
    pipeline["report"] = conflict_state
    monkeypatch.chdir(repo / "articles")
    result = cli("check", ".", "--baseline", "../compare-baseline.json", "--format", "github", "-q")
    assert result.exit_code == 2 and "index folder" in result.stderr  # the default index would land in the corpus
    result = cli("check", ".", "--baseline", "../compare-baseline.json", "--format", "github", "-q",
                 "--index", "../.compare-cache")
    assert result.stdout.startswith("::error file=articles/c.txt,line=2,")


def test_fail_on_lowers_the_threshold(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    cli("baseline", "articles", "-q")
    pipeline["report"] = lambda c: report(
        c, [*accepted_state(c).documents, write_doc(c, "n.txt", ["A new story."])],
        [*accepted_state(c).events, event("e3", ["n.txt"])])
    assert cli("check", "articles", "-q").exit_code == 0
    assert cli("check", "articles", "-q", "--fail-on", "warning").exit_code == 0
    assert cli("check", "articles", "-q", "--fail-on", "info").exit_code == 1


def test_unreadable_input_exits_3_and_is_named(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    cli("baseline", "articles", "-q")
    pipeline["report"] = lambda c: report(c, conflict_state(c).documents, conflict_state(c).events,
                                          errors=[InputError("broken.json", "invalid JSON: Expecting value")])
    result = cli("check", "articles", "--format", "json")
    assert result.exit_code == 3
    assert "broken.json: invalid JSON" in result.stderr
    data = json.loads(result.stdout)
    assert data["exit_code"] == 3
    assert data["errors"] == [{"path": "articles/broken.json", "error": "invalid JSON: Expecting value"}]


def test_output_file_and_appended_summary(cli, repo, pipeline, tmp_path):
    pipeline["report"] = accepted_state
    cli("baseline", "articles", "-q")
    pipeline["report"] = conflict_state
    summary = tmp_path / "step-summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    result = cli("check", "articles", "--format", "junit", "-o", str(tmp_path / "junit.xml"),
                 "--summary", str(summary))
    assert result.exit_code == 1
    assert result.stdout == ""
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n### \u274c compare check")


def test_outputs_inside_the_corpus_are_refused(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    cli("baseline", "articles", "-q")
    result = cli("check", "articles", "-o", "articles/out.txt")
    assert result.exit_code == 2 and "inside the corpus" in result.stderr


def test_bad_config_file_is_a_usage_error(cli, repo, pipeline):
    pipeline["report"] = accepted_state
    cli("baseline", "articles", "-q")
    (repo / "bad.toml").write_text("[match]\nnum_perm = 'many'\n", encoding="utf-8")
    result = cli("check", "articles", "--config", "bad.toml")
    assert result.exit_code == 2 and "num_perm" in result.stderr
    assert cli("baseline", "articles", "--config", "bad.toml", "-o", "other.json").exit_code == 2
    assert not (repo / "other.json").exists()
