"""The same quotation worded differently (speakers: see attribution.py).

Within one claim, the words inside quotation marks on each side are taken as the same
quotation rendered twice (the aligner has said the sentences say the same thing) when at least
a quarter of the shorter one's words are shared in order (else they are two statements).  The
word diff is trimmed at both ends, so a longer excerpt of the same words is no discrepancy.
A rendering is a *warning* when meaning words differ: a negation added in a local edit,
a number where the other rendering has another, a strong hedge or intensifier or a loaded
label one side has and the other has not; otherwise *info*.  With many accounts, each
distinct rendering is compared with the first account's (n - 1 comparisons).
"""

from __future__ import annotations

import re

from compare.facts.attribution import same_person, speaker_with_basis
from compare.facts.common import diff_sides, discrepancy, negation_count, negation_flips, quoted
from compare.facts.context import Side
from compare.facts.diffing import WordDiff, change_runs, change_window, tokens
from compare.facts.entities import EntityResolver
from compare.facts.lexicon import framing_labels, hedges, intensifiers
from compare.facts.misquote import grade_misquote
from compare.model import SEVERITY_RANK, Claim, Discrepancy, Severity
from compare.textnorm import content_terms

# Below this share of shared content words two quotations are not the same one.
MIN_QUOTE_OVERLAP = 0.3
# At least this share of the shorter quotation's words shared, in order, for one quotation rendered twice
# (a translation kept in other words keeps its frame: "I have the audacity / courage to ... on behalf of").
MIN_IN_ORDER = 0.25


def _meaning_cues(words: list[str]) -> list[str]:
    text = " ".join(words)
    cues = [m[2] for m in hedges().find(text) if m[3] == "strong"]
    cues += [m[2] for m in intensifiers().find(text) if m[3] == "strong"]
    cues += [m[2] for m in framing_labels().find(text)]
    return cues


def _focus_run(diff: WordDiff) -> int | None:
    """The change run to show: the first with a meaning cue or negation, else the first
    that replaces content words, else the first."""
    runs = change_runs(diff)
    for i, (lo, hi) in enumerate(runs):
        words = [w for _, ws in diff.ops[lo : hi + 1] for w in ws]
        if _meaning_cues(words) or negation_count(words):
            return i
    for i, (lo, hi) in enumerate(runs):
        ops = diff.ops[lo : hi + 1]
        if {op for op, _ in ops} == {-1, 1} and content_terms(" ".join(w for _, ws in ops for w in ws)):
            return i
    return None


