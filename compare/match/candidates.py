"""LSH band keys -> candidate sentence pairs, by sorting (no all-pairs comparison).

For every band the keys are sorted; sentences with equal keys form a bucket and
every pair inside a bucket (from two different stories) is a candidate.  A
bucket holding more than ``max_bucket`` sentences is a sentence repeated across
many stories (boilerplate, a slogan, a standard disclaimer) and is ignored: this
is the document-frequency cap that keeps one shared line from tying unrelated
stories together, and it bounds the work per bucket.
"""

from __future__ import annotations

import numpy as np


def _pairs_in_runs(order: np.ndarray, run_starts: np.ndarray, run_sizes: np.ndarray) -> np.ndarray:
    """All index pairs inside each run of ``order`` (vectorised per run size)."""
    chunks = []
    for size in np.unique(run_sizes):
        starts = run_starts[run_sizes == size]
        ii, jj = np.triu_indices(int(size), k=1)
        first = order[starts[:, None] + ii[None, :]].ravel()
        second = order[starts[:, None] + jj[None, :]].ravel()
        chunks.append(np.stack([first, second], axis=1))
    return np.concatenate(chunks) if chunks else np.empty((0, 2), dtype=np.int64)


def candidate_sentence_pairs(keys: np.ndarray, owner: np.ndarray, max_bucket: int) -> np.ndarray:
    """Distinct pairs (i, j), i < j, of sentences that share a band bucket.

    ``keys`` is ``(sentences, bands)``; ``owner[i]`` the story number of sentence
    ``i``.  Pairs within one story are dropped.  Returns an ``(m, 2)`` int64
    array sorted by (i, j).
    """
    n, bands = keys.shape
    found: list[np.ndarray] = []
    for band in range(bands):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        boundary = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        run_starts = np.concatenate(([0], boundary))
        run_sizes = np.diff(np.concatenate((run_starts, [n])))
        keep = (run_sizes >= 2) & (run_sizes <= max_bucket)
        if not keep.any():
            continue
        pairs = _pairs_in_runs(order.astype(np.int64), run_starts[keep], run_sizes[keep])
        pairs = pairs[owner[pairs[:, 0]] != owner[pairs[:, 1]]]
        if len(pairs):
            lo = np.minimum(pairs[:, 0], pairs[:, 1])
            hi = np.maximum(pairs[:, 0], pairs[:, 1])
            found.append(np.unique(lo * n + hi))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.concatenate(found)
    del found
    codes.sort()  # in place: no second copy
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    return np.stack([codes // n, codes % n], axis=1)
