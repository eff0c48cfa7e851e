"""Discrepancies between the accounts of one event: typed, graded, one line each.

For every claim that two or more accounts hold, each pair of accounts is compared on
quotations (``quotes``), speakers and reporting verbs (``attribution``), numbers
(``numbers``), dates (``datecheck``), names (``entities``) and framing cues (``framing``);
for the event as a whole, labels only one account uses (``framing``) and what accounts
leave out or add (``omission``).  Output order is deterministic.
"""

from __future__ import annotations

from itertools import combinations

from compare.facts.attribution import check_direct_vs_paraphrase, check_speakers, check_verbs
from compare.facts.circumstances import check_circumstances
from compare.facts.context import EventView, Side
from compare.facts.datecheck import DateIndex, check_dates
from compare.facts.entities import EntityResolver, check_entities
from compare.facts.eventdetails import check_event_details
from compare.facts.eventquotes import check_event_quotes
from compare.facts.eventslots import check_event_slots
from compare.facts.framing import check_cues, check_labels
from compare.facts.merge import drop_echoes, merge_pairwise
from compare.facts.names import check_full_names, check_name_spellings
from compare.facts.numbers import check_numbers
from compare.facts.omission import check_omissions
from compare.facts.people import check_people
from compare.facts.places import check_place_regions
from compare.facts.quotes import check_quotes
from compare.lang.crossfacts import check_across_languages, check_numbers_in_language
from compare.model import SEVERITY_RANK, Claim, Discrepancy, Document, Event, SentenceRef, Story

__all__ = ["find_discrepancies"]

TYPE_ORDER = ["attribution", "quote_wording", "number", "date", "entity", "framing", "omission"]


def find_discrepancies(
    event: Event, stories: dict[str, Story], documents: dict[str, Document]
) -> list[Discrepancy]:
    """Every discrepancy between the accounts of ``event``, most severe first within a claim."""
    view = EventView(event, stories, documents)
    if len(view.stories) < 2:
        return []
    resolver = EntityResolver([v.text for v in view.sentences.values()])
    dates = DateIndex(view)
    found: list[Discrepancy] = []
    claim_of: dict[SentenceRef, str] = {}
    for claim in event.claims:
        for ref in claim.sentences:
            claim_of[ref] = claim.id
        all_sides = view.sides(claim)
        found += _across_languages(claim, all_sides, view)
        for sides in _by_language(all_sides, view):  # wording is compared within one language only
            found += _check_claim(claim, sides, resolver, dates, _language_of(sides, view))
    found = drop_echoes(merge_pairwise(found, [view.name(sid) for sid in event.stories if sid in view.stories]))
    found += check_event_slots(view, dates, _compared_pairs(found, view))
    found += check_event_details(view, found)
    found += check_people(view, found)
    found += check_place_regions(view, found)
    found += check_circumstances(view, found)
    found += check_event_quotes(view, resolver, found)
    found += check_name_spellings(view)
    found += check_full_names(view)
    found += check_labels(view, claim_of)
    found += check_omissions(view)
    return _ordered([_with_reason(d) for d in _deduplicated(found)], event)


def _check_claim(
    claim: Claim, sides: list[Side], resolver: EntityResolver, dates: DateIndex, language: str | None = None
) -> list[Discrepancy]:
    """Every per-claim check over sides written in one language (``language``; numbers in a language
    other than English are read by that language's reader, compare.lang.crossfacts)."""
    found: list[Discrepancy] = []
    if len(sides) >= 2:
        found += check_speakers(claim, sides, resolver)
        found += check_quotes(claim, sides, resolver)
        found += check_direct_vs_paraphrase(claim, sides, resolver)
        found += check_verbs(claim, sides)
        if language in (None, "en"):
            found += check_numbers(claim, sides, dates.spans)
        else:
            found += check_numbers_in_language(claim, sides, language)
        found += check_dates(claim, sides, dates)
        found += check_entities(claim, sides, resolver)
        found += check_cues(claim, sides)
    return found


