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

from compare.facts.attribution import same_person, speaker_with_basis
from compare.facts.common import diff_sides, discrepancy, negation_count, quoted
from compare.facts.context import STRAIGHT, EventView, SentenceView
from compare.facts.entities import EntityResolver
from compare.facts.lexicon import hedges, intensifiers
from compare.facts.misquote import SURE_SHARED, grade_misquote, same_form
from compare.model import SEVERITY_RANK, Discrepancy, SentenceRef, Severity
from compare.textnorm import STOPWORDS

# At most this many words replaced on each side, in one place.
MAX_CHANGED = 2
# Content words a quotation pair must share when the change is not a meaning word.
MIN_SHARED_PLAIN = 3
_WORD = re.compile(r"\d+(?:[,:]\d+)*\w*|[\w'\u2019-]+")  # "6:00" and "1,000" are one word


# A name followed by a reporting verb inside a "quotation": the outlet's words, the quotation marks misread
# ("the actress's rep Jack Ketsoyan tells the magazine").
_REPORTING = re.compile(r"\b[A-Z][\w'\u2019-]+\s+(?:said|says|tells|told|added|adds|wrote|writes)\b")


def _pieces(sentence: SentenceView) -> list[str]:
    """The sentence's quoted speech, and its two-word quotations ("very productive") as well."""
    out = [q for q in sentence.quoted if not _REPORTING.search(q)]
    for m in re.finditer(rf'{STRAIGHT}([^{STRAIGHT}]+){STRAIGHT}', sentence.text):
        words = _WORD.findall(m.group(1))
        if len(words) == 2 and not any(w[:1].isupper() for w in words):
            out.append(m.group(1).strip())
    return out


def _speaker(sentence: SentenceView, resolver: EntityResolver) -> str | None:
    found = speaker_with_basis(sentence, resolver)
    if found is not None and found[1] == "named":
        return found[0]
    named = {full for last, full in resolver.people.items()
             if " " not in last and re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", sentence.narrative)}
    return named.pop() if len(named) == 1 else None


def _kinds(words: list[str]) -> set[str]:
    """What the words do to a statement: degree (a hedge or intensifier), negation, number."""
    text = " ".join(words)
    kinds = set()
    if hedges().find(text) or intensifiers().find(text):
        kinds.add("degree")
    if negation_count(words):
        kinds.add("negation")
    if any(any(ch.isdigit() for ch in w) for w in words):
        kinds.add("number")
    return kinds


def _changes_meaning(only_a: list[str], only_b: list[str]) -> bool:
    """A word of one kind put for another of that kind ("very" / "extremely", "18" / "37"), or a
    degree word or negation only one side has ("never rolled back").  A cue against a word of another
    kind ("to indicate" / "justifies", "1" / "a") is more likely another statement."""
    ka, kb = _kinds(only_a), _kinds(only_b)
    if only_a and only_b:
        return bool(ka & kb) or (ka ^ kb) == {"negation"}
    return bool(ka | kb)


def _norm(word: str) -> str:
    """A word as compared: "11th" and "eleventh", "eleventh-hour" and "eleventh hour" are one."""
    low = word.lower().replace("\u2019", "'")
    if re.fullmatch(r"\d[\d,]*(?::00)?", low):
        return low.replace(",", "").removesuffix(":00")  # "6:00" is 6, "1,000" is 1000
    return _ORDINALS.get(low, _CARDINALS.get(low, low))


_CARDINALS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                              "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
                                              .split())}
_ORDINALS = {w: f"{i + 1}{'st' if i == 0 else 'nd' if i == 1 else 'rd' if i == 2 else 'th'}" for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}


def _content(word: str) -> bool:
    return word not in STOPWORDS and len(word) > 2


def _change(a: list[str], b: list[str]) -> tuple[list[str], list[str], list[str], bool] | None:
    """(words only in a, words only in b, shared words, a shared content word right beside the change)
    when the two quotations differ in one place of at most MAX_CHANGED words a side, else None.

    Words one quotation runs on with at either end are set aside.  A change at an end of the shared
    stretch ("very productive" / "We had an extremely productive meeting") keeps as many of the longer
    side's words as the shorter side has there; it needs shared words right after (or before) it."""
    la = [_norm(w) for w in a for w in w.split("-") if w]
    lb = [_norm(w) for w in b for w in w.split("-") if w]
    ops = SequenceMatcher(None, la, lb, autojunk=False).get_opcodes()
    while ops and ops[0][0] in ("insert", "delete"):
        ops = ops[1:]
    while ops and ops[-1][0] in ("insert", "delete"):
        ops = ops[:-1]
    changed = [k for k, op in enumerate(ops) if op[0] != "equal"]
    if len(changed) != 1 or len(ops) < 2:
        return None  # no change, several, or nothing shared
    k = changed[0]
    tag, i1, i2, j1, j2 = ops[k]
    if k == 0 and tag == "replace":  # the shorter side starts here: the longer one runs on before it
        n = min(i2 - i1, j2 - j1)
        i1, j1 = i2 - n, j2 - n
    elif k == len(ops) - 1 and tag == "replace":
        n = min(i2 - i1, j2 - j1)
        i2, j2 = i1 + n, j1 + n
    if i2 - i1 > MAX_CHANGED or j2 - j1 > MAX_CHANGED:
        return None
    shared = [la[i] for op in ops if op[0] == "equal" for i in range(op[1], op[2])]
    beside = [la[i] for op in ops[max(0, k - 1): k + 2] if op[0] == "equal" for i in (op[1], op[2] - 1)]
    return la[i1:i2], lb[j1:j2], shared, any(_content(w) for w in beside)


