"""Readers: encodings, formats, metadata, the HTML extractor and the seed manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.ingest import read_corpus, read_document
from compare.ingest.htmlextract import extract_html
from compare.ingest.manifest import MANIFEST_NAME, load_manifest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "fixtures" / "html"
RU = "Министры встретились в Минске в среду. Они согласовали план действий на следующий год.\n"
FR = "Les ministres se sont réunis à Minsk mercredi. Ils ont approuvé le plan élaboré à Genève.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FR.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + FR.encode("utf-8"), "utf-8-sig"),
        (FR.encode("utf-16"), "utf-16"),
        (RU.encode("cp1251"), "cp1251"),
        (FR.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1251", "cp1252"],
)
def test_encodings_are_detected(tmp_path, data, encoding):
    doc = read_document(_write(tmp_path, "a.txt", data), tmp_path)
    expected = RU if encoding == "cp1251" else FR
    assert doc.text == expected
    assert doc.stories[0].sentences[0].text.startswith(expected.split(" ")[0])
    if encoding == "cp1252":
        assert doc.encoding in ("cp1252", "latin_1", "iso8859-1", "iso8859-15")
    else:
        assert doc.encoding == encoding
    assert ("not UTF-8" in " ".join(doc.warnings)) == encoding.startswith("cp")


def test_cp1252_with_only_curly_quotes(tmp_path):
    text = "\u201cThe noise is worrying,\u201d said Scott. It\u2019s louder \u2013 much louder.\n"
    doc = read_document(_write(tmp_path, "a.txt", text.encode("cp1252")), tmp_path)
    assert doc.encoding == "cp1252" and doc.text == text


def test_cp1251_html_with_declared_charset(tmp_path):
    page = f"<html><head><meta charset='windows-1251'></head><body><p>{RU}</p></body></html>"
    doc = read_document(_write(tmp_path, "a.html", page.encode("cp1251")), tmp_path)
    assert doc.encoding == "cp1251" and "Министры" in doc.text
    assert doc.language == "ru"


def test_crlf_newlines_are_normalised(tmp_path):
    doc = read_document(_write(tmp_path, "a.txt", b"Title line here\r\n\r\nFirst one. Second one.\r\n"), tmp_path)
    assert "\r" not in doc.text
    assert [s.text for s in doc.stories[0].sentences] == ["Title line here", "First one.", "Second one."]


def test_markdown_heading_marker_is_not_in_the_title(tmp_path):
    doc = read_document(_write(tmp_path, "a.md", b"# Ministers meet in Minsk\n\nThey met on Monday. They agreed.\n"), tmp_path)
    assert doc.stories[0].title == "Ministers meet in Minsk" or doc.stories[0].sentences[0].text.endswith("Minsk")
    title = doc.stories[0].sentences[0]
    assert title.role == "title" and doc.text[title.start : title.end] == title.text


def test_json_list_gives_one_document_per_record(tmp_path):
    records = [
        {"title": "Ministers meet", "text": "They met on Monday. They agreed.", "outlet": "A", "url": "https://a.example/1",
         "date": "2022-02-09", "language": "en"},
        {"html": "<html><body><article><h1>Talks end</h1><p>The talks ended on Friday in Geneva.</p></article></body></html>",
         "outlet": "B"},
    ]
    root = tmp_path / "c"
    root.mkdir()
    (root / "feed.json").write_text(json.dumps(records), encoding="utf-8")
    docs, errors = read_corpus(root)
    assert errors == []
    assert [d.path for d in docs] == ["feed.json:1", "feed.json:2"]
    first, second = docs
    assert (first.outlet, first.url, first.date, first.title) == ("A", "https://a.example/1", "2022-02-09", "Ministers meet")
    assert first.stories[0].sentences[0].role == "title"
    assert first.stories[0].date == "2022-02-09"
    assert second.outlet == "B" and second.title == "Talks end"
    assert second.stories[0].id == "feed.json:2#0"


def test_json_object(tmp_path):
    path = _write(tmp_path, "one.json", json.dumps({"text": "Ministers met. They agreed.", "outlet": "C"}).encode())
    doc = read_document(path, tmp_path)
    assert doc.path == "one.json" and doc.outlet == "C" and doc.format == "json"


def test_html_metadata_and_chrome_removed():
    doc = read_document(HTML / "tass-valdai-republished.html", HTML)
    assert doc.format == "html"
    assert doc.outlet == "Russia - Islamic World"
    assert doc.url.startswith("https://")
    assert doc.date == "2022-02-09" and doc.language == "en"
    assert doc.derived_from == "TASS"
    text = " ".join(s.text for st in doc.stories for s in st.sentences)
    for chrome in ("cookies", "Most read", "All rights reserved", "Analytics", "Share", "peacekeepers complete withdrawal"):
        assert chrome not in text
    assert any(d.reason.startswith("photo caption") and "Creative Commons" in d.text for d in doc.dropped)


def test_html_main_container_and_hidden_elements():
    page = """<html><body><div class="menu">Home | News</div>
    <main><h1>Ministers meet in Minsk</h1><p style="display:none">Hidden teaser text here.</p>
    <p>The ministers met on Monday.<br>They agreed on a plan.</p>
    <ul><li>First point of the plan is agreed.</li><li>Second point is postponed.</li></ul></main>
    <footer>Copyright 2024</footer></body></html>"""
    page_text = extract_html(page).text
    assert page_text.split("\n\n") == [
        "Ministers meet in Minsk", "The ministers met on Monday.", "They agreed on a plan.",
        "\u2022 First point of the plan is agreed.", "\u2022 Second point is postponed.\n",
    ]


@pytest.mark.parametrize(
    ("html_name", "txt_name"),
    [("tass-valdai-republished.html", "000_4c3000b3cf1095f3.txt"), ("csto-listing.html", "003_96d930d7006ecd34.txt")],
)
def test_html_rendering_gives_the_same_stories_as_the_text(html_name, txt_name, seed_corpus):
    def shape(path: Path):
        doc = read_document(path, path.parent)
        return [(s.kind, s.title, s.date, [x.text for x in s.sentences]) for s in doc.stories]

    from_html, from_text = shape(HTML / html_name), shape(seed_corpus / txt_name)
    assert len(from_html) == len(from_text)
    assert from_html == from_text


def test_seed_manifest_is_valid_and_applied(seed_corpus):
    manifest = load_manifest(seed_corpus)
    assert manifest is not None and manifest["001_5e0001f6e6304a75.txt"]["outlet"] == "RT"
    docs, errors = read_corpus(seed_corpus)
    assert errors == []
    assert MANIFEST_NAME not in [d.path for d in docs]
    outlets = {d.path: d.outlet for d in docs}
    assert outlets["000_4c3000b3cf1095f3.txt"] == "TASS"
    assert outlets["003_96d930d7006ecd34.txt"].startswith("CSTO")
    assert all(d.language == "en" for d in docs)


def test_without_manifest_provenance_comes_from_the_text(tmp_path, seed_corpus):
    for src in seed_corpus.glob("*.txt"):
        (tmp_path / src.name).write_bytes(src.read_bytes())
    docs, errors = read_corpus(tmp_path)
    assert errors == []
    derived = {d.path[:3]: d.derived_from for d in docs}
    assert derived == {"000": "TASS", "001": None, "002": "TASS", "003": None, "004": "Parlamentskaya Gazeta"}
    assert all(d.outlet is None for d in docs)


def test_progress_callback(seed_corpus):
    seen = []
    read_corpus(seed_corpus, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert ("read", 5, 5) in seen and seen[-1] == ("extract", 5, 5)


def test_link_lists_without_class_names_are_dropped():
    page = """<html><body><div><a href='/'>Home</a> | <a href='/n'>News</a> | <a href='/c'>Contacts</a></div>
    <div><h1>Ministers agree on a new plan</h1><p>The ministers met in Minsk on Monday. <a href='/x'>The plan</a>
    runs to 2025.</p><ul><li><a href='/1'>Earlier talks in Geneva</a></li><li><a href='/2'>What the plan means</a></li></ul></div>
    <div><a href='/p'>Privacy</a> <a href='/t'>Terms of use</a></div></body></html>"""
    extracted = extract_html(page)
    assert extracted.text.split("\n\n") == [
        "Ministers agree on a new plan", "The ministers met in Minsk on Monday. The plan runs to 2025.\n",
    ]
    assert {d.text for d in extracted.dropped} == {
        "Home", "News", "Contacts", "Earlier talks in Geneva", "What the plan means", "Privacy", "Terms of use",
    }


def test_headline_outside_the_main_container_is_kept_and_site_name_stripped():
    page = """<html><head><title>Ministers agree on a new plan | World News</title>
    <meta property="og:site_name" content="World News"><meta property="article:published_time" content="2022-02-09T10:00:00Z">
    </head><body><header><h1>Ministers agree on a new plan</h1></header>
    <main><p>The ministers met in Minsk on Monday and agreed.</p><p>They will meet again in March.</p></main></body></html>"""
    extracted = extract_html(page)
    assert extracted.meta == {"title": "Ministers agree on a new plan", "outlet": "World News", "date": "2022-02-09"}
    assert extracted.text.startswith("Ministers agree on a new plan\n\nThe ministers met")


def test_markdown_front_matter_becomes_metadata(tmp_path):
    text = '---\ntitle: "Ministers agree on a plan"\ndate: 2022-02-09\nsource: Example News\nlang: en\n---\n\nThe ministers met. They agreed.\n'
    doc = read_document(_write(tmp_path, "a.md", text.encode()), tmp_path)
    assert (doc.title, doc.date, doc.outlet, doc.language) == ("Ministers agree on a plan", "2022-02-09", "Example News", "en")
    assert [s.text for s in doc.stories[0].sentences] == ["Ministers agree on a plan", "The ministers met.", "They agreed."]
    assert doc.stories[0].sentences[0].role == "title" and doc.stories[0].date == "2022-02-09"
