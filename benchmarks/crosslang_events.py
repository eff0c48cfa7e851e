"""Event grouping across languages on real accounts (benchmarks/data/crosslang_judged.tsv).

    .venv/bin/python benchmarks/crosslang_events.py [--texts /work/private/h12-lang/crosslang]

19 real accounts of six CSTO events and two lone stories in Russian, English, Arabic, Greek and
German, judged by reading (URLs and labels in the TSV; the texts stay outside the repository).
Prints pairwise precision/recall/F1 over all pairs, over cross-language pairs and over
same-language pairs for, in the same run:

- compare with the multilingual extra (sentence embeddings for pairs in different languages);
- compare without it (what an English-only install does: only shingles of stems);
- compare with the extra but every story's terms made with the English tokens, stop list and
  stems (what compare did before non-English stories were read with their own language's);
- a tf-idf baseline: word tf-idf cosine of whole texts + average link at its best threshold
  (tuned on the data it is scored on: an upper bound for it).

Then, for the pairs of non-English accounts in one language, the tf-idf cosine of the match
stage's story terms (``shingles.story_terms``; idf over these accounts) made with each language's
own tokens and with the English ones: the mean over same-event pairs, the highest over pairs of
different events, and the gap between them (wider is easier to group).

No dates are given: only the text (and the dates compare finds in it) decides.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from itertools import combinations
from pathlib import Path
from unittest import mock

import numpy as np

from compare import load_config, run_corpus
from compare.lang import embed
from compare.match import shingles
from compare.model import Story

JUDGED = Path(__file__).parent / "data" / "crosslang_judged.tsv"
DEFAULT_TEXTS = Path("/work/private/h12-lang/crosslang")


def load() -> list[dict[str, str]]:
    rows = []
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            file, language, event, url, judgement = line.split("\t")
            rows.append({"file": file, "language": language, "event": event, "url": url, "judgement": judgement})
    return rows


def scores(labels: list[int], rows: list[dict[str, str]]) -> dict[str, tuple[float, float, float]]:
    out = {}
    for name, keep in (("all", lambda a, b: True), ("cross-language", lambda a, b: a != b),
                       ("same-language", lambda a, b: a == b)):
        tp = fp = fn = 0
        for i, j in combinations(range(len(rows)), 2):
            if not keep(rows[i]["language"], rows[j]["language"]):
                continue
            gold = rows[i]["event"] == rows[j]["event"]
            found = labels[i] == labels[j]
            tp += gold and found
            fp += found and not gold
            fn += gold and not found
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[name] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def compare_labels(corpus: Path, rows: list[dict[str, str]]) -> tuple[list[int], list[Story], float]:
    t0 = time.perf_counter()
    report = run_corpus(corpus, load_config(None), index_dir=None)
    elapsed = time.perf_counter() - t0
    event_of = {sid: n for n, e in enumerate(report.events) for sid in e.stories}
    docs = {d.path: d for d in report.documents}
    labels, stories = [], []
    for row in rows:
        doc = docs[row["file"]]
        main = next((s for s in doc.stories if s.kind == "article"), doc.stories[0])
        labels.append(event_of[main.id])
        stories.append(main)
    return labels, stories, elapsed


def english_tokens():  # type: ignore[no-untyped-def]
    """Every story's terms made with the English tokens, as before issue 12's change."""
    return mock.patch.object(shingles, "token_language", lambda language: None), mock.patch.object(
        shingles.lang_text, "token_language", lambda language: None)


def term_cosines(stories: list[Story]) -> np.ndarray:
    """tf-idf cosine (idf over these stories) of every pair's story-term hashes."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(map(str, shingles.story_terms(s).terms)) for s in stories]
    matrix = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\d+").fit_transform(docs)
    return (matrix @ matrix.T).toarray()


def separation(stories: list[Story], rows: list[dict[str, str]]) -> tuple[float, float, int, int]:
    """(mean same-event cosine, highest different-event cosine, pairs of each) over the pairs of
    non-English accounts in one language."""
    cos = term_cosines(stories)
    same, other = [], []
    for i, j in combinations(range(len(rows)), 2):
        if rows[i]["language"] == rows[j]["language"] != "en":
            (same if rows[i]["event"] == rows[j]["event"] else other).append(cos[i, j])
    return float(np.mean(same)), float(np.max(other)), len(same), len(other)


def tfidf_labels(texts: list[str], rows: list[dict[str, str]]) -> tuple[list[int], float]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    distance = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    best: tuple[float, list[int], float] = (-1.0, [], 0.0)
    for threshold in np.arange(0.05, 0.95, 0.05):
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance").tolist()
        f1 = scores(labels, rows)["all"][2]
        if f1 > best[0]:
            best = (f1, labels, float(threshold))
    return best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    args = parser.parse_args()
    rows = [r for r in load() if (args.texts / r["file"]).is_file()]
    if len(rows) < 2:
        raise SystemExit(f"texts not found under {args.texts} (they are kept outside the repository)")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "crosslang"
        corpus.mkdir()
        for row in rows:
            shutil.copy(args.texts / row["file"], corpus / row["file"])
        with_embeddings, stories, t_with = compare_labels(corpus, rows)
        with mock.patch.object(embed, "available", lambda: False), mock.patch.object(embed, "_told", {"missing"}):
            without, _, t_without = compare_labels(corpus, rows)
        first, second = english_tokens()
        with first, second:
            as_english, _, t_english = compare_labels(corpus, rows)
            english_separation = separation(stories, rows)
        own_separation = separation(stories, rows)
        languages = [s.language or "?" for s in stories]
        texts = [(corpus / r["file"]).read_text(encoding="utf-8") for r in rows]
    baseline, threshold = tfidf_labels(texts, rows)
    wrong = [(r["file"], r["language"], got) for r, got in zip(rows, languages, strict=True) if r["language"] != got]
    print(f"{len(rows)} accounts, {len({r['event'] for r in rows})} events, languages "
          f"{sorted({r['language'] for r in rows})}; language detected right for {len(rows) - len(wrong)}"
          + (f" (wrong: {wrong})" if wrong else ""))
    print(f"{'method':44} {'pairs':15} {'P':>6} {'R':>6} {'F1':>6}")
    for name, labels, note in (
        ("compare + multilingual embeddings", with_embeddings, f"{t_with:.1f} s"),
        ("compare without the multilingual extra", without, f"{t_without:.1f} s"),
        ("compare + extra, English tokens for all", as_english, f"{t_english:.1f} s"),
        (f"tf-idf cosine + average link (best t={threshold:.2f})", baseline, ""),
    ):
        for kind, (p, r, f1) in scores(labels, rows).items():
            print(f"{name:44} {kind:15} {p:6.3f} {r:6.3f} {f1:6.3f}  {note if kind == 'all' else ''}")
    print("story-term cosine, pairs of non-English accounts in one language "
          f"({own_separation[2]} same-event, {own_separation[3]} different-event):")
    for name, (same, other, _, _) in (("own language's tokens", own_separation), ("English tokens", english_separation)):
        print(f"  {name:22} same-event mean {same:.3f}  different-event max {other:.3f}  gap {same - other:+.3f}")


if __name__ == "__main__":
    main()
