"""The library API: corpus in, Report out; Report in, files out.

Each stage lives in its own module and is a pure function over records:
``ingest`` (file -> Document with Stories), ``match`` (Stories -> Events),
``align`` (Event -> Claims), ``facts`` (Event -> Discrepancies),
``report``/``html`` (Report -> files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from compare.align import align_event
from compare.config import Config
from compare.facts import find_discrepancies
from compare.ingest import read_corpus, read_document
from compare.lang import embed
from compare.match import group_events
from compare.model import Document, Event, Report

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@contextmanager
def long_lived_objects_frozen() -> Iterator[Callable[[], None]]:
    """A ``freeze()`` that moves every object alive now out of the garbage collector's sight
    (``gc.freeze``) until the block ends, when they are handed back (``gc.unfreeze``).

    A run builds large structures that live to its end (documents, stories, events); CPython's
    full collections would walk all of them again and again (9 full collections, 1.85 s of a
    40.7 s CPU cold 1,000-file run).  Frozen, they are skipped; garbage made after a freeze is
    collected as before.  Nothing is frozen when the caller froze objects itself (its freeze
    is left alone)."""
    import gc

    if gc.get_freeze_count():
        yield lambda: None
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def run_corpus(
    corpus: str | Path,
    config: Config | None = None,
    *,
    index_dir: str | Path | None = None,
    progress: Progress | None = None,
    follow_symlinks: bool = False,
) -> Report:
    """Read every file under ``corpus``, group stories into events, align and compare them.

    Symlinks out of the corpus are not read (one error each) unless ``follow_symlinks``."""
    config = config or Config()
    corpus = Path(corpus)
    read_stats: dict[str, Any] = {}
    with long_lived_objects_frozen() as freeze:
        documents, errors = read_corpus(corpus, progress=progress, follow_symlinks=follow_symlinks,
                                        index_dir=Path(index_dir) if index_dir else None, stats=read_stats)
        freeze()  # the documents live to the end of the run
        stories = [story for doc in documents for story in doc.stories]
        index_stats: dict[str, Any] = {}
        if progress:
            progress("match", 0, len(stories))
        with embed.persisted_in(index_dir):  # sentence vectors, if any are needed, kept in the index
            events = group_events(
                stories, config.match, index_dir=Path(index_dir) if index_dir else None, stats=index_stats
            )
            freeze()  # and so do the events
            if progress:
                progress("match", len(stories), len(stories))
            index_stats.update(read_stats)
            compare_events(events, documents, config, index_dir=index_dir, progress=progress, stats=index_stats)
    return Report(
        corpus=corpus.name,
        documents=documents,
        events=events,
        errors=errors,
        parameters=config.as_dict(),
        stats={"index": index_stats},
    )


def compare_events(
    events: list[Event],
    documents: list[Document],
    config: Config,
    *,
    index_dir: str | Path | None = None,
    progress: Progress | None = None,
    stats: dict[str, Any] | None = None,
) -> None:
    """Fill each event's claims (``align``) and discrepancies (``facts``).

    With ``index_dir``, an event whose members, parameters and code are unchanged since a
    run that used the same index gets its stored results back (compare.eventcache); only
    the others are aligned and compared, and their results are stored."""
    story_by_id = {story.id: story for doc in documents for story in doc.stories}
    doc_by_path = {doc.path: doc for doc in documents}

    def compute(event: Event) -> None:
        # alignment and facts see each text once: a copy that only cuts its representative is read through it
        versions = replace(event, stories=event.versions) if event.families else event
        event.claims = versions.claims = align_event(versions, story_by_id, config.align)
        event.discrepancies = find_discrepancies(versions, story_by_id, doc_by_path)

    if index_dir is None:
        for done, event in enumerate(events, 1):
            compute(event)
            if progress:
                progress("compare", done, len(events))
        return
    from compare import eventcache
    from compare.index import SignatureIndex

    digests = {doc.path: eventcache.document_digest(doc) for doc in documents}
    document_of = {sid: story.document for sid, story in story_by_id.items()}
    parameters = config.as_dict()
    keys = [eventcache.event_key(event, document_of, digests, parameters) for event in events]
    reused = 0
    with SignatureIndex(Path(index_dir)) as index:
        stored = index.get_events(sorted(set(keys)))
        fresh: dict[str, bytes] = {}
        for done, (event, key) in enumerate(zip(events, keys, strict=True), 1):
            cached = eventcache.load(stored.get(key))
            if cached is not None:
                event.claims, event.discrepancies = cached
                reused += 1
            else:
                compute(event)
                blob = eventcache.store(event.claims, event.discrepancies)
                if blob is not None:
                    fresh[key] = blob
            if progress:
                progress("compare", done, len(events))
        index.put_events(fresh)
        warning = index.warning
    if stats is not None:
        stats.update(events_reused=reused, events_computed=len(events) - reused)
        if warning and not stats.get("index_warning"):
            stats["index_warning"] = warning


def _page_reuse(report: Report, out_dir: Path) -> Any:
    """Pages of the report now in ``out_dir`` that can be taken over, when the run used an index."""
    from compare.htmlreport.reuse import PageReuse

    index_path = (report.stats.get("index") or {}).get("index_path")
    if not index_path:
        return None
    return PageReuse(Path(index_path).parent, out_dir / "events")


def _write_pages(report: Report, data: dict[str, Any], data_path: Path, temporary: Path, out_dir: Path,
                 progress: Progress | None) -> list[Path]:
    from compare.html import write_html

    reuse = _page_reuse(report, out_dir)
    try:
        return [data_path, *write_html(data, temporary, atomic=False, progress=progress, reuse=reuse)]
    finally:
        if reuse is not None:
            reuse.close()


def inspect_file(path: str | Path) -> Document:
    """Read one file the way ``run_corpus`` would and return what was extracted, with what
    the manifest of its corpus (the nearest folder above it holding compare-manifest.json)
    says about it."""
    from compare.ingest import InputFileError, manifest_entry
    from compare.ingest.manifest import MANIFEST_NAME, load_manifest

    path = Path(path)
    root = next((folder for folder in path.absolute().parents if (folder / MANIFEST_NAME).is_file()), None)
    if root is None:
        return read_document(path, path.parent)
    rel = path.absolute().relative_to(root).as_posix()
    try:
        manifest, problem = load_manifest(root), None
    except InputFileError as exc:
        manifest, problem = None, f"{root / MANIFEST_NAME} not used: {exc}"
    doc = read_document(path.absolute(), root, manifest_entry(manifest, rel))
    if problem:
        doc.warnings.append(problem)
    return doc


class OutputError(ValueError):
    """The output folder cannot receive a report (see compare.fileio.output_problem)."""


def write_outputs(report: Report, out_dir: str | Path, *, progress: Progress | None = None) -> list[Path]:
    """Write report.json (validated against the schema) and the HTML pages.

    The whole report is written into a hidden temporary folder beside ``out_dir`` and
    swapped in at the end, so ``out_dir`` holds the old report or the new one, never a
    mix, even when the run is interrupted or killed; temporaries an earlier killed run
    left are removed. When ``out_dir`` also holds files that are not compare's (a log, notes),
    only compare's own entries (report.json, index.html, events/) are replaced, each in one
    step, and the rest is left alone. ``OutputError`` when ``out_dir`` cannot be written.
    Returns the paths as they are after the swap.
    """
    from compare.fileio import (
        move_entries_in,
        new_temporary_folder,
        output_problem,
        remove_stale_temporaries,
        shares_folder,
        swap_in_folder,
        sync_files,
    )
    from compare.report import write_report_json

    shown = out_dir = Path(out_dir)
    problem = output_problem(out_dir)
    if problem:
        raise OutputError(problem)
    if out_dir.is_symlink():  # "reports/latest -> reports/2024-..." stays a link; its folder is replaced
        import os

        out_dir = Path(os.path.realpath(out_dir))
    remove_stale_temporaries(out_dir)
    temporary = new_temporary_folder(out_dir)
    try:
        # The folder is swapped in whole, so its files need no atomic write each: one flush at the end.
        if progress:
            progress("write", 0, len(report.events) + 1)
        with long_lived_objects_frozen() as freeze:
            freeze()  # the report, and below the dict the pages are made from, live to the end
            data_path, data = write_report_json(report, temporary, atomic=False)
            freeze()
            written = _write_pages(report, data, data_path, temporary, out_dir, progress)
        sync_files()
        if shares_folder(out_dir):
            move_entries_in(temporary, out_dir)
        else:
            swap_in_folder(temporary, out_dir)
    except BaseException:
        import shutil

        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return [shown / p.relative_to(temporary) for p in written]
