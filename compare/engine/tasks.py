"""The pure partition functions the Dask engine maps over the corpus (no Dask import here).

Each takes plain records (lists, numpy arrays, a store spec string) and returns plain
records, so any engine that can map a function over partitions and route rows by key
(Dask, Spark, Ray) can run them.  They call the stage functions of ``compare.ingest``,
``compare.match``, ``compare.align`` and ``compare.facts`` themselves, so the result is
the embedded run's to the byte (tests/test_engine_dask.py).

The flow (``compare.engine.dask_engine`` wires it):

1. ``read_part``  file paths -> raw records, their lines, per-line document counts;
2. ``build_part`` records + the corpus-wide repeated lines -> Documents;
3. ``terms_part`` stories -> hashed stems, read from / written to the shared index;
   ``vocab_part`` / ``merge_vocab``: the corpus vocabulary (document frequencies);
4. ``lsh_part``   stems -> sentence-unit and story-name LSH rows ``(band, key, unit, story)``,
   already split by band key into the buckets of the shuffle;
5. ``bucket_part`` all rows of some band keys -> candidate unit pairs (split by story pair)
   and name-candidate story pairs;
6. ``verify_part`` candidate pairs of some story pairs -> passage evidence, story-pair edges;
7. ``components_part`` / ``merge_components``: connected components of the edge graph;
8. ``cluster_part`` whole components -> events (exact average-link per component);
9. ``compare_part`` events -> claims and discrepancies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import xxhash
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from compare.align import align_event
from compare.config import AlignParams, MatchParams
from compare.engine.stores import fetch_terms, shared_store
from compare.facts import find_discrepancies
from compare.index import SignedStory
from compare.ingest import InputFileError, build_document, line_key_counts, manifest_entry
from compare.ingest.lines import Line, split_lines
from compare.ingest.readers import RawRecord, read_records
from compare.match import (
    Scorer,
    _event_title,
    _family_links,
    _family_records,
    _links,
    _whole_families,
    filtered,
    sentence_units,
    sign_stories,
)
from compare.match.candidates import candidate_sentence_pairs, every_bucket, syndication_filter
from compare.match.cluster import average_link
from compare.match.families import Family, jaccard_sorted, sentence_keys, story_shingles
from compare.match.shingles import StoryTerms, story_key, story_terms
from compare.match.signatures import band_keys, lsh_bands, sign_sentences
from compare.match.verify import PairEvidence, StoryFeatures, Units, Vocabulary, passage_evidence
from compare.model import Claim, Discrepancy, Document, Event, InputError, Story

# A sentence unit (a sentence, or a window of two) as one int64: story, first sentence, width.
_SENTENCE_BITS = 24


def unit_code(story: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    return (story.astype(np.int64) << (_SENTENCE_BITS + 1)) | (first.astype(np.int64) << 1) | (last - first)


def unit_parts(codes: np.ndarray) -> Units:
    first = (codes >> 1) & ((1 << _SENTENCE_BITS) - 1)
    return Units(codes >> (_SENTENCE_BITS + 1), first, first + (codes & 1))


# -- 1-2. ingest ----------------------------------------------------------------------------------

@dataclass(slots=True)
class ReadPart:
    records: list[RawRecord]
    lines: list[list[Line]]
    errors: list[InputError]
    line_counts: Counter[str]


def read_part(files: list[tuple[str, str]]) -> ReadPart:
    """Read some files (absolute path, corpus-relative path), as ``read_corpus`` does."""
    records: list[RawRecord] = []
    errors: list[InputError] = []
    for path, rel in files:
        try:
            found, record_errors = read_records(Path(path), rel)
        except InputFileError as exc:
            errors.append(InputError(rel, str(exc)))
        else:
            records.extend(found)
            errors.extend(InputError(rel, f"{e.where}: {e.error}") for e in record_errors)
    lines = [split_lines(r.text) for r in records]
    return ReadPart(records, lines, errors, line_key_counts(lines))


def line_counts(part: ReadPart) -> Counter[str]:
    return part.line_counts


def add_counts(*parts: Counter[str]) -> Counter[str]:
    total: Counter[str] = Counter()
    for part in parts:
        total.update(part)
    return total


def build_part(part: ReadPart, manifest: dict[str, dict[str, Any]] | None,
               repeated: frozenset[str]) -> tuple[list[Document], list[InputError]]:
    """Documents of the records read by ``read_part`` (``manifest``: the corpus manifest, if any)."""
    documents: list[Document] = []
    errors = list(part.errors)
    for record, lines in zip(part.records, part.lines, strict=True):
        meta = manifest_entry(manifest, record.path)
        try:
            documents.append(build_document(record, meta, repeated, lines=lines))
        except InputFileError as exc:
            errors.append(InputError(record.path, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop a corpus run
            errors.append(InputError(record.path, f"internal error while extracting ({type(exc).__name__}: {exc}); please report it"))
    return documents, errors


# -- 3. stems, the shared index, the vocabulary ----------------------------------------------------

@dataclass(slots=True)
class TermsPart:
    terms: list[StoryTerms]
    keys: list[str]
    signed: int
    reused: int
    warning: str | None


def terms_part(stories: list[Story], store: str | None, fingerprint: str) -> TermsPart:
    """Every story's hashed stems: from the shared index when seen before, else computed and stored."""
    keys = [story_key(s, fingerprint) for s in stories]
    with_store = shared_store(store)
    found = with_store.get_many(sorted(set(keys)))
    first = {k: i for i, k in reversed(list(enumerate(keys)))}
    missing = sorted(k for k in first if k not in found)
    fresh = {k: story_terms(stories[first[k]]) for k in missing}
    with_store.put_many({k: SignedStory(t.terms, t.offsets, t.names) for k, t in fresh.items()})
    warning = with_store.warning
    terms = {k: StoryTerms(v.terms, v.offsets, v.names) for k, v in found.items()}
    terms.update(fresh)
    return TermsPart([terms[k] for k in keys], keys, len(missing), sum(1 for k in keys if k in found), warning)


