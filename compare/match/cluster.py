"""Story-pair scores -> events, by average-link agglomeration over a candidate graph.

Two clusters merge when the *average* score over all their member pairs
reaches the threshold, so a story joins an event only when it matches the
event as a whole: one strong link to one member is not enough once the event
has grown (no single-link chaining).  Only clusters joined by a candidate edge
(stories that share an LSH bucket) are ever compared, so the work follows the
candidate graph, never all pairs of stories; but the average itself is exact:
it scores every member pair of the two clusters, candidate or not.  Ties are
broken by story order, so the result is deterministic.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph


def average_link(
    n: int,
    candidates: Iterable[tuple[int, int]],
    block_sums: Callable[[list[tuple[list[int], list[int]]]], list[float]],
    threshold: float,
    weights: list[float] | None = None,
) -> list[list[int]]:
    """Clusters of ``range(n)``: each sorted, listed by smallest member.

    ``block_sums([(xs, ys), ...])`` returns, for each request, the summed score
    of every pair (x in xs, y in ys), each pair weighted ``weights[x] *
    weights[y]`` when weights are given (a reprint family's representative
    stands for all of its copies, so the average is the one over every story
    pair); requests are batched (one call at the start, one per merge) so
    scoring can be vectorised.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    mass: dict[int, float] = {i: float(weights[i]) if weights is not None else 1.0 for i in range(n)}
    adjacent: dict[int, set[int]] = {i: set() for i in range(n)}
    for a, b in candidates:
        if a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    sums: dict[tuple[int, int], float] = {}

    def fill(keys: list[tuple[int, int]]) -> None:
        todo = sorted({k for k in keys if k not in sums})
        if todo:
            results = block_sums([(members[x], members[y]) for x, y in todo])
            sums.update(zip(todo, results, strict=True))

    heap: list[tuple[float, int, int, int, int]] = []

    def push(x: int, y: int) -> None:
        # A live cluster never changes (a merge makes a new one), so an entry
        # stays exact for as long as both of its clusters are alive.
        avg = sums[(min(x, y), max(x, y))] / (mass[x] * mass[y])
        if avg >= threshold:
            lo, hi = sorted((members[x][0], members[y][0]))
            heapq.heappush(heap, (-avg, lo, hi, x, y))

    edges = [(a, b) for a in range(n) for b in sorted(adjacent[a]) if a < b]
    fill(edges)
    for a, b in edges:
        push(a, b)
    next_id = n
    while heap:
        _, _, _, x, y = heapq.heappop(heap)
        if x not in members or y not in members:
            continue
        z = next_id
        next_id += 1
        neighbours = sorted((adjacent.pop(x) | adjacent.pop(y)) - {x, y})
        fill([(min(old, w), max(old, w)) for w in neighbours for old in (x, y)])
        merged = {w: sums.pop((min(x, w), max(x, w))) + sums.pop((min(y, w), max(y, w))) for w in neighbours}
        members[z] = sorted(members.pop(x) + members.pop(y))
        mass[z] = mass.pop(x) + mass.pop(y)
        adjacent[z] = set(neighbours)
        for w in neighbours:
            adjacent[w] -= {x, y}
            adjacent[w].add(z)
            sums[(w, z)] = merged[w]
            push(z, w)
    return sorted(members.values(), key=lambda m: m[0])


DENSE_MAX = 300  # components up to this many stories are clustered on a full score matrix


