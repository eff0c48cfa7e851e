"""Main-content extraction on the HTML fixtures: compare's lxml extractor vs trafilatura.

For each page: how many of the sentences of the matching seed .txt story text are found in
the extracted text (recall), whether chrome leaked (cookie banner, menu, sidebar, footer
strings), and pages per second.  Run: .venv/bin/python benchmarks/bench_html.py
"""

from __future__ import annotations

import time
from pathlib import Path

import trafilatura

from compare.ingest import read_document
from compare.ingest.htmlextract import extract_html
from compare.textnorm import fold

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "tass-valdai-republished.html": "000_4c3000b3cf1095f3.txt",
    "csto-listing.html": "003_96d930d7006ecd34.txt",
}
CHROME = ["We use cookies", "Accept all cookies", "Most read", "All rights reserved", "Analytics", "Telegram"]


def _sentences(txt: Path) -> list[str]:
    doc = read_document(txt, txt.parent)
    return [fold(s.text) for st in doc.stories for s in st.sentences]


def _score(text: str, wanted: list[str]) -> tuple[float, list[str]]:
    folded = fold(text)
    found = sum(1 for s in wanted if s in folded)
    return found / len(wanted), [c for c in CHROME if c in text]


def _rate(fn, source: str, n: int = 30) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn(source)
    return n / (time.perf_counter() - start)


def main() -> None:
    print(f"{'page':32} {'extractor':12} {'recall':>7} {'pages/s':>8}  chrome leaked")
    for page, txt in PAGES.items():
        source = (ROOT / "fixtures" / "html" / page).read_text(encoding="utf-8")
        wanted = _sentences(ROOT / "fixtures" / "seed-corpus" / txt)
        runs = {
            "compare": lambda s: extract_html(s).text,
            "trafilatura": lambda s: trafilatura.extract(s, include_comments=False, favor_recall=False) or "",
            "traf-recall": lambda s: trafilatura.extract(s, include_comments=False, favor_recall=True) or "",
        }
        for name, fn in runs.items():
            recall, leaked = _score(fn(source), wanted)
            print(f"{page:32} {name:12} {recall:7.2f} {_rate(fn, source):8.0f}  {', '.join(leaked) or '-'}")


if __name__ == "__main__":
    main()
