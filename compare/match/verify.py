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
  multiplied by ``date_bonus``: the same day is evidence too.  Dated further
  apart than ``date_apart_days`` (weeks), they are never one event: the score
  is ``APART_SCORE``, far below 0, however much text they share (two
  earthquakes in one town years apart are told in the same words), so no
  event average that counts them passes (a cannot-link).  Missing dates are neutral (ECB+ has none, so
  its figures measure the text alone).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cached_property
from typing import Any

import numpy as np
from scipy import sparse

from compare.match.arrays import union, unique
from compare.match.shingles import StoryTerms

FULL_MATCH_TERMS = 6  # a sentence match sharing fewer stems counts proportionally less
# The score of two stories whose event days are weeks apart: so low that no average over an event holding both
# reaches any threshold (average link treats it as a cannot-link), and finite, so sums stay ordinary numbers.
APART_SCORE = -1.0e6


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
        # each story's distinct terms, a batch of stories at a time (one sort of ``story << 32 | term`` codes)
        distinct = [_distinct_terms(stories[lo : lo + _ROWS_CHUNK]) for lo in range(0, len(stories), _ROWS_CHUNK)]
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

    @cached_property
    def weight(self) -> dict[int, float]:
        """idf by term, as a dict (built on first use: a large corpus' vocabulary has millions of terms)."""
        return dict(zip(self.terms.tolist(), self.idf.tolist(), strict=True))

    def lookup(self, terms: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.terms, terms)
        pos = np.minimum(pos, max(len(self.terms) - 1, 0))
        found = (self.terms[pos] == terms) if len(self.terms) else np.zeros(len(terms), bool)
        return np.where(found, self.idf[pos] if len(self.terms) else 0.0, 0.0)


_LOOKUP_BLOCK = 1 << 20  # stems looked up in the vocabulary at a time
_ROWS_CHUNK = 8192  # stories per batch of tf-idf rows (and of document frequencies)


def _distinct_terms(stories: list[StoryTerms]) -> np.ndarray:
    """Every story's distinct terms, one story after the other (``np.unique`` story by story, in one sort)."""
    lengths = np.array([len(s.terms) for s in stories], dtype=np.int64)
    if not lengths.sum():
        return np.empty(0, dtype=np.uint32)
    codes = np.repeat(np.arange(len(stories), dtype=np.int64), lengths) << 32
    codes |= np.concatenate([s.terms for s in stories]).astype(np.int64)
    return (unique(codes) & 0xFFFFFFFF).astype(np.uint32)


