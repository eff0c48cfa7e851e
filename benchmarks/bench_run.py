"""The whole run (read, group, align, compare, write report.json and the HTML): how it grows
with the corpus, what a warm index saves, and the small fixed workloads, each as a ratio
against a baseline measured in the same call.

  .venv/bin/python benchmarks/bench_run.py [--sizes 1000,10000] [--repeat 3] [--json FILE]
  .venv/bin/python benchmarks/bench_run.py --wire 34,60 [--json FILE]   # wire copies, whole run
  .venv/bin/python benchmarks/bench_run.py --table FILE     # the README's measurements table

Figures (CPU seconds of the process, steadier than wall time on a shared machine; wall too):

* **scaling**: a seeded synthetic corpus (benchmarks/synthetic_corpus.py ``articles``, ~3.3 KB
  .txt articles, 30% of the base stories told by 2-5 accounts) of each size, run cold with a fresh index and written, each size in
  its own process (so peak memory is per size).  Ratio: time per size / time of the smallest.
* **incremental**: after the cold run, one new article is added and the run repeated with the
  same index and report folder, in a fresh process (as a user's next ``compare run``: what the
  cold run loaded on first use is loaded again).  Ratio: warm time / cold time of the same size.
* **output**: megabytes written per 1,000 input files (report.json and the pages) at each size.
* **wire copies** (``--wire STORIES,COPIES``): tests/wire_copies.py's corpus (each wire story
  carried by COPIES outlets with light edits) written as files and run whole, cold: how many
  events, whether every copy of each story is in one event and no event mixes stories.
* **seed corpus**: ``compare run fixtures/seed-corpus -o OUT`` as a whole process (start-up
  included), and **one event** of
  5 accounts x 50 sentences aligned and compared (benchmarks/bench_align.py's generator).
  Baseline: the same work with this issue's speedups switched off in the same process (one
  regex alternation per lexicon, the jsonschema walk, a fold per token in the word diff, one
  fsync'd file per page), runs alternated, medians of ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

GOALS = {"seed_s": 1.5, "event_ms": 100.0, "scaling_10x": 10.0, "incremental": 0.05}


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def _whole_run(corpus: Path, out: Path, index: Path | None) -> object:
    from compare.pipeline import run_corpus, write_outputs

    report = run_corpus(corpus, index_dir=index)
    write_outputs(report, out)
    return report


PHASES = (("compare.pipeline", "read_corpus", "read"), ("compare.pipeline", "group_events", "match"),
          ("compare.pipeline", "compare_events", "align_facts"), ("compare.report", "report_to_dict", "report_dict"),
          ("compare.report", "dumps", "encode"), ("compare.report", "validate_report", "validate"),
          ("compare.html", "write_html", "pages"))


@contextmanager
def phase_timer(into: dict[str, float]) -> Iterator[None]:
    """CPU seconds of the run's phases added into ``into`` (the pipeline's functions wrapped while the block runs)."""
    import importlib

    saved = []
    for module_name, name, label in PHASES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def timed(*args: object, _f: Callable = original, _label: str = label, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return _f(*args, **kwargs)
            finally:
                into[_label] = into.get(_label, 0.0) + time.process_time() - start

        saved.append((module, name, original))
        setattr(module, name, timed)
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def one_size(n: int) -> dict:
    """Cold run of an n-file corpus with a fresh index, then one file added and run warm."""
    from synthetic_corpus import ARTICLES
    from synthetic_corpus import articles as make_articles

    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        folder, index = Path(tmp) / "corpus", Path(tmp) / "index"
        folder.mkdir()
        articles = make_articles(n + 1, seed=0, **ARTICLES)
        size = 0
        for _ in range(n):
            name, text = next(articles)
            size += (folder / name).write_text(text, encoding="utf-8")
        reports: list = []
        cold_cpu, cold_wall = _timed(lambda: reports.append(_whole_run(folder, Path(tmp) / "out", index)))
        out_bytes = sum(p.stat().st_size for p in (Path(tmp) / "out").rglob("*") if p.is_file())
        json_bytes = (Path(tmp) / "out" / "report.json").stat().st_size
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        events = len(reports[0].events)
        reports.clear()
        name, text = next(articles)
        (folder / name).write_text(text, encoding="utf-8")
        # the warm run in a fresh process, as a user's next ``compare run`` (tables read on first use are
        # built again there; in this process they would still be in memory from the cold run)
        done = subprocess.run([sys.executable, __file__, "--warm-one", tmp], capture_output=True, text=True, check=True)
        warm = json.loads(done.stdout.strip().splitlines()[-1])
        return {
            "n": n, "input_mb": round(size / 1e6, 2), "events": events,
            "cold_cpu_s": round(cold_cpu, 2), "cold_wall_s": round(cold_wall, 2),
            "output_mb": round(out_bytes / 1e6, 1), "report_json_mb": round(json_bytes / 1e6, 1),
            "peak_rss_mb": round(peak), **warm,
        }


def warm_one(tmp: Path) -> dict:
    """The run of ``one_size``'s corpus again with its index and report folder, timed by phase."""
    reports: list = []
    phases: dict[str, float] = {}

    def run() -> None:
        with phase_timer(phases):  # imports compare, as the cold run's first call does: timed in both
            reports.append(_whole_run(tmp / "corpus", tmp / "out", tmp / "index"))

    warm_cpu, warm_wall = _timed(run)
    stats = reports[-1].stats["index"]
    return {
        "warm_cpu_s": round(warm_cpu, 2), "warm_wall_s": round(warm_wall, 2),
        "events_computed": stats.get("events_computed"), "documents_reused": stats.get("documents_reused"),
        "stories_signed_warm": stats.get("signed"), "warm_phases_cpu_s": {k: round(v, 3) for k, v in phases.items()},
    }


