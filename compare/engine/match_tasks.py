"""Matching as partition functions: ``compare.match.group_events`` cut where a cluster cuts it.

No Dask here: plain records in, plain records out (numpy tables, dicts), so any engine that
maps a function over partitions and routes rows by key can run them.  Every step calls the
stage functions of ``compare.match`` and gives the embedded run's events to the byte
(tests/test_engine_dask.py); ``compare.engine.dask_engine`` wires the steps into tasks.
Stories keep their corpus-wide numbers (document order, as ``group_events`` numbers them),
so ties break as in the embedded run.

1. ``terms_part``: stories -> hashed stems, read from / written to the shared index;
2. ``furniture_part`` / ``furniture_bucket``: per sentence key, on how many pages of which
   source (shuffled by key) -> site furniture; ``flags_part``: each story's furniture flags;
3. ``family_part`` -> ``family_bucket`` -> ``family_verify``: reprint-family LSH rows shuffled
   on band keys, candidate copies shuffled by story pair, verified (trigram Jaccard);
4. ``vocab_part`` / ``merge_vocab``: document frequencies (all stories; distinct texts);
5. ``lsh_part`` -> ``candidates_part`` -> ``attach_part`` -> ``verify_part``: sentence-unit and
   story-name LSH rows shuffled on band keys; candidate pairs shuffled by the partition of their
   first story, which attaches that story's needed sentences; then by the partition of their
   second story, where the pair is scored (a two-step join: each task reads one partition's stems);
6. ``components_part`` / ``merge_components``: connected components of the candidate graph;
7. ``route_part`` -> ``cluster_part``: the exact average-link per group of whole components.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import xxhash
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from compare.config import MatchParams
from compare.engine.stores import fetch_terms, shared_store
from compare.index import SignedStory
from compare.lang.crosslingual import CrossEvidence
from compare.match import (
    Scorer,
    cluster_events,
    event_order,
    flag_furniture,
    lsh_keys,
    name_lsh,
    source_name,
    without_sentences,
)
from compare.match.candidates import candidate_sentence_pairs, every_bucket, syndication_filter
from compare.match.cluster import cluster_by_components
from compare.match.eventdate import stated_day
from compare.match.families import (
    Family,
    add_page_counts,
    family_lsh,
    furniture_from_counts,
    furniture_page_counts,
    sentence_keys,
    story_shingles,
    verified_copies,
)
from compare.match.shingles import StoryTerms, story_key, story_terms
from compare.match.verify import (
    PairEvidence,
    StoryFeatures,
    Units,
    Vocabulary,
    evidence_from_scores,
    score_unit_pairs,
    top_weak,
)
from compare.model import Event, Story

Flags = dict[int, list[bool]]  # story number -> its sentences' furniture flags (stories with any flag only)

# A sentence unit (a sentence, or a window of two) as one int64 whose order is ``sentence_units``'
# (story, then single sentences before windows, then first sentence): story, width, first sentence.
_SENTENCE_BITS = 24
NAME_BAND = 1 << 16  # name LSH bands are numbered from here in the shuffled rows; sentence bands below
_EMPTY_PAIRS = np.empty((0, 2), dtype=np.int64)
_NO_TERMS = StoryTerms(np.empty(0, np.uint32), np.zeros(1, np.int64), np.empty(0, np.uint8))


def unit_code(story: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    width = (last - first).astype(np.int64)
    return (story.astype(np.int64) << (_SENTENCE_BITS + 1)) | (width << _SENTENCE_BITS) | first.astype(np.int64)


def unit_parts(codes: np.ndarray) -> Units:
    first = codes & ((1 << _SENTENCE_BITS) - 1)
    return Units(codes >> (_SENTENCE_BITS + 1), first, first + ((codes >> _SENTENCE_BITS) & 1))


def source_id(story: Story) -> int:
    """``compare.match.source_name`` as a number (equal names, equal numbers: all the rules compare)."""
    return xxhash.xxh64_intdigest(source_name(story).encode("utf-8", "surrogatepass")) >> 2


def _hash_id(text: str) -> int:
    return xxhash.xxh64_intdigest(text.encode("utf-8", "surrogatepass")) >> 2


def _bucket_of(values: np.ndarray, buckets: int, salt: int) -> np.ndarray:
    mixed = values.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) ^ np.uint64(salt)
    return ((mixed >> np.uint64(17)) % np.uint64(buckets)).astype(np.int64)


def _split(table: np.ndarray, target: np.ndarray, buckets: int) -> list[np.ndarray]:
    order = np.argsort(target, kind="stable")
    bounds = np.searchsorted(target[order], np.arange(buckets + 1))
    return [table[order[bounds[b] : bounds[b + 1]]] for b in range(buckets)]


class Wrapped:
    """A driver-side value carried in a task's spec as one opaque object (Dask does not walk into it)."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


def unwrap(wrapped: Wrapped) -> Any:
    return wrapped.value


def pick(parts: list[Any], index: int) -> Any:
    """One output bucket of a partition's split (the shuffle's transfer unit)."""
    return parts[index]


