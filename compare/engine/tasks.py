"""The pure partition functions the Dask engine maps over the corpus (no Dask import here).

Each takes plain records and returns plain records, so any engine that can map a function
over partitions (Dask, Spark, Ray) can run them.  They call the stage functions of
``compare.ingest``, ``compare.align`` and ``compare.facts`` themselves, so the result is
the embedded run's to the byte (tests/test_engine_dask.py).

1. ``read_part``  file paths -> raw records, their lines, per-line document counts;
2. ``build_part`` records + the corpus-wide repeated lines -> Documents;
3. ``compare_part`` events -> claims and discrepancies.

Matching runs ``compare.match.group_events`` in the driver for now (docs/scale.md says
why and what the distributed version looks like).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from compare.align import align_event
from compare.config import AlignParams
from compare.facts import find_discrepancies
from compare.ingest import InputFileError, build_documents, line_key_counts
from compare.ingest.lines import Line, split_lines
from compare.ingest.readers import RawRecord, read_records
from compare.match.verify import Units
from compare.model import Claim, Discrepancy, Document, Event, InputError, Story

# A sentence unit (a sentence, or a window of two) as one int64: story, first sentence, width.
_SENTENCE_BITS = 24


def unit_code(story: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    return (story.astype(np.int64) << (_SENTENCE_BITS + 1)) | (first.astype(np.int64) << 1) | (last - first)


def unit_parts(codes: np.ndarray) -> Units:
    first = (codes >> 1) & ((1 << _SENTENCE_BITS) - 1)
    return Units(codes >> (_SENTENCE_BITS + 1), first, first + (codes & 1))


# -- 1-2. ingest ----------------------------------------------------------------------------------

@dataclass(slots=True)
class ReadPart:
    records: list[RawRecord]
    lines: list[list[Line]]
    errors: list[InputError]
    line_counts: Counter[str]


def read_part(files: list[tuple[str, str]]) -> ReadPart:
    """Read some files (absolute path, corpus-relative path), as ``read_corpus`` does."""
    records: list[RawRecord] = []
    errors: list[InputError] = []
    for path, rel in files:
        try:
            found, record_errors = read_records(Path(path), rel)
        except InputFileError as exc:
            errors.append(InputError(rel, str(exc)))
        else:
            records.extend(found)
            errors.extend(InputError(rel, f"{e.where}: {e.error}") for e in record_errors)
    lines = [split_lines(r.text) for r in records]
    return ReadPart(records, lines, errors, line_key_counts(lines))


def line_counts(part: ReadPart) -> Counter[str]:
    return part.line_counts


def add_counts(*parts: Counter[str]) -> Counter[str]:
    total: Counter[str] = Counter()
    for part in parts:
        total.update(part)
    return total


def build_part(part: ReadPart, manifest: dict[str, dict[str, Any]] | None,
               repeated: frozenset[str]) -> tuple[list[Document], list[InputError]]:
    """Documents of the records read by ``read_part`` (``manifest``: the corpus manifest, if any)."""
    documents, build_errors = build_documents(list(part.records), list(part.lines), manifest, repeated)
    return documents, [*part.errors, *build_errors]


# -- 3. alignment and facts -------------------------------------------------------------------------

def compare_part(events: list[Event], stories: dict[str, Story], documents: dict[str, Document],
                 params: AlignParams) -> list[tuple[list[Claim], list[Discrepancy]]]:
    """Claims and discrepancies of some events (``align_event`` then ``find_discrepancies``)."""
    out = []
    for event in events:
        # as pipeline.compare_events: a copy that only cuts its representative is read through it
        versions = replace(event, stories=event.versions) if event.families else event
        event.claims = versions.claims = align_event(versions, stories, params)
        out.append((event.claims, find_discrepancies(versions, stories, documents)))
    return out
