"""Worker memory over time while the Dask engine groups events (issue 14: bounded worker memory).

  nice -n 10 .venv/bin/python benchmarks/memprobe_dask.py --stories 10000 [--workers 2]
      [--memory-limit 1GB] [--partition-size 2500] [--interval 2] [--check]

N stories of benchmarks/bench_match.py's generator (made in memory, not timed) are grouped by
``group_events_dask`` on a LocalCluster of --workers worker processes (one thread each, the
given --memory-limit: Dask's own default, ``auto``, is the machine's memory split between the
workers).  A thread polls every worker each --interval seconds: its resident set (RSS), the
data Dask manages in memory (``sizeof`` of the held results) and on disk (spilled).

Printed: for each stage (named by the engine's progress callback, the stage a sample falls in
is the one that had not finished yet), the largest RSS seen on each worker; then per worker
the peak RSS (``ru_maxrss``, read in the worker at the end), the largest sampled managed and
spilled bytes, and how many worker processes the nanny restarted (a worker killed for memory).
``--check`` also runs ``compare.match.group_events`` in this process and says whether the
events are the same (slower: the embedded run is timed too, as the baseline of the wall time).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def worker_memory(dask_worker) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(RSS MB, managed in-memory MB, spilled MB) of the worker this runs in."""
    with open("/proc/self/statm") as f:
        rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    data = dask_worker.data
    managed = getattr(getattr(data, "fast", None), "total_weight", 0) or 0
    spilled = data.spilled_total.memory if hasattr(data, "spilled_total") else 0
    return rss >> 20, int(managed) >> 20, int(spilled) >> 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="auto")
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--partition-size", type=int, default=0,
                        help="stories per partition (default: the engine's choice, at most 2,500)")
    parser.add_argument("--check", action="store_true", help="also run group_events and compare the events")
    args = parser.parse_args()

    from bench_match import Generator
    from distributed import Client, LocalCluster

    from compare.config import Config
    from compare.engine.dask_engine import group_events_dask

    stories = [s for s, _ in Generator().stories(args.stories)]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.stories} stories, "
          f"{args.workers} workers, memory_limit {args.memory_limit}", flush=True)
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           memory_limit=args.memory_limit)
    client = Client(cluster)
    seen_workers: set[str] = set(client.scheduler_info()["workers"])
    stage = {"now": "stems"}
    samples: list[tuple[float, str, dict[str, tuple[int, int, int]]]] = []
    stop = threading.Event()
    start = time.perf_counter()

    def poll() -> None:
        with Client(cluster.scheduler_address, timeout=30) as probe:
            while not stop.is_set():
                try:
                    found = probe.run(worker_memory)
                    seen_workers.update(found)
                    samples.append((time.perf_counter() - start, stage["now"], found))
                except Exception:  # noqa: BLE001 - a worker restarting mid-poll: skip the sample
                    pass
                stop.wait(args.interval)

    finished: dict[str, float] = {}

    def progress(name: str, done: int, total: int) -> None:
        if done == total:
            finished[name.removeprefix("dask ")] = round(time.perf_counter() - start, 1)
            stage["now"] = "after " + name.removeprefix("dask ")

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    with tempfile.TemporaryDirectory() as index:
        stats: dict[str, object] = {}
        events = group_events_dask(stories, Config().match, client=client, index=index, progress=progress, stats=stats,
                                   partitions=-(-args.stories // args.partition_size) if args.partition_size else None)
    seconds = time.perf_counter() - start
    stop.set()
    poller.join()
    peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    cpu = client.run(lambda: (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_SELF)))

    print("matching: " + ", ".join(f"{k} {stats.get(k)}" for k in (
        "shuffle_buckets", "lsh_waves", "candidate_sentence_pairs", "components", "largest_component", "events")))
    print(f"dask: {seconds:.1f} s wall, {sum(cpu.values()):.0f} worker CPU s; stages done at (s): {json.dumps(finished)}")
    by_stage: dict[str, dict[str, int]] = {}
    for _, name, found in samples:
        row = by_stage.setdefault(name, {})
        for worker, (rss, _, _) in found.items():
            row[worker] = max(row.get(worker, 0), rss)
    names = sorted(seen_workers)
    print("largest sampled RSS per worker (MB), by the stage under way:")
    for name, row in by_stage.items():
        print(f"  {name:<28} " + " ".join(f"{row.get(w, 0):>6}" for w in names))
    managed = {w: max((f[w][1] for _, _, f in samples if w in f), default=0) for w in names}
    spilled = {w: max((f[w][2] for _, _, f in samples if w in f), default=0) for w in names}
    print(f"worker peak RSS MB (ru_maxrss, current processes): {sorted(peaks.values())}")
    print(f"sampled peak RSS MB per worker: {sorted(max((f[w][0] for _, _, f in samples if w in f), default=0) for w in names)}")
    print(f"sampled peak managed MB per worker: {sorted(managed.values())}; spilled MB: {sorted(spilled.values())}")
    print(f"worker processes seen: {len(names)} (restarted: {len(names) - args.workers}); "
          f"driver peak RSS MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")
    print("RESULT " + json.dumps({"stories": args.stories, "memory_limit": args.memory_limit, "seconds": round(seconds, 1),
                                  "worker_cpu_s": round(sum(cpu.values())), "worker_peak_mb": sorted(peaks.values()),
                                  "restarted": len(names) - args.workers, "stages": finished}), flush=True)
    if args.check:
        from compare.match import group_events

        begin = time.perf_counter()
        with tempfile.TemporaryDirectory() as index:
            embedded = group_events(stories, Config().match, index_dir=Path(index))
        same = json.dumps([asdict(e) for e in events], sort_keys=True, default=str) == \
            json.dumps([asdict(e) for e in embedded], sort_keys=True, default=str)
        print(f"embedded group_events: {time.perf_counter() - begin:.1f} s wall; events identical: {same}", flush=True)
    os._exit(0)  # no slow cluster teardown


if __name__ == "__main__":
    main()
