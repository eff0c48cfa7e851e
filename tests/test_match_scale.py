"""Matching at scale: the vectorised verification, candidate caps, clustering by components and
incremental matching give what the plain definitions give (no timings here: benchmarks/bench_match.py)."""

from __future__ import annotations

import numpy as np

from compare.config import MatchParams
from compare.match import common_terms, lsh_keys
from compare.match.candidates import candidate_sentence_pairs
from compare.match.shingles import StoryTerms, story_terms
from compare.match.verify import FULL_MATCH_TERMS, StoryFeatures, Units, Vocabulary, passage_evidence
from compare.model import Sentence, Story

WORDS = [f"w{k}" for k in range(3000)]


def _story(k: int, sentences: list[str]) -> Story:
    story = Story(id=f"s{k}#0", document=f"s{k}", kind="article", title=None, date=None)
    story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(sentences)]
    return story


def _corpus(n: int, seed: int = 3) -> list[Story]:
    """Stories of random sentences; every third story retells the one before (shuffled, words swapped)."""
    rng = np.random.default_rng(seed)
    stories: list[Story] = []
    for k in range(n):
        if k % 3 == 2:
            base = [s.text.split() for s in stories[-1].sentences]
            told = [" ".join(w if rng.random() > 0.2 else str(rng.choice(WORDS)) for w in s) for s in base]
            rng.shuffle(told)
            stories.append(_story(k, told))
        else:
            stories.append(_story(k, [" ".join(rng.choice(WORDS[: 300 + 60 * (i % 40)], int(rng.integers(3, 12))))
                                      for i in range(int(rng.integers(4, 10)))]))
    return stories


def _reference_evidence(pairs: np.ndarray, units: Units, terms: list[StoryTerms], vocab: Vocabulary,
                        threshold: float, min_shared: int) -> dict[tuple[int, int], list[tuple[tuple[int, ...], tuple[int, ...], float]]]:
    """The definition, one pair at a time with Python sets (the code before vectorisation)."""
    weight = vocab.weight

    def unit(k: int) -> frozenset[int]:
        st = terms[int(units.story[k])]
        return frozenset(st.terms[st.offsets[units.first[k]] : st.offsets[units.last[k] + 1]].tolist())

    per_pair: dict[tuple[int, int], list] = {}
    for i, j in pairs.tolist():
        if units.last[i] != units.first[i] and units.last[j] != units.first[j]:
            continue
        if units.story[i] > units.story[j]:
            i, j = j, i
        a, b = unit(i), unit(j)
        inter = sum(weight[t] for t in a & b)
        union = sum(weight[t] for t in a) + sum(weight[t] for t in b) - inter
        sim = inter / union if union > 0 else 0.0
        if sim >= threshold and len(a & b) >= min_shared:
            per_pair.setdefault((int(units.story[i]), int(units.story[j])), []).append(
                (sim, int(units.first[i]), int(units.last[i]), int(units.first[j]), int(units.last[j]), len(a & b)))
    out = {}
    for key, found in sorted(per_pair.items()):
        found.sort(key=lambda m: (-m[0], m[1], m[3], m[2], m[4]))
        used_a: set[int] = set()
        used_b: set[int] = set()
        matches = []
        for sim, a0, a1, b0, b1, _shared in found:
            span_a, span_b = tuple(range(a0, a1 + 1)), tuple(range(b0, b1 + 1))
            if used_a & set(span_a) or used_b & set(span_b):
                continue
            used_a.update(span_a)
            used_b.update(span_b)
            matches.append((span_a, span_b, sim))
        out[key] = matches
    return out


def test_vectorised_passage_evidence_equals_the_definition() -> None:
    params = MatchParams()
    terms = [story_terms(s) for s in _corpus(120)]
    vocab = Vocabulary(terms)
    units, keys = lsh_keys(terms, common_terms(vocab, len(terms), params), params)
    pairs = candidate_sentence_pairs(keys, units.story, params.max_bucket)
    assert len(pairs) > 100
    found = passage_evidence(pairs, units, StoryFeatures(terms, vocab, 2.0), sentence_threshold=0.35,
                             min_shared_terms=3)
    expected = _reference_evidence(pairs, units, terms, vocab, 0.35, 3)
    assert len(expected) >= 10
    assert list(found) == list(expected)
    for key, matches in expected.items():
        # the same matches; sums in another order may differ in the last bit, so ties may list in another order
        got = sorted(found[key].matches)
        assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in sorted(matches)]
        assert np.allclose([s for _, _, s in got], [s for _, _, s in sorted(matches)])
        assert all(w <= s + 1e-12 for w, (_, _, s) in zip(found[key].weights, found[key].matches, strict=True))


def test_short_matches_count_less() -> None:
    assert FULL_MATCH_TERMS == 6



def _random_graph(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, dict[tuple[int, int], float]]:
    rng = np.random.default_rng(seed)
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, size=(3 * n, 2)) if a < b}
    ordered = np.array(sorted(pairs), dtype=np.int64)
    scores = {p: float(s) for p, s in zip(sorted(pairs), rng.random(len(pairs)) ** 2, strict=True)}
    return ordered, np.array([scores[p] for p in sorted(pairs)]), scores


