"""Bad input: each unusable file is one clear error, the rest of the corpus is still read,
and nothing in the corpus folder is written."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from compare.ingest import InputFileError, read_corpus, read_document
from compare.ingest.manifest import MANIFEST_NAME

GOOD = "A headline about a meeting\n\n09.02.2022\n\nThe ministers met in Minsk on Wednesday. They agreed on a plan.\n"


def _corpus(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return root


def _errors(root: Path) -> dict[str, str]:
    docs, errors = read_corpus(root)
    assert [d.path for d in docs] == sorted(d.path for d in docs)
    return {e.path: e.error for e in errors}


def _one_error(tmp_path: Path, name: str, data: bytes | str) -> str:
    root = _corpus(tmp_path, {"good.txt": GOOD, name: data})
    docs, errors = read_corpus(root)
    assert [d.path for d in docs] == ["good.txt"], "the good file must still be read"
    assert len(errors) == 1 and errors[0].path == name
    with pytest.raises(InputFileError):
        read_document(root / name, root)
    return errors[0].error


def test_empty_file(tmp_path):
    assert "empty file" in _one_error(tmp_path, "empty.txt", b"")


def test_whitespace_only_file(tmp_path):
    assert "empty file" in _one_error(tmp_path, "blank.md", b"  \n\n \t\n")


def test_binary_file_with_nul_bytes(tmp_path):
    assert "binary file" in _one_error(tmp_path, "data.txt", b"abc\x00\x01\x02" * 100)


def test_binary_file_by_magic_number(tmp_path):
    assert "PDF" in _one_error(tmp_path, "report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_invalid_utf8_in_a_utf8_file(tmp_path):
    data = "Ministers met — and agreed.".encode() + b" broken \xff\xfe bytes here.\n"
    error = _one_error(tmp_path, "bad.txt", data)
    assert "invalid UTF-8" in error and "offset" in error


def test_unknown_extension(tmp_path):
    error = _one_error(tmp_path, "article.docx", b"some text")
    assert "unsupported file type ('.docx')" in error and ".jsonl" in error


def test_file_over_the_size_cap(tmp_path):
    root = _corpus(tmp_path, {"good.txt": GOOD})
    big = root / "huge.txt"
    with big.open("wb") as handle:  # a sparse 50 MB file: nothing is actually written to disk
        handle.truncate(50 * 1024 * 1024)
    errors = _errors(root)
    assert "50.0 MB" in errors["huge.txt"] and "20 MB limit" in errors["huge.txt"]


def test_truncated_html(tmp_path):
    page = "<html><body><article><h1>Title here</h1><p>The ministers met in Minsk.</p><div class=\"x"
    assert "truncated HTML" in _one_error(tmp_path, "cut.html", page)


def test_html_never_closed(tmp_path):
    page = "<html><head><title>T</title></head><body><p>The ministers met in Minsk on Monday.</p>"
    assert "truncated HTML" in _one_error(tmp_path, "cut2.html", page)


def test_html_without_text(tmp_path):
    page = "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>"
    assert "no article text" in _one_error(tmp_path, "empty.html", page)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html><body><h1>Laughs</h1><p>The ministers met in Minsk on Monday and agreed. &lol9;</p></body></html>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE page [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "http://127.0.0.1:9/x"> ]>
<html><body><h1>Entities</h1><p>The ministers met in Minsk on Monday. &secret; &remote;</p></body></html>
"""


