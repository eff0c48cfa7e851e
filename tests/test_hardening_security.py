"""Issue 13, security: what a hostile corpus must not be able to do.

1. a symlink out of the corpus is never read unless --follow-symlinks;
2. -o inside the corpus is refused before any work, and a folder holding a compare
   report or index is never read as articles;
3. check --format github escapes every value (no workflow command can be injected);
4. JUnit XML (and every other format) stays well-formed with control characters;
5. bidirectional controls never reorder what a report shows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from compare.check import make_baseline
from compare.ingest import read_corpus
from compare.pipeline import run_corpus, write_outputs

ARTICLE = (
    "Ministers agree on a water plan\n\n"
    "The ministers met in Minsk on Wednesday and agreed on a plan for the river basin. "
    "The plan costs 40 million euros, the finance minister said.\n"
)
OTHER = (
    "Water plan agreed in Minsk\n\n"
    "Ministers meeting in Minsk on Wednesday agreed a plan for the river basin. "
    "The plan will cost 45 million euros, according to the finance minister.\n"
)
SECRET = "SECRET-LINE root:x:0:0:the password file of this machine\n"


def _write(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# --------------------------------------------------------------------------- 1. symlinks


@pytest.fixture
def linked_corpus(tmp_path: Path) -> Path:
    outside = _write(tmp_path / "outside", {"passwd": SECRET, "dir/secret.txt": SECRET})
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE, "sub/b.txt": OTHER})
    (corpus / "p.txt").symlink_to(outside / "passwd")
    (corpus / "linked").symlink_to(outside / "dir", target_is_directory=True)
    (corpus / "inside.txt").symlink_to(corpus / "sub" / "b.txt")  # stays in the corpus: fine
    return corpus


def test_symlinks_out_of_the_corpus_are_not_read_by_default(linked_corpus: Path) -> None:
    docs, errors = read_corpus(linked_corpus)
    assert not any("SECRET-LINE" in d.text for d in docs)
    assert sorted(d.path for d in docs) == ["a.txt", "inside.txt", "sub/b.txt"]
    by_path = {e.path: e.error for e in errors}
    assert set(by_path) == {"p.txt", "linked"}
    for error in by_path.values():
        assert "outside the corpus" in error and "--follow-symlinks" in error


def test_follow_symlinks_reads_them(linked_corpus: Path) -> None:
    docs, errors = read_corpus(linked_corpus, follow_symlinks=True)
    assert not errors
    assert sum("SECRET-LINE" in d.text for d in docs) == 2


def test_run_cli_follow_symlinks_option(cli, linked_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("run", str(linked_corpus), "-o", str(out), "-q")
    assert result.exit_code == 3
    report = (out / "report.json").read_text(encoding="utf-8")
    assert "SECRET-LINE" not in report
    assert "SECRET-LINE" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    result = cli("run", str(linked_corpus), "-o", str(out), "-q", "--follow-symlinks")
    assert result.exit_code == 0
    assert "SECRET-LINE" in (out / "report.json").read_text(encoding="utf-8")


def test_manifest_symlinked_out_of_the_corpus_is_not_read(tmp_path: Path) -> None:
    outside = _write(tmp_path / "outside", {"m.json": json.dumps({"files": {"a.txt": {"outlet": "Leaked"}}})})
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE})
    (corpus / "compare-manifest.json").symlink_to(outside / "m.json")
    docs, errors = read_corpus(corpus)
    assert docs[0].outlet != "Leaked"
    assert [e.path for e in errors] == ["compare-manifest.json"]
    assert "outside the corpus" in errors[0].error


# --------------------------------------------------------------------------- 2. output inside the corpus


def test_run_refuses_an_output_folder_inside_the_corpus(cli, tmp_path: Path, capsys) -> None:
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE, "b.txt": OTHER})
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    result = cli("run", str(corpus), "-o", str(corpus / "reports"), "-q")
    assert result.exit_code == 2
    assert "inside the corpus" in result.output
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before  # nothing written


def test_run_refuses_an_index_folder_inside_the_corpus(cli, tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE, "b.txt": OTHER})
    result = cli("run", str(corpus), "-o", str(tmp_path / "out"), "--index", str(corpus / "idx"), "-q")
    assert result.exit_code == 2
    assert not (corpus / "idx").exists()


def test_a_folder_holding_a_compare_report_or_index_is_never_read(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE, "b.txt": OTHER})
    # an earlier run written into the corpus by an older compare (or by hand)
    write_outputs(run_corpus(corpus), corpus / "old-report")
    run_corpus(corpus, index_dir=corpus / "idx")
    assert (corpus / "idx" / "signatures.sqlite").exists()
    docs, errors = read_corpus(corpus)
    assert sorted(d.path for d in docs) == ["a.txt", "b.txt"]
    by_path = {e.path: e.error for e in errors}
    assert set(by_path) == {"old-report", "idx"}
    assert "compare report" in by_path["old-report"] and "index" in by_path["idx"]


# --------------------------------------------------------------------------- 3. GitHub workflow commands

EVIL_NAME = "x\n::warning file=evil::INJECTED,%0A\r::error::also.txt"


@pytest.fixture
def evil_check(tmp_path: Path):
    """A check run in which a new file's name carries workflow commands."""
    from compare.check import check_report

    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE})
    baseline = make_baseline(run_corpus(corpus))
    (corpus / EVIL_NAME).write_text(OTHER, encoding="utf-8")
    report = run_corpus(corpus)
    assert any(d.path == EVIL_NAME for d in report.documents)
    return check_report(report, baseline, corpus, fail_on="info", prefix="articles")


