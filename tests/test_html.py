"""The HTML report without a browser: pages, escaping, links, CSP, word diffs, determinism."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from report_sample import HOSTILE, build_sample_report

from compare.html import write_html
from compare.htmlreport.views import account_label, http_url, page_name, page_names
from compare.htmlreport.worddiff import Segment, similarity, tokens, word_diff
from compare.pipeline import run_corpus, write_outputs
from compare.report import report_to_dict

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_CORPUS = ROOT / "fixtures" / "hostile"
TEMPLATES = ROOT / "compare" / "templates"


@pytest.fixture
def sample_out(tmp_path) -> Path:
    out = tmp_path / "out"
    write_outputs(build_sample_report(), out)
    return out


def _pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def _tree(path: Path):
    return lxml_html.fromstring(path.read_bytes())


# --------------------------------------------------------------------------- word diff


def test_word_diff_marks_changed_phrases_not_letters():
    segs = word_diff("Forty people were rescued on Tuesday.", "More than 40 people were saved on Wednesday.")
    assert Segment("del", "Forty") in segs and Segment("ins", "More than 40") in segs
    assert Segment("del", "Tuesday") in segs and Segment("ins", "Wednesday") in segs
    assert all(" " not in s.text.strip() or s.op == "same" or len(s.text.split()) > 1 for s in segs)


def test_word_diff_ignores_case_quotes_and_dashes():
    assert word_diff("He said \u201cyes\u201d \u2014 twice.", 'he said "yes" - twice.') == [
        Segment("same", 'he said "yes" - twice.')
    ]


def test_marks_leave_surrounding_white_space_outside():
    seg = Segment("del", " the CSTO's ")
    assert (seg.lead, seg.core, seg.trail) == (" ", "the CSTO's", " ")
    assert Segment("ins", "  ").core == "" and Segment("ins", "x").lead == ""


def test_same_person_tolerates_partial_names():
    from compare.htmlreport.views import _same_person

    assert _same_person(["Stanislav Zas", "Zas", "CSTO Secretary-General Stanislav Zas", "he"])
    assert not _same_person(["Lena Dahl", "Ivar Moen"])
    assert _same_person(["Zas", "the Secretary General"])  # a description is not a second name


def test_similarity_of_identical_and_disjoint_texts():
    assert similarity(word_diff("a b c", "a b c")) == 1.0
    assert similarity(word_diff("alpha beta", "gamma delta")) < 0.2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab c.\u2019\n", max_size=40), st.text(alphabet="ab c.\u2019\n", max_size=40))
def test_word_diff_rebuilds_the_other_text(reference, other):
    segs = word_diff(reference, other)
    assert "".join(s.text for s in segs if s.op != "del") == other
    assert word_diff(reference, other) == segs  # same input, same diff


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc d.,", max_size=40), st.text(alphabet="abc d.,", max_size=40))
def test_word_diff_rebuilds_the_reference_up_to_white_space(reference, other):
    segs = word_diff(reference, other)
    rebuilt = "".join(s.text for s in segs if s.op != "ins")
    assert rebuilt.split() == reference.split() or re.sub(r"\s", "", rebuilt) == re.sub(r"\s", "", reference)


def test_tokens_tile_the_text():
    text = "NATO\u2019s build-up: 3,000 troops\u2014\"over\"  20%."
    assert "".join(tokens(text)) == text


# --------------------------------------------------------------------------- helpers


def test_http_url_links_only_http_addresses():
    assert http_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert http_url(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "java\tscript:x",
                "data:text/html,<script>", "vbscript:x", "//example.org", "example.org", "", None,
                'https://x.org/"onmouseover="x'):
        assert http_url(bad) is None, bad


def test_page_names_and_labels():
    assert page_name("e12") == "e12.html"
    assert page_name("../../etc/passwd") == "______etc_passwd.html"
    names = page_names([{"id": "e/1"}, {"id": "e_1"}, {"id": "E_1"}, {"id": "e2"}])
    assert list(names.values()) == ["e_1.html", "e_1-2.html", "E_1-3.html", "e2.html"]
    assert [account_label(n) for n in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


# --------------------------------------------------------------------------- pages


def test_one_page_per_event_and_an_index(sample_out):
    data = report_to_dict(build_sample_report())
    assert {p.relative_to(sample_out).as_posix() for p in _pages(sample_out)} == {
        "index.html", *(f"events/{e['id']}.html" for e in data["events"])}


def test_rewriting_a_report_removes_stale_event_pages_only(sample_out):
    (sample_out / "events" / "e99.html").write_text("old", encoding="utf-8")
    (sample_out / "events" / "notes.txt").write_text("mine", encoding="utf-8")
    write_html(report_to_dict(build_sample_report()), sample_out)
    assert sorted(p.name for p in (sample_out / "events").iterdir()) == [
        "e1.html", "e2.html", "e3.html", "notes.txt"]


def test_index_lists_multi_account_events_and_single_stories_apart(sample_out):
    tree = _tree(sample_out / "index.html")
    rows = tree.xpath('//table[@id="events-table"]/tbody/tr')
    assert [r.xpath(".//a/@href")[0] for r in rows] == ["events/e1.html", "events/e2.html"]
    row = rows[0]
    assert row.xpath(".//a/@href") == ["events/e1.html"]
    outlets = [o.text_content() for o in row.xpath('.//span[@class="outlet"]')]
    assert outlets == ["Wire Agency", 'Daily <b onmouseover="window.__pwned=3">Bugle</b>', "Regional Post"]
    assert row.get("data-shared") == "4"
    # facts first: numbers, dates, speakers before the other errors; then warnings, then notes
    assert row.get("data-types").split() == ["number", "date", "attribution", "entity", "framing",
                                             "omission", "quote_wording"]
    single = tree.xpath('//table[@id="single-table"]/tbody/tr/th/a/@href')
    assert single == ["events/e3.html"]
    for label in ("f-text", "f-type", "f-sev"):
        assert tree.xpath(f'//label[@for="{label}"]'), label
    assert tree.xpath('//table[@id="events-table"]/caption')


def test_event_page_shows_sources_matrix_diffs_quotes_and_unique(sample_out):
    tree = _tree(sample_out / "events" / "e1.html")
    cards = tree.xpath('//ol[@class="cards"]/li')
    assert len(cards) == 3
    assert "Based on" in cards[2].text_content() and "Wire Agency" in cards[2].text_content()
    assert cards[2].xpath(".//a/@href") == ["http://post.example/dam"]
    # coverage matrix: 6 claims x 3 accounts, gaps where an account leaves a claim out
    matrix_rows = tree.xpath('//table[@id="matrix-table"]/tbody/tr')
    assert len(matrix_rows) == 6
    assert [len(r.xpath('td[@class="has"]')) for r in matrix_rows] == [2, 3, 3, 2, 1, 1]
    # side by side with word diffs
    claim2 = tree.get_element_by_id("claim-c2")
    assert [e.text for e in claim2.xpath(".//ins")][:2] == ["More than 40", "saved"]
    assert "Forty" in [e.text for e in claim2.xpath(".//del")]
    assert claim2.xpath(".//blockquote/@lang") == ["en", "en", "en"]  # the account's language, when known
    assert claim2.xpath('.//a[contains(@class,"conflict")]')
    assert tree.get_element_by_id("claim-c1").xpath('.//a[contains(@class,"badge")]/text()') == ["framing"]
    # the reprint's identical sentence carries no marks
    third = claim2.xpath('.//figure[contains(@class,"side")]')[2]
    assert not third.xpath(".//ins|.//del") and "same wording" in third.text_content()
    # quotations: one row for the shared quote, speakers differ
    quote_rows = tree.xpath('//table[@class="quotes"]/tbody/tr')
    assert len(quote_rows) == 1
    assert "different speakers" in quote_rows[0].text_content()
    assert len(quote_rows[0].xpath(".//q")) == 3
    assert quote_rows[0].xpath(".//th//a/@href") == ["#claim-c3"]
    assert quote_rows[0].xpath('.//q//ins/text()') == ["came up", "seconds"]
    # what each account alone carries
    alone = tree.xpath('//section[@class="alone"]')
    assert ["c5" in a.text_content() for a in alone] == [True, False, False]
    assert "Critics blame years of neglect." in alone[1].text_content()


def _many_accounts_report(n: int):
    from compare.model import Claim, Document, Event, Report, Sentence, SentenceRef, Story

    docs, refs = [], []
    for i in range(n):
        text = f"Outlet {i} reports that the bridge reopened on Monday after {i + 1} weeks."
        path = f"{i:02d}.txt"
        story = Story(f"{path}#0", path, "article", None, "2024-05-06", [Sentence(0, text, 0, len(text))])
        docs.append(Document(path, f"{i:064x}", "text", text, outlet=f"Outlet {i}", stories=[story]))
        refs.append(SentenceRef(story.id, 0))
    event = Event("e1", [d.stories[0].id for d in docs], claims=[Claim("c1", refs)])
    return Report("many", docs, [event], [])


def test_index_folds_long_account_lists_and_event_page_keeps_every_account(tmp_path):
    write_outputs(_many_accounts_report(9), tmp_path)
    row = _tree(tmp_path / "index.html").xpath('//table[@id="events-table"]/tbody/tr')[0]
    assert len(row.xpath("./td/ul/li")) == 6
    assert row.xpath("./td/details/summary/text()") == ["3 more"]
    assert len(row.xpath("./td/details/ul/li")) == 3
    page = _tree(tmp_path / "events" / "e1.html")
    assert len(page.xpath('//ol[@class="cards"]/li')) == 9
    claim = page.get_element_by_id("claim-c1")
    assert len(claim.xpath('.//figure')) == 9
    assert claim.xpath(".//figure[2]//del/text()") == ["0", "1"]
    assert claim.xpath(".//figure[2]//ins/text()") == ["1", "2"]


def test_empty_and_degenerate_reports_render(tmp_path):
    from compare.model import Document, Event, InputError, Report, Story

    write_outputs(Report("empty", [], [], [InputError("a.pdf", "a PDF document")]), tmp_path / "empty")
    index = _tree(tmp_path / "empty" / "index.html")
    assert "No event is told by more than one account" in index.text_content()
    assert index.xpath('//table[@class="errors"]/tbody//th/text()') == ["a.pdf"]
    assert not index.xpath("//form")  # nothing to filter
    silent = Story("quiet.txt#0", "quiet.txt", "article", None, None, [])
    doc = Document("quiet.txt", "0" * 64, "text", "", stories=[silent])
    write_outputs(Report("degenerate", [doc], [Event("e1", [silent.id])], []), tmp_path / "degenerate")
    page = _tree(tmp_path / "degenerate" / "events" / "e1.html")
    assert "0 sentences" in page.text_content()


def test_discrepancies_are_numbered_worst_first_with_prev_next_links(sample_out):
    tree = _tree(sample_out / "events" / "e1.html")
    items = tree.xpath('//li[contains(@class,"disc ")]')
    assert [i.get("id") for i in items] == [f"d{n}" for n in range(1, 8)]
    assert [i.get("data-severity") for i in items] == ["error"] * 3 + ["warning"] * 3 + ["info"]
    assert items[0].xpath('.//a[@rel="next"]/@href') == ["#d2"]
    assert items[0].xpath('.//a[@rel="prev"]') == []
    assert items[1].xpath('.//a[@rel="prev"]/@href') == ["#d1"]
    assert items[0].get("tabindex") == "-1"
    assert "about 300" in items[0].text_content()  # details shown
    # a finder's [[op, text], ...] diff is drawn with marks, not printed as numbers
    assert items[6].xpath('.//p[@class="disc-diff"]/del/text()') == ["rose", "minutes"]
    assert items[6].xpath('.//p[@class="disc-diff"]/ins/text()') == ["came up", "seconds"]
    assert "diff" not in items[6].xpath("string(.//dl)")


def test_every_internal_link_resolves(sample_out):
    for page in _pages(sample_out):
        tree = _tree(page)
        ids = set(tree.xpath("//@id"))
        for href in tree.xpath("//a/@href"):
            if href.startswith("#"):
                assert href[1:] in ids, (page.name, href)
            elif not href.startswith(("http://", "https://")):
                target = (page.parent / href.split("#")[0]).resolve()
                assert target.is_file(), (page.name, href)


# --------------------------------------------------------------------------- safety


def _assert_inert(page: Path) -> None:
    """Only our one script, no event-handler attributes, no javascript: links, nothing external."""
    tree = _tree(page)
    scripts = tree.xpath("//script")
    assert len(scripts) == 1, page
    assert scripts[0].text == (TEMPLATES / "report.js").read_text(encoding="utf-8")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (page.name, el.tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), value
    assert not tree.xpath("//img|//iframe|//object|//embed|//svg|//link[@rel='stylesheet']|//base")


def test_hostile_text_is_shown_as_text_and_never_becomes_markup(sample_out):
    for page in _pages(sample_out):
        _assert_inert(page)
    index_text = _tree(sample_out / "index.html").text_content()
    assert f"cannot decode bytes {HOSTILE}" in index_text
    assert "</script><script>alert(1)</script> exercise begins." in index_text
    event_text = _tree(sample_out / "events" / "e1.html").text_content()
    assert f"Residents posted videos tagged {HOSTILE}." in event_text
    assert "javascript:window.__pwned=4" in event_text  # the address is shown, as text
    raw = (sample_out / "events" / "e1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in raw


def test_hostile_corpus_renders_inert(tmp_path):
    out = tmp_path / "out"
    write_outputs(run_corpus(HOSTILE_CORPUS), out)
    pages = _pages(out)
    assert len(pages) >= 2
    for page in pages:
        _assert_inert(page)
    everything = " ".join(_tree(p).text_content() for p in pages)
    assert "onerror=" in everything and "javascript:" in everything  # shown, not dropped


def test_csp_allows_exactly_the_inlined_script_and_style(sample_out):
    raw = (sample_out / "index.html").read_text(encoding="utf-8")
    tree = _tree(sample_out / "index.html")
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    script = re.search(r"<script>(.*?)</script>", raw, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", raw, re.S).group(1)
    assert f"script-src {digest(script)}" in csp
    assert f"style-src {digest(style)}" in csp
    assert "default-src 'none'" in csp
    assert raw.index("Content-Security-Policy") < raw.index("<style>")


# --------------------------------------------------------------------------- determinism


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_runs_over_the_same_corpus_give_identical_bytes(seed_corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_outputs(run_corpus(seed_corpus), a)
    write_outputs(run_corpus(seed_corpus), b)
    snap_a, snap_b = _snapshot(a), _snapshot(b)
    assert "report.json" in snap_a and "index.html" in snap_a
    assert sorted(snap_a) == sorted(snap_b)
    for name in snap_a:
        assert snap_a[name] == snap_b[name], name


@pytest.mark.slow
def test_identical_bytes_across_processes_with_different_hash_seeds(seed_corpus, tmp_path):
    """Set iteration order changes with PYTHONHASHSEED; no output may depend on it."""
    import os
    import subprocess
    import sys

    runs = {}
    for seed in ("1", "2"):  # both at once: the machine has two cores
        out = tmp_path / f"run{seed}"
        cmd = [sys.executable, "-m", "compare", "run", str(seed_corpus), "-o", str(out), "-q",
               "--index", str(tmp_path / f"cache{seed}")]
        runs[out] = subprocess.Popen(cmd, env={**os.environ, "PYTHONHASHSEED": seed}, cwd=tmp_path,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    snaps = []
    for out, proc in runs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
        snaps.append(_snapshot(out))
    assert "report.json" in snaps[0]
    assert sorted(snaps[0]) == sorted(snaps[1])
    assert [n for n in snaps[0] if snaps[0][n] != snaps[1][n]] == []


def test_write_html_from_the_dict_alone_is_deterministic(tmp_path):
    data = report_to_dict(build_sample_report())
    first = write_html(data, tmp_path / "one")
    write_html(data, tmp_path / "two")
    assert len(first) == 4
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")
    for page in first:
        text = page.read_text(encoding="utf-8")
        assert str(tmp_path) not in text