def check_event_quotes(view: EventView, resolver: EntityResolver, found: list[Discrepancy]) -> list[Discrepancy]:
    """Quotations of one speaker worded differently by two accounts.

    Each distinct rendering of a speaker's quotations is compared once (wire copies repeat them),
    and each change of words (per speaker) is one finding naming every account on either side.
    A quotation that two accounts give in nearly the same words is compared even when a sentence
    names no speaker for it ("..., he added"), unless the two name two different speakers: a word
    changed inside it is a misquotation (``misquote.py``)."""
    covered = {frozenset((x, y)) for d in found if d.type == "quote_wording"
               for x in d.sentences for y in d.sentences if x.story != y.story}
    # speaker -> rendering (its words, compared form) -> [(sentence, quotation as written)]
    by_speaker: dict[str, dict[tuple[str, ...], list[tuple[SentenceView, str]]]] = defaultdict(dict)
    # every rendering, whoever says it: key -> [(sentence, quotation as written, speaker or None)]
    by_words: dict[tuple[str, ...], list[tuple[SentenceView, str, str | None]]] = {}
    for story in view.stories:
        for sentence in view.story_sentences(story):
            pieces = _pieces(sentence)
            if not pieces:
                continue
            who = _speaker(sentence, resolver)
            for piece in pieces:
                key = tuple(_norm(w) for w in _WORD.findall(piece))
                by_words.setdefault(key, []).append((sentence, piece, who))
                if who is not None:
                    by_speaker[who].setdefault(key, []).append((sentence, piece))
    changes: dict[tuple[str, str, str], _Change] = {}
    compared: set[frozenset[SentenceRef]] = set()
    for who in sorted(by_speaker):
        renderings = list(by_speaker[who].items())
        contents = [{w for w in key if _content(w)} for key, _ in renderings]
        for i, j in combinations(range(len(renderings)), 2):
            if not contents[i] & contents[j]:
                continue  # nothing in common: another statement
            (_, side_a), (_, side_b) = renderings[i], renderings[j]
            pairs = [(va, vb) for va, _ in side_a for vb, _ in side_b
                     if va.ref.story != vb.ref.story and frozenset((va.ref, vb.ref)) not in covered]
            if not pairs:
                continue
            qa, qb = side_a[0][1], side_b[0][1]
            last = who.split()[-1]
            if re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", f"{qa} {qb}"):
                continue  # "the actress's rep Jack Ketsoyan tells the mag": the outlet's words, not the speaker's
            change = _change(_WORD.findall(qa), _WORD.findall(qb))
            if change is None:
                continue
            only_a, only_b, shared, near = change
            if same_form(only_a, only_b):
                continue  # "I cant speak" / "I can't speak": one word, typed two ways
            meaning = _changes_meaning(only_a, only_b)
            if not ((meaning and near) or len({w for w in shared if _content(w)}) >= MIN_SHARED_PLAIN):
                continue
            misquote = grade_misquote(diff_sides(qa, qb)[0], True)
            severity: Severity = "warning" if meaning else "info"
            reason = None
            if misquote is not None and SEVERITY_RANK[misquote.severity] > SEVERITY_RANK[severity]:
                severity, reason = misquote.severity, misquote.reason
            _add(changes, who, only_a, only_b, severity, reason, pairs, qa, qb)
            compared.update(frozenset((va.ref, vb.ref)) for va, vb in pairs)
    _add_misquotes(by_words, covered | compared, changes)
    return [_finding(view, c) for _, c in sorted(changes.items())]


def _add(changes: dict[tuple[str, str, str], _Change], who: str, only_a: list[str], only_b: list[str],
         severity: Severity, reason: str | None, pairs: list[tuple[SentenceView, SentenceView]], qa: str, qb: str) -> None:
    """One change of words, folded into the finding of the same change (either way round)."""
    key_a, key_b = " ".join(only_a), " ".join(only_b)
    flipped = (who, key_b, key_a) in changes
    entry = changes.setdefault((who, key_b, key_a) if flipped else (who, key_a, key_b),
                               _Change(who, only_b if flipped else only_a, only_a if flipped else only_b,
                                       severity, reason))
    for va, vb in pairs:
        entry.add(*((vb, qb, va, qa) if flipped else (va, qa, vb, qb)))


