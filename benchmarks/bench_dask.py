"""The Dask engine against the embedded run, and the shared-index stores against each other.

  .venv/bin/python benchmarks/bench_dask.py [--sizes 10000] [--workers 2] [--timeout 3000]
  .venv/bin/python benchmarks/bench_dask.py --stage match [--sizes 10000,100000] [--memory-limit 1GB]
  .venv/bin/python benchmarks/bench_dask.py --stores [--rows 20000]

Whole runs (``--stage run``): for each N a synthetic corpus folder (benchmarks/synthetic_corpus.py,
seed 7) is written once under --data (reused when present), then ``run_corpus`` (embedded, one
process: COMPARE_WORKERS=1, so the tokeniser forks no helpers) and ``run_corpus_dask`` on a
``LocalCluster`` of --workers worker processes (one thread each) run it, each in a fresh
subprocess with a fresh SQLite index, so that peak memory is theirs alone.

Matching only (``--stage match``): the N stories of benchmarks/bench_match.py's generator (the
stories issue 11's grouping figures use; made in memory, not timed), then
``compare.match.group_events`` against ``group_events_dask`` (the same steps as tasks).

Printed: wall seconds, stories per second, the ratio to the embedded run measured in the same
call, the driver's peak RSS, each worker's peak RSS (``ru_maxrss`` read in the worker process),
and whether the two outputs are byte-identical (report.json; for matching, the events as JSON).
A run that exceeds --timeout is reported as such (the rest still runs).

Stores: --rows signed stories (about the size of a 25-sentence article's stems) are written
to SQLite, Redis (a redis-server started here on a free port) and Parquet, then read back
the way the engine's tasks read them: 20 random batches of 1,000 keys.  Printed: rows/s for
writes and for reads, and the on-disk/in-memory size per story, with SQLite as the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

_CHILD = r"""
import hashlib, json, os, resource, sys, time
from dataclasses import asdict
from pathlib import Path
stage, engine, corpus, index, out, workers, memory_limit = sys.argv[1:6] + [int(sys.argv[6]), sys.argv[7]]
result = {}
if stage == "match":
    sys.path.insert(0, "benchmarks")
    from bench_match import Generator
    from compare.config import Config
    stories = [story for story, _ in Generator().stories(int(corpus))]
start = time.perf_counter()
if engine == "dask":
    from distributed import Client, LocalCluster
    from compare.engine.dask_engine import group_events_dask, run_corpus_dask
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           memory_limit=memory_limit)
    client = Client(cluster)
    first_workers = set(client.scheduler_info()["workers"])
    result["cluster_start_s"] = time.perf_counter() - start
    done_at = {}
    def progress(name, done, total):
        done_at[name] = time.perf_counter() - start
    if stage == "match":
        events = group_events_dask(stories, Config().match, client=client, index=index, progress=progress)
    else:
        report = run_corpus_dask(corpus, client=client, index=index, progress=progress)
    result["stages_done_at"] = {k.removeprefix("dask "): round(v, 1) for k, v in done_at.items()}
    usage = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF))
    result["worker_peak_mb"] = sorted(round(u.ru_maxrss / 1024) for u in usage.values())
    result["restarted"] = len(set(usage) - first_workers)  # worker processes the nanny started again
    result["worker_cpu_s"] = sum(u.ru_utime + u.ru_stime for u in usage.values())
elif stage == "match":
    from compare.match import group_events
    events = group_events(stories, Config().match, index_dir=Path(index))
else:
    from compare.pipeline import run_corpus
    report = run_corpus(corpus, index_dir=index)
result["seconds"] = time.perf_counter() - start
Path(out).mkdir(parents=True, exist_ok=True)
if stage == "match":
    blob = json.dumps([asdict(e) for e in events], sort_keys=True, default=str).encode()
    (Path(out) / "events.json").write_bytes(blob)
    result["stories"] = len(stories)
    multi = [e for e in events if len(e.stories) > 1]
else:
    from compare.report import write_report_json
    write_report_json(report, Path(out))
    result["stories"] = sum(len(d.stories) for d in report.documents)
    multi = [e for e in report.events if len(e.stories) > 1]