@pytest.mark.parametrize("page", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_entities_are_never_expanded_or_fetched(tmp_path, page):
    root = _corpus(tmp_path, {"page.html": page})
    docs, errors = read_corpus(root)
    text = "\n".join(d.text for d in docs) + "\n".join(e.error for e in errors)
    assert "lollol" not in text
    assert "root:" not in text
    assert len(text) < 2000
    # the README's promise: one error naming the problem, and no "&lol9;" sentence (issue 13, item 8)
    assert docs == []
    assert [e.path for e in errors] == ["page.html"]
    assert "<!ENTITY" in errors[0].error and "not read" in errors[0].error


def test_invalid_json(tmp_path):
    error = _one_error(tmp_path, "a.json", '{"text": "The ministers met.", ')
    assert "invalid JSON at line 1" in error


def test_json_without_text(tmp_path):
    assert "no 'text' or 'html' field" in _one_error(tmp_path, "a.json", '{"title": "x"}')


def test_jsonl_bad_line_among_good_ones(tmp_path):
    lines = [
        json.dumps({"text": "The ministers met in Minsk. They agreed.", "outlet": "A", "date": "2022-02-09"}),
        "{not json",
        json.dumps({"html": "<p>The ministers met in Moscow on Tuesday. Talks went on.</p>", "outlet": "B"}),
        json.dumps({"title": "no body"}),
    ]
    root = _corpus(tmp_path, {"feed.jsonl": "\n".join(lines) + "\n"})
    docs, errors = read_corpus(root)
    assert [d.path for d in docs] == ["feed.jsonl:1", "feed.jsonl:3"]
    assert [d.outlet for d in docs] == ["A", "B"]
    assert docs[0].date == "2022-02-09"
    assert [(e.path, e.error.split(":")[0]) for e in errors] == [("feed.jsonl", "line 2"), ("feed.jsonl", "line 4")]
    assert "invalid JSON" in errors[0].error


def test_symlink_loop_is_not_followed(tmp_path):
    root = _corpus(tmp_path, {"good.txt": GOOD, "sub/inner.txt": GOOD})
    os.symlink("..", root / "sub" / "up")  # sub/up -> corpus root: a loop
    os.symlink("self.txt", root / "self.txt")  # a link to itself
    docs, errors = read_corpus(root)
    assert [d.path for d in docs] == ["good.txt", "sub/inner.txt"]
    by_path = {e.path: e.error for e in errors}
    assert "symlink loop" in by_path["sub/up"]
    assert "symlink loop" in by_path["self.txt"]


def test_broken_symlink(tmp_path):
    root = _corpus(tmp_path, {"good.txt": GOOD})
    os.symlink("missing.txt", root / "dangling.txt")
    assert "broken symlink" in _errors(root)["dangling.txt"]


def test_manifest_that_breaks_the_schema(tmp_path):
    manifest = {"files": {"good.txt": {"outlet": "X", "date": "9 Feb 2022"}}}
    root = _corpus(tmp_path, {"good.txt": GOOD, MANIFEST_NAME: json.dumps(manifest)})
    docs, errors = read_corpus(root)
    assert [d.path for d in docs] == ["good.txt"], "the corpus is still read without the manifest"
    (error,) = errors
    assert error.path == MANIFEST_NAME
    assert "/files/good.txt/date" in error.error and "rule broken: pattern" in error.error


def test_manifest_unknown_field(tmp_path):
    manifest = {"files": {"good.txt": {"publisher": "X"}}}
    root = _corpus(tmp_path, {"good.txt": GOOD, MANIFEST_NAME: json.dumps(manifest)})
    (error,) = read_corpus(root)[1]
    assert "/files/good.txt" in error.error and "additionalProperties" in error.error


def test_manifest_naming_a_missing_file(tmp_path):
    manifest = {"files": {"good.txt": {"outlet": "X"}, "gone.txt": {"outlet": "Y"}}}
    root = _corpus(tmp_path, {"good.txt": GOOD, MANIFEST_NAME: json.dumps(manifest)})
    docs, errors = read_corpus(root)
    assert docs[0].outlet == "X"
    assert [e.error for e in errors] == ["names 'gone.txt', which is not a readable file of the corpus"]


def _tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(path.relative_to(root).as_posix().encode())
        if path.is_symlink():
            h.update(os.readlink(path).encode())
        elif path.is_file():
            h.update(path.read_bytes())
        st = path.lstat()
        h.update(f"{st.st_mode}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def test_corpus_folder_is_unchanged_and_output_deterministic(tmp_path, seed_corpus):
    root = _corpus(
        tmp_path,
        {
            "good.txt": GOOD,
            "bad.txt": b"\x00\x01",
            "page.html": BILLION_LAUGHS,
            "feed.jsonl": '{"text": "One. Two."}\n{bad\n',
            MANIFEST_NAME: '{"files": {"good.txt": {"outlet": "X"}}}',
        },
    )
    for src in sorted(seed_corpus.glob("*.txt")):
        (root / src.name).write_bytes(src.read_bytes())
    os.symlink(".", root / "loop")
    before = _tree_hash(root)
    first = read_corpus(root)
    second = read_corpus(root)
    assert _tree_hash(root) == before
    assert first == second
