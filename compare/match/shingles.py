"""Story -> per-sentence term hashes: the only matching step that reads text.

A story becomes a flat ``uint32`` array of hashed content stems (the tokens,
stop list and stemmer of ``compare.textnorm`` for English; for a story in another language
``compare.lang.text``'s tokens, stop words and stems of that language, see ``token_language``)
plus sentence offsets into it
(a CSR layout), and a parallel flag array marking *name-like* tokens (a capital
letter not at the start of a sentence, or a digit: people, places,
organisations, numbers: what tells one event from another on the same topic).
Signing and verification never touch strings again, and the arrays are what
the index stores.  Word order is kept so the reprint test can rebuild word
n-grams from them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np
import xxhash

from compare.lang import text as lang_text
from compare.lang.names import common_nouns, name_like
from compare.lang.text import token_language
from compare.model import Story
from compare.textnorm import STOPWORDS, WORD_RE, fold_characters, stem, words

_xxh32 = xxhash.xxh32_intdigest
_SEP = b"\x1e"


@lru_cache(maxsize=500_000)
def hash_term(term: str) -> int:
    """32-bit xxhash of a shingle's UTF-8 bytes (what ``MinHash.update`` would be fed)."""
    return _xxh32(term.encode("utf-8", "surrogatepass"))


@dataclass(slots=True)
class StoryTerms:
    """Hashed content stems of one story, sentence by sentence.

    ``terms[offsets[i]:offsets[i + 1]]`` are sentence ``i``'s stem hashes in
    reading order and ``names`` (same length) flags the name-like ones.
    """

    terms: np.ndarray  # uint32
    offsets: np.ndarray  # int64, len = sentences + 1
    names: np.ndarray  # uint8 (0/1), len = len(terms)

    @property
    def num_sentences(self) -> int:
        return len(self.offsets) - 1

    def sentence_terms(self, i: int) -> np.ndarray:
        return self.terms[self.offsets[i] : self.offsets[i + 1]]


LANG_TOKENS_VERSION = "lang-2"  # bump when compare.lang.text's tokens or stems change


@lru_cache(maxsize=64)
def language_fingerprint(language: str) -> str:
    """What changes a non-English story's stems: the language, its stop words, its stemmer."""
    stop = xxhash.xxh32_hexdigest(" ".join(sorted(lang_text.stopwords(language))).encode())
    return f"{LANG_TOKENS_VERSION}|lang={language}|stop={stop}|stemmer={lang_text.stemmer_name(language)}"


