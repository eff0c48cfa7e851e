"""Text normalisation shared by every stage: folding, tokens, stems, content words.

Small pure functions; extend here rather than writing a second tokenizer elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2026": "...",
    }
)

WORD_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*", re.UNICODE)

# A compact English stop list (function words only; content words such as "said" are kept
# out of it on purpose: the reporting verb matters for attribution).
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    s t don shall may might must us upon within without per via
    """.split()
)

_stemmer = snowballstemmer.stemmer("english")


def fold_characters(text: str) -> str:
    """NFKC, curly quotes and dashes made plain (white space left as it is)."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def fold(text: str) -> str:
    """NFKC, curly quotes and dashes made plain, runs of white space collapsed."""
    return re.sub(r"\s+", " ", fold_characters(text)).strip()


def words(text: str) -> list[str]:
    """Word tokens, case kept (hyphenated and apostrophe words stay whole)."""
    return WORD_RE.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter2) stem of a lower-cased word."""
    return str(_stemmer.stemWord(word.lower()))


def content_terms(text: str) -> list[str]:
    """Stemmed, lower-cased content words in order (stop words and 1-letter tokens dropped)."""
    out = []
    for w in words(text):
        low = w.lower()
        if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
            continue
        out.append(stem(low))
    return out
