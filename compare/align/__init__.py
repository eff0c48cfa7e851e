"""Sentence alignment: the sentences of an event's accounts grouped into claims.

``align_event`` scores every sentence of every account against every sentence of every other
account (``similarity``; optionally mixed with sentence embeddings, ``semantic``), matches each
pair of accounts by a global assignment with 1:n extensions, and merges the links into claims
(``assign``).  See docs/alignment.md.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np

from compare.align.assign import ClaimBuilder, Link, match_pair, split_links
from compare.align.similarity import pair_scores, weigh_terms
from compare.config import AlignParams
from compare.lang.crosslingual import CROSS_LANGUAGE_LINK_THRESHOLD, cross_language_vectors
from compare.model import Claim, Event, SentenceLink, SentenceRef, Story

__all__ = ["align_event"]


def align_event(event: Event, stories: dict[str, Story], params: AlignParams) -> list[Claim]:
    """Group the sentences of the event's stories into claims, every sentence in exactly one."""
    if params.semantic:
        from compare.align.semantic import check_available

        check_available()  # fail early, with an install hint, even for events with one story
    refs = [SentenceRef(sid, s.index) for sid in event.stories for s in stories[sid].sentences]
    owner = [n for n, sid in enumerate(event.stories) for _ in stories[sid].sentences]
    if len(event.stories) < 2 or not refs:
        return [Claim(id=f"c{i}", sentences=[ref]) for i, ref in enumerate(refs, 1)]

    texts = [s.text for sid in event.stories for s in stories[sid].sentences]
    languages = [stories[sid].language for sid in event.stories for _ in stories[sid].sentences]
    terms = weigh_terms(texts, owner, languages)
    vectors = None
    if params.semantic:
        from compare.align.semantic import embed

        vectors = embed(texts)
    # accounts in different languages share no words: their sentences are scored by multilingual
    # embeddings instead (compare.lang.crosslingual), 1:1, with that score's own threshold
    cross_vectors = cross_language_vectors(event, stories, texts)
    positions: dict[int, list[int]] = defaultdict(list)
    for pos, n in enumerate(owner):
        positions[n].append(pos)

    # embeddings score every pair of one event's sentences higher (0.15-0.5 for unrelated ones),
    # so the mixed score has its own link threshold
    threshold = params.semantic_threshold if vectors is not None else params.link_threshold
    links: list[Link] = []
    blocks: dict[tuple[int, int], np.ndarray] = {}
    local = [0] * len(owner)  # position -> index within its account
    for members in positions.values():
        for k, pos in enumerate(members):
            local[pos] = k
    for x, y in combinations(sorted(positions), 2):
        rows, cols = positions[x], positions[y]
        language_x, language_y = stories[event.stories[x]].language, stories[event.stories[y]].language
        if cross_vectors is not None and language_x and language_y and language_x != language_y:
            score = np.round(np.clip(cross_vectors[rows] @ cross_vectors[cols].T, 0.0, 1.0).astype(np.float64), 4)
            blocks[(x, y)] = score
            links += match_pair(score, rows, cols, CROSS_LANGUAGE_LINK_THRESHOLD)
            continue
        scores = pair_scores(terms, rows, cols)
        score, part = scores.score, scores.part
        if vectors is not None:
            cosine = np.clip(vectors[rows] @ vectors[cols].T, 0.0, 1.0)
            score = (1.0 - params.semantic_weight) * score + params.semantic_weight * cosine
            part = (1.0 - params.semantic_weight) * part + params.semantic_weight * cosine
        score = np.round(score, 4)  # scores travel to the report; rounding keeps them stable
        part = np.round(part, 4)
        blocks[(x, y)] = score
        matched = match_pair(score, rows, cols, threshold)
        links += matched
        links += split_links(part, rows, cols, matched, terms.weights,
                             params.split_threshold, params.min_new_coverage)
    def score_of(i: int, j: int) -> float:
        if owner[i] > owner[j]:
            i, j = j, i
        return float(blocks[(owner[i], owner[j])][local[i], local[j]])

    return _claims(refs, owner, links, ClaimBuilder(owner, score_of, params.min_cohesion))


def _claims(refs: list[SentenceRef], owner: list[int], links: list[Link], builder: ClaimBuilder) -> list[Claim]:
    partners: dict[tuple[int, int], list[int]] = defaultdict(list)  # (sentence, account) -> partners
    for link in links:
        partners[(link.a, owner[link.b])].append(link.b)
        partners[(link.b, owner[link.a])].append(link.a)
    for key in sorted(partners):
        if len(partners[key]) > 1:
            builder.allow_together(partners[key])
    # A claim keeps the links that joined it (a spanning tree, n - 1 links for n sentences), not
    # every link inside it: a claim n accounts carry has up to n(n-1)/2 of those.
    joining: list[Link] = []
    for link in sorted(links, key=lambda k: (-k.score, k.a, k.b)):
        if builder.find(link.a) != builder.find(link.b) and builder.try_merge(link):
            joining.append(link)

    groups = builder.groups()
    group_of = {pos: g for g, members in enumerate(groups) for pos in members}
    links_of: dict[int, list[Link]] = defaultdict(list)
    for link in joining:
        links_of[group_of[link.a]].append(link)
    # claims carried by most accounts first, then in order of first appearance
    order = sorted(range(len(groups)), key=lambda g: (-len({owner[p] for p in groups[g]}), groups[g][0]))
    claims = []
    for n, g in enumerate(order, 1):
        claim_links = [
            SentenceLink(refs[k.a], refs[k.b], round(k.score, 3))
            for k in sorted(links_of[g], key=lambda k: (k.a, k.b))
        ]
        claims.append(Claim(id=f"c{n}", sentences=[refs[p] for p in groups[g]], links=claim_links))
    return claims
