"""How one quotation rendered twice differs, and how sure a misquotation it is.

A word diff of two renderings (trimmed: a longer excerpt is no change) is cut into change runs, each
of one kind:

- ``form``: the same words written otherwise ("1" / "one", "record-holder" / "Record holder", a final
  "s": "service" / "services", "I'm" / "I m", British and American spellings: "defence" / "defense");
- ``added``: words only one rendering has (an ellipsis, an editor's insertion), or a content word put for
  function words only;
- ``order``: the same content words in another order ("this deal is exceptional" / "this is an
  exceptional deal");
- ``function``: only function words differ ("not in my mind" / "not on my mind", "sorry for" / "sorry
  about");
- ``content``: a content word put for another ("a black day" / "a dark day", "grows" / "evolves").

The two are one quotation when most words are shared in order: *sure* with at least ``SURE_SHARED``
words shared and ``SURE_SHARE`` of the shorter rendering; *likely* with at least ``LIKELY_SHARED`` and
``LIKELY_SHARE``, ``LIKELY_CONTENT`` of them content words ("in a statement" is no quotation's own words).  A misquotation has one or two changes of the last three kinds, none longer than
``MAX_RUN`` words a side (a longer rewording is a paraphrase or a translation).  Its grade:

- ``error``: one content word or two put for as many, in a quotation that is surely the same one,
  credited to the same named person by both accounts;
- ``warning``: any other content change; an order or function-word change in a surely-same quotation;
- ``info``: an order or function-word change in a quotation only likely the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from compare.facts.diffing import WordDiff, change_runs
from compare.model import Severity
from compare.textnorm import STOPWORDS

SURE_SHARED, SURE_SHARE = 6, 0.6
LIKELY_SHARED, LIKELY_SHARE, LIKELY_CONTENT = 3, 0.5, 2
MAX_RUN = 5
MAX_CHANGES = 2
# At most this many words a side for a content change to be an error.
ERROR_RUN = 2

_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}

_ORDINALS = {w: f"{i + 1}{'st' if i == 0 else 'nd' if i == 1 else 'rd' if i == 2 else 'th'}" for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}


@dataclass(frozen=True, slots=True)
class Misquote:
    """A quotation rendered twice with words changed: the grade, why, and the changes (kind, a, b)."""

    severity: Severity
    kind: str  # the most telling kind of change: content, order or function
    reason: str
    changes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    sure: bool  # surely one quotation (not only likely)


# British and American spellings of one word ("neighbourhood", "realised", "defence", "travelled").
_SPELLINGS = ((re.compile(r"our"), "or"), (re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"),
              (re.compile(r"ence$"), "ense"), (re.compile(r"ogue$"), "og"), (re.compile(r"([^aeiou])re$"), r"\1er"),
              (re.compile(r"ll(ed|ing|er)$"), r"l\1"))


def _form(words: list[str]) -> str:
    """The words as compared for form: case, apostrophes, hyphens, number words, a final "s" and
    British spellings set aside ("I'm" / "I ' m", "year's" / "year s", "neighbourhood" / "neighborhood")."""
    out = []
    for w in words:
        parts = re.sub(r"['\u2019]", "", w.lower()).split("-")
        low = "".join(_NUMBER_WORDS.get(p, _ORDINALS.get(p, p)) for p in parts)
        for pattern, repl in _SPELLINGS:
            low = pattern.sub(repl, low)
        out.append(low)
    joined = "".join(out)
    return joined[:-1] if len(joined) > 3 and joined.endswith("s") else joined


def same_form(a: list[str], b: list[str]) -> bool:
    """Two runs of words that differ only in form ("cant" / "can't", "fibre" / "fiber", "1" / "one")."""
    return _form(a) == _form(b)


def _content(word: str) -> bool:
    low = word.lower()
    return low not in STOPWORDS and len(low) > 2 and not low.isdigit()


def run_kind(a: list[str], b: list[str]) -> str:
    """The kind of one change run: form, added, order, function or content (see the module)."""
    fa, fb = _form(a), _form(b)
    if fa == fb:
        return "form"
    if not a or not b or fa.startswith(fb) or fb.startswith(fa) or fa.endswith(fb) or fb.endswith(fa):
        return "added"  # "vice presidential candidate" / "vice-presidential candidate on Aug 29"
    ca = Counter(_form([w]) for w in a if _content(w))
    cb = Counter(_form([w]) for w in b if _content(w))
    if ca == cb:
        return "order" if ca else "function"
    if not ca - cb or not cb - ca:
        return "added"  # a content word one side has and the other not, put for no other ("a" / "there another")
    return "content"


def grade_misquote(diff: WordDiff, same_named_speaker: bool) -> Misquote | None:
    """The grade of two renderings of one quotation, None when they are no misquotation (no change
    of substance, too little shared to be one quotation, or reworded too much to tell)."""
    core = diff.trimmed()
    changes = []
    for lo, hi in change_runs(core):
        a = [w for op, ws in core.ops[lo: hi + 1] if op == -1 for w in ws]
        b = [w for op, ws in core.ops[lo: hi + 1] if op == 1 for w in ws]
        kind = run_kind(a, b)
        if kind in ("order", "function", "content"):
            changes.append((kind, tuple(a), tuple(b)))
    if not changes or len(changes) > MAX_CHANGES or any(max(len(a), len(b)) > MAX_RUN for _, a, b in changes):
        return None
    shared = core.equal_words
    shorter = min(sum(len(ws) for op, ws in core.ops if op != 1), sum(len(ws) for op, ws in core.ops if op != -1))
    sure = shared >= SURE_SHARED and shared >= SURE_SHARE * shorter
    shared_content = sum(1 for op, ws in core.ops if op == 0 for w in ws if _content(w))
    likely = shared >= LIKELY_SHARED and shared >= LIKELY_SHARE * shorter and shared_content >= LIKELY_CONTENT
    if not likely:
        return None
    kinds = {k for k, _, _ in changes}
    kind = "content" if "content" in kinds else "order" if "order" in kinds else "function"
    said = "; ".join(f'"{" ".join(a)}" / "{" ".join(b)}"' for _, a, b in changes)
    how = (f"{shared} of {shorter} words the same, in order" + (", credited to the same named person by both"
                                                               if same_named_speaker else ""))
    if kind == "content":
        if sure and same_named_speaker and len(changes) == 1 and max(len(changes[0][1]), len(changes[0][2])) <= ERROR_RUN:
            return Misquote("error", kind, f"a content word changed inside the same quotation ({said}; {how}): "
                                           "one account misquotes", tuple(changes), sure)
        return Misquote("warning", kind, f"a content word changed inside what is likely the same quotation ({said}; "
                                         f"{how}): a misquotation, or another statement", tuple(changes), sure)
    what = "the same words in another order" if kind == "order" else "a function word changed"
    if sure:
        return Misquote("warning", kind, f"{what} inside the same quotation ({said}; {how}): a misquotation that "
                                         "hardly changes the meaning", tuple(changes), sure)
    return Misquote("info", kind, f"{what} inside what is likely the same quotation ({said}; {how})", tuple(changes),
                    sure)
