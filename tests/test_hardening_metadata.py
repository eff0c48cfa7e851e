"""Issue 13, items 14-16: partial manifest dates, titles without page clutter, and a name for
every account (manifest, URL domain, a source:/outlet: line, else a short label)."""

from __future__ import annotations

import json
from pathlib import Path

from compare.ingest import read_corpus
from compare.ingest.manifest import validate_manifest
from compare.pipeline import run_corpus, write_outputs

BODY = ("The ministers met in Minsk on Wednesday and agreed on a plan for the river basin. "
        "The plan costs 40 million euros, the finance minister said. Work starts in the spring.\n")


def _corpus(root: Path, files: dict[str, str], manifest: dict | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    if manifest is not None:
        (root / "compare-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


# --------------------------------------------------------------------------- 14. partial dates


def test_manifest_accepts_partial_dates_and_the_report_says_the_day_is_unknown(tmp_path: Path) -> None:
    manifest = {"files": {"a.txt": {"date": "2023-11", "outlet": "A"}, "b.txt": {"date": "2023", "outlet": "B"}}}
    assert validate_manifest(manifest) == []
    assert validate_manifest({"files": {"a.txt": {"date": "2023-13"}}}) != []
    assert validate_manifest({"files": {"a.txt": {"date": "23-11"}}}) != []
    corpus = _corpus(tmp_path / "c", {"a.txt": "Plan agreed\n\n" + BODY, "b.txt": "Plan agreed in Minsk\n\n" + BODY}, manifest)
    docs, errors = read_corpus(corpus)
    assert errors == []
    by_path = {d.path: d for d in docs}
    assert by_path["a.txt"].date is None and by_path["b.txt"].date is None  # no day: never a wrong full date
    assert any("2023-11" in w and "day unknown" in w for w in by_path["a.txt"].warnings)
    assert any("2023" in w and "month and day unknown" in w for w in by_path["b.txt"].warnings)
    out = tmp_path / "out"
    write_outputs(run_corpus(corpus), out)
    assert "day unknown" in (out / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- 16. a name for every account

OTHER_BODY = ("Ministers meeting in Minsk on Wednesday agreed a plan for the river basin. "
              "The plan will cost 45 million euros, according to the finance minister. Work starts in the spring.\n")


def test_plain_text_outlet_from_url_domain_and_source_lines(tmp_path: Path) -> None:
    manifest = {"files": {"by-url.txt": {"url": "https://www.news.example.org/2023/plan"}}}
    corpus = _corpus(tmp_path / "c", {
        "by-url.txt": "Plan agreed\n\n" + BODY,
        "by-line.txt": "Source: Daily Planet\n\nPlan agreed in Minsk\n\n" + OTHER_BODY,
        "by-front-matter.txt": "---\noutlet: The Courier\nurl: https://courier.example/x\n---\nPlan agreed\n\n" + BODY,
        "credit.txt": "Plan agreed\n\nSource: this is a sentence about the source of the river, which is far away.\n\n" + BODY,
    }, manifest)
    docs, errors = read_corpus(corpus)
    assert errors == []
    outlet = {d.path: d.outlet for d in docs}
    assert outlet["by-url.txt"] == "news.example.org"
    assert outlet["by-line.txt"] == "Daily Planet"
    assert outlet["by-front-matter.txt"] == "The Courier"
    assert outlet["credit.txt"] is None
    by_line = next(d for d in docs if d.path == "by-line.txt")
    assert not any("Daily Planet" in s.text for st in by_line.stories for s in st.sentences)
    assert by_line.stories[0].title == "Plan agreed in Minsk"


def test_an_account_without_outlet_is_named_by_a_short_label(tmp_path: Path) -> None:
    from compare.htmlreport.views import account_name

    assert account_name(None, "feeds/000_4c3000b3cf1095f3.txt", None, "B") == "account B"
    assert account_name(None, "a1b2c3d4e5f6a7b8.txt", None, "A") == "account A"
    assert account_name(None, "world/news-players.txt", None, "A") == "news-players"
    assert account_name(None, "x.txt", "https://www.bbc.co.uk/news/1", "A") == "bbc.co.uk"
    assert account_name("TASS", "x.txt", "https://tass.com/1", "A") == "TASS"


# --------------------------------------------------------------------------- 15. titles without page clutter

LEAD = ("An airliner carrying 67 people crashed near the city on Wednesday, killing at least 38 people on board, "
        "the authorities said.\n")
MORE = "Rescue teams pulled 29 survivors from the wreckage, and 11 of them were in critical condition.\n"


def _title_and_first(tmp_path: Path, text: str) -> tuple[str | None, str, str | None]:
    corpus = _corpus(tmp_path / "t", {"a.txt": text})
    docs, errors = read_corpus(corpus)
    assert errors == []
    story = docs[0].stories[0]
    body = [s.text for s in story.sentences if s.role == "body"]
    return story.title, body[0], story.date


def test_a_date_label_before_the_headline_is_not_part_of_it(tmp_path: Path) -> None:
    title, first, date = _title_and_first(
        tmp_path, "date 2024-12-26 Passenger jet crashes near Aktau, dozens killed\n" + LEAD + MORE)
    assert title == "Passenger jet crashes near Aktau, dozens killed"
    assert first.startswith("An airliner")
    assert date == "2024-12-26"


def test_a_section_name_above_the_headline_is_not_the_title(tmp_path: Path) -> None:
    title, first, _ = _title_and_first(
        tmp_path, "Local News\nU.S. Figure Skaters Among Passengers on Flight 5342 That Crashed Into the River\n"
                  + LEAD + MORE)
    assert title == "U.S. Figure Skaters Among Passengers on Flight 5342 That Crashed Into the River"
    assert first.startswith("An airliner")


def test_a_section_name_above_the_text_is_not_the_title(tmp_path: Path) -> None:
    for section in ("Travel", "Overview", "Asia and Eurasia"):
        title, first, _ = _title_and_first(tmp_path / section, f"{section}\n" + LEAD + MORE)
        assert title is None, (section, title)
        assert first.startswith("An airliner"), section


def test_a_bare_dateline_is_not_the_title(tmp_path: Path) -> None:
    for dateline in ("Astana, Kazakhstan", "Moscow.", "Ahmedabad, India"):
        title, first, _ = _title_and_first(tmp_path / dateline.strip("."), f"{dateline}\n" + LEAD + MORE)
        assert title is None, (dateline, title)
        assert first.startswith("An airliner"), (dateline, first)


def test_a_short_real_headline_is_kept(tmp_path: Path) -> None:
    title, _, _ = _title_and_first(tmp_path, "Plan agreed\n\n" + BODY)
    assert title == "Plan agreed"
    title, _, _ = _title_and_first(tmp_path / "b", "Passenger jet crashes in Kazakhstan\n\n" + LEAD + MORE)
    assert title == "Passenger jet crashes in Kazakhstan"


def test_the_page_title_is_the_first_real_sentence_when_there_is_no_headline(tmp_path: Path) -> None:
    from compare.htmlreport.views import ReportIndex
    from compare.report import report_to_dict

    corpus = _corpus(tmp_path / "c", {"a.txt": "Photo: Reuters\n\nMoscow.\n\n" + LEAD + MORE})
    data = report_to_dict(run_corpus(corpus))
    ix = ReportIndex(data)
    sid = data["documents"][0]["stories"][0]["id"]
    assert ix.story_title(sid).startswith("An airliner carrying 67 people")


def test_a_date_label_before_the_first_sentence_is_cut_and_gives_the_date(tmp_path: Path) -> None:
    title, first, date = _title_and_first(tmp_path, "date 2023-08-23 " + LEAD + MORE)
    assert title is None
    assert first.startswith("An airliner")
    assert date == "2023-08-23"


def test_a_photo_caption_is_not_the_title(tmp_path: Path) -> None:
    for caption in ("Rescuers at the crash site near Aktau (Photo: AFP)",
                    "Rescuers at the crash site near Aktau (Photo by Jane Roe/Reuters)",
                    "Rescuers at the crash site near Aktau (Image: Getty Images)"):
        title, first, _ = _title_and_first(tmp_path / str(len(caption)) / caption[-6:-1].replace("/", "_"),
                                           f"{caption}\n" + LEAD + MORE)
        assert title is None, caption
        assert first.startswith("An airliner"), caption
