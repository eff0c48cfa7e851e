"""Matching throughput and memory on synthetic stories built from the fixtures.

  .venv/bin/python benchmarks/bench_match.py [--sizes 1000,10000,100000] [--plain-sample 300]

For each N (each in a fresh subprocess, so peak memory is per size) it builds N
stories from the sentences of fixtures/seed-corpus with a seeded RNG: a fresh
sentence keeps a fixture sentence's shape and function words, its content
words drawn from a synthetic 50,000-word vocabulary with Zipf-like frequencies
(so unrelated stories share common words, rarely a sentence); 40% of the stories
belong to planted events of 2-4 accounts that retell one base story (its
sentences shuffled, 20% dropped, 10% of words replaced, plus fresh filler).
Generation time is not counted.  Stories stream through in chunks, as they
would from the index, and are measured stage by stage:

  terms   story -> hashed content stems per sentence (tokenise, stem, hash)
  sign    stems -> one 64-permutation MinHash per sentence (numpy, vectorised)
  insert  signatures -> LSH units (sentences, 2-sentence windows) and band keys
  query   band keys -> candidate unit pairs -> candidate story pairs (sort-based buckets)

and, on a sample, the plain way: a datasketch ``MinHash(num_perm=64)`` per
sentence with one ``update()`` per stem.  Peak memory is the process's maximum
resident set size.  ``--full-upto`` also times ``group_events`` end to end
(verification and clustering included) up to that N: wall and CPU seconds (this process and
its forked tokenising workers), candidate story pairs per story, planted pairs found, and the
peak RSS just after it (before the stage-by-stage part runs).

``--baseline DIR`` runs every size a second time with ``compare`` imported from DIR (a copy of
another commit, e.g. ``git archive main | tar -x -C DIR``) and prints after/before ratios measured
in the same call, so load from other processes cancels.  ``--group-only`` skips the stages and the
plain-way sample (what a baseline of older code can run).

  nice -n 10 .venv/bin/python benchmarks/bench_match.py --sizes 1000,10000 --group-only \
      --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "seed-corpus"
CHUNK = 2000


def fixture_sentences() -> list[list[str]]:
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                words = sentence.split()
                if len(words) >= 6:
                    out.append(words)
    return out


class Generator:
    """Seeded synthetic stories (see the module docstring)."""

    def __init__(self, seed: int = 7, vocabulary: int = 50_000):
        self.rng = np.random.default_rng(seed)
        self.pool = fixture_sentences()
        letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
        lengths = self.rng.integers(4, 11, size=vocabulary)
        self.fake = np.array(["".join(self.rng.choice(letters, n)) for n in lengths], dtype=object)
        # Zipf-like word frequencies, as in real text: p(rank) ~ 1 / (rank + 10)
        weights = 1.0 / (np.arange(vocabulary) + 10.0)
        self.cdf = np.cumsum(weights) / weights.sum()

    def _words(self, k: int) -> np.ndarray:
        return self.fake[np.minimum(np.searchsorted(self.cdf, self.rng.random(k)), len(self.fake) - 1)]

    def _vary(self, words: list[str], rate: float) -> str:
        arr = np.array(words, dtype=object)
        mask = self.rng.random(len(arr)) < rate
        arr[mask] = self._words(int(mask.sum()))
        return " ".join(arr.tolist())

    def _fresh(self) -> str:
        """A new sentence: a fixture sentence's shape, its content words all replaced."""
        from compare.textnorm import STOPWORDS

        words = list(self.pool[self.rng.integers(len(self.pool))])
        content = [i for i, w in enumerate(words) if w.lower().strip(".,;:\"'()") not in STOPWORDS]
        for i, new in zip(content, self._words(len(content)), strict=True):
            words[i] = new.capitalize() if words[i][:1].isupper() else new
        return " ".join(words)

    def stories(self, n: int):
        """Yield (story, planted event number) for n stories."""
        from compare.model import Sentence, Story

        made = event = 0
        while made < n:
            event += 1
            size = int(self.rng.choice([2, 3, 4])) if self.rng.random() < 0.2 else 1
            base = [self._fresh() for _ in range(self.rng.integers(10, 19))]
            for _ in range(min(size, n - made)):
                if size == 1:
                    sentences = base
                else:
                    keep = [s for s in base if self.rng.random() > 0.2]
                    sentences = [self._vary(s.split(), 0.1) for s in keep]
                    sentences += [self._fresh() for _ in range(self.rng.integers(2, 5))]
                    self.rng.shuffle(sentences)
                story = Story(id=f"s{made}#0", document=f"s{made}", kind="article", title=None, date=None)
                story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(sentences)]
                yield story, event
                made += 1

