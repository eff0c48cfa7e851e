"""The aligner's pair score as a paraphrase detector: Microsoft Research Paraphrase Corpus (MRPC).

usage: python benchmarks/mrpc_pairs.py MRPC_DIR [--fit] [--link-threshold T]

MRPC_DIR holds ``msr_paraphrase_train.txt`` and ``msr_paraphrase_test.txt`` (the corpus's own
tab-separated files: quality, id, id, sentence 1, sentence 2; a header line is skipped).  The
corpus is third-party text: keep it outside the repository.

Each pair is scored as an event of two one-sentence accounts, the way ``align_event`` sees two
sentences.  For every method the threshold is the one with the best accuracy on the train split,
and accuracy / F1 are reported on the test split:

* token Jaccard: distinct lower-cased words, |A & B| / |A | B| (the "word overlap" baseline);
* old score: the three-signal mix the aligner linked with before (cosine, containment,
  token-set ratio, names-only damping), also shown at its old link_threshold 0.45;
* new score: ``PairScores.score``, the mean of the logistic model of
  ``compare/data/align_pair_model.json`` and the old mix, cut by the conflict guard (different
  named speakers, weekdays, dates or numbered incidents): what the aligner links with.  MRPC
  labels some pairs with different speakers or days as paraphrases ("closed on Monday" / "closed
  Friday"); the aligner must not link those, so the score is shown with and without the guard.

``--fit`` refits that model on the train split with scikit-learn (``pip install 'compare[bench]'``)
and rewrites the JSON file with the coefficients, how they were fit and the figures; the runtime
only reads the numbers.  Published for reference (test split): word overlap 73.0 acc / 81.3 F1,
BERT-base about 84.8 / 88.9.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from compare.align.similarity import (
    CONFLICT_FACTOR,
    NAMES_ONLY_FACTOR,
    pair_model,
    pair_scores,
    weigh_terms,
)
from compare.textnorm import words

MODEL_PATH = Path(__file__).resolve().parents[1] / "compare" / "data" / "align_pair_model.json"
# The features the model is fitted on (names of ``pair_features``).
FEATURES = [
    "cosine", "containment", "token_set", "stem_jaccard", "negation_mismatch", "word_jaccard",
    "word_in_shorter", "word_in_longer", "bigram_in_shorter", "length_gap", "word_order",
]
OLD_LINK_THRESHOLD = 0.45
OLD_NAMES_ONLY_FACTOR = 0.7  # the old score's damping of pairs that share only names
MODEL_WEIGHT = 0.5  # share of the model's probability in the pair score (the rest: the old mix)
CHUNK = 250  # pairs scored together (one sparse block; only its diagonal is used)

Pair = tuple[int, str, str]


def load(path: Path) -> list[Pair]:
    """(label, sentence 1, sentence 2) of every row of an MRPC file."""
    pairs = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        cells = line.rstrip("\r").split("\t")
        if len(cells) == 5 and cells[0] in ("0", "1"):
            pairs.append((int(cells[0]), cells[3], cells[4]))
    if not pairs:
        raise SystemExit(f"{path}: no MRPC rows (quality<TAB>id<TAB>id<TAB>sentence<TAB>sentence)")
    return pairs


def token_jaccard(a: str, b: str) -> float:
    x, y = {w.lower() for w in words(a)}, {w.lower() for w in words(b)}
    return len(x & y) / len(x | y) if x | y else 0.0


def score_pairs(pairs: list[Pair]) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """Features, old score, new score and conflict flag of every pair (each sentence its own account).

    The old score is the three-signal mix before the conflict guard (what the aligner linked with
    before); the new score is ``PairScores.score`` (after it)."""
    feats: dict[str, list[np.ndarray]] = {}
    old, new, conflict = [], [], []
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        texts = [t for _, a, b in chunk for t in (a, b)]
        st = weigh_terms(texts, list(range(len(texts))))  # idf as in a two-sentence event
        rows, cols = list(range(0, len(texts), 2)), list(range(1, len(texts), 2))
        ps = pair_scores(st, rows, cols)
        for name, values in ps.features.items():
            feats.setdefault(name, []).append(np.diagonal(values).copy())
        flags = np.diagonal(ps.conflict).copy()
        mix = np.where(flags, np.diagonal(ps.part) / CONFLICT_FACTOR, np.diagonal(ps.part))
        names_only = np.diagonal(ps.names_only)
        old.append(np.where(names_only, mix / NAMES_ONLY_FACTOR * OLD_NAMES_ONLY_FACTOR, mix))
        new.append(np.diagonal(ps.score).copy())
        conflict.append(flags)
    return ({k: np.concatenate(v) for k, v in feats.items()}, np.concatenate(old), np.concatenate(new),
            np.concatenate(conflict))


def accuracy_f1(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float]:
    predicted = scores >= threshold
    tp = int((predicted & labels).sum())
    fp = int((predicted & ~labels).sum())
    fn = int((~predicted & labels).sum())
    return float((predicted == labels).mean()), (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The threshold (a midpoint between distinct scores) with the best accuracy."""
    values = np.unique(scores)
    cuts = np.r_[values[0] - 1e-9, (values[1:] + values[:-1]) / 2, values[-1] + 1e-9]
    order = np.argsort(scores, kind="stable")
    s, y = scores[order], labels[order]
    # accuracy at cut c: negatives below c plus positives at or above c
    below = np.searchsorted(s, cuts, side="left")
    neg_below = np.r_[0, np.cumsum(~y)][below]
    pos_above = int(y.sum()) - np.r_[0, np.cumsum(y)][below]
    return float(cuts[int(np.argmax(neg_below + pos_above))])


