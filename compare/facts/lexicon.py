"""The cue lexicons shipped in ``compare/data``: loading and phrase matching.

Every list is a small text file (``#`` starts a comment, columns are tab separated), so a
user can extend a lexicon without touching code.  Loaders are cached: the files are read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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


_WORD_RUN = re.compile(r"[\w\-]+")
_LEADING_RUN = re.compile(r"[\w\-]*")


class PhraseMatcher:
    r"""Finds exactly what ``(?<![\w\-])(?:p1|p2|...)(?![\w\-])`` finds, much faster.

    One regex alternation of a few hundred phrases is tried at every character of the text.
    This matcher indexes the phrases by their leading word (a prefix of it where a ``*``
    wildcard follows) and tries, at each word start only, a small alternation of the phrases
    that can begin with that word, in the original order, so the first alternative that matches
    and the non-overlapping left-to-right scan are the same as the one big regex's.  Words the
    index cannot decide on (non-ASCII words under ignore-case) get the whole alternation.
    """

    def __init__(self, alternatives: list[tuple[str, str, str]], flags: int = 0) -> None:
        """``alternatives``: (group name, regex source, phrase text) in priority order."""
        self.flags = flags
        self._alternatives = alternatives
        self._ignore_case = bool(flags & re.IGNORECASE)
        self.regex = self._compile(range(len(alternatives)))
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._always: list[int] = []
        self._sub: dict[tuple[int, ...], re.Pattern[str]] = {}
        # Scanning word starts only is exact when every phrase begins with a word character
        # and none can match the empty string; otherwise keep the plain alternation.
        self._scan_words = self.regex.match("") is None
        for i, (_, _, phrase) in enumerate(alternatives):
            head = _LEADING_RUN.match(phrase)
            run = head.group() if head else ""
            wildcard = phrase[len(run):len(run) + 1] == "*"
            if not run and not wildcard:
                self._scan_words = False
            key = run.lower() if self._ignore_case else run
            if not run or (self._ignore_case and not run.isascii()):
                self._always.append(i)
            else:
                (self._prefix if wildcard else self._exact).setdefault(key, []).append(i)
        self._prefixes = tuple(self._prefix)
        self._prefix_start = (
            re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, self._prefixes)) + ")") if self._prefixes else None
        )

    def _compile(self, which: range | tuple[int, ...]) -> re.Pattern[str]:
        body = "|".join(f"(?P<{self._alternatives[i][0]}>{self._alternatives[i][1]})" for i in which)
        return re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-])", self.flags)

    def _for_word(self, word: str) -> re.Pattern[str] | None:
        """The alternation to try where ``word`` starts (None: no phrase can start there)."""
        if self._ignore_case:
            if not word.isascii():
                return self.regex
            word = word.lower()
        found = list(self._exact.get(word, ()))
        if self._prefixes and word.startswith(self._prefixes):
            for prefix in self._prefixes:
                if word.startswith(prefix):
                    found.extend(self._prefix[prefix])
        found.extend(self._always)
        if not found:
            return None
        which = tuple(sorted(set(found)))
        pattern = self._sub.get(which)
        if pattern is None:
            pattern = self._sub[which] = self._compile(which)
        return pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self._scan_words:
            yield from self.regex.finditer(text)
            return
        # ASCII text lower-cases in place (same offsets): most texts hold no phrase's first word.
        keyed = text.lower() if self._ignore_case and text.isascii() else text
        if keyed is not text or not self._ignore_case:
            words = _WORD_RUN.findall(keyed)
            if not self._always and self._exact.keys().isdisjoint(words) and not (
                self._prefix_start is not None and self._prefix_start.search(keyed)
            ):
                return
        resume = 0
        for word in _WORD_RUN.finditer(keyed):
            start = word.start()
            if start < resume:
                continue
            pattern = self._for_word(word.group())
            if pattern is None:
                continue
            m = pattern.match(text, start)
            if m:
                resume = m.end()
                yield m


@dataclass(frozen=True, slots=True, eq=False)
class CueList:
    """Phrases with a class label each, matched case-insensitively as whole words."""

    name: str
    labels: dict[str, str]  # phrase -> class
    groups: dict[str, str]  # regex group name -> phrase
    matcher: PhraseMatcher

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, matched text, class) for every cue in ``text`` (already folded)."""
        return list(_find(self, text))


@lru_cache(maxsize=50_000)
def _find(cues: CueList, text: str) -> tuple[tuple[int, int, str, str], ...]:
    out = []
    for m in cues.matcher.finditer(text):
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
    matcher = PhraseMatcher([(k, _phrase_pattern(p), p) for k, p in order], re.IGNORECASE)
    return CueList(name, labels, keys, matcher)


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
def gazetteer_regex() -> PhraseMatcher:
    """Every alias, longest first; acronyms case-sensitive, names case-sensitive too."""
    aliases = sorted(gazetteer(), key=lambda a: (-len(a), a))
    return PhraseMatcher([(f"g{i}", re.escape(a), a) for i, a in enumerate(aliases)])


def table_rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated list file in ``compare/data`` (comments and blanks left out)."""
    return _rows(name)