def wire_run(stories: int, copies: int) -> dict:
    """tests/wire_copies.py's corpus as files, one whole cold run: time, events, grouping checks."""
    sys.path.insert(0, str(ROOT / "tests"))
    from wire_copies import WireGenerator

    with tempfile.TemporaryDirectory(prefix="bench-wire-") as tmp:
        folder = Path(tmp) / "corpus"
        base_of: dict[str, int] = {}
        size = 0
        for c in WireGenerator(seed=11).corpus(stories=stories, copies=copies):
            path = folder / c.story.document.replace(".txt", ".json")
            path.parent.mkdir(parents=True, exist_ok=True)
            size += path.write_text(json.dumps({"title": c.story.title, "outlet": c.story.outlet, "date": c.story.date,
                                                "text": "\n\n".join(s.text for s in c.story.sentences)}), encoding="utf-8")
            base_of[path.relative_to(folder).as_posix()] = c.base
        reports: list = []
        cpu, wall = _timed(lambda: reports.append(_whole_run(folder, Path(tmp) / "out", None)))
        out_bytes = sum(p.stat().st_size for p in (Path(tmp) / "out").rglob("*") if p.is_file())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        events = reports[0].events
        bases = [{base_of[sid.rsplit("#", 1)[0]] for sid in e.stories} for e in events]
        whole = sum(1 for e, b in zip(events, bases, strict=True) if len(b) == 1 and len(e.stories) == copies)
        return {
            "stories": stories, "copies": copies, "files": len(base_of), "input_mb": round(size / 1e6, 2),
            "cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "events": len(events),
            "stories_whole": whole, "mixed_events": sum(1 for b in bases if len(b) > 1),
            "families": sum(len(e.families) for e in events), "output_mb": round(out_bytes / 1e6, 1),
            "peak_rss_mb": round(peak),
        }


@contextmanager
def before_issue_11() -> Iterator[None]:
    """This issue's speedups switched off: what the code did before, for a baseline in the same run."""
    import compare.htmlreport as htmlreport
    import compare.report as report
    from compare.facts import lexicon
    from compare.fileio import atomic_write_text
    from compare.htmlreport import worddiff

    class _NoFastValidator:
        def is_valid(self, data: object) -> bool:
            raise TypeError("switched off")

    saved = (lexicon.PhraseMatcher.finditer, report._fast_validator, worddiff._key, report.write_text,
             htmlreport.write_text)
    lexicon.PhraseMatcher.finditer = lambda self, text: self.regex.finditer(text)  # type: ignore[method-assign]
    report._fast_validator = lambda: _NoFastValidator()  # type: ignore[assignment]
    worddiff._key = worddiff._key.__wrapped__  # type: ignore[attr-defined]

    def fsynced(path: Path, text: str, *, atomic: bool = True) -> None:
        atomic_write_text(path, text)

    report.write_text = htmlreport.write_text = fsynced  # type: ignore[assignment]
    lexicon._find.cache_clear()
    try:
        yield
    finally:
        (lexicon.PhraseMatcher.finditer, report._fast_validator, worddiff._key, report.write_text,
         htmlreport.write_text) = saved  # type: ignore[method-assign,assignment]
        lexicon._find.cache_clear()


