"""Sentence boundaries with exact character offsets, inside one paragraph at a time.

A rule-based splitter (chosen by measurement, see benchmarks/bench_splitters.py and
docs/ingest.md): a boundary is sentence-final punctuation (``. ! ? ...``), optionally
followed by closing quotes or brackets, then white space, then something that can start
a sentence (a capital, a digit, an opening quote or bracket, a dialogue dash, or any letter
of a script without capitals).  The Arabic question mark, the Devanagari danda and the
full-width Chinese and Japanese ends count; after the full-width ones no space is needed.  It is not
a boundary after a known abbreviation ("Gen.", "No.", "e.g."), after an initial ("T. S.
Sultangaziev", "U.S."), or at an ellipsis followed by a lower-case word ("issues... not just").
Paragraphs are never joined.  A dialogue dash that opens a sentence ("- Stanislav
Vasilievich, ...") is left out of the sentence span.
"""

from __future__ import annotations

import re

from compare.lang.ordinals import ends_ordinal

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof gen col lt maj capt cmdr adm sgt cpl pvt st sr jr rev hon pres gov sen rep amb
    inc ltd co corp bros llc plc dept univ assn est approx apt ave blvd rd mt ft no nos nr vol vols
    art arts fig figs ch chap sec p pp para ed eds eg ie cf viz vs etc al op cit ibid
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    г гг т е др пр им ул д тыс млн млрд руб стр см
    """.split()
)
_END = re.compile(r"(?:\.\.\.|\u2026|[.!?\u061f\u0964\u0965\u3002\uff01\uff1f\uff0e])+[\"'\u201c\u201d\u2019\u00bb)\]\u300d\u300f\uff09]*")
_STARTER = re.compile(r"[\"'\u201c\u2018\u00ab\u201e(\[\u300c\u300e]?\s?[A-Z\u0400-\u042f\u00c0-\u00de\d]|[-\u2013\u2014]\s")
_QUOTE_OPEN = "\"'\u201c\u2018\u00ab\u201e([\u300c\u300e"
_CJK_END = "\u3002\uff01\uff1f"  # full-width ends: no space follows them in Chinese or Japanese
_DASH_OPEN = re.compile(r"[-\u2013\u2014]\s+")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
# Closed-class words that open a new sentence far more often than they continue one: after "p.m.",
# "U.S.", "Inc." or "etc." followed by one of these, the period ends the sentence too.
_SENTENCE_OPENERS = frozenset(
    """
    the a an he she it they we i you this that these those there his her its their our my
    but and so yet however meanwhile still then now also later earlier officials authorities police
    in on at after before when while as if although though since during for with by from
    """.split()
)
_TITLES_BEFORE_NAMES = frozenset(
    "mr mrs ms mx dr prof gen col lt maj capt cmdr adm sgt cpl pvt st sr rev hon pres gov sen rep amb no nos".split()
)
_NEXT_WORD = re.compile(r"[\"'\u201c\u00ab(]?\s?([A-Za-z]+)\b")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``text[dot]`` ends an abbreviation or an initial rather than a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not m:
        return False
    word = m.group(1)
    token = word.rsplit(".", 1)[-1] if "." in word else word
    if not token and "." in word:  # "U.S." -> the part before the last dot
        parts = [p for p in word.split(".") if p]
        token = parts[-1] if parts else ""
    low = token.lower()
    if low in _ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "T. S. Sultangaziev", "U.S."
    return bool(re.fullmatch(r"(?:[A-Za-z]\.){1,}[A-Za-z]", word))  # e.g, i.e


def _opens_sentence(text: str, pos: int, dot: int) -> bool:
    """Whether, after the abbreviation that ends at ``text[dot]``, the word at ``pos`` opens a new
    sentence anyway ("at 5 p.m. The vote follows", "in the U.S. They said"); never after a title
    that stands before a name ("Gen.", "Mr.", "No.")."""
    m = _NEXT_WORD.match(text, pos)
    if not m or m.group(1).lower() not in _SENTENCE_OPENERS or not m.group(1)[0].isupper():
        return False
    before = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    return not (before and before.group(1).lower() in _TITLES_BEFORE_NAMES)


def _uncased_start(text: str, pos: int) -> bool:
    """Whether a sentence in a script without capitals (Arabic, Devanagari, Chinese ...) may start
    at ``pos`` (an opening quote or bracket may come first)."""
    while pos < len(text) and text[pos] in _QUOTE_OPEN:
        pos += 1
    c = text[pos] if pos < len(text) else ""
    return c.isalpha() and c.upper() == c.lower() and not c.isascii()


def split_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets into ``text``) of the paragraph ``text[start:end]``."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _END.finditer(text, start, end):
        punct_end = m.end()
        ws = punct_end
        while ws < end and text[ws].isspace():
            ws += 1
        if ws >= end:
            continue  # the paragraph ends here anyway
        if ws == punct_end and not any(c in _CJK_END for c in m.group()):
            continue  # no white space after it
        if not _STARTER.match(text, ws) and not _uncased_start(text, ws):
            continue
        punct = m.group()
        if punct == "." and ends_ordinal(text, m.start(), ws):
            continue  # "am 5. Juni 2024": an ordinal's full stop (compare.lang.ordinals)
        if (
            punct.startswith(".")
            and not punct.startswith("...")
            and _is_abbreviation(text, m.start())
            and not _opens_sentence(text, ws, m.start())
        ):
            continue
        if punct.startswith(("...", "\u2026")) and not text[ws].isupper() and text[ws] not in "\"\u201c\u00ab":
            continue  # an ellipsis before a lower-case word or a number leaves the sentence open
        spans.append((cursor, punct_end))
        cursor = ws
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        dash = _DASH_OPEN.match(text, s, e)
        if dash:
            s = dash.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if e > s and any(c.isalnum() for c in text[s:e]):
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[str]:
    """Convenience: the sentence texts of one paragraph."""
    return [text[s:e] for s, e in split_spans(text)]
