"""Candidates and evidence for accounts in different languages (the match stage's hook).

Shingles of stems cannot meet across languages, so stories in different languages get their
candidate pairs and sentence evidence from multilingual embeddings (``compare.lang.embed``),
and then go through the same verify -> cluster steps as every other pair:

1. each story's vector is the normalised mean of its sentence vectors; a story's candidates
   are its ``CANDIDATES_PER_STORY`` nearest stories in other languages with a story cosine of
   at least ``MIN_STORY_COSINE``;
2. for a candidate pair, sentences that are each other's best match with a cosine of at least
   ``MIN_SENTENCE_COSINE`` are matched sentences (a translation scores 0.7-0.9, unrelated
   sentences of one topic rarely above 0.45); their cosines are the evidence weights, summed
   like the passage evidence of same-language pairs.

Pure over records: stories in, ``{(a, b): [(sentences of a, sentences of b, cosine)]}`` out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from compare.lang import embed
from compare.model import Event, Story

MIN_STORY_COSINE = 0.45
CROSS_LANGUAGE_LINK_THRESHOLD = 0.6  # sentence cosine that links two sentences of a claim across languages
MIN_SENTENCE_COSINE = 0.6
CANDIDATES_PER_STORY = 5

Matches = list[tuple[tuple[int, ...], tuple[int, ...], float]]


def story_languages(stories: list[Story]) -> list[str]:
    """The languages the stories are known to be in, sorted."""
    return sorted({s.language for s in stories if s.language})


def cross_language_pairs(stories: list[Story], stats: dict[str, Any] | None = None) -> dict[tuple[int, int], Matches]:
    """Sentence matches of story pairs (a < b) in different languages; empty for one language.

    Without the multilingual extra installed, says so once on stderr and returns nothing."""
    languages = story_languages(stories)
    if len(languages) < 2:
        return {}
    if not embed.available():
        embed.tell_missing(languages)
        return {}
    texts = [s.text for story in stories for s in story.sentences]
    owner = np.array([k for k, story in enumerate(stories) for _ in story.sentences], dtype=np.int64)
    vectors = embed.embed(texts)
    bounds = np.searchsorted(owner, np.arange(len(stories) + 1))
    story_vectors = np.zeros((len(stories), vectors.shape[1] if len(vectors) else embed.DIMENSIONS), dtype=np.float32)
    for k in range(len(stories)):
        if bounds[k + 1] > bounds[k]:
            mean = vectors[bounds[k] : bounds[k + 1]].mean(axis=0)
            story_vectors[k] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    lang = np.array([s.language or "" for s in stories])
    candidates: set[tuple[int, int]] = set()
    similarity = story_vectors @ story_vectors.T
    for k in range(len(stories)):
        if not lang[k]:
            continue
        other = np.flatnonzero((lang != lang[k]) & (lang != "") & (similarity[k] >= MIN_STORY_COSINE))
        best = other[np.argsort(-similarity[k, other], kind="stable")[:CANDIDATES_PER_STORY]]
        candidates.update((min(k, int(j)), max(k, int(j))) for j in best)
    out: dict[tuple[int, int], Matches] = {}
    for a, b in sorted(candidates):
        block = vectors[bounds[a] : bounds[a + 1]] @ vectors[bounds[b] : bounds[b + 1]].T
        if not block.size:
            continue
        rows, cols = block.argmax(axis=1), block.argmax(axis=0)
        matches: Matches = [
            ((i,), (int(j),), round(float(block[i, j]), 4))
            for i, j in enumerate(rows.tolist())
            if cols[j] == i and block[i, j] >= MIN_SENTENCE_COSINE
        ]
        if matches:
            out[(a, b)] = matches
    if stats is not None:
        stats.update(languages=languages, cross_language_candidate_pairs=len(candidates),
                     cross_language_pairs_with_matches=len(out))
    return out


def cross_language_vectors(event: Event, stories: dict[str, Story], texts: list[str]) -> np.ndarray | None:
    """Embeddings of ``texts`` (the event's sentences) when the event's accounts are in more
    than one language and the multilingual extra is installed; else None (the aligner's hook)."""
    languages = story_languages([stories[sid] for sid in event.stories])
    if len(languages) < 2:
        return None
    if not embed.available():
        embed.tell_missing(languages)
        return None
    return embed.embed(texts)
