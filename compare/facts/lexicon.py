"""The cue lexicons shipped in ``compare/data``: loading and phrase matching.

Every list is a small text file (``#`` starts a comment, columns are tab separated), so a
user can extend a lexicon without touching code.  Loaders are cached: the files are read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from compare.textnorm import fold


def _rows(name: str) -> list[list[str]]:
    text = resources.files("compare").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _phrase_pattern(phrase: str) -> str:
    """A regex for a lexicon phrase, ``*`` as any word ending (word bounds added by the caller)."""
    parts = []
    for word in phrase.split():
        if "*" in word:
            parts.append(r"[\w\-]*".join(re.escape(p) for p in word.split("*")))
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


@dataclass(frozen=True, slots=True, eq=False)
class CueList:
    """Phrases with a class label each, matched case-insensitively as whole words."""

    name: str
    labels: dict[str, str]  # phrase -> class
    groups: dict[str, str]  # regex group name -> phrase
    regex: re.Pattern[str]

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, matched text, class) for every cue in ``text`` (already folded)."""
        return list(_find(self, text))


@lru_cache(maxsize=50_000)
def _find(cues: CueList, text: str) -> tuple[tuple[int, int, str, str], ...]:
    out = []
    for m in cues.regex.finditer(text):
        group = m.lastgroup or ""
        out.append((m.start(), m.end(), m.group(), cues.labels[cues.groups[group]]))
    return tuple(out)


@cache
def _cue_rows(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _rows(name):
        label = row[1] if len(row) > 1 and row[1] else ""
        for phrase in row[0].split("|"):
            out.setdefault(phrase.strip(), label)
    return out


@cache
def cue_list(name: str) -> CueList:
    """Load a ``phrase<TAB>class`` file (``a|b`` lists alternative forms of one entry)."""
    labels = _cue_rows(name)
    keys = {f"g{i}": phrase for i, phrase in enumerate(labels)}
    # Longest phrases first so that "pointed out" wins over "pointed".
    order = sorted(keys.items(), key=lambda kv: (-len(kv[1]), kv[1]))
    alternatives = "|".join(f"(?P<{k}>{_phrase_pattern(p)})" for k, p in order)
    regex = re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", re.IGNORECASE)
    return CueList(name, labels, keys, regex)


def hedges() -> CueList:
    return cue_list("hedges.tsv")


def intensifiers() -> CueList:
    return cue_list("intensifiers.tsv")


def framing_labels() -> CueList:
    return cue_list("framing_labels.tsv")


def report_verbs() -> CueList:
    return cue_list("report_verbs.tsv")


def number_qualifiers() -> CueList:
    return cue_list("number_qualifiers.tsv")


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-column list file as a tuple of entries (order kept)."""
    return tuple(row[0] for row in _rows(name))


@cache
def number_words() -> dict[str, tuple[float, str]]:
    return {row[0].lower(): (float(row[1]), row[2]) for row in _rows("number_words.tsv")}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    canonical: str
    kind: str  # country | org | place


@cache
def gazetteer() -> dict[str, GazetteerEntry]:
    """Alias (folded, case kept) -> entry; the canonical name is an alias of itself."""
    out: dict[str, GazetteerEntry] = {}
    for row in _rows("gazetteer.tsv"):
        entry = GazetteerEntry(row[0], row[1])
        aliases = [row[0]] + [a for a in (row[2].split("|") if len(row) > 2 else []) if a]
        for alias in aliases:
            out.setdefault(fold(alias), entry)
    return out


@cache
def gazetteer_regex() -> re.Pattern[str]:
    """Every alias, longest first; acronyms case-sensitive, names case-sensitive too."""
    aliases = sorted(gazetteer(), key=lambda a: (-len(a), a))
    return re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w\-])")
