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
# by id in these arrays, so a story is tokenised with a few C-level passes and numpy operations.
# Id 0 is the sentence mark. Cleared when it holds _TOKENS_MAX tokens.
_MARK = "\x00"
_TOKEN_RE = re.compile(f"{WORD_RE.pattern}|{_MARK}", re.UNICODE)
_IDS: dict[str, int] = {}
_KEEP = np.zeros(0, dtype=bool)  # a content token (not a stop word, not one letter)
_HASH = np.zeros(0, dtype=np.uint32)  # its stem's hash
_DIGIT = np.zeros(0, dtype=bool)  # it has a digit
_UPPER = np.zeros(0, dtype=bool)  # it starts upper-case
# Every distinct chunk of text between white space ("said,", "(AP)", "U.S.") gets a number too, and its
# tokens' ids are stored once (``_CHUNK_TOKENS[_CHUNK_START[c] : _CHUNK_START[c] + _CHUNK_SIZE[c]]``): a
# token never holds white space, so a text's tokens are its chunks' tokens in order.  Chunks are found
# and told apart in numpy over the text's UTF-8 bytes (a 64-bit polynomial hash of each chunk, every
# occurrence then compared byte for byte with the chunk it is taken for), so the regex and the dict run
# once per distinct chunk (the vocabulary is Zipfian), not once per token.
_CHUNK_NUMBER: dict[int, int] = {}  # chunk hash -> chunk number
_CHUNK_BYTES: list[bytes] = []  # chunk number -> its UTF-8 bytes
_CHUNK_START = np.zeros(0, dtype=np.int64)
_CHUNK_SIZE = np.zeros(0, dtype=np.int64)
_CHUNK_TOKENS = np.zeros(0, dtype=np.int64)
_CHUNK_TOKENS_USED = 0
_ASCII_SPACE = np.zeros(256, dtype=bool)  # the bytes ``str.split()`` splits at (no UTF-8 sequence holds one)
_ASCII_SPACE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True
# ``str.isspace`` characters beyond ASCII that NFKC leaves as they are (it turns the others into a space)
_OTHER_SPACE_RE = re.compile("[\x85\u1680\u2028\u2029]")
_HASH_BASE = np.uint64(0x100000001B3)
_HASH_CHUNKS = 100_000  # chunks hashed per block (~600 KB of text: temporaries of a few MB)
_HASH_BASE_INVERSE = np.uint64(pow(0x100000001B3, -1, 1 << 64))


def _reset_ids() -> None:
    global _KEEP, _HASH, _DIGIT, _UPPER, _CHUNK_START, _CHUNK_SIZE, _CHUNK_TOKENS, _CHUNK_TOKENS_USED
    _IDS.clear()
    _IDS[_MARK] = 0
    _KEEP, _HASH = np.zeros(1 << 16, dtype=bool), np.zeros(1 << 16, dtype=np.uint32)
    _DIGIT, _UPPER = np.zeros(1 << 16, dtype=bool), np.zeros(1 << 16, dtype=bool)
    _CHUNK_NUMBER.clear()
    _CHUNK_BYTES.clear()
    _CHUNK_START, _CHUNK_SIZE = np.zeros(1 << 16, dtype=np.int64), np.zeros(1 << 16, dtype=np.int64)
    _CHUNK_TOKENS, _CHUNK_TOKENS_USED = np.zeros(1 << 16, dtype=np.int64), 0


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


def _add_chunks(new: list[bytes], hashes: list[int]) -> None:
    """Give each new chunk a number and store its tokens' ids (new tokens get theirs first)."""
    global _CHUNK_START, _CHUNK_SIZE, _CHUNK_TOKENS, _CHUNK_TOKENS_USED
    tokens = [_TOKEN_RE.findall(chunk.decode("utf-8", "surrogatepass")) for chunk in new]
    unseen = {t for found in tokens for t in found if t not in _IDS}
    if unseen:
        _add_tokens(sorted(unseen))  # sorted: ids do not depend on set order (they never change a result)
    start = len(_CHUNK_BYTES)
    need = start + len(new)
    if need > len(_CHUNK_START):
        size = max(need, 2 * len(_CHUNK_START))
        _CHUNK_START, _CHUNK_SIZE = np.resize(_CHUNK_START, size), np.resize(_CHUNK_SIZE, size)
    flat = [_IDS[t] for found in tokens for t in found]
    if _CHUNK_TOKENS_USED + len(flat) > len(_CHUNK_TOKENS):
        _CHUNK_TOKENS = np.resize(_CHUNK_TOKENS, max(_CHUNK_TOKENS_USED + len(flat), 2 * len(_CHUNK_TOKENS)))
    sizes = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    _CHUNK_SIZE[start:need] = sizes
    _CHUNK_START[start:need] = _CHUNK_TOKENS_USED + np.cumsum(sizes) - sizes
    _CHUNK_TOKENS[_CHUNK_TOKENS_USED : _CHUNK_TOKENS_USED + len(flat)] = flat
    _CHUNK_TOKENS_USED += len(flat)
    _CHUNK_BYTES.extend(new)
    _CHUNK_NUMBER.update(zip(hashes, range(start, need), strict=True))