def _event_workload() -> Callable[[], object]:
    from bench_align import make_event, sentence_pool

    from compare.align import align_event
    from compare.config import AlignParams
    from compare.facts import find_discrepancies
    from compare.model import Document

    event, stories = make_event(sentence_pool(), 5, 50)
    docs = {s.document: Document(path=s.document, sha256="", format="text", text=s.text, stories=[s])
            for s in stories.values()}

    def run() -> object:
        from compare.facts import lexicon

        lexicon._find.cache_clear()
        event.claims = align_event(event, stories, AlignParams())
        return find_discrepancies(event, stories, docs)

    return run


_CLI = """import contextlib, sys
sys.path.insert(0, {bench!r})
import bench_run
from compare.cli import main
with (bench_run.before_issue_11() if {before!r} else contextlib.nullcontext()):
    sys.argv = ["compare", "run", {corpus!r}, "-o", {out!r}, "-q"]
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
"""


def _cli_process(corpus: Path, out: Path, before: bool) -> tuple[float, float]:
    """(CPU, wall) seconds of a whole ``compare run CORPUS -o OUT`` process, start-up included."""
    code = _CLI.format(bench=str(ROOT / "benchmarks"), before=before, corpus=str(corpus), out=str(out))
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime, wall


def fixed_workloads(repeat: int) -> dict:
    seed = ROOT / "fixtures" / "seed-corpus"
    event = _event_workload()
    out: dict[str, list[tuple[float, float]]] = {k: [] for k in ("seed", "seed_before", "event", "event_before")}
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        _cli_process(seed, Path(tmp) / "warmup", False)
        for i in range(repeat):
            out["seed"].append(_cli_process(seed, Path(tmp) / f"a{i}", False))
            out["seed_before"].append(_cli_process(seed, Path(tmp) / f"b{i}", True))
            out["event"].append(_timed(event))
            with before_issue_11():
                out["event_before"].append(_timed(event))
        same = all((Path(tmp) / f"a{i}" / "report.json").read_bytes() == (Path(tmp) / f"b{i}" / "report.json").read_bytes()
                   for i in range(repeat))
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in out.items()}
    return {
        "seed_cpu_s": round(med["seed"][0], 3), "seed_wall_s": round(med["seed"][1], 3),
        "seed_before_cpu_s": round(med["seed_before"][0], 3), "seed_before_wall_s": round(med["seed_before"][1], 3),
        "event_cpu_ms": round(med["event"][0] * 1000, 1), "event_wall_ms": round(med["event"][1] * 1000, 1),
        "event_before_cpu_ms": round(med["event_before"][0] * 1000, 1),
        "event_before_wall_ms": round(med["event_before"][1] * 1000, 1),
        "report_json_identical": same,
    }


