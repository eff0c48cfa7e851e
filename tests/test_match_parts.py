"""Unit tests of the matching building blocks: signatures, LSH buckets, clustering."""

from __future__ import annotations

import numpy as np
import pytest
import xxhash
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from compare.match.candidates import candidate_sentence_pairs
from compare.match.cluster import average_link
from compare.match.shingles import sentence_stems, story_terms
from compare.match.signatures import band_keys, lsh_bands, sign_many, sign_sentences
from compare.model import Sentence, Story


def _story(sentences: list[str]) -> Story:
    story = Story(id="s#0", document="s", kind="article", title=None, date=None)
    story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(sentences)]
    return story


SENTENCES = [
    "NATO is substantially building up its forces on the western borders of the zone.",
    "Military activity is increasing and militarization of the whole region is underway.",
    "",
    "We will test first of all the crisis response system.",
]


def test_signatures_equal_datasketch_minhash() -> None:
    terms = story_terms(_story(SENTENCES))
    sigs = sign_sentences(terms.terms, terms.offsets, num_perm=64)
    for i, text in enumerate(SENTENCES):
        stems, _ = sentence_stems(text)
        if not stems:
            assert (sigs[i] == np.uint32(0xFFFFFFFF)).all()
            continue
        reference = MinHash(num_perm=64, hashfunc=xxhash.xxh32_intdigest)
        for stem in stems:
            reference.update(stem.encode("utf-8"))
        assert np.array_equal(sigs[i], reference.hashvalues.astype(np.uint32))


def test_sign_many_matches_one_by_one() -> None:
    stories = [story_terms(_story(SENTENCES[:k])) for k in (1, 4, 2)]
    together = sign_many([(t.terms, t.offsets) for t in stories], num_perm=32)
    for t, sig in zip(stories, together, strict=True):
        assert np.array_equal(sig, sign_sentences(t.terms, t.offsets, num_perm=32))


def test_name_flags_mark_capitalised_and_numbers() -> None:
    stems, flags = sentence_stems("The envoy met Stanislav Zas in Minsk on 23 November")
    named = {s for s, f in zip(stems, flags, strict=True) if f}
    assert {"stanislav", "zas", "minsk", "23", "novemb"} <= named
    assert "envoy" not in named and "met" not in named


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.3, 64), (0.5, 128), (0.15, 64)])
def test_lsh_bands_follow_datasketch(threshold: float, num_perm: int) -> None:
    assert lsh_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_buckets_give_cross_story_pairs_and_cap_boilerplate() -> None:
    keys = np.array([[1], [1], [2], [2], [2], [7], [7], [7], [7]], dtype=np.uint64)
    owner = np.array([0, 1, 2, 2, 3, 4, 5, 6, 7])
    pairs = candidate_sentence_pairs(keys, owner, max_bucket=3)
    # bucket 1: one pair; bucket 2: sentences 2 and 3 share a story; bucket 7 is over the cap
    assert pairs.tolist() == [[0, 1], [2, 4], [3, 4]]


def test_identical_signatures_collide_in_every_band() -> None:
    sig = np.arange(64, dtype=np.uint32).reshape(1, 64)
    other = sig.copy()
    other[0, 0] += 1
    keys = band_keys(np.vstack([sig, sig, other]), bands=16, rows=4)
    assert (keys[0] == keys[1]).all()
    assert (keys[0] != keys[2]).sum() == 1


def _summer(scores: dict[tuple[int, int], float]):
    def block_sums(requests):
        return [sum(scores.get((min(a, b), max(a, b)), 0.0) for a in xs for b in ys) for xs, ys in requests]

    return block_sums


def test_average_link_does_not_chain() -> None:
    scores = {(0, 1): 1.0, (1, 2): 0.9, (2, 3): 1.0}
    clusters = average_link(4, scores, _summer(scores), threshold=0.6)
    assert clusters == [[0, 1], [2, 3]]


def test_average_link_joins_a_story_that_matches_the_whole_event() -> None:
    scores = {(0, 1): 0.9, (0, 2): 0.7, (1, 2): 0.6, (2, 3): 0.55}
    clusters = average_link(4, scores, _summer(scores), threshold=0.5)
    assert clusters == [[0, 1, 2], [3]]


def test_signing_in_small_blocks_gives_the_same_signatures(monkeypatch) -> None:
    import compare.match.signatures as signatures

    terms = story_terms(_story(SENTENCES * 5))
    whole = sign_sentences(terms.terms, terms.offsets, num_perm=16)
    monkeypatch.setattr(signatures, "_BLOCK", 16 * 7)
    assert np.array_equal(sign_sentences(terms.terms, terms.offsets, num_perm=16), whole)