def _by_language(sides: list[Side], view: EventView) -> list[list[Side]]:
    """The sides grouped by language; all of them together when fewer than two languages are known."""
    language = {side.story: view.stories[side.story].language for side in sides}
    known = sorted({lang for lang in language.values() if lang})
    if len(known) < 2:
        return [sides]
    return [[side for side in sides if language[side.story] == lang] for lang in known]


def _language_of(sides: list[Side], view: EventView) -> str | None:
    """The language all of ``sides`` are written in, None when it is not one known language."""
    languages = {view.stories[side.story].language for side in sides}
    return languages.pop() if len(languages) == 1 else None


def _across_languages(claim: Claim, sides: list[Side], view: EventView) -> list[Discrepancy]:
    """Numbers and dates by value between sides in different languages (compare.lang.crossfacts)."""
    found: list[Discrepancy] = []
    for a, b in combinations(sides, 2):
        sa, sb = view.stories[a.story], view.stories[b.story]
        if sa.language and sb.language and sa.language != sb.language:
            found += check_across_languages(claim, a, b, (sa.language, sb.language), (sa.date, sb.date))
    return found


# Why a finding of a kind gets its severity, for checks that grade by a fixed rule.
_RULE_REASONS = {
    ("entity", "error"): "a named country, place or person is replaced by another in an otherwise close sentence",
    ("entity", "warning"): "a name differs between renderings of the same sentence; it may be another name for one thing",
    ("quote_wording", "warning"): "the quoted words differ in negation or a meaning cue",
    ("quote_wording", "info"): "the quoted words are reworded without a change of meaning cue",
    ("framing", "warning"): "a hedge, intensifier or label is used by one account only: a difference of framing, not of fact",
    ("attribution", "warning"): "a loaded reporting verb against a neutral one",
    ("attribution", "info"): "the same statement quoted directly by one account and paraphrased by another",
    ("omission", "info"): "a passage only some accounts carry",
}


def _with_reason(d: Discrepancy) -> Discrepancy:
    """Every finding says why it was graded as it was (details.grade_reason)."""
    if "grade_reason" not in d.details:
        reason = _RULE_REASONS.get((d.type, d.severity), f"{d.type} difference, graded {d.severity} by its rule")
        d.details = {**d.details, "grade_reason": reason}
    return d


def _compared_pairs(found: list[Discrepancy], view: EventView) -> set[frozenset[tuple[SentenceRef, float]]]:
    """(sentence, value) pairs of two accounts that a claim-level number finding already compares."""
    out: set[frozenset[tuple[SentenceRef, float]]] = set()
    for d in found:
        numbers = d.details.get("numbers") if d.type == "number" else None
        if not isinstance(numbers, dict):
            continue
        for x in d.sentences:
            for y in d.sentences:
                vx, vy = numbers.get(view.name(x.story)), numbers.get(view.name(y.story))
                if x.story != y.story and vx is not None and vy is not None:
                    out.add(frozenset(((x, float(vx)), (y, float(vy)))))
    return out


def _deduplicated(found: list[Discrepancy]) -> list[Discrepancy]:
    seen: set[tuple] = set()
    out = []
    for d in found:
        key = (d.type, d.claim, tuple(d.sentences), d.summary)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _ordered(found: list[Discrepancy], event: Event) -> list[Discrepancy]:
    claim_rank = {c.id: i for i, c in enumerate(event.claims)}

    def key(d: Discrepancy) -> tuple:
        return (
            d.type == "omission",
            claim_rank.get(d.claim, len(claim_rank)) if d.claim else len(claim_rank),
            -SEVERITY_RANK[d.severity],
            TYPE_ORDER.index(d.type),
            [(r.story, r.index) for r in d.sentences],
            d.summary,
        )

    return sorted(found, key=key)