def table(results: dict) -> str:
    """The README's measurements rows (markdown) from a results file of this script."""
    sizes = results.get("sizes", [])
    base = sizes[0] if sizes else {}
    rows = ["| figure | measured | ratio (baseline in the same call) | goal |", "|---|---|---|---|"]
    for r in sizes[1:]:
        rows.append(f"| whole run, {r['n']:,} vs {base['n']:,} files (CPU) | {r['cold_cpu_s']:.0f} s vs "
                    f"{base['cold_cpu_s']:.1f} s | {r['cold_cpu_s'] / base['cold_cpu_s']:.1f}x for "
                    f"{r['n'] / base['n']:.0f}x the files | <= {r['n'] / base['n']:.0f}x |")
    for r in sizes:
        rows.append(f"| one file added, warm index, {r['n']:,} files (CPU) | {r['warm_cpu_s']:.1f} s "
                    f"({r['events_computed']} event(s) recomputed) | {r['warm_cpu_s'] / r['cold_cpu_s']:.3f} "
                    f"of the cold run | <= 0.05 |")
    for r in sizes:
        rows.append(f"| output and peak memory, {r['n']:,} files ({r['input_mb']} MB in) | {r['output_mb']} MB "
                    f"(report.json {r.get('report_json_mb', '?')} MB), {r['peak_rss_mb']} MB | "
                    f"{r['output_mb'] / r['input_mb']:.0f}x the input, {r['output_mb'] * 1000 / r['n']:.0f} MB per 1,000 files | |")
    for w in results.get("wire", []):
        rows.append(f"| wire copies: {w['stories']:,} stories x {w['copies']} = {w['files']:,} files, whole cold run (CPU) | "
                    f"{w['cpu_s']:.0f} s, {w['events']:,} events, {w['families']} reprint families, {w['output_mb']} MB out, "
                    f"peak {w['peak_rss_mb']} MB | every copy of {w['stories_whole']:,}/{w['stories']:,} stories in one event, "
                    f"{w['mixed_events']} mixed events | all, 0 |")
    if "fixed" not in results:
        return "\n".join(rows)
    f = results["fixed"]
    rows.append(f"| `compare run` on the seed corpus (whole process, wall) | {f['seed_wall_s']:.2f} s "
                f"({f['seed_cpu_s']:.2f} s CPU) | {f['seed_cpu_s'] / f['seed_before_cpu_s']:.2f} of before (CPU) | <= 1.5 s |")
    rows.append(f"| 5 x 50-sentence event aligned and compared | {f['event_cpu_ms']:.0f} ms CPU | "
                f"{f['event_cpu_ms'] / f['event_before_cpu_ms']:.2f} of before | <= 100 ms |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated ('' for none)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wire", action="append", default=[], metavar="STORIES,COPIES",
                        help="also a whole run of the wire-copy corpus (repeatable), e.g. 34,60")
    parser.add_argument("--no-fixed", action="store_true", help="skip the seed corpus and 5 x 50 event figures")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--table", type=Path, help="print the README table from a results file and stop")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--wire-one", help=argparse.SUPPRESS)
    parser.add_argument("--warm-one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))))
        return 0
    if args.one:
        print(json.dumps(one_size(args.one)))
        return 0
    if args.warm_one:
        print(json.dumps(warm_one(args.warm_one)))
        return 0
    if args.wire_one:
        stories, copies = (int(x) for x in args.wire_one.split(","))
        print(json.dumps(wire_run(stories, copies)))
        return 0
    results: dict = {"sizes": [], "wire": [], "goals": GOALS}
    sizes = results["sizes"]
    for n in (int(x) for x in args.sizes.split(",") if x.strip()):
        done = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        sizes.append(json.loads(done.stdout.strip().splitlines()[-1]))
        r = sizes[-1]
        print(f"{n:>7,} files {r['input_mb']:5.1f} MB: cold {r['cold_cpu_s']:7.1f} s CPU ({r['cold_wall_s']:.1f} s wall), "
              f"x{r['cold_cpu_s'] / sizes[0]['cold_cpu_s']:.1f} of {sizes[0]['n']:,} for x{n / sizes[0]['n']:.0f} files; "
              f"one added, warm: {r['warm_cpu_s']:.2f} s = {r['warm_cpu_s'] / r['cold_cpu_s']:.3f} of cold "
              f"({r['events_computed']} events recomputed, {r['documents_reused']} documents reused); "
              f"output {r['output_mb']} MB (report.json {r['report_json_mb']} MB); peak {r['peak_rss_mb']} MB",
              flush=True)
        print("  warm run's phases (CPU s; writing holds the report dict, encoding, validation and pages): "
              + ", ".join(f"{k} {v:.2f}" for k, v in r["warm_phases_cpu_s"].items()), flush=True)
    for spec in args.wire:
        done = subprocess.run([sys.executable, __file__, "--wire-one", spec], capture_output=True, text=True, check=True)
        w = json.loads(done.stdout.strip().splitlines()[-1])
        results["wire"].append(w)
        print(f"wire {w['stories']:,} x {w['copies']} = {w['files']:,} files: {w['cpu_s']:.1f} s CPU ({w['wall_s']:.1f} s wall), "
              f"{w['events']:,} events, every copy in one event for {w['stories_whole']:,}/{w['stories']:,} stories, "
              f"{w['mixed_events']} mixed events, {w['families']} families; output {w['output_mb']} MB; "
              f"peak {w['peak_rss_mb']} MB", flush=True)
    if not args.no_fixed:
        fixed = results["fixed"] = fixed_workloads(args.repeat)
        print(f"seed corpus: {fixed['seed_wall_s']:.2f} s wall, {fixed['seed_cpu_s']:.2f} s CPU; before: "
              f"{fixed['seed_before_cpu_s']:.2f} s CPU -> {fixed['seed_cpu_s'] / fixed['seed_before_cpu_s']:.2f} of before; "
              f"report.json identical: {fixed['report_json_identical']}")
        print(f"5 x 50 event: {fixed['event_cpu_ms']:.0f} ms CPU ({fixed['event_wall_ms']:.0f} ms wall); before: "
              f"{fixed['event_before_cpu_ms']:.0f} ms -> {fixed['event_cpu_ms'] / fixed['event_before_cpu_ms']:.2f} of before")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
