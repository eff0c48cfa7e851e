"""Sentence splitters on the seed paragraphs: agreement with hand-checked boundaries, and speed.

Candidates: compare's rule-based splitter (compare.ingest.sentences), pysbd, syntok, and
blingfire when it is installed (``pip install blingfire``; not a dependency of compare).
Gold: benchmarks/data/seed-sentences.gold.json (300 sentences in 162 paragraphs).

Agreement is counted on sentences compared after trimming white space and a leading
dialogue dash: recall = gold sentences found exactly, precision = predicted sentences that
are gold, and the share of paragraphs split exactly right.  Speed is sentences per second
over all paragraphs, best of 3 runs, one core.

Run: .venv/bin/python benchmarks/bench_splitters.py
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from compare.ingest.sentences import split_sentences

GOLD = Path(__file__).resolve().parent / "data" / "seed-sentences.gold.json"
_DASH = re.compile(r"^[-\u2013\u2014]\s+")


def _norm(sentences: list[str]) -> list[str]:
    return [_DASH.sub("", re.sub(r"\s+", " ", s).strip()) for s in sentences if s.strip()]


def _splitters() -> dict[str, Callable[[str], list[str]]]:
    import pysbd
    from syntok import segmenter

    seg = pysbd.Segmenter(language="en", clean=False)

    def syntok_split(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                out.append("".join(tok.spacing + tok.value for tok in sentence))
        return out

    found: dict[str, Callable[[str], list[str]]] = {
        "compare (regex rules)": split_sentences,
        "pysbd": seg.segment,
        "syntok": syntok_split,
    }
    try:
        import blingfire

        found["blingfire"] = lambda text: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        pass
    return found


ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "ecbplus_docs.jsonl"


def _detokenize(text: str) -> str:
    """ECB+ sentences are tokenized ("Reid , 33 , said ."); rebuild ordinary spacing."""
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return re.sub(r'" (.*?) "', r'"\1"', text)


def _ecb_gold(limit: int = 300) -> list[dict]:
    """ECB+ documents (other outlets): runs of body sentences joined into one paragraph each.

    Headlines and date lines (no sentence punctuation) are left out: in a real file they
    stand on lines of their own, which the splitter never joins.
    """
    if not ECB.is_file():
        return []
    out: list[dict] = []
    with ECB.open(encoding="utf-8") as handle:
        for line in handle:
            run: list[str] = []
            for s in json.loads(line)["sentences"]:
                text = _detokenize(s["text"]).strip()
                if re.search(r"[.!?][\"'\u201d\u2019]?$", text) and len(text.split()) >= 4:
                    run.append(text)
                    continue
                if len(run) >= 2:
                    out.append({"paragraph": " ".join(run), "sentences": run})
                run = []
            if len(run) >= 2:
                out.append({"paragraph": " ".join(run), "sentences": run})
            if len(out) >= limit:
                break
    return out


def _squash(sentences: list[str]) -> list[str]:
    return [re.sub(r"\W+", "", s) for s in sentences if re.sub(r"\W+", "", s)]


def _table(title: str, gold: list[dict], norm: Callable[[list[str]], list[str]]) -> None:
    paragraphs = [g["paragraph"] for g in gold]
    total_gold = sum(len(g["sentences"]) for g in gold)
    print(f"\n{title}: {len(paragraphs)} paragraphs, {total_gold} gold sentences")
    print(f"{'splitter':24} {'recall':>7} {'precision':>9} {'paragraphs':>10} {'sentences/s':>12}")
    for name, split in _splitters().items():
        hit = predicted = exact = 0
        for g in gold:
            want, got = Counter(norm(g["sentences"])), Counter(norm(split(g["paragraph"])))
            hit += sum((want & got).values())
            predicted += sum(got.values())
            exact += want == got
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            n = sum(len(split(p)) for p in paragraphs)
            best = min(best, time.perf_counter() - start)
        print(
            f"{name:24} {hit / total_gold:7.3f} {hit / max(predicted, 1):9.3f} "
            f"{exact / len(gold):10.3f} {n / best:12.0f}"
        )


def main() -> None:
    _table("seed corpus (hand-checked)", json.loads(GOLD.read_text(encoding="utf-8"))["paragraphs"], _norm)
    ecb = _ecb_gold()
    if ecb:
        _table("ECB+ news documents (corpus sentence split, detokenized)", ecb, _squash)


if __name__ == "__main__":
    main()
