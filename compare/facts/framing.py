"""Framing: the outlet's own words around the facts (quotations are the speaker's, not framing).

- Labels (``framing_labels.tsv`` and compounds such as "Moscow-led bloc", "Kremlin-backed",
  "pro-Western"): one account puts a label on an actor that no other account of the event
  uses.  One finding per label and sentence, warning.
- Hedges and intensifiers (``hedges.tsv``, ``intensifiers.tsv``) that one rendering of a
  claim adds: strong ones always, weak ones only between close renderings (an edited copy),
  since separate translations differ in such words all the time.
- A negation one close rendering has and the other has not (the statement is reversed).
"""

from __future__ import annotations

import re

from compare.facts.attribution import verbs
from compare.facts.common import (
    CLOSE_SIMILARITY,
    diff_sides,
    discrepancy,
    local_edits,
    negation_count,
    negation_flips,
    quoted,
    side_pairs,
)
from compare.facts.context import EventView, SentenceView, Side
from compare.facts.lexicon import framing_labels, hedges, intensifiers, word_list
from compare.model import Claim, Discrepancy, Severity
from compare.textnorm import STOPWORDS, content_terms, stem, words

# Lower-case first halves that still name a patron: "state-run media", "government-backed".
PATRON_WORDS = frozenset(
    """state government foreign opposition rebel regime militia army military party industry
    corporate west western east eastern""".split()
)


def _compound_regex() -> re.Pattern[str]:
    suffixes = "|".join(sorted(word_list("compound_labels.txt"), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w\-])(?P<label>[A-Za-z][\w.]*-(?:{suffixes}))(?![\w\-])(?:\s+(?P<noun>[a-z][\w\-]*))?"
        rf"|(?<![\w\-])(?P<side>(?:pro|anti)-[A-Z][\w\-]*)"
    )


_COMPOUND: re.Pattern[str] | None = None


def labels_in(text: str) -> list[tuple[str, str]]:
    """(label phrase as written, key) for every label in ``text``; key is what others must share."""
    global _COMPOUND
    if _COMPOUND is None:
        _COMPOUND = _compound_regex()
    out = []
    for m in _COMPOUND.finditer(text):
        if m.group("side"):
            out.append((m.group("side"), m.group("side").lower()))
            continue
        label, noun = m.group("label"), m.group("noun")
        patron = label.split("-")[0]
        if not patron[0].isupper() and patron.lower() not in PATRON_WORDS:
            continue  # "hit-run driver", "long-run": not a patron
        phrase = f"{label} {noun}" if noun and noun not in STOPWORDS else label
        out.append((phrase, label.lower()))
    for _s, _e, phrase, _cls in framing_labels().find(text):
        out.append((phrase, phrase.lower()))
    return out


def _sentence_place(view: SentenceView) -> str:
    return "headline" if view.role == "title" else "text"


def check_labels(view: EventView, claim_of: dict) -> list[Discrepancy]:
    """Labels one account puts on an actor that no other account of the event uses."""
    if len(view.stories) < 2:
        return []
    texts = {sid: " ".join(v.text for v in view.story_sentences(sid)).lower() for sid in view.stories}
    out = []
    shared_reported: set[str] = set()  # a label several accounts share is reported once
    for sid in view.event.stories:
        if sid not in view.stories:
            continue
        others = [o for o in view.event.stories if o in texts and o != sid]
        for sentence in view.story_sentences(sid):
            seen: set[str] = set()
            for phrase, key in labels_in(sentence.narrative):
                sharing = [o for o in others if key in texts[o]]
                # A label is framing when a minority of the accounts uses it: one account, or
                # two reprints of one agency against the rest.
                if key in seen or key in shared_reported or 2 * (len(sharing) + 1) > len(texts):
                    continue
                seen.add(key)
                if sharing:
                    shared_reported.add(key)
                also = "no other account does" if not sharing else (
                    f"so does {', '.join(view.name(o) for o in sharing)}; "
                    f"{len(others) - len(sharing)} other accounts do not"
                )
                contrast = _close_counterpart(view, sentence, key, claim_of)
                severity: Severity = "warning" if sentence.role == "title" or contrast else "info"
                reason = (
                    "a label in the headline that most accounts do not use" if sentence.role == "title"
                    else "a close rendering of the same sentence in another account does without the label"
                    if contrast
                    else "a label most accounts do not use, in a sentence no other account renders closely: "
                    "a difference of wording, not of fact"
                )
                out.append(
                    discrepancy(
                        "framing",
                        severity,
                        f"{view.name(sid)} ({_sentence_place(sentence)}) uses the label {quoted(phrase)}; {also}",
                        [sentence.ref],
                        claim_of.get(sentence.ref),
                        kind="label",
                        label=phrase,
                        outlet=view.name(sid),
                        outlets=[view.name(sid)],
                        grade_reason=reason,
                    )
                )
    return out


