"""Exact scores for story pairs: passage evidence, whole-story similarity, dates.

* Passage evidence.  Each LSH candidate sentence pair is re-scored exactly: the
  idf-weighted Jaccard of the two sentences' sets of content stems, counted
  only with at least ``min_shared_terms`` shared stems and at or above
  ``sentence_threshold``, and weighted down when few stems are shared (short
  lines such as bylines and photo credits).  Per story pair, sentences are
  matched one-to-one (greedy, best first); the evidence is the summed weight
  of every match *except the best one*, so a single shared sentence never ties
  two stories (accounts of the same speech share several; a same-topic story of
  another day shares at most one).
* Whole-story similarity: tf-idf cosine over content stems with name-like
  terms (people, places, numbers) weighted ``name_boost`` times.
* The pair score is their noisy-or, ``1 - (1 - cosine) * (1 - passage)`` with
  ``passage = 1 - exp(-evidence)``.  When both stories are dated further apart
  than the date window, the score is divided by ``date_penalty``: weeks apart
  they need a much stronger textual tie.  Dated within the window, it is
  multiplied by ``date_bonus``: the same day is evidence too.  Missing dates
  are neutral (ECB+ has none, so its figures measure the text alone).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as Date

import numpy as np
from scipy import sparse

from compare.match.shingles import StoryTerms

FULL_MATCH_TERMS = 6  # a sentence match sharing fewer stems counts proportionally less


@dataclass(slots=True)
class PairEvidence:
    """Sentence matches between two stories (story numbers a < b)."""

    a: int
    b: int
    # (sentences of a, sentences of b, similarity): a unit is one sentence or two consecutive ones
    matches: list[tuple[tuple[int, ...], tuple[int, ...], float]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)  # each match's contribution
    extra: float = 0.0  # evidence from elsewhere (shared names across languages, compare.lang)

    @property
    def evidence(self) -> float:
        """Summed contribution of every match but the strongest, plus ``extra``."""
        return sum(self.weights) - max(self.weights, default=0.0) + self.extra


class Vocabulary:
    """Inverse document frequency of every term, counted over the stories of a run."""

    def __init__(self, stories: list[StoryTerms]):
        distinct = [np.unique(s.terms) for s in stories]
        if distinct and sum(len(d) for d in distinct):
            vocab, df = np.unique(np.concatenate(distinct), return_counts=True)
        else:
            vocab, df = np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
        self._set(vocab, df, len(stories))

    @classmethod
    def from_counts(cls, terms: np.ndarray, df: np.ndarray, n: int) -> Vocabulary:
        """The vocabulary of ``n`` stories from its sorted terms and their story counts
        (summed over partitions by a distributed engine: the same object as ``Vocabulary(all)``)."""
        vocab = cls.__new__(cls)
        vocab._set(np.asarray(terms, dtype=np.uint32), np.asarray(df, dtype=np.int64), n)
        return vocab

    def _set(self, vocab: np.ndarray, df: np.ndarray, n: int) -> None:
        self.terms = vocab
        self.df = df
        self.idf = np.log((n + 1.0) / (df + 0.5))
        self.weight = dict(zip(vocab.tolist(), self.idf.tolist(), strict=True))

    def lookup(self, terms: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.terms, terms)
        pos = np.minimum(pos, max(len(self.terms) - 1, 0))
        found = (self.terms[pos] == terms) if len(self.terms) else np.zeros(len(terms), bool)
        return np.where(found, self.idf[pos] if len(self.terms) else 0.0, 0.0)


class StoryFeatures:
    """Lazily built per-story material for exact scoring (sentence sets, tf-idf vectors)."""

    def __init__(self, stories: list[StoryTerms], vocab: Vocabulary, name_boost: float):
        self.stories = stories
        self.vocab = vocab
        self.name_boost = name_boost
        self._sets: dict[tuple[int, int, int], tuple[frozenset[int], float]] = {}
        self._vectors: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def unit_set(self, story: int, first: int, last: int) -> tuple[frozenset[int], float]:
        """Distinct stems of sentences ``first..last`` of a story and their total idf weight."""
        key = (story, first, last)
        found = self._sets.get(key)
        if found is None:
            st = self.stories[story]
            terms = frozenset(st.terms[st.offsets[first] : st.offsets[last + 1]].tolist())
            weight = self.vocab.weight
            found = (terms, sum(weight.get(t, 0.0) for t in terms))
            self._sets[key] = found
        return found

    def vector(self, story: int) -> tuple[np.ndarray, np.ndarray]:
        """Sorted distinct terms and their unit-length tf-idf weights (names boosted)."""
        found = self._vectors.get(story)
        if found is None:
            st = self.stories[story]
            terms, inverse, counts = np.unique(st.terms, return_inverse=True, return_counts=True)
            is_name = np.zeros(len(terms), dtype=bool)
            if len(terms):
                np.logical_or.at(is_name, inverse, st.names.astype(bool))
            w = (1.0 + np.log(counts)) * self.vocab.lookup(terms) * np.where(is_name, self.name_boost, 1.0)
            norm = float(np.sqrt(np.dot(w, w)))
            found = (terms, w / norm if norm > 0 else w)
            self._vectors[story] = found
        return found

    def matrix(self) -> sparse.csr_matrix:
        """All stories' unit tf-idf vectors as rows of a sparse matrix (columns: the vocabulary)."""
        indptr, indices, data = [0], [], []
        for k in range(len(self.stories)):
            terms, weights = self.vector(k)
            indices.append(np.searchsorted(self.vocab.terms, terms))
            data.append(weights)
            indptr.append(indptr[-1] + len(terms))
        self._vectors.clear()
        return sparse.csr_matrix(
            (np.concatenate(data) if data else np.empty(0), np.concatenate(indices) if indices else np.empty(0, int),
             np.array(indptr)),
            shape=(len(self.stories), max(len(self.vocab.terms), 1)),
        )

    def cosine(self, a: int, b: int) -> float:
        ta, wa = self.vector(a)
        tb, wb = self.vector(b)
        _, ia, ib = np.intersect1d(ta, tb, assume_unique=True, return_indices=True)
        return float(np.dot(wa[ia], wb[ib]))


