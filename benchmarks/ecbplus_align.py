"""Score the sentence aligner on ECB+ (topics 1-35): do sentences that report the same action share a claim?

usage: python benchmarks/ecbplus_align.py [DATA_DIR] [--no-semantic] [--sweep]

Each gold event cluster of ECB+ (several web articles on one real-world event) is aligned as one
event, every article a story made of its annotated sentences (ECBplus_coreference_sentences.csv;
the others carry no labels).  The pairs scored are those sentences of two different articles of
the same cluster: positive when ``ecbplus_xdoc_sentence_pairs.tsv`` lists them with a
non-empty ``shared_action_instances``, negative otherwise.  A pair is predicted positive when the
aligner puts both sentences into one claim.

Printed beside it, measured on the same pairs in the same run: tf-idf cosine and token Jaccard
with the threshold that is best for them on this very data (an oracle, so an upper bound for
those baselines), and the aligner's own pair score with its best threshold (no assignment).
The semantic mode runs when compare[semantic] is installed.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from compare.align import align_event
from compare.align.similarity import pair_scores, weigh_terms
from compare.config import AlignParams
from compare.model import Event, Sentence, SentenceRef, Story

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev"

Pair = tuple[SentenceRef, SentenceRef]


def load(data: Path) -> tuple[list[tuple[Event, dict[str, Story]]], dict[Pair, bool]]:
    """Events (one per gold cluster) and the labelled annotated sentence pairs."""
    docs = [json.loads(line) for line in (data / "ecbplus_docs.jsonl").open(encoding="utf-8")]
    annotated = set()
    with (data / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            annotated.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    positives = set()
    with (data / "ecbplus_xdoc_sentence_pairs.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["same_event_cluster"] == "1" and row["shared_action_instances"].strip():
                a = SentenceRef(row["doc1"], int(row["sent1"]))
                b = SentenceRef(row["doc2"], int(row["sent2"]))
                positives.add((min(a, b), max(a, b)))
    clusters: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        clusters[doc["event_cluster"]].append(doc)
    events, labels = [], {}
    for name in sorted(clusters):
        members = sorted(clusters[name], key=lambda d: d["doc_id"])
        stories = {d["doc_id"]: _story(d, annotated) for d in members}
        events.append((Event(id=name, stories=list(stories)), stories))
        refs = [SentenceRef(d["doc_id"], s["sent_id"]) for d in members for s in d["sentences"]
                if (d["doc_id"], s["sent_id"]) in annotated]
        for i, a in enumerate(refs):
            for b in refs[i + 1:]:
                if a.story != b.story:
                    key = (min(a, b), max(a, b))
                    labels[key] = key in positives
    return events, labels


def _story(doc: dict, annotated: set[tuple[str, int]]) -> Story:
    """The article as a story of its annotated sentences (the only ones with gold labels)."""
    sentences = []
    pos = 0
    for s in doc["sentences"]:
        if (doc["doc_id"], s["sent_id"]) not in annotated:
            continue
        text = s["text"]
        sentences.append(Sentence(index=s["sent_id"], text=text, start=pos, end=pos + len(text)))
        pos += len(text) + 1
    return Story(id=doc["doc_id"], document=doc["doc_id"], kind="article", title=None, date=None,
                 sentences=sentences)


def prf(predicted: set[Pair], labels: dict[Pair, bool]) -> tuple[float, float, float]:
    tp = sum(1 for p in predicted if labels.get(p))
    fp = sum(1 for p in predicted if p in labels and not labels[p])
    fn = sum(1 for p, y in labels.items() if y and p not in predicted)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def best_threshold(scores: dict[Pair, float], labels: dict[Pair, bool]) -> tuple[float, float, float, float]:
    """(threshold, P, R, F1) at the threshold with the best F1 over the labelled pairs."""
    keys = list(labels)
    s = np.array([scores[k] for k in keys])
    y = np.array([labels[k] for k in keys])
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    tp = np.cumsum(y)
    fp = np.cumsum(~y)
    prec = tp / (tp + fp)
    rec = tp / max(int(y.sum()), 1)
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)
    # only cut between distinct scores
    last_of_value = np.r_[s[1:] != s[:-1], True]
    f1 = np.where(last_of_value, f1, -1.0)
    i = int(np.argmax(f1))
    return float(s[i]), float(prec[i]), float(rec[i]), float(f1[i])


def aligner_claims(events, params: AlignParams) -> tuple[dict[SentenceRef, int], float]:
    """Claim number of every sentence, and the seconds the aligner took."""
    claim_of: dict[SentenceRef, int] = {}
    start = time.perf_counter()
    for event, stories in events:
        for claim in align_event(event, stories, params):
            n = len(claim_of)
            for ref in claim.sentences:
                claim_of[ref] = n
    return claim_of, time.perf_counter() - start


def same_claim_pairs(claim_of: dict[SentenceRef, int], labels: dict[Pair, bool]) -> set[Pair]:
    return {p for p in labels if claim_of[p[0]] == claim_of[p[1]]}


def slots(labels: dict[Pair, bool]) -> dict[tuple[SentenceRef, str], dict[SentenceRef, bool]]:
    """(sentence, other article) -> that article's annotated sentences and whether each is positive."""
    out: dict[tuple[SentenceRef, str], dict[SentenceRef, bool]] = defaultdict(dict)
    for (a, b), y in labels.items():
        out[(a, b.story)][b] = y
        out[(b, a.story)][a] = y
    return out


