"""The circumstances of an event compared across all its accounts: categorical details, not counts.

Each account's sentences are read for details of the event that are words, not numbers, one slot
each (the cue words are in ``compare/data/circumstances.tsv``):

- ``cause``: what caused the fire, explosion, crash, collapse or outage ("a space heater sparked
  the fire", "the blaze was caused by a stove"), as a class of cause (heater, cooking, electrical,
  arson ...); two classes conflict only when neither may be the other or lead to it;
- ``operation``: whether the search or rescue was stopped or goes on ("the search was halted",
  "the search was not halted"); a pause ("suspended overnight", "temporarily") is no stop;
- ``level``: a level on an ordinal scale ("the second-highest alert level", "Category 4");
- ``victims``: who the victims of one group were, by age or sex ("the survivors were all adult
  males" / "the rescued include eight minors");
- ``condition``: how badly the one person of a role was hurt (the sole survivor, the driver):
  minor vs serious or critical injuries;
- ``daypart``: the part of the day of the event's main action ("on Tuesday afternoon" / "on Tuesday
  evening"); hours that overlap ("late afternoon" / "early evening", "night" / "early hours") agree;
- ``water``: the sea, gulf or ocean where the event happened ("sank in the Ionian Sea"); a sea and
  the sea it is part of agree (the Ionian and the Mediterranean);
- ``seastate``: the sea a vessel went down in ("capsized in rough waters" / "in calm waters").

An account that gives two values for one slot gives none.  Every finding is a ``warning`` that says
what is uncertain, except a cause both accounts state as fact (no hedge: "suspected", "may have",
"investigating") for the same event: that is an ``error``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from compare.facts.context import EventView, SentenceView
from compare.facts.datecheck import parse_reference
from compare.facts.eventdetails import (
    _BACKGROUND,
    BySlot,
    Detail,
    Grade,
    KindSpec,
    _actions,
    _clause,
    _same_value,
    slot_conflicts,
)
from compare.facts.lexicon import table_rows
from compare.model import Discrepancy, SentenceRef

# A cause stands at most this many words from its causal cue, and the event's noun too.
CAUSE_WORDS = 8
# Two accounts' statuses or levels are compared only when they were published at most this many days apart.
STATUS_DAYS = 1
# A statement about who the victims were stands at most this many words after the group it is about.
VICTIM_WORDS = 3


@dataclass(frozen=True)
class _Lexicon:
    sections: dict[str, list[tuple[str, str, str]]]  # section -> (phrase, class, extra)
    patterns: dict[str, re.Pattern[str]]  # section -> one alternation, longest phrase first

    def find(self, section: str, text: str) -> list[tuple[int, int, str, str, str]]:
        """(start, end, as written, class, extra) for every phrase of ``section`` in ``text``."""
        classes = {p: (c, e) for p, c, e in self.sections[section]}
        out = []
        for m in self.patterns[section].finditer(text):
            phrase = _phrase_key(m.group(), classes)
            cls, extra = classes[phrase]
            out.append((m.start(), m.end(), m.group(), cls, extra))
        return out


def _phrase_key(written: str, classes: dict[str, tuple[str, str]]) -> str:
    low = " ".join(written.lower().split())
    if low in classes:
        return low
    for phrase in classes:  # a "*" phrase
        if "*" in phrase and re.fullmatch(phrase.replace("*", r"[\w-]*"), low):
            return phrase
    return low


@cache
def _lexicon() -> _Lexicon:
    sections: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in table_rows("circumstances.tsv"):
        section, phrases, cls = row[0], row[1], row[2] if len(row) > 2 else ""
        extra = row[3] if len(row) > 3 else ""
        for phrase in phrases.split("|"):
            sections[section].append((phrase.strip(), cls, extra))
    patterns = {}
    for section, rows in sections.items():
        ordered = sorted({p for p, _, _ in rows}, key=lambda p: (-len(p), p))
        body = "|".join(r"\s+".join(re.escape(w).replace(r"\*", r"[\w-]*") for w in p.split()) for p in ordered)
        patterns[section] = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)
    return _Lexicon(dict(sections), patterns)


def _words_between(text: str, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return len(text[lo:hi].split())


def _hedged(text: str) -> bool:
    return bool(_lexicon().find("hedge", text))


def _negated(text: str, start: int, end: int, before: int = 4) -> bool:
    """A negation within ``before`` words before ``start`` (or inside the span)."""
    head = text[:start].split()[-before:]
    window = " ".join(head) + " " + text[start:end]
    return bool(_lexicon().find("negation", window))


# --------------------------------------------------------------------------- causes

# Cues whose cause follows them ("caused by X", "blamed on X", "began with X") and the event precedes;
# and cues whose cause precedes them ("X caused the fire", "X is to blame").
_CAUSE_AFTER = re.compile(
    r"\b(?:caused|sparked|started|triggered|ignited|set off|touched off|blamed|attributed|linked)\s+(?:by|on|to)\b"
    r"|\b(?:due to|because of|the result of|a result of|resulted from|resulting from|began with|started with|"
    r"originated from|originated with|stemmed from|came from)\b",
    re.I,
)
_CAUSE_BEFORE = re.compile(
    r"\b(?:caused|sparked|started|triggered|ignited|set off|touched off|led to)\b(?!\s+(?:by|on|to|with|from)\b)"
    r"|\b(?:is|was|were|are)\s+(?:to\s+)?blame[ds]?\b|\bresponsible for\b",
    re.I,
)
_CAUSE_OF = re.compile(r"\bcause of the\s+(?:\w+\s+){0,2}?(?P<event>\w+)\s+(?:was|is|had been|has been)\b", re.I)


def _causes(sentence: SentenceView) -> list[Detail]:
    text = sentence.narrative or sentence.text
    lex = _lexicon()
    events = lex.find("event", text)
    causes = _merged(text, lex.find("cause", text))
    if not events or not causes:
        return []
    out = []
    for m in _CAUSE_AFTER.finditer(text):
        lo, hi = _clause(text, m.start(), m.end())
        event = _nearest([e for e in events if lo <= e[0] and e[1] <= m.start()], m.start(), before=True)
        cause = _nearest([c for c in causes if m.end() <= c[0] and c[1] <= hi], m.end(), before=False)
        if event and cause and _words_between(text, event[1], m.start()) <= CAUSE_WORDS \
                and _words_between(text, m.end(), cause[0]) <= CAUSE_WORDS \
                and not _negated(text, m.start(), m.end(), CAUSE_WORDS):  # "doesn't sound like a fire caused by"
            out.append(_cause_detail(sentence, text, event, cause))
    for m in _CAUSE_BEFORE.finditer(text):
        lo, hi = _clause(text, m.start(), m.end())
        cause = _nearest([c for c in causes if lo <= c[0] and c[1] <= m.start()], m.start(), before=True)
        event = _nearest([e for e in events if m.end() <= e[0] and e[1] <= hi], m.end(), before=False)
        if event is None and "blame" in m.group().lower():
            event = _nearest([e for e in events if lo <= e[0] and e[1] <= hi and e[0] != (cause or (0,))[0]],
                             m.end(), before=False)
        if event and cause and _words_between(text, cause[1], m.start()) <= CAUSE_WORDS \
                and _words_between(text, m.end(), event[0]) <= CAUSE_WORDS // 2 \
                and not _negated(text, m.start(), m.end()) and not _negated(text, cause[0], cause[1], 2):
            out.append(_cause_detail(sentence, text, event, cause))
    for m in _CAUSE_OF.finditer(text):
        event = next((e for e in events if e[0] == m.start("event")), None)
        lo, hi = _clause(text, m.start(), m.end())
        cause = _nearest([c for c in causes if m.end() <= c[0] and c[1] <= hi], m.end(), before=False)
        if event and cause and _words_between(text, m.end(), cause[0]) <= CAUSE_WORDS \
                and not _negated(text, m.end(), cause[0]):
            out.append(_cause_detail(sentence, text, event, cause))
    return out


def _merged(text: str, spans: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """Adjacent phrases of one class as one ("a cooking stove", "an electric heater")."""
    out: list[tuple[int, int, str, str, str]] = []
    for span in spans:
        if out and out[-1][3] == span[3] and not text[out[-1][1]:span[0]].strip():
            last = out.pop()
            span = (last[0], span[1], text[last[0]:span[1]], span[3], span[4])
        out.append(span)
    return out


def _nearest(spans: list[tuple[int, int, str, str, str]], pos: int, *, before: bool) -> tuple[int, int, str, str, str] | None:
    if not spans:
        return None
    return max(spans, key=lambda s: s[1]) if before else min(spans, key=lambda s: s[0])


def _cause_detail(sentence: SentenceView, text: str, event: tuple[int, int, str, str, str],
                  cause: tuple[int, int, str, str, str]) -> Detail:
    return Detail("cause", (event[3],), cause[3], cause[2], sentence.ref,
                  {"hedged": _hedged(text), "compatible": cause[4]})


def _causes_agree(a: Detail, b: Detail) -> bool:
    if a.value == b.value:
        return True
    ca, cb = str(a.facts["compatible"]), str(b.facts["compatible"])
    if ca == "*" or cb == "*":
        return True
    return str(b.value) in ca.split(",") or str(a.value) in cb.split(",")


def _grade_cause(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _causes_agree(a, b):
        return None
    what = f"the cause of the {a.slot[0]}: {a.text} ({a.value}) in one account, {b.text} ({b.value}) in the other"
    if a.facts["hedged"] or b.facts["hedged"]:
        return "warning", (f"{what}; at least one account gives its cause as suspected or under investigation, "
                           "so the causes may be early theories rather than findings")
    return "error", f"{what}; both state the cause as fact, and the two causes cannot be one"


# --------------------------------------------------------------------------- operations


def _operations(sentence: SentenceView) -> list[Detail]:
    text = sentence.text  # an official's quoted words count: "the search was not halted," he said
    lex = _lexicon()
    operations = lex.find("operation", text)
    statuses = lex.find("status", text)
    if not operations or not statuses:
        return []
    values = []
    for s in statuses:
        lo, hi = _clause(text, s[0], s[1])
        near = [o for o in operations if lo <= o[0] and o[1] <= hi and _words_between(text, s[0], o[0]) <= 5
                and not (o[0] < s[1] and s[0] < o[1])]
        if not near:
            continue
        if lex.find("status_time", text[lo:hi]) and s[3] == "stopped":
            continue  # "suspended overnight", "halted temporarily ... resumed": a pause
        negated = _negated(text, s[0], s[1], 2)
        value = s[3]
        if negated:
            value = "continuing" if value == "stopped" else "stopped"
        start = min(s[0], near[0][0])
        end = max(s[1], near[0][1])
        values.append((value, text[start:end], negated, near[0][3]))
    if len({(v, o) for v, _, _, o in values}) != 1:
        return []
    value, shown, _, operation = values[0]
    return [Detail("operation", (operation,), value, shown, sentence.ref,
                   {"hedged": _hedged(text), "denial": values[0][2]})]


def _grade_status(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if a.value == b.value:
        return None
    return "warning", (f"one account says the operation {a.value == 'stopped' and 'was stopped' or 'goes on'} "
                       f"({a.text}), the other that it {b.value == 'stopped' and 'was stopped' or 'goes on'} "
                       f"({b.text}); an operation's status changes over time, so a check against the times is needed")


# --------------------------------------------------------------------------- levels on a scale

_ORDINALS = {"highest": 1, "top": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "lowest": 1}
_RANKED = re.compile(
    r"\b(?:(?P<ord>second|2nd|third|3rd|fourth|4th|fifth|5th)[- ](?P<dir>highest|lowest)|(?P<top>highest|lowest|top))"
    r"(?:\s+(?:of\s+(?:the\s+)?\w+|possible|\w+-tier))?\s+(?P<scale>(?:[\w-]+\s+){0,2}?(?:alert|alarm|warning|threat|"
    r"status|category|level)s?)\b",
    re.I,
)
_NUMBERED = re.compile(r"\b(?P<scale>category|level|alert level|threat level)\s+(?P<n>[1-5]|I{1,3}|IV|V)\b(?!\s*(?:%|percent))",
                       re.I)
_STORM = re.compile(r"\b(?:hurricane|storm|cyclone|typhoon|tornado|landfall)s?\b", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _levels(sentence: SentenceView) -> list[Detail]:
    text = sentence.narrative or sentence.text
    lex = _lexicon()
    out = []
    for m in _RANKED.finditer(text):
        scales = lex.find("scale", m.group("scale")) or lex.find("scale", text[m.end():m.end() + 16])
        if not scales:  # "the second-highest level": the scale named elsewhere in the clause
            lo, hi = _clause(text, m.start(), m.end())
            scales = [s for s in lex.find("scale", text[lo:hi]) if s[2].lower() != "status"]
        if not scales:
            continue
        scale = scales[-1][3]
        if m.group("ord"):
            rank, direction = _ORDINALS[m.group("ord").lower()], m.group("dir").lower()
        else:
            rank, direction = 1, "lowest" if m.group("top").lower() == "lowest" else "highest"
        shown = text[m.start():m.end()]
        out.append(Detail("level", (scale, direction), rank, shown, sentence.ref, _level_facts(text, m.start())))
    for m in _NUMBERED.finditer(text):
        scale_text = m.group("scale").lower()
        scale = "category" if scale_text == "category" else "threat" if "threat" in scale_text else "alert"
        if scale == "category" and not _STORM.search(text):
            continue  # "a Category 2 incident": a category of something else
        if scale == "alert" and not re.search(r"\b(?:alert|warning|volcan\w*|threat)\b", text, re.I):
            continue  # "level 3" of a building, a course, a lockdown
        n = m.group("n").upper()
        rank = _ROMAN.get(n) or int(n)
        out.append(Detail("level", (scale, "number"), rank, m.group(), sentence.ref, _level_facts(text, m.start())))
    return out


# A level the scale moved to ("weakened to a Category 3", "raised the alert to ..."), and one held over a span
# ("has stayed at ... since 2011", "remained at").
_CHANGED = re.compile(r"\b(?:raised|lowered|upgraded|downgraded|weakened|strengthened|intensified|increased|decreased|"
                      r"reduced|elevated|dropped|fell|rose|escalated|moved|returned|restored|revised|changed|grew|"
                      r"became|becoming|before|previously|earlier|initially|briefly)\b", re.I)
_STEADY = re.compile(r"\b(?:stayed|remained|remains|has been|had been|have been|maintained|kept|held|unchanged)\b", re.I)


def _level_facts(text: str, start: int) -> dict[str, object]:
    lo, _ = _clause(text, start, start)
    before = text[lo:start]
    return {"changed": bool(_CHANGED.search(before)), "steady": bool(_STEADY.search(before))}


def _grade_level(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if a.value == b.value:
        return None
    if (a.facts["changed"] and not b.facts["steady"]) or (b.facts["changed"] and not a.facts["steady"]):
        return None  # "landfall as a Category 5" and "weakened to a Category 3": two moments
    if a.facts["changed"] and b.facts["changed"]:
        return None
    return "warning", (f"the {a.slot[0]} level is {a.text} in one account and {b.text} in the other; a level may be "
                       "raised or lowered between reports, so a check against the times is needed")


# --------------------------------------------------------------------------- who the victims were

_EXCLUSIVE = re.compile(
    r"\b(?:all|entirely|solely|exclusively|only|wholly)\s+(?:of\s+)?(?:(?:them|whom)\s+)?(?:were\s+|are\s+)?"
    r"(?P<who>(?:adult|male|female|young|teenage)?\s*[a-z]+)\b",
    re.I,
)
_INCLUDES = re.compile(
    r"\b(?:including|includ(?:e|es|ed)|among them|among whom|among those)\s+(?P<who>(?:(?:at least|some|about|"
    r"[\w-]+)\s+){0,2}[a-z]+)\b"
    r"|\b(?P<n>[\w-]+)\s+of\s+(?:them|whom)\s+(?:were|are)\s+(?P<who2>[a-z]+)\b",
    re.I,
)


def _people(words: str) -> list[tuple[str, str, str]]:
    """(class, axis, as written) of the person words in ``words``."""
    return [(cls, extra, w) for _, _, w, cls, extra in _lexicon().find("person", words)]


def _victims(sentence: SentenceView) -> list[Detail]:
    text = sentence.narrative or sentence.text
    lex = _lexicon()
    groups = lex.find("group", text)
    if not groups:
        return []
    out = []
    for pattern, how in ((_EXCLUSIVE, "all"), (_INCLUDES, "includes")):
        for m in pattern.finditer(text):
            who = m.group("who") or m.group("who2") if how == "includes" else m.group("who")
            people = _people(who or "")
            if not people:
                continue
            lo, hi = _clause(text, m.start(), m.end())
            before = [g for g in groups if lo <= g[0] and g[1] <= m.start()]
            if not before:
                continue
            # The statement is about the group right before it ("the survivors were all adult men"); a
            # chain of "including ..." counts from its first link ("saved 104 passengers - including X,
            # ..., and including eight minors"), never across another verb's clause.
            chain = pattern.search(text, before[-1][1])
            if chain is None or _words_between(text, before[-1][1], chain.start()) > VICTIM_WORDS:
                continue
            group = before[-1][3]
            if re.search(r"\b(?:rescued|saved|pulled)\s+(?:[\w-]+\s+){0,2}$", text[max(0, before[-1][0] - 30):before[-1][0]],
                         re.I):
                group = "survivors"  # "rescuers saved 104 passengers"
            for cls, axis, _ in people:
                out.append(Detail("victims", (group, axis), (how, cls), text[m.start():m.end()], sentence.ref, {}))
    return out


def _victims_agree(a: Detail, b: Detail) -> bool:
    value_a: tuple[str, str] = a.value  # type: ignore[assignment]
    value_b: tuple[str, str] = b.value  # type: ignore[assignment]
    (how_a, ca), (how_b, cb) = value_a, value_b
    if ca == cb or (how_a == "includes" and how_b == "includes"):
        return True
    return False  # "all adults" vs "including minors"; "all men" vs "all women"


def _grade_victims(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _victims_agree(a, b):
        return None
    return "warning", (f"the {a.slot[0]} are {a.text} in one account and {b.text} in the other; both speak of the same "
                       "group, but a count may have been updated between reports")


# --------------------------------------------------------------------------- a person's condition

_SINGULAR_SURVIVOR = re.compile(
    r"\b(?:only|sole|lone|single)\s+survivor\b|\b(?:girl|boy|child|man|woman|person|passenger|baby|toddler)\s+who\s+"
    r"survived\b|\bleaving only\b[^,;]{0,40}\balive\b|\bonly one\s+(?:\w+\s+)?(?:survived|survivor)\b",
    re.I,
)
_PRONOUN_START = re.compile(r"^\s*(?:She|He)\b")
_INJURY = re.compile(r"\b(?:injur\w*|wound\w*|hurt|burns?|condition|trauma)\b", re.I)


def _roles_in(text: str) -> set[str]:
    """The single-person roles a sentence names: the sole survivor, the driver, the pilot, the gunman."""
    found = set()
    if _SINGULAR_SURVIVOR.search(text):
        found.add("survivor")
    for start, _, written, cls, _ in _lexicon().find("role", text):
        if cls == "survivor":
            continue
        article = text[max(0, start - 5):start].lower()
        if re.search(r"\bthe\s*$", article) and not written.lower().endswith("s"):
            found.add(cls)
    return found


def _conditions(sentence: SentenceView, previous: str) -> list[Detail]:
    text = sentence.narrative or sentence.text
    if not _INJURY.search(text):
        return []
    values = {}
    for s in _lexicon().find("severity", text):
        after = text[s[1]:s[1] + 25]
        if s[3] == "minor" and s[2].lower() == "minor" and not re.match(r"\s+(?:injur|wound|burn|cut)", after, re.I):
            continue  # "minor" alone: "eight minors", "a minor road"
        if re.search(r"\bcondition\b|\binjur|\bwound|\bhurt|\bburn", text[s[0]:s[1] + 30], re.I):
            noun = re.match(r"\s+(?:injur\w*|wound\w*|burns|condition)\b", after, re.I)
            values[s[3]] = s[2] + (noun.group() if noun else "")
    if len(values) != 1:
        return []
    roles = _roles_in(text)
    if not roles and _PRONOUN_START.match(text):
        roles = _roles_in(previous)
    if len(roles) != 1:
        return []
    (value, shown), = values.items()
    return [Detail("condition", (roles.pop(),), value, shown.strip(), sentence.ref, {})]


def _grade_condition(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if a.value == b.value:
        return None
    return "warning", (f"the {a.slot[0]}'s injuries are {a.text} in one account and {b.text} in the other; a person's "
                       "condition can change between reports")


# --------------------------------------------------------------------------- part of the day

_DAYPART_ACTIONS = frozenset({"impact", "generic"})  # not "arrived", "landed": officers arrive, memos land
_FUNCTION_WORD = re.compile(r"\s+(?:on|in|at|off|near|and|or|as|when|where|after|before|with|to|from|between|about|"
                            r"of|for|by|waters?|was|were|is|had|has|that|which|while)\b", re.I)
_WEEKDAY = re.compile(r"\b(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*$", re.I)


# Before an action cue: the time named is of something else, before or after the event.
_RELATIVE_TO = re.compile(r"\b(?:before|after|prior to|ahead of|following|since|until|till|days? before|hours? after)"
                          r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+)?$", re.I)


def _dayparts(sentence: SentenceView) -> list[Detail]:
    text = sentence.narrative or sentence.text
    parts = _lexicon().find("daypart", text)
    if not parts:
        return []
    cues = _actions().find(text)  # type: ignore[attr-defined]
    out = []
    for p in parts:
        lo, hi = _clause(text, p[0], p[1])
        in_clause = [c for c in cues if lo <= c[0] and c[1] <= hi]
        if any(c[3] == "distinct" for c in in_clause):
            continue
        near = [c for c in in_clause if c[3] in _DAYPART_ACTIONS and _words_between(text, c[1], p[0]) <= 6
                and _words_between(text, p[1], c[0]) <= 6]
        if not near or any(c[3] == "other" and _words_between(text, c[1], p[0]) <= 3 for c in in_clause):
            continue
        if any(_RELATIVE_TO.search(text[max(0, c[0] - 20):c[0]]) for c in near):
            continue  # "prior to the crash on Monday morning, the airport said": the time of the saying
        if re.search(r"\b(?:every|each|last|previous|since|until|by|before|after|later|following)\s+(?:\w+\s+)?$",
                     text[max(0, p[0] - 25):p[0]], re.I):
            continue  # "every morning", "by the evening", "later that night": another time
        if "-" in p[2] and re.match(r"\s+[a-z]", text[p[1]:]) and not _FUNCTION_WORD.match(text, p[1]):
            continue  # "the late-night talk show": a kind of thing, not a time
        weekday = _WEEKDAY.search(text[max(0, p[0] - 12):p[0]])
        hours = tuple(int(h) for h in p[4].split(","))
        start = weekday.start() + max(0, p[0] - 12) if weekday else p[0]
        out.append(Detail("daypart", ("event",), p[3], text[start:p[1]], sentence.ref,
                          {"hours": hours, "weekday": weekday.group("day").lower() if weekday else ""}))
    return out


def _overlap(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    for shift in (-24, 0, 24):
        if a[0] + shift < b[1] and b[0] < a[1] + shift:
            return True
    return False


def _same_daypart(a: Detail, b: Detail) -> bool:
    return _overlap(a.facts["hours"], b.facts["hours"])  # type: ignore[arg-type]


def _grade_daypart(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _same_daypart(a, b):
        return None
    wa, wb = a.facts["weekday"], b.facts["weekday"]
    if wa and wb and wa != wb:
        return None  # two days: the day slot's business (and time zones move both)
    return "warning", (f"the event happened in the {a.value} in one account ({a.text}) and in the {b.value} in the "
                       "other; parts of the day are loose words, so a check against the clock time is needed")


# --------------------------------------------------------------------------- named waters


@cache
def _waters() -> dict[str, tuple[str, str]]:
    """Canonical name -> (relation, larger water) from the lexicon ("Ionian Sea" -> ("part", "Mediterranean"))."""
    out = {}
    for _, cls, extra in _lexicon().sections["water"]:
        relation, _, parent = extra.partition(":")
        out[cls] = (relation, parent)
    return out


def _ancestors(name: str) -> list[str]:
    out = [name]
    while (up := _waters().get(out[-1], ("", ""))) and up[0] == "part" and up[1] not in out:
        out.append(up[1])
    return out


def _water(sentence: SentenceView) -> list[Detail]:
    text = sentence.narrative or sentence.text
    waters = _lexicon().find("water", text)
    if not waters:
        return []
    cues = _actions().find(text)  # type: ignore[attr-defined]
    out = []
    for w in waters:
        if not re.search(r"\b(?:in|into|off|on|across|over|from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
                         text[max(0, w[0] - 30):w[0]], re.I):
            continue
        if re.match(r"[\w ]{0,3}(?:coast|shore|island|port|city|region|country|nation)s?\b", text[w[1]:w[1] + 12], re.I):
            continue  # "the Black Sea coast", "Caribbean islands": a place by the water
        if " " not in w[2].strip() and re.match(r"\s+[a-z]", text[w[1]:]) and not _FUNCTION_WORD.match(text, w[1]):
            continue  # "Mediterranean backhaul cables": a name used as a describing word
        lo, hi = _clause(text, w[0], w[1])
        near = [c for c in cues if lo <= c[0] and c[1] <= hi and c[3] in ("impact", "generic", "arrival")
                and (_words_between(text, c[1], w[0]) <= 8 or _words_between(text, w[1], c[0]) <= 8)]
        if not near:
            continue
        out.append(Detail("water", ("event",), w[3], w[2], sentence.ref, {}))
    return out


def _same_water(a: Detail, b: Detail) -> bool:
    if a.value in _ancestors(str(b.value)) or b.value in _ancestors(str(a.value)):
        return True
    ra, rb = _waters().get(str(a.value), ("", "")), _waters().get(str(b.value), ("", ""))
    return ra == ("marginal", b.value) or rb == ("marginal", a.value)  # the Caribbean and the Atlantic


def _grade_water(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _same_water(a, b):
        return None
    return "warning", (f"the event is placed in the {a.value} by one account and the {b.value} by the other, and "
                       "neither lies in the other; a sentence may name a water the event only crossed")


# --------------------------------------------------------------------------- the state of the sea

_SEA_NOUN = re.compile(r"\s+(?:waters?|seas?|swells?)\b", re.I)


def _seastate(sentence: SentenceView) -> list[Detail]:
    """The sea where the vessel went down: "capsized in rough waters" / "overturned in relatively calm waters"."""
    text = sentence.narrative or sentence.text
    states = [s for s in _lexicon().find("seastate", text) if _SEA_NOUN.match(text, s[1])]
    if not states:
        return []
    cues = [c for c in _actions().find(text) if c[3] == "impact"]  # type: ignore[attr-defined]
    out = []
    for s in states:
        lo, hi = _clause(text, s[0], s[1])
        if not any(lo <= c[0] and c[1] <= hi and _words_between(text, c[1], s[0]) <= 4 for c in cues if c[1] <= s[0]):
            continue  # "rough seas hampered the search": the sea at another time
        noun = _SEA_NOUN.match(text, s[1])
        out.append(Detail("seastate", ("sea",), s[3], text[s[0]:noun.end()] if noun else s[2], sentence.ref, {}))
    return out


def _grade_seastate(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if a.value == b.value:
        return None
    return "warning", (f"the vessel went down in {a.text} in one account and in {b.text} in the other; words for the "
                       "state of the sea are loose, so a check is needed")


# --------------------------------------------------------------------------- the check


KINDS: dict[str, KindSpec] = {
    "cause": KindSpec("cause", "entity", lambda d: f"cause of the {d.slot[0]}", _causes_agree, _grade_cause),
    "operation": KindSpec("operation", "entity", lambda d: f"status of the {d.slot[0]}", _same_value, _grade_status),
    "level": KindSpec("level", "number", lambda d: f"{d.slot[0]} level", _same_value, _grade_level),
    "victims": KindSpec("victims", "entity", lambda d: f"who the {d.slot[0]} were ({d.slot[1]})", _victims_agree,
                        _grade_victims),
    "condition": KindSpec("condition", "entity", lambda d: f"condition of the {d.slot[0]}", _same_value,
                          _grade_condition),
    "daypart": KindSpec("daypart", "date", lambda d: "part of the day of the event", _same_daypart, _grade_daypart),
    "seastate": KindSpec("seastate", "entity", lambda d: "state of the sea", _same_value, _grade_seastate),
    "water": KindSpec("water", "entity", lambda d: "water where the event happened", _same_water, _grade_water),
}
# Slots whose value changes over time: compared only between accounts published close together.
_TIMELY = frozenset({"operation", "level", "condition"})
# Slots a background sentence ("since 2011", "the 2019 fire") says nothing about.
_SKIP_BACKGROUND = frozenset({"cause", "operation", "victims", "condition", "daypart", "water", "seastate"})


def circumstance_details(sentence: SentenceView, previous: str = "") -> list[Detail]:
    """Every circumstance one sentence states (``previous``: the sentence before it in its story)."""
    if sentence.role == "title":
        return []
    out = [*_causes(sentence), *_operations(sentence), *_levels(sentence), *_victims(sentence),
           *_conditions(sentence, previous), *_dayparts(sentence), *_water(sentence), *_seastate(sentence)]
    if _BACKGROUND.search(sentence.text):
        out = [d for d in out if d.kind not in _SKIP_BACKGROUND]
    return out


def check_circumstances(view: EventView, found: list[Discrepancy]) -> list[Discrepancy]:
    """Categorical details of the event (cause, status, level, victims, condition, part of day, water)
    that two accounts give differently, whether or not their sentences were aligned."""
    by_slot: BySlot = defaultdict(lambda: defaultdict(list))
    for story in view.stories:
        sentences = view.story_sentences(story)
        for i, sentence in enumerate(sentences):
            previous = sentences[i - 1].text if i else ""
            for detail in circumstance_details(sentence, previous):
                by_slot[(detail.kind, detail.slot)][story].append(detail)
    for key, stories in by_slot.items():
        if key[0] == "operation":  # the plainest statement first: "was not halted" answers "halted"
            for details in stories.values():
                details.sort(key=lambda d: not d.facts.get("denial"))
        if key[0] == "water":  # the most specific water first: the account's value ("Ionian", not "Mediterranean")
            for details in stories.values():
                details.sort(key=lambda d: -len(_ancestors(str(d.value))))
    out = slot_conflicts(view, by_slot, KINDS, found)
    return _timely(out, view)


def _timely(found: list[Discrepancy], view: EventView) -> list[Discrepancy]:
    """Drop findings on a slot that changes over time between accounts published far apart, and a
    second finding on the same sentences (one person named as survivor and as girl)."""
    out, seen = [], set()
    for d in found:
        if d.details.get("detail") in _TIMELY:
            dates = {parse_reference(view.stories[r.story].date) for r in d.sentences}
            known = sorted(x for x in dates if x is not None)
            if len(known) == len(dates) and known and (known[-1] - known[0]).days > STATUS_DAYS:
                continue
        key: frozenset[SentenceRef] = frozenset(d.sentences)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out
