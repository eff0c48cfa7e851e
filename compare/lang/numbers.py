"""Numbers written in words, in the languages where news writes them so ("сорок два", "zwei",
"trois"): ``parse_number_words`` reads a run of number words into its value.

Forms are listed per language in ``compare/data/lang/number_words.tsv`` (word, value, kind:
unit, tens, hundreds or scale), case forms included for the Slavic languages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[float, str]]:
    table: dict[str, tuple[float, str]] = {}
    text = (resources.files("compare.data") / "lang" / "number_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _lang, value, kind, forms = line.split("\t")
        for form in forms.split():
            table.setdefault(form.lower().replace("ё", "е"), (float(value), kind))
    return table


@lru_cache(maxsize=64)
def number_forms(language: str) -> frozenset[str]:
    """The number words listed for ``language`` (lower case), scale words included: kept out of
    its stop words, so that "сорок два" reaches the number readers and the match terms."""
    forms: set[str] = set()
    text = (resources.files("compare.data") / "lang" / "number_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and line.split("\t", 1)[0] == language:
            forms.update(f.lower().replace("ё", "е") for f in line.split("\t")[3].split())
    return frozenset(forms)


def number_word_value(word: str) -> tuple[float, str] | None:
    """(value, kind) of one number word in any listed language, or None."""
    return _table().get(word.lower().replace("ё", "е"))


def parse_number_words(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of each run of number words in ``text``: "сорок два" -> 42,
    "три тысячи" -> 3000.  A lone scale word ("тысяча") is left out."""
    out: list[tuple[int, int, float]] = []
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        first = number_word_value(words[i].group())
        if first is None or first[1] == "scale":
            i += 1
            continue
        start = words[i].start()
        total, current, end = 0.0, 0.0, words[i].end()
        j = i
        while j < len(words):
            if j > i and text[words[j - 1].end() : words[j].start()].strip() not in ("", "-"):
                break
            found = number_word_value(words[j].group())
            if found is None:
                break
            value, kind = found
            if kind == "scale":
                total += (current or 1) * value
                current = 0
            else:
                current += value
            end = words[j].end()
            j += 1
        out.append((start, end, total + current))
        i = j
    return out


def run_at(text: str, start: int) -> tuple[float, int] | None:
    """(value, end) of the run of number words starting at ``text[start]`` in a non-Latin script
    ("сорок два человека" -> 42), else None: the hook of the same-language number reader
    (``compare.facts.numbers``), which knows English number words itself.  Latin-script words of
    other languages are left out there ("cent", "un", "die" are English words or articles)."""
    word = _WORD.match(text, start)
    if not word or word.group().isascii():
        return None
    for run_start, end, value in parse_number_words(text[start : start + 200]):
        return (value, start + end) if run_start == 0 else None
    return None