def slot_prf(chosen: dict[tuple[SentenceRef, str], set[SentenceRef]], table) -> tuple[float, float, float]:
    """Per (sentence, other article): is the partner the method picked one that reports the same action?"""
    alignable = sum(1 for cands in table.values() if any(cands.values()))
    predicted = sum(1 for k, refs in chosen.items() if refs)
    correct = sum(1 for k, refs in chosen.items() if any(table[k].get(r) for r in refs))
    prec = correct / predicted if predicted else 0.0
    rec = correct / alignable if alignable else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def aligner_slots(claim_of, table):
    return {k: {r for r in cands if claim_of[r] == claim_of[k[0]]} for k, cands in table.items()}


def best_slot_baseline(scores: dict[Pair, float], table, recall: float | None = None):
    """Each sentence picks its best-scoring annotated sentence of the other article, kept when the
    score reaches a threshold.  Returns (threshold, P, R, F1) at the threshold best for F1, or, with
    ``recall``, at the first threshold that reaches that recall."""
    alignable = sum(1 for cands in table.values() if any(cands.values()))
    rows = []
    for k, cands in table.items():
        ref = max(sorted(cands), key=lambda r: scores[(min(k[0], r), max(k[0], r))])
        rows.append((scores[(min(k[0], ref), max(k[0], ref))], bool(cands[ref])))
    rows.sort(key=lambda x: -x[0])
    v = np.array([r[0] for r in rows])
    ok = np.cumsum([r[1] for r in rows])
    n = np.arange(1, len(rows) + 1)
    prec, rec = ok / n, ok / alignable
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)
    f1 = np.where(np.r_[v[1:] != v[:-1], True], f1, -1.0)
    i = int(np.argmax(f1)) if recall is None else int(np.argmax(rec >= recall))
    return float(v[i]), float(prec[i]), float(rec[i]), float(f1[i])


def precision_at_recall(scores: dict[Pair, float], labels: dict[Pair, bool], recall: float) -> float:
    keys = sorted(labels, key=lambda k: -scores[k])
    need = recall * sum(labels.values())
    tp = fp = 0
    for k in keys:
        tp += labels[k]
        fp += not labels[k]
        if tp >= need:
            break
    return tp / max(tp + fp, 1)


