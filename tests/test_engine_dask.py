"""The Dask engine writes the embedded run's report.json to the byte (issue 14).

One 2-worker LocalCluster (threads, in this process; conftest.dask_client) serves the
session; the CLI test and the worker-death test start real worker processes of their own.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from typer.testing import CliRunner  # noqa: E402

from compare.cli import app  # noqa: E402
from compare.engine.dask_engine import DaskRunError, run_corpus_dask  # noqa: E402
from compare.pipeline import run_corpus  # noqa: E402
from compare.report import write_report_json  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed-corpus"
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import write_corpus  # noqa: E402


@pytest.fixture
def client(dask_client):
    return dask_client


def _generated(tmp_path_factory, n: int) -> Path:
    folder = tmp_path_factory.mktemp(f"generated-{n}") / "corpus"
    write_corpus(folder, n, seed=11, length=(3, 6), vocabulary=6000, events=0.1)
    return folder


def _json_bytes(report, folder: Path) -> bytes:
    path, _ = write_report_json(report, folder)
    return path.read_bytes()


def test_seed_corpus_report_json_identical(client, tmp_path):
    embedded = _json_bytes(run_corpus(SEED), tmp_path / "embedded")
    dask = _json_bytes(run_corpus_dask(SEED, client=client), tmp_path / "dask")
    assert dask == embedded


@pytest.mark.parametrize("language", ["ru", "de"])
def test_non_english_corpus_report_json_identical(client, tmp_path, language):
    """Stories matched with their own language's stems (fixtures/samelang) give the same report."""
    corpus = ROOT / "fixtures" / "samelang" / language
    embedded = _json_bytes(run_corpus(corpus), tmp_path / "embedded")
    dask = _json_bytes(run_corpus_dask(corpus, client=client), tmp_path / "dask")
    assert dask == embedded


@pytest.mark.parametrize("stories", [
    1000,
    pytest.param(5000, marks=[pytest.mark.slow, pytest.mark.skipif(
        os.environ.get("COMPARE_SCALE_TESTS") != "1",
        reason="5,000 stories take minutes on a shared 2-core box: set COMPARE_SCALE_TESTS=1 (.ci/run does)")]),
])
def test_generated_corpus_identical(stories, client, tmp_path_factory, tmp_path):
    generated = _generated(tmp_path_factory, stories)
    embedded_report = run_corpus(generated)
    assert len(embedded_report.errors) == 1  # the planted binary file, reported by both engines
    assert sum(1 for e in embedded_report.events if len(e.stories) > 1) > stories // 25
    dask_report = run_corpus_dask(generated, client=client, index=tmp_path / "index")
    assert _json_bytes(dask_report, tmp_path / "dask") == _json_bytes(embedded_report, tmp_path / "embedded")


def test_warm_run_reuses_the_sqlite_index(client, tmp_path):
    cold = run_corpus_dask(SEED, client=client, index=tmp_path / "index")
    warm = run_corpus_dask(SEED, client=client, index=tmp_path / "index")
    stories = sum(len(d.stories) for d in warm.documents)
    assert cold.stats["index"]["signed"] == stories
    assert warm.stats["index"]["signed"] == 0 and warm.stats["index"]["reused"] == stories
    assert _json_bytes(warm, tmp_path / "warm") == _json_bytes(cold, tmp_path / "cold")


def test_warm_runs_take_events_from_the_cache_either_engine_wrote(client, tmp_path):
    """The per-event cache (compare.eventcache) is one: what an embedded run stored, a Dask run
    reads, and the other way round; a warm run computes no event and writes the same bytes."""
    embedded = run_corpus(SEED, index_dir=tmp_path / "index")
    events = len(embedded.events)
    warm = run_corpus_dask(SEED, client=client, index=tmp_path / "index")
    assert warm.stats["index"]["events_computed"] == 0 and warm.stats["index"]["events_reused"] == events
    assert _json_bytes(warm, tmp_path / "warm") == _json_bytes(embedded, tmp_path / "embedded")

    cold = run_corpus_dask(SEED, client=client, index=tmp_path / "index2")
    assert cold.stats["index"]["events_computed"] == events and cold.stats["index"]["events_reused"] == 0
    again = run_corpus(SEED, index_dir=tmp_path / "index2")
    assert again.stats["index"]["events_computed"] == 0 and again.stats["index"]["events_reused"] == events
    assert _json_bytes(again, tmp_path / "again") == _json_bytes(embedded, tmp_path / "embedded2")


def test_a_failing_task_fails_the_run_with_one_line(client, tmp_path, monkeypatch):
    from compare.engine import tasks

    def broken(*args, **kwargs):
        raise MemoryError("worker ran out of memory")

    monkeypatch.setattr(tasks, "compare_part", broken)
    with pytest.raises(DaskRunError) as failure:
        run_corpus_dask(SEED, client=client)
    message = str(failure.value)
    assert "\n" not in message and "stage 'compare'" in message and "MemoryError" in message


def test_cli_engine_dask_writes_the_same_report(tmp_path):
    runner = CliRunner()
    plain = runner.invoke(app, ["run", str(SEED), "-o", str(tmp_path / "plain"), "-q", "--index", str(tmp_path / "i1")])
    assert plain.exit_code == 0, plain.output
    dask = runner.invoke(app, ["run", str(SEED), "-o", str(tmp_path / "dask"), "-q", "--index", str(tmp_path / "i2"),
                               "--engine", "dask", "--workers", "2"])
    assert dask.exit_code == 0, dask.output
    assert (tmp_path / "dask" / "report.json").read_bytes() == (tmp_path / "plain" / "report.json").read_bytes()
    assert (tmp_path / "dask" / "index.html").is_file()


