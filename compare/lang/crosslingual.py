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
   like the passage evidence of same-language pairs;
3. names need no model: capitalised words transliterated to one Latin key (``names.name_key``,
   first ``NAME_PREFIX`` letters, so that Russian case endings fall off: Сидоровым = Sidorov)
   are compared as idf-weighted sets (a story in a script without capitals, Arabic, Chinese,
   Hindi, takes the names of the cased stories that its words meet, by key or by consonant
   skeleton: ``uncased_story_names``); their overlap (weighted cosine) above ``NAME_OVERLAP_FLOOR``
   adds ``NAME_WEIGHT`` times the excess as evidence, and pairs with an overlap of at least
   ``MIN_NAME_OVERLAP`` are candidates too.  On the real accounts of
   benchmarks/crosslang_events.py accounts of one event overlapped 0.22-0.41, other pairs at most 0.20.

Pure over records: stories in, ``{(a, b): CrossEvidence}`` out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from compare.lang import embed
from compare.lang.names import common_nouns, name_key, skeleton, uncased_name_candidates
from compare.lang.text import stopwords
from compare.model import Event, Story

MIN_STORY_COSINE = 0.45
CROSS_LANGUAGE_LINK_THRESHOLD = 0.6  # sentence cosine that links two sentences of a claim across languages
MIN_SENTENCE_COSINE = 0.6
CANDIDATES_PER_STORY = 5
NAME_PREFIX = 5
NAME_MIN_LETTERS = 4
NAME_OVERLAP_FLOOR = 0.1
NAME_WEIGHT = 2.0
MIN_NAME_OVERLAP = 0.2
MIN_SKELETON = 3  # consonants a skeleton needs to tie a name in an uncased script to a cased one

Matches = list[tuple[tuple[int, ...], tuple[int, ...], float]]


@dataclass(slots=True)
class CrossEvidence:
    """Why two stories in different languages may tell one event."""

    matches: Matches = field(default_factory=list)  # sentence pairs matched by embeddings
    name_overlap: float = 0.0  # idf-weighted cosine of their transliterated name sets

    @property
    def weights(self) -> list[float]:
        """Evidence weights of the matched sentences (the match stage counts all but the strongest)."""
        return [sim for _a, _b, sim in self.matches]

    @property
    def name_evidence(self) -> float:
        """Evidence from shared names, added to the sentences'."""
        return NAME_WEIGHT * max(0.0, self.name_overlap - NAME_OVERLAP_FLOOR)


_CAPITALISED = re.compile(rf"[^\W\d_]{{{NAME_MIN_LETTERS},}}")


def story_names(story: Story) -> frozenset[str]:
    """Script-independent keys of the capitalised words of a story (stop words left out)."""
    stops = stopwords(story.language)
    nouns = common_nouns([sentence.text for sentence in story.sentences], story.language)  # German nouns
    return frozenset(
        name_key(word)[:NAME_PREFIX]
        for sentence in story.sentences
        for word in _CAPITALISED.findall(sentence.text)
        if word[0].isupper() and word.lower() not in stops and word.lower() not in nouns
    )


def uncased_story_names(story: Story, known: set[str], skeletons: dict[str, frozenset[str]]) -> frozenset[str]:
    """Name keys of a story in a script without capitals (Arabic, Chinese, Hindi ...), where
    capitals cannot tell names: its words (``names.uncased_name_candidates``) that meet a name of
    the stories in cased scripts, by its key (``known``: Hindi लावरोव = Lavrov) or, when the key
    differs, by a consonant skeleton that only one such name has (``skeletons``: Arabic لافروف,
    Chinese 拉夫罗夫 = Lavrov).  Each meeting adds that name's key."""
    out: set[str] = set()
    for sentence in story.sentences:
        for word in uncased_name_candidates(sentence.text):
            key = name_key(word)[:NAME_PREFIX]
            if key in known:
                out.add(key)
                continue
            bone = skeleton(word)
            owners = skeletons.get(bone, frozenset()) if len(bone) >= MIN_SKELETON else frozenset()
            if len(owners) == 1:
                out |= owners
    return frozenset(out)