def test_common_stems_are_left_out_of_signatures() -> None:
    from compare.config import MatchParams
    from compare.match import common_terms, filtered
    from compare.match.verify import Vocabulary

    stories = [story_terms(_story([f"Officials said the bridge number {i} reopened today."])) for i in range(40)]
    params = MatchParams(common_df_fraction=0.5, common_df_min=5, common_df_max=1000)
    common = common_terms(Vocabulary(stories), len(stories), params)
    assert len(common) == 6  # every stem but the story's own number
    kept = filtered(stories[3], common)
    assert kept.num_sentences == 1 and len(kept.terms) == 1


def test_dates_weigh_the_pair_score_both_ways():
    """Within the date window the score is raised (capped at 1); weeks apart it is cut; no date: unchanged."""
    from compare.match.verify import combine

    cosine = np.array([0.2, 0.2, 0.2, 0.9])
    evidence = np.zeros(4)
    far = np.array([False, True, False, False])
    close = np.array([True, False, False, True])
    got = combine(cosine, evidence, far, date_penalty=3.0, close=close, date_bonus=1.5)
    assert got[0] == pytest.approx(0.3)
    assert got[1] == pytest.approx(0.2 / 3)
    assert got[2] == pytest.approx(0.2)
    assert got[3] == 1.0


def test_tokenising_in_worker_processes_gives_the_same_terms(monkeypatch) -> None:
    from compare.match import shingles

    stories = [Story(id=f"s{i}#0", document=f"s{i}", kind="article", title=None, date=None) for i in range(30)]
    for i, story in enumerate(stories):
        text = f"Officials in Harbour City said {i} ferries were cancelled on Monday after the storm."
        story.sentences = [Sentence(0, text, 0, len(text)), Sentence(1, "Talks resumed later.", 0, 20)]
    one = shingles.story_terms_many(stories, workers=1)
    monkeypatch.setattr(shingles, "PARALLEL_MIN", 2)
    monkeypatch.setattr(shingles, "_CHUNK", 7)
    two = shingles.story_terms_many(stories, workers=2)
    assert len(one) == len(two) == 30
    for a, b in zip(one, two, strict=True):
        assert np.array_equal(a.terms, b.terms) and np.array_equal(a.offsets, b.offsets)
        assert np.array_equal(a.names, b.names)


def test_stories_tokenised_together_equal_the_sentence_by_sentence_definition(monkeypatch) -> None:
    """``story_terms_batch`` (all sentences in one regex pass, tokens looked up by id) gives, story by
    story, the stems and name flags of ``sentence_stems`` sentence by sentence, also for texts that hold
    the batch's sentence mark (NUL), combining marks, ligatures, curly quotes and empty sentences."""
    from compare.match import shingles

    texts = [
        "Caf\u0065\u0301 owners in Na\u00efve Town said \u201cnothing\u201d \u2014 again.",
        "\u0301a sentence that starts with a combining mark, 12 boats",
        "a NUL\x00inside, Harbour\x00City officials", "", "   ", "\ufb01ne \uff26\uff35\uff2c\uff2c width words",
        "O'Neil's re-elected mayor cut 3.5% of U.S. jobs", "\x01\x1e x\x1fy", "The Mayor met Anna Berg.",
        "Line\u2028Two\x85three\u1680Four\u3000five\u00a0Six\u2009seven\tEight\r\nnine",
        "--- 'quoted' words -- and-so-on (AP) \u00c9lys\u00e9e \u041c\u043e\u0441\u043a\u0432\u0430 \U0001d400bc",
    ]
    stories = [_story([texts[(i * 7 + k) % len(texts)] for k in range(i % 6)]) for i in range(40)]
    monkeypatch.setattr(shingles, "_TOKENS_MAX", 25)  # the token table is cleared and refilled on the way
    found = [t for i in range(0, 40, 9) for t in shingles.story_terms_batch(stories[i : i + 9])]
    for story, terms in zip(stories, found, strict=True):
        assert terms.num_sentences == len(story.sentences)
        for i, sentence in enumerate(story.sentences):
            stems, flags = sentence_stems(sentence.text)
            assert terms.sentence_terms(i).tolist() == [xxhash.xxh32_intdigest(s.encode()) for s in stems]
            assert terms.names[terms.offsets[i] : terms.offsets[i + 1]].tolist() == flags
        assert terms.terms.dtype == np.uint32 and terms.offsets.dtype == np.int64 and terms.names.dtype == np.uint8