def _overlap(a: str, b: str) -> float:
    ta, tb = set(content_terms(a)), set(content_terms(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


_CLOCK_12 = re.compile(r"\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?\s?m\b\.?", re.I)
_CLOCK_4 = re.compile(r"\b([01]\d|2[0-3])([0-5]\d)(?=\s*(?:GMT|UTC|hrs|hours|IST|local)\b)")


def _clock24(text: str) -> str:
    """Clock times in one form ("6:41pm" and "18:41", "0241 GMT" and "02:41 GMT"): a time written two
    ways is no change of the quoted words."""
    def twelve(m: re.Match[str]) -> str:
        hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
        return f"{hour:02d}:{m.group(2) or '00'}"
    text = _CLOCK_12.sub(twelve, text)
    text = _CLOCK_4.sub(lambda m: f"{m.group(1)}:{m.group(2)}", text)
    return re.sub(r"\b(\d):([0-5]\d)\b", r"0\1:\2", text)


def _one_quotation(diff: WordDiff) -> bool:
    """Whether two quotations are one rendered twice: at least MIN_IN_ORDER of the shorter one's words
    are shared in order (one wording change leaves most words in place; two statements about the same
    thing share a few names scattered in another order)."""
    shared = sum(len(ws) for op, ws in diff.ops if op == 0)
    shorter = min(sum(len(ws) for op, ws in diff.ops if op != 1), sum(len(ws) for op, ws in diff.ops if op != -1))
    return shorter > 0 and shared >= MIN_IN_ORDER * shorter


def _reference_pairs(sides: list[Side]) -> list[tuple[Side, Side]]:
    """The first account that quotes, paired with each other account whose rendering differs
    from every rendering already compared: n - 1 comparisons at most, not n(n - 1)/2."""
    quoting = [s for s in sides if s.quoted]
    if len(quoting) < 2:
        return []
    ref = quoting[0]
    seen = {_norm(ref)}
    pairs = []
    for side in quoting[1:]:
        key = _norm(side)
        if key in seen:
            continue
        seen.add(key)
        pairs.append((ref, side))
    return pairs


def _norm(side: Side) -> tuple[str, ...]:
    return tuple(w.lower() for _, q in side.quoted for w in tokens(q))


def _named_speaker(side: Side, resolver: EntityResolver | None) -> str | None:
    """The one person the side's quoting sentences name as the speaker, if they name one."""
    if resolver is None:
        return None
    found = {speaker_with_basis(v, resolver) for v, _ in side.quoted}
    named = {who for who, basis in (f for f in found if f is not None) if basis == "named"}
    return named.pop() if len(named) == 1 and None not in found else None


def check_quotes(claim: Claim, sides: list[Side], resolver: EntityResolver | None = None) -> list[Discrepancy]:
    """The claim's quotation as each account renders it, against the reference rendering.

    Besides meaning cues, a word changed inside the same quotation is graded as a misquotation
    (``misquote.py``): a content word swapped for another ranks above a function word or the order."""
    out = []
    for a, b in _reference_pairs(sides):
        raw_a, raw_b = " ".join(q for _, q in a.quoted), " ".join(q for _, q in b.quoted)
        qa, qb = _clock24(raw_a), _clock24(raw_b)
        if _overlap(qa, qb) < MIN_QUOTE_OVERLAP:
            continue
        refs = [*(v.ref for v, _ in a.quoted), *(v.ref for v, _ in b.quoted)]
        diff, _ = diff_sides(qa, qb)
        if not _one_quotation(diff):
            continue  # the words shared are scattered: two statements (two officials, two moments)
        core = diff.trimmed()
        if not core.changed():
            continue
        only_a, only_b = core.only_a(), core.only_b()
        cues = sorted(set(_meaning_cues(only_a)) ^ set(_meaning_cues(only_b)))
        nums_a = {w for w in only_a if any(ch.isdigit() for ch in w)}
        nums_b = {w for w in only_b if any(ch.isdigit() for ch in w)}
        if nums_a and nums_b and nums_a != nums_b:
            cues += sorted(nums_a ^ nums_b)  # one number where the other rendering has another
        negation = negation_flips(core)
        severity: Severity = "warning" if cues or negation else "info"
        who_a, who_b = _named_speaker(a, resolver), _named_speaker(b, resolver)
        named = bool(who_a and who_b and same_person(who_a, who_b)
                     and not re.search(rf"(?<![\w-]){re.escape(str(who_a).split()[-1])}(?![\w-])", f"{raw_a} {raw_b}"))
        misquote = grade_misquote(diff, named)  # a quotation that names its own speaker is the outlet's words
        extra: dict = {}
        if misquote is not None and SEVERITY_RANK[misquote.severity] > SEVERITY_RANK[severity]:
            severity = misquote.severity
            extra = {"misquote": misquote.kind, "grade_reason": misquote.reason}
        wa, wb = change_window(core, context=2, max_words=12, focus=_focus_run(core), mark=True)
        summary = f"{a.name}: {quoted(wa)} vs {b.name}: {quoted(wb)}"
        if negation:
            summary += " (negation differs)"
        out.append(
            discrepancy(
                "quote_wording",
                severity,
                summary,
                refs,
                claim.id,
                values={a.name: raw_a, b.name: raw_b},
                diff=core.as_json(),
                only_in={a.name: only_a, b.name: only_b},
                meaning_cues=cues,
                negation_differs=negation,
                outlets=[a.name, b.name],
                **extra,
            )
        )
    return out
