"""Incremental runs (issue 11): extracted documents and rendered pages taken from the index, the
cold run's bytes either way."""

from __future__ import annotations

import shutil
from pathlib import Path

from render_support import count_rendered_events

from compare.ingest import read_corpus
from compare.pipeline import run_corpus, write_outputs

NAV = "Home | World | Sport | Contact"


def _article(day: int, place: str, topic: str, nav: bool = False) -> str:
    body = (f"The council of {place} voted on {day} March to rebuild the {topic} after the storm. "
            f"Officials in {place} said the work on the {topic} would take {day + 3} months. "
            f"Residents of {place} had asked for the {topic} to be repaired since last year.")
    return (f"{NAV}\n\n" if nav else "") + f"{place} rebuilds its {topic}\n\n{day:02d} March 2024\n\n{body}\n"


def _corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


ARTICLES = {
    "a.txt": _article(10, "Dunmore", "harbour wall"),
    "b.txt": _article(12, "Kelso", "railway bridge", nav=True),
    "c.txt": _article(14, "Arbroath", "town library"),
    "d.txt": _article(16, "Brora", "fishing pier"),
}


def test_documents_are_taken_from_the_index_unless_their_inputs_changed(tmp_path):
    corpus = _corpus(tmp_path / "corpus", ARTICLES)
    index = tmp_path / "index"
    cold_docs, _ = read_corpus(corpus)
    stats: dict = {}
    first, _ = read_corpus(corpus, index_dir=index, stats=stats)
    assert stats["documents_reused"] == 0 and first == cold_docs
    again, _ = read_corpus(corpus, index_dir=index, stats=stats)
    assert stats["documents_reused"] == len(ARTICLES) and again == cold_docs

    # a new page with b's navigation line makes that line site chrome: b is extracted again
    (corpus / "e.txt").write_text(_article(18, "Wick", "sea wall", nav=True), encoding="utf-8")
    warm, _ = read_corpus(corpus, index_dir=index, stats=stats)
    assert stats["documents_reused"] == len(ARTICLES) - 1  # a, c, d
    cold, _ = read_corpus(corpus)
    assert warm == cold
    b = next(d for d in warm if d.path == "b.txt")
    assert any(line.text == NAV for line in b.dropped)

    (corpus / "c.txt").write_text(_article(14, "Arbroath", "old library"), encoding="utf-8")  # edited
    warm, _ = read_corpus(corpus, index_dir=index, stats=stats)
    assert stats["documents_reused"] == len(ARTICLES)  # all but c
    assert warm == read_corpus(corpus)[0]


def test_a_damaged_document_row_is_extracted_again(tmp_path):
    import sqlite3

    corpus = _corpus(tmp_path / "corpus", ARTICLES)
    index = tmp_path / "index"
    read_corpus(corpus, index_dir=index)
    with sqlite3.connect(index / "signatures.sqlite") as db:
        db.execute("UPDATE events SET value = ? WHERE key LIKE 'doc:%'", (b"not zlib",))
    stats: dict = {}
    docs, _ = read_corpus(corpus, index_dir=index, stats=stats)
    assert stats["documents_reused"] == 0 and docs == read_corpus(corpus)[0]


def test_renumbered_events_take_their_pages_over_with_the_new_id(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", ARTICLES)
    index, out = tmp_path / "index", tmp_path / "out"
    write_outputs(run_corpus(corpus, index_dir=index), out)
    before = run_corpus(corpus)
    rendered = count_rendered_events(monkeypatch)
    # an event dated before all the others: every event after it gets the next number
    (corpus / "0.txt").write_text(_article(2, "Lerwick", "ferry terminal"), encoding="utf-8")
    report = run_corpus(corpus, index_dir=index)
    assert [e.stories for e in report.events][1:] == [e.stories for e in before.events]
    assert [e.id for e in report.events][1:] != [e.id for e in before.events]  # renumbered
    write_outputs(report, out)
    assert len(rendered) == 1  # only the new event's page
    monkeypatch.undo()  # the real render_event again
    write_outputs(run_corpus(corpus), tmp_path / "cold")
    assert _bytes(out) == _bytes(tmp_path / "cold")


def test_a_page_edited_since_is_rendered_again(tmp_path):
    corpus = _corpus(tmp_path / "corpus", ARTICLES)
    index, out = tmp_path / "index", tmp_path / "out"
    write_outputs(run_corpus(corpus, index_dir=index), out)
    (corpus / "0.txt").write_text(_article(2, "Lerwick", "ferry terminal"), encoding="utf-8")
    page = sorted((out / "events").iterdir())[0]
    page.write_text(page.read_text(encoding="utf-8").replace("Dunmore", "Elsewhere"), encoding="utf-8")
    write_outputs(run_corpus(corpus, index_dir=index), out)
    write_outputs(run_corpus(corpus), tmp_path / "cold")
    assert _bytes(out) == _bytes(tmp_path / "cold")
    assert "Elsewhere" not in "".join(p.read_text(encoding="utf-8") for p in (out / "events").iterdir())
    shutil.rmtree(out)


def test_a_page_rendered_with_placeholders_is_the_page_itself(seed_corpus, tmp_path):
    from compare.htmlreport.render import render_event, render_links
    from compare.htmlreport.reuse import PageParts, PageReuse
    from compare.htmlreport.views import ReportIndex, page_names
    from compare.report import report_to_dict

    data = report_to_dict(run_corpus(seed_corpus))
    ix, names = ReportIndex(data), page_names(data["events"])
    reuse = PageReuse(None, None)
    parts = PageParts(lambda e, links_html=None: render_event(e, data, ix, links_html=links_html),
                      lambda e: render_links(e, ix))
    for event in data["events"]:
        for event_id in (event["id"], "e<7>&'x\"", "e\u202e1"):  # escaped and shown ids too
            shown = {**event, "id": event_id}
            direct = render_event(shown, data, ix)
            assert reuse.render("k", names[event["id"]], shown, parts) == direct


def test_pages_whose_links_evidence_moved_are_taken_over_with_the_new_links(seed_corpus, tmp_path, monkeypatch):
    import copy

    from compare.htmlreport import write_html
    from compare.htmlreport.reuse import PageReuse
    from compare.report import report_to_dict

    data = report_to_dict(run_corpus(seed_corpus))
    assert any(e["links"] for e in data["events"])
    index, out = tmp_path / "index", tmp_path / "out"
    reuse = PageReuse(index, out / "events")
    write_html(data, out, reuse=reuse)
    reuse.close()
    moved = copy.deepcopy(data)  # what one more file does to matching's corpus-wide scores
    for event in moved["events"]:
        for link in event["links"]:
            link["score"] = round(link["score"] * 0.9, 4)
    rendered = count_rendered_events(monkeypatch)
    again = tmp_path / "again"
    shutil.copytree(out, again)
    reuse = PageReuse(index, out / "events")
    write_html(moved, again, reuse=reuse)
    reuse.close()
    assert rendered == [] and reuse.reused == len(moved["events"])
    monkeypatch.undo()  # the real render_event again
    write_html(moved, tmp_path / "fresh")
    assert _bytes(again) == _bytes(tmp_path / "fresh") != _bytes(out)
