"""Who is credited with a statement, and with which reporting verb.

Speakers come from the ingest stage's Quote records when it found them; otherwise from the
narrative around the quotation: "..., Zas said", "said Zas", "According to Zas".  Reporting
verbs carry a stance (``compare/data/report_verbs.tsv``): neutral (said, stated), emphasis
(stressed), doubt (claimed, alleged), concession (admitted), factive (revealed), opinion.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from compare.facts.common import CLOSE_SIMILARITY, diff_sides, discrepancy, quoted, side_pairs
from compare.facts.context import SentenceView, Side
from compare.facts.entities import ORG_WORDS, PRONOUNS, EntityResolver, title_regex
from compare.facts.lexicon import report_verbs
from compare.model import Claim, Discrepancy, Quote, Severity
from compare.textnorm import content_terms, fold

# Stances that change what a reader takes from the statement: a warning when one account
# uses them and another reports the same statement with a neutral verb.
LOADED_STANCES = ("doubt", "concession")
# Words before which a reporting-verb form is a noun: "member states", "the reports".
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|our|your|these|those|member|media|news|press|such|"
    r"other|all|some|many|several|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)$",
    re.I,
)
# Lower-case words that can be the subject of a reporting verb ("police said").
SUBJECT_NOUNS = frozenset(
    """police officials authorities spokesman spokeswoman spokesperson minister ministry sources
    witnesses prosecutors investigators officers reports diplomat expert analyst president chief
    secretary-general general leader government agency who which""".split()
)
# Verbs that are often put after the speaker's name: "said Zas", not "told People".
INVERTED = frozenset("said says added adds explained noted wrote continued recalled stressed insisted asked".split())
# Not people, even when they "say" something.
NOT_PEOPLE = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday january february
    march april may june july august september october november december according earlier later
    also however meanwhile the police authorities officials department church magazine newspaper
    people us reports sources ministry government office court agency times post news""".split()
)
_NAME = r"((?:[A-Z][\w'\-]*\s+){0,3}[A-Z][\w'\-]*)"
# Words that end the names of institutions, publications and places, never of a person:
# "Center for Biological Diversity", "Academy of ... Sciences", "Union-Tribune".
NOT_PERSON_WORDS = frozenset(
    """diversity sciences science arts tribune union-tribune herald journal gazette daily weekly press
    times post news telegraph guardian observer chronicle review network channel radio tv television
    county city state province district region island islands valley river lake mountain mountains
    street avenue road square park airport station hospital school church mosque temple stadium
    senate congress house parliament ministry council police department office agency service
    international national federal global foundation trust fund society institute association
    centre center patrol guard coast airlines airline airways group holdings corporation company inc ltd llc
    north south east west northern southern eastern western united republic kingdom emirates""".split()
)
_DAYS_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december""".split()
)


def reporting_clauses(text: str) -> list[tuple[str, str, str | None]]:
    """(verb, stance, speaker as written or None) for each reporting verb used as one.

    A verb form counts when something can be its subject: a name, a pronoun or a noun such
    as "police" before it, "that" after it, or (for said/added ...) a name after it.
    Capitalised forms ("Report") and noun uses ("member states") are left out.
    """
    out = []
    for start, end, verb, stance in report_verbs().find(text):
        if verb[0].isupper() or _NOUN_BEFORE.search(text[max(0, start - 20) : start]):
            continue
        if re.match(r"\s+of\b", text[end:]):
            continue
        before = text[:start].rstrip().rstrip(",").rstrip()
        last = before.split()[-1].lower() if before.split() else ""
        m = re.search(_NAME + r"$", before)
        if m:
            out.append((verb, stance, _subject_before(before, m)))
        elif last in PRONOUNS or last in SUBJECT_NOUNS:
            out.append((verb, stance, None))
        elif verb.lower() in INVERTED and (m := re.match(r"\s*" + _NAME, text[end:])):
            out.append((verb, stance, _subject_after(text, end + m.end(), m.group(1))))
        elif re.match(r"\s+that\b", text[end:]):
            out.append((verb, stance, None))
    return out


# Words before a capitalised run that make it part of a description, not the subject: "director of
# the Society for Conservation Biology, said".
_IN_DESCRIPTION = frozenset("of for at from the with by in on to".split())


def _subject_before(before: str, m: re.Match[str]) -> str | None:
    """The speaker of "NAME said": the run itself, or, when it closes a description of someone ("Alan
    Thornhill, an ecologist and director of the Society for Conservation Biology, said"), the person
    the description is of; None when that cannot be told."""
    prev = before[: m.start(1)].split()
    if not prev or prev[-1].lower() not in _IN_DESCRIPTION:
        return m.group(1)
    head = re.match(r"\s*" + _NAME + r",\s+(?:an?|the|who)\s", before[max(0, before.rfind(". ") + 1):])
    return head.group(1) if head else None


def _subject_after(text: str, end: int, run: str) -> str | None:
    """The speaker of "said NAME": the last name of the clause when a description comes between
    ("said Trend Micro threat researcher Paul Ferguson"); None when the name opens a predicate
    ("the release says Deputy Ortiz "spotted ..."": Ortiz is what is said, not who says it)."""
    rest = text[end:]
    cut = re.search(r"[,.;:!?\"\u201c\u201d]", rest)
    clause = rest[: cut.start()] if cut else rest
    tail = rest[len(clause):].lstrip()
    if tail[:1] in ('"', "\u201c") and (not clause.strip() or re.search(r"\s[a-z]", clause)):
        return None  # a quotation goes on after the name: the name is what is said
    later = list(re.finditer(r"(?:[A-Z][\w'\-]*\s+){1,3}[A-Z][\w'\-]*", clause))
    between = clause[: later[-1].start()].split() if later else []
    if between and re.search(r"\b[a-z]", " ".join(between)) and between[-1].lower() not in _IN_DESCRIPTION:
        return later[-1].group()  # "said Trend Micro threat researcher Paul Ferguson"
    return run


def verbs(text: str) -> list[tuple[str, str]]:
    """(verb as written, stance) for every reporting verb used as one in ``text``."""
    return [(v, s) for v, s, _ in reporting_clauses(text)]


def speaker_of(view: SentenceView, resolver: EntityResolver) -> str | None:
    """The canonical speaker of the statement in ``view``, or None when it cannot be told."""
    found = speaker_with_basis(view, resolver)
    return found[0] if found else None


def speaker_with_basis(
    view: SentenceView, resolver: EntityResolver, quote: Quote | None = None
) -> tuple[str, str] | None:
    """(speaker, basis): ``named`` when the sentence names the person, ``pronoun`` when it says
    "he said" and the ingest resolved the pronoun to the story's one candidate.  A speaker carried
    over from an earlier sentence without a word for it here is None: it cannot be checked.

    ``quote`` is the quotation of the sentence to credit (default: the first that covers it).  A
    sentence whose own narrative names a speaker ("..., Chief Ann Cole said") is credited to that
    speaker, not to a quotation the ingest carried over from an earlier sentence."""
    quote = quote or view.quote
    own = _narrative_speaker(view, resolver)
    if quote is not None and quote.speaker:
        who = _resolve(quote.speaker, resolver)
        if _only_possessive(quote.speaker, view.narrative) or (own is not None and _describes(
                quote.speaker, own[0], view.narrative)):
            # "Tara Reid's representative Jack Ketsoyan", "said Trend Micro threat researcher Paul Ferguson":
            # the name the ingest took is an owner or an organisation of the one who speaks
            return own
        if _named_in(quote.speaker, view.text) or (who is not None and _named_in(who, view.text)):
            # the ingest credited the quotation to a name in this very sentence: that, or nobody
            return (who, "named") if who is not None else None
        if own is not None:
            return own
        if who is not None and _pronoun_reports(view.narrative):
            return who, "pronoun"
        return None
    return own


def _narrative_speaker(view: SentenceView, resolver: EntityResolver) -> tuple[str, str] | None:
    """The person the sentence's own narrative credits: "..., Zas said", "said Zas", "According to Zas"."""
    narrative = view.narrative
    named = [who for _verb, _stance, who in reporting_clauses(narrative) if who
             and not re.search(rf"\b(?:says|said|say)\s+{re.escape(who)}\s*[\"\u201c]", view.text)]
    # (a name right before the quotation, after the verb, is what is said: 'says Officer X "found ..."')
    if named:
        people = {_resolve(who, resolver) for who in named}
        if len(people) > 1:
            return None  # "X said that Y told ...": whose words are quoted cannot be told
        name = people.pop()
        return (name, "named") if name else None
    m = re.search(r"\bAccording to\s+(?:the\s+)?" + _NAME, narrative)
    if m:
        name = _resolve(m.group(1), resolver)
        return (name, "named") if name else None
    return None


_PRONOUN_SUBJECT = frozenset(("he", "she"))
_BETWEEN_SUBJECT_AND_VERB = frozenset(("also", "then", "had", "has", "later", "again", "once"))


def _pronoun_reports(narrative: str) -> bool:
    """Whether a pronoun is the subject of a reporting verb: "he said", "she also told", "said he".
    Other verbs ("he looked as if ...") do not credit anyone."""
    for start, end, _verb, _stance in report_verbs().find(narrative):
        words = [w.lower().strip(",") for w in narrative[:start].split()[-3:]]
        while words and words[-1] in _BETWEEN_SUBJECT_AND_VERB:
            words.pop()
        if words and words[-1] in _PRONOUN_SUBJECT:
            return True
        if re.match(r"\s+(?:he|she)\b", narrative[end:], re.I):
            return True
    return False


def _describes(first: str, person: str, text: str) -> bool:
    """Whether ``first`` is written right before ``person``'s name with only lower-case words between
    ("Trend Micro advanced threat researcher Paul Ferguson"): a description of that person."""
    last = person.split()[-1]
    return first != person and bool(re.search(
        rf"{re.escape(first)}(?:['\u2019]s)?\s+(?:[a-z][\w\-]*\s+){{1,5}}(?:[A-Z][\w\-]*\s+){{0,2}}{re.escape(last)}\b", text))


def _only_possessive(name: str, text: str) -> bool:
    """Whether ``name`` stands in ``text`` only as an owner ("Tara Reid's representative")."""
    words = [w for w in name.split() if len(w) > 2 and w[:1].isupper()]
    if not words:
        return False
    hits = [m for w in words[-1:] for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    return bool(hits) and all(re.match(r"['\u2019]s?\b", text[m.end():]) for m in hits)


def _named_in(name: str, text: str) -> bool:
    """Whether a name word of ``name`` (its last name, say) stands in ``text``."""
    words = [w for w in name.split() if len(w) > 2 and w[:1].isupper()]
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in words)


def _resolve(name: str, resolver: EntityResolver) -> str | None:
    """A person's canonical name, or None for pronouns, places, organisations, days and unknown single words."""
    name = title_regex().sub("", name).strip()
    words = name.split()
    while words and (words[0].lower() in ("the", "a", "an") or (len(words) > 2 and _institution_word(words[0], resolver))):
        words = words[1:]  # "Nato Mark Rutte" -> "Mark Rutte"
    low = [w.lower().strip(".,") for w in words]
    if not words or any(w in NOT_PEOPLE or w in ORG_WORDS or w in PRONOUNS or w in NOT_PERSON_WORDS for w in low):
        return None
    if any(w in _DAYS_MONTHS for w in low) or not all(w[:1].isupper() for w in words):
        return None
    if fold(" ".join(words)) in resolver.gaz:
        return None  # a country, place or organisation "says": not a person to compare
    if len(words) == 1 and words[0] not in resolver.people:
        return None
    return resolver.person(" ".join(words))


def _institution_word(word: str, resolver: EntityResolver) -> bool:
    return word.isupper() or fold(word) in resolver.gaz or fold(word.upper()) in resolver.gaz or word.lower() in ORG_WORDS


def same_person(a: str, b: str) -> bool:
    """Names that share a name word are taken for one person: full and last name, a name with
    and without a middle initial or a title, a nickname with the first name."""
    ta = {w.rstrip(".").lower() for w in a.split() if len(w.rstrip(".")) > 2}
    tb = {w.rstrip(".").lower() for w in b.split() if len(w.rstrip(".")) > 2}
    if ta & tb:
        return True
    # Transliterations of one name ("Shoigu"/"Shoygu", "Kassym"/"Kasym"): same first letter,
    # at most one edit per five letters.
    return any(
        x[0] == y[0] and min(len(x), len(y)) >= 5 and Levenshtein.distance(x, y) <= max(len(x), len(y)) // 5
        for x in ta
        for y in tb
    )


def check_verbs(claim: Claim, sides: list[Side]) -> list[Discrepancy]:
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
            same = loaded and _same_statement(a, b)
            out.append(
                discrepancy(
                    "attribution",
                    "warning" if same else "info",
                    f'{has.name} reports it with "{used}" ({stance}); {lacks.name} with "{other}"',
                    [*has.refs, *lacks.refs],
                    claim.id,
                    kind="reporting_verb",
                    key=f"verb:{stance}",
                    values={has.name: f'"{used}"', lacks.name: f'"{other}"'},
                    stance=stance,
                    outlets=[a.name, b.name],
                    grade_reason=(
                        "the same statement reported with a loaded verb by one account and a neutral one by another"
                        if same
                        else "reporting verbs differ between sentences that are not plainly the same statement"
                    ),
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
        if said_direct and said_para and not any(same_person(x, y) for x in said_direct for y in said_para):
            continue
        out.append(
            discrepancy(
                "attribution",
                "info",
                f"{direct.name} quotes the words directly; {para.name} paraphrases them",
                [*direct.refs, *para.refs],
                claim.id,
                kind="direct_vs_paraphrase",
                key="direct",
                values={direct.name: "quoted directly", para.name: "paraphrased"},
                direct=direct.name,
                paraphrase=para.name,
                outlets=[a.name, b.name],
            )
        )
    return out


# Two quotations sharing this share of content words are the same statement.
SAME_QUOTE_OVERLAP = 0.5


def _same_statement(a: Side, b: Side) -> bool:
    """Whether the two sides plainly report one statement: the same quotation, or close text."""
    qa = " ".join(q for _, q in a.quoted)
    qb = " ".join(q for _, q in b.quoted)
    if qa and qb:
        ta, tb = set(content_terms(qa)), set(content_terms(qb))
        if ta and tb and len(ta & tb) / min(len(ta), len(tb)) >= SAME_QUOTE_OVERLAP:
            return True
    return diff_sides(a.text, b.text)[1] >= CLOSE_SIMILARITY


# Share of the shorter quotation's words the other must hold, in order, for one statement word for word.
VERBATIM_SHARE = 0.8


def _verbatim(a: Side, b: Side) -> bool:
    """Whether the two sides quote the same words (at least VERBATIM_SHARE of the shorter quotation's
    words in order): only then can two speakers of it not both be right."""
    qa = " ".join(q for _, q in a.quoted) or a.text
    qb = " ".join(q for _, q in b.quoted) or b.text
    diff, _ = diff_sides(qa, qb)
    shared = sum(len(ws) for op, ws in diff.ops if op == 0)
    shorter = min(sum(len(ws) for op, ws in diff.ops if op != 1), sum(len(ws) for op, ws in diff.ops if op != -1))
    return shorter > 0 and shared >= VERBATIM_SHARE * shorter


def _side_speakers(side: Side, other: Side, resolver: EntityResolver) -> list[tuple[str, str]]:
    """(speaker, basis) for the statement ``side`` shares with ``other``.

    A sentence may hold several quotations ("'...,' Ann Cole said. '...,' said Ben Ross."): only
    the ones whose words the other side quotes are credited; when none or all of them match, every
    speaker of the sentence counts (and several speakers are no conflict)."""
    other_terms = set(content_terms(other.text))
    found: list[tuple[str, str]] = []
    for view in side.sentences:
        credited: list[Quote | None] = [q for q in view.quotes if q.speaker]
        if len({q.speaker for q in view.quotes if q.speaker}) > 1 and other_terms:
            credited = list(_best_matching([q for q in view.quotes if q.speaker], other_terms)) or credited
        for quote in credited or [None]:
            who = speaker_with_basis(view, resolver, quote)
            if who and who not in found:
                found.append(who)
    return found


def _best_matching(quotes: list[Quote], terms: set[str]) -> list[Quote]:
    """The quotations most of whose words ``terms`` holds (at least half of them), best first ties kept."""
    shares = []
    for q in quotes:
        own = set(content_terms(q.text))
        shares.append(len(own & terms) / len(own) if own else 0.0)
    best = max(shares, default=0.0)
    return [q for q, share in zip(quotes, shares, strict=True) if share == best] if best >= SAME_QUOTE_OVERLAP else []


def check_speakers(claim: Claim, sides: list[Side], resolver: EntityResolver) -> list[Discrepancy]:
    """The same statement credited to different people (error)."""
    out = []
    for a, b in side_pairs(sides):
        if not _same_statement(a, b):
            continue
        found_a = _side_speakers(a, b, resolver)
        found_b = _side_speakers(b, a, resolver)
        speakers_a = {name for name, _ in found_a}
        speakers_b = {name for name, _ in found_b}
        if not speakers_a or not speakers_b or any(same_person(x, y) for x in speakers_a for y in speakers_b):
            continue
        if len(speakers_a) > 1 or len(speakers_b) > 1:
            continue  # several people quoted on one side: which statement is which cannot be told
        named = all(basis == "named" for _, basis in [*found_a, *found_b])
        verbatim = _verbatim(a, b)
        severity: Severity = "error" if named and verbatim else "warning"
        reason = (
            "both accounts name a different person, in the sentence itself, for the same statement"
            if named and verbatim
            else "one speaker is known only from a pronoun (its one possible antecedent)" if not named
            else "the two quotations are worded differently: two people may have said much the same"
        )
        sa, sb = ", ".join(sorted(speakers_a)), ", ".join(sorted(speakers_b))
        words = " ".join(q for _, q in a.quoted) or a.text
        out.append(
            discrepancy(
                "attribution",
                severity,
                f"{a.name} credits {quoted(words, 60)} to {sa}; {b.name} credits it to {sb}",
                [*a.refs, *b.refs],
                claim.id,
                kind="speaker",
                key="speaker",
                subject=quoted(words, 60),
                values={a.name: sa, b.name: sb},
                outlets=[a.name, b.name],
                grade_reason=reason,
            )
        )
    return out
