"""Helpers every checker shares: building a Discrepancy, pairs of sides, cue words."""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Any

from compare.facts.context import Side
from compare.facts.diffing import WordDiff, change_runs, word_diff
from compare.facts.lexicon import word_list
from compare.model import Discrepancy, DiscrepancyType, SentenceRef, Severity

# Two renderings whose diff keeps this share of the shorter one's words are "close": an
# edited copy rather than a separate translation.  Weak cues are only reported between
# close renderings; between loose translations they are noise.
CLOSE_SIMILARITY = 0.6


def discrepancy(
    type_: DiscrepancyType,
    severity: Severity,
    summary: str,
    sentences: list[SentenceRef],
    claim: str | None,
    **details: Any,
) -> Discrepancy:
    return Discrepancy(
        type=type_,
        severity=severity,
        summary=" ".join(summary.split()),
        sentences=sorted(set(sentences)),
        claim=claim,
        details=details,
    )


def side_pairs(sides: list[Side]) -> list[tuple[Side, Side]]:
    """Every pair of sides with different text, in event order (identical copies say the same)."""
    return [(a, b) for a, b in combinations(sides, 2) if a.text != b.text]


@lru_cache(maxsize=20_000)
def diff_sides(a: str, b: str) -> tuple[WordDiff, float]:
    """Word diff of two texts and how close they are (share of the shorter one kept).

    Cached: several checks look at the same pair of texts.  Callers must not modify the diff.
    """
    diff = word_diff(a, b)
    len_a = sum(len(ws) for op, ws in diff.ops if op <= 0)
    len_b = sum(len(ws) for op, ws in diff.ops if op >= 0)
    return diff, diff.similarity(len_a, len_b)


# An edit of at most this many words, between shared words on both sides, is a local edit
# ("will test" -> "will not test"); longer runs are rewording.
LOCAL_EDIT_WORDS = 4


def local_edits(diff: WordDiff, max_words: int = LOCAL_EDIT_WORDS) -> list[tuple[list[str], list[str]]]:
    """(words of A, words of B) of each short change run with shared words on both sides of it."""
    ops = diff.ops
    out = []
    for lo, hi in change_runs(diff):
        if lo == 0 or hi + 1 >= len(ops):
            continue
        run = ops[lo : hi + 1]
        if sum(len(ws) for _, ws in run) > max_words:
            continue
        out.append(([w for op, ws in run if op == -1 for w in ws], [w for op, ws in run if op == 1 for w in ws]))
    return out


def negation_flips(diff: WordDiff) -> bool:
    """Whether a local edit adds or removes a negation."""
    return any(negation_count(a) != negation_count(b) for a, b in local_edits(diff))


# Negative contractions typed without their apostrophe ("I cant speak for ..."): the same negation.
_BARE_CONTRACTIONS = frozenset(
    "cant dont doesnt didnt isnt wasnt arent werent couldnt wouldnt shouldnt hasnt havent hadnt mustnt neednt aint".split()
)


def negation_count(words: list[str]) -> int:
    """Negation cues among ``words``; "not only" (... but also) is none, "rather than" is one."""
    cues = set(word_list("negations.txt"))
    n = 0
    for i, w in enumerate(words):
        low = w.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if low == "not" and nxt in ("only", "just", "merely"):
            continue
        if low in ("no", "no.") and nxt[:1].isdigit():
            continue  # "the No. 1 team": a rank, not a negation
        if (low, nxt) in (("rather", "than"), ("instead", "of")):
            n += 1  # "partying rather than protesting" = "partying, not protesting"
            continue
        if low in cues or low in _BARE_CONTRACTIONS or low.endswith("n't") or low.endswith("n\u2019t"):
            n += 1
        elif low == "t" and i >= 1 and words[i - 1] in ("'", "\u2019") and i >= 2 and words[i - 2].lower().endswith("n"):
            n += 1  # "didn ' t": a contraction split by a tokenizer
        elif low == "t" and i >= 1 and words[i - 1].lower().endswith("n") and words[i - 1].lower() not in cues:
            n += 1  # the same with the apostrophe dropped: "didn", "t"
    return n


def quoted(text: str, limit: int = 140) -> str:
    """``text`` in double quotes, shortened in the middle (at word breaks) past ``limit``."""
    text = " ".join(text.split())
    if len(text) > limit:
        half = limit // 2
        head = text[:half].rsplit(" ", 1)[0]
        tail = text[-half:].split(" ", 1)[-1]
        text = f"{head} … {tail}"
    return f'"{text}"'