def _add_misquotes(by_words: dict[tuple[str, ...], list[tuple[SentenceView, str, str | None]]],
                   done: set[frozenset[SentenceRef]], changes: dict[tuple[str, str, str], _Change]) -> None:
    """Renderings of one quotation in nearly the same words (surely one quotation: ``misquote.py``),
    whoever the sentences name as the speaker, unless they name two different people."""
    renderings = [(key, group) for key, group in by_words.items() if len(key) >= SURE_SHARED]
    contents = [{w for w in key if _content(w)} for key, _ in renderings]
    for i, j in combinations(range(len(renderings)), 2):
        if len(contents[i] & contents[j]) < MIN_SHARED_PLAIN:
            continue
        (_, side_a), (_, side_b) = renderings[i], renderings[j]
        pairs = [(va, vb) for va, _, wa in side_a for vb, _, wb in side_b
                 if va.ref.story != vb.ref.story and frozenset((va.ref, vb.ref)) not in done
                 and not (wa and wb and not same_person(wa, wb))]
        if not pairs:
            continue
        qa, qb = side_a[0][1], side_b[0][1]
        who_a = {w for _, _, w in side_a if w} if all(w for _, _, w in side_a) else set()
        who_b = {w for _, _, w in side_b if w} if all(w for _, _, w in side_b) else set()
        named = len(who_a) == 1 and who_a == who_b
        misquote = grade_misquote(diff_sides(qa, qb)[0], named)
        if misquote is None or not misquote.sure or misquote.severity == "info":
            continue
        only_a = [w for _, a, _ in misquote.changes for w in a]
        only_b = [w for _, _, b in misquote.changes for w in b]
        who = next(iter(who_a)) if named else ""  # a speaker named on one side only is not taken
        _add(changes, who, only_a, only_b, misquote.severity, misquote.reason, pairs, qa, qb)


class _Change:
    """One change of words in one speaker's quotations, with the sentences on each side."""

    def __init__(self, who: str, only_a: list[str], only_b: list[str], severity: Severity, reason: str | None) -> None:
        self.who, self.only_a, self.only_b = who, only_a, only_b
        self.severity, self.reason = severity, reason
        self.side_a: dict[str, tuple[SentenceView, str]] = {}  # story -> (sentence, quotation)
        self.side_b: dict[str, tuple[SentenceView, str]] = {}

    def add(self, va: SentenceView, qa: str, vb: SentenceView, qb: str) -> None:
        self.side_a.setdefault(va.ref.story, (va, qa))
        self.side_b.setdefault(vb.ref.story, (vb, qb))


def _finding(view: EventView, change: _Change) -> Discrepancy:
    order = {sid: i for i, sid in enumerate(view.event.stories)}
    side_a = [change.side_a[k] for k in sorted(change.side_a, key=lambda k: (order.get(k, 1 << 30), k))]
    side_b = [change.side_b[k] for k in sorted(change.side_b, key=lambda k: (order.get(k, 1 << 30), k))
              if k not in change.side_a]
    if not side_b:  # every account quotes it both ways: keep the first pair
        side_b = [next(iter(change.side_b.values()))]
    (va, qa), (vb, qb) = side_a[0], side_b[0]
    names_a = ", ".join(view.name(v.ref.story) for v, _ in side_a)
    names_b = ", ".join(view.name(v.ref.story) for v, _ in side_b)
    who, only_a, only_b = change.who, change.only_a, change.only_b
    reason = change.reason or (
        f"{who} is quoted with \"{' '.join(only_a)}\" by one account and \"{' '.join(only_b)}\" by the other, "
        "the rest of the quoted words the same: " +
        ("words that change what was said (degree, negation, number)" if change.severity == "warning"
         else "a misquotation"))
    refs: list[SentenceRef] = [v.ref for v, _ in side_a] + [v.ref for v, _ in side_b]
    values = {view.name(v.ref.story): q for v, q in side_a}
    values.update({view.name(v.ref.story): q for v, q in side_b})
    return discrepancy(
        "quote_wording",
        change.severity,
        f'{who or "the same quotation"}: {names_a} quote {quoted(qa, 90)}; {names_b} quote {quoted(qb, 90)}',
        refs,
        None,
        kind="event_quote",
        speaker=who or None,
        values=values,
        only_in={view.name(va.ref.story): only_a, view.name(vb.ref.story): only_b},
        outlets=sorted(values),
        grade_reason=reason,
        grade_basis="event",
    )
