"""Event grouping on ECB+ (topics 1-35): pairwise precision/recall/F1 against ``event_cluster``.

Runs ``compare.match.group_events`` on every document of
../shared/data/ecbplus-dev/ecbplus_docs.jsonl (no dates in ECB+: date evidence
is neutral) and, in the same run, the plain baseline: tf-idf cosine of whole
documents with average-link clustering, at every threshold of a sweep, keeping
its best F1 (the baseline is tuned on the data it is scored on: an upper bound).

  .venv/bin/python benchmarks/ecbplus_events.py [--data PATH] [--set name=value ...] [--show]

The first sentence of an 'ecbplus' document is the tokenised URL the text was
found at (see the corpus README): it is not article text, and it would give the
subtopic away, so it is dropped.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from compare.config import MatchParams
from compare.match import group_events
from compare.model import Sentence, Story

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "ecbplus_docs.jsonl"


def load(path: Path) -> tuple[list[Story], list[str], list[int]]:
    stories, gold, topics = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        sentences = [s["text"] for s in doc["sentences"]]
        if sentences and sentences[0].replace(" ", "").startswith("http"):
            sentences = sentences[1:]
        story = Story(id=doc["doc_id"], document=doc["doc_id"], kind="article", title=None, date=None)
        pos = 0
        for i, text in enumerate(sentences):
            story.sentences.append(Sentence(i, text, pos, pos + len(text)))
            pos += len(text) + 1
        stories.append(story)
        gold.append(doc["event_cluster"])
        topics.append(int(doc["topic"]))
    return stories, gold, topics


def pairwise_prf(pred: list[int], gold: list[str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of a clustering, counted from cluster sizes."""
    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())
    tp = pairs(Counter(zip(pred, gold, strict=True)))
    pp, gp = pairs(Counter(pred)), pairs(Counter(gold))
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def show_errors(pred: list[int], gold: list[str]) -> None:
    """The wrong pairs of a clustering: events that mix gold events (false pairs, largest first) and gold
    events split over several events (missed pairs)."""
    def pairs(counts: Counter) -> int:
        return (sum(counts.values()) ** 2 - sum(c * c for c in counts.values())) // 2
    mixed = []
    for event in sorted(set(pred)):
        counts = Counter(g for p, g in zip(pred, gold, strict=True) if p == event)
        if len(counts) > 1:
            mixed.append((pairs(counts), event, counts))
    split = []
    for name in sorted(set(gold)):
        counts = Counter(p for p, g in zip(pred, gold, strict=True) if g == name)
        if len(counts) > 1:
            split.append((pairs(counts), name, sorted(counts.values(), reverse=True)))
    print(f"events mixing gold events: {len(mixed)}, false pairs {sum(m[0] for m in mixed)}")
    for n, _, counts in sorted(mixed, key=lambda m: (-m[0], m[1])):
        print(f"  {n:5d} false pairs: " + ", ".join(f"{g} x{c}" for g, c in sorted(counts.items())))
    print(f"gold events split: {len(split)}, missed pairs {sum(m[0] for m in split)}")
    for n, name, sizes in sorted(split, key=lambda m: (-m[0], m[1])):
        print(f"  {n:5d} missed pairs: {name} in parts of {sizes}")


def baseline(stories: list[Story], gold: list[str]) -> list[tuple[float, float, float, float]]:
    """tf-idf cosine + average-link at thresholds 0.05..0.95: (threshold, P, R, F1) each."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [s.text for s in stories]
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    dist = pdist(tfidf.toarray(), metric="cosine")
    tree = linkage(dist, method="average")
    rows = []
    for t in np.arange(0.05, 0.96, 0.025):
        labels = fcluster(tree, t=1.0 - t, criterion="distance")  # merge while cosine >= t
        rows.append((float(t), *pairwise_prf(labels.tolist(), gold)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a MatchParams field")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--show", action="store_true",
                    help="list every event that mixes gold events and every gold event split apart, with pair counts")
    args = ap.parse_args()
    params = MatchParams()
    for item in args.set:
        name, value = item.split("=", 1)
        current = getattr(params, name)
        parsed = value.lower() in ("1", "true", "yes") if isinstance(current, bool) else type(current)(value)
        params = dataclasses.replace(params, **{name: parsed})
    stories, gold, _ = load(args.data)
    print(f"ECB+ dev: {len(stories)} documents, {len(set(gold))} gold events")
    t0 = time.perf_counter()
    stats: dict = {}
    events = group_events(stories, params, stats=stats)
    elapsed = time.perf_counter() - t0
    label = {sid: n for n, ev in enumerate(events) for sid in ev.stories}
    p, r, f = pairwise_prf([label[s.id] for s in stories], gold)
    sizes = Counter(len(ev.stories) for ev in events)
    print(f"compare.match  P={p:.3f} R={r:.3f} F1={f:.3f}  events={len(events)} "
          f"singletons={sizes[1]}  {elapsed:.2f}s  candidate_pairs={stats.get('candidate_pairs')}")
    print(f"  params: {dataclasses.asdict(params)}")
    if args.show:
        show_errors([label[s.id] for s in stories], gold)
    if not args.no_baseline:
        rows = baseline(stories, gold)
        best = max(rows, key=lambda row: row[3])
        print(f"baseline tf-idf+average-link best: threshold={best[0]:.3f} P={best[1]:.3f} R={best[2]:.3f} F1={best[3]:.3f}")


if __name__ == "__main__":
    main()