def components(n: int, pairs: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``range(n)`` over the edges ``pairs`` ((m, 2) array)."""
    graph = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    return csgraph.connected_components(graph, directed=False)[1]


def average_link_dense(sums: np.ndarray, adjacent: np.ndarray, mass: np.ndarray, first: list[int],
                       threshold: float) -> list[list[int]]:
    """``average_link`` on a full matrix of weighted score sums (one component; local numbers).

    ``sums[x, y]`` is the score of x and y times their weights, ``adjacent``
    the candidate edges, ``first[x]`` x's global number (ties are broken by
    the clusters' smallest global numbers, as ``average_link`` does).
    """
    m = len(mass)
    sums, adjacent, mass = sums.astype(np.float64, copy=True), adjacent.copy(), mass.astype(np.float64, copy=True)
    members = [[x] for x in range(m)]
    smallest = np.array(first, dtype=np.int64)
    alive = np.ones(m, dtype=bool)
    upper = np.triu(np.ones((m, m), dtype=bool), k=1)
    while True:
        with np.errstate(invalid="ignore", divide="ignore"):
            avg = sums / np.outer(mass, mass)
        valid = adjacent & upper & alive[:, None] & alive[None, :] & (avg >= threshold)
        if not valid.any():
            break
        best = avg[valid].max()
        xs, ys = np.nonzero(valid & (avg == best))
        lo, hi = np.minimum(smallest[xs], smallest[ys]), np.maximum(smallest[xs], smallest[ys])
        k = int(np.lexsort((hi, lo))[0])
        x, y = int(xs[k]), int(ys[k])
        sums[x, :] += sums[y, :]
        sums[:, x] = sums[x, :]
        adjacent[x, :] |= adjacent[y, :]
        adjacent[:, x] = adjacent[x, :]
        adjacent[x, x] = False
        mass[x] += mass[y]
        smallest[x] = min(smallest[x], smallest[y])
        members[x] += members[y]
        alive[y] = False
        adjacent[y, :] = adjacent[:, y] = False
    return [sorted(members[x]) for x in range(m) if alive[x]]


PairScores = Callable[[np.ndarray, np.ndarray], np.ndarray]


def weighted_block_sums(pair_scores: PairScores, weight: np.ndarray) -> Callable[[list[tuple[list[int], list[int]]]], list[float]]:
    """``block_sums`` for ``average_link`` from a vectorised pair scorer and per-story weights."""

    def block_sums(requests: list[tuple[list[int], list[int]]]) -> list[float]:
        if not requests:
            return []
        xs = np.concatenate([np.repeat(np.asarray(x, dtype=np.int64), len(y)) for x, y in requests])
        ys = np.concatenate([np.tile(np.asarray(y, dtype=np.int64), len(x)) for x, y in requests])
        starts = np.cumsum([0] + [len(x) * len(y) for x, y in requests[:-1]])
        return np.add.reduceat(pair_scores(xs, ys) * weight[xs] * weight[ys], starts).tolist()

    return block_sums


def cluster_by_components(
    n: int,
    pairs: np.ndarray,
    scores: np.ndarray,
    pair_scores: PairScores,
    threshold: float,
    weights: np.ndarray | None = None,
) -> list[list[int]]:
    """``average_link`` over the candidate pairs, one connected component at a time.

    ``scores[k]`` is the (unweighted) score of candidate pair ``pairs[k]``,
    ``pair_scores(xs, ys)`` scores any pairs (vectorised), ``weights`` is what
    each story counts for in the averages (a reprint family's size).  Two
    clusters can only merge when some pair of their members scores at least
    ``threshold`` (an average never exceeds its largest term), so the clusters
    are found in the components of the graph of the candidate pairs that
    reach it, each apart: exact average link inside (every member pair
    scored), on a full matrix for a component of up to ``DENSE_MAX`` stories
    (all of them scored in one batch), else with ``average_link``.  Work grows
    with the candidate pairs and the components' sizes, not with the square
    of the corpus.  (A merge that only a pair outside the candidates could
    justify is not made; ``average_link`` over all candidates would make it.)
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    weight = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    label = components(n, pairs[np.asarray(scores) >= threshold])
    sizes = np.bincount(label, minlength=n)
    clusters = [[int(k)] for k in np.flatnonzero(sizes[label] == 1)]
    multi = np.flatnonzero(sizes >= 2)
    if not len(multi):
        return clusters
    order = np.argsort(label, kind="stable")
    starts = np.concatenate(([0], np.cumsum(sizes)))
    inside = pairs[label[pairs[:, 0]] == label[pairs[:, 1]]]
    inside = inside[np.argsort(label[inside[:, 0]], kind="stable")]
    edge_label = label[inside[:, 0]]
    bounds = np.searchsorted(edge_label, multi)
    ends = np.searchsorted(edge_label, multi, side="right")
    small = [int(c) for c in multi if sizes[c] <= DENSE_MAX]
    # every member pair of every small component, scored in one vectorised batch
    member_lists = [order[starts[c] : starts[c + 1]] for c in small]
    xs = np.concatenate([np.repeat(g, len(g)) for g in member_lists]) if small else np.empty(0, np.int64)
    ys = np.concatenate([np.tile(g, len(g)) for g in member_lists]) if small else np.empty(0, np.int64)
    flat = pair_scores(xs, ys) * weight[xs] * weight[ys] if len(xs) else np.empty(0)
    at = 0
    position = np.zeros(n, dtype=np.int64)
    for c, members in zip(small, member_lists, strict=True):
        m = len(members)
        matrix = flat[at : at + m * m].reshape(m, m)
        at += m * m
        position[members] = np.arange(m)
        e = inside[bounds[np.searchsorted(multi, c)] : ends[np.searchsorted(multi, c)]]
        adjacent = np.zeros((m, m), dtype=bool)
        adjacent[position[e[:, 0]], position[e[:, 1]]] = True
        adjacent |= adjacent.T
        np.fill_diagonal(matrix, 0.0)
        found = average_link_dense(matrix, adjacent, weight[members], members.tolist(), threshold)
        clusters.extend([int(members[i]) for i in cluster] for cluster in found)
    block_sums = weighted_block_sums(pair_scores, weight)
    for k, c in enumerate(multi.tolist()):
        if sizes[c] <= DENSE_MAX:
            continue
        members = order[starts[c] : starts[c + 1]]
        position[members] = np.arange(len(members))
        e = inside[bounds[k] : ends[k]]

        def local_sums(requests: list[tuple[list[int], list[int]]], members: np.ndarray = members) -> list[float]:
            return block_sums([(members[xs_].tolist(), members[ys_].tolist()) for xs_, ys_ in requests])

        found = average_link(len(members), zip(position[e[:, 0]].tolist(), position[e[:, 1]].tolist(), strict=True),
                             local_sums, threshold, weight[members].tolist())
        clusters.extend([int(members[i]) for i in cluster] for cluster in found)
    return sorted((sorted(c) for c in clusters), key=lambda c: c[0])
