"""One speaker's words quoted differently by two accounts, also when their sentences were never aligned.

Every quotation of every account is credited to its speaker: the person the sentence names as the
speaker ("..., Trump said"), else the only known person (one who speaks or carries a title in the
event) its narrative names ("Trump hailed the talks as "very productive""). Two quotations of one
speaker in two accounts are the same words quoted twice when, with the words only one quotation
runs on with set aside (a longer excerpt is no rewording), they differ in one place only: at most
two words against at most two. That is a ``warning`` when the words that differ change what was
said (an intensifier or hedge of another degree, a negation, a number), with a content word of the
quotation shared right beside them; ``info`` when other words differ inside a quotation of which at
least three content words are shared (a transcription: "and there another dozen" / "and a dozen"). Pairs a claim-level ``quote_wording`` finding already
compares are left to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from itertools import combinations

from compare.facts.attribution import speaker_with_basis
from compare.facts.common import discrepancy, negation_count, quoted
from compare.facts.context import STRAIGHT, EventView, SentenceView
from compare.facts.entities import EntityResolver
from compare.facts.lexicon import hedges, intensifiers
from compare.model import Discrepancy, SentenceRef
from compare.textnorm import STOPWORDS

# At most this many words replaced on each side, in one place.
MAX_CHANGED = 2
# Content words a quotation pair must share when the change is not a meaning word.
MIN_SHARED_PLAIN = 3
_WORD = re.compile(r"[\w'\u2019-]+")


def _pieces(sentence: SentenceView) -> list[str]:
    """Quoted pieces of two words or more (a two-word quotation such as "very productive" counts)."""
    parts = sentence.text.split(STRAIGHT)
    out = []
    for i in range(1, len(parts), 2):
        piece = parts[i].strip()
        words = _WORD.findall(piece)
        if len(words) >= 2 and sum(1 for w in words if w[:1].isupper()) / len(words) <= 0.6:
            out.append(piece)
    return out


def _speaker(sentence: SentenceView, resolver: EntityResolver) -> str | None:
    found = speaker_with_basis(sentence, resolver)
    if found is not None and found[1] == "named":
        return found[0]
    named = {full for last, full in resolver.people.items()
             if " " not in last and re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", sentence.narrative)}
    return named.pop() if len(named) == 1 else None


def _meaning_words(words: list[str]) -> bool:
    text = " ".join(words)
    return bool(hedges().find(text) or intensifiers().find(text) or negation_count(words)
                or any(any(ch.isdigit() for ch in w) for w in words))


def _change(a: list[str], b: list[str]) -> tuple[list[str], list[str], list[str], bool] | None:
    """(words only in a, words only in b, shared words, shared content word beside the change) when
    the two quotations differ in one place of at most MAX_CHANGED words a side, else None."""
    la, lb = [w.lower() for w in a], [w.lower() for w in b]
    ops = SequenceMatcher(None, la, lb, autojunk=False).get_opcodes()
    while ops and ops[0][0] in ("insert", "delete"):
        ops = ops[1:]
    while ops and ops[-1][0] in ("insert", "delete"):
        ops = ops[:-1]
    changed = [op for op in ops if op[0] != "equal"]
    if len(changed) != 1 or changed[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = changed[0]
    # a change at an end of one quotation: the other runs on there ("very productive" / "We had an
    # extremely productive meeting"): as many words as the shorter side has are the change
    if i1 == 0 and j2 - j1 > i2 - i1:
        j1 = j2 - (i2 - i1)
    elif j1 == 0 and i2 - i1 > j2 - j1:
        i1 = i2 - (j2 - j1)
    if i2 == len(la) and j2 - j1 > i2 - i1:
        j2 = j1 + (i2 - i1)
    elif j2 == len(lb) and i2 - i1 > j2 - j1:
        i2 = i1 + (j2 - j1)
    if i2 - i1 > MAX_CHANGED or j2 - j1 > MAX_CHANGED:
        return None
    shared = [la[i] for op in ops if op[0] == "equal" for i in range(op[1], op[2])]
    beside = [la[i] for i in (i1 - 1, i2) if 0 <= i < len(la)]
    near = any(w not in STOPWORDS and len(w) > 2 for w in beside)
    return a[i1:i2], b[j1:j2], shared, near


def check_event_quotes(view: EventView, resolver: EntityResolver, found: list[Discrepancy]) -> list[Discrepancy]:
    """Quotations of one speaker worded differently by two accounts."""
    covered = {frozenset((x, y)) for d in found if d.type == "quote_wording"
               for x in d.sentences for y in d.sentences if x.story != y.story}
    by_speaker: dict[str, dict[str, list[tuple[SentenceView, str]]]] = defaultdict(lambda: defaultdict(list))
    for story in view.stories:
        for sentence in view.story_sentences(story):
            pieces = _pieces(sentence)
            if not pieces:
                continue
            who = _speaker(sentence, resolver)
            if who is None:
                continue
            for piece in pieces:
                by_speaker[who][story].append((sentence, piece))
    out: list[Discrepancy] = []
    seen: set[tuple[str, ...]] = set()  # one finding per pair of accounts and change
    for who in sorted(by_speaker):
        for sa, sb in combinations(sorted(by_speaker[who]), 2):
            for va, qa in by_speaker[who][sa]:
                for vb, qb in by_speaker[who][sb]:
                    if frozenset((va.ref, vb.ref)) in covered:
                        continue
                    change = _change(_WORD.findall(qa), _WORD.findall(qb))
                    if change is None:
                        continue
                    only_a, only_b, shared, near = change
                    content = {w for w in shared if w not in STOPWORDS and len(w) > 2}
                    meaning = _meaning_words(only_a) or _meaning_words(only_b)
                    if not ((meaning and near) or len(content) >= MIN_SHARED_PLAIN):
                        continue
                    key = (" ".join(only_a).lower(), " ".join(only_b).lower(), *sorted((sa, sb)))
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(_finding(view, who, va, qa, vb, qb, only_a, only_b, meaning))
    return out


def _finding(view: EventView, who: str, va: SentenceView, qa: str, vb: SentenceView, qb: str,
             only_a: list[str], only_b: list[str], meaning: bool) -> Discrepancy:
    name_a, name_b = view.name(va.ref.story), view.name(vb.ref.story)
    reason = (f"{who} is quoted with \"{' '.join(only_a)}\" by one account and \"{' '.join(only_b)}\" by the other, "
              "the rest of the quoted words the same: " +
              ("words that change what was said (degree, negation, number)" if meaning else "a misquotation"))
    refs: list[SentenceRef] = [va.ref, vb.ref]
    return discrepancy(
        "quote_wording",
        "warning" if meaning else "info",
        f'{who}: {name_a} quote {quoted(qa, 90)}; {name_b} quote {quoted(qb, 90)}',
        refs,
        None,
        kind="event_quote",
        speaker=who,
        values={name_a: qa, name_b: qb},
        only_in={name_a: only_a, name_b: only_b},
        outlets=sorted({name_a, name_b}),
        grade_reason=reason,
        grade_basis="event",
    )
