"""Sparse products of one event's sentence matrices, taken once for the whole event (``cross``)."""

from __future__ import annotations

import numpy as np
from scipy import sparse

# An event of up to this many sentences has each sparse product (term weights, words, bigrams,
# anchors) taken once over all its sentences, and every account pair reads its block of it:
# one product instead of one per pair of accounts (10 for 5 accounts), with scipy's per-call
# cost paid once.  Each entry is the same dot product either way (summed in the same order),
# so the scores are identical.  Larger events multiply block by block (dense n x n is n^2 floats).
WHOLE_EVENT_PRODUCTS = 1000


def cross(
    products: dict[str, np.ndarray], name: str, x: sparse.csr_matrix, y: sparse.csr_matrix,
    rows: list[int], cols: list[int],
) -> np.ndarray:
    """``(x[rows] @ y[cols].T)`` as a dense array, read from the whole product when it is small."""
    if x.shape[0] > WHOLE_EVENT_PRODUCTS:
        return (x[rows] @ y[cols].T).toarray()
    whole = products.get(name)
    if whole is None:
        whole = products[name] = (x @ y.T).toarray()
    return whole[np.ix_(rows, cols)]
