"""Reprint families: near-identical copies of one text, collapsed to one version.

A wire story carried by 60 outlets is one text with 60 small variations (a
lede cut, a paragraph of the outlet's own, a figure changed).  Grouping,
alignment and fact comparison should see it once; the report should still say
who carried it and what each copy changed.  Each step is a pure function:

1. ``story_shingles``: story stems -> the sorted distinct hashes of its stem
   trigrams (inside sentences, reading order), the reuse unit passim uses
   too (word n-grams), here over stems so inflection does not hide a copy;
2. ``family_pairs``: one MinHash per story over those trigrams, LSH banded
   for ``family_threshold``; a bucket of any size is kept (a story carried by
   hundreds of outlets is one bucket of hundreds), joined as a star to its
   first member plus a chain, so the pairs grow with the number of stories,
   not its square; every pair is then verified exactly (trigram Jaccard);
3. ``star_families``: the story with the most verified copies becomes a
   representative and takes every copy verified against it *directly*, then
   the next, ... (no chaining: a round-up that contains two wire stories does
   not join their families unless it is itself a copy of each);
4. ``member_edits``: what a copy changed against its representative, read
   off a diff of their sentence sequences (identical sentences compared by
   their stems) and, for a changed sentence, of its words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from compare.match.arrays import unique
from compare.match.candidates import candidate_sentence_pairs, every_bucket
from compare.match.shingles import StoryTerms
from compare.match.signatures import band_keys, lsh_bands, sign_sentences
from compare.model import Story

_NUMBER = re.compile(r"\d[\d.,]*")


@dataclass(slots=True)
class Family:
    """One representative story (a number) and its verified copies with their trigram Jaccard."""

    representative: int
    members: list[tuple[int, float]]  # (story number, Jaccard with the representative), not the representative

    @property
    def stories(self) -> list[int]:
        return sorted([self.representative, *(m for m, _ in self.members)])


def story_shingles(story: StoryTerms, skip: Sequence[bool] | None = None) -> np.ndarray:
    """Sorted distinct uint32 hashes of the story's stem trigrams (a sentence shorter than 3: its stems);
    sentences flagged in ``skip`` (site furniture) are left out."""
    parts = []
    terms = story.terms.astype(np.uint64)
    for i in range(story.num_sentences):
        if skip is not None and skip[i]:
            continue
        t = terms[story.offsets[i] : story.offsets[i + 1]]
        if len(t) < 3:
            parts.append(t * np.uint64(0x9E3779B1))
        else:
            parts.append((t[:-2] * np.uint64(0x9E3779B1)) ^ (t[1:-1] * np.uint64(0x85EBCA77)) ^ t[2:])
    if not parts:
        return np.empty(0, dtype=np.uint32)
    flat = np.concatenate(parts)
    folded = ((flat >> np.uint64(32)) ^ flat) & np.uint64(0xFFFFFFFF)
    return unique(folded.astype(np.uint32))


_CHUNK = 4096  # stories per vectorised batch (its temporary arrays stay a few MB)


def story_shingles_many(stories: Sequence[StoryTerms], skip: Sequence[Sequence[bool] | None] | None = None) -> list[np.ndarray]:
    """``story_shingles`` of every story (same arrays), vectorised over batches of stories."""
    return [found for lo in range(0, len(stories), _CHUNK)
            for found in _shingles_batch(stories[lo : lo + _CHUNK], None if skip is None else skip[lo : lo + _CHUNK])]


def _shingles_batch(stories: Sequence[StoryTerms], skip: Sequence[Sequence[bool] | None] | None) -> list[np.ndarray]:
    if not stories:
        return []
    terms = np.concatenate([s.terms for s in stories]).astype(np.uint64)
    lengths = np.concatenate([np.diff(s.offsets) for s in stories]).astype(np.int64)
    per_story = np.array([s.num_sentences for s in stories], dtype=np.int64)
    sentence = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    story = np.repeat(np.arange(len(stories), dtype=np.int64), per_story)
    if skip is not None:
        flags = [np.asarray(f, dtype=bool) if f is not None else np.zeros(n, dtype=bool)
                 for f, n in zip(skip, per_story.tolist(), strict=True)]
        skipped = np.concatenate(flags) if flags else np.zeros(0, dtype=bool)
    else:
        skipped = np.zeros(len(lengths), dtype=bool)
    start = np.repeat(np.cumsum(lengths) - lengths, lengths)
    position = np.arange(len(terms), dtype=np.int64) - start  # within its sentence
    length = lengths[sentence]
    short = length < 3
    gram = np.zeros(len(terms), dtype=np.uint64)
    gram[short] = terms[short] * np.uint64(0x9E3779B1)
    head = np.flatnonzero(~short & (position <= length - 3))
    gram[head] = (terms[head] * np.uint64(0x9E3779B1)) ^ (terms[head + 1] * np.uint64(0x85EBCA77)) ^ terms[head + 2]
    emit = (short | (position <= length - 3)) & ~skipped[sentence]
    folded = ((gram[emit] >> np.uint64(32)) ^ gram[emit]) & np.uint64(0xFFFFFFFF)
    codes = unique((story[sentence[emit]] << 32) | folded.astype(np.int64))
    counts = np.bincount(codes >> 32, minlength=len(stories))
    flat = (codes & 0xFFFFFFFF).astype(np.uint32)
    return np.split(flat, np.cumsum(counts)[:-1])


def jaccard_sorted(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard of two sorted distinct arrays."""
    if not len(a) and not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def family_lsh(shingles: Sequence[np.ndarray], threshold: float, num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(story positions with 3+ shingles, their LSH band keys): the candidate step of ``family_pairs``
    (pure per story, so an engine can compute it partition by partition)."""
    offsets = np.cumsum([0] + [len(s) for s in shingles]).astype(np.int64)
    flat = np.concatenate(list(shingles)) if offsets[-1] else np.empty(0, dtype=np.uint32)
    sigs = sign_sentences(flat, offsets, num_perm, seed)
    bands, rows = lsh_bands(threshold, num_perm)
    keep = np.flatnonzero(np.diff(offsets) >= 3)
    return keep.astype(np.int64), band_keys(sigs[keep], bands, rows)


def verified_copies(pairs: Iterable[tuple[int, int]], shingles: Mapping[int, np.ndarray] | Sequence[np.ndarray],
                    threshold: float) -> list[tuple[int, int, float]]:
    """The candidate pairs whose exact trigram Jaccard reaches ``threshold``, as ``(a, b, jaccard)``, a < b."""
    out = []
    for i, j in pairs:
        a, b = shingles[i], shingles[j]
        if min(len(a), len(b)) < threshold * max(len(a), len(b)):
            continue  # the sizes alone rule the Jaccard out
        sim = jaccard_sorted(a, b)
        if sim >= threshold:
            out.append((min(i, j), max(i, j), sim))
    return out


def family_pairs(shingles: Sequence[np.ndarray], threshold: float, num_perm: int, seed: int) -> list[tuple[int, int, float]]:
    """Verified near-copy pairs ``(a, b, jaccard)``, a < b, sorted: LSH then the exact trigram Jaccard."""
    if len(shingles) < 2:
        return []
    keep, keys = family_lsh(shingles, threshold, num_perm, seed)
    if len(keep) < 2:
        return []
    pairs = candidate_sentence_pairs(keys, keep, max_bucket=0, keep_large=every_bucket)
    out = verified_copies(keep[pairs].tolist(), shingles, threshold)
    out.sort()
    return out


def star_families(n: int, pairs: list[tuple[int, int, float]]) -> list[Family]:
    """Families of near-copies: best-connected story first takes its direct copies (deterministic)."""
    neighbours: dict[int, dict[int, float]] = {}
    for a, b, sim in pairs:
        neighbours.setdefault(a, {})[b] = sim
        neighbours.setdefault(b, {})[a] = sim
    order = sorted(neighbours, key=lambda k: (-len(neighbours[k]), -sum(neighbours[k].values()), k))
    assigned: set[int] = set()
    families = []
    for centre in order:
        if centre in assigned:
            continue
        members = [(m, s) for m, s in sorted(neighbours[centre].items()) if m not in assigned]
        if not members:
            continue
        assigned.add(centre)
        assigned.update(m for m, _ in members)
        families.append(Family(centre, members))
    families.sort(key=lambda f: f.stories[0])
    return families


def sentence_keys(story: Story) -> list[str]:
    """One comparable key per sentence: its words, case and spacing aside (a negation or a
    qualifier is a change, so the key is not its stems)."""
    return [" ".join(s.text.lower().split()) for s in story.sentences]


def furniture_page_counts(keys: Sequence[Iterable[Hashable]], sources: Sequence[int]) -> dict[Hashable, dict[int, int]]:
    """Per sentence key, on how many pages of each source it occurs (``site_furniture``'s counts; partial
    counts of disjoint sets of pages add up, see ``add_page_counts``)."""
    pages: dict[Hashable, dict[int, int]] = {}
    for story_keys, source in zip(keys, sources, strict=True):
        for key in set(story_keys):
            per_source = pages.setdefault(key, {})
            per_source[source] = per_source.get(source, 0) + 1
    return pages


def add_page_counts(*parts: Mapping[Hashable, Mapping[int, int]]) -> dict[Hashable, dict[int, int]]:
    """The page counts of the union of disjoint sets of pages."""
    total: dict[Hashable, dict[int, int]] = {}
    for part in parts:
        for key, per_source in part.items():
            found = total.setdefault(key, {})
            for source, count in per_source.items():
                found[source] = found.get(source, 0) + count
    return total


def furniture_from_counts(pages: Mapping[Hashable, Mapping[int, int]], min_pages: int = 3) -> set[tuple[int, Hashable]]:
    """``site_furniture``'s rule on page counts: one source only, on ``min_pages`` or more of its pages."""
    return {(source, key) for key, per_source in pages.items() if len(per_source) == 1
            for source, count in per_source.items() if count >= min_pages}


def site_furniture(keys: Sequence[Sequence[str]], sources: Sequence[int], min_pages: int = 3) -> set[tuple[int, str]]:
    """(source, sentence key) pairs that are one site's furniture: the same line on ``min_pages`` or more
    of its pages and on no other source's page (a sentence other outlets carry too is text, not furniture)."""
    return furniture_from_counts(furniture_page_counts(keys, sources), min_pages)  # type: ignore[return-value]


def member_edits(rep: Story, rep_keys: Sequence[str | None], member: Story,
                 member_keys: Sequence[str | None]) -> list[dict[str, Any]]:
    """What ``member`` changed against ``rep``: each edit a dict with ``kind`` and where it is.

    ``*_keys`` are the two stories' ``sentence_keys``, each with the site's
    furniture left out (``None``).  Kinds: ``lede_cut`` / ``tail_trimmed`` /
    ``sentences_cut`` (representative sentences the copy leaves out:
    ``representative_sentences``), ``paragraph_added`` (the copy's own
    sentences: ``sentences``), ``number_changed`` (``from`` / ``to``),
    ``words_changed`` (a sentence reworded: both sides' indices),
    ``headline_changed``.
    """
    ra = [i for i, k in enumerate(rep_keys) if k is not None]
    rb = [j for j, k in enumerate(member_keys) if k is not None]
    a, b = [rep_keys[i] for i in ra], [member_keys[j] for j in rb]
    edits: list[dict[str, Any]] = []
    if (rep.title or "").strip() != (member.title or "").strip() and rep.title and member.title:
        edits.append({"kind": "headline_changed", "from": rep.title, "to": member.title})
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = _pair_changed([rep.sentences[ra[i]].text for i in range(i1, i2)],
                               [member.sentences[rb[j]].text for j in range(j1, j2)])
        cut = [ra[i1 + x] for x in range(i2 - i1) if x not in paired]
        added = [rb[j1 + y] for y in range(j2 - j1) if y not in paired.values()]
        if cut:
            at_start, at_end = i1 == 0 and j1 == 0, i2 == len(a) and j2 == len(b)
            kind = "lede_cut" if at_start and cut[0] == ra[0] else "tail_trimmed" if at_end and cut[-1] == ra[-1] \
                else "sentences_cut"
            edits.append({"kind": kind, "representative_sentences": cut})
        for x, y in sorted(paired.items()):
            edits.append(_changed(rep.sentences[ra[i1 + x]].text, member.sentences[rb[j1 + y]].text,
                                  ra[i1 + x], rb[j1 + y]))
        if added:
            edits.append({"kind": "paragraph_added", "sentences": added})
    return edits


def _pair_changed(old: list[str], new: list[str], min_ratio: float = 0.6) -> dict[int, int]:
    """Reworded sentences of a changed block, paired in order: old position -> new position."""
    pairs: dict[int, int] = {}
    start = 0
    for x, text in enumerate(old):
        words = text.split()
        best, best_y = min_ratio, -1
        for y in range(start, len(new)):
            ratio = difflib.SequenceMatcher(None, words, new[y].split(), autojunk=False).ratio()
            if ratio >= best:
                best, best_y = ratio, y
        if best_y >= 0:
            pairs[x] = best_y
            start = best_y + 1
    return pairs


def _changed(old: str, new: str, old_index: int, new_index: int) -> dict[str, Any]:
    where = {"representative_sentences": [old_index], "sentences": [new_index]}
    before, after = _NUMBER.findall(old), _NUMBER.findall(new)
    if before != after and _NUMBER.sub("#", old) == _NUMBER.sub("#", new):
        changed = [(x, y) for x, y in zip(before, after, strict=True) if x != y]
        return {"kind": "number_changed", **where, "from": changed[0][0], "to": changed[0][1]}
    return {"kind": "words_changed", **where}
