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
    score: Callable[[int, int], float],
    threshold: float,
) -> list[list[int]]:
    """Clusters of ``range(n)``: each sorted, listed by smallest member."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    adjacent: dict[int, set[int]] = {i: set() for i in range(n)}
    for a, b in candidates:
        if a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    sums: dict[tuple[int, int], float] = {}

    def cluster_sum(x: int, y: int) -> float:
        key = (x, y) if x < y else (y, x)
        found = sums.get(key)
        if found is None:
            found = sum(score(a, b) for a in members[x] for b in members[y])
            sums[key] = found
        return found

    heap: list[tuple[float, int, int, int, int]] = []

    def push(x: int, y: int) -> None:
        # A live cluster never changes (a merge makes a new one), so an entry
        # stays exact for as long as both of its clusters are alive.
        avg = cluster_sum(x, y) / (len(members[x]) * len(members[y]))
        if avg >= threshold:
            lo, hi = sorted((members[x][0], members[y][0]))
            heapq.heappush(heap, (-avg, lo, hi, x, y))

    for a in range(n):
        for b in sorted(adjacent[a]):
            if a < b:
                push(a, b)
    next_id = n
    while heap:
        _, _, _, x, y = heapq.heappop(heap)
        if x not in members or y not in members:
            continue
        z = next_id
        next_id += 1
        neighbours = sorted((adjacent.pop(x) | adjacent.pop(y)) - {x, y})
        merged_sums = {w: cluster_sum(x, w) + cluster_sum(y, w) for w in neighbours}
        members[z] = sorted(members.pop(x) + members.pop(y))
        adjacent[z] = set(neighbours)
        for w in neighbours:
            adjacent[w] -= {x, y}
            adjacent[w].add(z)
            sums.pop((min(x, w), max(x, w)), None)
            sums.pop((min(y, w), max(y, w)), None)
            sums[(w, z)] = merged_sums[w]
            push(z, w)
    return sorted(members.values(), key=lambda m: m[0])