def _all_story_names(stories: list[Story]) -> tuple[list[frozenset[str]], set[int]]:
    """``story_names`` of each story; for one in a script without capitals, ``uncased_story_names``
    (and the indices of those stories: their names are borrowed, see ``name_overlaps``)."""
    sets = [story_names(s) for s in stories]
    uncased = {k for k, s in enumerate(stories) if not sets[k] and _uncased(s)}
    if not uncased:
        return sets, uncased
    known: set[str] = set()
    owners: dict[str, set[str]] = {}
    for k, story in enumerate(stories):
        if k in uncased:
            continue
        stops = stopwords(story.language)
        for sentence in story.sentences:
            for position, m in enumerate(_CAPITALISED.finditer(sentence.text)):
                word = m.group()
                if word[0].isupper() and word.lower() not in stops:
                    key = name_key(word)[:NAME_PREFIX]
                    known.add(key)
                    if position and len(bone := skeleton(word)) >= MIN_SKELETON:  # not capitalised by position
                        owners.setdefault(bone, set()).add(key)
    skeletons = {bone: frozenset(keys) for bone, keys in owners.items()}
    for k in uncased:
        sets[k] = uncased_story_names(stories[k], known, skeletons)
    return sets, uncased


def _uncased(story: Story) -> bool:
    """Whether most letters of the story are of scripts without capitals."""
    letters = [c for s in story.sentences[:5] for c in s.text if c.isalpha()]
    return sum(c.upper() == c.lower() for c in letters) > len(letters) / 2


def name_overlaps(stories: list[Story]) -> dict[tuple[int, int], float]:
    """Weighted name overlap of every pair of stories in different languages that shares a name.
    The names a story in a script without capitals borrows from the others do not count in their
    document frequency: such a story adds pairs, and leaves the weights of the others' pairs alone."""
    sets, borrowed = _all_story_names(stories)
    df: dict[str, int] = {}
    for k, names in enumerate(sets):
        for key in names:
            df[key] = df.get(key, 0) + (k not in borrowed)
    n = len(stories)
    idf = {key: math.log(n / max(count, 1)) for key, count in df.items()}
    norm = [math.sqrt(sum(idf[k] for k in names)) for names in sets]
    holders: dict[str, list[int]] = {}
    for k, names in enumerate(sets):
        for key in names:
            holders.setdefault(key, []).append(k)
    shared: dict[tuple[int, int], float] = {}
    for key, ks in sorted(holders.items()):
        if df[key] > max(2, n // 2):
            continue  # in most stories: no evidence, and quadratic to pair
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                if stories[a].language and stories[b].language and stories[a].language != stories[b].language:
                    shared[(a, b)] = shared.get((a, b), 0.0) + idf[key]
    return {pair: w / max(norm[pair[0]] * norm[pair[1]], 1e-9) for pair, w in shared.items()}


def story_languages(stories: list[Story]) -> list[str]:
    """The languages the stories are known to be in, sorted."""
    return sorted({s.language for s in stories if s.language})


def cross_language_pairs(stories: list[Story], stats: dict[str, Any] | None = None) -> dict[tuple[int, int], CrossEvidence]:
    """Evidence for story pairs (a < b) in different languages; empty for one language.

    Names count without any model; without the multilingual extra installed, sentence
    evidence is missing and the run says so once on stderr."""
    languages = story_languages(stories)
    if len(languages) < 2:
        return {}
    out: dict[tuple[int, int], CrossEvidence] = {
        pair: CrossEvidence(name_overlap=overlap) for pair, overlap in name_overlaps(stories).items()
    }
    candidates = {pair for pair, ev in out.items() if ev.name_overlap >= MIN_NAME_OVERLAP}
    if embed.available():
        for pair, matches in _sentence_matches(stories, candidates).items():
            out.setdefault(pair, CrossEvidence()).matches = matches
    else:
        embed.tell_missing(languages)
    out = {pair: ev for pair, ev in out.items() if ev.matches or ev.name_overlap > NAME_OVERLAP_FLOOR}
    if stats is not None:
        stats.update(languages=languages, cross_language_pairs=len(out))
    return out


def _sentence_matches(stories: list[Story], candidates: set[tuple[int, int]]) -> dict[tuple[int, int], Matches]:
    texts = [s.text for story in stories for s in story.sentences]
    owner = np.array([k for k, story in enumerate(stories) for _ in story.sentences], dtype=np.int64)
    vectors = embed.embed(texts)
    bounds = np.searchsorted(owner, np.arange(len(stories) + 1))
    story_vectors = np.zeros((len(stories), embed.DIMENSIONS), dtype=np.float32)
    for k in range(len(stories)):
        if bounds[k + 1] > bounds[k]:
            mean = vectors[bounds[k] : bounds[k + 1]].mean(axis=0)
            story_vectors[k] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    lang = np.array([s.language or "" for s in stories])
    candidates = set(candidates)
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