class StoryFeatures:
    """Lazily built per-story material for exact scoring (sentence sets, tf-idf vectors)."""

    def __init__(self, stories: list[StoryTerms], vocab: Vocabulary, name_boost: float):
        self.stories = stories
        self.vocab = vocab
        self.name_boost = name_boost
        self._vectors: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._flat: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every story's stems in one array: (stems, their places in ``idf_table`` (int32, half the memory of
        their idf: 14 M stems at 100k stories), start of each sentence in it (one more at the end), number of
        each story's first sentence)."""
        if self._flat is None:
            # a distributed engine passes some stories by number (a mapping): the same arrays, indexed by number
            numbered = sorted(self.stories.items()) if isinstance(self.stories, Mapping) else list(enumerate(self.stories))
            found = [s for _, s in numbered]
            terms = np.concatenate([s.terms for s in found]) if found else np.empty(0, np.uint32)
            term_base = np.cumsum([0] + [len(s.terms) for s in found]).astype(np.int64)
            sentence_base = np.cumsum([0] + [s.num_sentences for s in found]).astype(np.int64)
            story_sentence = np.zeros(max((k for k, _ in numbered), default=-1) + 1, dtype=np.int64)
            story_sentence[[k for k, _ in numbered]] = sentence_base[:-1]
            starts = [s.offsets[:-1].astype(np.int64) + base for s, base in zip(found, term_base, strict=False)]
            sentence_start = np.concatenate(starts + [term_base[-1:]])
            self._flat = (terms.astype(np.uint32), self._places(terms), sentence_start, story_sentence)
        return self._flat

    @cached_property
    def idf_table(self) -> np.ndarray:
        """The vocabulary's idf and one more 0 (the place of a stem the vocabulary lacks)."""
        return np.append(self.vocab.idf, 0.0)

    def _places(self, terms: np.ndarray) -> np.ndarray:
        """Each stem's place in ``idf_table`` (``Vocabulary.lookup`` a block at a time: its temporaries are
        ~30 bytes a stem)."""
        vocab = self.vocab.terms
        places = np.full(len(terms), len(vocab), dtype=np.int32 if len(vocab) < 2**31 - 1 else np.int64)
        if not len(vocab):
            return places
        for lo in range(0, len(terms), _LOOKUP_BLOCK):
            part = terms[lo : lo + _LOOKUP_BLOCK]
            pos = np.minimum(np.searchsorted(vocab, part), len(vocab) - 1)
            found = vocab[pos] == part
            places[lo : lo + _LOOKUP_BLOCK][found] = pos[found]
        return places

    def release(self) -> None:
        """Drop ``flat``'s arrays (built again if asked for): the caller's verification is done."""
        self._flat = None

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
        """All stories' unit tf-idf vectors as rows of a sparse matrix (columns: the vocabulary): the rows
        ``vector`` gives, built a few thousand stories at a time (one sort of ``story | term | name`` codes)."""
        numbered = [self.stories[k] for k in range(len(self.stories))]
        # written batch by batch into arrays sized for every term (a row has at most its story's terms), so
        # no batch's rows are held twice; column numbers as int32 when the vocabulary allows
        room = sum(len(s.terms) for s in numbered)
        index = np.int32 if max(room, len(self.vocab.terms)) < 2**31 else np.int64
        data, columns = np.empty(room), np.empty(room, dtype=index)
        pointer = np.zeros(len(numbered) + 1, dtype=index)
        used = 0
        for lo in range(0, len(numbered), _ROWS_CHUNK):
            weights, cols, sizes = self._rows(numbered[lo : lo + _ROWS_CHUNK])
            data[used : used + len(weights)] = weights
            columns[used : used + len(cols)] = cols
            pointer[lo + 1 : lo + 1 + len(sizes)] = used + np.cumsum(sizes)
            used += len(weights)
        return sparse.csr_matrix((data[:used], columns[:used], pointer),
                                 shape=(len(numbered), max(len(self.vocab.terms), 1)))

    def _rows(self, stories: list[StoryTerms]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(weights, vocabulary columns, row sizes) of some stories' ``vector``s, one after the other."""
        n = len(stories)
        lengths = np.array([len(s.terms) for s in stories], dtype=np.int64)
        if not lengths.sum():
            return np.empty(0), np.empty(0, dtype=np.int64), np.zeros(n, dtype=np.int64)
        codes = np.repeat(np.arange(n, dtype=np.int64), lengths) << 33
        codes |= np.concatenate([s.terms for s in stories]).astype(np.int64) << 1
        codes |= np.concatenate([s.names for s in stories]).astype(bool)
        codes.sort()
        pair = codes >> 1
        new = np.empty(len(codes), dtype=bool)
        new[0] = True
        np.not_equal(pair[1:], pair[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        counts = np.diff(np.append(starts, len(codes)))
        is_name = np.maximum.reduceat(codes & 1, starts).astype(bool)
        pair = pair[starts]
        terms = (pair & 0xFFFFFFFF).astype(np.uint32)
        sizes = np.bincount(pair >> 32, minlength=n).astype(np.int64)
        w = (1.0 + np.log(counts)) * self.vocab.lookup(terms) * np.where(is_name, self.name_boost, 1.0)
        bounds = np.concatenate(([0], np.cumsum(sizes))).tolist()
        for lo, hi in zip(bounds, bounds[1:], strict=False):  # each row's norm by np.dot, exactly as ``vector``
            part = w[lo:hi]
            norm = float(np.sqrt(np.dot(part, part)))
            if norm > 0:
                part /= norm
        return w, np.searchsorted(self.vocab.terms, terms), sizes

    def cosine(self, a: int, b: int) -> float:
        ta, wa = self.vector(a)
        tb, wb = self.vector(b)
        _, ia, ib = np.intersect1d(ta, tb, assume_unique=True, return_indices=True)
        return float(np.dot(wa[ia], wb[ib]))


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


_VERIFY_CHUNK = 20_000  # unit pairs verified per vectorised block (100k: 3-4x slower, out of cache)


def _unit_ranges(features: StoryFeatures, units: Units, which: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end, in ``features.flat()``'s term array, of each unit in ``which``."""
    _, _, sentence_start, story_sentence = features.flat()
    first = story_sentence[units.story[which]] + units.first[which]
    last = story_sentence[units.story[which]] + units.last[which]
    return sentence_start[first], sentence_start[last + 1]


def _gather(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row number, position) of every element of the ranges ``[starts[r], ends[r])``."""
    lengths = ends - starts
    rows = np.repeat(np.arange(len(starts), dtype=np.int64), lengths)
    within = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return rows, np.repeat(starts, lengths) + within


def unit_pair_similarity(features: StoryFeatures, units: Units, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(idf-weighted Jaccard, shared distinct stems) of every unit pair, vectorised.

    Each side's stems are tagged with the pair's row (``row << 32 | stem``) and
    made distinct by sorting; a stem both sides have is a code found twice in
    the two sides' distinct codes together.  Work and memory are linear in the
    pairs' total length, in blocks of ``_VERIFY_CHUNK`` pairs.
    """
    terms, places, _, _ = features.flat()
    idf = features.idf_table
    sims = np.zeros(len(pairs))
    shared = np.zeros(len(pairs), dtype=np.int32)
    for lo in range(0, len(pairs), _VERIFY_CHUNK):
        block = pairs[lo : lo + _VERIFY_CHUNK]
        m = len(block)
        sides = []
        for side in (0, 1):
            rows, positions = _gather(*_unit_ranges(features, units, block[:, side]))
            codes, first = np.unique((rows << 32) | terms[positions].astype(np.int64), return_index=True)
            sides.append((codes, idf[places[positions[first]]]))
        weight_a = np.bincount(sides[0][0] >> 32, weights=sides[0][1], minlength=m)
        weight_b = np.bincount(sides[1][0] >> 32, weights=sides[1][1], minlength=m)
        both = np.concatenate([sides[0][0], sides[1][0]])
        both_weight = np.concatenate([sides[0][1], sides[1][1]])
        order = np.argsort(both, kind="stable")
        both, both_weight = both[order], both_weight[order]
        twice = np.flatnonzero(both[1:] == both[:-1])
        rows = both[twice] >> 32
        inter = np.bincount(rows, weights=both_weight[twice], minlength=m)
        union = weight_a + weight_b - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            sims[lo : lo + m] = np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)
        shared[lo : lo + m] = np.bincount(rows, minlength=m)
    return sims, shared


def score_unit_pairs(pairs: np.ndarray, units: Units, features: StoryFeatures, *,
                     prepared: bool = False) -> UnitPairScores:
    """Every LSH candidate unit pair scored exactly (pure; pairs of two windows left out: their
    sentences meet as single sentences or sentence-window pairs already).  ``prepared``: the pairs
    are ``pairs_to_verify``'s already (taken as they are, not copied)."""
    pairs = pairs if prepared else pairs_to_verify(pairs, units)
    sims, shared = unit_pair_similarity(features, units, pairs)
    return UnitPairScores(pairs, sims, shared)


def pairs_to_verify(pairs: np.ndarray, units: Units) -> np.ndarray:
    """The candidate unit pairs ``score_unit_pairs`` scores: pairs of two windows left out, each pair
    ordered by story (a new array; int32 when the units allow: half the memory of the ~70 pairs a story)."""
    pairs = np.asarray(pairs).reshape(-1, 2)
    window = units.last != units.first
    keep = ~(window[pairs[:, 0]] & window[pairs[:, 1]])
    index = np.int32 if len(units.story) < 2**31 else np.int64
    first, second = pairs[keep, 0].astype(index), pairs[keep, 1].astype(index)
    swap = units.story[first] > units.story[second]
    first[swap], second[swap] = second[swap], first[swap]
    return np.stack([first, second], axis=1)


@dataclass(slots=True)
class UnitPairScores:
    """Unit pairs (``pairs[k] = (i, j)``, story of i < story of j), their idf-weighted Jaccard and shared stems."""

    pairs: np.ndarray
    sims: np.ndarray
    shared: np.ndarray

    def story_pairs(self, units: Units, floor: float, weak_top: int = 0) -> np.ndarray:
        """Distinct story pairs ``(a, b)``, a < b, with a unit pair at or above ``floor`` (sorted),
        and (``weak_top`` > 0) each story's ``weak_top`` best pairs below it (summed similarity
        of their unit pairs; ties by story number).

        Below the floor two sentences share a word or two: unrelated
        sentences do that more often the larger the corpus (LSH collisions
        on a couple of shared stems), so their story pairs grow with the
        square of the corpus; accounts that tell one event share closer
        sentences.  Accounts told in other words share no close sentence but
        many words: among a story's weak pairs they are the strongest, so
        keeping each story's few best keeps them while the candidates stay
        linear in the corpus (at most ``weak_top`` per story, beyond the
        pairs that reach the floor).
        """
        stride = int(units.story.max(initial=0)) + 1
        codes = self._story_codes(units, stride)
        strong = self.sims >= floor
        found = unique(codes[strong])
        if weak_top > 0 and not strong.all():
            weak, weight = self._weak(codes, ~strong, stride)
            del codes
            kept = weak[top_weak(weak, weight, weak_top)]
            del weak, weight
            found = union(found, kept[:, 0] * stride + kept[:, 1])
        return np.stack([found // stride, found % stride], axis=1)

    def weak_pairs(self, units: Units, floor: float) -> tuple[np.ndarray, np.ndarray]:
        """Distinct story pairs ``(a, b)``, a < b, with a unit pair below ``floor`` (sorted), and the summed
        similarity of those unit pairs (added in the pairs' order: a distributed engine that holds a story
        pair's unit pairs in the same order gets the same sums, to the bit)."""
        stride = int(units.story.max(initial=0)) + 1
        return self._weak(self._story_codes(units, stride), ~(self.sims >= floor), stride)

    def _story_codes(self, units: Units, stride: int) -> np.ndarray:
        """``story of i * stride + story of j`` of every unit pair (one array, built in place)."""
        codes = units.story[self.pairs[:, 0]].astype(np.int64)
        codes *= stride
        codes += units.story[self.pairs[:, 1]]
        return codes

    def _weak(self, codes: np.ndarray, weak: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
        """``weak_pairs`` from the unit pairs' story codes and which of them are below the floor."""
        distinct, inverse = np.unique(codes[weak], return_inverse=True)
        weight = np.bincount(inverse, weights=self.sims[weak], minlength=len(distinct))
        del inverse
        return np.stack([distinct // stride, distinct % stride], axis=1).reshape(-1, 2), weight


def top_weak(pairs: np.ndarray, weight: np.ndarray, weak_top: int, stories: np.ndarray | None = None) -> np.ndarray:
    """Which weak story pairs ``(a, b)`` (bool per pair) are among the ``weak_top`` heaviest of a or of b
    (heaviest first, ties by the partner's number); ``stories``: rank only these stories (a distributed
    engine ranks the stories of one partition, given every weak pair of them)."""
    keep = np.zeros(len(pairs), dtype=bool)
    if not len(pairs) or weak_top <= 0:
        return keep
    # every weak pair seen from both of its stories; per story: heaviest first, then by partner (int32 numbers
    # where they fit: the same order, half the memory of the ~2 x 4 M entries at 100k stories)
    index = np.int32 if 2 * len(pairs) < 2**31 and int(pairs.max(initial=0)) < 2**31 else np.int64
    story = np.concatenate((pairs[:, 0], pairs[:, 1])).astype(index)
    partner = np.concatenate((pairs[:, 1], pairs[:, 0])).astype(index)
    heavier = np.concatenate((weight, weight))
    np.negative(heavier, out=heavier)
    order = np.lexsort((partner, heavier, story)).astype(index)
    del partner, heavier
    ranked = story[order]
    new = np.empty(len(order), dtype=bool)
    new[0] = True
    np.not_equal(ranked[1:], ranked[:-1], out=new[1:])
    del ranked
    # each entry's place in its story's run: its position less the position where the run starts
    rank = np.where(new, np.arange(len(order), dtype=index), index(0))
    np.maximum.accumulate(rank, out=rank)
    np.subtract(np.arange(len(order), dtype=index), rank, out=rank)
    chosen = order[rank < weak_top]
    if stories is not None:
        chosen = chosen[np.isin(story[chosen], stories)]
    keep[chosen % len(pairs)] = True
    return keep


def evidence_from_scores(scored: UnitPairScores, units: Units, *, sentence_threshold: float,
                         min_shared_terms: int) -> dict[tuple[int, int], PairEvidence]:
    """Per story pair, the one-to-one sentence matches (best first) among the unit pairs that pass."""
    ok = (scored.sims >= sentence_threshold) & (scored.shared >= min_shared_terms)
    pairs, sims, shared = scored.pairs[ok], scored.sims[ok], scored.shared[ok]
    story, first, last = units.story, units.first, units.last
    i, j = pairs[:, 0], pairs[:, 1]
    # per story pair, best first; ties by sentence positions (deterministic)
    order = np.lexsort((last[j], last[i], first[j], first[i], -sims, story[j], story[i]))
    # sorted by story pair first, so each pair's matches are taken in one run and the pairs come out sorted
    evidence: dict[tuple[int, int], PairEvidence] = {}
    ev = PairEvidence(-1, -1)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for a, b, first_a, last_a, first_b, last_b, sim, common in _rows_of(
            (story[i], story[j], first[i], last[i], first[j], last[j], sims, shared), order):
        if a != ev.a or b != ev.b:
            ev = evidence[(a, b)] = PairEvidence(a, b)
            used_a, used_b = set(), set()
        span_a = tuple(range(first_a, last_a + 1))
        span_b = tuple(range(first_b, last_b + 1))
        if used_a.intersection(span_a) or used_b.intersection(span_b):
            continue
        used_a.update(span_a)
        used_b.update(span_b)
        ev.matches.append((span_a, span_b, sim))
        ev.weights.append(sim * min(1.0, common / FULL_MATCH_TERMS))
    return evidence


_ROWS_AT_ONCE = 65_536  # rows turned into Python values at a time (all at once: ~8 objects a row held together)


def _rows_of(columns: tuple[np.ndarray, ...], order: np.ndarray) -> Iterator[tuple[Any, ...]]:
    """The rows ``(c[order[k]] for c in columns)`` as Python values, in order, a block at a time."""
    for lo in range(0, len(order), _ROWS_AT_ONCE):
        part = order[lo : lo + _ROWS_AT_ONCE]
        yield from zip(*(c[part].tolist() for c in columns), strict=True)


def passage_evidence(
    pairs: np.ndarray,
    units: Units,
    features: StoryFeatures,
    *,
    sentence_threshold: float,
    min_shared_terms: int,
) -> dict[tuple[int, int], PairEvidence]:
    """Verify candidate unit pairs and keep one-to-one matches per story pair.

    Every pair is scored exactly and at once (``score_unit_pairs``); of those
    that pass, matches are accepted best first while none of their sentences
    is used by an earlier match of the same story pair.
    """
    return evidence_from_scores(score_unit_pairs(pairs, units, features), units,
                                sentence_threshold=sentence_threshold, min_shared_terms=min_shared_terms)


def days_apart(a: str | None, b: str | None) -> int | None:
    """Whole days between two ISO dates; None when either is missing or unreadable."""
    if not a or not b:
        return None
    try:
        return abs((Date.fromisoformat(a[:10]) - Date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def combine(cosine: np.ndarray, evidence: np.ndarray, far_apart: np.ndarray, *, date_penalty: float,
            close: np.ndarray | None = None, date_bonus: float = 1.0, apart: np.ndarray | None = None) -> np.ndarray:
    """Story-pair scores: noisy-or of text similarity and passage evidence, weighed by dates.

    ``score = 1 - (1 - cosine) * exp(-evidence)``, divided by ``date_penalty``
    where the two stories are dated further apart than the date window, and
    multiplied by ``date_bonus`` (capped at 1) where both are dated within it.
    Where ``apart`` (their event days are weeks apart: two events of one kind,
    such as two earthquakes in one town years apart) the score is
    ``APART_SCORE``, however much of their text is shared: no text ties two
    events of different days, and no event average that counts the pair
    reaches a threshold, so no undated story can chain the two into one event.
    """
    score = 1.0 - (1.0 - np.clip(cosine, 0.0, 1.0)) * np.exp(-np.asarray(evidence, dtype=np.float64))
    if date_penalty > 0:
        score = np.where(far_apart, score / date_penalty, score)
    if close is not None and date_bonus != 1.0:
        score = np.where(close, np.minimum(score * date_bonus, 1.0), score)
    if apart is not None:
        score = np.where(apart, APART_SCORE, score)
    return score


def trigram_set(story: StoryTerms) -> set[int]:
    """Hashed content-stem trigrams inside each sentence (for the reprint test); a sentence of fewer
    than three stems gives its stems, hashed alone (all sentences at once)."""
    terms = story.terms.astype(np.uint64)
    if not len(terms):
        return set()
    lengths = np.diff(story.offsets).astype(np.int64)
    length = np.repeat(lengths, lengths)
    position = np.arange(len(terms), dtype=np.int64) - np.repeat(story.offsets[:-1].astype(np.int64), lengths)
    short = terms[length < 3] * np.uint64(0x9E3779B1)
    head = np.flatnonzero((length >= 3) & (position <= length - 3))
    grams = (terms[head] << np.uint64(40)) ^ (terms[head + 1] << np.uint64(20)) ^ terms[head + 2]
    return set(short.tolist()).union(grams.tolist())


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)
