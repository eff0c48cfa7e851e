"""LSH band keys -> candidate sentence pairs, by sorting (no all-pairs comparison).

For every band the keys are sorted; sentences with equal keys form a bucket and
every pair inside a bucket (from two different stories) is a candidate.  A
bucket holding more than ``max_bucket`` sentences is either boilerplate (a
slogan, a standard disclaimer, an outlet's furniture on every page it prints)
or syndicated text (a wire story's sentence carried by many outlets): the
caller's ``keep_large`` tells them apart (``syndication.syndicated_buckets``).
Boilerplate buckets are ignored; a syndicated one is joined as a star (every
member paired with the bucket's first member and with the next one), which
connects all of its members with pairs linear in its size: a story reprinted
by 600 outlets costs 1,200 pairs, not 180,000.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from compare.match.arrays import unique

# keep_large(members, bucket_of_member, buckets) -> which large buckets to keep (bool per bucket)
KeepLarge = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


def every_bucket(members: np.ndarray, bucket: np.ndarray, buckets: int) -> np.ndarray:
    """Keep every large bucket (as a star)."""
    return np.ones(buckets, dtype=bool)


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


def _star_pairs(order: np.ndarray, run_starts: np.ndarray, run_sizes: np.ndarray,
                keep_large: KeepLarge) -> np.ndarray:
    """Star + chain pairs inside the large runs ``keep_large`` keeps (vectorised)."""
    total = int(run_sizes.sum())
    bucket = np.repeat(np.arange(len(run_starts)), run_sizes)
    within = np.arange(total) - np.repeat(np.cumsum(run_sizes) - run_sizes, run_sizes)
    members = order[np.repeat(run_starts, run_sizes) + within]
    kept = keep_large(members, bucket, len(run_starts))
    take = kept[bucket] & (within > 0)
    anchor = order[run_starts][bucket]
    previous = np.concatenate(([0], members[:-1]))
    star = np.stack([anchor[take], members[take]], axis=1)
    chain = np.stack([previous[take & (within > 1)], members[take & (within > 1)]], axis=1)
    return np.concatenate([star, chain])


def candidate_sentence_pairs(keys: np.ndarray, owner: np.ndarray, max_bucket: int,
                             keep_large: KeepLarge | None = None) -> np.ndarray:
    """Distinct pairs (i, j), i < j, of sentences that share a band bucket.

    ``keys`` is ``(sentences, bands)``; ``owner[i]`` the story number of sentence
    ``i``.  Pairs within one story are dropped.  Buckets larger than
    ``max_bucket`` are dropped unless ``keep_large`` keeps them (as stars).
    Returns an ``(m, 2)`` int64 array sorted by (i, j).
    """
    n, bands = keys.shape
    found: list[np.ndarray] = []
    held = merged = 0
    for band in range(bands):
        column = keys[:, band]
        order = np.argsort(column, kind="stable").astype(np.int64)
        ordered = column[order]
        boundary = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        run_starts = np.concatenate(([0], boundary))
        run_sizes = np.diff(np.concatenate((run_starts, [n])))
        small = (run_sizes >= 2) & (run_sizes <= max_bucket)
        large = run_sizes > max(max_bucket, 1)
        parts = []
        if small.any():
            parts.append(_pairs_in_runs(order, run_starts[small], run_sizes[small]))
        if large.any() and keep_large is not None:
            parts.append(_star_pairs(order, run_starts[large], run_sizes[large], keep_large))
        if not parts:
            continue
        pairs = np.concatenate(parts)
        pairs = pairs[owner[pairs[:, 0]] != owner[pairs[:, 1]]]
        if len(pairs):
            lo = np.minimum(pairs[:, 0], pairs[:, 1])
            hi = np.maximum(pairs[:, 0], pairs[:, 1])
            del pairs
            found.append(unique(lo * n + hi))
            held += len(found[-1])
            if held > 2 * merged + 1_000_000:  # a pair found in many bands is held once: memory stays ~ the pairs
                found = [unique(np.concatenate(found), runs=True)]
                held = merged = len(found[0])
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = unique(np.concatenate(found), runs=True)
    del found
    return np.stack([codes // n, codes % n], axis=1)


def syndication_filter(owner: np.ndarray, source: np.ndarray, size: np.ndarray, *,
                       min_terms: int, min_source_share: float) -> KeepLarge:
    """``keep_large`` for sentence units: keep a large bucket when it is syndicated text.

    Syndicated: most of its units are long (at least ``min_terms`` distinct
    stems) and its stories come from many sources (distinct sources at least
    ``min_source_share`` of its distinct stories).  Boilerplate: short lines,
    or the same line on many pages of a few sites.  ``owner``/``size`` are per
    unit (story number, distinct stems), ``source`` per story (a source code).
    """
    stride = int(max(owner.max(initial=0), source.max(initial=0))) + 1

    def distinct(bucket: np.ndarray, values: np.ndarray, buckets: int) -> np.ndarray:
        codes = unique(bucket.astype(np.int64) * stride + values)
        return np.bincount(codes // stride, minlength=buckets)

    def keep(members: np.ndarray, bucket: np.ndarray, buckets: int) -> np.ndarray:
        stories = owner[members]
        counts = np.bincount(bucket, minlength=buckets)
        long = np.bincount(bucket, weights=(size[members] >= min_terms).astype(np.float64), minlength=buckets)
        many = distinct(bucket, source[stories], buckets) >= min_source_share * distinct(bucket, stories, buckets)
        return many & (long >= 0.5 * counts)

    return keep
