"""Output formats of `compare check`: text, JSON, GitHub workflow commands, JUnit XML, Markdown."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from test_check_support import C_LINES, accepted_state, disc, event, ref, report, write_doc

from compare.annotate import FORMATS, github_command, render
from compare.check import Finding, check_report, make_baseline
from compare.model import InputError

NASTY = 'a <script>alert("x")</script> & 100% | `tick` *bold* [link](http://x) \u201ccurly\u201d\nsecond line'


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus"
    path.mkdir()
    return path


def conflict_result(corpus, summary="20 people vs 30 people", errors=(), prefix="articles"):
    base = make_baseline(accepted_state(corpus))
    now = accepted_state(corpus)
    a, b, z = now.documents
    c = write_doc(corpus, "c.txt", C_LINES)
    discrepancies = [*now.events[0].discrepancies,
                     disc("number", "error", summary, [ref("a.txt", 0), ref("b.txt", 0), ref("c.txt", 1)]),
                     disc("framing", "warning", "a label only c uses", [ref("c.txt", 0)])]
    ev = event("e1", ["a.txt", "b.txt", "c.txt"], discrepancies=discrepancies, title="Blast",
               claims=[[ref("a.txt", 0), ref("b.txt", 0), ref("c.txt", 1)]])
    return check_report(report(corpus, [a, b, c, z], [ev, event("e2", ["z.txt"])], errors=list(errors),
                               stats={"index": {"signed": 1, "reused": 3}}), base, corpus, prefix=prefix)


def test_every_format_renders_deterministically(corpus):
    result = conflict_result(corpus)
    for fmt in FORMATS:
        assert render(result, fmt, "articles") == render(result, fmt, "articles")
    with pytest.raises(ValueError, match="unknown format"):
        render(result, "yaml")


def test_text(corpus):
    text = render(conflict_result(corpus), "text", "articles")
    assert "files: 1 new, 0 changed, 0 removed, 3 unchanged" in text
    assert "error   new discrepancy: articles/c.txt:2: 20 people vs 30 people [also: articles/a.txt:1; articles/b.txt:1]" in text
    assert "joined event" in text and "articles/a.txt, articles/b.txt" in text
    assert "signature index: 3 stories reused unchanged; 1 story signed (new or changed)" in text
    assert text.rstrip().endswith("FAILED: 1 new finding(s) at or above error")


def test_json(corpus):
    data = json.loads(render(conflict_result(corpus), "json", "articles"))
    assert (data["format"], data["exit_code"], data["passed"], data["fail_on"]) == ("compare-check", 1, False, "error")
    assert data["counts"] == {"error": 1, "warning": 1, "info": 1}
    assert data["files"]["new"] == ["articles/c.txt"]
    first = data["findings"][0]
    assert (first["kind"], first["file"], first["line"]) == ("new_discrepancy", "articles/c.txt", 2)
    assert [(r["file"], r["line"]) for r in first["related"]] == [("articles/a.txt", 1), ("articles/b.txt", 1)]
    assert data["index"] == {"reused_stories": 3, "signed_stories": 1}


def test_github_annotation_points_at_file_and_line(corpus):
    lines = render(conflict_result(corpus), "github", "articles").splitlines()
    assert lines[0] == (
        "::error file=articles/c.txt,line=2,title=compare%3A new number discrepancy (error)::"
        "20 people vs 30 people [also: articles/a.txt:1; articles/b.txt:1]"
    )
    assert lines[1].startswith("::warning file=articles/c.txt,line=1,title=compare%3A new framing discrepancy")
    assert any(x.startswith("::notice file=articles/c.txt,line=1,title=compare%3A joined an existing event::") for x in lines)
    assert "::group::compare check summary" in lines and lines[-1] == "::endgroup::"


def test_github_escaping():
    f = Finding("new_discrepancy", "error", "t: a, b", "100% sure\r\nline two", file="dir,x/a:b.txt", line=3)
    assert github_command(f) == (
        "::error file=dir%2Cx/a%3Ab.txt,line=3,title=compare%3A t%3A a%2C b::100%25 sure%0D%0Aline two"
    )
    assert github_command(Finding("x", "info", "t", "m")) == "::notice title=compare%3A t::m"


def test_junit_is_well_formed_and_escaped(corpus):
    result = conflict_result(corpus, summary=NASTY, errors=[InputError("broken.json", "invalid JSON <here> & there")])
    text = render(result, "junit", "articles")
    assert text.startswith("<?xml")
    root = ET.fromstring(text)
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "1", "1")
    failure = suite.find("testcase/failure")
    assert failure is not None and NASTY.split("\n")[0] in failure.get("message", "")
    assert "second line" in failure.get("message", "")
    (error,) = suite.iter("error")
    assert error.get("message") == "invalid JSON <here> & there"
    cases = {c.get("file"): c for c in suite.iter("testcase")}
    assert cases["articles/broken.json"].find("error") is not None
    assert "<script>" not in text  # escaped by the XML writer, not pasted in


def test_junit_with_nothing_new_has_one_passing_case(corpus):
    result = check_report(accepted_state(corpus), make_baseline(accepted_state(corpus)), corpus)
    suite = ET.fromstring(render(result, "junit")).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")


def test_markdown_summary(corpus):
    md = render(conflict_result(corpus, summary=NASTY), "markdown", "articles")
    assert md.startswith("### \u274c compare check: FAILED: 1 new finding(s) at or above error")
    assert "#### New discrepancies" in md and "#### Events" in md
    row = next(line for line in md.splitlines() if line.startswith("| \u274c |"))
    assert "`articles/c.txt:2`" in row
    assert row.count(" | ") == 4  # the summary's pipe and newline did not break the table row
    assert "<script>" not in md and "\\<script\\>" in md
    assert "signature index" in md


def test_markdown_passed_and_broken(corpus):
    ok = check_report(accepted_state(corpus), make_baseline(accepted_state(corpus)), corpus)
    assert render(ok, "markdown").startswith("### \u2705 compare check: passed")
    broken = conflict_result(corpus, errors=[InputError("broken.json", "not JSON")])
    md = render(broken, "markdown")
    assert "could not be read" in md and "`broken.json`" in md
    assert re.search(r"^### \u26a0", md)


def test_long_outputs_are_capped_where_people_read_them(corpus):
    """A big pull request: the Markdown tables and one-line messages stay readable; JSON has all."""
    from compare.annotate import MAX_MD_ROWS, MAX_RELATED

    base = make_baseline(accepted_state(corpus))
    now = accepted_state(corpus)
    lines = [f"Sentence number {n} of a long new story." for n in range(MAX_MD_ROWS + 10)]
    now.documents.append(write_doc(corpus, "long.txt", lines))
    wide = [ref("long.txt", n) for n in range(MAX_RELATED + 3)]
    now.events.append(event("e3", ["long.txt"], discrepancies=[
        disc("omission", "info", f"only long.txt carries sentence {n}", [ref("long.txt", n)]) for n in range(len(lines))
    ] + [disc("framing", "warning", "wide", wide)]))
    result = check_report(now, base, corpus)
    md = render(result, "markdown")
    assert "… and 10 more (see the JSON output)" in md  # 60 info omissions, 50 shown in their <details>
    assert md.index("#### New discrepancies") < md.index("| wide |") < md.index("<details><summary>60 info-level")
    github = render(result, "github")
    assert github.count("::notice") == 1  # the event it started; info discrepancies stay in the summary
    (warning,) = [x for x in github.splitlines() if x.startswith("::warning")]
    assert warning.endswith("; 2 more]")  # 8 sentences: 1 annotated, 5 named, 2 counted
    data = json.loads(render(result, "json"))
    assert len(data["findings"]) == len(lines) + 2
    assert len(next(f for f in data["findings"] if f["severity"] == "warning")["related"]) == MAX_RELATED + 2