def _terms_of(row: SignedStory) -> StoryTerms:
    return StoryTerms(row.terms, row.offsets, row.names)


def _stored_terms(stories: list[int], keys: Sequence[str] | Mapping[int, str], store: str | None) -> dict[int, StoryTerms]:
    rows = fetch_terms(shared_store(store), (keys[s] for s in stories))
    return {s: _terms_of(rows[keys[s]]) for s in stories}


def array_bytes(*arrays: np.ndarray) -> int:
    return sum(a.nbytes + 112 for a in arrays)


def terms_bytes(terms: Sequence[StoryTerms]) -> int:
    """What a list of StoryTerms takes in memory (three small arrays and an object each)."""
    return sum(t.terms.nbytes + t.offsets.nbytes + t.names.nbytes + 400 for t in terms)


def evidence_bytes(evidence: Mapping[tuple[int, int], PairEvidence]) -> int:
    """What passage evidence takes in memory (a rough count of its objects: Dask spills by it)."""
    return sum(300 + 250 * len(ev.matches) for ev in evidence.values())


# -- 1. stems and the shared index -----------------------------------------------------------------

@dataclass(slots=True)
class TermsPart:
    """A partition's stories as the matching steps need them: hashed stems, shared-index keys and
    the few per-story numbers the shuffles carry (so the Story objects can be let go after this step)."""

    terms: list[StoryTerms]
    keys: list[str]
    signed: int
    reused: int
    warning: str | None
    sentence_ids: np.ndarray  # int64: ``_sentence_ids`` of every story, one after the other
    id_offsets: np.ndarray  # int64: story i's ids are sentence_ids[id_offsets[i]:id_offsets[i + 1]]
    sources: np.ndarray  # int64: ``source_id`` of every story
    documents: np.ndarray  # int64: a hash of every story's document path
    columns: StoryColumns  # what scoring a pair needs of each story beyond its stems

    def sentence_ids_of(self, story: int) -> list[int]:
        return self.sentence_ids[self.id_offsets[story] : self.id_offsets[story + 1]].tolist()

    def __sizeof__(self) -> int:  # what Dask counts (and spills by): the arrays, not the object's shell
        return terms_bytes(self.terms) + sum(len(k) + 49 for k in self.keys) + array_bytes(
            self.sentence_ids, self.id_offsets, self.sources, self.documents) + self.columns.__sizeof__()


@dataclass(slots=True)
class StoryColumns:
    """Per story of a partition, what ``Scorer.pair_scores`` reads of it beyond its stems: its date, its
    document (a hash: only equality counts) and the day its lead states (``eventdate.stated_day``, read
    where the Story is; NaN when none), so pairs are scored where the Story objects are not."""

    first: int  # the partition's first story number
    dates: list[str | None]
    documents: np.ndarray  # int64
    stated: np.ndarray  # float64 ordinal, NaN: none

    def of(self, stories: Sequence[int]) -> tuple[list[str | None], list[int], list[float]]:
        at = [k - self.first for k in stories]
        return [self.dates[i] for i in at], self.documents[at].tolist(), self.stated[at].tolist()

    def __sizeof__(self) -> int:
        return array_bytes(self.documents, self.stated) + sum(60 + len(d or "") for d in self.dates)


def terms_part(stories: list[Story], store: str | None, fingerprint: str, first_story: int = 0) -> TermsPart:
    """Every story's hashed stems: from the shared index when its text was seen before, else
    computed (``shingles.story_terms``) and stored (``group_events``' ``_load_or_tokenise``)."""
    keys = [story_key(s, fingerprint) for s in stories]
    index = shared_store(store)
    found = index.get_many(sorted(set(keys)))
    first = {k: i for i, k in reversed(list(enumerate(keys)))}
    missing = sorted(k for k in first if k not in found)
    fresh = {k: story_terms(stories[first[k]]) for k in missing}
    index.put_many({k: SignedStory(t.terms, t.offsets, t.names) for k, t in fresh.items()})
    terms = {k: _terms_of(v) for k, v in found.items()}
    terms.update(fresh)
    ids = [_sentence_ids(s) for s in stories]
    documents = np.array([_hash_id(s.document) for s in stories], dtype=np.int64)
    stated = [stated_day(s) for s in stories]
    columns = StoryColumns(first_story, [s.date for s in stories], documents,
                           np.array([d.toordinal() if d is not None else np.nan for d in stated], dtype=np.float64))
    return TermsPart([terms[k] for k in keys], keys, len(missing), sum(1 for k in keys if k in found), index.warning,
                     np.array([i for story_ids in ids for i in story_ids], dtype=np.int64),
                     np.cumsum([0] + [len(x) for x in ids]).astype(np.int64),
                     np.array([source_id(s) for s in stories], dtype=np.int64), documents, columns)


def columns_of(part: TermsPart) -> StoryColumns:
    return part.columns


def keys_of(part: TermsPart) -> list[str]:
    return part.keys


