"""Word-level diffs with diff-match-patch, deterministic (``Diff_Timeout = 0``).

diff-match-patch diffs characters; words are mapped to one private-use character each
(the library's own line-mode trick applied to words), diffed, cleaned up semantically,
and mapped back.  Ops are ``(-1 | 0 | 1, "words")``: deleted from A, kept, inserted by B.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from compare.textnorm import fold

# Numbers keep their separators ("4,500", "1.5"); other words as textnorm.WORD_RE.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['\-][^\W_]+)*", re.UNICODE)

Op = tuple[int, str]


def tokens(text: str) -> list[str]:
    """Word tokens of ``text`` (folded, case kept), numbers whole."""
    return TOKEN_RE.findall(fold(text))


@dataclass(slots=True)
class WordDiff:
    """A word diff of A against B, as runs of word lists."""

    ops: list[tuple[int, list[str]]]

    def as_json(self) -> list[list]:
        return [[op, " ".join(ws)] for op, ws in self.ops]

    @property
    def equal_words(self) -> int:
        return sum(len(ws) for op, ws in self.ops if op == 0)

    def only_a(self) -> list[str]:
        return [w for op, ws in self.ops if op == -1 for w in ws]

    def only_b(self) -> list[str]:
        return [w for op, ws in self.ops if op == 1 for w in ws]

    def changed(self) -> bool:
        return any(op != 0 for op, _ in self.ops)

    def trimmed(self) -> WordDiff:
        """Without one-sided runs at either end: a longer quotation is not a different one."""
        ops = list(self.ops)
        while ops and ops[0][0] != 0 and not _both_sides(ops, 0):
            ops.pop(0)
        while ops and ops[-1][0] != 0 and not _both_sides(ops, len(ops) - 1):
            ops.pop()
        return WordDiff(ops)

    def similarity(self, len_a: int, len_b: int) -> float:
        """Share of words kept, over the shorter side (1.0 = one contains the other)."""
        shorter = min(len_a, len_b)
        return self.equal_words / shorter if shorter else 0.0


def _both_sides(ops: list[tuple[int, list[str]]], i: int) -> bool:
    """Whether the change run containing ``ops[i]`` deletes AND inserts (a replacement)."""
    lo = hi = i
    while lo > 0 and ops[lo - 1][0] != 0:
        lo -= 1
    while hi + 1 < len(ops) and ops[hi + 1][0] != 0:
        hi += 1
    kinds = {ops[k][0] for k in range(lo, hi + 1)}
    return kinds == {-1, 1}


def word_diff(a: str | list[str], b: str | list[str], *, lower: bool = True) -> WordDiff:
    """Word diff of two texts (or token lists), case-insensitive by default."""
    ta = tokens(a) if isinstance(a, str) else list(a)
    tb = tokens(b) if isinstance(b, str) else list(b)
    code: dict[str, str] = {}

    def encode(ws: list[str]) -> str:
        out = []
        for w in ws:
            key = w.lower() if lower else w
            if key not in code:
                code[key] = chr(0xE000 + len(code)) if len(code) < 6400 else chr(0xF0000 + len(code))
            out.append(code[key])
        return "".join(out)

    ca, cb = encode(ta), encode(tb)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(ca, cb, False)
    dmp.diff_cleanupSemantic(diffs)
    ops: list[tuple[int, list[str]]] = []
    ia = ib = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 1:
            ops.append((1, tb[ib : ib + n]))
            ib += n
        else:
            ops.append((op, ta[ia : ia + n]))
            ia += n
            if op == 0:
                ib += n
    return WordDiff(ops)


def change_runs(diff: WordDiff) -> list[tuple[int, int]]:
    """(first, last) op positions of each run of consecutive changes."""
    runs: list[tuple[int, int]] = []
    for i, (op, _) in enumerate(diff.ops):
        if op == 0:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def change_window(
    diff: WordDiff, context: int = 2, max_words: int = 14, focus: int | None = None, mark: bool = False
) -> tuple[str, str]:
    """A readable stretch of A and of B around the changes, from the first change run
    (or run number ``focus``) on, taking in following runs while it stays under ``max_words``.
    With ``mark``, the words only one side has are put in [brackets]."""
    ops = diff.ops
    runs = change_runs(diff)
    if not runs:
        return "", ""
    first = min(focus or 0, len(runs) - 1)
    lo, hi = runs[first]
    for _, r_hi in runs[first + 1 :]:
        span = sum(len(ws) for _, ws in ops[lo : r_hi + 1])
        if span > max_words:
            break
        hi = r_hi
    a_words: list[str] = []
    b_words: list[str] = []
    before = ops[lo - 1][1][-context:] if lo > 0 else []
    after = ops[hi + 1][1][:context] if hi + 1 < len(ops) else []
    a_words += before
    b_words += before
    for op, ws in ops[lo : hi + 1]:
        shown = ws if op == 0 or not mark else _bracketed(ws)
        if op <= 0:
            a_words += shown
        if op >= 0:
            b_words += shown
    a_words += after
    b_words += after
    return _clip(a_words, max_words + 2 * context), _clip(b_words, max_words + 2 * context)


def _bracketed(ws: list[str]) -> list[str]:
    if not ws:
        return ws
    if len(ws) == 1:
        return [f"[{ws[0]}]"]
    return [f"[{ws[0]}", *ws[1:-1], f"{ws[-1]}]"]


def _clip(ws: list[str], max_words: int) -> str:
    if len(ws) <= max_words:
        return " ".join(ws)
    half = max_words // 2
    return " ".join(ws[:half]) + " … " + " ".join(ws[-half:])
