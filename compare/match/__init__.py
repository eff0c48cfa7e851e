"""Same-event matching: stories in, events out (issue #3; docs/matching.md).

Each step is a pure function over records, so Dask or Spark could map it over
partitions:

1. ``shingles.story_terms``: story -> hashed content stems per sentence;
2. ``signatures.sign_many``: stems -> one MinHash per sentence (numpy, with
   datasketch's permutations); cached by ``compare.index.SignatureIndex``;
3. ``signatures.band_keys`` + ``candidates.candidate_sentence_pairs``: LSH over
   sentences -> candidate sentence pairs from different stories (sort-based
   buckets; buckets shared by too many sentences are boilerplate, ignored);
4. ``verify``: exact passage evidence for candidate pairs, whole-story tf-idf
   cosine, date evidence -> a score for any story pair;
5. ``cluster.average_link`` over the candidate graph -> events; then each
   member pair's relation (reprint / same_event), the event title and date.
"""

from __future__ import annotations

import math
import os
import resource
import time
from collections.abc import Collection, Hashable, Sequence
from datetime import date as Date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import xxhash

from compare.config import MatchParams
from compare.index import SignatureIndex, SignedStory
from compare.lang.crosslingual import cross_language_pairs
from compare.lang.text import token_language
from compare.match.arrays import unique
from compare.match.candidates import candidate_sentence_pairs, syndication_filter
from compare.match.cluster import cluster_by_components
from compare.match.eventdate import stated_day
from compare.match.families import (
    Family,
    family_pairs,
    member_edits,
    sentence_keys,
    star_families,
    story_shingles_many,
)
from compare.match.shingles import StoryTerms, shingle_arrays, story_key, story_terms_many
from compare.match.signatures import band_keys, lsh_bands, sign_many, sign_sentences
from compare.match.verify import (
    PairEvidence,
    StoryFeatures,
    Units,
    Vocabulary,
    combine,
    days_apart,
    evidence_from_scores,
    jaccard,
    pairs_to_verify,
    score_unit_pairs,
    trigram_set,
)
from compare.model import Event, FamilyMember, ReprintFamily, Story, StoryLink
from compare.textnorm import STOPWORDS

__all__ = ["ALGORITHM_VERSION", "Scorer", "fingerprint", "group_events", "sign_stories"]

ALGORITHM_VERSION = "stems-3"
_SIGN_CHUNK = 256  # stories signed per vectorised batch (bigram shingles)
_FLAT_CHUNK = 2048  # stories filtered, counted and signed per flat batch (unigrams)
_PAIR_CHUNK = 5_000  # story pairs scored per sparse product (20k: 4x the memory, no faster)


def fingerprint() -> str:
    """Everything that changes a story's stored stems: algorithm, stop list, stemmer, hash."""
    stop = xxhash.xxh32_hexdigest(" ".join(sorted(STOPWORDS)).encode())
    return f"{ALGORITHM_VERSION}|stop={stop}|snowball={version('snowballstemmer')}|{_stemmer_build()}|xxh32"


def _stemmer_build() -> str:
    """Which build of the Snowball stemmers runs: PyStemmer's C one (snowballstemmer uses it when it
    is installed; same stems, ~20x faster) or snowballstemmer's pure-Python one."""
    try:
        return f"pystemmer={version('pystemmer')}"
    except PackageNotFoundError:
        return "snowball-python"


def _check(params: MatchParams) -> None:
    if params.shingle != "stems":
        raise ValueError(f"unknown shingle kind {params.shingle!r} (known: 'stems')")
    if params.shingle_size not in (1, 2):
        raise ValueError(f"shingle_size must be 1 or 2, got {params.shingle_size}")


def _load_or_tokenise(stories: list[Story], index_dir: Path | None, stats: dict[str, Any]) -> list[StoryTerms]:
    """Every story's hashed stems: from the index when its text was seen before, else computed and stored.
    Without an index they are computed once per distinct text (no keys hashed, nothing stored)."""
    if index_dir is None:
        return _tokenise_distinct(stories, stats)
    fp = fingerprint()
    keys = [story_key(s, fp) for s in stories]
    with SignatureIndex(index_dir) as index:
        found = index.get_many(sorted(set(keys)))
        missing = sorted({k for k in keys if k not in found})
        first = {k: i for i, k in reversed(list(enumerate(keys)))}
        fresh = dict(zip(missing, story_terms_many([stories[first[k]] for k in missing]), strict=True))
        index.put_many({k: SignedStory(t.terms, t.offsets, t.names) for k, t in fresh.items()})
        stats.update(
            signed=len(missing), reused=sum(1 for k in keys if k in found),
            index_path=str(index.path) if index.path else None, index_warning=index.warning,
        )
    terms = {k: StoryTerms(v.terms, v.offsets, v.names) for k, v in found.items()}
    terms.update(fresh)
    return [terms[k] for k in keys]