def _uncontracted(text: str) -> str:
    """ "couldn't", "could n't", "couldn ' t" -> "could not": one spelling for the cue lookup."""
    return re.sub(r"n\s*['\u2019]\s*t\b", " not", text)


def _close_counterpart(view: EventView, sentence: SentenceView, key: str, claim_of: dict) -> bool:
    """Whether the sentence's claim holds a close rendering from another account without the label."""
    claim = claim_of.get(sentence.ref)
    if claim is None:
        return False
    for other in view.sentences.values():
        if other.ref.story != sentence.ref.story and claim_of.get(other.ref) == claim and key not in other.text.lower():
            if diff_sides(sentence.narrative, other.narrative)[1] >= CLOSE_SIMILARITY:
                return True
    return False


def check_cues(claim: Claim, sides: list[Side]) -> list[Discrepancy]:
    """Hedges, intensifiers and negations one rendering of the claim adds."""
    out = []
    for a, b in side_pairs(sides):
        diff, closeness = diff_sides(a.narrative, b.narrative)
        if not diff.changed():
            continue
        close = closeness >= CLOSE_SIMILARITY
        only = {a.name: diff.only_a(), b.name: diff.only_b()}
        edits = local_edits(diff) if close else []
        local = {a.name: [w for x, _ in edits for w in x], b.name: [w for _, y in edits for w in y]}
        full = {a.name: _uncontracted(a.narrative.lower()), b.name: _uncontracted(b.narrative.lower())}
        for side, other in ((a, b), (b, a)):
            words = " ".join(only[side.name])
            local_words = " ".join(local[side.name])
            for kind, cues in (("hedge", hedges()), ("intensifier", intensifiers())):
                strong = [c for c in cues.find(words) if c[3] == "strong"]
                weak = [c for c in cues.find(local_words) if c[3] != "strong"]
                for _s, _e, phrase, strength in strong + weak:
                    if strength != "strong" and _proposing(side.narrative, phrase):
                        continue  # "suggested a swap": a proposal, not a softened claim
                    if re.search(rf"(?<![\w\-]){re.escape(phrase.lower())}(?![\w\-])", full[other.name]):
                        continue
                    if kind == "hedge" and cues.find(full[other.name]):
                        continue  # both accounts hedge it ("reportedly" / "may have"): no difference of stance
                    if strength == "strong" and not _other_says(side, phrase, other):
                        continue  # the cue qualifies nothing the other account says ("became brazen, and ...")
                    severity: Severity = "warning" if close or kind == "hedge" else "info"
                    reason = (
                        f"an otherwise close rendering adds the {kind}" if close
                        else "one account hedges what another states as fact" if kind == "hedge"
                        else "an intensifier in a loosely matching sentence: a difference of tone, not of fact"
                    )
                    if kind == "hedge" and strength == "strong":
                        flat, hedged = _stances(side, phrase, tuple(sides))
                        if other.name not in flat:
                            continue  # the other account attributes it too ("police said"): the same stance
                        reason = (f"one account hedges what {len(flat)} other account(s) state as fact, with the "
                                  f"same agent ({len(hedged)} attribute or hedge it too)")
                    out.append(
                        discrepancy(
                            "framing",
                            severity,
                            f"{side.name} adds the {kind} {quoted(phrase)}; {other.name} does not",
                            [*side.refs, *other.refs],
                            claim.id,
                            kind=kind,
                            key=f"{kind}:{phrase.lower()}",
                            subject=quoted(phrase.lower()),
                            values={side.name: "used", other.name: "not used"},
                            cue=phrase,
                            diff=diff.as_json(),
                            outlets=[a.name, b.name],
                            grade_reason=reason,
                        )
                    )
        if close and negation_flips(diff) and _sentence_negations(a.text) != _sentence_negations(b.text):
            neg_a = sum(negation_count(x) for x, _ in edits)
            neg_b = sum(negation_count(y) for _, y in edits)
            neg_side, plain = (a, b) if neg_a > neg_b else (b, a)
            out.append(
                discrepancy(
                    "framing",
                    "warning",
                    f"{neg_side.name} negates what {plain.name} states: {quoted(neg_side.narrative, 80)}",
                    [*a.refs, *b.refs],
                    claim.id,
                    kind="negation",
                    key="negation",
                    values={neg_side.name: "negated", plain.name: "not negated"},
                    diff=diff.as_json(),
                    outlets=[a.name, b.name],
                )
            )
    return out


