"""compare.dates on ECB+: share of the annotated TIME_DATE mentions that find_dates finds
(a found mention overlapping the annotated span counts), and sentences per second.

Run: .venv/bin/python benchmarks/bench_dates.py
"""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import date
from pathlib import Path

from compare.dates import find_dates

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev"


def main() -> None:
    if not DATA.is_dir():
        print(f"ECB+ data not found at {DATA}")
        return
    sentences: dict[tuple[str, int], str] = {}
    with (DATA / "ecbplus_docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            for s in doc["sentences"]:
                sentences[(doc["doc_id"], s["sent_id"])] = s["text"]
    reference = date(2012, 6, 15)
    found = total = 0
    missed: Counter[str] = Counter()
    with (DATA / "ecbplus_mentions.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            mention = json.loads(line)
            sentence = sentences.get((mention["doc_id"], mention["sentence"]))
            if mention["type"] != "TIME_DATE" or sentence is None:
                continue
            total += 1
            k = sentence.find(mention["text"])
            end = k + len(mention["text"])
            if k >= 0 and any(m.start < end and m.end > k for m in find_dates(sentence, reference)):
                found += 1
            else:
                missed[mention["text"].lower()] += 1
    start = time.perf_counter()
    for text in sentences.values():
        find_dates(text, reference)
    rate = len(sentences) / (time.perf_counter() - start)
    print(f"TIME_DATE mentions found: {found}/{total} = {found / total:.2f}; {rate:.0f} sentences/s")
    print("most frequent misses:", ", ".join(f"{t!r} x{n}" for t, n in missed.most_common(12)))


if __name__ == "__main__":
    main()