def story_key(story: Story, fingerprint: str) -> str:
    """Content hash of a story's sentences plus everything that changes its signatures (for a
    story not tokenised as English, its language's tokenizer too: a stored story is never served
    to a story of the same text read with another language's stems)."""
    h = hashlib.sha256(fingerprint.encode())
    language = token_language(story.language)
    if language is not None:
        h.update(_SEP + language_fingerprint(language).encode())
    for sentence in story.sentences:
        h.update(_SEP)
        h.update(sentence.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _has_digit(word: str) -> bool:
    """Does the token hold a digit (``str.isdigit``)?  A token of letters only holds none (fast path)."""
    return not word.isalpha() and any(c.isdigit() for c in word)


_TOKENS: dict[str, tuple[str, int, bool, bool] | None] = {}
_TOKENS_MAX = 1_000_000


def _token(word: str) -> tuple[str, int, bool, bool] | None:
    """(stem, stem hash, has a digit, starts upper-case) of a token, None for a stop word (cached)."""
    found = _TOKENS.get(word, False)
    if found is not False:
        return found  # type: ignore[return-value]
    low = word.lower()
    if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
        info = None
    else:
        stemmed = stem(low)
        info = (stemmed, hash_term(stemmed), _has_digit(word), word[0].isupper())
    if len(_TOKENS) >= _TOKENS_MAX:
        _TOKENS.clear()
    _TOKENS[word] = info
    return info


_LANG_TOKENS: dict[tuple[str, str], tuple[str, int, bool, bool] | None] = {}


def _language_token(word: str, language: str) -> tuple[str, int, bool, bool] | None:
    """``_token`` for a word of a non-English story: ``compare.lang.text``'s stop words and stems
    of ``language`` (as ``lang.text.content_terms``; Chinese bigrams are kept as they are)."""
    found = _LANG_TOKENS.get((language, word), False)
    if found is not False:
        return found  # type: ignore[return-value]
    low = word.lower()
    if low in lang_text.stopwords(language) or (len(low) < 2 and not low.isdigit()):
        info = None
    else:
        stemmed = lang_text.term_of(low, language)
        info = (stemmed, hash_term(stemmed), _has_digit(word), word[0].isupper())
    if len(_LANG_TOKENS) >= _TOKENS_MAX:
        _LANG_TOKENS.clear()
    _LANG_TOKENS[(language, word)] = info
    return info


def _tokens_of(text: str, language: str | None) -> list[tuple[str, int, bool, bool] | None]:
    if language is None:
        return [_token(word) for word in words(text)]
    return [_language_token(word, language) for word in lang_text.tokens(text, language)]


def sentence_stems(text: str, language: str | None = None) -> tuple[list[str], list[int]]:
    """Content stems of a sentence (as ``textnorm.content_terms``, or ``lang.text.content_terms``
    for a story in ``language``, see ``token_language``) and their name-like flags."""
    stems: list[str] = []
    flags: list[int] = []
    for position, token in enumerate(_tokens_of(text, token_language(language))):
        if token is not None:
            stems.append(token[0])
            flags.append(int(token[2] or (position > 0 and token[3])))
    return stems, flags


def story_terms(story: Story) -> StoryTerms:
    """Hash every sentence's content stems (pure: one story in, arrays out), with the tokens,
    stop words and stems of the story's language (``token_language``)."""
    return story_terms_batch([story])[0]


# Every distinct token seen (per process) gets an id; what matching needs of a token is looked up
# by id in these arrays, so a story is tokenised with one regex pass and a few numpy operations.
# Id 0 is the sentence mark. Cleared when it holds _TOKENS_MAX tokens.
_MARK = "\x00"
_TOKEN_RE = re.compile(f"{WORD_RE.pattern}|{_MARK}", re.UNICODE)
_IDS: dict[str, int] = {}
_KEEP = np.zeros(0, dtype=bool)  # a content token (not a stop word, not one letter)
_HASH = np.zeros(0, dtype=np.uint32)  # its stem's hash
_DIGIT = np.zeros(0, dtype=bool)  # it has a digit
_UPPER = np.zeros(0, dtype=bool)  # it starts upper-case


def _reset_ids() -> None:
    global _KEEP, _HASH, _DIGIT, _UPPER
    _IDS.clear()
    _IDS[_MARK] = 0
    _KEEP, _HASH = np.zeros(1 << 16, dtype=bool), np.zeros(1 << 16, dtype=np.uint32)
    _DIGIT, _UPPER = np.zeros(1 << 16, dtype=bool), np.zeros(1 << 16, dtype=bool)


_reset_ids()


def _add_tokens(new: list[str]) -> None:
    """Give each new token an id and its entries (stem hash, content, digit, capital)."""
    global _KEEP, _HASH, _DIGIT, _UPPER
    start = len(_IDS)
    need = start + len(new)
    if need > len(_KEEP):
        size = max(need, 2 * len(_KEEP))
        _KEEP, _HASH = np.resize(_KEEP, size), np.resize(_HASH, size)
        _DIGIT, _UPPER = np.resize(_DIGIT, size), np.resize(_UPPER, size)
    for k, word in enumerate(new, start):
        _IDS[word] = k
        info = _token(word)
        _KEEP[k] = info is not None
        if info is not None:
            _HASH[k], _DIGIT[k], _UPPER[k] = info[1], info[2], info[3]


def _tokenise_english(stories: list[Story]) -> list[StoryTerms]:
    """``story_terms`` of English stories, all in one pass: their sentences joined with a mark
    (NUL, neither a word character nor white space, so the tokens are those of ``textnorm.words``
    sentence by sentence; NFKC does not compose across it), one regex pass, one id per token."""
    texts = [sentence.text for story in stories for sentence in story.sentences]
    if not texts:
        return [StoryTerms(np.empty(0, np.uint32), np.zeros(1, np.int64), np.empty(0, np.uint8)) for _ in stories]
    joined = _MARK.join(texts) + _MARK
    if joined.count(_MARK) != len(texts):  # a NUL inside a text: any other non-word, non-space character splits the same
        joined = _MARK.join(t.replace(_MARK, "\x01") for t in texts) + _MARK
    tokens = _TOKEN_RE.findall(fold_characters(joined))
    ids = np.fromiter(map(_IDS.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
    unseen = np.flatnonzero(ids < 0)
    if len(unseen):  # which id a token gets does not change the result
        new = {tokens[k] for k in unseen.tolist()}
        if len(_IDS) + len(new) > _TOKENS_MAX:
            _reset_ids()
            _add_tokens(list(set(tokens).difference(_IDS)))
            ids = np.fromiter(map(_IDS.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        else:
            _add_tokens(list(new))
            ids[unseen] = [_IDS[tokens[k]] for k in unseen.tolist()]
    mark = ids == 0
    first = np.empty(len(ids), dtype=bool)  # the first token of its sentence (stop words count)
    first[0] = True
    first[1:] = mark[:-1]
    keep = _KEEP[ids]
    sentence = (np.cumsum(mark) - mark)[keep]
    terms = _HASH[ids][keep]
    names = (_DIGIT[ids] | (_UPPER[ids] & ~first))[keep].astype(np.uint8)
    ends = np.concatenate(([0], np.cumsum(np.bincount(sentence, minlength=len(texts))))).astype(np.int64)
    out = []
    at = 0
    for story in stories:
        n = len(story.sentences)
        offsets = ends[at : at + n + 1]
        lo, hi = int(offsets[0]), int(offsets[-1])
        out.append(StoryTerms(terms=terms[lo:hi], offsets=offsets - lo, names=names[lo:hi]))
        at += n
    return out


def story_terms_batch(stories: list[Story]) -> list[StoryTerms]:
    """``story_terms`` of every story, in order (pure); English stories are tokenised together."""
    out: list[StoryTerms | None] = [None] * len(stories)
    english = []
    for k, story in enumerate(stories):
        language = token_language(story.language)
        if language is None:
            english.append(k)
        else:
            out[k] = _language_story_terms(story, language)
    for k, terms in zip(english, _tokenise_english([stories[k] for k in english]), strict=True):
        out[k] = terms
    return [t for t in out if t is not None]


def _language_story_terms(story: Story, language: str) -> StoryTerms:
    terms: list[int] = []
    names: list[int] = []
    offsets = [0]
    nouns = common_nouns([sentence.text for sentence in story.sentences], language)  # German nouns are no names
    for sentence in story.sentences:
        words = lang_text.tokens(sentence.text, language)
        for position, token in enumerate(_tokens_of(sentence.text, language)):
            if token is not None:
                terms.append(token[1])
                capital = token[3] and position > 0 and (not nouns or name_like(words[position], nouns))
                names.append(1 if token[2] or capital else 0)
        offsets.append(len(terms))
    return StoryTerms(
        terms=np.array(terms, dtype=np.uint32),
        offsets=np.array(offsets, dtype=np.int64),
        names=np.array(names, dtype=np.uint8),
    )


PARALLEL_MIN = 5_000  # stories below which one process is faster than forking workers
_CHUNK = 2_000
_BATCH: list[Story] | None = None  # the stories a forked worker reads (inherited, never pickled)


def default_workers() -> int:
    """Worker processes for tokenising: ``COMPARE_WORKERS`` if set, else the CPUs (at most 8)."""
    found = os.environ.get("COMPARE_WORKERS", "")
    return max(1, int(found)) if found.isdigit() else max(1, min(os.cpu_count() or 1, 8))


def _terms_range(bounds: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    assert _BATCH is not None
    return pack_terms(story_terms_batch(_BATCH[bounds[0] : bounds[1]]))


def pack_terms(stories: list[StoryTerms]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Stories' arrays as four flat ones (terms, names, offsets, sentences per story): what a worker
    sends back, one pickle of four arrays instead of three small arrays a story."""
    if not stories:
        return (np.empty(0, np.uint32), np.empty(0, np.uint8), np.empty(0, np.int64), np.empty(0, np.int64))
    return (np.concatenate([s.terms for s in stories]).astype(np.uint32, copy=False),
            np.concatenate([s.names for s in stories]).astype(np.uint8, copy=False),
            np.concatenate([s.offsets for s in stories]).astype(np.int64, copy=False),
            np.array([s.num_sentences for s in stories], dtype=np.int64))


def unpack_terms(packed: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> list[StoryTerms]:
    """``pack_terms`` undone (each story's arrays are views of the flat ones)."""
    terms, names, offsets, sentences = packed
    out = []
    term_at = offset_at = 0
    for n in sentences.tolist():
        own = offsets[offset_at : offset_at + n + 1]
        size = int(own[-1])
        out.append(StoryTerms(terms=terms[term_at : term_at + size], offsets=own, names=names[term_at : term_at + size]))
        term_at += size
        offset_at += n + 1
    return out


def story_terms_many(stories: list[Story], workers: int | None = None) -> list[StoryTerms]:
    """``story_terms`` of every story, in order; spread over forked worker processes when the batch is
    large enough to pay.  The result does not depend on the number of workers (each story is a pure
    function of its text)."""
    global _BATCH
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(stories) < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        return [t for i in range(0, len(stories), _CHUNK) for t in story_terms_batch(stories[i : i + _CHUNK])]
    chunks = [(i, min(i + _CHUNK, len(stories))) for i in range(0, len(stories), _CHUNK)]
    _BATCH = stories
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_terms_range, chunks, chunksize=1)
    finally:
        _BATCH = None
    return [t for part in parts for t in unpack_terms(part)]


def shingle_arrays(story: StoryTerms, shingle_size: int) -> tuple[np.ndarray, np.ndarray]:
    """(shingle hashes, sentence offsets) to sign; unigrams are the term hashes themselves."""
    if shingle_size <= 1:
        return story.terms, story.offsets
    out: list[np.ndarray] = []
    offsets = [0]
    for i in range(story.num_sentences):
        t = story.sentence_terms(i).astype(np.uint64)
        bigrams = ((t[:-1] * np.uint64(0x9E3779B1)) ^ t[1:]) & np.uint64(0xFFFFFFFF)
        out.append(np.concatenate([t, bigrams]).astype(np.uint32))
        offsets.append(offsets[-1] + len(out[-1]))
    flat = np.concatenate(out) if out else np.empty(0, dtype=np.uint32)
    return flat, np.array(offsets, dtype=np.int64)
