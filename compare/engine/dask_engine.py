"""``compare run --engine dask``: the pipeline as Dask tasks on a ``distributed`` cluster.

The stage functions are the embedded run's; ``compare.engine.tasks`` cuts them into
partition functions and this module wires them into tasks (``Client.submit``, futures
passed from task to task, so intermediate data stays on the workers):

* ingest: one task per partition of files, then a tree reduction of the per-line
  document counts (site chrome seen in several documents), then one task per partition
  building the Documents;
* stems: one task per partition of stories, reading and writing the shared index;
  the vocabulary is a tree reduction of per-partition document frequencies;
* candidates: a shuffle on LSH band keys: every story partition splits its rows
  ``(band, key, unit, story)`` into B buckets by band key, every bucket task gets its
  rows from every partition (no task ever holds the whole corpus), then a second
  shuffle routes the candidate pairs by story pair to the verification tasks;
* clustering: connected components of the candidate graph (per-partition components,
  merged by a tree reduction), then the exact average-link per component, whole
  components to a task;
* alignment and facts: one task per batch of events.

The driver keeps what a report needs anyway (the Documents, the events) and small
things (file names, partition sizes, components).  The report is built and written only
after every task has finished, so a worker that dies costs a retry (Dask recomputes lost
results from their lineage), never a partial report.
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

from compare.config import Config
from compare.engine import tasks
from compare.engine.stores import describe, open_store
from compare.ingest import (
    MANIFEST_NAME,
    InputFileError,
    _outside_message,
    _within,
    list_corpus_files,
    load_manifest,
    repeated_from_counts,
)
from compare.match import _check, common_terms, fingerprint
from compare.match.families import star_families
from compare.match.signatures import lsh_bands
from compare.match.verify import Vocabulary
from compare.model import Event, InputError, Report, Story

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
    errors: list[InputError] = []
    manifest: dict[str, dict[str, Any]] | None = None
    manifest_path = corpus / MANIFEST_NAME
    if not follow_symlinks and manifest_path.is_symlink() and not _within(manifest_path, corpus):
        errors.append(InputError(MANIFEST_NAME, _outside_message(manifest_path)))
    else:
        try:
            manifest = load_manifest(corpus)
        except InputFileError as exc:
            errors.append(InputError(MANIFEST_NAME, str(exc)))
    files, walk_errors = list_corpus_files(corpus, follow_symlinks=follow_symlinks)
    errors.extend(walk_errors)
    if manifest:
        known = {rel for _, rel in files}
        for name in sorted(set(manifest) - known - {"*"}):
            errors.append(InputError(MANIFEST_NAME, f"names '{name}', which is not a readable file of the corpus"))
    return manifest, files, errors


def _stories_of(built: tuple[list[Any], list[InputError]]) -> list[Story]:
    return [story for doc in built[0] for story in doc.stories]


def _keys_of(part: tasks.TermsPart) -> list[str]:
    return part.keys


def _counts_of(part: tasks.TermsPart) -> tuple[int, int, str | None]:
    return part.signed, part.reused, part.warning


def _verified_counts(verified: tasks.Verified) -> tuple[int, int, int]:
    return verified.unit_pairs, verified.name_pairs, len(verified.edges)


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
    firsts = [sum(sizes[:i]) for i in range(len(sizes))]

    # 3. stems (shared index)
    fp = fingerprint()
    story_parts = [cluster.submit("stories", _stories_of, b) for b in built]
    terms = [cluster.submit("stems", tasks.terms_part, s, store, fp) for s in story_parts]
    keys = [k for part in cluster.gather("stems", [cluster.submit("keys", _keys_of, t) for t in terms]) for k in part]
    signing = cluster.gather("stems", [cluster.submit("stats", _counts_of, t) for t in terms])
    keys_f = cluster.scatter(keys)
    del built
    buckets = max(1, len(terms))

    # 3b. reprint families: LSH over story trigrams, shuffled on band keys, verified, then stars
    family_rows = [cluster.submit("family-lsh", tasks.family_part, t, first, params, buckets)
                   for t, first in zip(terms, firsts, strict=True)]
    family_buckets = [cluster.submit("family-candidates", tasks.bucket_part,
                                     [cluster.submit("shuffle-bands", tasks.pick, part, b) for part in family_rows],
                                     params, buckets) for b in range(buckets)]
    family_found = [cluster.submit("family-verify", tasks.family_verify_part,
                                   [cluster.submit("shuffle-pairs", tasks.pick, part, v) for part in family_buckets],
                                   keys_f, store, params) for v in range(buckets)]
    family_pairs = sorted(p for part in cluster.gather("family-verify", family_found) for p in part)
    families = star_families(len(stories), family_pairs)
    copies = frozenset(m for f in families for m, _ in f.members)
    del family_rows, family_buckets, family_found

    # 3c. the vocabulary (all stories: scoring) and which stems are too common to sign (distinct texts)
    vocab_total = cluster.tree("vocabulary", tasks.merge_vocab,
                               [cluster.submit("vocabulary", tasks.vocab_part, t, first, copies)
                                for t, first in zip(terms, firsts, strict=True)])
    (vocab_terms, vocab_counts), = cluster.gather("vocabulary", [vocab_total])
    vocab = Vocabulary.from_counts(vocab_terms, vocab_counts[:, 0], len(stories))
    distinct_texts = len(stories) - len(copies)
    seen = vocab_counts[:, 1] > 0
    common = common_terms(Vocabulary.from_counts(vocab_terms[seen], vocab_counts[seen, 1], distinct_texts),
                          distinct_texts, params)
    vocab_f = cluster.scatter(vocab)

    # 4-6. candidates: shuffle on band keys, then on story pairs; verification
    bands, rows = lsh_bands(params.lsh_threshold, params.num_perm)
    lsh = [cluster.submit("lsh", tasks.lsh_part, t, s, first, common, params, buckets)
           for t, s, first in zip(terms, story_parts, firsts, strict=True)]
    by_band = [cluster.submit("candidates", tasks.bucket_part,
                              [cluster.submit("shuffle-bands", tasks.pick, part, b) for part in lsh], params, buckets)
               for b in range(buckets)]
    verified = [cluster.submit("verify", tasks.verify_part,
                               [cluster.submit("shuffle-pairs", tasks.pick, part, v) for part in by_band],
                               keys_f, store, vocab_f, params)
                for v in range(buckets)]
    pair_counts = cluster.gather("verify", [cluster.submit("stats", _verified_counts, v) for v in verified])
    del lsh, by_band, terms

    # 6b. site furniture (the same line on many pages of one source) for the families' edit lists
    family_stories = frozenset(k for f in families for k in f.stories)
    furniture: frozenset[tuple[int, Any]] = frozenset()
    if families:
        wanted = cluster.tree("furniture", tasks.union, [cluster.submit("furniture", tasks.furniture_keys, s, first, family_stories)
                                                          for s, first in zip(story_parts, firsts, strict=True)])
        counts = cluster.tree("furniture", tasks.add_counts, [cluster.submit("furniture", tasks.furniture_counts, s, wanted)
                                                              for s in story_parts])
        (furniture,) = cluster.gather("furniture", [cluster.submit("furniture", tasks.site_furniture, counts)])
    del story_parts

    # 7. connected components
    family_edges = np.array(sorted((min(m, f.representative), max(m, f.representative))
                                   for f in families for m, _ in f.members), dtype=np.int64).reshape(-1, 2)
    comp = cluster.tree("components", tasks.merge_components,
                        [cluster.submit("components", tasks.components_part, family_edges)]
                        + [cluster.submit("components", tasks.components_part,
                                          cluster.submit("components", tasks.edges_of, v)) for v in verified])
    (nodes, roots), = cluster.gather("components", [comp])
    members: dict[int, list[int]] = {}
    for node, root in zip(nodes.tolist(), roots.tolist(), strict=True):
        members.setdefault(root, []).append(node)
    components = sorted((sorted(m) for m in members.values()), key=lambda m: m[0])

    # 8. average-link per component, whole components per task
    groups = _balanced(components, max(1, min(len(components), 4 * workers)))
    group_of = {s: g for g, group in enumerate(groups) for comp in group for s in comp}
    group_of_f = cluster.scatter(group_of)
    routed = [cluster.submit("route", tasks.route_part, v, group_of_f, len(groups)) for v in verified]
    furniture_f = cluster.scatter(furniture)
    families_in = [[f for f in families if group_of.get(f.representative) == g] for g in range(len(groups))]
    clustered = [cluster.submit("cluster", tasks.cluster_part,
                                [cluster.submit("shuffle-components", tasks.pick, part, g) for part in routed],
                                group, {s: stories[s] for comp in group for s in comp}, families_in[g],
                                furniture_f,
                                keys_f, store, vocab_f, params)
                 for g, group in enumerate(groups)]
    ordered: list[tuple[tuple[str, int], Event]] = [item for part in cluster.gather("cluster", clustered) for item in part]
    del verified, routed, clustered
    grouped = set(group_of)
    ordered += [((s.date or "9999-99-99", k), tasks.single_event(s)) for k, s in enumerate(stories) if k not in grouped]
    ordered.sort(key=lambda item: item[0])
    events = [event for _, event in ordered]
    for n, event in enumerate(events, 1):
        event.id = f"e{n}"

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

    warnings = sorted({w for _, _, w in signing if w})
    stats = {
        "engine": "dask", "workers": workers, "partitions": len(firsts), "shuffle_buckets": buckets,
        "signed": sum(s for s, _, _ in signing), "reused": sum(r for _, r, _ in signing),
        "index_path": describe(store) if kept else None,
        "index_warning": "; ".join(warnings) or None,
        "lsh_bands": bands, "lsh_rows": rows, "common_terms": int(len(common)),
        "candidate_sentence_pairs": sum(u for u, _, _ in pair_counts),
        "name_candidate_pairs": sum(n for _, n, _ in pair_counts),
        "candidate_pairs": sum(e for _, _, e in pair_counts),
        "reprint_families": len(families), "distinct_texts": distinct_texts,
        "components": len(components), "largest_component": max((len(c) for c in components), default=0),
        "events": len(events), "multi_story_events": sum(1 for e in events if len(e.stories) > 1),
    }
    return Report(corpus=corpus.name, documents=documents, events=events, errors=errors,
                  parameters=config.as_dict(), stats={"index": stats})


def _balanced(components: list[list[int]], groups: int) -> list[list[list[int]]]:
    """Whole components into ``groups`` groups of similar total size (largest first, deterministic)."""
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