def test_clustering_by_components_equals_average_link_over_all_candidates(monkeypatch) -> None:
    import compare.match.cluster as cluster

    for seed in range(6):
        n = 60
        pairs, values, scores = _random_graph(n, seed)
        weights = np.random.default_rng(seed).integers(1, 4, size=n).astype(np.float64)

        def pair_scores(xs: np.ndarray, ys: np.ndarray, scores: dict = scores) -> np.ndarray:
            return np.array([scores.get((min(x, y), max(x, y)), 0.0) for x, y in zip(xs.tolist(), ys.tolist(), strict=True)])

        whole = cluster.average_link(n, [tuple(p) for p in pairs.tolist()],
                                     cluster.weighted_block_sums(pair_scores, weights), 0.3, weights.tolist())
        assert cluster.cluster_by_components(n, pairs, values, pair_scores, 0.3, weights) == whole
        monkeypatch.setattr(cluster, "DENSE_MAX", 3)  # the large-component path too
        assert cluster.cluster_by_components(n, pairs, values, pair_scores, 0.3, weights) == whole
        monkeypatch.setattr(cluster, "DENSE_MAX", 300)
        assert any(len(c) > 2 for c in whole)


def test_a_sentence_pair_sharing_a_word_or_two_is_no_candidate() -> None:
    from compare.match.verify import UnitPairScores

    units = Units(np.array([0, 0, 1, 2, 3]), np.array([0, 1, 0, 0, 0]), np.array([0, 1, 0, 0, 0]))
    scored = UnitPairScores(np.array([[0, 2], [1, 2], [0, 3], [2, 4]]), np.array([0.1, 0.5, 0.15, 0.2]),
                            np.array([1, 4, 1, 3]))
    # story 0-1: one close sentence pair (and a loose one); 0-3 only a loose one; 1-3 exactly at the floor
    assert scored.story_pairs(units, 0.2).tolist() == [[0, 1], [1, 3]]
    assert scored.story_pairs(units, 0.0).tolist() == [[0, 1], [0, 2], [1, 3]]


def test_each_story_keeps_its_few_strongest_loose_pairs() -> None:
    """Below the floor a story keeps its ``weak_top`` best partners (summed similarity, ties by story
    number), kept when either story ranks the pair; pairs at the floor are all kept."""
    from compare.match.verify import UnitPairScores

    story = np.arange(6)
    units = Units(story, np.zeros(6, dtype=np.int64), np.zeros(6, dtype=np.int64))
    # story 0 meets 1..5 loosely: 0-3 twice (0.1 + 0.1), 0-1 0.15, 0-2 and 0-4 0.1 (a tie), 0-5 0.05; 4-5 at the floor
    pairs = np.array([[0, 1], [0, 2], [0, 3], [0, 3], [0, 4], [0, 5], [4, 5]])
    sims = np.array([0.15, 0.1, 0.1, 0.1, 0.1, 0.05, 0.3])
    scored = UnitPairScores(pairs, sims, np.ones(len(pairs), dtype=np.int64))
    assert scored.story_pairs(units, 0.2, 0).tolist() == [[4, 5]]
    # story 0's two best: 0-3 (0.2), 0-1 (0.15); every other story ranks its only loose pair first
    assert scored.story_pairs(units, 0.2, 2).tolist() == [[0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [4, 5]]
    # with one pair per story: 0 keeps 0-3, 1 keeps 0-1, 2 keeps 0-2, 4 keeps 0-4 (4-5 is no loose pair), 5 keeps 0-5
    assert scored.story_pairs(units, 0.2, 1).tolist() == [[0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [4, 5]]
    assert scored.story_pairs(units, 0.0, 1).tolist() == scored.story_pairs(units, 0.0).tolist()
    # many stories meeting one hub loosely: the hub keeps its best, the others theirs; never more than top x stories
    hub = UnitPairScores(np.array([[0, k] for k in range(1, 6)]), np.array([0.01 * k for k in range(1, 6)]),
                         np.ones(5, dtype=np.int64))
    assert len(hub.story_pairs(units, 0.2, 1)) == 5  # each of 1..5 ranks the hub first
    rng = np.random.default_rng(3)
    many = Units(np.arange(300), np.zeros(300, dtype=np.int64), np.zeros(300, dtype=np.int64))
    loose = rng.integers(0, 300, size=(5000, 2))
    loose = np.sort(loose[loose[:, 0] != loose[:, 1]], axis=1)
    kept = UnitPairScores(loose, rng.random(len(loose)) * 0.2, np.ones(len(loose), dtype=np.int64)).story_pairs(many, 0.2, 4)
    assert len(kept) <= 4 * 300


def test_distinct_stems_per_sentence_counted_in_one_pass() -> None:
    from compare.match import distinct_per_sentence

    terms = [story_terms(s) for s in _corpus(12)] + [story_terms(_story(99, []))]
    expected = [len(np.unique(t.sentence_terms(i))) for t in terms for i in range(t.num_sentences)]
    assert distinct_per_sentence(terms).tolist() == expected
    assert distinct_per_sentence([story_terms(_story(98, []))]).tolist() == []