def signing_of(part: TermsPart) -> tuple[int, int, str | None]:
    return part.signed, part.reused, part.warning


# -- 2. site furniture -------------------------------------------------------------------------------

def _sentence_ids(story: Story) -> list[int]:
    """``families.sentence_keys`` as 62-bit hashes (what the shuffle carries instead of the text)."""
    return [_hash_id(key) for key in sentence_keys(story)]


def furniture_part(part: TermsPart, buckets: int) -> list[dict[Hashable, dict[int, int]]]:
    """Page counts per (sentence key, source) of some stories, split by key into the shuffle's buckets."""
    counts = furniture_page_counts([part.sentence_ids_of(i) for i in range(len(part.keys))], part.sources.tolist())
    out: list[dict[Hashable, dict[int, int]]] = [{} for _ in range(buckets)]
    for key, per_source in counts.items():
        out[int(cast(int, key)) % buckets][key] = per_source
    return out


def furniture_bucket(pieces: list[dict[Hashable, dict[int, int]]]) -> set[tuple[int, Hashable]]:
    """Site furniture among the sentence keys of one bucket (every page of them counted)."""
    return furniture_from_counts(add_page_counts(*pieces))


def union(*parts: set[Any]) -> set[Any]:
    return set().union(*parts)


def flags_part(part: TermsPart, first_story: int, furniture: set[tuple[int, Hashable]]) -> Flags:
    """Furniture flags of the stories that carry any (``match.flag_furniture``)."""
    flags = flag_furniture([part.sentence_ids_of(i) for i in range(len(part.keys))], part.sources.tolist(), furniture)
    return {k: f for k, f in enumerate(flags, first_story) if any(f)}


def merge_dicts(*parts: dict[Any, Any]) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for part in parts:
        out.update(part)
    return out


# -- 3. reprint families ---------------------------------------------------------------------------

def family_part(part: TermsPart, first_story: int, flags: Flags, params: MatchParams, buckets: int) -> list[np.ndarray]:
    """Reprint-family LSH rows ``(band key, story, document)`` of some stories (``families.family_lsh`` over
    ``story_shingles`` without site furniture), split by band key into the shuffle's buckets."""
    shingles = [story_shingles(t, flags.get(k)) for k, t in enumerate(part.terms, first_story)]
    keep, keys = family_lsh(shingles, params.family_threshold, params.num_perm, params.seed + 2)
    if not len(keep):
        return [np.empty((0, 3), dtype=np.int64) for _ in range(buckets)]
    bands = keys.shape[1]
    band_key = (np.arange(bands, dtype=np.int64)[None, :] << 32) | keys.astype(np.int64)
    documents = part.documents[keep]
    table = np.stack([band_key.ravel(), np.repeat(keep + first_story, bands), np.repeat(documents, bands)], axis=1)
    return _split(table, _bucket_of(table[:, 0], buckets, 1), buckets)


def family_bucket(pieces: list[np.ndarray], buckets: int) -> list[np.ndarray]:
    """Candidate copies of one bucket's band keys (every bucket a star, as ``families.family_pairs``), from
    different documents, split by story pair for verification."""
    table = np.concatenate(pieces) if pieces else np.empty((0, 3), dtype=np.int64)
    table = table[np.lexsort((table[:, 1], table[:, 0]))]
    pairs = candidate_sentence_pairs(table[:, :1], table[:, 1], max_bucket=0, keep_large=every_bucket)
    # items of one listing page are separate stories by construction, never copies (``reprint_families``)
    pairs = pairs[table[pairs[:, 0], 2] != table[pairs[:, 1], 2]]
    stories = np.sort(table[:, 1][pairs], axis=1) if len(pairs) else _EMPTY_PAIRS
    return _split(stories, _bucket_of(stories[:, 0] * 1_000_003 + stories[:, 1], buckets, 2), buckets)


def family_verify(pieces: list[np.ndarray], keys: list[str], store: str | None, flags: Flags,
                  params: MatchParams) -> list[tuple[int, int, float]]:
    """Verified copies ``(a, b, trigram Jaccard)`` among some candidate pairs (``families.verified_copies``)."""
    pairs = np.unique(np.concatenate(pieces), axis=0) if pieces else _EMPTY_PAIRS
    if not len(pairs):
        return []
    terms = _stored_terms(sorted(set(pairs.ravel().tolist())), keys, store)
    shingles = {k: story_shingles(t, flags.get(k)) for k, t in terms.items()}
    return verified_copies([(a, b) for a, b in pairs.tolist()], shingles, params.family_threshold)


# -- 4. the vocabulary -------------------------------------------------------------------------------

