"""Word-level differences between two accounts of a claim (diff-match-patch).

diff-match-patch diffs characters; to diff words, each distinct token is mapped
to one private character first (what ``diff_linesToChars`` does for lines), the
character strings are diffed, and ``diff_cleanupSemantic`` merges the scattered
one-word edits into readable phrase changes.  ``Diff_Timeout = 0`` makes the
result depend on the input only, never on machine load.

Tokens are words (``textnorm.WORD_RE``, the project's word definition), runs of
white space, and single other characters; they are compared after
``textnorm.fold`` and lower-casing, so curly versus straight quotes or a
capital letter never show up as a difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from diff_match_patch import diff_match_patch

from compare.textnorm import WORD_RE, fold

Op = Literal["same", "ins", "del"]
TOKEN_RE = re.compile(rf"{WORD_RE.pattern}|\s+|.", re.UNICODE | re.DOTALL)
_SURROGATES = range(0xD800, 0xE000)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text: ``same`` in both, ``ins`` only in the other, ``del`` only in the reference."""

    op: Op
    text: str

    @property
    def lead(self) -> str:
        """White space the segment starts with (shown outside the ins/del mark)."""
        return self.text[: len(self.text) - len(self.text.lstrip())]

    @property
    def core(self) -> str:
        return self.text.strip()

    @property
    def trail(self) -> str:
        return self.text[len(self.text.rstrip()) :] if self.text.strip() else ""


def tokens(text: str) -> list[str]:
    """Words, white-space runs and single other characters; ``"".join(tokens(t)) == t``."""
    return TOKEN_RE.findall(text)


@lru_cache(maxsize=100_000)
def _key(token: str) -> str:
    """What a token is compared as (tokens repeat: folding each distinct one once is enough)."""
    if token.isspace():
        return " "
    return fold(token).lower() or token


def _encode(toks: list[str], codes: dict[str, str]) -> str:
    out = []
    for tok in toks:
        key = _key(tok)
        code = codes.get(key)
        if code is None:
            n = len(codes) + 1
            if n >= _SURROGATES.start:
                n += len(_SURROGATES)
            code = codes[key] = chr(n)
        out.append(code)
    return "".join(out)


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut a diff short because the machine is busy
    return dmp


def word_diff(reference: str, other: str) -> list[Segment]:
    """How ``other`` differs from ``reference``, word by word, as display segments.

    ``same`` segments carry ``other``'s own wording; ``del`` segments the reference's
    words that ``other`` lacks; ``ins`` segments ``other``'s words the reference lacks.
    Joining the ``same`` and ``ins`` texts gives ``other``; ``same`` and ``del`` give
    ``reference`` up to folding.
    """
    if reference == other:  # what the diff would say, without diffing (reprints repeat sentences)
        return [Segment("same", other)] if other else []
    ref_toks, other_toks = tokens(reference), tokens(other)
    codes: dict[str, str] = {}
    a, b = _encode(ref_toks, codes), _encode(other_toks, codes)
    dmp = _engine()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    segments: list[Segment] = []
    i = j = 0  # positions in ref_toks / other_toks
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            _append(segments, "same", "".join(other_toks[j : j + n]))
            i, j = i + n, j + n
        elif op == -1:
            _append(segments, "del", "".join(ref_toks[i : i + n]))
            i += n
        else:
            _append(segments, "ins", "".join(other_toks[j : j + n]))
            j += n
    return segments


def _append(segments: list[Segment], op: Op, text: str) -> None:
    """Add a segment, merging with the previous one of the same kind; blank edits read as same."""
    if not text:
        return
    if op != "same" and text.isspace():
        if op == "del":
            return
        op = "same"
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def similarity(segments: list[Segment]) -> float:
    """Share of characters the two texts have in common (1.0 identical, 0.0 disjoint)."""
    same = sum(len(s.text) for s in segments if s.op == "same")
    total = same + sum(len(s.text) for s in segments if s.op != "same")
    return same / total if total else 1.0
