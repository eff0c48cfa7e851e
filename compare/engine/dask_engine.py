"""``compare run --engine dask``: the pipeline as Dask tasks on a ``distributed`` cluster.

The stage functions are the embedded run's; ``compare.engine.tasks`` cuts them into
partition functions and this module wires them into tasks (``Client.submit``, futures
passed from task to task, so intermediate data stays on the workers):

* ingest: one task per partition of files, then a tree reduction of the per-line
  document counts (site chrome seen in several documents), then one task per partition
  building the Documents;
* matching (``compare.engine.match_tasks``): stems per partition through the shared index;
  site furniture, reprint-family candidates and sentence/name candidates each as a shuffle
  (rows split by key in their partition's task, one task per bucket); verification per
  bucket of story pairs; connected components by a tree reduction; the exact average-link
  per group of whole components;
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

import numpy as np

from compare.config import Config, MatchParams
from compare.engine import match_tasks as mt
from compare.engine import tasks
from compare.engine.stores import describe, is_remote, open_store
from compare.index import FILENAME as INDEX_FILENAME
from compare.ingest import plan_corpus, repeated_from_counts
from compare.lang.crosslingual import cross_language_pairs
from compare.match import _check, common_terms, copies_in_time, fingerprint
from compare.match.families import star_families
from compare.match.signatures import lsh_bands
from compare.match.verify import Vocabulary
from compare.model import Document, Event, InputError, Report, Story

Progress = Callable[[str, int, int], None]

FILES_PER_PARTITION = 500  # at most; small corpora get a few partitions per worker
STORIES_PER_COMPARE_TASK = 400
STORIES_PER_PARTITION = 2500  # at most, in group_events_dask's parts and in a clustering task's group (but for one large component)
COMPONENT_WARN = 20_000  # a component of the cut candidate graph larger than this is said to be one task's burden


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
    with _shared_index(index) as (store, kept):
        if client is not None:
            return _run(client, Path(corpus), config, store, kept, progress, follow_symlinks)
        with dask_client(scheduler, workers) as own:
            return _run(own, Path(corpus), config, store, kept, progress, follow_symlinks)


def group_events_dask(stories: list[Story], params: MatchParams, *, client: Any, index: str | Path | None = None,
                      partitions: int | None = None, stats: dict[str, Any] | None = None,
                      progress: Progress | None = None, graph: list[np.ndarray] | None = None) -> list[Event]:
    """``compare.match.group_events`` as Dask tasks on ``client``'s cluster: the same events.

    The stories are scattered to the workers in ``partitions`` parts (default: at least 4
    per worker, at most ``STORIES_PER_PARTITION`` stories each); ``index`` as for
    ``run_corpus_dask``; ``graph``: a list the candidate graph's edges are added to (story pairs, for
    inspection: the pairs ``group_events`` clusters)."""
    _check(params)
    cluster = _Cluster(client, progress)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    count = partitions or max(min(len(stories), 4 * workers), math.ceil(len(stories) / STORIES_PER_PARTITION), 1)
    chunks = _chunks(stories, count)
    sizes = [len(c) for c in chunks]
    with _shared_index(index) as (store, kept):
        terms = _stems(cluster, client.scatter(chunks, hash=False), store, sizes)
        del chunks  # the workers' copies go once the stems tasks have read them
        events, found = _match(cluster, stories, terms, sizes, params, store, kept, workers, graph)
    if stats is not None:
        stats.update(found)
    return events


@contextmanager
def _shared_index(index: str | Path | None) -> Iterator[tuple[str, bool]]:
    """(the store spec every task opens, whether it outlives the run); None: a temporary SQLite folder."""
    temporary = tempfile.mkdtemp(prefix="compare-dask-index-") if index is None else None
    store = temporary if temporary is not None else str(index)
    try:
        try:
            open_store(store).close()  # create (or check) it once, before many workers open it
        except Exception as exc:  # noqa: BLE001 - redis, pyarrow and sqlite each raise their own
            raise DaskRunError(f"the shared index {describe(store)} cannot be used ({type(exc).__name__}: {exc})") from None
        yield store, temporary is None
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

    def wait(self, stage: str, futures: list[Any], done: int, total: int) -> None:
        """Block until ``futures`` have finished (one clear error if one failed)."""
        from distributed import wait

        wait(futures)
        failed = [f for f in futures if f.status == "error"]
        if failed:
            self.gather(stage, failed)
        if self.progress:
            self.progress(f"dask {stage}", done, total)

    def shuffle(self, stage: str, parts: list[Any], buckets: int) -> list[list[Any]]:
        """Per output bucket, its piece of every partition (each partition's task returned its rows
        already split into ``buckets``): one small task per piece, so a bucket's task receives only
        its own rows (Dask's task-based shuffle)."""
        return [[self.submit(f"shuffle-{stage}", mt.pick, part, b) for part in parts] for b in range(buckets)]

    def scatter(self, value: Any) -> Any:
        """A value every task of a step reads (flags, keys, the vocabulary), as a task's result: unlike
        scattered data (whose replicas Dask's memory manager drops), it is recomputed when the worker
        that holds it dies."""
        return self.submit("shared", mt.unwrap, mt.Wrapped(value))


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

    # 3-8. matching as tasks (compare.engine.match_tasks); the workers' Documents go once the stems tasks
    # have read them (the driver has them for the report)
    terms = _stems(cluster, [cluster.submit("stories", _stories_of, b) for b in built], store, sizes)
    del built
    events, index_stats = _match(cluster, stories, terms, sizes, params, store, kept, workers)

    # 9. alignment and facts per batch of events; with a kept index (any store), the events it holds
    # from an earlier run (embedded or Dask: one key, compare.eventcache) are taken from it
    story_by_id = {s.id: s for s in stories}
    doc_by_path = {d.path: d for d in documents}
    cache = _EventCache(store, config, documents, story_by_id) if kept else None
    todo = cache.take_stored(events) if cache is not None else events
    batches = _event_batches(todo)
    compared = [cluster.submit("compare", tasks.compare_part, batch,
                               {sid: story_by_id[sid] for e in batch for sid in e.stories},
                               {p: doc_by_path[p] for p in {story_by_id[sid].document for e in batch for sid in e.stories}},
                               config.align)
                for batch in batches]
    for batch, results in zip(batches, cluster.gather("compare", compared), strict=True):
        for event, (claims, discrepancies) in zip(batch, results, strict=True):
            event.claims, event.discrepancies = claims, discrepancies
    if cache is not None:
        index_stats.update(cache.store_fresh(todo))

    stats = {"engine": "dask", "workers": workers, "partitions": len(sizes), **index_stats}
    return Report(corpus=corpus.name, documents=documents, events=events, errors=errors,
                  parameters=config.as_dict(), stats={"index": stats})




class _EventCache:
    """The embedded run's per-event cache (``compare.pipeline.compare_events``) for the driver:
    events whose members, parameters and code are unchanged are read from the shared index (any store),
    the others computed on the workers and written back, so a warm run aligns nothing new."""

    def __init__(self, store: str, config: Config, documents: list[Document], story_by_id: dict[str, Story]):
        from compare import eventcache

        self.store = store
        digests = {doc.path: eventcache.document_digest(doc) for doc in documents}
        self.document_of = {sid: story.document for sid, story in story_by_id.items()}
        self.digests, self.parameters = digests, config.as_dict()
        self.keys: dict[int, str] = {}
        self.reused = 0

    def take_stored(self, events: list[Event]) -> list[Event]:
        """Fill the events the index holds; return the others (in order)."""
        from compare import eventcache
        self.keys = {id(e): eventcache.event_key(e, self.document_of, self.digests, self.parameters) for e in events}
        index = open_store(self.store)
        try:
            stored = index.get_events(sorted(set(self.keys.values())))
        finally:
            index.close()
        todo = []
        for event in events:
            cached = eventcache.load(stored.get(self.keys[id(event)]))
            if cached is None:
                todo.append(event)
            else:
                event.claims, event.discrepancies = cached
                self.reused += 1
        return todo

    def store_fresh(self, computed: list[Event]) -> dict[str, int]:
        """Write the computed events' results; the counts for the run's stats."""
        from compare import eventcache
        fresh = {}
        for event in computed:
            blob = eventcache.store(event.claims, event.discrepancies)
            if blob is not None:
                fresh[self.keys[id(event)]] = blob
        index = open_store(self.store)
        try:
            index.put_events(fresh)
        finally:
            index.close()
        return {"events_reused": self.reused, "events_computed": len(computed)}


def _stories_of(built: tuple[list[Document], list[InputError]]) -> list[Story]:
    return [story for doc in built[0] for story in doc.stories]


def _stems(cluster: _Cluster, parts: list[Any], store: str, sizes: list[int]) -> list[Any]:
    """Per partition of stories (futures; ``sizes``: their lengths), its ``TermsPart``: stems through the shared
    index and the per-story numbers the later steps need, so that no later task needs the Story objects."""
    firsts = [sum(sizes[:i]) for i in range(len(sizes))]
    return [cluster.submit("stems", mt.terms_part, part, store, fingerprint(), first)
            for part, first in zip(parts, firsts, strict=True)]


def _match(cluster: _Cluster, stories: list[Story], terms: list[Any], sizes: list[int], params: MatchParams,
           store: str, kept: bool, workers: int, graph: list[np.ndarray] | None = None
           ) -> tuple[list[Event], dict[str, Any]]:
    """``group_events`` as tasks: every step that reads the corpus runs per partition, every grouping
    by key is a shuffle (each partition's rows split into buckets, one task per bucket), so no task
    holds more than a bucket of candidate rows; the driver holds what the report needs anyway
    (the stories) and small derived sets (families' verified pairs, the vocabulary, component labels)."""
    firsts = [sum(sizes[:i]) for i in range(len(sizes))]
    buckets = max(1, len(sizes))

    # 1. stems: read from / written to the shared index, on the workers (``_stems``)
    signing = cluster.gather("stems", [cluster.submit("stems", mt.signing_of, t) for t in terms])
    keys = [k for found in cluster.gather("stems", [cluster.submit("stems", mt.keys_of, t) for t in terms]) for k in found]
    keys_f = cluster.scatter(keys)

    # 2. site furniture: page counts shuffled by sentence key, then each story's flags
    counted = [cluster.submit("furniture", mt.furniture_part, t, buckets) for t in terms]
    furniture = cluster.tree("furniture", mt.union, [cluster.submit("furniture", mt.furniture_bucket, pieces)
                                                     for pieces in cluster.shuffle("furniture", counted, buckets)])
    flags_f = cluster.tree("flags", mt.merge_dicts, [cluster.submit("flags", mt.flags_part, t, first, furniture)
                                                     for t, first in zip(terms, firsts, strict=True)])
    (flags,) = cluster.gather("flags", [flags_f])
    del counted, furniture

    # 3. reprint families: LSH rows shuffled on band keys, candidates shuffled by pair, verified
    rows = [cluster.submit("family-lsh", mt.family_part, t, first, flags_f, params, buckets)
            for t, first in zip(terms, firsts, strict=True)]
    copy_pairs = [cluster.submit("family-candidates", mt.family_bucket, pieces, buckets)
                  for pieces in cluster.shuffle("family-lsh", rows, buckets)]
    del rows
    verified_copies = [cluster.submit("family-verify", mt.family_verify, pieces, keys_f, store, flags_f, params)
                       for pieces in cluster.shuffle("family-candidates", copy_pairs, buckets)]
    del copy_pairs
    families = star_families(len(stories), copies_in_time(sorted(p for part in cluster.gather("family-verify", verified_copies)
                                                                 for p in part), stories, params))
    copies = frozenset(m for f in families for m, _ in f.members)
    copies_f = cluster.scatter(copies)
    del verified_copies

    # 4. the vocabulary: idf over every story, common stems over distinct texts
    (vocab_terms, counts), = cluster.gather("vocabulary", [cluster.tree("vocabulary", mt.merge_vocab, [
        cluster.submit("vocabulary", mt.vocab_part, t, first, copies_f, flags_f) for t, first in zip(terms, firsts, strict=True)])])
    vocab = Vocabulary.from_counts(vocab_terms, counts[:, 0], len(stories))
    distinct_texts = len(stories) - len(copies)
    seen = counts[:, 1] > 0
    common = common_terms(Vocabulary.from_counts(vocab_terms[seen], counts[seen, 1], distinct_texts), distinct_texts, params)
    vocab_f = cluster.scatter(vocab)

    # 5. candidates: sentence and name LSH band keys per partition (compact), their rows shuffled on band
    # keys a wave of buckets at a time (at most two waves' rows in the cluster at once), pairs shuffled by
    # story pair (a two-step join with the stems), verified
    signed = [cluster.submit("lsh", mt.lsh_part, t, first, copies_f, flags_f, common, params)
              for t, first in zip(terms, firsts, strict=True)]
    columns = [cluster.submit("columns", mt.columns_of, t) for t in terms]
    del terms  # the vocabulary, families, LSH and columns tasks hold them while they need them
    total_rows = sum(cluster.gather("lsh", [cluster.submit("lsh", mt.lsh_row_count, p) for p in signed]))
    waves = _waves(total_rows, buckets, workers)
    candidates: list[Any] = []
    previous: list[Any] = []
    for w, (lo, hi) in enumerate(waves):
        rows = [cluster.submit("lsh-rows", mt.lsh_rows_part, p, lo, hi, buckets) for p in signed]
        found = [cluster.submit("candidates", mt.candidates_part, pieces, params, firsts)
                 for pieces in cluster.shuffle("lsh", rows, hi - lo)]
        del rows
        cluster.wait("candidates", previous, w, len(waves))
        candidates.extend(found)
        previous = found
    cluster.wait("candidates", previous, len(waves), len(waves))
    del signed, previous

    # accounts in different languages (compare.lang): found in the driver, for a corpus in several languages
    # only; their pairs join the verification join with the others (evidence given to their second story's task)
    versions = [k for k in range(len(stories)) if k not in copies]
    cross_stats: dict[str, Any] = {}
    cross = {(versions[a], versions[b]): ev
             for (a, b), ev in cross_language_pairs([stories[k] for k in versions], cross_stats).items()}
    cross_order = sorted(cross)
    cross_edges = np.array(cross_order, dtype=np.int64).reshape(-1, 2)
    cross_first = mt.partition_of(cross_edges[:, 0], firsts)
    cross_second = mt.partition_of(cross_edges[:, 1], firsts).tolist()

    attached = [cluster.submit("attach", mt.attach_part, pieces, keys_f, store, flags_f, firsts, columns[p],
                               cross_edges[cross_first == p])
                for p, pieces in enumerate(cluster.shuffle("candidates", candidates, buckets))]
    verified = [cluster.submit("verify", mt.verify_part, pieces, keys_f, store, flags_f, vocab_f, params, columns[p],
                               {pair: cross[pair] for pair, to in zip(cross_order, cross_second, strict=True) if to == p})
                for p, pieces in enumerate(cluster.shuffle("attach", attached, buckets))]
    del candidates, attached, columns
    # each story's best weak pairs, ranked where all of its weak pairs are (the partition of the story)
    weak = [cluster.submit("weak", mt.weak_part, v, firsts) for v in verified]
    ranked = [cluster.submit("rank", mt.rank_part, pieces, p, firsts, len(stories), params.candidate_weak_top)
            for p, pieces in enumerate(cluster.shuffle("weak", weak, buckets))]
    del weak
    edges = [cluster.submit("edges", mt.edges_part, v, pieces)
             for v, pieces in zip(verified, cluster.shuffle("rank", ranked, buckets), strict=True)]
    del ranked
    if graph is not None:
        graph.extend(cluster.gather("edges", [cluster.submit("edges", mt.edge_pairs, e) for e in edges]))
    pair_counts = cluster.gather("verify", [cluster.submit("verify", mt.verified_counts, v, e)
                                            for v, e in zip(verified, edges, strict=True)])

    # 6. connected components of the candidate graph cut by score: only edges that reach the threshold can
    # join two clusters (cluster.cluster_by_components), so its components are clustered apart, exactly
    (nodes, roots), = cluster.gather("components", [cluster.tree("components", mt.merge_components, [
        cluster.submit("components", mt.components_part, cluster.submit("components", mt.cut_edges, e,
                                                                        params.verify_threshold)) for e in edges])])
    members: dict[int, list[int]] = {}
    for node, root in zip(nodes.tolist(), roots.tolist(), strict=True):
        members.setdefault(root, []).append(node)
    linked = set(nodes.tolist())
    components = sorted([*members.values(), *([k] for k in versions if k not in linked)], key=lambda m: m[0])
    largest = max((len(c) for c in components), default=0)
    warning = (f"one component of {largest:,} stories is average-linked in one task (cutting it could change the "
               f"events); that worker holds all of them" if largest > COMPONENT_WARN else None)
    if warning:
        logging.getLogger("compare").warning(warning)

    # 7. average-link per group of whole components
    groups = _balanced(components, max(1, min(len(components), max(4 * workers, math.ceil(len(stories) / STORIES_PER_PARTITION)))))
    group_of = {k: g for g, group in enumerate(groups) for comp in group for k in comp}
    labels_f = cluster.scatter((nodes, roots, np.array([group_of[k] for k in nodes.tolist()], dtype=np.int64)))
    routed = [cluster.submit("route", mt.route_part, v, e, labels_f, len(groups))
              for v, e in zip(verified, edges, strict=True)]
    del verified, edges
    family_of = {f.representative: f for f in families}
    clustered = []
    for group, pieces in zip(groups, cluster.shuffle("route", routed, len(groups)), strict=True):
        group_versions = sorted(k for comp in group for k in comp)
        everyone = sorted(m for k in group_versions for m in (family_of[k].stories if k in family_of else [k]))
        clustered.append(cluster.submit(
            "cluster", mt.cluster_part, pieces, group_versions, {k: stories[k] for k in everyone},
            [family_of[k] for k in group_versions if k in family_of], {k: flags[k] for k in everyone if k in flags},
            {k: keys[k] for k in group_versions if k in linked}, store, vocab_f, params))
    del routed
    ordered = sorted((item for part in cluster.gather("cluster", clustered) for item in part), key=lambda item: item[0])
    events = [event for _, event in ordered]
    for n, event in enumerate(events, 1):
        event.id = f"e{n}"

    bands, lsh_rows = lsh_bands(params.lsh_threshold, params.num_perm)
    warnings = sorted({w for _, _, w in signing if w})
    return events, {
        "signed": sum(s for s, _, _ in signing), "reused": sum(r for _, r, _ in signing),
        "index_path": str(Path(store) / INDEX_FILENAME) if kept and not is_remote(store) else None,
        "index_url": describe(store) if is_remote(store) else None,
        "index_warning": "; ".join(warnings) or None, "shuffle_buckets": buckets, "lsh_waves": len(waves),
        "lsh_bands": bands, "lsh_rows": lsh_rows, "common_terms": int(len(common)),
        "candidate_sentence_pairs": sum(u for u, _, _ in pair_counts),
        "name_candidate_pairs": sum(n for _, n, _ in pair_counts),
        "candidate_pairs": sum(e for _, _, e in pair_counts),
        "reprint_families": len(families), "distinct_texts": distinct_texts,
        "components": len(components), "largest_component": largest, "component_warning": warning,
        "events": len(events), "multi_story_events": sum(1 for e in events if len(e.stories) > 1), **cross_stats,
    }


ROWS_PER_WAVE = 2_000_000  # band-key rows (40 bytes each) per worker per wave of the shuffle


def _waves(rows: int, buckets: int, workers: int) -> list[tuple[int, int]]:
    """The shuffle's buckets cut into waves (ranges of buckets) of about ``ROWS_PER_WAVE`` rows a worker."""
    count = max(1, min(buckets, math.ceil(rows / (ROWS_PER_WAVE * max(workers, 1)))))
    bounds = [round(i * buckets / count) for i in range(count + 1)]
    return [(lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False) if hi > lo]


def _balanced(components: list[list[int]], groups: int) -> list[list[list[int]]]:
    """Whole components into ``groups`` groups of similar work (largest first, deterministic)."""
    out: list[list[list[int]]] = [[] for _ in range(groups)]
    load = [0] * groups
    for comp in sorted(components, key=lambda c: (-len(c), c[0])):
        g = min(range(groups), key=lambda i: (load[i], i))
        out[g].append(comp)
        load[g] += len(comp) ** 2  # average-link work grows with the square of the component
    return [sorted(group, key=lambda c: c[0]) for group in out if group]


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
