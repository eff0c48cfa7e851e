"""Who is credited with a statement, and with which reporting verb.

Speakers come from the ingest stage's Quote records when it found them; otherwise from the
narrative around the quotation: "..., Zas said", "said Zas", "According to Zas".  Reporting
verbs carry a stance (``compare/data/report_verbs.tsv``): neutral (said, stated), emphasis
(stressed), doubt (claimed, alleged), concession (admitted), factive (revealed), opinion.
"""

from __future__ import annotations

import re

from compare.facts.common import CLOSE_SIMILARITY, diff_sides, discrepancy, quoted, side_pairs
from compare.facts.context import EventView, SentenceView, Side
from compare.facts.entities import PRONOUNS, EntityResolver, title_regex
from compare.facts.lexicon import report_verbs
from compare.model import Claim, Discrepancy

# Stances that change what a reader takes from the statement: a warning when one account
# uses them and another reports the same statement with a neutral verb.
LOADED_STANCES = ("doubt", "concession")
_NAME = r"((?:[A-Z][\w'\-]*\s+){0,3}[A-Z][\w'\-]*)"


# Words before which a reporting-verb form is a noun: "member states", "the reports".
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|our|your|these|those|member|media|news|press|his|such|"
    r"other|all|some|many|several|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)$",
    re.I,
)


def verbs(text: str) -> list[tuple[str, str]]:
    """(verb as written, stance) for every reporting verb in ``text`` (noun uses left out)."""
    out = []
    for start, end, verb, stance in report_verbs().find(text):
        if _NOUN_BEFORE.search(text[max(0, start - 20) : start]) or re.match(r"\s+of\b", text[end:]):
            continue
        out.append((verb, stance))
    return out


def speaker_of(view: SentenceView, resolver: EntityResolver) -> str | None:
    """The canonical speaker of the quotation in ``view``, or None when it cannot be told."""
    if view.quote is not None and view.quote.speaker:
        return resolver.person(view.quote.speaker)
    narrative = view.narrative
    for start, end, _verb, _stance in report_verbs().find(narrative):
        if _NOUN_BEFORE.search(narrative[max(0, start - 20) : start]):
            continue
        before = narrative[:start].rstrip().rstrip(",").rstrip()
        m = re.search(_NAME + r"$", before)
        if m:
            return _resolve(m.group(1), resolver)
        if re.search(r"\b(he|she|they)$", before, re.I):
            return None
        m = re.match(r"\s*" + _NAME, narrative[end:])
        if m:
            return _resolve(m.group(1), resolver)
    m = re.search(r"\bAccording to\s+(?:the\s+)?" + _NAME, narrative)
    if m:
        return _resolve(m.group(1), resolver)
    m = re.search(r"\baccording to\s+(the\s+[\w\-]+(?:\s+[\w\-]+)?)", narrative, re.I)
    if m:
        return resolver.person(m.group(1))
    return None


def _resolve(name: str, resolver: EntityResolver) -> str | None:
    name = title_regex().sub("", name).strip()
    if not name or name.lower() in PRONOUNS:
        return None
    return resolver.person(name)


def check_verbs(view: EventView, claim: Claim, sides: list[Side]) -> list[Discrepancy]:
    """Reporting verbs whose stance differs between accounts of the same statement."""
    out = []
    for a, b in side_pairs(sides):
        va, vb = verbs(a.narrative), verbs(b.narrative)
        if not va or not vb:
            continue
        sa, sb = {s for _, s in va}, {s for _, s in vb}
        _, closeness = diff_sides(a.text, b.text)
        for stance in sorted((sa ^ sb) - {"neutral"}):
            loaded = stance in LOADED_STANCES
            if not loaded and closeness < CLOSE_SIMILARITY:
                continue
            has, lacks = (a, b) if stance in sa else (b, a)
            used = next(v for v, s in (va if has is a else vb) if s == stance)
            other = ", ".join(sorted({v for v, _ in (vb if has is a else va)}))
            out.append(
                discrepancy(
                    "attribution",
                    "warning" if loaded else "info",
                    f'{has.name} reports it with "{used}" ({stance}); {lacks.name} with "{other}"',
                    [*has.refs, *lacks.refs],
                    claim.id,
                    kind="reporting_verb",
                    verbs={has.name: used, lacks.name: other},
                    stance=stance,
                    outlets=[a.name, b.name],
                )
            )
    return out


def check_direct_vs_paraphrase(claim: Claim, sides: list[Side], resolver: EntityResolver) -> list[Discrepancy]:
    """One account quotes the words directly, another reports them in its own words.

    Only when the other account presents them as someone's statement (a reporting verb,
    "according to"), and not when the two name different speakers (then they are not the
    same statement, whatever the aligner thought).
    """
    out = []
    for a, b in side_pairs(sides):
        qa, qb = bool(a.quoted), bool(b.quoted)
        if qa == qb:
            continue
        direct, para = (a, b) if qa else (b, a)
        if not verbs(para.narrative) and "according to" not in para.text.lower():
            continue
        said_direct = {s for s in (speaker_of(v, resolver) for v, _ in direct.quoted) if s}
        said_para = {s for s in (speaker_of(v, resolver) for v in para.sentences) if s}
        if said_direct and said_para and not said_direct & said_para:
            continue
        out.append(
            discrepancy(
                "attribution",
                "info",
                f"{direct.name} quotes the words directly; {para.name} paraphrases them",
                [*direct.refs, *para.refs],
                claim.id,
                kind="direct_vs_paraphrase",
                direct=direct.name,
                paraphrase=para.name,
                outlets=[a.name, b.name],
            )
        )
    return out


def check_speakers(claim: Claim, sides: list[Side], resolver: EntityResolver) -> list[Discrepancy]:
    """The same statement credited to different people (error)."""
    out = []
    for a, b in side_pairs(sides):
        speakers_a = {s for s in (speaker_of(v, resolver) for v in a.sentences) if s}
        speakers_b = {s for s in (speaker_of(v, resolver) for v in b.sentences) if s}
        if not speakers_a or not speakers_b or speakers_a & speakers_b:
            continue
        sa, sb = ", ".join(sorted(speakers_a)), ", ".join(sorted(speakers_b))
        words = " ".join(q for _, q in a.quoted) or a.text
        out.append(
            discrepancy(
                "attribution",
                "error",
                f"{a.name} credits {quoted(words, 60)} to {sa}; {b.name} credits it to {sb}",
                [*a.refs, *b.refs],
                claim.id,
                kind="speaker",
                speakers={a.name: sorted(speakers_a), b.name: sorted(speakers_b)},
                outlets=[a.name, b.name],
            )
        )
    return out