result["events_multi"] = len(multi)
result["driver_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
own, forked = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
result["cpu_s"] = own.ru_utime + own.ru_stime + forked.ru_utime + forked.ru_stime + result.get("worker_cpu_s", 0.0)
print("RESULT " + json.dumps(result), flush=True)
os._exit(0)  # no slow interpreter/cluster teardown in the measurement
"""


def _run_child(stage: str, engine: str, corpus: str, work: Path, workers: int, timeout: int,
               memory_limit: str = "auto") -> dict | None:
    index, out = work / f"index-{engine}", work / f"out-{engine}"
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "COMPARE_WORKERS": "1"}  # the embedded run is one process (no tokeniser helpers)
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, stage, engine, corpus, str(index), str(out), str(workers),
                               memory_limit],
                              capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        return None
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    return None


def engines(stage: str, sizes: list[int], workers: int, data: Path, timeout: int, memory_limit: str) -> None:
    from synthetic_corpus import write_corpus

    output = "events.json" if stage == "match" else "report.json"
    print(f"stage: {'matching (group_events) only' if stage == 'match' else 'whole run'}")
    print(f"{'stories':>8} {'engine':<22} {'wall s':>8} {'stories/s':>10} {'x embedded':>10} {'CPU s':>8} "
          f"{'x embedded':>10} {'driver MB':>9} {'worker peak MB':>16} {'identical':>9}")
    for n in sizes:
        corpus = str(n)
        if stage == "run":
            folder = data / f"corpus-{n}"
            if not (folder / ".complete").exists():
                shutil.rmtree(folder, ignore_errors=True)
                write_corpus(folder, n, seed=7)
                (folder / ".complete").write_text("")  # hidden: not read as an article
            corpus = str(folder)
        work = Path(tempfile.mkdtemp(prefix=f"bench-dask-{n}-"))
        try:
            base = _run_child(stage, "embedded", corpus, work, workers, timeout)
            _line(n, "embedded (1 process)", base, base, "-", timeout)
            dask = _run_child(stage, "dask", corpus, work, workers, timeout, memory_limit)
            same = "-"
            if base and dask:
                same = "yes" if (work / "out-embedded" / output).read_bytes() == \
                    (work / "out-dask" / output).read_bytes() else "NO"
            _line(n, f"dask LocalCluster({workers})", dask, base, same, timeout)
            if dask and dask.get("restarted"):
                print(f"{'':>8} {dask['restarted']} worker process(es) restarted by the nanny (killed for memory)")
            if dask:
                print(f"{'':>8} (multi-account events {dask['events_multi']}; cluster start "
                      f"{dask['cluster_start_s']:.1f} s of the dask wall time)", flush=True)
                print(f"{'':>8} dask stages done at (s): "
                      + ", ".join(f"{k} {v}" for k, v in dask["stages_done_at"].items()), flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _line(n: int, name: str, r: dict | None, base: dict | None, same: str, timeout: int) -> None:
    if r is None:
        print(f"{n:>8} {name:<22} {'not finished in ' + str(timeout) + ' s':>40}", flush=True)
        return
    ratio = f"{r['seconds'] / base['seconds']:.2f}" if base else "-"
    cpu = f"{r['cpu_s'] / base['cpu_s']:.2f}" if base else "-"
    peaks = ",".join(str(p) for p in r.get("worker_peak_mb", [])) or "-"
    print(f"{r['stories']:>8} {name:<22} {r['seconds']:>8.1f} {r['stories'] / r['seconds']:>10.1f} {ratio:>10} "
          f"{r['cpu_s']:>8.0f} {cpu:>10} {r['driver_peak_mb']:>9} {peaks:>16} {same:>9}", flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def stores(rows: int) -> None:
    import numpy as np

    from compare.engine.stores import ParquetStore, RedisStore
    from compare.index import SignatureIndex, SignedStory

    rng = np.random.default_rng(3)
    data = {}
    for k in range(rows):
        terms = rng.integers(0, 2**32, size=300, dtype=np.uint64).astype(np.uint32)
        data[f"{rng.integers(2**62):016x}{k:048x}"] = SignedStory(terms, np.arange(0, 301, 12, dtype=np.int64),
                                                                 (terms % 3 == 0).astype(np.uint8))
    keys = sorted(data)
    batches = [random.Random(i).sample(keys, 1000) for i in range(20)]
    work = Path(tempfile.mkdtemp(prefix="bench-stores-"))
    server = None
    results = []
    try:
        binary = shutil.which("redis-server")
        backends: list[tuple[str, object, object]] = [
            ("sqlite (embedded)", SignatureIndex(work / "sqlite"), lambda: _size(work / "sqlite")),
            ("parquet (shared fs)", ParquetStore(work / "parquet"), lambda: _size(work / "parquet")),
        ]
        if binary:
            port = _free_port()
            server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)
            redis_store = RedisStore(f"redis://127.0.0.1:{port}/0")
            backends.insert(1, ("redis (server)", redis_store,
                                lambda: int(redis_store._db.info("memory")["used_memory"])))
        else:
            print("redis-server not installed: Redis not measured", file=sys.stderr)
        for name, store, size in backends:
            start = time.perf_counter()
            for i in range(0, rows, 1000):  # the engine writes one batch per partition task
                store.put_many({k: data[k] for k in keys[i : i + 1000]})  # type: ignore[attr-defined]
            write = time.perf_counter() - start
            start = time.perf_counter()
            for batch in batches:
                found = store.get_many(batch)  # type: ignore[attr-defined]
                assert len(found) == len(batch)
            read = time.perf_counter() - start
            results.append((name, rows / write, 20_000 / read, size() / rows))  # type: ignore[operator]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    base = results[0]
    print(f"{rows} signed stories of 300 stems; reads: 20 random batches of 1,000 keys")
    print(f"{'store':<22} {'writes/s':>10} {'x sqlite':>9} {'reads/s':>10} {'x sqlite':>9} {'bytes/story':>12}")
    for name, w, r, b in results:
        print(f"{name:<22} {w:>10.0f} {w / base[1]:>9.2f} {r:>10.0f} {r / base[2]:>9.2f} {b:>12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--stage", choices=("run", "match"), default="run",
                        help="run: whole runs of a corpus folder; match: the matching stage alone")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="auto",
                        help="each Dask worker's memory_limit (e.g. 1GB: spills to disk above 60%%, is restarted at 95%%)")
    parser.add_argument("--timeout", type=int, default=3000, help="seconds per engine run")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "compare-bench-dask")
    parser.add_argument("--stores", action="store_true", help="measure the index stores instead")
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"peak RSS from ru_maxrss (MB); {resource.getpagesize()}-byte pages; worker memory_limit {args.memory_limit}")
    if args.stores:
        stores(args.rows)
    else:
        args.data.mkdir(parents=True, exist_ok=True)
        engines(args.stage, [int(s) for s in args.sizes.split(",")], args.workers, args.data, args.timeout,
                args.memory_limit)


if __name__ == "__main__":
    main()
