"""The language of a text: a cheap look at scripts and English function words first, then
py3langid (a naive Bayes model over byte n-grams that ships in its wheel, no download).

The model is loaded on first use only, so a corpus of plain English never pays for it
(benchmarks/bench_langid.py measures accuracy and speed against langdetect and lingua).
Measured there on short news sentences in 14 languages: py3langid with all its 97 languages
0.976 right (titles of five words 0.952) at ~3,000 sentences/s; restricted to the languages
compare has text processing for it fell to 0.929 and ran far slower, so it is used whole;
lingua 1.000 but ~6 sentences/s and a 96 MB wheel; langdetect 0.857.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from compare.textnorm import STOPWORDS

# Languages with stop words and stems in compare.lang.text (others get tokens and prefixes).
SUPPORTED: tuple[str, ...] = (
    "en", "ru", "uk", "be", "kk", "de", "fr", "es", "it", "pt", "ro", "ar", "zh", "hi",
    "bg", "sr", "pl", "cs", "nl", "tr", "hy", "ka", "fa", "ja", "ky", "uz", "az", "el", "gu",
)
_SAMPLE = 2000  # characters looked at
_MIN_LETTERS = 12  # fewer letters than this: no guess at all
_ENGLISH_STOPWORD_SHARE = 0.2
_NO_LANGUAGE = frozenset({"zxx", "und", "mis", "mul"})  # ISO 639 codes that name no language
_ENGLISH_MIN_WORDS = 40  # the cheap English check needs this many words (a French sentence has "a", "on" too)


def script_of(text: str) -> str | None:
    """The script most letters of ``text`` are written in ("LATIN", "CYRILLIC", "ARABIC", "CJK",
    "DEVANAGARI" ...), from the Unicode character names; None without letters."""
    counts: dict[str, int] = {}
    for ch in text[:_SAMPLE]:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = "CJK" if name.startswith("CJK") else name.split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    return max(sorted(counts), key=lambda s: counts[s]) if counts else None


def normalise_language(code: object) -> str | None:
    """A declared language ("en-US", "RU", "rus") as its lower-case primary subtag, or None."""
    if not isinstance(code, str) or not code.strip():
        return None
    return code.strip().replace("_", "-").split("-")[0].lower()


_LATIN_WORD = re.compile(r"[a-z]+")


def _plain_english(sample: str) -> bool:
    letters = sum(c.isalpha() for c in sample)
    latin = sum(c.isascii() and c.isalpha() for c in sample)
    if latin < 0.9 * letters:
        return False
    found = _LATIN_WORD.findall(sample.lower())
    return len(found) >= _ENGLISH_MIN_WORDS and sum(w in STOPWORDS for w in found) / len(found) > _ENGLISH_STOPWORD_SHARE


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is in, or None when there is too little text.

    Plain English (Latin letters, a fifth of the words English function words) is settled
    without the model; anything else goes to py3langid."""
    sample = text[:_SAMPLE]
    if sum(c.isalpha() for c in sample) < _MIN_LETTERS and script_of(sample) not in {"CJK"}:
        return None
    if _plain_english(sample):
        return "en"
    try:
        code = _identifier().classify(sample)[0]
    except ImportError:  # py3langid missing: fall back to the script
        return {"CYRILLIC": "ru", "ARABIC": "ar", "CJK": "zh", "DEVANAGARI": "hi"}.get(script_of(sample) or "")
    # py3langid's "no linguistic content" class (text of made-up words, codes) is no language: a
    # corpus with such a story is not a corpus in two languages
    return None if code in _NO_LANGUAGE else str(code)
