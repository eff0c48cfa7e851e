"""What the accounts of an event say a named person is: rank, title, office, job, political label.

Read from every sentence of every account (aligned or not), one slot each, compared like the
other event details (``eventdetails.py``: an account that gives two values for a slot gives none):

- ``rank``: the military or police rank before a named person ("Warrant Officer Badr al-Dosari" /
  "Corporal Bader al-Dosari"; ``compare/data/ranks.tsv``, abbreviations read: "Lt. Col." is
  Lieutenant Colonel, another rank than "Col.");
- ``person_title``: the capitalised title before a named person's full name, once the words both
  accounts share before it (the organisation: "IAM District 837") are set aside ("President Tom
  Boelling" / "Directing Business Representative Tom Boelling"); a title that only adds an
  organisation to the other ("Xbox CEO" / "CEO") is the same title;
- ``office``: the holder of an office one person holds at a time, named with its institution or
  country on both sides ("House Speaker Nancy Pelosi" / "House Speaker Mike Johnson";
  ``compare/data/offices.txt``);
- ``job``: a person's job given as "X, the funicular's brake guard" or "The funicular driver, X":
  two different jobs at the same named thing;
- ``label``: a political label for a named person that another account contradicts
  ("liberal Warsaw Mayor X" / "X, a populist conservative").

None of these is read after "former", "then-", "ex-", "late", "acting" or "interim", or in a
sentence about another time ("in 2019").  A conflict is a ``warning`` unless both accounts give the
same full name, on the same publication day, and the values are ranks or office holders that
cannot both hold.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import cache

from rapidfuzz.distance import Levenshtein

from compare.facts.context import EventView, SentenceView
from compare.facts.entities import ORG_WORDS
from compare.facts.eventdetails import (
    _BACKGROUND,
    BySlot,
    Detail,
    Grade,
    KindSpec,
    _same_value,
    slot_conflicts,
)
from compare.facts.lexicon import gazetteer, table_rows, word_list
from compare.model import Discrepancy
from compare.textnorm import STOPWORDS

# A person's name: capitalised words, with particles written small ("al-Dosari", "bin", "de").
_NAME_WORD = r"(?:(?:al-|el-|bin\s|ibn\s|de\s|da\s|van\s|von\s|der\s|di\s|du\s|le\s|la\s)?[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*)"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+(?:[A-Z]\.?\s+)?{_NAME_WORD}){{0,4}})"  # a middle initial: "Robert J. Pickell"
# Words that make what follows a past, temporary or other holder.
_NOT_NOW = re.compile(r"(?:\b(?:former|late|acting|interim|outgoing|incoming|previous|ex|then)[\s-]+)$", re.I)
_HONORIFICS = frozenset("mr mrs ms miss dr prof professor sir dame lord lady rev reverend father sister brother".split())
_NOT_NAME = frozenset("said says told on in at of and the who which has had was is will would to for with by".split())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("\u0142", "l")


def _tail(text: str, end: int, size: int = 40) -> str:
    """The words just before ``end``: what a look back needs (a whole long sentence is not scanned)."""
    return text[max(0, end - size): end]


_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def _person(name: str) -> tuple[str, str]:
    """(first name, last name), folded; the first is empty for a surname alone."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    words = [re.sub(r"['\u2019]s$", "", w) for w in words]
    while len(words) > 1 and words[-1].lower().rstrip(",") in _SUFFIXES:
        words = words[:-1]
    last = _fold(words[-1])
    last = re.sub(r"^(?:al|el)-", "", last)
    first = _fold(words[0]) if len(words) > 1 else ""
    return first, last


def _same_person(a: Detail, b: Detail) -> bool | None:
    """True: the same full name (first names at most one letter apart); None: a surname alone on one side."""
    fa, fb = a.facts["first"], b.facts["first"]
    if not fa or not fb:
        return None
    return fa == fb or Levenshtein.distance(str(fa), str(fb)) <= 1


# --------------------------------------------------------------------------- ranks


@cache
def _ranks() -> tuple[dict[str, str], re.Pattern[str]]:
    forms: dict[str, str] = {}
    for row in table_rows("ranks.tsv"):
        rank = row[0]
        forms[_norm_title(rank)] = rank
        for alt in (row[1].split("|") if len(row) > 1 else []):
            forms[_norm_title(alt)] = rank
    alts = set()
    for row in table_rows("ranks.tsv"):
        for form in [row[0], *(row[1].split("|") if len(row) > 1 else [])]:
            # "Lt. Col.", "Lt Col", "Lt.-Col.": a full stop may follow each word of an abbreviation
            alts.add(r"[\s.-]*".join(re.escape(w) for w in re.split(r"[\s-]+", form)) + r"\.?")
    alt = "|".join(sorted(alts, key=len, reverse=True))
    return forms, re.compile(rf"(?<![\w.-])(?P<rank>{alt})\s+{_NAME}")


def _norm_title(text: str) -> str:
    return " ".join(re.sub(r"[.\u2019']", "", text).replace("-", " ").lower().split())


def _ranks_in(sentence: SentenceView) -> list[Detail]:
    forms, pattern = _ranks()
    out = []
    for m in pattern.finditer(sentence.text):
        if _NOT_NOW.search(_tail(sentence.text, m.start())) or m.group("name").split()[-1].lower() in _NOT_NAME:
            continue
        rank = forms.get(_norm_title(m.group("rank")))
        if rank is None:
            continue
        if rank == "General" and re.search(r"\b(?:Attorney|Surgeon|Secretary|Inspector|Solicitor|Consul)[\s-]+$",
                                           sentence.text[: m.start("rank")]):
            continue  # "Attorney General X" is no general
        first, last = _person(m.group("name"))
        out.append(Detail("rank", (last,), rank, m.group().strip(), sentence.ref, {"first": first}))
    return out


def _grade_rank(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    same = _same_person(a, b)
    if same is False:
        return None
    ra, rb = str(a.value).split(), str(b.value).split()
    short, long_ = sorted((ra, rb), key=len)
    if long_[-len(short):] == short:  # "Major General" / "General": the longer rank, or the shorter used as address
        return "warning", (f"{a.slot[0]} is a {a.value} in one account and a {b.value} in the other; the shorter "
                           "rank is sometimes used for the longer one")
    if same:
        return "error", (f"one named person ({a.slot[0]}) is given two ranks, {a.value} and {b.value}; a person "
                         "holds one rank at a time")
    return "warning", (f"{a.slot[0]} is given the rank {a.value} by one account and {b.value} by the other; one "
                       "account gives no first name, so it may be another person")


# --------------------------------------------------------------------------- titles before a full name


@cache
def _title_words() -> frozenset[str]:
    titles = {_norm_title(t).split()[-1] for t in word_list("titles.txt")}
    titles |= {_norm_title(t).split()[-1] for t in word_list("offices.txt")}
    return frozenset(titles - _HONORIFICS - {"expert", "analyst", "diplomat", "head", "deputy"})


_CAP_RUN = re.compile(r"(?:(?:[A-Z][\w.&'\u2019-]*|\d+)\s+){1,6}$")


def _person_titles(sentence: SentenceView) -> list[Detail]:
    """ "IAM District 837 President Tom Boelling": the capitalised words before a full name whose
    last word is a title."""
    text = sentence.text
    out = []
    titles = _title_words()
    ranks, _ = _ranks()
    for m in re.finditer(rf"(?<![\w-]){_NAME}", text):
        words = m.group("name").split()
        if len(words) < 2:
            continue
        run = _CAP_RUN.search(_tail(text, m.start(), 120))
        before = run.group().split() if run else []
        # the name may have swallowed the title ("President Tom Boelling" read as one name): split it off
        cut = max((i for i, w in enumerate(words[:-2]) if _norm_title(w) in titles), default=-1)
        if cut >= 0:
            before, words = [*before, *words[: cut + 1]], words[cut + 1 :]
        tw = [w for w in before if _norm_title(w) not in {"the", "a", "an"}]
        while tw and (tw[0].lower() in {"said", "says", "by"} or tw[0].lower() in STOPWORDS):
            tw = tw[1:]  # "But Justice X": a sentence's first word
        if len(tw) >= 2 and _title_word(_norm_title(tw[-1])) in _SEATS and _norm_title(tw[-2]) in titles:
            tw = tw[:-1]  # "Committee Chairman Rep. X": the seat said after the office
        if tw and _norm_title(tw[-1]) in _ABBREVIATED and tw[-1].isupper() and not (len(tw) > 1 and tw[-2].isdigit()):
            tw = [*tw[:-1], *_ABBREVIATED[_norm_title(tw[-1])]]  # "Gujarat CM X" is its Chief Minister
        if not tw or _norm_title(tw[-1]) not in titles or _norm_title(" ".join(tw)) in ranks:
            continue
        if _NOT_NOW.search(_tail(text, m.start() - (len(run.group()) if run else 0))) or any(
                _norm_title(w) in {"former", "ex", "then", "acting", "interim", "late"} for w in tw):
            continue
        first, last = _person(" ".join(words))
        if last in _NOT_NAME:
            continue
        out.append(Detail("person_title", (last,), tuple(_norm_title(w) for w in tw), " ".join([*tw, *words]),
                          sentence.ref, {"first": first}))
    return out


# Abbreviations and other words for one title word: "Lt. Gov." is "Lieutenant Governor", a minister is
# a secretary ("Defence Secretary" / "Defense Minister").
_TITLE_WORDS = {"gov": "governor", "lt": "lieutenant", "sen": "senator", "rep": "representative", "gen": "general",
                "secy": "secretary", "sec": "secretary", "minister": "secretary", "supt": "superintendent",
                "insp": "inspector", "det": "detective", "const": "constable", "chairwoman": "chairman",
                "chair": "chairman", "chairperson": "chairman", "spokeswoman": "spokesman", "spokesperson": "spokesman",
                "cmdr": "commander", "capt": "captain", "col": "colonel", "maj": "major", "sgt": "sergeant",
                "adm": "admiral", "pres": "president", "dir": "director", "amb": "ambassador", "justice": "judge"}
# Heads that name no particular office: any title may be said of the same person.
_GENERIC_HEADS = frozenset("head chief leader official officer spokesman member prosecutor".split())
# A lawmaker's seat, held together with any office ("Rep. X" and "Committee Chairman X").
_SEATS = frozenset("representative senator congressman congresswoman mp lawmaker assemblyman assemblywoman "
                   "councillor councilman councilwoman delegate".split())


_SEAT_TITLES = frozenset((w,) for w in _SEATS)


def _title_word(word: str) -> str:
    return _TITLE_WORDS.get(word, word)


def _alike(a: str, b: str) -> bool:
    """One title word, spelt two ways ("defence" / "defense")."""
    return a == b or (min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1)


def _title_core(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two titles without the words both put first (the organisation: "iam district 837")."""
    i = 0
    while i < min(len(a), len(b)) - 1 and a[i] == b[i]:
        i += 1
    return a[i:], b[i:]


def _same_title(a: Detail, b: Detail) -> bool:
    """Two titles of one office: the same head word (what the office is; the words before it may name
    its organisation or portfolio differently: "Agriculture" / "Fisheries Minister"), unless one adds
    a rank ("Deputy", "Vice", "Lieutenant").  A generic head ("official", "chief") fits any title."""
    ta, tb = (tuple(_title_word(w) for w in t) for t in _title_core(a.value, b.value))  # type: ignore[arg-type]
    if ta[-1] in _GENERIC_HEADS or tb[-1] in _GENERIC_HEADS or ta in _SEAT_TITLES or tb in _SEAT_TITLES:
        return True
    if not _alike(ta[-1], tb[-1]):
        return False
    ma, mb = set(ta[:-1]) & _OFFICE_MODIFIERS, set(tb[:-1]) & _OFFICE_MODIFIERS
    if ma and mb and ma != mb:
        return False
    return not (set(ta[:-1]) ^ set(tb[:-1])) & _RANK_MODIFIERS


_RANK_MODIFIERS = frozenset("deputy vice assistant lieutenant associate sub under co senior junior".split())
# Words that make a head another office when both titles carry one: a Prime Minister is no Chief Minister
# (one alone may be short for the other: "Justice" / "Chief Justice").
_OFFICE_MODIFIERS = frozenset("prime chief first".split())
# Abbreviated titles, written in capitals before a name.
_ABBREVIATED = {"pm": ("Prime", "Minister"), "cm": ("Chief", "Minister")}


def _grade_person_title(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if not _same_person(a, b) or _same_title(a, b):
        return None
    ta, tb = _title_core(a.value, b.value)  # type: ignore[arg-type]
    return "warning", (f"one named person ({a.facts['first']} {a.slot[0]}) is called {' '.join(ta)} by one account "
                       f"and {' '.join(tb)} by the other; a person may hold two titles")


# --------------------------------------------------------------------------- one-person offices


@cache
def _office_pattern() -> re.Pattern[str]:
    alt = "|".join(re.escape(o) for o in sorted(word_list("offices.txt"), key=len, reverse=True))
    qualifier = r"(?P<qual>(?:(?:[A-Z][\w.'\u2019-]*|\d+)\s+){1,3}?)"
    return re.compile(rf"(?<![\w-]){qualifier}(?P<office>{alt})\s+{_NAME}")


# Not what names an office's institution: articles, reporting words, parties ("Democratic Governor X" and
# "Democratic Governor Y" govern two states).
_NOT_QUALIFIER = frozenset("the a an said says and by democratic republican labour conservative liberal green "
                           "socialist independent".split())
_US = {"us", "u s", "united states", "american"}


def _offices(sentence: SentenceView) -> list[Detail]:
    out = []
    for m in _office_pattern().finditer(sentence.text):
        qual = [w for w in m.group("qual").split() if w.lower() not in _NOT_QUALIFIER]
        if not qual or _NOT_NOW.search(_tail(sentence.text, m.start("office"))) or any(
                _norm_title(w) in {"former", "ex", "then", "acting", "interim", "late", "deputy", "vice"} for w in qual):
            continue
        words = m.group("name").split()
        while words and (_norm_title(words[0]) in _title_words() or _norm_title(words[0]) in _TITLE_WORDS):
            words = words[1:]  # "Chairman Rep. Nick Rahall": a second title, not the name
        if not words:
            continue
        first, last = _person(" ".join(words))
        if last in _NOT_NAME:
            continue
        q = _norm_title(" ".join(qual))
        q = "us" if q in _US else q
        office = _norm_title(m.group("office"))
        out.append(Detail("office", (q, office), last, m.group().strip(), sentence.ref,
                          {"first": first, "date": sentence.ref.story}))
    return out


def _same_holder(a: Detail, b: Detail) -> bool:
    """One holder: the same surname, spelt alike ("Zelensky" / "Zelenskyy"), or the same first name."""
    la, lb = str(a.value), str(b.value)
    if la == lb or Levenshtein.distance(la, lb) <= (2 if min(len(la), len(lb)) >= 6 else 1):
        return True
    return bool(a.facts["first"]) and a.facts["first"] == b.facts["first"]


def _grade_office(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _same_holder(a, b):
        return None
    if a.facts["first"] and b.facts["first"]:
        return "warning", (f"the {' '.join(a.slot)} is {a.facts['first']} {a.value} in one account and "
                           f"{b.facts['first']} {b.value} in the other: one person holds it at a time")
    return "warning", (f"the {' '.join(a.slot)} is {a.value} in one account and {b.value} in the other; "
                       "one account gives no first name")


# --------------------------------------------------------------------------- jobs after or before a name

_JOB_AFTER = re.compile(rf"{_NAME},\s+the\s+(?P<desc>(?:[\w'\u2019-]+\s+){{0,3}}?[a-z][\w-]*)(?=[,.;]|\s+(?:who|and|was|is|has)\b)")
_JOB_BEFORE = re.compile(rf"(?:^|[.;]\s+)(?i:the)\s+(?P<desc>(?:[\w'\u2019-]+\s+){{0,3}}?[a-z][\w-]*),\s+{_NAME},")
_NOT_JOB = frozenset("founder co-founder owner member head leader son daughter wife husband mother father brother "
                     "sister victim suspect man woman boy girl child one first last only other latter former".split())


def _jobs(sentence: SentenceView) -> list[Detail]:
    out = []
    titles = _title_words()
    for pattern in (_JOB_AFTER, _JOB_BEFORE):
        for m in pattern.finditer(sentence.text):
            desc = m.group("desc").lower().split()
            if any(w[:1].isupper() for w in m.group("desc").split()[1:]):
                continue
            owner = [re.sub(r"['\u2019]s$", "", w) for w in desc if re.search(r"['\u2019]s$", w)]
            rest = [w for w in desc if not re.search(r"['\u2019]s$", w)]
            if not owner and len(rest) >= 2:
                owner, rest = rest[:1], rest[1:]  # "the funicular driver"
            if not owner or not rest or rest[-1] in _NOT_JOB or rest[-1] in titles or set(rest) & titles:
                continue
            first, last = _person(m.group("name"))
            if len(m.group("name").split()) < 2 or last in _NOT_NAME:
                continue
            out.append(Detail("job", (last, owner[-1]), " ".join(rest), m.group().strip(" ,.;"), sentence.ref,
                              {"first": first}))
    return out


def _same_job(a: Detail, b: Detail) -> bool:
    wa, wb = str(a.value).split(), str(b.value).split()
    return wa[-1] == wb[-1] or set(wa) <= set(wb) or set(wb) <= set(wa)


def _grade_job(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if not _same_person(a, b):
        return None
    return "warning", (f"{str(a.facts['first']).title()} {a.slot[0].title()} is the {a.slot[1]}'s {a.value} in one "
                       f"account and its {b.value} in the other")


# --------------------------------------------------------------------------- political labels

# Labels that cannot describe one person at once.
_OPPOSITE = {"liberal": "left", "conservative": "right", "progressive": "left", "left-wing": "left",
             "leftist": "left", "right-wing": "right", "far-right": "right", "far-left": "left",
             "centre-right": "right", "center-right": "right", "centre-left": "left", "center-left": "left",
             "socialist": "left"}
_LABEL = "|".join(sorted((re.escape(k) for k in _OPPOSITE), key=len, reverse=True))
_LABEL_BEFORE = re.compile(rf"(?<![\w-])(?P<label>(?i:{_LABEL}))\s+(?:(?:[A-Z][\w.'\u2019-]*)\s+){{0,3}}{_NAME}")
_LABEL_AFTER = re.compile(rf"{_NAME},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?P<label>(?i:{_LABEL}))(?![\w-])")


def _labels(sentence: SentenceView) -> list[Detail]:
    out = []
    for pattern in (_LABEL_BEFORE, _LABEL_AFTER):
        for m in pattern.finditer(sentence.text):
            words = m.group("name").split()
            if len(re.findall(r"(?<![\w-])[A-Z]", m.group()[m.start("name") - m.start():] if pattern is _LABEL_AFTER
                              else m.group()[m.end("label") - m.start():])) < 2:
                continue  # "conservative Nawrocki": too little to tell a person's name
            # the capitalised words before the name may be a title ("liberal Warsaw Mayor Rafal X")
            first, last = _person(" ".join(words[-2:]))
            if last in _NOT_NAME or not words[-1][:1].isupper() or last in ORG_WORDS or _names_a_body(sentence.text, m):
                continue  # "far-right Movement Party (MHP)", "the centre-left Party of X": a party, not a person
            label = m.group("label").lower()
            out.append(Detail("label", (last,), _OPPOSITE[label], label, sentence.ref, {"first": first}))
    return out


def _names_a_body(text: str, m: re.Match[str]) -> bool:
    """The name runs on into an organisation's ("Party of Regions") or is followed by its acronym ("(MHP)")."""
    return bool(re.match(r"\s*(?:\([A-Z]{2,}\)|of\s+[A-Z])", text[m.end("name"):]))


def _grade_label(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _same_person(a, b) is False:
        return None
    return "warning", (f"{a.slot[0].title()} is called {a.text} by one account and {b.text} by the other: "
                       "labels that cannot both describe one person")


# --------------------------------------------------------------------------- labels of a named group

# What an armed group is called: one account's "Houthi rebels" against another's "Houthi militants".
_GROUP_LABELS = {"rebel": "rebel", "rebels": "rebel", "insurgent": "insurgent", "insurgents": "insurgent",
                 "militant": "militant", "militants": "militant", "terrorist": "terrorist", "terrorists": "terrorist",
                 "separatist": "separatist", "separatists": "separatist", "guerrilla": "guerrilla",
                 "guerrillas": "guerrilla", "jihadist": "jihadist", "jihadists": "jihadist", "fighters": "fighter",
                 "fighter": "fighter", "gunmen": "gunman", "gunman": "gunman", "extremists": "extremist",
                 "extremist": "extremist"}
_GROUP = re.compile(r"(?<![\w-])(?P<group>(?:[A-Z][\w'\u2019-]*|[A-Z0-9]{2,})(?:[\s-]+(?:[A-Z][\w'\u2019-]*|[A-Z0-9]{2,})){0,2})"
                    r"(?:-(?:led|backed|aligned|allied|linked))?\s+(?P<label>" + "|".join(sorted(_GROUP_LABELS, key=len, reverse=True))
                    + r")(?![\w-])")


def _group_labels(sentence: SentenceView) -> list[Detail]:
    """ "Houthi rebels", "M23 militants": the label an account gives a named group."""
    out = []
    for m in _GROUP.finditer(sentence.text):
        group = m.group("group")
        words = group.split()
        if words[0].lower() in {"the", "a", "an", "some", "two", "three", "many", "armed", "suspected"}:
            words = words[1:]
        if not words or m.start() == 0 and len(words) == 1 and not group.isupper():
            continue  # "Rebels attacked ...": a sentence's first word, not a group's name
        key = _fold(" ".join(words))
        out.append(Detail("group_label", (key,), _GROUP_LABELS[m.group("label").lower()], m.group().strip(),
                          sentence.ref, {}))
    return out


def _grade_group_label(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    return "warning", (f"the same named group is called {a.value}s by one account and {b.value}s by the other: "
                       "a difference of framing")


# --------------------------------------------------------------------------- a minister named by portfolio

# "Science and Technology Minister Keiko Nagaoka", "Katsuhiko Hara, Education, Culture, Sports, Science and
# Technology minister": the words of the portfolio, capitalised, joined by commas or "and".
_PORTFOLIO = r"(?P<port>(?:[A-Z][\w'\u2019-]*(?:,?\s+and\s+|,\s+|\s+)){0,7}?[A-Z][\w'\u2019-]*)"
_MINISTER_BEFORE = re.compile(rf"(?<![\w-]){_PORTFOLIO}\s+(?i:minister)\s+{_NAME}")
_MINISTER_AFTER = re.compile(rf"{_NAME},\s+(?:the\s+)?(?:\w+\s+)?{_PORTFOLIO}\s+minister\b")
# Words of a portfolio that name no particular field (two ministers may share them), or make another office.
_GENERIC_PORTFOLIO = frozenset("affairs and of for the state public national federal general international relations "
                               "development services resources regional local government home new".split())
_OTHER_OFFICE = frozenset("prime chief first deputy vice junior assistant shadow higher former acting interim "
                          "late then ex".split())


def _portfolio_ministers(sentence: SentenceView) -> list[Detail]:
    """One detail per field word of a named minister's portfolio ("science", "technology")."""
    out = []
    for pattern in (_MINISTER_BEFORE, _MINISTER_AFTER):
        for m in pattern.finditer(sentence.text):
            words = [_fold(w.rstrip(",")) for w in m.group("port").split()]
            if _NOT_NOW.search(_tail(sentence.text, m.start("port"))) or set(words) & _OTHER_OFFICE:
                continue
            kept: list[str] = []
            for w in words:  # "the Red Cross and Lebanese Health Minister X": the portfolio starts after "Lebanese"
                if re.search(r"['\u2019]s$", w) or _demonym(w):
                    kept = []
                elif w not in _GENERIC_PORTFOLIO:
                    kept.append(w)
            field = sorted(set(kept))
            name = m.group("name").split()
            if not field or len(name) < 2 or len(name) > 3:
                continue
            first, last = _person(" ".join(name))
            if last in _NOT_NAME:
                continue
            for word in field:
                out.append(Detail("portfolio", (word,), last, f"{' '.join(name)} ({' '.join(field)} minister)",
                                  sentence.ref, {"first": first, "field": tuple(field)}))
    return out


def _demonym(word: str) -> bool:
    """A country's name or adjective before the portfolio ("Lebanese", "Indian", "Japan")."""
    return word in gazetteer() or word.endswith(("ese", "ian", "ish", "ean"))


def _same_minister(a: Detail, b: Detail) -> bool:
    """One holder: as for an office, or the same two names in the other order (the name check's finding)."""
    return _same_holder(a, b) or {a.facts["first"], a.value} == {b.facts["first"], b.value}


def _grade_portfolio(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _same_minister(a, b):
        return None
    fa, fb = set(a.facts["field"]), set(b.facts["field"])  # type: ignore[call-overload]
    if not (fa <= fb or fb <= fa):
        return None  # "Education" and "Higher Education", "Health" and "Social Care": two offices
    return "warning", (f"the minister for {a.slot[0]} is {a.facts['first']} {a.value} in one account and "
                       f"{b.facts['first']} {b.value} in the other: two people named for one office, or two offices")


# --------------------------------------------------------------------------- who finished second, third

_ORDINAL_PLACE = r"(?P<place>second|third|runner-up)"
_PLACE_AFTER = re.compile(
    rf"{_NAME}(?:,\s+[^,;]{{1,80}},)?\s+(?:who\s+)?(?:secured|finished|came|placed|took|was|claimed|crossed\s+the\s+line)"
    rf"\s+(?:in\s+)?(?:the\s+)?{_ORDINAL_PLACE}(?:\s+place)?(?=\s+(?:in|with|behind|and|at|,)\b|\s*[,.;]|\s+\d)")
_PLACE_BEFORE = re.compile(rf"(?i:the\s+)?(?:(?P<place2>second|third)-place\s+finisher|runner-up),?\s+{_NAME}")
_NOT_THIS_RACE = re.compile(r"\b(?:women|woman|female|girls|last year|previous)\b", re.I)


def _placings(sentence: SentenceView) -> list[Detail]:
    """ "X secured second place", "Y, the reigning champion, finished in second place", "the second-place
    finisher, Z": who finished second or third in the event's race (not in another race told beside it)."""
    if _NOT_THIS_RACE.search(sentence.text):
        return []
    out = []
    for pattern in (_PLACE_AFTER, _PLACE_BEFORE):
        for m in pattern.finditer(sentence.text):
            name = m.group("name").split()
            if not 2 <= len(name) <= 4:
                continue
            place = (m.groupdict().get("place") or m.groupdict().get("place2") or "").lower()
            place = "second" if place == "runner-up" else place
            first, last = _person(" ".join(name))
            if last in _NOT_NAME or not place:
                continue
            out.append(Detail("placing", (place,), last, " ".join(name), sentence.ref, {"first": first}))
    return out


def _grade_placing(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    if _same_holder(a, b):
        return None
    return "warning", (f"{a.text} finished {a.slot[0]} in one account and {b.text} in the other: two people "
                       "named for one place, or two races")


KINDS: dict[str, KindSpec] = {
    "rank": KindSpec("rank", "entity", lambda d: f"rank of {d.slot[0].title()}", _same_value, _grade_rank),
    "person_title": KindSpec("person_title", "entity", lambda d: f"title of {d.slot[0].title()}", _same_title,
                             _grade_person_title),
    "office": KindSpec("office", "entity", lambda d: f"holder of {' '.join(d.slot)}", _same_holder, _grade_office),
    "job": KindSpec("job", "entity", lambda d: f"job of {d.slot[0].title()}", _same_job, _grade_job),
    "group_label": KindSpec("group_label", "framing", lambda d: f"label of {d.slot[0].title()}", _same_value,
                            _grade_group_label),
    "label": KindSpec("label", "entity", lambda d: f"label of {d.slot[0].title()}", _same_value, _grade_label),
    "placing": KindSpec("placing", "entity", lambda d: f"who finished {d.slot[0]}", _same_holder, _grade_placing),
    "portfolio": KindSpec("portfolio", "entity", lambda d: f"minister for {d.slot[0]}", _same_minister,
                          _grade_portfolio),
}
_EXTRACTORS: tuple[Callable[[SentenceView], list[Detail]], ...] = (_ranks_in, _person_titles, _offices, _jobs,
                                                                    _labels, _group_labels, _portfolio_ministers,
                                                                    _placings)


def check_people(view: EventView, found: list[Discrepancy]) -> list[Discrepancy]:
    """Conflicting ranks, titles, office holders, jobs and labels of named people between accounts."""
    by_slot: BySlot = defaultdict(lambda: defaultdict(list))
    for story in view.stories:
        for sentence in view.story_sentences(story):
            if sentence.role == "title" or _BACKGROUND.search(sentence.text):
                continue
            for extract in _EXTRACTORS:
                for detail in extract(sentence):
                    by_slot[(detail.kind, detail.slot)][story].append(detail)
    out, seen = [], set()
    for d in slot_conflicts(view, by_slot, KINDS, found):
        if d.details.get("detail") == "portfolio":  # one finding per two holders, not one per field word
            holders = frozenset(str(v).split(" (")[0] for v in d.details.get("values", {}).values())
            if holders in seen:
                continue
            seen.add(holders)
        out.append(d)
    return out
