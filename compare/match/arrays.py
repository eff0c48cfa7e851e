"""Array helpers for the matching steps.

``unique`` is ``np.unique(a)`` for a 1-d array by one sort and a mask.  Since numpy 2.3 a plain
``np.unique`` finds the distinct values with a hash table and then sorts them: on the millions of
int64 codes matching builds (``story << 32 | term``, ``unit * n + unit``) that is 10-20x slower
than sorting, as the table no longer fits in cache (benchmarks/bench_match.py).
"""

from __future__ import annotations

import numpy as np


def unique(values: np.ndarray, runs: bool = False) -> np.ndarray:
    """The sorted distinct values of a 1-d array (what ``np.unique(values)`` returns).  ``runs``: the
    values are a few sorted runs one after the other (a merge sort then only merges them)."""
    ordered = np.sort(np.asarray(values).ravel(), kind="stable" if runs else None)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.union1d(a, b)``: the sorted distinct values of both."""
    return unique(np.concatenate((np.asarray(a).ravel(), np.asarray(b).ravel())))
