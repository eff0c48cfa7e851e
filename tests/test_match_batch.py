"""The embedded path's whole-corpus (vectorised) steps give exactly what their per-story definitions give."""

from __future__ import annotations

import random

import numpy as np
import pytest

from compare.match import flag_furniture, furniture_flags, source_codes
from compare.match.families import sentence_keys, site_furniture, story_shingles, story_shingles_many
from compare.match.shingles import StoryTerms
from compare.model import Sentence, Story

WORDS = "port storm ferry coast guard rescued crew minister said police fire town river bridge closed".split()


def _corpus(seed: int, n: int = 60) -> list[Story]:
    rng = random.Random(seed)
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))) for _ in range(40)]
    furniture = ["Follow us on the web.", "Subscribe to our newsletter."]
    stories = []
    for k in range(n):
        outlet = f"outlet{rng.randint(0, 5)}"
        texts = [rng.choice(lines) for _ in range(rng.randint(0, 8))]
        if rng.random() < 0.5:
            texts.append(f"{rng.choice(furniture)}  {outlet.upper()}")
        if rng.random() < 0.3:
            texts.insert(0, rng.choice(furniture).upper())
        story = Story(id=f"d{k}#0", document=f"{outlet}/d{k}.txt", kind="article", title=None, date=None)
        story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(texts)]
        stories.append(story)
    return stories


def test_furniture_flags_follow_site_furniture() -> None:
    for seed in range(5):
        stories = _corpus(seed)
        keys = [sentence_keys(s) for s in stories]
        sources = source_codes(stories).tolist()
        expected = flag_furniture(keys, sources, site_furniture(keys, sources))
        assert furniture_flags(stories) == expected
        assert any(any(f) for f in expected)  # the corpus has furniture to find


def _terms(rng: np.random.Generator, sentences: int) -> StoryTerms:
    lengths = rng.integers(0, 7, size=sentences)
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    terms = rng.integers(0, 30, size=int(offsets[-1])).astype(np.uint32) * np.uint32(2654435761)
    return StoryTerms(terms, offsets, np.zeros(len(terms), dtype=np.uint8))


@pytest.fixture(params=[False, True], ids=["one-batch", "small-batches"])
def batches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a test with the default batch sizes, then with batches of 7 stories (their seams)."""
    if request.param:
        import compare.match
        import compare.match.families
        import compare.match.verify

        monkeypatch.setattr(compare.match.families, "_CHUNK", 7)
        monkeypatch.setattr(compare.match.verify, "_ROWS_CHUNK", 7)
        monkeypatch.setattr(compare.match, "_FLAT_CHUNK", 7)


@pytest.mark.usefixtures("batches")
def test_story_shingles_many_equals_one_by_one() -> None:
    rng = np.random.default_rng(3)
    stories = [_terms(rng, int(rng.integers(0, 6))) for _ in range(200)]
    skip = [None if rng.random() < 0.5 else (rng.random(s.num_sentences) < 0.3).tolist() for s in stories]
    for flags in (None, skip):
        together = story_shingles_many(stories, flags)
        for k, story in enumerate(stories):
            alone = story_shingles(story, None if flags is None else flags[k])
            assert together[k].dtype == alone.dtype and np.array_equal(together[k], alone)


@pytest.mark.usefixtures("batches")
def test_signed_units_equal_story_by_story() -> None:
    from compare.config import MatchParams
    from compare.match import filtered, lsh_keys, sentence_units, sign_stories, signed_units
    from compare.match.signatures import band_keys, lsh_bands

    rng = np.random.default_rng(5)
    stories = [_terms(rng, int(rng.integers(0, 9))) for _ in range(300)]
    params = MatchParams()
    for common in (np.empty(0, dtype=np.uint32), np.unique(stories[0].terms[:3]), np.unique(np.concatenate([s.terms for s in stories]))[::4]):
        chunk = [filtered(t, common) for t in stories]
        expected_units, expected_sigs = sentence_units(chunk, sign_stories(chunk, params), params.min_unit_terms, 7, params.windows)
        units, sigs = signed_units(stories, common, params, 7)
        for field in ("story", "first", "last", "size"):
            assert np.array_equal(getattr(units, field), getattr(expected_units, field))
        assert np.array_equal(sigs, expected_sigs)
        # lsh_keys: the same units, banded, over batches of stories numbered from 0
        all_units, keys = lsh_keys(stories, common, params)
        assert np.array_equal(all_units.story, expected_units.story - 7)
        assert np.array_equal(keys, band_keys(expected_sigs, *lsh_bands(params.lsh_threshold, params.num_perm)))


@pytest.mark.usefixtures("batches")
def test_tfidf_matrix_rows_equal_story_vectors() -> None:
    from compare.match.verify import StoryFeatures, Vocabulary

    rng = np.random.default_rng(11)
    stories = [_terms(rng, int(rng.integers(0, 9))) for _ in range(300)]
    for story in stories:
        story.names[:] = rng.random(len(story.names)) < 0.3
    vocab = Vocabulary(stories[::2])  # some terms unknown to the vocabulary: idf 0
    features = StoryFeatures(stories, vocab, 2.0)
    matrix = features.matrix()
    for k in range(len(stories)):
        terms, weights = features.vector(k)
        row = matrix[k]
        assert np.array_equal(row.indices, np.searchsorted(vocab.terms, terms))
        assert np.array_equal(row.data, weights)  # bit for bit


@pytest.mark.usefixtures("batches")
def test_name_lsh_equals_story_by_story_sets() -> None:
    from compare.config import MatchParams
    from compare.match import name_lsh
    from compare.match.signatures import band_keys, lsh_bands, sign_sentences

    rng = np.random.default_rng(13)
    stories = [_terms(rng, int(rng.integers(0, 9))) for _ in range(300)]
    for story in stories:
        story.names[:] = rng.random(len(story.names)) < 0.5
    params = MatchParams()
    common = np.unique(np.concatenate([s.terms for s in stories]))[::5]
    sets = [np.setdiff1d(s.terms[s.names.astype(bool)], common) for s in stories]
    offsets = np.cumsum([0] + [len(x) for x in sets]).astype(np.int64)
    sigs = sign_sentences(np.concatenate(sets).astype(np.uint32), offsets, params.num_perm, params.seed + 1)
    keep = np.flatnonzero([len(x) >= params.min_shared_terms for x in sets])
    found_keep, found_keys, found_sizes = name_lsh(stories, common, params)
    assert np.array_equal(found_keep, keep)
    assert np.array_equal(found_keys, band_keys(sigs[keep], *lsh_bands(params.name_lsh_threshold, params.num_perm)))
    assert np.array_equal(found_sizes, np.diff(offsets)[keep])


def _trigrams_one_sentence_at_a_time(story: StoryTerms) -> set[int]:
    """The definition of ``verify.trigram_set``, sentence by sentence (the code before vectorisation)."""
    out: set[int] = set()
    terms = story.terms.astype(np.uint64)
    for i in range(story.num_sentences):
        t = terms[int(story.offsets[i]) : int(story.offsets[i + 1])]
        if len(t) < 3:
            out.update((t * np.uint64(0x9E3779B1)).tolist())
            continue
        out.update(((t[:-2] << np.uint64(40)) ^ (t[1:-1] << np.uint64(20)) ^ t[2:]).tolist())
    return out


def test_trigram_set_equals_sentence_by_sentence() -> None:
    from compare.match.verify import trigram_set

    rng = np.random.default_rng(17)
    for _ in range(300):
        story = _terms(rng, int(rng.integers(0, 9)))
        assert trigram_set(story) == _trigrams_one_sentence_at_a_time(story)