def baseline_scores(events, labels) -> dict[str, dict[Pair, float]]:
    """tf-idf cosine, token Jaccard and the aligner's own pair score for every labelled pair."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, index = [], {}
    for _, stories in events:
        for story in stories.values():
            for s in story.sentences:
                index[SentenceRef(story.id, s.index)] = len(texts)
                texts.append(s.text)
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    tokens = [set(t.lower().split()) for t in texts]
    out: dict[str, dict[Pair, float]] = {"tf-idf cosine": {}, "token Jaccard": {}, "aligner pair score": {}}
    pairs = list(labels)
    first = [index[a] for a, _ in pairs]
    second = [index[b] for _, b in pairs]
    cosines = np.asarray(tfidf[first].multiply(tfidf[second]).sum(axis=1)).ravel()
    for (a, b), i, j, c in zip(pairs, first, second, cosines, strict=True):
        out["tf-idf cosine"][(a, b)] = float(c)
        out["token Jaccard"][(a, b)] = len(tokens[i] & tokens[j]) / max(len(tokens[i] | tokens[j]), 1)
    for event, stories in events:
        refs = [SentenceRef(sid, s.index) for sid in event.stories for s in stories[sid].sentences]
        pos = {r: k for k, r in enumerate(refs)}
        st = weigh_terms([s.text for sid in event.stories for s in stories[sid].sentences],
                         [n for n, sid in enumerate(event.stories) for _ in stories[sid].sentences])
        every = list(range(len(refs)))
        full = pair_scores(st, every, every).score
        for (a, b) in labels:
            if a in pos and b in pos:
                out["aligner pair score"][(a, b)] = float(full[pos[a], pos[b]])
    return out


def semantic_available() -> bool:
    try:
        from compare.align.semantic import check_available

        check_available()
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means "not available here"
        print(f"semantic mode skipped: {exc}")
        return False


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    data = Path(args[0]) if args else DEFAULT_DATA
    events, labels = load(data)
    n_pos = sum(labels.values())
    table = slots(labels)
    print(f"ECB+ {data.name}: {len(events)} events, {sum(len(e.stories) for e, _ in events)} articles, "
          f"{len(labels)} annotated cross-article pairs ({n_pos} positive, {n_pos / len(labels):.0%}); "
          f"{sum(1 for c in table.values() if any(c.values()))} of {len(table)} (sentence, other article) "
          "slots have a positive partner")
    modes = [("aligner lexical", AlignParams())]
    if "--no-semantic" not in argv and semantic_available():
        modes.append(("aligner semantic", AlignParams(semantic=True)))
    results = []
    for name, params in modes:
        claim_of, secs = aligner_claims(events, params)
        results.append((name, params, claim_of, secs))
    baselines = baseline_scores(events, labels)

    print("\n1. pairs: same claim <=> same action (predicting every pair positive scores "
          f"P {n_pos / len(labels):.3f} R 1.000)")
    print(f"   {'method':40} {'P':>6} {'R':>6} {'F1':>6}  note")
    for name, _params, claim_of, secs in results:
        p, r, f = prf(same_claim_pairs(claim_of, labels), labels)
        print(f"   {name + ' (defaults)':40} {p:6.3f} {r:6.3f} {f:6.3f}  {secs:.1f} s for all events")
        for bname, scores in baselines.items():
            print(f"   {'  ' + bname + ' at the same recall':40} {precision_at_recall(scores, labels, r):6.3f} "
                  f"{r:6.3f}")
    for bname, scores in baselines.items():
        t, p, r, f = best_threshold(scores, labels)
        print(f"   {bname + ' (oracle threshold)':40} {p:6.3f} {r:6.3f} {f:6.3f}  threshold {t:.3f}")

    print("\n2. partners: for each annotated sentence and other article, does the partner it gets "
          "report the same action?")
    print(f"   {'method':40} {'P':>6} {'R':>6} {'F1':>6}  note")
    for name, _params, claim_of, _ in results:
        p, r, f = slot_prf(aligner_slots(claim_of, table), table)
        print(f"   {name + ' (defaults)':40} {p:6.3f} {r:6.3f} {f:6.3f}")
        for bname, scores in baselines.items():
            t, bp, br, _ = best_slot_baseline(scores, table, recall=r)
            print(f"   {'  ' + bname + ' at the same recall':40} {bp:6.3f} {br:6.3f}         threshold {t:.3f}")
    for bname, scores in baselines.items():
        t, p, r, f = best_slot_baseline(scores, table)
        print(f"   {bname + ' best match (oracle thr.)':40} {p:6.3f} {r:6.3f} {f:6.3f}  threshold {t:.3f}")
    if "--sweep" in argv:
        print("\n3. link_threshold sweep (pairs P/R/F1, partners P/R/F1)")
        for name, params, _, _ in results:
            for t in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
                swept = replace(params, link_threshold=t, split_threshold=min(params.split_threshold, t))
                claim_of, _ = aligner_claims(events, swept)
                a = prf(same_claim_pairs(claim_of, labels), labels)
                b = slot_prf(aligner_slots(claim_of, table), table)
                print(f"   {name} {t:.2f}  " + " ".join(f"{v:.3f}" for v in a) + "   "
                      + " ".join(f"{v:.3f}" for v in b))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