def _tokenise_distinct(stories: list[Story], stats: dict[str, Any]) -> list[StoryTerms]:
    """``story_terms`` of every story, each distinct text (its sentences and token language, what
    ``story_key`` hashes) tokenised once; what ``_load_or_tokenise`` gives with an empty index, without
    hashing every text or storing its rows in a throw-away database."""
    keys = [(token_language(s.language), *(sentence.text for sentence in s.sentences)) for s in stories]
    first: dict[tuple[str | None, ...], int] = {}
    for k, key in enumerate(keys):
        first.setdefault(key, k)
    distinct = list(first.values())
    found = dict(zip(distinct, story_terms_many([stories[k] for k in distinct]), strict=True))
    stats.update(signed=len(distinct), reused=0, index_path=None, index_warning=None)
    return [found[first[key]] for key in keys]


def common_terms(vocab: Vocabulary, n: int, params: MatchParams) -> np.ndarray:
    """Stems found in more stories than the cap (sorted): ``common_df_fraction`` of the corpus,
    clamped to ``[common_df_min, common_df_max]``.

    They are left out of the MinHash signatures: two unrelated sentences often
    share a couple of everyday words ("said", "government", "year"), which at
    a 0.3 LSH threshold makes false candidates grow with the square of the
    corpus.  The upper clamp keeps candidate generation linear in the corpus
    size: a signed stem is in at most ``common_df_max`` stories, so it can
    make at most that many candidates per story.  Common stems still count,
    idf-weighted, when candidates are verified.
    """
    cap = min(max(params.common_df_min, params.common_df_fraction * n), params.common_df_max)
    return vocab.terms[vocab.df > cap]


def filtered(story: StoryTerms, common: np.ndarray) -> StoryTerms:
    """The story without its common stems (sentence boundaries kept)."""
    if not len(common) or not len(story.terms):
        return story
    pos = np.minimum(np.searchsorted(common, story.terms), len(common) - 1)
    keep = common[pos] != story.terms
    kept = np.concatenate(([0], np.cumsum(keep)))
    return StoryTerms(story.terms[keep], kept[story.offsets].astype(np.int64), story.names[keep])


