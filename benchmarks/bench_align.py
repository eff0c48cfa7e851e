"""Time the aligner on synthetic events: accounts x sentences, and how the time grows.

usage: python benchmarks/bench_align.py [--semantic] [--repeat N]

Accounts are built from the seed corpus's sentences (read with compare's own ingest): every
account draws the same number of sentences, about half of them from a pool shared by all
accounts of the event (the common story, reworded by dropping and shuffling a few words) and the
rest its own, in its own order.  Prints the median CPU and wall time per event over N runs (default 3)
and the ratio to the smallest size of each series (on CPU time, which a busy machine disturbs
less than wall time).  One process, one core.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from compare.align import align_event
from compare.config import AlignParams
from compare.ingest import read_corpus
from compare.model import Event, Sentence, Story

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed-corpus"


def sentence_pool() -> list[str]:
    documents, _ = read_corpus(SEED)
    return [s.text for d in documents for st in d.stories for s in st.sentences if len(s.text.split()) >= 6]


def reword(text: str, rng: random.Random) -> str:
    words = text.split()
    keep = [w for w in words if rng.random() > 0.15] or words
    i = rng.randrange(len(keep))
    j = rng.randrange(len(keep))
    keep[i], keep[j] = keep[j], keep[i]
    return " ".join(keep)


def make_event(pool: list[str], accounts: int, sentences: int, seed: int = 0) -> tuple[Event, dict[str, Story]]:
    rng = random.Random(seed)
    pool = pool * (1 + (accounts * sentences) // max(len(pool), 1))
    rng.shuffle(pool)
    shared = pool[: sentences // 2]
    rest = pool[sentences // 2:]
    stories = {}
    for a in range(accounts):
        own = rest[a * (sentences - len(shared)):(a + 1) * (sentences - len(shared))]
        texts = [reword(t, rng) for t in shared] + own
        rng.shuffle(texts)
        items, pos = [], 0
        for i, t in enumerate(texts):
            items.append(Sentence(index=i, text=t, start=pos, end=pos + len(t)))
            pos += len(t) + 1
        sid = f"account{a}#0"
        stories[sid] = Story(id=sid, document=sid, kind="article", title=None, date=None, sentences=items)
    return Event(id="e1", stories=list(stories)), stories


def time_event(event: Event, stories: dict[str, Story], params: AlignParams, repeat: int) -> tuple[float, float]:
    """Median (CPU seconds, wall seconds) of ``repeat`` runs; CPU time is steadier on a busy machine."""
    cpu, wall = [], []
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        align_event(event, stories, params)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu), statistics.median(wall)


def series(pool, params, label, sizes, repeat) -> None:
    print(f"\n{label}")
    print(f"{'accounts':>8} {'sentences':>9} {'pairs':>9} {'cpu ms':>8} {'wall ms':>8} {'x time':>7} {'x pairs':>7}")
    base_t = base_p = None
    for accounts, sentences in sizes:
        event, stories = make_event(pool, accounts, sentences)
        t, wall = time_event(event, stories, params, repeat)
        pairs = accounts * (accounts - 1) // 2 * sentences * sentences
        base_t, base_p = base_t or t, base_p or pairs
        print(f"{accounts:8} {sentences:9} {pairs:9} {t * 1000:8.1f} {wall * 1000:8.1f} {t / base_t:7.1f} "
              f"{pairs / base_p:7.1f}")


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    params = AlignParams(semantic="--semantic" in argv)
    pool = sentence_pool()
    print(f"pool: {len(pool)} seed sentences; mode: {'semantic' if params.semantic else 'lexical'}; "
          f"median of {repeat} runs")
    if params.semantic:  # load the model once, outside the timings
        event, stories = make_event(pool, 2, 4)
        align_event(event, stories, params)
    event, stories = make_event(pool, 5, 50)
    t, wall = time_event(event, stories, params, repeat)
    print(f"5 accounts x 50 sentences: {t * 1000:.1f} ms CPU ({wall * 1000:.1f} ms wall) per event")
    series(pool, params, "growth with accounts (50 sentences each)",
           [(2, 50), (3, 50), (5, 50), (8, 50), (10, 50)], repeat)
    series(pool, params, "growth with sentences (5 accounts)",
           [(5, 25), (5, 50), (5, 100), (5, 200)], repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