def fit(features: dict[str, np.ndarray], labels: np.ndarray) -> dict:
    from sklearn.linear_model import LogisticRegression

    x = np.column_stack([features[name] for name in FEATURES])
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, labels)
    return {
        "features": FEATURES,
        "coefficients": [round(float(c), 4) for c in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
        "model_weight": MODEL_WEIGHT,
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mrpc_dir", type=Path)
    ap.add_argument("--fit", action="store_true", help="refit the model on train and rewrite the JSON file")
    ap.add_argument("--link-threshold", type=float, default=None,
                    help="also show the share of pairs the new score links at this threshold")
    args = ap.parse_args(argv)
    train = load(args.mrpc_dir / "msr_paraphrase_train.txt")
    test = load(args.mrpc_dir / "msr_paraphrase_test.txt")
    y_train = np.array([p[0] == 1 for p in train])
    y_test = np.array([p[0] == 1 for p in test])
    print(f"MRPC: train {len(train)} pairs ({y_train.mean():.1%} paraphrases), "
          f"test {len(test)} ({y_test.mean():.1%})")

    f_train, old_train, new_train, c_train = score_pairs(train)
    if args.fit:
        model = fit(f_train, y_train)
        MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        pair_model.cache_clear()
        f_train, old_train, new_train, c_train = score_pairs(train)
    else:
        model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    f_test, old_test, new_test, c_test = score_pairs(test)
    print(f"conflict guard (different speakers, days, dates, incidents): train {int(c_train.sum())} pairs "
          f"({int((c_train & y_train).sum())} labelled paraphrases), test {int(c_test.sum())} "
          f"({int((c_test & y_test).sum())})")

    rows = []
    jac_train = np.array([token_jaccard(a, b) for _, a, b in train])
    jac_test = np.array([token_jaccard(a, b) for _, a, b in test])
    for name, s_train, s_test in [
        ("token Jaccard", jac_train, jac_test),
        ("old score", old_train, old_test),
        ("new, no guard", np.where(c_train, new_train / CONFLICT_FACTOR, new_train),
         np.where(c_test, new_test / CONFLICT_FACTOR, new_test)),
        ("new score", new_train, new_test),
    ]:
        t = best_threshold(s_train, y_train)
        rows.append((name, t, *accuracy_f1(s_train, y_train, t), *accuracy_f1(s_test, y_test, t)))
    print(f"{'method':<16}{'threshold':>10}{'train acc':>11}{'train F1':>10}{'test acc':>10}{'test F1':>9}")
    for name, t, a_tr, f_tr, a_te, f_te in rows:
        print(f"{name:<16}{t:>10.3f}{a_tr:>11.3f}{f_tr:>10.3f}{a_te:>10.3f}{f_te:>9.3f}")
    a, f = accuracy_f1(old_test, y_test, OLD_LINK_THRESHOLD)
    print(f"old score at its link_threshold {OLD_LINK_THRESHOLD}: test acc {a:.3f} F1 {f:.3f}, "
          f"links {(old_test[~y_test] >= OLD_LINK_THRESHOLD).mean():.0%} of the non-paraphrase pairs")
    if args.link_threshold is not None:
        t = args.link_threshold
        a, f = accuracy_f1(new_test, y_test, t)
        print(f"new score at link_threshold {t}: test acc {a:.3f} F1 {f:.3f}, links "
              f"{(new_test[~y_test] >= t).mean():.0%} of the non-paraphrase and "
              f"{(new_test[y_test] >= t).mean():.0%} of the paraphrase pairs")

    if args.fit:
        name, t, a_tr, f_tr, a_te, f_te = rows[3]
        model["fit"] = (
            "scikit-learn LogisticRegression(C=1.0) on the MRPC train split (4,076 pairs), each pair "
            "scored as an event of two one-sentence accounts; refit with "
            "`python benchmarks/mrpc_pairs.py MRPC_DIR --fit`"
        )
        model["mrpc"] = {
            "train_threshold": round(t, 4), "train_accuracy": round(a_tr, 4), "train_f1": round(f_tr, 4),
            "test_accuracy": round(a_te, 4), "test_f1": round(f_te, 4),
        }
        MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