def _sentence_negations(text: str) -> int:
    """Negations a whole rendering holds: "No gun has been found" and "The gun has not been found" hold one each
    (the same statement, negated in other words)."""
    return negation_count(re.findall(r"[\w'’]+", text))


# Verbs that hedge a claim ("the data suggest that ...") but also name an act ("she suggested a swap").
_PROPOSAL_VERBS = frozenset("suggest suggests suggested indicate indicates indicated".split())
_PROPOSAL_NEXT = re.compile(r"\s+(?:a|an|to|another)\b|\s+\w+ing\b", re.I)


def _proposing(text: str, phrase: str) -> bool:
    """ "suggested a prisoner swap", "suggested meeting", "suggested to reporters": the verb names a
    proposal or a statement, with its object right after it; "suggests that", "suggests the ... was"
    hedge a claim."""
    if phrase.lower() not in _PROPOSAL_VERBS:
        return False
    m = re.search(rf"(?<![\w\-]){re.escape(phrase)}(?![\w\-])", text, re.I)
    return bool(m and _PROPOSAL_NEXT.match(text[m.end():]))


# Where a hedge's or intensifier's scope ends: clause punctuation or a conjunction.
_SCOPE_END = re.compile(r"[,.;:!?()\"]|\s(?:and|but|or|while|as|after|before|because|when)\s", re.I)
# Other forms of a hedge's stem that hedge or attribute the same claim: "allegation", "reported to be".
_HEDGE_FAMILIES = (
    ("alleg",), ("report",), ("appar", "appear"), ("suppos",), ("purport",), ("ostensib",), ("rumo",),
)
_ATTRIBUTED = re.compile(
    r"\baccording to\b|\b(?:said|reported|believed|thought|understood) to (?:be|have)\b"
    r"|\b(?:says|said|say|told|reports|reported|citing|cited|quoting|quoted)\b", re.I)


_AUXILIARIES = frozenset("had has have been be being was were is are also then once".split())


def _scope_term(text: str, phrase: str) -> str | None:
    """The word a cue qualifies, right after it ("allegedly [shot] and killed", "the alleged [DUI]",
    "allegedly had [opened]"); None when the cue qualifies no word of its own: it ends its clause
    ("have become increasingly brazen, and ...") or a function word follows ("brazen in ...")."""
    m = re.search(rf"(?<![\w\-]){re.escape(phrase.lower())}(?![\w\-])", text.lower())
    if m is None:
        return None
    rest = text[m.end():]
    stop = _SCOPE_END.search(rest)
    following = words(rest[: stop.start()] if stop else rest)
    while following and following[0].lower() in _AUXILIARIES:
        following = following[1:]
    if not following or following[0].lower() in STOPWORDS:
        return None  # "brazen in recent months", "reportedly from ...": no word of its own qualified
    return stem(following[0].lower())


_RELATIVE = frozenset("who that which".split())


