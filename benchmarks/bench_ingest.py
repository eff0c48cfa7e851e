"""Reading speed of compare.ingest on real news text: ECB+ documents (../shared/data) written
as .txt files into a temporary folder, then ``read_corpus`` timed (best of 3, one core).

Run: .venv/bin/python benchmarks/bench_ingest.py [copies]
``copies`` (default 1) repeats the 772 documents under different names to test scale.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

from compare.ingest import read_corpus

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "ecbplus_docs.jsonl"


def _detokenize(text: str) -> str:
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)


def _write_corpus(folder: Path, copies: int) -> int:
    n = 0
    with ECB.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    for copy in range(copies):
        for doc in docs:
            sentences = [_detokenize(s["text"]) for s in doc["sentences"]]
            sentences = [s.replace(" ", "") if s.startswith("http") else s for s in sentences]
            (folder / f"{copy:03d}_{doc['doc_id']}.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
            n += 1
    return n


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    if not ECB.is_file():
        print(f"ECB+ data not found at {ECB}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = _write_corpus(folder, copies)
        size = sum(p.stat().st_size for p in folder.iterdir())
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            docs, errors = read_corpus(folder)
            best = min(best, time.perf_counter() - start)
        sentences = sum(len(s.sentences) for d in docs for s in d.stories)
        print(
            f"{n} files, {size / 1e6:.1f} MB, {sentences} sentences, {len(errors)} errors: "
            f"{best:.2f} s, {n / best:.0f} files/s, {size / 1e6 / best:.2f} MB/s"
        )


if __name__ == "__main__":
    main()
