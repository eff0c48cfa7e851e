"""Tokens, stop words and stems for each language compare handles.

Stop words come from the ``stop-words`` package (33 languages) and, for Belarusian and Kazakh
which it lacks, from short lists in ``compare/data/lang/stopwords-<code>.txt``.  Stems are
Snowball's (``snowballstemmer``: Russian, German, French, Spanish, Italian, Portuguese,
Romanian, Arabic, Hindi ...); Ukrainian and Belarusian use the Russian stemmer on their
shared endings, and languages without a stemmer are cut to their first ``_PREFIX`` letters.
Chinese, written without spaces, becomes overlapping character bigrams.

English keeps going through ``compare.textnorm`` (its own stop list and Porter2), so English
results are exactly what they were.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

from compare import textnorm
from compare.lang.detect import SUPPORTED, script_of
from compare.lang.numbers import fold, number_forms

_SNOWBALL = {
    "en": "english", "ru": "russian", "uk": "russian", "be": "russian", "de": "german", "fr": "french",
    "es": "spanish", "it": "italian", "pt": "portuguese", "ro": "romanian", "ar": "arabic", "hi": "hindi",
    "nl": "dutch", "tr": "turkish", "el": "greek", "pl": "polish", "cs": "czech", "sr": "serbian",
    "hy": "armenian", "fa": "persian",
}
_PREFIX = 6  # letters kept where no stemmer exists (Kazakh, Kyrgyz ...)
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CHARS}]+")
_HAN_OR_NOT = re.compile(f"[{_HAN_CHARS}]+|[^{_HAN_CHARS}]+")


def token_language(language: str | None) -> str | None:
    """The language whose tokens, stop words and stems a story is matched and aligned with: None
    (English, ``compare.textnorm``) for English, no language, or a language this module has no
    stop words or stems for (``SUPPORTED``); else the language's code."""
    return language if language in SUPPORTED and language != "en" else None


@cache
def word_pattern() -> re.Pattern[str]:
    """A word: letters and digits with the combining marks inside it (Devanagari vowel signs and
    viramas, Arabic vowel marks: Python's ``\\w`` leaves them out, which cut "चालीस" into "च", "ल",
    "स"), parts joined by an apostrophe or hyphen."""
    import unicodedata

    marks, start = [], None
    for code in range(0x300, 0x3100):  # the combining marks of the scripts compare reads
        is_mark = unicodedata.category(chr(code)).startswith("M")
        if is_mark and start is None:
            start = code
        elif not is_mark and start is not None:
            marks.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    part = rf"(?:[^\W_]|[{''.join(marks)}])"
    return re.compile(rf"[^\W_]{part}*(?:['\-\u2019][^\W_]{part}*)*")


@cache
def stopwords(lang: str | None) -> frozenset[str]:
    """Lower-cased stop words of ``lang`` (empty when none are known), less the language's number
    words (``numbers.number_forms``: the Russian list holds "два", "восемь", "миллионов")."""
    if lang in (None, "en"):
        return textnorm.STOPWORDS
    numbers = number_forms(lang)
    return frozenset(w for w in _listed_stopwords(lang) if fold(w) not in numbers)


def _listed_stopwords(lang: str) -> frozenset[str]:
    own = resources.files("compare.data") / "lang" / f"stopwords-{lang}.txt"
    if own.is_file():
        return frozenset(w for w in own.read_text(encoding="utf-8").split() if not w.startswith("#"))
    try:
        from stop_words import StopWordError, get_stop_words
    except ImportError:
        return frozenset()
    try:
        return frozenset(w.lower() for w in get_stop_words(lang))
    except StopWordError:
        return frozenset()


@cache
def _stemmer(lang: str | None) -> snowballstemmer.Stemmer | None:
    name = _SNOWBALL.get(lang or "en")
    return snowballstemmer.stemmer(name) if name else None


def stemmer_name(lang: str | None) -> str:
    """The Snowball stemmer ``lang``'s words are stemmed with, or how they are cut without one."""
    return _SNOWBALL.get(lang or "en") or f"prefix{_PREFIX}"


@lru_cache(maxsize=400_000)
def stem(word: str, lang: str | None = "en") -> str:
    """The stem of a lower-cased word in ``lang``."""
    if lang in (None, "en"):
        return textnorm.stem(word)
    word = word.lower().replace("ё", "е")
    stemmer = _stemmer(lang)
    return str(stemmer.stemWord(word)) if stemmer else word[:_PREFIX]


def tokens(text: str, lang: str | None = "en") -> list[str]:
    """Word tokens, case kept; Chinese runs become character bigrams."""
    folded = textnorm.fold(text)
    if lang in ("zh", "ja") or _HAN.search(folded):
        out: list[str] = []
        for m in word_pattern().finditer(folded):
            for piece in _HAN_OR_NOT.findall(m.group()):  # "42人遇难": "42", then the Chinese run
                if _HAN.fullmatch(piece):
                    out += [piece[i : i + 2] for i in range(max(1, len(piece) - 1))]
                else:
                    out.append(piece)
        return out
    return word_pattern().findall(folded)


def content_terms(text: str, lang: str | None = "en") -> list[str]:
    """Stemmed, lower-cased content words in order, stop words and 1-letter tokens dropped."""
    if lang in (None, "en"):
        return textnorm.content_terms(text)
    stops = stopwords(lang)
    out = []
    for word in tokens(text, lang):
        low = word.lower()
        if low in stops or (len(low) < 2 and not low.isdigit()):
            continue
        out.append(term_of(low, lang))
    return out


def term_of(low: str, lang: str | None) -> str:
    """The term a lower-cased content token stands for: its stem, or a Chinese bigram as it is."""
    return low if _HAN.match(low) else stem(low, lang)


def sentence_terms(text: str, lang: str | None = "en") -> frozenset[str]:
    """The set of content terms of one sentence."""
    return frozenset(content_terms(text, lang))


def any_stem(word: str) -> str:
    """A stem for a word of unknown language: English (Porter2) for Latin letters, Russian for
    Cyrillic ("человека" = "человек", so "сорок два человека" and "48 человек" count one thing),
    the lower-cased word otherwise.  The same-language number reader's hook for counted nouns."""
    if word.isascii() or script_of(word) == "LATIN":
        return textnorm.stem(word)
    if script_of(word) == "CYRILLIC":
        return stem(word, "ru")
    return word.lower()