def vocab_part(part: TermsPart, first_story: int, copies: frozenset[int], flags: Flags) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct terms, (n, 2) counts): stories with the term (every story, all its terms: the
    scorer's idf), distinct texts with it once site furniture is left out (what ``common_terms`` counts)."""
    whole = [np.unique(t.terms) for t in part.terms]
    matched = [np.unique(without_sentences(t, flags[k]).terms if k in flags else t.terms)
               for k, t in enumerate(part.terms, first_story) if k not in copies]
    return merge_vocab(_counted(whole, 0), _counted(matched, 1))


def _counted(distinct: list[np.ndarray], column: int) -> tuple[np.ndarray, np.ndarray]:
    flat = np.concatenate(distinct) if distinct else np.empty(0, dtype=np.uint32)
    terms, df = np.unique(flat.astype(np.uint32), return_counts=True)
    counts = np.zeros((len(terms), 2), dtype=np.int64)
    counts[:, column] = df
    return terms, counts


def merge_vocab(*parts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Sum the counts of partial vocabularies."""
    terms = np.concatenate([p[0] for p in parts]).astype(np.uint32)
    counts = np.concatenate([p[1] for p in parts]).reshape(-1, 2)
    merged, inverse = np.unique(terms, return_inverse=True)
    total = np.zeros((len(merged), 2), dtype=np.int64)
    np.add.at(total, inverse, counts)
    return merged, total


# -- 5. candidates and verification --------------------------------------------------------------------

def _version_terms(part: TermsPart, first_story: int, copies: frozenset[int], flags: Flags) -> tuple[list[int], list[StoryTerms]]:
    numbers = [k for k in range(first_story, first_story + len(part.terms)) if k not in copies]
    return numbers, [without_sentences(part.terms[k - first_story], flags[k]) if k in flags
                     else part.terms[k - first_story] for k in numbers]


@dataclass(slots=True)
class LshPart:
    """A partition's LSH band keys, compact: one row per sentence unit (or story name) with its keys in every
    band (uint32), and the columns each shuffled row carries (order, story, size, source).  The rows of the
    band-key shuffle (one per unit and band, 40 bytes: ~20 KB a story) are made from it a wave of buckets at a
    time (``lsh_rows_part``), so they never all exist at once."""

    unit_keys: np.ndarray  # (units, bands) uint32
    unit_columns: np.ndarray  # (units, 4) int64: unit_code, story, distinct stems, source
    name_keys: np.ndarray  # (names, name bands) uint32
    name_columns: np.ndarray  # (names, 4) int64: story, story, name-like stems, source

    def rows(self) -> int:
        """How many shuffled rows the partition makes (every band of every unit and name)."""
        return self.unit_keys.size + self.name_keys.size

    def __sizeof__(self) -> int:
        return array_bytes(self.unit_keys, self.unit_columns, self.name_keys, self.name_columns)


def lsh_part(part: TermsPart, first_story: int, copies: frozenset[int], flags: Flags, common: np.ndarray,
             params: MatchParams) -> LshPart:
    """The LSH band keys of some distinct texts' sentence units (``match.lsh_keys``, site furniture left
    out; order = ``unit_code``, size = the unit's distinct stems) and story names (``match.name_lsh``;
    order = story, size = its name-like stems)."""
    numbers, terms = _version_terms(part, first_story, copies, flags)
    story_of = np.array(numbers, dtype=np.int64)
    sources = part.sources[story_of - first_story] if numbers else np.empty(0, dtype=np.int64)
    unit_keys, unit_columns = np.empty((0, 0), dtype=np.uint32), np.empty((0, 4), dtype=np.int64)
    name_keys, name_columns = np.empty((0, 0), dtype=np.uint32), np.empty((0, 4), dtype=np.int64)
    if numbers:
        units, keys = lsh_keys(terms, common, params)
        if len(units.story):
            assert units.size is not None
            unit_keys = keys
            unit_columns = np.stack([unit_code(story_of[units.story], units.first, units.last), story_of[units.story],
                                     np.asarray(units.size, dtype=np.int64), sources[units.story]], axis=1)
        if params.name_lsh_threshold > 0:
            keep, found, sizes = name_lsh(terms, common, params)
            if len(keep):
                name_keys = found
                name_columns = np.stack([story_of[keep], story_of[keep], np.asarray(sizes, dtype=np.int64), sources[keep]],
                                        axis=1)
    return LshPart(unit_keys, unit_columns, name_keys, name_columns)


def lsh_row_count(part: LshPart) -> int:
    return part.rows()


def lsh_rows_part(part: LshPart, lo: int, hi: int, buckets: int) -> list[np.ndarray]:
    """The shuffled rows ``(band key, order, story, size, source)`` of a partition whose band key falls in
    buckets ``lo``..``hi - 1`` of ``buckets``, split into those buckets (one wave of the band-key shuffle)."""
    out = []
    for keys, columns, first_band in ((part.unit_keys, part.unit_columns, 0), (part.name_keys, part.name_columns, NAME_BAND)):
        if not keys.size:
            continue
        band_key = ((first_band + np.arange(keys.shape[1], dtype=np.int64))[None, :] << 32) | keys.astype(np.int64)
        target = _bucket_of(band_key, buckets, 3)
        unit, band = np.nonzero((target >= lo) & (target < hi))
        out.append((np.concatenate([band_key[unit, band][:, None], columns[unit]], axis=1), target[unit, band] - lo))
    table = np.concatenate([t for t, _ in out]) if out else np.empty((0, 5), dtype=np.int64)
    target = np.concatenate([b for _, b in out]) if out else np.empty(0, dtype=np.int64)
    return _split(table, target, hi - lo)


def candidates_part(pieces: list[np.ndarray], params: MatchParams, firsts: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every LSH bucket of one shuffle bucket's band keys -> candidate pairs, split by story pair.

    ``candidates.candidate_sentence_pairs`` per kind of row, with the large buckets that
    ``candidates.syndication_filter`` finds syndicated kept as stars (the rows sorted as the
    embedded run orders its units, so a star has the same centre).  Returns, per partition of
    the first story, the unit pairs (``unit_code`` pairs, story(a) < story(b)) and name story
    pairs a < b (``attach_part`` takes them on)."""
    table = np.concatenate(pieces) if pieces else np.empty((0, 5), dtype=np.int64)
    table = table[np.lexsort((table[:, 1], table[:, 0]))]
    is_name = (table[:, 0] >> 32) >= NAME_BAND
    found = []
    for rows in (table[~is_name], table[is_name]):
        if len(rows) < 2:
            found.append(_EMPTY_PAIRS)
            continue
        stories, local = np.unique(rows[:, 2], return_inverse=True)
        source = np.zeros(len(stories), dtype=np.int64)
        source[local] = np.unique(rows[:, 4], return_inverse=True)[1]
        large = syndication_filter(local.astype(np.int64), source, rows[:, 3], min_terms=params.syndication_min_terms,
                                   min_source_share=params.syndication_source_share)
        pairs = candidate_sentence_pairs(rows[:, :1], rows[:, 2], params.max_bucket, large)
        a, b = rows[pairs[:, 0], 1], rows[pairs[:, 1], 1]
        swap = rows[pairs[:, 0], 2] > rows[pairs[:, 1], 2]
        found.append(np.unique(np.stack([np.where(swap, b, a), np.where(swap, a, b)], axis=1), axis=0))
    units, names = found
    shift = _SENTENCE_BITS + 1
    unit_target = partition_of(units[:, 0] >> shift, firsts)
    name_target = partition_of(names[:, 0], firsts)
    return list(zip(_split(units, unit_target, len(firsts)), _split(names, name_target, len(firsts)), strict=True))


def partition_of(story: np.ndarray, firsts: Sequence[int]) -> np.ndarray:
    """The partition each story number is in (``firsts``: each partition's first story number)."""
    return np.searchsorted(np.asarray(firsts, dtype=np.int64), story, side="right").astype(np.int64) - 1


@dataclass(slots=True)
class Attached:
    """Candidate pairs of some second stories, with what the pairs need of their first stories."""

    unit_pairs: np.ndarray  # unit_code pairs, story(a) < story(b)
    name_pairs: np.ndarray  # story pairs a < b
    cross_pairs: np.ndarray  # story pairs a < b of accounts in different languages (evidence from the driver)
    first_terms: dict[int, StoryTerms]  # first stories' stems, site furniture emptied (whole: the cosine reads them)
    first_columns: dict[int, tuple[str | None, int, float]]  # first stories' date, document, stated day

    def __sizeof__(self) -> int:
        return (array_bytes(self.unit_pairs, self.name_pairs, self.cross_pairs)
                + terms_bytes(list(self.first_terms.values())) + 120 * len(self.first_columns))


def _stacked(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """Distinct rows of some (n, 2) pair arrays, sorted."""
    found = [a.reshape(-1, 2) for a in arrays]
    return np.unique(np.concatenate(found), axis=0) if found else _EMPTY_PAIRS


def attach_part(pieces: list[tuple[np.ndarray, np.ndarray]], keys: list[str], store: str | None, flags: Flags,
                firsts: Sequence[int], columns: StoryColumns, cross_pairs: np.ndarray) -> list[Attached]:
    """First step of the verification join, for the candidate pairs whose first story is in one
    partition (sentence-unit pairs, name pairs, pairs in different languages): read that partition's
    stems, attach each first story's stems (furniture emptied, numbering kept: the scores are
    unchanged) and scoring columns, and split the pairs by the partition of their second story."""
    units = _stacked([p[0] for p in pieces])
    names = _stacked([p[1] for p in pieces])
    cross = _stacked([cross_pairs])
    shift = _SENTENCE_BITS + 1
    needed = sorted(set((units[:, 0] >> shift).tolist()) | set(names[:, 0].tolist()) | set(cross[:, 0].tolist()))
    stored = _stored_terms(needed, keys, store) if needed else {}
    kept = {k: without_sentences(t, flags[k]) if k in flags else t for k, t in stored.items()}
    found = dict(zip(needed, zip(*columns.of(needed), strict=True), strict=True)) if needed else {}
    buckets = len(firsts)
    out = []
    for unit_pairs, name_pairs, cross_part in zip(_split(units, partition_of(units[:, 1] >> shift, firsts), buckets),
                                                  _split(names, partition_of(names[:, 1], firsts), buckets),
                                                  _split(cross, partition_of(cross[:, 1], firsts), buckets), strict=True):
        wanted = sorted(set((unit_pairs[:, 0] >> shift).tolist()) | set(name_pairs[:, 0].tolist())
                        | set(cross_part[:, 0].tolist()))
        out.append(Attached(unit_pairs, name_pairs, cross_part, {k: kept[k] for k in wanted}, {k: found[k] for k in wanted}))
    return out


@dataclass(slots=True)
class Verified:
    """The candidate story pairs whose second story is in one partition, verified and scored."""

    evidence: dict[tuple[int, int], PairEvidence]  # by story numbers a < b: sentence matches, accounts in other languages
    strong: np.ndarray  # (m, 2) pairs a < b that are candidates whatever the ranking: a unit pair at the floor, names, evidence
    weak: np.ndarray  # (w, 2) pairs a < b with unit pairs below the floor (``UnitPairScores.weak_pairs``) ...
    weak_weight: np.ndarray  # ... and their summed similarity: ranked per story by ``rank_part``
    pairs: np.ndarray  # (s, 2) the strong and weak pairs, sorted ...
    scores: np.ndarray  # ... and their scores (``Scorer.pair_scores``): what the candidate graph is cut by
    unit_pairs: int
    name_pairs: int

    def __sizeof__(self) -> int:
        return array_bytes(self.strong, self.weak, self.weak_weight, self.pairs, self.scores) + evidence_bytes(self.evidence)


class _Dated:
    """What ``Scorer`` reads of a story beyond its stems (its date and document), without the Story."""

    __slots__ = ("date", "document")

    def __init__(self, date: str | None, document: str):
        self.date, self.document = date, document


def column_scorer(columns: Sequence[tuple[str | None, int, float]], terms: list[StoryTerms],
                  evidence: dict[tuple[int, int], PairEvidence], params: MatchParams, vocab: Vocabulary) -> Scorer:
    """``match.Scorer`` over stories known by their ``StoryColumns`` (date, document hash, stated day read
    where the Story was) instead of Story objects: the same scores."""
    scorer = Scorer(cast(list[Story], [_Dated(date, str(document)) for date, document, _ in columns]),
                    terms, evidence, params, vocab)
    stated = np.array([day for _, _, day in columns], dtype=np.float64)
    scorer.stated_day = np.where(np.isnan(stated), scorer.day, stated)
    scorer._stated_read[:] = True  # every stated day is known (``eventdate.stated_day``, in ``terms_part``)
    return scorer


def score_pairs(pairs: np.ndarray, terms: Mapping[int, StoryTerms], columns: Mapping[int, tuple[str | None, int, float]],
                evidence: Mapping[tuple[int, int], PairEvidence], params: MatchParams, vocab: Vocabulary) -> np.ndarray:
    """``Scorer.pair_scores`` of some story pairs (story numbers; ``evidence`` holds every pair's that has any)."""
    if not len(pairs):
        return np.empty(0)
    stories = np.unique(pairs)
    numbers = stories.tolist()
    local = np.searchsorted(stories, pairs)
    at = {k: i for i, k in enumerate(numbers)}
    found = {(at[a], at[b]): ev for (a, b), ev in evidence.items() if a in at and b in at}
    scorer = column_scorer([columns[k] for k in numbers], [terms[k] for k in numbers], found, params, vocab)
    return scorer.pair_scores(local[:, 0], local[:, 1])


def verify_part(pieces: list[Attached], keys: list[str], store: str | None, flags: Flags, vocab: Vocabulary,
                params: MatchParams, columns: StoryColumns, cross: dict[tuple[int, int], CrossEvidence]) -> Verified:
    """Passage evidence and scores of the candidate pairs whose second story is in one partition
    (``verify.passage_evidence``, then ``Scorer.pair_scores`` of every candidate story pair; the
    second stories' stems read from the shared index, the first stories' attached by ``attach_part``;
    site furniture left out; ``cross``: the evidence of this partition's pairs in different languages)."""
    unit_pairs = _stacked([p.unit_pairs for p in pieces])
    name_pairs = _stacked([p.name_pairs for p in pieces])
    cross_pairs = _stacked([p.cross_pairs for p in pieces])
    shift = _SENTENCE_BITS + 1
    second = sorted(set((unit_pairs[:, 1] >> shift).tolist()) | set(name_pairs[:, 1].tolist())
                    | set(cross_pairs[:, 1].tolist()))
    stored = _stored_terms(second, keys, store) if second else {}
    matched = {k: without_sentences(t, flags[k]) if k in flags else t for k, t in stored.items()}
    found = dict(zip(second, zip(*columns.of(second), strict=True), strict=True)) if second else {}
    for piece in pieces:
        for k, t in piece.first_terms.items():
            matched.setdefault(k, t)  # a story that is also a second story is there already
        found.update(piece.first_columns)
    evidence: dict[tuple[int, int], PairEvidence] = {}
    strong, weak, weak_weight = _EMPTY_PAIRS, _EMPTY_PAIRS, np.empty(0)
    if len(unit_pairs):
        codes, inverse = np.unique(unit_pairs.ravel(), return_inverse=True)
        units = unit_parts(codes)
        features = StoryFeatures(cast(list[StoryTerms], matched), vocab, params.name_boost)
        scored = score_unit_pairs(inverse.reshape(-1, 2).astype(np.int64), units, features)
        evidence = evidence_from_scores(scored, units, sentence_threshold=params.sentence_threshold,
                                        min_shared_terms=params.min_shared_terms)
        # a story pair is a candidate when a unit pair reaches ``candidate_floor`` (as in group_events); of the
        # weaker ones each story keeps its ``candidate_weak_top`` best, ranked where all of a story's are (rank_part)
        strong = scored.story_pairs(units, params.candidate_floor)
        if params.candidate_weak_top > 0:
            weak, weak_weight = scored.weak_pairs(units, params.candidate_floor)
    for (a, b), crossing in sorted(cross.items()):
        evidence.setdefault((a, b), PairEvidence(a, b, crossing.matches, crossing.weights, crossing.name_evidence))
    strong = _stacked([strong, name_pairs, np.array(sorted(evidence), dtype=np.int64)])
    pairs = _stacked([strong, weak])
    scores = score_pairs(pairs, matched, found, evidence, params, vocab)
    return Verified(evidence, strong, weak, weak_weight, pairs, scores, len(unit_pairs), len(name_pairs))


def weak_part(verified: Verified, firsts: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """A partition's weak pairs and their weights, sent to the partitions of both of their stories (once when
    both are in one), so that every story is ranked with all of its weak pairs at hand."""
    weak, weight = verified.weak, verified.weak_weight
    at_a, at_b = partition_of(weak[:, 0], firsts), partition_of(weak[:, 1], firsts)
    other = at_b != at_a
    rows = np.concatenate([np.arange(len(weak)), np.flatnonzero(other)])
    target = np.concatenate([at_a, at_b[other]])
    order = np.argsort(target, kind="stable")
    bounds = np.searchsorted(target[order], np.arange(len(firsts) + 1))
    return [(weak[rows[order[bounds[p] : bounds[p + 1]]]], weight[rows[order[bounds[p] : bounds[p + 1]]]])
            for p in range(len(firsts))]


def rank_part(pieces: list[tuple[np.ndarray, np.ndarray]], part: int, firsts: Sequence[int], end: int,
              weak_top: int) -> list[np.ndarray]:
    """The weak pairs that each story of partition ``part`` (numbers ``firsts[part]``..next first, ``end`` for
    the last) keeps among its ``weak_top`` best (``verify.top_weak``, every weak pair of the story at hand: what
    the embedded run keeps), split by the partition of their second story (where they were scored)."""
    pairs = np.concatenate([p[0].reshape(-1, 2) for p in pieces]) if pieces else _EMPTY_PAIRS
    weight = np.concatenate([p[1] for p in pieces]) if pieces else np.empty(0)
    last = firsts[part + 1] if part + 1 < len(firsts) else end
    kept = pairs[top_weak(pairs, weight, weak_top, np.arange(firsts[part], last, dtype=np.int64))]
    return _split(kept, partition_of(kept[:, 1], firsts), len(firsts))


@dataclass(slots=True)
class Edges:
    """The candidate graph's edges whose second story is in one partition, and their scores."""

    pairs: np.ndarray  # (m, 2) story pairs a < b, sorted
    scores: np.ndarray

    def __sizeof__(self) -> int:
        return array_bytes(self.pairs, self.scores)


def _pair_codes(pairs: np.ndarray) -> np.ndarray:
    return (pairs[:, 0].astype(np.int64) << 32) | pairs[:, 1].astype(np.int64)


def edges_part(verified: Verified, kept: list[np.ndarray]) -> Edges:
    """A partition's candidate edges: its strong pairs and the weak ones either story ranked among its best."""
    pairs = _stacked([verified.strong, *kept])
    known = _pair_codes(verified.pairs)
    at = np.searchsorted(known, _pair_codes(pairs))
    return Edges(pairs, verified.scores[at] if len(pairs) else np.empty(0))


def edge_pairs(edges: Edges) -> np.ndarray:
    return edges.pairs


def verified_counts(verified: Verified, edges: Edges) -> tuple[int, int, int]:
    return verified.unit_pairs, verified.name_pairs, len(edges.pairs)


def cut_edges(edges: Edges, threshold: float) -> np.ndarray:
    """The edges whose score reaches ``threshold``: the only ones average-link can merge along
    (``cluster.cluster_by_components``: an average never exceeds its largest term)."""
    return edges.pairs[edges.scores >= threshold]


# -- 6. connected components ---------------------------------------------------------------------------

def components_part(*edge_sets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(nodes, the smallest node of each node's component) over the union of some edge sets."""
    edges = np.concatenate([e.reshape(-1, 2) for e in edge_sets]) if edge_sets else _EMPTY_PAIRS
    if not len(edges):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    nodes, inverse = np.unique(edges.ravel(), return_inverse=True)
    local = inverse.reshape(-1, 2)
    graph = sparse.coo_matrix((np.ones(len(local), dtype=np.int8), (local[:, 0], local[:, 1])),
                              shape=(len(nodes), len(nodes)))
    _, labels = connected_components(graph, directed=False)
    smallest = np.full(labels.max() + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, labels, nodes)
    return nodes, smallest[labels]


def merge_components(*parts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Components of the union of partial results (each node linked to its partial root)."""
    return components_part(*(np.stack([nodes, roots], axis=1) for nodes, roots in parts))


# -- 7. average-link per group of whole components -------------------------------------------------------

Routed = tuple[np.ndarray, dict[tuple[int, int], PairEvidence]]


def route_part(verified: Verified, edges: Edges, labels: tuple[np.ndarray, np.ndarray, np.ndarray],
               groups: int) -> list[Routed]:
    """A partition's candidate edges and evidence inside one component of the cut graph (the only ones
    clustering reads), split by the group of that component.  ``labels``: (sorted nodes of the cut
    graph, each one's component root, each one's group)."""
    nodes, roots, group = labels

    def look(stories: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        at = np.minimum(np.searchsorted(nodes, stories), max(len(nodes) - 1, 0))
        known = nodes[at] == stories if len(nodes) else np.zeros(len(stories), dtype=bool)
        return np.where(known, roots[at] if len(nodes) else -1, -1), (group[at] if len(nodes) else np.zeros(len(stories), np.int64))

    out: list[Routed] = [(_EMPTY_PAIRS, {}) for _ in range(groups)]
    root_a, group_a = look(edges.pairs[:, 0])
    root_b, _ = look(edges.pairs[:, 1])
    inside = (root_a >= 0) & (root_a == root_b)
    for g in np.unique(group_a[inside]).tolist():
        out[g] = (edges.pairs[inside & (group_a == g)], {})
    if verified.evidence:
        pairs = np.array(list(verified.evidence), dtype=np.int64)
        ev_a, ev_group = look(pairs[:, 0])
        ev_b, _ = look(pairs[:, 1])
        for k in np.flatnonzero((ev_a >= 0) & (ev_a == ev_b)).tolist():
            a, b = int(pairs[k, 0]), int(pairs[k, 1])
            out[int(ev_group[k])][1][(a, b)] = verified.evidence[(a, b)]
    return out


def cluster_part(pieces: list[Routed], versions: list[int], stories: dict[int, Story],
                 families: list[Family], flags: Flags, keys: dict[int, str], store: str | None,
                 vocab: Vocabulary, params: MatchParams) -> list[tuple[tuple[str, int], Event]]:
    """Events of a group of whole components of the cut graph (``cluster.cluster_by_components``, then
    ``match.cluster_events``).

    ``versions``: the group's distinct texts (story numbers); ``stories``: them and their
    families' copies; ``keys``: the shared-index keys of the versions in a component of two or
    more (the others are events of their own and are never scored).  Stories are numbered
    locally in corpus order, so ties break as in the embedded run; scores use the corpus
    vocabulary, so they are the embedded run's.  Returns (report order, event without id)."""
    world = sorted(stories)
    at = {k: i for i, k in enumerate(world)}
    world_stories = [stories[k] for k in world]
    version_of = {k: v for v, k in enumerate(versions)}
    stored = _stored_terms(sorted(keys), keys, store) if keys else {}
    terms = [without_sentences(stored[k], flags[k]) if k in flags and k in stored else stored.get(k, _NO_TERMS)
             for k in versions]
    edges = np.concatenate([p[0] for p in pieces]) if pieces else _EMPTY_PAIRS
    pairs = {(version_of[a], version_of[b]) for a, b in edges.tolist()}
    evidence: dict[tuple[int, int], PairEvidence] = {}
    for _, found in pieces:
        for (a, b), ev in found.items():
            evidence[(version_of[a], version_of[b])] = PairEvidence(version_of[a], version_of[b], ev.matches,
                                                                    ev.weights, ev.extra)
    local_families = [Family(at[f.representative], [(at[m], sim) for m, sim in f.members]) for f in families]
    size_of = {f.representative: float(len(f.stories)) for f in local_families}
    weights = [size_of.get(at[k], 1.0) for k in versions]
    scorer = Scorer([stories[k] for k in versions], terms, evidence, params, vocab)
    scorer.weight = np.array(weights)
    ordered = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    clusters = cluster_by_components(len(versions), ordered, scorer.pair_scores(ordered[:, 0], ordered[:, 1]),
                                     scorer.pair_scores, params.verify_threshold, np.array(weights))
    furniture = [flags.get(k) or [False] * len(s.sentences) for k, s in zip(world, world_stories, strict=True)]
    built = cluster_events(clusters, [at[k] for k in versions], world_stories, local_families, scorer, terms,
                           furniture, params)
    return [((event_order(everyone, world_stories)[0], world[everyone[0]]), event) for everyone, event in built]
