"""``compare run --engine dask``: the pipeline as Dask tasks on a ``distributed`` cluster.

The stage functions are the embedded run's; ``compare.engine.tasks`` cuts them into
partition functions and this module wires them into tasks (``Client.submit``, futures
passed from task to task, so intermediate data stays on the workers):

* ingest: one task per partition of files, then a tree reduction of the per-line
  document counts (site chrome seen in several documents), then one task per partition
  building the Documents;
* matching: ``compare.match.group_events`` in the driver process.  A distributed version
  (band-key shuffle, connected components, average-link per component) was built and
  byte-identical against an earlier ``group_events`` (git tag h14-distributed-matching-wip);
  the grouping stage changed since (reprint families, furniture, weighted average-link), and
  it waits to be brought up to date (docs/scale.md);
* alignment and facts: one task per batch of events.

The report is built and written only after every task has finished, so a worker that dies
costs a retry (Dask recomputes lost results from their lineage), never a partial report.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from compare.config import Config
from compare.engine import tasks
from compare.engine.stores import describe, open_store
from compare.ingest import plan_corpus, repeated_from_counts
from compare.match import _check, group_events
from compare.model import Event, InputError, Report

Progress = Callable[[str, int, int], None]

FILES_PER_PARTITION = 500  # at most; small corpora get a few partitions per worker
STORIES_PER_COMPARE_TASK = 400


class DaskRunError(RuntimeError):
    """The cluster could not finish the run (a worker kept dying, a task failed); no report."""


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster sized to this machine."""
    from distributed import Client, LocalCluster

    for name in ("distributed", "distributed.worker", "distributed.nanny", "distributed.scheduler"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def run_corpus_dask(
    corpus: str | Path,
    config: Config | None = None,
    *,
    index: str | Path | None = None,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    follow_symlinks: bool = False,
) -> Report:
    """``pipeline.run_corpus`` on Dask: the same Report (and report.json, to the byte).

    ``index``: the shared signature index: a folder (SQLite, one machine),
    ``redis://HOST:PORT/DB`` or ``parquet:FOLDER`` (a cluster); None: a temporary SQLite
    folder, removed after the run.  ``client``: an existing ``distributed.Client``; else
    one of ``scheduler`` (``tcp://HOST:8786``), else a LocalCluster of ``workers`` processes.
    """
    config = config or Config()
    _check(config.match)
    temporary = tempfile.mkdtemp(prefix="compare-dask-index-") if index is None else None
    store = temporary if temporary is not None else str(index)
    try:
        try:
            open_store(store).close()  # create (or check) it once, before many workers open it
        except Exception as exc:  # noqa: BLE001 - redis, pyarrow and sqlite each raise their own
            raise DaskRunError(f"the shared index {describe(store)} cannot be used ({type(exc).__name__}: {exc})") from None
        if client is not None:
            return _run(client, Path(corpus), config, store, temporary is None, progress, follow_symlinks)
        with dask_client(scheduler, workers) as own:
            return _run(own, Path(corpus), config, store, temporary is None, progress, follow_symlinks)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _chunks(items: Sequence[Any], parts: int) -> list[list[Any]]:
    size = max(1, math.ceil(len(items) / max(parts, 1)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class _Cluster:
    """Task submission with readable keys, progress, and one clear error when a task fails."""

    def __init__(self, client: Any, progress: Progress | None):
        self.client = client
        self.progress = progress
        self.counter = 0

    def submit(self, stage: str, fn: Callable[..., Any], *args: Any) -> Any:
        self.counter += 1
        return self.client.submit(fn, *args, key=f"compare-{stage}-{self.counter}-{os.getpid()}-{id(self)}",
                                  retries=2)

    def tree(self, stage: str, fn: Callable[..., Any], parts: list[Any], fan: int = 8) -> Any:
        """Reduce ``parts`` with ``fn(*some)`` in a tree of tasks (never all of them in one call)."""
        while len(parts) > 1:
            parts = [self.submit(stage, fn, *parts[i : i + fan]) for i in range(0, len(parts), fan)]
        return parts[0]

    def gather(self, stage: str, futures: list[Any]) -> list[Any]:
        from distributed import as_completed

        try:
            done = 0
            for _ in as_completed(futures):
                done += 1
                if self.progress:
                    self.progress(f"dask {stage}", done, len(futures))
            return list(self.client.gather(futures))
        except Exception as exc:  # noqa: BLE001 - any task failure ends the run with one line
            raise DaskRunError(f"the Dask run failed in stage '{stage}': {type(exc).__name__}: {exc}") from exc

    def scatter(self, value: Any) -> Any:
        return self.client.scatter([value], broadcast=True, hash=False)[0]  # one object, even a dict


def _read_plan(corpus: Path, follow_symlinks: bool) -> tuple[dict[str, dict[str, Any]] | None, list[tuple[Any, str]], list[InputError]]:
    """The manifest, the files to read and the errors found on the way (as ``read_corpus``)."""
    manifest, files, errors = plan_corpus(corpus, follow_symlinks=follow_symlinks)
    return manifest, list(files), errors










def _run(client: Any, corpus: Path, config: Config, store: str, kept: bool, progress: Progress | None,
         follow_symlinks: bool) -> Report:
    params = config.match
    cluster = _Cluster(client, progress)
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    # 1-2. ingest
    manifest, files, errors = _read_plan(corpus, follow_symlinks)
    partitions = max(min(len(files), 4 * workers), math.ceil(len(files) / FILES_PER_PARTITION), 1)
    read = [cluster.submit("read", tasks.read_part, [(str(p), rel) for p, rel in chunk])
            for chunk in _chunks(files, partitions)]
    counts = cluster.tree("line-counts", tasks.add_counts, [cluster.submit("line-counts", tasks.line_counts, r) for r in read])
    repeated = cluster.submit("repeated", repeated_from_counts, counts)
    built = [cluster.submit("extract", tasks.build_part, r, manifest, repeated) for r in read]
    documents, part_errors, sizes = [], [], []
    for docs, errs in cluster.gather("extract", built):
        documents.extend(docs)
        part_errors.extend(errs)
        sizes.append(sum(len(d.stories) for d in docs))
    errors = sorted(errors + part_errors, key=lambda e: (e.path, e.error))
    del read, counts, repeated
    stories = [story for doc in documents for story in doc.stories]

    # 3-8. matching: compare.match.group_events in the driver process (see the module docstring)
    index_stats: dict[str, Any] = {}
    events = group_events(stories, params, index_dir=None if store.startswith(("redis://", "rediss://", "unix://", "parquet:"))
                          or not kept else Path(store), stats=index_stats)
    del built

    # 9. alignment and facts per batch of events
    story_by_id = {s.id: s for s in stories}
    doc_by_path = {d.path: d for d in documents}
    batches = _event_batches(events)
    compared = [cluster.submit("compare", tasks.compare_part, batch,
                               {sid: story_by_id[sid] for e in batch for sid in e.stories},
                               {p: doc_by_path[p] for p in {story_by_id[sid].document for e in batch for sid in e.stories}},
                               config.align)
                for batch in batches]
    for batch, results in zip(batches, cluster.gather("compare", compared), strict=True):
        for event, (claims, discrepancies) in zip(batch, results, strict=True):
            event.claims, event.discrepancies = claims, discrepancies

    stats = {"engine": "dask", "workers": workers, "partitions": len(sizes), **index_stats}
    return Report(corpus=corpus.name, documents=documents, events=events, errors=errors,
                  parameters=config.as_dict(), stats={"index": stats})




def _event_batches(events: list[Event]) -> list[list[Event]]:
    batches: list[list[Event]] = [[]]
    size = 0
    for event in events:
        if size >= STORIES_PER_COMPARE_TASK:
            batches.append([])
            size = 0
        batches[-1].append(event)
        size += len(event.stories)
    return [b for b in batches if b]
