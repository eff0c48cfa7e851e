"""Lines of an extracted text with their offsets, and the shape tests the other modules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.textnorm import fold

BULLET_RE = re.compile(r"^(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25ba\u2013\u2014*+]|-(?=\s))\s*")
MARKDOWN_PREFIX_RE = re.compile(r"^(?:#{1,6}\s+|>\s?)")
TERMINAL_RE = re.compile(r"[.!?\u2026:;](?:\s?[\"'\u201d\u2019\u00bb)\]])*$")
WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")


@dataclass(slots=True)
class Line:
    """One line of the extracted text: ``text`` is ``doc_text[start:end]`` without surrounding blanks.

    The shape features (``content``, ``bullet``, ``terminal``) are computed once; ``words`` and
    ``key`` on first use (a warm run takes most documents from its cache and asks only some lines
    for them).
    """

    number: int  # 1-based line number in the extracted text
    start: int
    end: int
    text: str
    content: str = field(init=False)  # the text without a leading bullet or markdown marker
    bullet: bool = field(init=False)
    terminal: bool = field(init=False)  # ends like a sentence (. ! ? ... : ;), closing quotes allowed
    _words: int = field(init=False, default=-1, repr=False, compare=False)
    _key: str | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.bullet = bool(BULLET_RE.match(self.text))
        self.content = MARKDOWN_PREFIX_RE.sub("", BULLET_RE.sub("", self.text, count=1), count=1)
        self.terminal = bool(TERMINAL_RE.search(self.text))

    @property
    def words(self) -> int:
        """Number of word tokens."""
        if self._words < 0:
            self._words = len(WORD_RE.findall(self.text))
        return self._words

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def key(self) -> str:
        """Folded, lower-cased text used to find lines repeated across documents."""
        if self._key is None:
            self._key = fold(self.content).lower()
        return self._key


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with exact offsets of its stripped content."""
    lines = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = pos + lead if stripped else pos
        lines.append(Line(number, start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def title_shaped(line: Line, max_words: int = 30) -> bool:
    """Looser than ``headline_shaped``: a headline may end with ".", "!" or "?" when the layout
    (first line, followed by a date line) says it is one."""
    text = line.content
    if headline_shaped(line, max_words):
        return True
    return (
        bool(text) and not line.bullet and 2 <= line.words <= max_words
        and (text[0].isupper() or text[0] in "\"'\u201c\u2018\u00ab")
        and not text.rstrip().endswith((":", ";", ","))
        and len(re.findall(r"[.!?]\s+[A-Z]", text)) == 0  # one sentence at most
    )


def headline_shaped(line: Line, max_words: int = 30) -> bool:
    """Short, no sentence-final punctuation (a question mark is allowed), starts with a capital or digit."""
    text = line.content
    if not text or line.bullet:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'\u201c\u2018\u00ab"):
        return False
    if TERMINAL_RE.search(text) and not text.rstrip("\"'\u201d\u00bb").endswith("?"):
        return False
    return 2 <= line.words <= max_words or (line.words == 1 and len(text) > 3 and text[0].isupper())