def _assert_sentence_by_sentence(stories: list[Story], found: list) -> None:
    for story, terms in zip(stories, found, strict=True):
        assert terms.num_sentences == len(story.sentences)
        for i, sentence in enumerate(story.sentences):
            stems, flags = sentence_stems(sentence.text)
            assert terms.sentence_terms(i).tolist() == [xxhash.xxh32_intdigest(s.encode()) for s in stems]
            assert terms.names[terms.offsets[i] : terms.offsets[i + 1]].tolist() == flags


def test_chunks_that_share_a_hash_are_read_token_by_token(monkeypatch) -> None:
    """Chunks of text are told apart by a 64-bit hash, and every occurrence is checked byte for byte:
    with a hash that makes every chunk collide, the batch is read one regex match at a time and gives
    the same stems (also when the collision is with a chunk of an earlier batch)."""
    from compare.match import shingles

    texts = ["Officials in Harbour City said 12 ferries were cancelled.", "The Mayor met Anna Berg, again."]
    first = [_story(texts) for _ in range(3)]
    _assert_sentence_by_sentence(first, shingles.story_terms_batch(first))
    monkeypatch.setattr(shingles, "_chunk_hashes", lambda data, starts, ends: np.zeros(len(starts), dtype=np.uint64))
    later = [_story([t + " Later, talks resumed in Harbour City."]) for t in texts]
    _assert_sentence_by_sentence(later, shingles.story_terms_batch(later))
    shingles._reset_ids()
    _assert_sentence_by_sentence(later, shingles.story_terms_batch(later))


def test_the_other_spaces_are_every_space_nfkc_keeps() -> None:
    """The tokeniser cuts chunks at ASCII white space bytes; every other character ``str.split`` cuts at
    and that NFKC leaves as it is must be in ``_OTHER_SPACE_RE`` (NFKC turns the rest into a space)."""
    import unicodedata

    from compare.match import shingles

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    ascii_spaces = [c for c in spaces if c.isascii()]
    assert sorted(ord(c) for c in ascii_spaces) == np.flatnonzero(shingles._ASCII_SPACE).tolist()
    kept = [c for c in spaces if not c.isascii() and unicodedata.normalize("NFKC", c) == c]
    assert all(shingles._OTHER_SPACE_RE.fullmatch(c) for c in kept)
    assert all(unicodedata.normalize("NFKC", c).isspace() for c in spaces)


def test_without_an_index_each_distinct_text_is_tokenised_once(tmp_path) -> None:
    """With no index a text carried by several stories is tokenised once (``signed`` counts distinct
    texts, as with an empty index), and the events are those of a run with an index."""
    from compare.config import MatchParams
    from compare.match import group_events

    texts = ["Officials in Harbour City said 12 ferries were cancelled on Monday after the storm.",
             "Talks between the port and the unions resumed later in Harbour City."]
    stories = [_story(texts), _story(texts), _story(texts[::-1])]
    for k, story in enumerate(stories):
        story.id, story.document = f"s{k}#0", f"s{k}"
    plain: dict = {}
    indexed: dict = {}
    events = group_events(stories, MatchParams(), stats=plain)
    assert (plain["signed"], plain["reused"], plain["index_path"]) == (2, 0, None)
    assert events == group_events(stories, MatchParams(), index_dir=tmp_path, stats=indexed)
    assert indexed["signed"] == 2


def test_top_weak_keeps_each_storys_heaviest_pairs() -> None:
    """``top_weak`` against its definition, pair by pair: a weak pair is kept when it is among the
    ``weak_top`` heaviest pairs of either of its stories (heaviest first, ties by the partner's number)."""
    from compare.match.verify import top_weak

    rng = np.random.default_rng(3)
    for _ in range(20):
        codes = np.unique(rng.integers(0, 30 * 30, size=120))
        pairs = np.stack([codes // 30, codes % 30], axis=1)
        pairs = pairs[pairs[:, 0] < pairs[:, 1]]
        weight = rng.integers(1, 6, size=len(pairs)) / 4.0  # many ties
        for k in (1, 3):
            best: dict[int, list[tuple[float, int, int]]] = {}
            for row, (a, b) in enumerate(pairs.tolist()):
                best.setdefault(a, []).append((-weight[row], b, row))
                best.setdefault(b, []).append((-weight[row], a, row))
            expected = {row for ranked in best.values() for _, _, row in sorted(ranked)[:k]}
            assert set(np.flatnonzero(top_weak(pairs, weight, k)).tolist()) == expected