class Scorer:
    """Exact scores of story pairs, a block at a time: what clustering averages.

    The score of (a, b) is ``verify.combine`` of their tf-idf cosine, their
    passage evidence and their date gap; items of one document (a listing
    page) are separate stories by construction and score 0.
    """

    def __init__(self, stories: list[Story], terms: list[StoryTerms], evidence: dict[tuple[int, int], PairEvidence],
                 params: MatchParams, vocabulary: Vocabulary | None = None):
        self.params = params
        self.features = StoryFeatures(terms, vocabulary or Vocabulary(terms), params.name_boost)
        self.matrix = self.features.matrix()
        self.day = np.array([_ordinal(s.date) for s in stories], dtype=np.float64)
        # the day each story's lead says its event happened (else its publication day), read when a pair needs it
        self._stories = stories
        self.stated_day = self.day.copy()
        self._stated_read = np.zeros(len(stories), dtype=bool)
        codes: dict[str, int] = {}
        self.document = np.array([codes.setdefault(s.document, len(codes)) for s in stories], dtype=np.int64)
        self.evidence: dict[tuple[int, int], PairEvidence] = {}
        self.weight: np.ndarray | None = None
        self._codes, self._values = np.empty(0, dtype=np.int64), np.empty(0)
        self.set_evidence(evidence)

    def set_evidence(self, evidence: dict[tuple[int, int], PairEvidence]) -> None:
        self.evidence = evidence
        n = len(self.day)
        codes = np.array([a * n + b for a, b in evidence], dtype=np.int64)
        values = np.array([ev.evidence for ev in evidence.values()], dtype=np.float64)
        order = np.argsort(codes)
        self._codes, self._values = codes[order], values[order]

    def pair_evidence(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Passage evidence of the pairs (xs[i], ys[i]) (0 where none), vectorised."""
        if not len(self._codes):
            return np.zeros(len(xs))
        codes = np.minimum(xs, ys) * len(self.day) + np.maximum(xs, ys)
        pos = np.minimum(np.searchsorted(self._codes, codes), len(self._codes) - 1)
        return np.where(self._codes[pos] == codes, self._values[pos], 0.0)

    def cosines(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Whole-story tf-idf cosines of the pairs (xs[i], ys[i])."""
        return np.concatenate([
            np.asarray(self.matrix[xs[i : i + _PAIR_CHUNK]].multiply(self.matrix[ys[i : i + _PAIR_CHUNK]]).sum(axis=1)).ravel()
            for i in range(0, len(xs), _PAIR_CHUNK)
        ])

    def gaps(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Days between the pairs (xs[i], ys[i]): the smaller of the gap between their publication days and the
        gap between the days their leads state (``eventdate.stated_day``; a story that states none counts from its
        publication day; pairs within the window keep their publication gap, as no stated day can move them
        out of it); NaN when either is undated.  A stated day only ever brings two stories closer: a
        retrospective account published days later stays with its event, while two accounts of one topic that
        state different days keep their gap."""
        published = np.abs(self.day[xs] - self.day[ys])
        with np.errstate(invalid="ignore"):
            far = published > self.params.date_window_days  # only there can a stated day change the verdict
        if far.any():
            self._read_stated(np.concatenate([xs[far], ys[far]]))
            published[far] = np.minimum(published[far], np.abs(self.stated_day[xs[far]] - self.stated_day[ys[far]]))
        return published

    def _read_stated(self, which: np.ndarray) -> None:
        for k in np.unique(which[~self._stated_read[which]]).tolist():
            day = stated_day(self._stories[k])
            if day is not None:
                self.stated_day[k] = float(day.toordinal())
            self._stated_read[k] = True

    def pair_scores(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Scores of the pairs (xs[i], ys[i]), vectorised."""
        xs, ys = np.asarray(xs, dtype=np.int64), np.asarray(ys, dtype=np.int64)
        if len(xs) == 0:
            return np.empty(0)
        cosine = self.cosines(xs, ys)
        evidence = self.pair_evidence(xs, ys)
        with np.errstate(invalid="ignore"):
            gap = self.gaps(xs, ys)
            far = gap > self.params.date_window_days  # NaN: False
            close = gap <= self.params.date_window_days  # NaN: False
            apart = gap > self.params.date_apart_days if self.params.date_apart_days > 0 else None  # NaN: False
        scores = combine(cosine, evidence, far, date_penalty=self.params.date_penalty,
                         close=close, date_bonus=self.params.date_bonus, apart=apart)
        scores[self.document[xs] == self.document[ys]] = 0.0
        return scores

    def block_sums(self, requests: list[tuple[list[int], list[int]]]) -> list[float]:
        """Summed score over every (x, y) of each (xs, ys) request, in one vectorised pass; a pair
        counts ``weight[x] * weight[y]`` times (a reprint family's size; 1 when no weights are set)."""
        if not requests:
            return []
        xs = np.concatenate([np.repeat(np.asarray(x, dtype=np.int64), len(y)) for x, y in requests])
        ys = np.concatenate([np.tile(np.asarray(y, dtype=np.int64), len(x)) for x, y in requests])
        starts = np.cumsum([0] + [len(x) * len(y) for x, y in requests[:-1]])
        scores = self.pair_scores(xs, ys)
        if self.weight is not None:
            scores = scores * self.weight[xs] * self.weight[ys]
        return np.add.reduceat(scores, starts).tolist()

    def __call__(self, a: int, b: int) -> float:
        return float(self.pair_scores(np.array([a]), np.array([b]))[0])


def _ordinal(day: str | None) -> float:
    if not day:
        return math.nan
    try:
        return float(Date.fromisoformat(day[:10]).toordinal())
    except ValueError:
        return math.nan


def distinct_per_sentence(stories: list[StoryTerms]) -> np.ndarray:
    """Number of distinct stems of every sentence of the stories, in order (one sort for all)."""
    sentences = np.array([s.num_sentences for s in stories], dtype=np.int64)
    if not sentences.sum():
        return np.zeros(0, dtype=np.int64)
    lengths = np.concatenate([np.diff(s.offsets) for s in stories])
    sentence = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    terms = np.concatenate([s.terms for s in stories]).astype(np.int64)
    codes = unique((sentence << 32) | terms)
    return np.bincount(codes >> 32, minlength=len(lengths))


def sentence_units(stories: list[StoryTerms], sigs: list[np.ndarray], min_terms: int, first_story: int = 0,
                   windows: bool = True) -> tuple[Units, np.ndarray]:
    """Units of some stories and their signatures (pure: a chunk of stories in, units out).

    Units are the sentences with at least ``min_terms`` distinct (signed)
    stems, and (``windows``) every two consecutive such sentences; a window's
    signature is the element-wise minimum of its sentences' (the MinHash of
    their union).  ``Units.size`` is each unit's count of distinct stems.
    """
    per_story = np.array([s.num_sentences for s in stories], dtype=np.int64)
    sig = np.concatenate(sigs) if len(sigs) else np.empty((0, 0), dtype=np.uint32)
    return _units(distinct_per_sentence(stories), per_story, sig, min_terms, first_story, windows)


def _units(counts: np.ndarray, per_story: np.ndarray, sig: np.ndarray, min_terms: int, first_story: int,
           windows: bool) -> tuple[Units, np.ndarray]:
    """``sentence_units`` from every sentence's count of distinct stems, each story's number of sentences
    and every sentence's signature (rows in order)."""
    story = np.repeat(np.arange(first_story, first_story + len(per_story), dtype=np.int64), per_story)
    local = np.arange(len(story), dtype=np.int64) - np.repeat(np.cumsum(per_story) - per_story, per_story)
    long = counts >= min_terms
    single = np.flatnonzero(long)
    if windows:  # this sentence and the next, both long, in one story
        pair = np.flatnonzero(long[:-1] & long[1:] & (story[:-1] == story[1:]))
    else:
        pair = single[:0]
    if not len(single):
        empty = np.empty(0, dtype=np.int64)
        return Units(empty, empty, empty, empty), np.empty((0, 0), dtype=np.uint32)
    at = np.concatenate((single, pair))
    width = np.concatenate((np.zeros(len(single), dtype=np.int64), np.ones(len(pair), dtype=np.int64)))
    order = np.lexsort((at, width, story[at]))  # per story: its sentences, then its windows
    at, width = at[order], width[order]
    units = Units(story[at], local[at], local[at] + width, (counts[at] + np.where(width > 0, counts[at + width], 0)).astype(np.int64))
    return units, np.minimum(sig[at], sig[at + width])


def signed_units(stories: list[StoryTerms], common: np.ndarray, params: MatchParams,
                 first_story: int = 0) -> tuple[Units, np.ndarray]:
    """``sentence_units`` of the stories without their common stems, with their signatures: the
    stories' stems filtered, counted and signed all at once (one flat array; pure).  Unigram
    shingles only (``shingle_size`` 1); the same units and signatures as story by story."""
    per_story = np.array([s.num_sentences for s in stories], dtype=np.int64)
    if not per_story.sum():
        return sentence_units([], [], params.min_unit_terms, first_story, params.windows)
    lengths = np.concatenate([np.diff(s.offsets) for s in stories]).astype(np.int64)
    terms = np.concatenate([s.terms for s in stories]).astype(np.uint32, copy=False)
    sentence = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    if len(common) and len(terms):
        pos = np.minimum(np.searchsorted(common, terms), len(common) - 1)
        keep = common[pos] != terms
        terms, sentence = terms[keep], sentence[keep]
        lengths = np.bincount(sentence, minlength=len(lengths)).astype(np.int64)
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    sig = sign_sentences(terms, offsets, params.num_perm, params.seed)
    counts = np.bincount(unique((sentence << 32) | terms.astype(np.int64)) >> 32, minlength=len(lengths))
    return _units(counts, per_story, sig, params.min_unit_terms, first_story, params.windows)


def sign_stories(stories: list[StoryTerms], params: MatchParams) -> list[np.ndarray]:
    """One MinHash per sentence of each story: ``(sentences, num_perm)`` arrays (pure)."""
    shingles = [shingle_arrays(t, params.shingle_size) for t in stories]
    return sign_many(shingles, params.num_perm, params.seed)


def lsh_keys(stories: list[StoryTerms], common: np.ndarray, params: MatchParams) -> tuple[Units, np.ndarray]:
    """Units of all stories and their LSH band keys, signed and banded chunk by chunk."""
    bands, rows = lsh_bands(params.lsh_threshold, params.num_perm)
    parts: list[tuple[Units, np.ndarray]] = []
    flat = params.shingle_size <= 1
    for start in range(0, len(stories), _FLAT_CHUNK if flat else _SIGN_CHUNK):
        if flat:
            units, sigs = signed_units(stories[start : start + _FLAT_CHUNK], common, params, start)
        else:
            chunk = [filtered(t, common) for t in stories[start : start + _SIGN_CHUNK]]
            units, sigs = sentence_units(chunk, sign_stories(chunk, params), params.min_unit_terms, start, params.windows)
        if len(units.story):
            parts.append((units, band_keys(sigs, bands, rows)))
    if not parts:
        empty = np.empty(0, dtype=np.int64)
        return Units(empty, empty, empty, empty), np.empty((0, bands), dtype=np.uint32)
    units = Units(*(np.concatenate([getattr(u, f) for u, _ in parts]) for f in ("story", "first", "last", "size")))
    return units, np.concatenate([k for _, k in parts])


def source_codes(stories: list[Story]) -> np.ndarray:
    """Who published each story, as a code: its outlet, else its document's top folder, else its document.

    Boilerplate is the same line on many pages of one source; syndicated text
    is carried by many sources (``candidates.syndication_filter``).
    """
    codes: dict[str, int] = {}
    return np.array([codes.setdefault(source_name(story), len(codes)) for story in stories], dtype=np.int64)


def source_name(story: Story) -> str:
    """The name ``source_codes`` codes: ``outlet:NAME``, ``path:FOLDER`` or the document (pure, per story)."""
    folder, _, rest = story.document.partition("/")
    return f"outlet:{story.outlet.strip().lower()}" if story.outlet else f"path:{folder}" if rest else story.document


def candidate_pairs(stories: list[StoryTerms], common: np.ndarray, params: MatchParams, stats: dict[str, Any],
                    sources: np.ndarray | None = None) -> tuple[np.ndarray, Units]:
    """LSH over sentence units: (candidate unit pairs from different stories, the units).

    A bucket larger than ``max_bucket`` is kept (as a star) when it holds
    syndicated text, judged with ``sources`` (one code per story; without them
    every story is its own source).
    """
    bands, rows = lsh_bands(params.lsh_threshold, params.num_perm)
    stats.update(lsh_bands=bands, lsh_rows=rows, common_terms=int(len(common)))
    units, keys = lsh_keys(stories, common, params)
    if len(units.story) < 2:
        return np.empty((0, 2), dtype=np.int64), units
    sources = np.arange(len(stories), dtype=np.int64) if sources is None else sources
    assert units.size is not None
    keep = syndication_filter(units.story, sources, units.size, min_terms=params.syndication_min_terms,
                              min_source_share=params.syndication_source_share)
    return candidate_sentence_pairs(keys, units.story, params.max_bucket, keep), units


def name_candidates(stories: list[StoryTerms], common: np.ndarray, params: MatchParams,
                    stats: dict[str, Any], sources: np.ndarray | None = None) -> np.ndarray:
    """Story pairs whose sets of name-like stems are similar (LSH over one MinHash per story).

    Accounts of one event written independently share few sentences but many
    names (people, places, figures); this catches the pairs the sentence LSH
    misses, so the clustering sees every account.  Returns ``(m, 2)`` story pairs.
    """
    if params.name_lsh_threshold <= 0 or len(stories) < 2:
        return np.empty((0, 2), dtype=np.int64)
    keep, keys, sizes = name_lsh(stories, common, params)
    stats.update(name_lsh_bands=keys.shape[1], name_lsh_rows=lsh_bands(params.name_lsh_threshold, params.num_perm)[1])
    if len(keep) < 2:
        return np.empty((0, 2), dtype=np.int64)
    sources = np.arange(len(stories), dtype=np.int64) if sources is None else sources
    large = syndication_filter(keep, sources, sizes, min_terms=params.syndication_min_terms,
                               min_source_share=params.syndication_source_share)
    # rows of the band keys are positions in ``keep``: the filter sees positions, owners map them to stories
    pairs = candidate_sentence_pairs(keys, keep, params.max_bucket, large)
    return keep[pairs]


def _name_sets(stories: list[StoryTerms], common: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each story's sorted distinct name-like stems less the common ones (``np.setdiff1d`` story by
    story, all at once): (the sets one after the other, their sizes)."""
    lengths = np.array([len(s.terms) for s in stories], dtype=np.int64)
    named = np.concatenate([s.names for s in stories]).astype(bool)
    terms = np.concatenate([s.terms for s in stories])[named].astype(np.int64)
    story = np.repeat(np.arange(len(stories), dtype=np.int64), lengths)[named]
    if len(common) and len(terms):
        pos = np.minimum(np.searchsorted(common, terms), len(common) - 1)
        rare = common[pos] != terms
        terms, story = terms[rare], story[rare]
    codes = unique((story << 32) | terms)
    return (codes & 0xFFFFFFFF).astype(np.uint32), np.bincount(codes >> 32, minlength=len(stories)).astype(np.int64)


def name_lsh(stories: list[StoryTerms], common: np.ndarray, params: MatchParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(story positions with ``min_shared_terms``+ name-like stems, their name LSH band keys, their counts of
    name-like stems): the per-story step of ``name_candidates`` (pure)."""
    sets = [_name_sets(stories[lo : lo + _FLAT_CHUNK], common) for lo in range(0, len(stories), _FLAT_CHUNK)]
    flat = np.concatenate([f for f, _ in sets]) if sets else np.empty(0, dtype=np.uint32)
    sizes = np.concatenate([z for _, z in sets]) if sets else np.empty(0, dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    sigs = sign_sentences(flat, offsets, params.num_perm, params.seed + 1)
    bands, rows = lsh_bands(params.name_lsh_threshold, params.num_perm)
    keep = np.flatnonzero(sizes >= params.min_shared_terms).astype(np.int64)
    return keep, band_keys(sigs[keep], bands, rows), sizes[keep]


def _event_title(members: list[Story]) -> str | None:
    by_date = sorted(members, key=lambda s: s.date or "9999-99-99")
    for story in by_date:
        if story.kind == "article" and story.title:
            return story.title
    for story in by_date:
        if story.title:
            return story.title
    for story in by_date:
        if story.sentences:
            text = story.sentences[0].text.strip()
            return text if len(text) <= 160 else text[:157].rstrip() + "..."
    return None


def link_scores(clusters: list[list[int]], scorer: Scorer) -> dict[tuple[int, int], tuple[float, float]]:
    """(score, cosine) of every member pair of every cluster, scored in one vectorised batch."""
    pairs = [(a, b) for cluster in clusters for x, a in enumerate(cluster) for b in cluster[x + 1 :]]
    if not pairs:
        return {}
    xs, ys = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    scores, cosines = scorer.pair_scores(xs, ys).tolist(), scorer.cosines(xs, ys).tolist()
    return dict(zip(pairs, zip(scores, cosines, strict=True), strict=True))


def _links(cluster: list[int], stories: list[Story], scorer: Scorer, terms: list[StoryTerms],
           params: MatchParams, scored: dict[tuple[int, int], tuple[float, float]]) -> list[StoryLink]:
    """Links between every two versions of an event (story numbers of the scorer; ``scored``: ``link_scores``)."""
    pairs = [(a, b) for x, a in enumerate(cluster) for b in cluster[x + 1 :]]
    if not pairs:
        return []
    grams = {k: trigram_set(terms[k]) for k in cluster}
    links = []
    for a, b in pairs:
        score, cosine = scored[(a, b)]
        ev = scorer.evidence.get((a, b))
        text_jaccard = jaccard(grams[a], grams[b])
        reprint = text_jaccard >= params.reprint_threshold
        links.append(StoryLink(
            a=stories[a].id, b=stories[b].id,
            relation="reprint" if reprint else "same_event",
            score=round(text_jaccard if reprint else score, 4),
            evidence={
                "matched_sentences": len(ev.matches) if ev else 0,
                "passage_evidence": round(ev.evidence, 4) if ev else 0.0,
                "cosine": round(cosine, 4),
                "date_gap_days": days_apart(stories[a].date, stories[b].date),
                "jaccard": round(text_jaccard, 4),
                "sentence_pairs": [[list(la), list(lb), round(sim, 3)] for la, lb, sim in ev.matches[:20]]
                if ev else [],
            },
        ))
    return links


def without_sentences(story: StoryTerms, drop: list[bool]) -> StoryTerms:
    """The story with the flagged sentences emptied (sentence numbering kept; pure)."""
    if not any(drop):
        return story
    keep = np.ones(len(story.terms), dtype=bool)
    for i, flagged in enumerate(drop):
        if flagged:
            keep[story.offsets[i] : story.offsets[i + 1]] = False
    kept = np.concatenate(([0], np.cumsum(keep)))
    return StoryTerms(story.terms[keep], kept[story.offsets].astype(np.int64), story.names[keep])


def furniture_flags(stories: list[Story], min_pages: int = 3) -> list[list[bool]]:
    """Per story, per sentence: is it its site's furniture (``families.site_furniture``)?  (pure)

    The rule of ``site_furniture`` (a sentence key on ``min_pages`` or more pages of one source and
    on no other source's page), vectorised: each key as a 62-bit hash (what the Dask engine's
    shuffle carries too), sorted by (key, source, page) once; no table of sentence texts is held."""
    per_story = np.array([len(s.sentences) for s in stories], dtype=np.int64)
    if not per_story.sum():
        return [[] for _ in stories]
    ids = np.fromiter((xxhash.xxh64_intdigest(k.encode("utf-8", "surrogatepass")) >> 2
                       for story in stories for k in sentence_keys(story)), dtype=np.int64, count=int(per_story.sum()))
    page = np.repeat(np.arange(len(stories), dtype=np.int64), per_story)
    source = source_codes(stories)[page]
    order = np.lexsort((page, source, ids))
    key, src, pg = ids[order], source[order], page[order]
    new_key = np.concatenate(([True], key[1:] != key[:-1]))
    group = np.cumsum(new_key) - 1
    new_source = new_key | np.concatenate(([True], src[1:] != src[:-1]))
    new_page = new_source | np.concatenate(([True], pg[1:] != pg[:-1]))
    sources_of = np.bincount(group, weights=new_source, minlength=int(group[-1]) + 1)
    pages_of = np.bincount(group, weights=new_page, minlength=int(group[-1]) + 1)
    flagged = np.empty(len(ids), dtype=bool)
    flagged[order] = ((sources_of == 1) & (pages_of >= min_pages))[group]
    return [part.tolist() for part in np.split(flagged, np.cumsum(per_story)[:-1])]


def flag_furniture(keys: Sequence[Sequence[Hashable]], sources: Sequence[int],
                   furniture: Collection[tuple[int, Hashable]]) -> list[list[bool]]:
    """Per story, per sentence key: is (its source, the key) in ``furniture``?  (pure)"""
    return [[(source, key) in furniture for key in story_keys] for story_keys, source in zip(keys, sources, strict=True)]


def reprint_families(stories: list[Story], terms: list[StoryTerms], params: MatchParams,
                     furniture: list[list[bool]] | None = None) -> list[Family]:
    """Near-identical copies, grouped around a representative (pure; families of 2+ stories only).

    Site furniture (the same line on many pages of one source) is left out of
    the comparison: two outlets' copies of one wire story differ by it, and it
    is no part of the story."""
    furniture = furniture if furniture is not None else furniture_flags(stories)
    shingles = story_shingles_many(terms, furniture)
    pairs = family_pairs(shingles, params.family_threshold, params.num_perm, params.seed + 2)
    documents = [s.document for s in stories]
    # items of one listing page are separate stories by construction, never copies of each other
    pairs = [p for p in pairs if documents[p[0]] != documents[p[1]]]
    return star_families(len(stories), copies_in_time(pairs, stories, params))


def copies_in_time(pairs: list[tuple[int, int, float]], stories: list[Story],
                   params: MatchParams) -> list[tuple[int, int, float]]:
    """The verified copy pairs ``(a, b, similarity)`` whose stories were published at most ``date_apart_days``
    apart (pairs with an undated story kept; pure).  A near-copy of a text published weeks later is
    another event told from one template (an agency's automated earthquake bulletin), not a reprint."""
    if params.date_apart_days <= 0:
        return pairs
    day: dict[int, float] = {}
    for k in {k for a, b, _ in pairs for k in (a, b)}:
        day[k] = _ordinal(stories[k].date)
    # NaN (an undated story) compares False: kept
    return [(a, b, sim) for a, b, sim in pairs if not abs(day[a] - day[b]) > params.date_apart_days]


def _family_links(families: list[Family], stories: list[Story]) -> list[StoryLink]:
    """One ``reprint`` link from each family member to its representative (score: trigram Jaccard)."""
    links = []
    for family in families:
        for member, sim in family.members:
            a, b = sorted((family.representative, member))
            links.append(StoryLink(
                a=stories[a].id, b=stories[b].id, relation="reprint", score=round(sim, 4),
                evidence={"reprint_family": stories[family.representative].id, "jaccard": round(sim, 4),
                          "date_gap_days": days_apart(stories[a].date, stories[b].date)},
            ))
    return links


def _family_records(family: Family, stories: list[Story], keys: dict[int, list[Any]]) -> ReprintFamily:
    rep = family.representative
    return ReprintFamily(
        representative=stories[rep].id,
        members=[
            FamilyMember(story=stories[m].id, similarity=round(sim, 4),
                         edits=member_edits(stories[rep], keys[rep], stories[m], keys[m]))
            for m, sim in family.members
        ],
    )


def edit_keys(stories: list[Story], furniture: list[list[bool]], families: list[Family]) -> dict[int, list[Any]]:
    """Sentence keys of every family story; site furniture and the title sentence are None (left out of
    the diff; a new headline is an edit of its own)."""
    return {k: [None if skip or sentence.role == "title" else key
                for key, skip, sentence in zip(sentence_keys(stories[k]), furniture[k], stories[k].sentences, strict=True)]
            for f in families for k in f.stories}


def cluster_events(clusters: list[list[int]], versions: list[int], stories: list[Story], families: list[Family],
                   scorer: Scorer, terms: list[StoryTerms], furniture: list[list[bool]],
                   params: MatchParams) -> list[tuple[list[int], Event]]:
    """The events of some clusters of versions (ids left empty), each with all its stories' numbers.

    ``clusters`` hold version numbers (positions in ``versions``, the scorer's and ``terms``'
    numbering); ``versions``, ``families`` and the returned numbers index ``stories``; a
    family's copies join their representative's event.  Pure: a distributed engine calls it
    per group of whole candidate-graph components (compare.engine)."""
    family_of = {f.representative: f for f in families}
    keys = edit_keys(stories, furniture, families)
    version_stories = [stories[k] for k in versions]
    link_scored = link_scores([c for c in clusters if len(c) > 1], scorer)
    out = []
    for cluster in clusters:
        everyone = sorted(k for v in cluster for k in (family_of[versions[v]].stories if versions[v] in family_of
                                                          else [versions[v]]))
        members = [stories[k] for k in everyone]
        dated = sorted(s.date for s in members if s.date)
        in_event = [family_of[versions[v]] for v in cluster if versions[v] in family_of]
        links = _links(cluster, version_stories, scorer, terms, params, link_scored) + _family_links(in_event, stories)
        out.append((everyone, Event(
            id="", stories=[s.id for s in members], title=_event_title(members),
            date=dated[0] if dated else None, links=links,
            families=sorted((_family_records(f, stories, keys) for f in in_event), key=lambda f: f.representative),
        )))
    return out


def event_order(everyone: list[int], stories: list[Story]) -> tuple[str, int]:
    """Where an event of these stories (sorted numbers) comes in the report: first date, then first story."""
    dated = [d for k in everyone if (d := stories[k].date)]
    return (min(dated) if dated else "9999-99-99", everyone[0])


def group_events(
    stories: list[Story],
    params: MatchParams,
    index_dir: Path | None = None,
    stats: dict[str, Any] | None = None,
) -> list[Event]:
    """Group stories into events: every story in exactly one event, ids e1, e2, ... .

    Near-identical copies are first found as reprint families.  Every story
    is then matched, with document frequencies counted over distinct texts
    (a family counts once, so a wire story's words do not turn "common" by
    being carried 60 times) and large LSH buckets kept when they hold
    syndicated text; a family always lands whole in its representative's
    event.  Links are given between distinct versions (family
    representatives and stories in no family) and from each copy to its
    representative.
    """
    _check(params)
    stats = stats if stats is not None else {}
    clock = StageClock(stats)
    all_terms = _load_or_tokenise(stories, index_dir, stats)
    clock("terms")
    furniture = furniture_flags(stories)
    families = reprint_families(stories, all_terms, params, furniture)
    clock("families")
    family_of = {f.representative: f for f in families}
    copy_of = {m: f.representative for f in families for m, _ in f.members}
    versions = [k for k in range(len(stories)) if k not in copy_of]  # distinct texts: what is matched
    version_stories = [stories[k] for k in versions]
    # site furniture is no evidence that two pages tell one story: matched without it
    terms = [without_sentences(all_terms[k], furniture[k]) for k in versions]
    # idf counts every story (as if the families were not collapsed); which stems are too common to sign
    # is counted over distinct texts: a wire story's words do not turn "common" by being carried 60 times
    vocabulary = Vocabulary(all_terms)
    scorer = Scorer(version_stories, terms, {}, params, vocabulary)
    # with no copies and no furniture the distinct texts are the stories: the same vocabulary
    same = len(terms) == len(all_terms) and all(t is a for t, a in zip(terms, all_terms, strict=True))
    common = common_terms(vocabulary if same else Vocabulary(terms), len(terms), params)
    sources = source_codes(version_stories)
    clock("vocabulary")
    pairs, units = candidate_pairs(terms, common, params, stats, sources)
    clock("lsh")
    stats["candidate_sentence_pairs"] = int(len(pairs))
    pairs = pairs_to_verify(pairs, units)  # each array is dropped once its last step is done: what bounds the peak
    scored = score_unit_pairs(pairs, units, scorer.features, prepared=True)
    del pairs
    evidence = evidence_from_scores(scored, units, sentence_threshold=params.sentence_threshold,
                                    min_shared_terms=params.min_shared_terms)
    scorer.features.release()
    clock("verify")
    cross = cross_language_pairs(version_stories, stats)  # accounts in different languages (compare.lang)
    for (a, b), found in cross.items():
        evidence.setdefault((a, b), PairEvidence(a, b, found.matches, found.weights, found.name_evidence))
    scorer.set_evidence(dict(sorted(evidence.items())) if cross else evidence)  # evidence_from_scores' are sorted
    named = name_candidates(terms, common, params, stats, sources)
    stats["name_candidate_pairs"] = int(len(named))
    story_pairs = np.concatenate([scored.story_pairs(units, params.candidate_floor, params.candidate_weak_top), named.reshape(-1, 2),
                                  np.array(list(evidence), dtype=np.int64).reshape(-1, 2)])
    del scored, units, named
    n_versions = max(len(versions), 1)
    pair_codes = unique(story_pairs[:, 0] * n_versions + story_pairs[:, 1])  # sorted by (a, b), as np.unique(axis=0)
    ordered_pairs = np.stack([pair_codes // n_versions, pair_codes % n_versions], axis=1)
    clock("name_lsh")
    # a representative stands for every copy of its family in the cluster averages
    weights = np.array([float(len(family_of[k].stories)) if k in family_of else 1.0 for k in versions])
    scorer.weight = weights
    clusters = cluster_by_components(len(versions), ordered_pairs,
                                     scorer.pair_scores(ordered_pairs[:, 0], ordered_pairs[:, 1]),
                                     scorer.pair_scores, params.verify_threshold, weights)
    stats.update(candidate_pairs=int(len(ordered_pairs)),
                 reprint_families=len(families), distinct_texts=len(versions))
    clock("cluster")
    built = cluster_events(clusters, versions, stories, families, scorer, terms, furniture, params)
    events = []
    for n, (_, event) in enumerate(sorted(built, key=lambda item: event_order(item[0], stories)), 1):
        event.id = f"e{n}"
        events.append(event)
    stats.update(events=len(events), multi_story_events=sum(1 for e in events if len(e.stories) > 1))
    clock("events")
    return events


class StageClock:
    """Wall and CPU seconds (this process and its finished workers) of each stage, into
    ``stats["stage_seconds"][name] = [wall, cpu]``, and the resident memory at its end and the peak so
    far, ``stats["stage_memory_mb"][name] = [now, peak]`` (run information: kept out of report.json)."""

    def __init__(self, stats: dict[str, Any]):
        self.seconds: dict[str, list[float]] = stats.setdefault("stage_seconds", {})
        self.memory: dict[str, list[float]] = stats.setdefault("stage_memory_mb", {})
        self.last = self.now()

    @staticmethod
    def now() -> tuple[float, float]:
        t = os.times()
        return time.perf_counter(), t.user + t.system + t.children_user + t.children_system

    def __call__(self, name: str) -> None:
        now = self.now()
        self.seconds[name] = [round(now[0] - self.last[0], 3), round(now[1] - self.last[1], 3)]
        self.memory[name] = [round(_rss_mb(), 1), round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)]
        self.last = now


def _rss_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0