def plain_way(stories, num_perm: int) -> tuple[float, float]:
    """(seconds text to signatures, seconds of the signature step) the plain datasketch way."""
    from datasketch import MinHash

    from compare.match.shingles import sentence_stems

    t0 = time.perf_counter()
    stems = [[sentence_stems(s.text)[0] for s in story.sentences] for story in stories]
    t1 = time.perf_counter()
    for story in stems:
        for sentence in story:
            m = MinHash(num_perm=num_perm)
            for stem in sentence:
                m.update(stem.encode("utf-8"))
    t2 = time.perf_counter()
    return t2 - t0, t2 - t1


def our_way(stories, params) -> tuple[float, float]:
    """(seconds text to signatures, seconds of the signature step) the compare.match way."""
    from compare.match import sign_stories
    from compare.match.shingles import story_terms

    t0 = time.perf_counter()
    terms = [story_terms(s) for s in stories]
    t1 = time.perf_counter()
    sign_stories(terms, params)
    t2 = time.perf_counter()
    return t2 - t0, t2 - t1


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and its waited-for children (forked workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def match_params(settings: list[str] | None = None):
    """MatchParams with ``NAME=VALUE`` settings (``--param``) applied, typed as the defaults."""
    import dataclasses

    from compare.config import MatchParams

    params = MatchParams()
    for item in settings or []:
        name, _, value = item.partition("=")
        params = dataclasses.replace(params, **{name: type(getattr(params, name))(value)})
    return params


def measure_group(stories: list, labels: list[int], settings: list[str] | None = None) -> dict:
    """``group_events`` end to end: seconds, CPU seconds, candidates, planted pairs found."""
    from compare.match import group_events

    stats: dict = {}
    input_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the generated stories (and their making)
    c0, t0 = cpu_seconds(), time.perf_counter()
    events = group_events(stories, match_params(settings), stats=stats)
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    label = {s.id: x for s, x in zip(stories, labels, strict=True)}
    planted = np.bincount(np.array(labels))
    found = wrong = 0
    for event in events:
        members = [label[s] for s in event.stories]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                found += a == b
                wrong += a != b
    n = len(stories)
    return {"group_events_s": round(seconds, 3), "group_events_cpu_s": round(cpu, 3),
            "candidate_pairs": int(stats.get("candidate_pairs", 0)),
            "candidate_sentence_pairs": int(stats.get("candidate_sentence_pairs", 0)),
            "candidates_per_story": round(stats.get("candidate_pairs", 0) / max(n, 1), 2),
            "grouped_planted": found, "grouped_wrong": wrong,
            "planted_total": int((planted * (planted - 1) // 2).sum()),
            "stage_seconds": stats.get("stage_seconds", {}),
            "stage_memory_mb": stats.get("stage_memory_mb", {}),
            "input_rss_mb": round(input_mb, 1),
            "group_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def measure(n: int, plain_sample: int, full: bool, group_only: bool = False, settings: list[str] | None = None) -> dict:
    from compare.config import MatchParams
    from compare.match import common_terms, lsh_keys
    from compare.match.candidates import candidate_sentence_pairs
    from compare.match.shingles import story_terms
    from compare.match.verify import Vocabulary

    params = MatchParams()
    timings = dict.fromkeys(("terms", "df", "sign_insert", "query"), 0.0)
    labels, sample, terms = [], [], []
    sentences = 0
    result: dict = {"n": n}
    stream = Generator().stories(n)  # streamed unless group_events needs them all at once
    if full or group_only:
        generated = list(stream)
        result.update(measure_group([s for s, _ in generated], [x for _, x in generated], settings))
        if group_only:
            return result
        stream = iter(generated)
    for story, label in stream:
        labels.append(label)
        sentences += len(story.sentences)
        if len(sample) < plain_sample:
            sample.append(story)
        t0 = time.perf_counter()
        terms.append(story_terms(story))
        timings["terms"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    common = common_terms(Vocabulary(terms), n, params)
    t1 = time.perf_counter()
    units, keys = lsh_keys(terms, common, params)  # sign + insert, chunk by chunk
    t2 = time.perf_counter()
    pairs = candidate_sentence_pairs(keys, units.story, params.max_bucket)
    owner = units.story
    story_pairs = np.unique(owner[pairs[:, 0]] * n + owner[pairs[:, 1]])
    t3 = time.perf_counter()
    timings.update(df=t1 - t0, sign_insert=t2 - t1, query=t3 - t2)
    label = np.array(labels)
    found = label[story_pairs // n] == label[story_pairs % n]
    sizes = np.bincount(label)
    result.update({
        "n": n, "sentences": sentences, "units": int(len(owner)), "common_terms": int(len(common)),
        "unit_pairs": int(len(pairs)), "story_pairs": int(len(story_pairs)),
        "planted_pairs": int((sizes * (sizes - 1) // 2).sum()), "planted_found": int(found.sum()),
        **{f"{k}_s": round(v, 3) for k, v in timings.items()},
    })
    # The sample, both ways, alternated three times (best of three each): the ratio survives a busy machine.
    runs = [(plain_way(sample, params.num_perm), our_way(sample, params)) for _ in range(3)]
    result.update(
        plain_sample=len(sample),
        plain_total_s=min(r[0][0] for r in runs), plain_sign_s=min(r[0][1] for r in runs),
        ours_total_s=min(r[1][0] for r in runs), ours_sign_s=min(r[1][1] for r in runs),
    )
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def report_group(r: dict, before: dict | None = None) -> None:
    n = r["n"]
    line = (f"  group_events: {r['group_events_s']:.1f} s wall, {r['group_events_cpu_s']:.1f} s CPU, "
            f"peak RSS {r['group_peak_rss_mb']:.0f} MB ({r.get('input_rss_mb', 0):.0f} MB before: the stories), "
            f"{r['candidates_per_story']:.1f} candidate story pairs "
            f"per story ({r['candidate_sentence_pairs']:,} unit pairs), planted pairs grouped "
            f"{r['grouped_planted']:,}/{r['planted_total']:,}, wrong pairs {r['grouped_wrong']:,}")
    print(f"N={n:>7,}" + line[1:] if before is None else "  now   " + line[14:])
    if r.get("stage_seconds"):
        print("    stages (wall/CPU s): " + ", ".join(f"{k} {w:.1f}/{c:.1f}" for k, (w, c) in r["stage_seconds"].items()))
    if r.get("stage_memory_mb"):
        print("    RSS at each stage's end / peak so far (MB): "
              + ", ".join(f"{k} {now:.0f}/{peak:.0f}" for k, (now, peak) in r["stage_memory_mb"].items()))
    if before is not None:
        print("  before" + ("  " + "".join(f"{k}={before[k]} " for k in (
            "group_events_s", "group_events_cpu_s", "group_peak_rss_mb", "candidates_per_story",
            "grouped_planted", "grouped_wrong"))))
        print(f"  now / before: wall x{r['group_events_s'] / max(before['group_events_s'], 1e-9):.2f}, "
              f"CPU x{r['group_events_cpu_s'] / max(before['group_events_cpu_s'], 1e-9):.2f}, "
              f"peak RSS x{r['group_peak_rss_mb'] / max(before['group_peak_rss_mb'], 1e-9):.2f}, "
              f"candidates per story x{r['candidates_per_story'] / max(before['candidates_per_story'], 1e-9):.2f}")


def report(r: dict) -> None:
    if "sentences" not in r:
        report_group(r)
        return
    n, m = r["n"], r["plain_sample"]
    print(f"N={n:>7,}  sentences={r['sentences']:,}  LSH units={r['units']:,}  common stems left out={r['common_terms']:,}"
          f"  peak RSS {r['peak_rss_mb']:.0f} MB")
    print(f"  stories/s: terms {n / r['terms_s']:,.0f}  sign+insert {n / r['sign_insert_s']:,.0f}  "
          f"query {n / r['query_s']:,.0f}   (seconds: terms {r['terms_s']:.2f}, df {r['df_s']:.2f}, "
          f"sign+insert {r['sign_insert_s']:.2f}, query {r['query_s']:.2f})")
    sign_ratio = r["plain_sign_s"] / r["ours_sign_s"]
    total_ratio = r["plain_total_s"] / r["ours_total_s"]
    print(f"  signing {m} stories: plain datasketch {m / r['plain_sign_s']:,.0f}/s, ours {m / r['ours_sign_s']:,.0f}/s "
          f"= x{sign_ratio:,.0f};  from text: plain {m / r['plain_total_s']:,.0f}/s, ours {m / r['ours_total_s']:,.0f}/s "
          f"= x{total_ratio:,.1f}")
    print(f"  candidates: {r['unit_pairs']:,} unit pairs, {r['story_pairs']:,} story pairs "
          f"({r['story_pairs'] / n:.1f} per story: must not grow with N); planted same-event pairs "
          f"found {r['planted_found']:,}/{r['planted_pairs']:,}")
    if "group_events_s" in r:
        report_group(r)


def measure_wire(stories: int, copies: int) -> dict:
    """Wire copy: ``stories`` wire stories x ``copies`` outlets (tests/wire_copies.py), grouped twice in
    this process: with the defaults, and the way it was before (large buckets dropped, no families)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import dataclasses

    from wire_copies import WireGenerator

    from compare.config import MatchParams
    from compare.match import group_events

    corpus = WireGenerator().corpus(stories, copies)
    items = [c.story for c in corpus]
    base = {c.story.id: c.base for c in corpus}

    def run(params) -> dict:
        stats: dict = {}
        t0 = time.perf_counter()
        events = group_events(items, params, stats=stats)
        seconds = time.perf_counter() - t0
        whole = sum(1 for e in events if len(e.stories) == copies and len({base[s] for s in e.stories}) == 1)
        return {"seconds": round(seconds, 2), "events": len(events), "whole_stories": whole,
                "mixed_events": sum(1 for e in events if len({base[s] for s in e.stories}) > 1),
                "families": sum(len(e.families) for e in events), "distinct_texts": stats.get("distinct_texts"),
                "collapsed": sum(1 for e in events for f in e.families for m in f.members if m.collapsed)}

    before = dataclasses.replace(MatchParams(), family_threshold=1.5, syndication_min_terms=10**6)
    result = {"wire_stories": stories, "copies": copies, "n": len(items), "before": run(before), "after": run(MatchParams())}
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def report_wire(r: dict) -> None:
    b, a = r["before"], r["after"]
    print(f"wire: {r['wire_stories']:,} stories x {r['copies']} copies = {r['n']:,} stories  peak RSS {r['peak_rss_mb']:.0f} MB")
    for name, x in (("before (cap 50, no families)", b), ("now", a)):
        print(f"  {name:<30} {x['seconds']:>7.2f} s  events {x['events']:>6,}  stories grouped whole "
              f"{x['whole_stories']:,}/{r['wire_stories']:,}  mixed events {x['mixed_events']}  "
              f"families {x['families']:,}  distinct texts {x['distinct_texts']}  collapsed copies {x['collapsed']:,}")
    print(f"  time now / before: x{a['seconds'] / max(b['seconds'], 1e-9):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N")
    ap.add_argument("--plain-sample", type=int, default=300, help="stories signed the plain way")
    ap.add_argument("--full-upto", type=int, default=10_000, help="also run group_events up to this N")
    ap.add_argument("--wire", help="STORIES,COPIES: the wire-copy corpus instead (e.g. 1000,60)")
    ap.add_argument("--group-only", action="store_true", help="only time group_events (no stages, no plain sample)")
    ap.add_argument("--baseline", help="DIR: also run every size with compare imported from DIR (another commit)")
    ap.add_argument("--json", help="write the results (and the baseline's) to this file")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="a MatchParams setting for group_events (repeatable; not passed to --baseline)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.wire:
        stories, copies = (int(x) for x in args.wire.split(","))
        report_wire(measure_wire(stories, copies))
        return
    if args.one:
        print(json.dumps(measure(args.one, args.plain_sample, args.one <= args.full_upto, args.group_only, args.param)))
        return

    def one(n: int, tree: str | None) -> dict:
        command = [sys.executable, __file__, "--one", str(n), "--plain-sample", str(args.plain_sample),
                   "--full-upto", str(args.full_upto)] + (["--group-only"] if args.group_only or tree else [])
        command += [] if tree else [f"--param={p}" for p in args.param]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [tree, os.environ.get("PYTHONPATH")])))
        out = subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=tree or None)
        return json.loads(out.stdout.strip().splitlines()[-1])

    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        # the baseline first, then this tree, each in a fresh process: both see the same load, in turn
        before = one(n, args.baseline) if args.baseline else None
        now = one(n, None)
        if before is None or "sentences" in now:
            report(now)
        else:
            print(f"N={n:>7,}")
        if before is not None:
            report_group(now, before)
        results.append({"now": now, "before": before})
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