def sentence_similarity(a: frozenset[int], wa: float, b: frozenset[int], wb: float,
                        weight: dict[int, float]) -> tuple[float, int]:
    """(idf-weighted Jaccard, number of shared stems) of two sentences' stem sets."""
    shared = a & b
    if not shared:
        return 0.0, 0
    inter = sum(weight.get(t, 0.0) for t in shared)
    union = wa + wb - inter
    return (inter / union if union > 0 else 0.0), len(shared)


@dataclass(slots=True)
class Units:
    """The LSH items: single sentences and windows of two consecutive sentences.

    A window's MinHash is the element-wise minimum of its two sentences'
    (the MinHash of the union), so a sentence that one outlet split in two
    still finds its counterpart.
    """

    story: np.ndarray  # int64 story number
    first: np.ndarray  # int64 first sentence
    last: np.ndarray  # int64 last sentence (first or first + 1)
    size: np.ndarray | None = None  # int64 distinct signed stems (sum over a window's sentences)


def passage_evidence(
    pairs: np.ndarray,
    units: Units,
    features: StoryFeatures,
    *,
    sentence_threshold: float,
    min_shared_terms: int,
) -> dict[tuple[int, int], PairEvidence]:
    """Verify candidate unit pairs and keep one-to-one matches per story pair.

    Pairs of two windows are skipped (their sentences meet as single sentences
    or sentence-window pairs already).  Matches are accepted best first while
    none of their sentences is used by an earlier match of the same story pair.
    """
    per_pair: dict[tuple[int, int], list[tuple[float, int, int, int, int, int]]] = defaultdict(list)
    weight = features.vocab.weight
    story, first, last = units.story, units.first, units.last
    for i, j in pairs.tolist():
        if last[i] != first[i] and last[j] != first[j]:
            continue
        if story[i] > story[j]:
            i, j = j, i
        sa, sb = int(story[i]), int(story[j])
        ta, wa = features.unit_set(sa, int(first[i]), int(last[i]))
        tb, wb = features.unit_set(sb, int(first[j]), int(last[j]))
        sim, shared = sentence_similarity(ta, wa, tb, wb, weight)
        if sim >= sentence_threshold and shared >= min_shared_terms:
            per_pair[(sa, sb)].append(
                (sim, int(first[i]), int(last[i]), int(first[j]), int(last[j]), shared)
            )
    evidence = {}
    for (sa, sb), found in sorted(per_pair.items()):
        found.sort(key=lambda m: (-m[0], m[1], m[3], m[2], m[4]))
        used_a: set[int] = set()
        used_b: set[int] = set()
        ev = PairEvidence(sa, sb)
        for sim, a0, a1, b0, b1, shared in found:
            span_a, span_b = tuple(range(a0, a1 + 1)), tuple(range(b0, b1 + 1))
            if used_a.intersection(span_a) or used_b.intersection(span_b):
                continue
            used_a.update(span_a)
            used_b.update(span_b)
            ev.matches.append((span_a, span_b, sim))
            ev.weights.append(sim * min(1.0, shared / FULL_MATCH_TERMS))
        evidence[(sa, sb)] = ev
    return evidence


def days_apart(a: str | None, b: str | None) -> int | None:
    """Whole days between two ISO dates; None when either is missing or unreadable."""
    if not a or not b:
        return None
    try:
        return abs((Date.fromisoformat(a[:10]) - Date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def combine(cosine: np.ndarray, evidence: np.ndarray, far_apart: np.ndarray, *, date_penalty: float,
            close: np.ndarray | None = None, date_bonus: float = 1.0) -> np.ndarray:
    """Story-pair scores: noisy-or of text similarity and passage evidence, weighed by dates.

    ``score = 1 - (1 - cosine) * exp(-evidence)``, divided by ``date_penalty``
    where the two stories are dated further apart than the date window, and
    multiplied by ``date_bonus`` (capped at 1) where both are dated within it.
    """
    score = 1.0 - (1.0 - np.clip(cosine, 0.0, 1.0)) * np.exp(-np.asarray(evidence, dtype=np.float64))
    if date_penalty > 0:
        score = np.where(far_apart, score / date_penalty, score)
    if close is not None and date_bonus != 1.0:
        score = np.where(close, np.minimum(score * date_bonus, 1.0), score)
    return score


def trigram_set(story: StoryTerms) -> set[int]:
    """Hashed content-stem trigrams inside each sentence (for the reprint test)."""
    out: set[int] = set()
    terms = story.terms.astype(np.uint64)
    for i in range(story.num_sentences):
        lo, hi = int(story.offsets[i]), int(story.offsets[i + 1])
        t = terms[lo:hi]
        if len(t) < 3:
            out.update((t * np.uint64(0x9E3779B1)).tolist())
            continue
        grams = (t[:-2] << np.uint64(40)) ^ (t[1:-1] << np.uint64(20)) ^ t[2:]
        out.update(grams.tolist())
    return out


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)
