"""Extracted documents cached in the signature index, so a re-run extracts only what changed.

``build_document`` turns one raw record into a Document from exactly these inputs: the record
(its path, format, file hash, encoding, text, metadata and warnings), the manifest's entry for
it, which of its lines the rest of the corpus repeats (site chrome; ``repeated``) and the code.
``document_key`` hashes all of them: the corpus-wide repeated-line set enters only through the
lines this record holds, so a file added elsewhere leaves the other documents' keys alone unless
it makes one of their lines a repeated one.  The values are stored like the event cache's
(compare.eventcache: tagged JSON, never pickle, xxh64-checked rows, keys ``doc:...`` in the
index's ``events`` table); a row that does not read back is extracted again.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from compare import eventcache
from compare.index import SignatureIndex
from compare.ingest.lines import Line
from compare.ingest.readers import RawRecord
from compare.model import Document

# What build_document runs on: the ingest stages, language detection, dates, the shared helpers.
CODE = ("ingest", "lang", "data", "dates.py", "model.py", "safetext.py", "textnorm.py", "eventcache.py")
LIBRARIES = ("trafilatura", "lxml", "charset-normalizer", "pysbd", "py3langid", "anyascii", "stop-words")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    return eventcache.code_fingerprint(CODE, LIBRARIES)


def _text(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def document_key(record: RawRecord, meta: dict[str, Any], lines: list[Line], repeated: frozenset[str]) -> str:
    """The cache key of the Document ``build_document(record, meta, repeated, lines=lines)`` gives."""
    h = hashlib.sha256(fingerprint().encode())
    for part in (record.path, record.format, record.sha256, record.encoding, record.text):
        h.update(b"\x00" + _text(part or ""))
    h.update(b"\x01" + _text(json.dumps([record.meta, record.warnings, meta], sort_keys=True, default=repr)))
    held = sorted({line.key for line in lines} & repeated)
    h.update(b"\x02" + _text(json.dumps(held)))
    return "doc:" + h.hexdigest()


class DocumentCache:
    """Documents by ``document_key`` from one signature index; new ones kept until ``flush``."""

    def __init__(self, index: SignatureIndex):
        self.index = index
        self.found: dict[str, bytes] = {}
        self.fresh: dict[str, bytes] = {}
        self.reused = 0

    def prefetch(self, keys: Iterable[str]) -> None:
        self.found = self.index.get_events(sorted(set(keys)))

    def get(self, key: str) -> Document | None:
        blob = self.found.get(key)
        if blob is None:
            return None
        try:
            doc = eventcache.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
        except (eventcache.Uncacheable, ValueError, TypeError, KeyError, AttributeError, ImportError,
                zlib.error, RecursionError):
            return None
        if not isinstance(doc, Document):
            return None
        self.reused += 1
        return doc

    def put(self, key: str, doc: Document) -> None:
        try:
            text = json.dumps(eventcache.encode(doc), ensure_ascii=False, separators=(",", ":"))
        except (eventcache.Uncacheable, RecursionError):
            return
        self.fresh[key] = zlib.compress(_text(text), 1)

    def flush(self) -> None:
        self.index.put_events(self.fresh)
        self.fresh = {}
