"""Issue 13, what a new user trips on: an empty corpus (10), `inspect` on a missing file or a
folder (10) and with the corpus manifest (11), rich markup swallowing square brackets (12),
help that reads like the README (13)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-corpus"


def _run(*args: str, width: int = 100):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": str(width), "TERM": "dumb"}, catch_exceptions=False,
                              terminal_width=width)


# --------------------------------------------------------------------------- 10. empty corpus, inspect paths


def test_empty_corpus_is_a_usage_error_with_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "empty"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".hidden.txt").write_text("not read", encoding="utf-8")
    result = _run("run", str(corpus), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: no article files in {corpus} (compare reads .htm .html .json .jsonl .markdown .md .ndjson "
        ".text .txt .xhtml, in the folder and its subfolders)"]
    assert not (tmp_path / "out").exists()
    # a corpus repository may start empty: baseline and check say so and go on
    result = _run("baseline", str(corpus), "-o", str(tmp_path / "b.json"), "-q", "--index", str(tmp_path / "idx"))
    assert result.exit_code == 0 and "warning: no article files in" in result.stderr
    result = _run("check", str(corpus), "--baseline", str(tmp_path / "b.json"), "-q", "--index", str(tmp_path / "idx"))
    assert result.exit_code == 0 and "warning: no article files in" in result.stderr


def test_inspect_a_missing_file_says_so(tmp_path: Path) -> None:
    result = _run("inspect", str(tmp_path / "nonexistent"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nonexistent'}: no such file"


def test_inspect_a_folder_says_so(tmp_path: Path) -> None:
    result = _run("inspect", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr and "compare run" in result.stderr
    assert "unsupported file type" not in result.stderr


# --------------------------------------------------------------------------- 11. inspect reads the manifest


def test_inspect_reads_the_manifest_of_the_corpus(tmp_path: Path) -> None:
    manifest = json.loads((SEED / "compare-manifest.json").read_text(encoding="utf-8"))
    name, entry = sorted(manifest["files"].items())[0]
    assert entry.get("outlet")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(SEED / name, corpus / "sub" / name)
    manifest["files"] = {f"sub/{name}": entry}
    (corpus / "compare-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = _run("inspect", str(corpus / "sub" / name), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["outlet"] == entry["outlet"]
    assert json.loads(result.stdout)["path"] == f"sub/{name}"


# --------------------------------------------------------------------------- 12. square brackets


def test_square_brackets_survive_in_help_and_errors(tmp_path: Path) -> None:
    assert "compare[multilingual]" in _run("run", "--help", width=200).stdout
    assert "[match]" in _run("run", "--help", width=200).stdout
    config = tmp_path / "bad.toml"
    config.write_text("[mtach]\nnum_perm = 64\n", encoding="utf-8")
    result = _run("run", str(SEED), "-o", str(tmp_path / "out"), "--config", str(config), "-q")
    assert result.exit_code == 2
    assert "unknown section [mtach]; known: [match], [align]" in result.stderr
    weird = tmp_path / "[bold]x [link]"
    weird.mkdir()
    shutil.copy(SEED / sorted(p.name for p in SEED.glob("*.txt"))[0], weird / "a [red]b[bold].txt")
    result = _run("inspect", str(weird / "a [red]b[bold].txt"))
    assert result.exit_code == 0
    assert "a [red]b[bold].txt" in result.stdout


# --------------------------------------------------------------------------- 13. help like the README


@pytest.mark.parametrize("command", ["run", "inspect", "baseline", "check"])
def test_help_reads_like_the_readme(command: str) -> None:
    text = _run(command, "--help").stdout
    assert "<bool>" not in text
    assert not re.search(r"\{\w+\}", text), text
    argument = "FILE" if command == "inspect" else "CORPUS"
    assert re.search(rf"Usage: compare {command} \[OPTIONS\] {argument}\b", text), text


def test_top_level_command_descriptions_are_whole_sentences() -> None:
    text = _run("--help", width=80).stdout
    assert "<bool>" not in text
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^\s+(run|inspect|baseline|check)\s+(.*\S)\s*$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    assert set(rows) == {"run", "inspect", "baseline", "check"}, text
    for name, description in rows.items():
        assert description.endswith(".") and "..." not in description, (name, description)