def vocab_part(part: TermsPart, first_story: int, copies: frozenset[int]) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct terms, (n, 2) counts: stories with the term, distinct texts with it).

    Distinct texts are the stories that are not a reprint family's copy (``copies``)."""
    distinct = [np.unique(t.terms) for t in part.terms]
    if not distinct or not sum(len(d) for d in distinct):
        return np.empty(0, dtype=np.uint32), np.empty((0, 2), dtype=np.int64)
    original = np.concatenate([np.full(len(d), (first_story + k) not in copies) for k, d in enumerate(distinct)])
    terms, inverse = np.unique(np.concatenate(distinct), return_inverse=True)
    counts = np.zeros((len(terms), 2), dtype=np.int64)
    np.add.at(counts[:, 0], inverse, 1)
    np.add.at(counts[:, 1], inverse, original.astype(np.int64))
    return terms, counts


def merge_vocab(*parts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Sum the counts of partial vocabularies."""
    terms = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    if not len(terms):
        return terms.astype(np.uint32), counts.astype(np.int64)
    merged, inverse = np.unique(terms, return_inverse=True)
    total = np.zeros((len(merged), counts.shape[1]), dtype=np.int64)
    np.add.at(total, inverse, counts)
    return merged, total


# -- 4-5. LSH rows and the shuffle on band keys -------------------------------------------------

def bucket_of(band: np.ndarray, key: np.ndarray, buckets: int) -> np.ndarray:
    """Which shuffle bucket a (band, key) row goes to."""
    mixed = (key.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (band.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))
    return ((mixed >> np.uint64(17)) % np.uint64(buckets)).astype(np.int64)


def source_code(story: Story) -> int:
    """Who published a story, as a number (``compare.match.source_codes``'s names, hashed: equal
    names give equal numbers, which is all the syndication test compares)."""
    folder, _, rest = story.document.partition("/")
    name = f"outlet:{story.outlet.strip().lower()}" if story.outlet else f"path:{folder}" if rest else story.document
    return xxhash.xxh64_intdigest(name.encode("utf-8", "surrogatepass")) >> 2


def _rows(band: np.ndarray, keys: np.ndarray, unit: np.ndarray, story: np.ndarray, size: np.ndarray,
          source: np.ndarray) -> np.ndarray:
    """Shuffle rows ``(band, key, unit, story, size, source)``, one per (item, band)."""
    bands = len(band)
    return np.stack([
        np.repeat(band[None, :], len(unit), axis=0).ravel(),
        keys.astype(np.int64).ravel(),
        np.repeat(unit, bands), np.repeat(story, bands), np.repeat(size, bands), np.repeat(source, bands),
    ], axis=1)


def _split(table: np.ndarray, buckets: int) -> list[np.ndarray]:
    target = bucket_of(table[:, 0], table[:, 1], buckets)
    order = np.argsort(target, kind="stable")
    bounds = np.searchsorted(target[order], np.arange(buckets + 1))
    return [table[order[bounds[b] : bounds[b + 1]]] for b in range(buckets)]


FAMILY_BAND = 1 << 20  # family LSH bands are numbered from here
NAME_BAND = 1 << 10  # name LSH bands from here; sentence bands below


def family_part(part: TermsPart, first_story: int, params: MatchParams, buckets: int) -> list[np.ndarray]:
    """Reprint-family LSH rows of some stories (``families.family_pairs``: one MinHash of the story's
    stem trigrams, stories of 3+ trigrams), split into the shuffle's buckets."""
    shingles = [story_shingles(t) for t in part.terms]
    offsets = np.cumsum([0] + [len(x) for x in shingles]).astype(np.int64)
    flat = np.concatenate(shingles) if offsets[-1] else np.empty(0, dtype=np.uint32)
    sigs = sign_sentences(flat, offsets, params.num_perm, params.seed + 2)
    bands, rows = lsh_bands(params.family_threshold, params.num_perm)
    keep = np.flatnonzero(np.diff(offsets) >= 3)
    story = keep.astype(np.int64) + first_story
    zeros = np.zeros(len(keep), dtype=np.int64)
    table = _rows(FAMILY_BAND + np.arange(bands, dtype=np.int64), band_keys(sigs[keep], bands, rows), story, story,
                  zeros, zeros) if len(keep) else np.empty((0, 6), dtype=np.int64)
    return _split(table, buckets)


def lsh_part(part: TermsPart, stories: list[Story], first_story: int, common: np.ndarray, params: MatchParams,
             buckets: int) -> list[np.ndarray]:
    """LSH rows of some stories, split into the shuffle's buckets.

    Sentence units use bands ``0..`` (unit = ``unit_code``, size = distinct stems); the
    story-level MinHash of name-like stems (``compare.match.name_candidates``) uses bands
    ``NAME_BAND..`` (unit = story, size = its name stems).
    """
    bands, rows = lsh_bands(params.lsh_threshold, params.num_perm)
    sources = np.array([source_code(s) for s in stories], dtype=np.int64)
    chunk = [filtered(t, common) for t in part.terms]
    units, sigs = sentence_units(chunk, sign_stories(chunk, params), params.min_unit_terms, first_story, params.windows)
    out = []
    if len(units.story):
        assert units.size is not None
        out.append(_rows(np.arange(bands, dtype=np.int64), band_keys(sigs, bands, rows),
                         unit_code(units.story, units.first, units.last), units.story, units.size,
                         sources[units.story - first_story]))
    if params.name_lsh_threshold > 0:
        sets = [np.setdiff1d(t.terms[t.names.astype(bool)], common) for t in part.terms]
        offsets = np.cumsum([0] + [len(x) for x in sets]).astype(np.int64)
        flat = np.concatenate(sets).astype(np.uint32) if offsets[-1] else np.empty(0, dtype=np.uint32)
        name_sigs = sign_sentences(flat, offsets, params.num_perm, params.seed + 1)
        name_bands, name_rows = lsh_bands(params.name_lsh_threshold, params.num_perm)
        keep = np.flatnonzero(np.array([len(x) >= params.min_shared_terms for x in sets], dtype=bool))
        if len(keep):
            story = keep.astype(np.int64) + first_story
            out.append(_rows(NAME_BAND + np.arange(name_bands, dtype=np.int64), band_keys(name_sigs[keep], name_bands, name_rows),
                             story, story, np.diff(offsets)[keep], sources[keep]))
    return _split(np.concatenate(out) if out else np.empty((0, 6), dtype=np.int64), buckets)


def pick(parts: list[np.ndarray], index: int) -> np.ndarray:
    return parts[index]


def story_pair_bucket(a: np.ndarray, b: np.ndarray, buckets: int) -> np.ndarray:
    mixed = (a.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (b.astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9))
    return ((mixed >> np.uint64(23)) % np.uint64(buckets)).astype(np.int64)


def bucket_part(pieces: list[np.ndarray], params: MatchParams, buckets: int) -> list[tuple[np.ndarray, ...]]:
    """Every LSH bucket of some band keys -> candidate pairs, split by story pair for verification.

    The rules of ``compare.match.candidates`` per band: a bucket of 2..``max_bucket`` rows gives
    every pair of rows from two different stories; a larger one is kept as a star when
    ``syndication_filter`` finds syndicated text in it (sentences, names), always for reprint
    families.  Returns per verification bucket ``(unit pairs, name story pairs, family story
    pairs)``: unit pairs as ``unit_code`` pairs with story(a) < story(b), story pairs a < b.
    """
    table = np.concatenate(pieces) if pieces else np.empty((0, 6), dtype=np.int64)
    found: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    for band in np.unique(table[:, 0]).tolist():
        rows = table[table[:, 0] == band]
        if len(rows) < 2:
            continue
        kind = 2 if band >= FAMILY_BAND else 1 if band >= NAME_BAND else 0
        if kind == 2:
            pairs = candidate_sentence_pairs(rows[:, 1:2], rows[:, 3], 0, every_bucket)
        else:
            # the filter counts distinct stories and sources per bucket: dense local numbers do
            stories, local = np.unique(rows[:, 3], return_inverse=True)
            source = np.zeros(len(stories), dtype=np.int64)
            source[local] = np.unique(rows[:, 5], return_inverse=True)[1]
            large = syndication_filter(local.astype(np.int64), source, rows[:, 4],
                                       min_terms=params.syndication_min_terms,
                                       min_source_share=params.syndication_source_share)
            pairs = candidate_sentence_pairs(rows[:, 1:2], rows[:, 3], params.max_bucket, large)
        if not len(pairs):
            continue
        ua, ub = rows[pairs[:, 0], 2], rows[pairs[:, 1], 2]
        swap = rows[pairs[:, 0], 3] > rows[pairs[:, 1], 3]
        found[kind].append(np.stack([np.where(swap, ub, ua), np.where(swap, ua, ub)], axis=1))
    empty = np.empty((0, 2), dtype=np.int64)
    units, names, families = (np.unique(np.concatenate(f), axis=0) if f else empty for f in found)
    out = []
    targets = (story_pair_bucket(units[:, 0] >> (_SENTENCE_BITS + 1), units[:, 1] >> (_SENTENCE_BITS + 1), buckets),
               story_pair_bucket(names[:, 0], names[:, 1], buckets),
               story_pair_bucket(families[:, 0], families[:, 1], buckets))
    for v in range(buckets):
        out.append(tuple(pairs[target == v] for pairs, target in zip((units, names, families), targets, strict=True)))
    return out


def family_verify_part(pieces: list[tuple[np.ndarray, ...]], keys: list[str], store: str | None,
                       params: MatchParams) -> list[tuple[int, int, float]]:
    """Candidate reprint pairs -> verified ``(a, b, trigram Jaccard)`` (``families.family_pairs``)."""
    pairs = np.unique(np.concatenate([p[2] for p in pieces]), axis=0) if pieces else np.empty((0, 2), dtype=np.int64)
    if not len(pairs):
        return []
    stories = sorted(set(pairs.ravel().tolist()))
    rows = fetch_terms(shared_store(store), (keys[s] for s in stories))
    shingles = {s: story_shingles(StoryTerms(rows[keys[s]].terms, rows[keys[s]].offsets, rows[keys[s]].names))
                for s in stories}
    out = []
    threshold = params.family_threshold
    for i, j in pairs.tolist():
        a, b = shingles[i], shingles[j]
        if min(len(a), len(b)) < threshold * max(len(a), len(b)):
            continue
        sim = jaccard_sorted(a, b)
        if sim >= threshold:
            out.append((i, j, sim))
    return out


# -- 6. verification ------------------------------------------------------------------------------

@dataclass(slots=True)
class Verified:
    evidence: dict[tuple[int, int], PairEvidence]
    edges: np.ndarray  # (m, 2) distinct story pairs a < b: sentence and name candidates
    unit_pairs: int
    name_pairs: int


def verify_part(pieces: list[tuple[np.ndarray, np.ndarray]], keys: list[str], store: str | None,
                vocab: Vocabulary, params: MatchParams) -> Verified:
    """Passage evidence of the candidate unit pairs of some story pairs (``verify.passage_evidence``)."""
    empty = np.empty((0, 2), dtype=np.int64)
    unit_pairs = np.unique(np.concatenate([p[0] for p in pieces]), axis=0) if pieces else empty
    name_pairs = np.unique(np.concatenate([p[1] for p in pieces]), axis=0) if pieces else empty
    codes, inverse = np.unique(unit_pairs.ravel(), return_inverse=True)
    units = unit_parts(codes)
    local_pairs = inverse.reshape(-1, 2).astype(np.int64)
    stories = sorted(set(units.story.tolist()))
    evidence: dict[tuple[int, int], PairEvidence] = {}
    if stories:
        rows = fetch_terms(shared_store(store), (keys[s] for s in stories))
        by_number = {s: StoryTerms(rows[keys[s]].terms, rows[keys[s]].offsets, rows[keys[s]].names) for s in stories}
        features = StoryFeatures(cast(list[StoryTerms], by_number), vocab, params.name_boost)
        evidence = passage_evidence(local_pairs, units, features, sentence_threshold=params.sentence_threshold,
                                    min_shared_terms=params.min_shared_terms)
    sentence_edges = np.stack([units.story[local_pairs[:, 0]], units.story[local_pairs[:, 1]]], axis=1) if len(local_pairs) else empty
    edges = np.unique(np.concatenate([sentence_edges, name_pairs]), axis=0)
    return Verified(evidence, edges, len(unit_pairs), len(name_pairs))


# -- 7. connected components ----------------------------------------------------------------------

def components_part(*edge_sets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(nodes, the smallest node of each node's component) over the union of some edge sets."""
    edges = np.concatenate([e.reshape(-1, 2) for e in edge_sets]) if edge_sets else np.empty((0, 2), dtype=np.int64)
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


def edges_of(verified: Verified) -> np.ndarray:
    return verified.edges


def merge_components(*parts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Components of the union of partial results (each node linked to its partial root)."""
    return components_part(*(np.stack([nodes, roots], axis=1) for nodes, roots in parts))


# -- 8. clustering per component --------------------------------------------------------------------

def route_part(verified: Verified, group_of: dict[int, int], groups: int) -> list[tuple[np.ndarray, dict[tuple[int, int], PairEvidence]]]:
    """Split a verification result's edges and evidence by the component group of their stories."""
    out: list[tuple[list[np.ndarray], dict[tuple[int, int], PairEvidence]]] = [([], {}) for _ in range(groups)]
    target = np.array([group_of[a] for a in verified.edges[:, 0].tolist()], dtype=np.int64)
    for g in np.unique(target).tolist():
        out[g][0].append(verified.edges[target == g])
    for (a, b), ev in verified.evidence.items():
        out[group_of[a]][1][(a, b)] = ev
    return [(np.concatenate(e) if e else np.empty((0, 2), dtype=np.int64), ev) for e, ev in out]


def cluster_part(pieces: list[tuple[np.ndarray, dict[tuple[int, int], PairEvidence]]], components: list[list[int]],
                 stories: dict[int, Story], families: list[Family], furniture: frozenset[tuple[int, Any]],
                 keys: list[str], store: str | None, vocab: Vocabulary,
                 params: MatchParams) -> list[tuple[tuple[str, int], Event]]:
    """Events of some whole components: ``average_link``, whole reprint families and the member
    links, as ``group_events`` does.

    Each component's stories are numbered locally in global order, so ties break as in the
    embedded run; scores use the corpus vocabulary, so they are the embedded run's scores.
    ``families``: the reprint families of these components; ``furniture``: (source code,
    sentence key) pairs that are one site's furniture.  Returns (sort key, event without id)
    pairs; the caller numbers events once all are in.
    """
    edges = np.concatenate([p[0] for p in pieces]) if pieces else np.empty((0, 2), dtype=np.int64)
    evidence: dict[tuple[int, int], PairEvidence] = {}
    for _, found in pieces:
        evidence.update(found)
    rows = fetch_terms(shared_store(store), (keys[s] for comp in components for s in comp))
    root_of = {s: comp[0] for comp in components for s in comp}
    by_root: dict[int, set[tuple[int, int]]] = {}
    for a, b in edges.tolist():
        by_root.setdefault(root_of[a], set()).add((a, b))
    families_of: dict[int, list[Family]] = {}
    for family in families:
        families_of.setdefault(root_of[family.representative], []).append(family)
        for member, _ in family.members:
            a, b = sorted((family.representative, member))
            by_root.setdefault(root_of[a], set()).add((a, b))
    out = []
    for comp in components:
        local = {s: i for i, s in enumerate(comp)}
        members = [stories[s] for s in comp]
        terms = [StoryTerms(rows[keys[s]].terms, rows[keys[s]].offsets, rows[keys[s]].names) for s in comp]
        local_evidence: dict[tuple[int, int], PairEvidence] = {}
        for a, b in by_root.get(comp[0], ()):
            ev = evidence.get((a, b))
            if ev is not None:
                local_evidence[(local[a], local[b])] = PairEvidence(local[a], local[b], ev.matches, ev.weights)
        local_families = [Family(local[f.representative], [(local[m], sim) for m, sim in f.members])
                          for f in families_of.get(comp[0], [])]
        family_of = {f.representative: f for f in local_families}
        copy_of = {m: f.representative for f in local_families for m, _ in f.members}
        sources = [source_code(s) for s in members]
        edit_keys = {k: [None if (sources[k], key) in furniture or sentence.role == "title" else key
                         for key, sentence in zip(sentence_keys(terms[k], members[k]), members[k].sentences, strict=True)]
                     for f in local_families for k in f.stories}
        scorer = Scorer(members, terms, local_evidence, params, vocabulary=vocab)
        pairs = sorted((local[a], local[b]) for a, b in by_root.get(comp[0], ()))
        clusters = _whole_families(average_link(len(comp), pairs, scorer.block_sums, params.verify_threshold), copy_of)
        for cluster in clusters:
            chosen = [members[k] for k in cluster]
            dated = sorted(s.date for s in chosen if s.date)
            in_event = [family_of[k] for k in cluster if k in family_of]
            versions = [k for k in cluster if k not in copy_of]
            event = Event(
                id="", stories=[s.id for s in chosen], title=_event_title(chosen), date=dated[0] if dated else None,
                links=_links(versions, members, scorer, terms, params) + _family_links(in_event, members),
                families=sorted((_family_records(f, members, edit_keys) for f in in_event), key=lambda f: f.representative),
            )
            out.append(((dated[0] if dated else "9999-99-99", comp[cluster[0]]), event))
    return out


_NO_TERMS = StoryTerms(np.empty(0, np.uint32), np.zeros(1, np.int64), np.empty(0, np.uint8))


def furniture_keys(stories: list[Story], first_story: int, family_stories: frozenset[int]) -> set[Any]:
    """The sentence keys of the reprint-family stories among some stories (``families.sentence_keys``,
    which reads only the story's sentences)."""
    return {key for k, story in enumerate(stories, first_story) if k in family_stories
            for key in sentence_keys(_NO_TERMS, story)}


def furniture_counts(stories: list[Story], wanted: set[Any]) -> Counter[tuple[Any, int]]:
    """On how many pages of each source each wanted sentence key occurs (``families.site_furniture``)."""
    counts: Counter[tuple[Any, int]] = Counter()
    for story in stories:
        source = source_code(story)
        for key in set(sentence_keys(_NO_TERMS, story)):
            if key in wanted:
                counts[(key, source)] += 1
    return counts


def site_furniture(counts: Counter[tuple[Any, int]], min_pages: int = 3) -> frozenset[tuple[int, Any]]:
    """(source, key) pairs that are one site's furniture: ``families.site_furniture``'s rule on the counts."""
    sources: dict[Any, list[tuple[int, int]]] = {}
    for (key, source), n in counts.items():
        sources.setdefault(key, []).append((source, n))
    return frozenset((found[0][0], key) for key, found in sources.items() if len(found) == 1 and found[0][1] >= min_pages)


def union(*parts: set[Any]) -> set[Any]:
    return set().union(*parts)


def single_event(story: Story) -> Event:
    """The event of a story no candidate pair touches."""
    return Event(id="", stories=[story.id], title=_event_title([story]), date=story.date, links=[])


# -- 9. alignment and facts -------------------------------------------------------------------------

def compare_part(events: list[Event], stories: dict[str, Story], documents: dict[str, Document],
                 params: AlignParams) -> list[tuple[list[Claim], list[Discrepancy]]]:
    """Claims and discrepancies of some events (``align_event`` then ``find_discrepancies``)."""
    out = []
    for event in events:
        # as pipeline.compare_events: a copy that only cuts its representative is read through it
        versions = replace(event, stories=event.versions) if event.families else event
        event.claims = versions.claims = align_event(versions, stories, params)
        out.append((event.claims, find_discrepancies(versions, stories, documents)))
    return out