def test_cli_refuses_engine_options_without_dask_engine(tmp_path):
    result = CliRunner().invoke(app, ["run", str(SEED), "-o", str(tmp_path / "o"), "-q", "--workers", "2"])
    assert result.exit_code == 2
    assert "need --engine dask" in result.output
    result = CliRunner().invoke(app, ["run", str(SEED), "-o", str(tmp_path / "o"), "-q", "--engine", "spark"])
    assert result.exit_code == 2 and "unknown engine 'spark'" in result.output


def test_cli_unreachable_index_is_one_line_and_no_report(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(SEED), "-o", str(out), "-q", "--engine", "dask", "--workers", "1",
                                      "--index-url", "redis://127.0.0.1:1/0"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "cannot be used" in lines[0] and "no report was written" in lines[0]
    assert not (out / "report.json").exists()


def test_run_completes_when_a_worker_process_is_killed(tmp_path):
    """A worker killed mid-run (SIGKILL): Dask recomputes its results elsewhere, same report."""
    from distributed import Client, LocalCluster

    embedded = _json_bytes(run_corpus(SEED), tmp_path / "embedded")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        pids = sorted(c.run(os.getpid).values())
        killed = threading.Event()

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "dask extract" and not killed.is_set():
                killed.set()
                os.kill(pids[0], signal.SIGKILL)

        report = run_corpus_dask(SEED, client=c, progress=progress)
    assert killed.is_set()
    assert _json_bytes(report, tmp_path / "dask") == embedded


def test_wire_copies_with_reprint_families_identical(client, tmp_path):
    """Syndicated text (large buckets kept as stars), reprint families with edits, site furniture."""
    import json

    sys.path.insert(0, str(ROOT / "tests"))
    from wire_copies import WireGenerator

    corpus = tmp_path / "corpus"
    for c in WireGenerator(seed=5).corpus(stories=2, copies=12):
        path = corpus / c.story.document.replace(".txt", ".json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"title": c.story.title, "outlet": c.story.outlet, "date": c.story.date,
                                    "text": "\n\n".join(s.text for s in c.story.sentences)}), encoding="utf-8")
    embedded = run_corpus(corpus)
    assert any(e.families for e in embedded.events)
    dask = run_corpus_dask(corpus, client=client)
    assert dask.stats["index"]["reprint_families"] > 0
    assert _json_bytes(dask, tmp_path / "dask") == _json_bytes(embedded, tmp_path / "embedded")


def test_group_events_dask_gives_group_events_events(client, monkeypatch):
    """The matching stage alone, on benchmarks/bench_match.py's stories (planted events of 2-4
    retellings), cut into 7 partitions, the band-key shuffle run in waves of buckets (as a
    large corpus runs it): the same events, links and scores as group_events."""
    from dataclasses import asdict

    from bench_match import Generator

    from compare.config import Config
    from compare.engine import dask_engine
    from compare.engine.dask_engine import group_events_dask
    from compare.match import group_events

    monkeypatch.setattr(dask_engine, "ROWS_PER_WAVE", 20_000)  # ~300k rows here: the 7 buckets in 7 waves

    stories = [story for story, _ in Generator(seed=3).stories(600)]
    params = Config().match
    embedded = group_events(stories, params)
    stats: dict = {}
    dask = group_events_dask(stories, params, client=client, partitions=7, stats=stats)
    assert sum(1 for e in embedded if len(e.stories) > 1) > 40
    assert stats["shuffle_buckets"] == 7 and stats["components"] < len(stories)
    assert stats["lsh_waves"] > 2
    assert [asdict(e) for e in dask] == [asdict(e) for e in embedded]


@pytest.mark.parametrize("weak_top", [2, 10])
def test_candidate_pairs_with_weak_top_equal_the_embedded_runs(client, monkeypatch, weak_top):
    """Each story's ``candidate_weak_top`` best weak pairs are ranked where all of its weak pairs are
    (a shuffle keyed by story), not among the pairs of one verification partition: with 12 partitions of
    50 stories (every story's weak partners spread over several), the candidate graph is the embedded
    run's pair for pair, and so are the events."""
    import dataclasses
    from dataclasses import asdict

    import numpy as np
    from bench_match import Generator

    import compare.match as match
    from compare.config import Config
    from compare.engine.dask_engine import group_events_dask

    clustered: list[np.ndarray] = []
    original = match.cluster_by_components

    def recording(n, pairs, *args, **kwargs):
        clustered.append(np.asarray(pairs).copy())
        return original(n, pairs, *args, **kwargs)

    monkeypatch.setattr(match, "cluster_by_components", recording)
    stories = [story for story, _ in Generator(seed=3).stories(600)]
    params = dataclasses.replace(Config().match, candidate_weak_top=weak_top)
    stats: dict = {}
    embedded = match.group_events(stories, params, stats=stats)
    assert stats["reprint_families"] == 0  # so version numbers are story numbers
    every = dataclasses.replace(params, candidate_weak_top=100_000)
    match.group_events(stories, every)
    (expected, everything) = [{tuple(p) for p in pairs.tolist()} for pairs in clustered]
    assert len(everything) > len(expected)  # the ranking keeps fewer than all weak pairs: it is exercised
    graph: list[np.ndarray] = []
    dask = group_events_dask(stories, params, client=client, partitions=12, graph=graph)
    found = [tuple(p) for pairs in graph for p in pairs.tolist()]
    assert len(found) == len(set(found))
    assert set(found) == expected
    assert [asdict(e) for e in dask] == [asdict(e) for e in embedded]