def _doer(text: str, phrase: str) -> str | None:
    """Who the hedged act is of, when a relative clause names it ("Gangsters who allegedly killed" ->
    gangster); an account that does not name the doer ("a mother killed in crossfire") does not state
    what the hedge is about.  None without a relative pronoun, or for a pronoun or a function word."""
    m = re.search(rf"(?<![\w\-]){re.escape(phrase.lower())}(?![\w\-])", text.lower())
    if m is None:
        return None
    before = [w.lower() for w in words(text[: m.start()])]
    while before and before[-1] in _AUXILIARIES:
        before.pop()
    if not before or before[-1] not in _RELATIVE:
        return None  # "Police arrest allegedly drunk driver": the cue qualifies a word, not a doer's act
    before.pop()
    if not before or before[-1] in STOPWORDS or not before[-1].isalpha():
        return None
    return stem(before[-1])


def _has_term(text: str, term: str) -> bool:
    return any(t == term or (len(term) >= 4 and t[:4] == term[:4]) for t in content_terms(text))


def _other_says(side: Side, phrase: str, other: Side) -> bool:
    """Whether ``other`` carries what the cue qualifies in ``side`` (the word after it)."""
    term = _scope_term(side.narrative, phrase)
    return term is not None and _has_term(other.text, term)


_BE = frozenset("was were is are be been being got get gets".split())


def _agentless_passive(text: str, term: str) -> bool:
    """ "after the woman was hit": the qualified word only in a passive with no agent ("by ..."), so
    the sentence does not say who did it: it states nothing the hedge is about."""
    ws = words(text)
    hits = [i for i, w in enumerate(ws) if _has_term(w, term)]
    if not hits:
        return False
    for i in hits:
        before = [w.lower() for w in ws[max(0, i - 2): i]]
        passive = bool(before) and (before[-1] in _BE or (len(before) == 2 and before[0] in _BE and before[1].endswith("ly")))
        if not passive or "by" in (w.lower() for w in ws[i + 1: i + 5]):
            return False
    return True


# Words before a noun that make it another instance of its kind: "a prior DUI" is not "the alleged DUI".
_ANOTHER = frozenset("prior previous earlier another past former separate unrelated second".split())


def _another_instance(text: str, term: str) -> bool:
    ws = [w.lower() for w in words(text)]
    hits = [i for i, w in enumerate(ws) if _has_term(w, term)]
    return bool(hits) and all(i > 0 and ws[i - 1] in _ANOTHER for i in hits)


def _hedges_or_attributes(text: str, narrative: str, phrase: str) -> bool:
    """A sentence that attributes its statement ("police said", "according to", a quotation) or
    hedges it (any hedge cue, another form of the hedge: "allegation", "reported to be")."""
    low = narrative.lower()
    family = next((f for f in _HEDGE_FAMILIES if any(phrase.lower().startswith(x) for x in f)), ())
    if any(re.search(rf"\b{x}", low) for x in family):
        return True
    if hedges().find(_uncontracted(low)) or _ATTRIBUTED.search(low) or verbs(narrative):
        return True
    return len(narrative.split()) < len(text.split()) / 2  # mostly someone's quoted words


def _stances(side: Side, phrase: str, sides: tuple[Side, ...]) -> tuple[set[str], set[str]]:
    """(accounts that state the hedged claim as fact, accounts that attribute or hedge it): of the
    other accounts, those carrying the word the hedge qualifies, judged sentence by sentence; an
    account states it as fact when one of its sentences carries the word unhedged and unattributed."""
    term = _scope_term(side.narrative, phrase)
    flat: set[str] = set()
    hedged: set[str] = set()
    if term is None:
        return flat, hedged
    doer = _doer(side.narrative, phrase)
    for other in sides:
        if other.story == side.story:
            continue
        carrying = [v for v in other.sentences if _has_term(v.text, term) and not _agentless_passive(v.text, term)
                    and not _another_instance(v.text, term) and (doer is None or _has_term(v.text, doer))]
        if not carrying:
            continue
        if any(not _hedges_or_attributes(v.text, v.narrative, phrase) for v in carrying):
            flat.add(other.name)
        else:
            hedged.add(other.name)
    return flat, hedged
