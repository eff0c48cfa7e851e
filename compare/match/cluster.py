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
