"""The bad-input fixture through the command line: exit code 3, one error per bad file on
stderr and in report.json, the good files still reported, nothing written into the corpus."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad-input"
EXPECTED_ERRORS = {
    "bad-utf8.txt": "invalid UTF-8",
    "binary.txt": "binary file",
    "broken.json": "invalid JSON at line 3",
    "compare-manifest.json": "/files/good.txt/date",
    "cut.html": "truncated HTML",
    "empty.txt": "empty file",
    "feed.jsonl": "line 2: invalid JSON",
    "laughs.html": "<!ENTITY",
    "xxe.html": "<!ENTITY",
    "notes.docx": "unsupported file type",
}


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in sorted(folder.iterdir()))).hexdigest()


def test_bad_input_run(cli, tmp_path):
    before = _digest(BAD)
    out = tmp_path / "out"
    result = cli("run", str(BAD), "-o", str(out), "--quiet")
    assert result.exit_code == 3
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    errors = {e["path"]: e["error"] for e in report["errors"]}
    assert set(errors) == set(EXPECTED_ERRORS)
    for path, words in EXPECTED_ERRORS.items():
        assert words in errors[path], (path, errors[path])
        assert f"error: {path}: " in result.stderr
    docs = {d["path"]: d for d in report["documents"]}
    assert set(docs) == {"feed.jsonl:1", "feed.jsonl:3", "good.txt", "legacy-cp1251.txt"}
    assert docs["legacy-cp1251.txt"]["encoding"] == "cp1251"
    for page in ("laughs.html", "xxe.html"):  # an error line, never a sentence "&lol9;"
        assert "entities are never expanded" in errors[page]
    assert "lollol" not in json.dumps(report) and "root:" not in json.dumps(report)
    assert [d["outlet"] for p, d in sorted(docs.items()) if p.startswith("feed")] == ["Agency A", "Agency B"]
    assert _digest(BAD) == before


def test_inspect_shows_dropped_lines_and_quotes(cli):
    result = cli("inspect", str(BAD / "good.txt"))
    assert result.exit_code == 0
    assert "photo caption or credit: Photo: Press service" in result.stdout
    assert "speaker='the chairman' verb='said'" in result.stdout
    assert "title" in result.stdout and "2022-02-09" in result.stdout


def test_inspect_bad_file(cli):
    result = cli("inspect", str(BAD / "cut.html"))
    assert result.exit_code == 3
    assert "truncated HTML" in result.stderr
