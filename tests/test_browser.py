"""The HTML report in a real headless Chromium (Playwright driving the system browser).

Skipped when /usr/bin/chromium (or Playwright) is missing, unless COMPARE_REQUIRE_BROWSER=1
(CI sets it), in which case a missing browser is a failure.  Screenshots of the seed
corpus's index and of its event with the most accounts go to test-output/screenshots/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from report_sample import build_sample_report

from compare.pipeline import run_corpus, write_outputs

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("COMPARE_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "test-output" / "screenshots"
HOSTILE_CORPUS = ROOT / "fixtures" / "hostile"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def _unavailable(reason: str):
    if os.environ.get("COMPARE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (COMPARE_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reports(browser, tmp_path_factory) -> dict[str, Path]:  # browser first: skip before building
    base = tmp_path_factory.mktemp("browser")
    outs = {"seed": base / "seed", "sample": base / "sample", "hostile": base / "hostile"}
    write_outputs(run_corpus(ROOT / "fixtures" / "seed-corpus"), outs["seed"])
    write_outputs(build_sample_report(), outs["sample"])
    write_outputs(run_corpus(HOSTILE_CORPUS), outs["hostile"])
    return outs


class Watched:
    """A page with everything that must not happen recorded: console errors, page errors,
    dialogs (alert/confirm), and requests for anything but file:// URLs."""

    def __init__(self, browser, width: int = 1280, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=True)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(f"console {m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: r.url.startswith("file://") or self.problems.append(f"request: {r.url}"))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser):
    pages: list[Watched] = []

    def make(width: int = 1280, height: int = 900) -> Watched:
        w = Watched(browser, width, height)
        pages.append(w)
        return w

    yield make
    for w in pages:
        w.close()


def _most_accounts(out: Path) -> dict:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return max(data["events"], key=lambda e: (len(e["stories"]), -data["events"].index(e)))


def test_seed_index_lists_every_event(reports, watched):
    out = reports["seed"]
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    w = watched()
    page = w.open(out / "index.html")
    multi = [e for e in data["events"] if len(e["stories"]) > 1]
    single = [e for e in data["events"] if len(e["stories"]) == 1]
    assert page.locator("#events-table tbody tr").count() == len(multi)
    assert page.locator("#single-table tbody tr").count() == len(single)
    links = page.locator("#events-table tbody tr th a, #single-table tbody tr th a")
    hrefs = sorted(links.nth(i).get_attribute("href") for i in range(links.count()))
    assert hrefs == sorted(f"events/{e['id']}.html" for e in data["events"])
    assert page.locator("h1").inner_text().endswith("seed-corpus")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    assert w.problems == [] and w.dialogs == []


def test_seed_event_with_most_accounts(reports, watched):
    out = reports["seed"]
    event = _most_accounts(out)
    w = watched()
    page = w.open(out / "events" / f"{event['id']}.html")
    assert page.locator("ol.cards > li").count() == len(event["stories"])
    # the seed corpus has one event told by three outlets (Zas at the Valdai club)
    assert len(event["stories"]) >= 2
    # the accounts share claims and the changed words are marked
    assert page.locator("#claims article.claim").count() >= 1
    assert page.locator("#claims ins").count() >= 1 and page.locator("#claims del").count() >= 1
    assert page.locator("#matrix-table tbody tr").count() == len(event["claims"])
    # discrepancy navigation on real data
    assert page.locator("li.disc").count() == len(event["discrepancies"]) >= 2
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "d2"
    assert page.evaluate(
        "() => { const r = document.getElementById('d2').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }")
    page.screenshot(path=str(SCREENSHOTS / "event-most-accounts.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "event-most-accounts-top.png"))
    if page.locator("#claims").count():
        page.locator("#claims").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('claims').scrollIntoView()")
        page.screenshot(path=str(SCREENSHOTS / "event-most-accounts-claims.png"))
    assert w.problems == [] and w.dialogs == []


def test_every_page_of_every_report_loads_cleanly(reports, watched):
    w = watched()
    for name, out in reports.items():
        for path in sorted(out.rglob("*.html")):
            w.open(path)
            assert w.page.evaluate("typeof window.__pwned") == "undefined", (name, path.name)
    assert w.problems == []
    assert w.dialogs == []


def test_diff_marks_render_on_an_event_page(reports, watched):
    w = watched()
    page = w.open(reports["sample"] / "events" / "e1.html")
    claim = page.locator("#claim-c2")
    assert claim.locator("ins").first.inner_text() == "More than 40"
    assert claim.locator("del").first.inner_text() == "Forty"
    # marks are visible: coloured background and strike-through / underline
    style = claim.locator("del").first.evaluate(
        "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).backgroundColor]")
    assert "line-through" in style[0] and style[1] != "rgba(0, 0, 0, 0)"
    assert w.problems == []


def test_sentence_links_open_the_full_text_at_that_sentence(reports, watched):
    w = watched()
    page = w.open(reports["sample"] / "events" / "e1.html")
    target = page.locator("#B-s3")
    assert not target.is_visible()  # inside a closed <details>
    page.click("#claim-c4 figure:nth-of-type(2) a.sref")
    assert page.evaluate("location.hash") == "#B-s3"
    assert target.is_visible() and target.inner_text() == "Over 500 homes were destroyed."
    assert w.problems == []


def test_keyboard_moves_from_one_discrepancy_to_the_next(reports, watched):
    w = watched(1280, 600)
    page = w.open(reports["sample"] / "events" / "e1.html")
    active = "() => document.activeElement && document.activeElement.id"
    assert page.evaluate(active) != "d1"
    page.keyboard.press("j")
    assert page.evaluate(active) == "d1"
    page.keyboard.press("j")
    assert page.evaluate(active) == "d2"
    page.keyboard.press("n")
    assert page.evaluate(active) == "d3"
    y_at_d3 = page.evaluate("window.scrollY")
    for _ in range(3):
        page.keyboard.press("j")
    assert page.evaluate(active) == "d6"
    assert page.evaluate("window.scrollY") > y_at_d3  # the page scrolled to follow
    in_view = page.evaluate(
        "() => { const r = document.getElementById('d6').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }")
    assert in_view
    page.keyboard.press("k")
    assert page.evaluate(active) == "d5"
    page.keyboard.press("p")
    assert page.evaluate(active) == "d4"
    assert page.locator("#d4").evaluate("e => e.classList.contains('current')")
    for _ in range(10):
        page.keyboard.press("j")
    assert page.evaluate(active) == "d7"  # stops at the last one
    # the visible links do the same job
    page.click("#d7 a[rel=prev]")
    assert page.evaluate("location.hash") == "#d6"
    assert page.evaluate(active) == "d6"  # the link made it the current one
    page.keyboard.press("k")
    assert page.evaluate(active) == "d5"
    assert w.problems == []


def test_coverage_filter_and_keys_inside_a_control(reports, watched):
    w = watched()
    page = w.open(reports["sample"] / "events" / "e1.html")
    shown = page.locator("#matrix-table tbody tr:not([hidden])")
    page.select_option("#m-show", "gaps")
    assert shown.count() == 4  # c1, c4, c5, c6
    page.select_option("#m-show", "shared")
    assert shown.count() == 4  # c1, c2, c3, c4
    page.focus("#m-show")
    page.keyboard.press("j")  # focus is on the select: the key is not a navigation key there
    assert page.evaluate("document.activeElement.id") == "m-show"
    page.select_option("#m-show", "all")
    assert shown.count() == 6
    assert w.problems == []


def test_discrepancy_filter_and_keys_skip_hidden_items(reports, watched):
    w = watched()
    page = w.open(reports["sample"] / "events" / "e1.html")
    active = "() => document.activeElement && document.activeElement.id"
    page.select_option("#d-sev", "warning")
    assert page.locator("li.disc:not([hidden])").count() == 6
    assert page.locator("#d-count").inner_text() == "6 of 7"
    page.select_option("#d-type", "framing")
    assert page.locator("li.disc:not([hidden])").count() == 1
    page.select_option("#d-type", "")
    page.select_option("#d-sev", "error")
    page.locator("h1").click()  # leave the select so keys navigate
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate(active) == "d3"
    page.keyboard.press("j")  # d4 and later are warnings and info: hidden, so it stays
    assert page.evaluate(active) == "d3"
    page.select_option("#d-sev", "")
    page.locator("h1").click()
    page.keyboard.press("j")
    assert page.evaluate(active) == "d4"
    assert w.problems == []


def test_index_filter_and_sort(reports, watched):
    w = watched()
    page = w.open(reports["sample"] / "index.html")
    rows = page.locator("#events-table tbody tr")
    visible = page.locator("#events-table tbody tr:not([hidden])")

    def first_titles():
        return [rows.nth(i).locator("th a").inner_text() for i in range(rows.count())]

    assert visible.count() == 2
    page.fill("#f-text", "minsk daily")
    assert visible.count() == 1 and "Council meets" in visible.first.inner_text()
    assert page.locator("#count-events-table").inner_text() == "1 of 2"
    singles = page.locator("#single-table tbody tr:not([hidden])")
    assert singles.count() == 0 and page.locator("#empty-single-table").is_visible()
    page.fill("#f-text", "listing.html")  # file names are searchable too
    assert singles.count() == 1 and page.locator("#count-single-table").inner_text() == "1 of 1"
    assert visible.count() == 1  # the event whose CSTO account is in d/listing.html
    page.fill("#f-text", "no such outlet")
    assert visible.count() == 0 and page.locator("#empty-events-table").is_visible()
    page.fill("#f-text", "")
    page.select_option("#f-type", "date")
    assert visible.count() == 1 and "dam failure" in visible.first.inner_text()
    assert singles.count() == 0  # a single story has no discrepancy of any type
    page.select_option("#f-type", "")
    page.select_option("#f-sev", "warning")
    assert visible.count() == 2
    page.select_option("#f-sev", "error")
    assert visible.count() == 1
    page.select_option("#f-sev", "")
    # sorting: date ascending, then descending; accounts numeric
    page.click("#events-table th button[data-sort=date]")
    assert page.locator("#events-table th:has(button[data-sort=date])").get_attribute("aria-sort") in ("ascending", "descending")
    order1 = first_titles()
    page.click("#events-table th button[data-sort=date]")
    order2 = first_titles()
    assert order1 == list(reversed(order2))
    page.click("#events-table th button[data-sort=accounts]")
    assert page.locator("#events-table th:has(button[data-sort=accounts])").get_attribute("aria-sort") == "ascending"
    counts = [int(rows.nth(i).get_attribute("data-accounts")) for i in range(rows.count())]
    assert counts == sorted(counts)
    assert w.problems == []


def test_hostile_report_runs_nothing(reports, watched):
    for name in ("hostile", "sample"):
        w = watched()
        for path in sorted(reports[name].rglob("*.html")):
            page = w.open(path)
            # give any injected handler (onerror of a broken image, onload) a chance to fire
            page.wait_for_timeout(50)
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            assert page.locator("img, iframe, svg, object, embed").count() == 0
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
            assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
        assert w.dialogs == [], name
        assert w.problems == [], name
    page = w.open(reports["sample"] / "events" / "e1.html")
    text = page.locator("main").inner_text()
    assert "<script>window.__pwned=1</script>" in text  # shown to the reader, as text


def test_phone_width_has_no_horizontal_page_scroll(reports, watched):
    w = watched(390, 844)
    for path in (reports["sample"] / "index.html", reports["sample"] / "events" / "e1.html"):
        page = w.open(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path.name, overflow)
    page.screenshot(path=str(SCREENSHOTS / "sample-event-phone.png"), full_page=False)
    assert w.problems == []


def test_print_media_hides_controls(reports, watched):
    w = watched()
    page = w.open(reports["sample"] / "index.html")
    page.emulate_media(media="print")
    assert not page.locator("form.controls").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("form.controls").is_visible()


def test_bidi_and_control_characters_are_shown_marked_never_reordered(browser, watched, tmp_path):
    """Issue 13 (5, 4): a URL, outlet and title with bidi overrides and control characters."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = ("Water plan agreed in Minsk\n\nMinisters meeting in Minsk on Wednesday agreed a plan for the river basin. "
            "The plan will cost 45 million euros, according to the finance minister.\n")
    (corpus / "a.txt").write_text(body.replace("45", "40"), encoding="utf-8")
    record = {"title": "Water plan \u202eagreed\u202c in Minsk\u0007", "outlet": "Evil \u2067News\u2069\u001b",
              "url": "https://x.example/\u202egpj.exe", "text": body}
    (corpus / "feed.json").write_text(json.dumps(record), encoding="utf-8")
    out = tmp_path / "out"
    write_outputs(run_corpus(corpus), out)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    event = next(e for e in data["events"] if len(e["stories"]) == 2)
    w = watched()
    for path in (out / "index.html", out / "events" / f"{event['id']}.html"):
        page = w.open(path)
        text = page.evaluate("document.body.textContent")
        assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0007\u001b")
        assert page.locator("a[href*='x.example']").count() == 0  # never a link whose text can lie
    assert "https://x.example/[U+202E]gpj.exe" in page.locator("ol.cards").inner_text()
    assert "[U+2067]News[U+2069]" in page.locator("ol.cards").inner_text()
    assert w.problems == []


def test_accounts_without_outlet_have_short_names_and_partial_dates_are_said(browser, watched, tmp_path):
    """Issue 13 (16, 14): hash-named plain-text files with no outlet, a partial manifest date."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = ("Water plan agreed in Minsk\n\nMinisters meeting in Minsk on Wednesday agreed a plan for the river basin. "
            "The plan will cost 45 million euros, according to the finance minister.\n")
    (corpus / "000_4c3000b3cf1095f3.txt").write_text(body, encoding="utf-8")
    (corpus / "001_5e0001f6e6304a75.txt").write_text(body.replace("45", "40"), encoding="utf-8")
    (corpus / "compare-manifest.json").write_text(json.dumps({"files": {"000_4c3000b3cf1095f3.txt": {"date": "2023-11"}}}))
    out = tmp_path / "out"
    write_outputs(run_corpus(corpus), out)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    event = next(e for e in data["events"] if len(e["stories"]) == 2)
    w = watched()
    page = w.open(out / "events" / f"{event['id']}.html")
    names = [page.locator("#matrix-table thead .colname").nth(i).inner_text() for i in range(2)]
    assert names == ["account A", "account B"]
    cards = page.locator("ol.cards").inner_text()
    assert "unknown outlet" not in cards and "4c3000b3" not in page.locator("ol.cards .card-head").first.inner_text()
    page = w.open(out / "index.html")
    assert "day unknown" in page.locator("body").inner_text()
    assert w.problems == []


def test_titles_shown_are_headlines_or_first_sentences_never_page_clutter(browser, watched, tmp_path):
    """Issue 13 (15): a section name, a bare dateline, a date label do not become titles."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lead = ("An airliner carrying 67 people crashed near the city on Wednesday, killing at least 38 people on "
            "board, the authorities said.\nRescue teams pulled 29 survivors from the wreckage, and 11 of them were "
            "in critical condition.\n")
    (corpus / "a.txt").write_text("Local News\nAirliner Crashes Near Aktau, Killing 38\n" + lead, encoding="utf-8")
    (corpus / "b.txt").write_text("Astana, Kazakhstan\n" + lead.replace("38", "39"), encoding="utf-8")
    (corpus / "c.txt").write_text("date 2024-12-25 " + lead.replace("67", "68"), encoding="utf-8")
    out = tmp_path / "out"
    write_outputs(run_corpus(corpus), out)
    w = watched()
    page = w.open(out / "index.html")
    titles = page.locator("#events-table tbody th a, #single-table tbody th a").all_inner_texts()
    assert titles and "Airliner Crashes Near Aktau, Killing 38" in titles
    shown = page.locator("body").inner_text()
    for clutter in ("Local News", "Astana, Kazakhstan", "date 2024-12-25"):
        assert clutter not in shown
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    event = max(data["events"], key=lambda e: len(e["stories"]))
    page = w.open(out / "events" / f"{event['id']}.html")
    cards = page.locator("ol.cards").inner_text()
    assert "Local News" not in cards and "Astana, Kazakhstan" not in cards and "date 2024" not in cards
    assert w.problems == []