def _chunks_of(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) of every run of non-space bytes of ``data`` (UTF-8), in order."""
    space = _ASCII_SPACE[data]
    edge = np.diff(space.view(np.int8), prepend=np.int8(1), append=np.int8(1))
    return np.flatnonzero(edge == -1), np.flatnonzero(edge == 1)


def _chunk_hashes(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each chunk ``data[starts[k]:ends[k]]``: ``sum(byte_j * B**j)`` over its bytes, mod
    2**64, from a prefix sum over the text (B odd, so the prefix can be shifted back to a chunk's start),
    mixed with the chunk's length; ``_HASH_CHUNKS`` chunks at a time, so the temporaries stay a few MB.
    Not collision-free: ``_token_ids`` checks every occurrence."""
    out = np.empty(len(starts), dtype=np.uint64)
    for k in range(0, len(starts), _HASH_CHUNKS):
        lo, hi = int(starts[k]), int(ends[min(k + _HASH_CHUNKS, len(starts)) - 1])
        n = hi - lo
        powers = np.full(n, _HASH_BASE, dtype=np.uint64)
        powers[0] = 1
        np.cumprod(powers, out=powers)  # B**j mod 2**64 (unsigned overflow wraps)
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(data[lo:hi] * powers, out=prefix[1:])
        powers.fill(_HASH_BASE_INVERSE)
        powers[0] = 1
        np.cumprod(powers, out=powers)  # B**-j
        first, last = starts[k : k + _HASH_CHUNKS] - lo, ends[k : k + _HASH_CHUNKS] - lo
        out[k : k + _HASH_CHUNKS] = (prefix[last] - prefix[first]) * powers[first]
    return out ^ ((ends - starts).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))


def _same_bytes(data: np.ndarray, starts: np.ndarray, ends: np.ndarray, like: np.ndarray) -> bool:
    """Does every chunk ``k`` hold the same bytes as chunk ``like[k]``?"""
    lengths = ends - starts
    if not np.array_equal(lengths, lengths[like]):
        return False
    other = np.flatnonzero(like != np.arange(len(like)))
    if not len(other):
        return True
    size = lengths[other]
    within = np.arange(int(size.sum()), dtype=np.int64) - np.repeat(np.cumsum(size) - size, size)
    mine = np.repeat(starts[other], size) + within
    theirs = np.repeat(starts[like[other]], size) + within
    return bool(np.array_equal(data[mine], data[theirs]))


def _token_ids(text: str) -> np.ndarray:
    """The ids of the tokens of ``_TOKEN_RE.findall(text)`` (``text`` already folded), in order: the
    text cut at white space into chunks (in numpy, over its UTF-8 bytes), each distinct chunk looked
    up by its hash (its tokens found by the regex the first time it is seen), the chunks' token ids
    laid end to end.  Should two different chunks share a hash, the text is read token by token
    instead (``_token_ids_by_regex``): the same ids."""
    if not text.isascii():
        text = _OTHER_SPACE_RE.sub(" ", text)
    blob = text.encode("utf-8", "surrogatepass")
    data = np.frombuffer(blob, dtype=np.uint8)
    starts, ends = _chunks_of(data)
    hashes = _chunk_hashes(data, starts, ends)
    distinct, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    if not _same_bytes(data, starts, ends, first[inverse]):
        return _token_ids_by_regex(text)
    keys = distinct.tolist()
    numbers = np.fromiter(map(_CHUNK_NUMBER.get, keys, repeat(-1)), dtype=np.int64, count=len(keys))
    known = np.flatnonzero(numbers >= 0)
    if any(_CHUNK_BYTES[c] != blob[s:e] for c, s, e in zip(numbers[known].tolist(), starts[first[known]].tolist(),
                                                                ends[first[known]].tolist(), strict=True)):
        return _token_ids_by_regex(text)
    unseen = np.flatnonzero(numbers < 0)
    if len(unseen):
        if len(_CHUNK_BYTES) + len(unseen) > _TOKENS_MAX or len(_IDS) > _TOKENS_MAX:
            _reset_ids()
            unseen = np.arange(len(keys))
        at = first[unseen]
        _add_chunks([blob[s:e] for s, e in zip(starts[at].tolist(), ends[at].tolist(), strict=True)],
                    [keys[k] for k in unseen.tolist()])
        numbers[unseen] = np.arange(len(_CHUNK_BYTES) - len(unseen), len(_CHUNK_BYTES))
    chunk = numbers[inverse.ravel()]
    sizes = _CHUNK_SIZE[chunk]
    within = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return _CHUNK_TOKENS[np.repeat(_CHUNK_START[chunk], sizes) + within]


def _token_ids_by_regex(text: str) -> np.ndarray:
    """``_token_ids`` one regex match at a time, each token looked up in ``_IDS``."""
    tokens = _TOKEN_RE.findall(text)
    ids = np.fromiter(map(_IDS.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
    unseen = np.flatnonzero(ids < 0)
    if len(unseen):  # which id a token gets does not change the result
        new = {tokens[k] for k in unseen.tolist()}
        if len(_IDS) + len(new) > _TOKENS_MAX:
            _reset_ids()
            _add_tokens(sorted(set(tokens).difference(_IDS)))
            ids = np.fromiter(map(_IDS.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        else:
            _add_tokens(sorted(new))
            ids[unseen] = [_IDS[tokens[k]] for k in unseen.tolist()]
    return ids


def _tokenise_english(stories: list[Story]) -> list[StoryTerms]:
    """``story_terms`` of English stories, all in one pass: their sentences joined with a mark
    (NUL, neither a word character nor white space, so the tokens are those of ``textnorm.words``
    sentence by sentence; NFKC does not compose across it), set apart by spaces so that it is a
    chunk of its own, and the tokens' ids found chunk by chunk (``_token_ids``)."""
    texts = [sentence.text for story in stories for sentence in story.sentences]
    if not texts:
        return [StoryTerms(np.empty(0, np.uint32), np.zeros(1, np.int64), np.empty(0, np.uint8)) for _ in stories]
    if any(_MARK in t for t in texts):  # a NUL inside a text: any other non-word, non-space character splits the same
        texts = [t.replace(_MARK, "\x01") for t in texts]
    ids = _token_ids(fold_characters(f" {_MARK} ".join(texts) + f" {_MARK}"))
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
