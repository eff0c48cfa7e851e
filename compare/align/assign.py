"""From pairwise scores to claims: global assignment, 1:n splits, guarded merging.

For every pair of accounts the sentences are matched by a maximum-weight assignment
(``scipy.optimize.linear_sum_assignment``) over the whole score matrix, so a sentence goes to the
partner that is best for the account pair as a whole, not to whichever came first.  A sentence
left without a partner may then attach to a sentence that is already matched when it carries the
part of that sentence the partner does not (one long sentence told as two: 1:n and n:1).

The pairwise links are merged into claims strongest first (Kruskal order).  A merge that would put
two sentences of the same account into one claim is refused unless both are parts of one split,
which stops chains of loosely related sentences from swallowing an account.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True, slots=True)
class Link:
    """An edge between two sentence positions of the event (``a`` < ``b``)."""

    a: int
    b: int
    score: float
    kind: str  # "match" (assignment) or "split" (second part of a 1:n match)


def match_pair(
    score: np.ndarray,
    rows: list[int],
    cols: list[int],
    threshold: float,
) -> list[Link]:
    """1:1 maximum-weight assignment between two accounts, links at or above ``threshold``."""
    if score.size == 0:
        return []
    weights = np.where(score >= threshold, score, 0.0)
    r_idx, c_idx = _linear_sum_assignment()(weights, maximize=True)
    links = []
    for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
        if weights[r, c] > 0.0:
            links.append(_link(rows[r], cols[c], float(score[r, c]), "match"))
    return links


@lru_cache(maxsize=1)
def _linear_sum_assignment() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """scipy's ``linear_sum_assignment``, without importing all of ``scipy.optimize``.

    The function is scipy's compiled ``scipy/optimize/_lsap`` extension; importing it through
    ``scipy.optimize`` also imports scipy.linalg, the optimisers and their docstring machinery
    (~0.25-0.5 s of a short run's start-up).  The extension is loaded on its own from scipy's
    folder; if that fails (another layout, another scipy), the public import is used."""
    import importlib.util
    from pathlib import Path

    try:
        import scipy

        folder = Path(scipy.__file__).parent / "optimize"
        for path in sorted(folder.glob("_lsap.*")):
            spec = importlib.util.spec_from_file_location("scipy.optimize._lsap", path)
            if spec is None or spec.loader is None:
                continue
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module.linear_sum_assignment
    except (ImportError, OSError, AttributeError):
        pass
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment


def split_links(
    score: np.ndarray,
    rows: list[int],
    cols: list[int],
    matched: list[Link],
    weights: list[dict[str, float]],
    threshold: float,
    min_new_coverage: float,
) -> list[Link]:
    """Second parts of 1:n and n:1 matches between two accounts.

    ``weights`` maps each event sentence's terms to their weights.  A
    sentence with no partner in the other account attaches to a matched sentence when its score
    with it reaches ``threshold`` and it carries at least ``min_new_coverage`` of that sentence's
    weight that the existing partner(s) do not.
    """
    row_pos = {p: i for i, p in enumerate(rows)}
    partners_of_row: dict[int, list[int]] = {}
    partners_of_col: dict[int, list[int]] = {}
    for link in matched:
        r, c = (link.a, link.b) if link.a in row_pos else (link.b, link.a)
        partners_of_row.setdefault(r, []).append(c)
        partners_of_col.setdefault(c, []).append(r)
    links = []
    for r, c, s in _extend(score, rows, cols, partners_of_row, weights, threshold, min_new_coverage):
        links.append(_link(r, c, s, "split"))
    for c, r, s in _extend(score.T, cols, rows, partners_of_col, weights, threshold, min_new_coverage):
        links.append(_link(r, c, s, "split"))
    return links


def _extend(
    score: np.ndarray,
    rows: list[int],
    cols: list[int],
    partners: dict[int, list[int]],
    weights: list[dict[str, float]],
    threshold: float,
    min_new_coverage: float,
) -> list[tuple[int, int, float]]:
    """Attach free column sentences to matched row sentences whose uncovered part they carry."""
    taken = {c for cs in partners.values() for c in cs}
    candidates = sorted(
        (
            (float(score[i, j]), r, c)
            for i, r in enumerate(rows)
            if r in partners
            for j, c in enumerate(cols)
            if c not in taken and score[i, j] >= threshold
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    out = []
    for s, r, c in candidates:
        if c in taken:
            continue
        if _adds_part(weights, r, c, partners[r], min_new_coverage):
            partners[r].append(c)
            taken.add(c)
            out.append((r, c, s))
    return out


def _adds_part(weights: list[dict[str, float]], whole: int, part: int, partners: list[int], min_new: float) -> bool:
    """Is ``part`` the rest of ``whole``: next to a partner, made of its words, adding new ones?"""
    if min(abs(part - p) for p in partners) > MAX_SPLIT_GAP:
        return False
    whole_w, part_w = weights[whole], weights[part]
    whole_total, part_total = sum(whole_w.values()), sum(part_w.values())
    if whole_total <= 0 or part_total <= 0:
        return False
    inside = sum(w for t, w in part_w.items() if t in whole_w) / part_total
    covered = set().union(*(weights[p] for p in partners))
    new = sum(w for t, w in whole_w.items() if t in part_w and t not in covered) / whole_total
    return inside >= MIN_SPLIT_INSIDE and new >= min_new


MAX_SPLIT_GAP = 2  # parts of one split sentence sit within two sentences of each other
MIN_SPLIT_INSIDE = 0.4  # share of a part's weight that must come from the long sentence


def _link(x: int, y: int, score: float, kind: str) -> Link:
    return Link(min(x, y), max(x, y), score, kind)


class ClaimBuilder:
    """Union-find over sentence positions with two guards against chaining.

    A merge is refused when it would put two sentences of one account together that no split
    joins, or when the average score between the two claims' sentences (of different accounts)
    is below ``min_cohesion``: claims that only touch through one link stay apart.
    """

    def __init__(
        self,
        owner: list[int],
        score_of: Callable[[int, int], float] | None = None,
        min_cohesion: float = 0.0,
    ):
        self.owner = owner  # position -> account number
        self.score_of = score_of  # pair score of two sentences of different accounts
        self.min_cohesion = min_cohesion
        self.parent = list(range(len(owner)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(owner))}
        self.allowed: set[tuple[int, int]] = set()  # same-account pairs that a split joins

    def allow_together(self, positions: list[int]) -> None:
        for i in positions:
            for j in positions:
                if i != j:
                    self.allowed.add((i, j))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def try_merge(self, link: Link) -> bool:
        """Join the claims of the link's ends unless that puts unrelated same-account sentences together."""
        ra, rb = self.find(link.a), self.find(link.b)
        if ra == rb:
            return True
        total, count = 0.0, 0
        for x in self.members[ra]:
            for y in self.members[rb]:
                if self.owner[x] == self.owner[y]:
                    if (x, y) not in self.allowed:
                        return False
                elif self.score_of is not None:
                    total += self.score_of(x, y)
                    count += 1
        if count and total / count < self.min_cohesion:
            return False  # a chain: the two claims only touch through this one link
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        return True

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values()]
