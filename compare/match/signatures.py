"""Term hashes -> MinHash signatures per sentence -> LSH band keys (numpy, vectorised).

The permutations are datasketch's own (``MinHash(num_perm, seed).permutations``,
scheme ``affine32``: ``a * fmix32(h) + b mod 2**32``), so a sentence signature
here equals ``datasketch.MinHash(num_perm, hashfunc=xxhash.xxh32_intdigest)``
updated with the same stems (tests/test_match_signatures.py checks it), only
computed for thousands of sentences at once: a ``(num_perm x shingles)`` matrix
reduced with ``np.minimum.reduceat`` along its contiguous axis.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

_EMPTY = np.uint32(0xFFFFFFFF)
_M1, _M2 = np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35)
# Cap on the temporary (num_perm x shingles) matrix, in elements: 4 MB of uint32 stays in
# cache and is twice as fast as 64 MB blocks (measured in benchmarks/bench_match.py).
_BLOCK = 1_000_000
PERMUTATIONS = Path(__file__).resolve().parent.parent / "data" / "minhash_permutations.json"


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters (a, b), as (num_perm, 1) columns.

    The default parameters' are read from ``compare/data/minhash_permutations.json`` (written
    from datasketch, checked against it by tests/test_startup.py): importing datasketch
    imports scipy.integrate and scipy.optimize, a third of a short run's start-up."""
    stored = json.loads(PERMUTATIONS.read_text(encoding="utf-8"))["tables"]
    table = next((t for t in stored if (t["num_perm"], t["seed"]) == (num_perm, seed)), None)
    if table is not None:
        a, b = np.array(table["a"], dtype=np.uint64), np.array(table["b"], dtype=np.uint64)
    else:
        from datasketch import MinHash

        a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    return a.astype(np.uint32).reshape(-1, 1), b.astype(np.uint32).reshape(-1, 1)


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser (the pre-mix datasketch applies before permuting)."""
    h = h ^ (h >> np.uint32(16))
    h = h * _M1
    h = h ^ (h >> np.uint32(13))
    h = h * _M2
    return h ^ (h >> np.uint32(16))


def sign_sentences(shingles: np.ndarray, offsets: np.ndarray, num_perm: int, seed: int = 1) -> np.ndarray:
    """MinHash signature of every sentence: ``(sentences, num_perm)`` uint32.

    ``shingles[offsets[i]:offsets[i+1]]`` are sentence ``i``'s shingle hashes.
    A sentence without shingles gets the all-max signature (it matches nothing).
    """
    n = len(offsets) - 1
    out = np.full((n, num_perm), _EMPTY, dtype=np.uint32)
    if n == 0 or len(shingles) == 0:
        return out
    a, b = permutations(num_perm, seed)
    mixed = fmix32(shingles.astype(np.uint32, copy=False))
    nonempty = np.flatnonzero(np.diff(offsets) > 0)
    starts = offsets[:-1][nonempty]
    ends = offsets[1:][nonempty]
    # Cut the sentences into runs whose (num_perm x shingles) block stays under _BLOCK elements.
    step = max(1, _BLOCK // num_perm)
    cuts = [0]
    while cuts[-1] < len(nonempty):
        lo = starts[cuts[-1]]
        nxt = int(np.searchsorted(ends, lo + step, side="right"))
        cuts.append(max(nxt, cuts[-1] + 1))
    for i, j in zip(cuts, cuts[1:], strict=False):
        lo, hi = starts[i], ends[j - 1]
        block = a * mixed[lo:hi] + b  # (num_perm, hi - lo), wraps mod 2**32
        out[nonempty[i:j]] = np.minimum.reduceat(block, starts[i:j] - lo, axis=1).T
    return out


def sign_many(records: list[tuple[np.ndarray, np.ndarray]], num_perm: int, seed: int = 1) -> list[np.ndarray]:
    """Sign several stories in one vectorised pass; returns one signature matrix per story."""
    if not records:
        return []
    shingles = np.concatenate([r[0] for r in records]) if records else np.empty(0, np.uint32)
    bases = np.cumsum([0] + [len(r[0]) for r in records])
    offsets = np.concatenate([r[1][:-1] + base for r, base in zip(records, bases, strict=False)] + [bases[-1:]])
    sigs = sign_sentences(shingles, offsets.astype(np.int64), num_perm, seed)
    counts = np.cumsum([0] + [len(r[1]) - 1 for r in records])
    return [sigs[counts[k] : counts[k + 1]] for k in range(len(records))]


def _collision_probability(s: np.ndarray, bands: int, rows: int) -> np.ndarray:
    return 1.0 - (1.0 - s**rows) ** bands


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around ``threshold``.

    The same criterion as datasketch ``MinHashLSH`` (equal weights), integrated
    numerically.
    """
    grid_lo = np.linspace(0.0, threshold, 200)
    grid_hi = np.linspace(threshold, 1.0, 200)
    best, best_err = (1, num_perm), math.inf
    for rows in range(1, num_perm + 1):
        for bands in range(1, num_perm // rows + 1):
            fp = float(np.trapezoid(_collision_probability(grid_lo, bands, rows), grid_lo))
            fn = float(np.trapezoid(1.0 - _collision_probability(grid_hi, bands, rows), grid_hi))
            if fp + fn < best_err:
                best, best_err = (bands, rows), fp + fn
    return best


_F1, _F2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 32-bit key per (sentence, band): ``(sentences, bands)`` uint32.

    Two sentences share a key in band ``k`` when their signatures agree on all
    ``rows`` values of that band, or by a 2**-32 accident: a few spurious
    candidates per million sentences, which verification drops, for half the
    memory of 64-bit keys.
    """
    n = sigs.shape[0]
    keys = np.empty((n, bands), dtype=np.uint32)
    wide = sigs.astype(np.uint64)
    for k in range(bands):
        h = np.full(n, ((k + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64)
        for r in range(rows):
            h = (h ^ wide[:, k * rows + r]) * _F1
            h ^= h >> np.uint64(29)
        h *= _F2
        keys[:, k] = h >> np.uint64(32)
    return keys