def _commands_github_would_run(text: str) -> list[str]:
    """Lines GitHub's runner treats as workflow commands, honouring ::stop-commands::."""
    run, stopped_by = [], None
    for line in text.split("\n"):
        if stopped_by is not None:
            if line == f"::{stopped_by}::":
                stopped_by = None
            continue
        if line.startswith("::stop-commands::"):
            stopped_by = line[len("::stop-commands::"):]
            continue
        if line.startswith("::"):
            run.append(line)
    return run


def test_github_format_escapes_every_value(evil_check) -> None:
    from compare.annotate import render_github

    text = render_github(evil_check, "articles")
    assert "\r" not in text
    commands = _commands_github_would_run(text)
    assert commands, "the findings are still annotated"
    for cmd in commands:
        m = re.match(r"^::(error|warning|notice|group|endgroup)(?: ([^:]*))?::(.*)$", cmd)
        assert m, cmd
        props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
        assert set(props) <= {"file", "line", "title"}, cmd
        assert not props.get("file", "").startswith("evil")
        if "INJECTED" in props.get("file", ""):
            assert props["file"].startswith("articles/x%0A%3A%3Awarning")  # the name, escaped, whole


def test_github_markdown_summary_is_escaped(evil_check) -> None:
    from compare.annotate import render_markdown

    md = render_markdown(evil_check, "articles")
    assert "\r" not in md
    assert not any(line.startswith("::") for line in md.split("\n"))


def test_text_format_shows_control_characters_in_names_visibly(evil_check) -> None:
    from compare.annotate import render_text

    text = render_text(evil_check, "articles")
    assert "\r" not in text
    assert not any(line.startswith("::") for line in text.split("\n"))
    assert "\\n::warning" in text  # shown, escaped, on the line that names the file


# --------------------------------------------------------------------------- 4. control characters


def _controls_corpus(tmp_path: Path) -> Path:
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE})
    record = {"title": "Water plan agreed\u0007 in Minsk", "outlet": "Bell\u0007 \u001b[31mNews\u0000",
              "text": OTHER.replace("Ministers", "Ministers\u0000\u0001", 1), "url": "https://news.example/a\u0000"}
    (corpus / "feed.json").write_text(json.dumps(record), encoding="utf-8")
    (corpus / "bell\u0007esc\u001b.txt").write_text(ARTICLE.replace("40", "41"), encoding="utf-8")
    return corpus


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def test_junit_is_well_formed_with_control_characters(tmp_path: Path) -> None:
    from compare.annotate import render
    from compare.check import check_report

    corpus = _controls_corpus(tmp_path)
    base = _write(tmp_path / "base", {"a.txt": ARTICLE})
    result = check_report(run_corpus(corpus), make_baseline(run_corpus(base)), corpus, fail_on="info")
    assert result.findings
    for fmt in ("text", "github", "junit", "markdown", "json"):
        out = render(result, fmt)
        assert not _XML_ILLEGAL.search(out), fmt
    ET.fromstring(render(result, "junit").encode("utf-8"))  # well-formed


def test_control_characters_never_reach_report_data_or_html(tmp_path: Path) -> None:
    corpus = _controls_corpus(tmp_path)
    report = run_corpus(corpus)
    feed = next(d for d in report.documents if d.path == "feed.json")
    assert feed.outlet == "Bell [31mNews"
    assert "\x00" not in feed.text and "\x01" not in feed.text
    out = tmp_path / "out"
    write_outputs(report, out)
    for page in out.rglob("*.html"):
        assert not _XML_ILLEGAL.search(page.read_text(encoding="utf-8")), page.name
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert any("\x07" in d["path"] for d in data["documents"])  # the real file name stays the data


# --------------------------------------------------------------------------- 5. bidi controls

RLO_URL = "https://x.example/\u202egpj.exe"


def _bidi_report(tmp_path: Path) -> Path:
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE})
    record = {"title": "Water plan \u202eagreed\u202c in Minsk", "outlet": "Evil \u2067News\u2069",
              "url": RLO_URL, "text": OTHER}
    (corpus / "feed.json").write_text(json.dumps(record), encoding="utf-8")
    out = tmp_path / "out"
    write_outputs(run_corpus(corpus), out)
    return out


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def test_bidi_controls_are_neutralised_in_the_html(tmp_path: Path) -> None:
    out = _bidi_report(tmp_path)
    for page in [out / "index.html", *sorted((out / "events").glob("*.html"))]:
        html = page.read_text(encoding="utf-8")
        assert not _BIDI.search(html), page.name
    html = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "[U+202E]" in html  # shown, marked, where it was
    assert 'href="https://x.example/' not in html  # never a link whose text can lie


def test_bidi_controls_neutralised_on_stderr(cli, tmp_path: Path) -> None:
    corpus = _write(tmp_path / "corpus", {"a.txt": ARTICLE})
    (corpus / "evil\u202etxt.exe").write_text("x", encoding="utf-8")
    result = cli("run", str(corpus), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 3
    assert "\u202e" not in result.output and "[U+202E]" in result.output
