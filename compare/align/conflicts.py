"""Details that pin a sentence to one statement: who spoke, on which day, which numbered incident.

Two sentences may share most of their words and still report different statements: Friday's and
Sunday's developments, two people quoted by one paper, the first and the second air strike.
``anchors`` reads, per sentence, the named speakers of its reporting clauses ("Zas said", "said
Tokayev"; pronouns, nouns such as "police" and organisations name nobody), the weekdays and
calendar dates it mentions, and its ordinal incidents ("a second strike").  ``conflicts`` marks the
pairs of sentences whose anchors of one kind are both present and disjoint: the aligner lowers
their score below any link (``similarity.CONFLICT_FACTOR``) unless the two are worded nearly the
same, which is one statement with a detail changed (a discrepancy to report, not two statements).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from scipy import sparse

from compare.align.products import cross
from compare.textnorm import STOPWORDS, fold, words

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY_OF_MONTH = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATE_MD = re.compile(_MONTH + r"\s+" + _DAY_OF_MONTH + r"(?![\d,.]*\d)")
_DATE_DM = re.compile(r"(?<![\d.,])" + _DAY_OF_MONTH + r"\s+(?:of\s+)?" + _MONTH)
_WEEKDAY = re.compile(r"\b(" + "|".join(d.capitalize() for d in WEEKDAYS) + r")\b")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# An ordinal that numbers an incident: "a second air strike", "the third attack" (not "for the
# first time", "first of all", "at first").
_ORDINAL = re.compile(r"\b(?:a|the|its|their)\s+(" + "|".join(ORDINALS) + r")\s+(?!time\b|of\b)([a-z][\w\-]*)")


_CAPITALISED = re.compile(r"\b[A-Z][\w'\-]+")


@dataclass(frozen=True, slots=True)
class Anchors:
    """The details of one sentence that belong to one statement only."""

    speakers: tuple[str, ...] = ()  # named speakers, titles and honorifics dropped
    days: frozenset[str] = frozenset()  # weekdays, lower case
    dates: frozenset[tuple[int, int]] = frozenset()  # (month, day)
    ordinals: frozenset[str] = frozenset()  # "second" of "a second air strike"
    names: frozenset[str] = frozenset()  # every capitalised word, lower case (where a speaker may hide)


@cache
def _titles() -> frozenset[str]:
    text = resources.files("compare").joinpath("data", "titles.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            words.update(w.lower().rstrip(".") for w in line.split())
    return frozenset(words)


@cache
def _report_forms() -> frozenset[str]:
    """Every form of a reporting verb (``report_verbs.tsv``), lower case: a cheap pre-check."""
    text = resources.files("compare").joinpath("data", "report_verbs.tsv").read_text(encoding="utf-8")
    forms: set[str] = set()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            forms.update(f.split()[0].lower() for f in line.split("\t")[0].split("|") if f.split())
    return frozenset(forms)


_NAME = r"((?:[A-Z][\w'\-]*\.?\s+){0,2}[A-Z][\w'\-]*)"
# Verbs that may come before their subject ("said Tokayev"); "told Reuters" names the listener.
INVERTED = ("said", "says", "added", "adds", "noted", "explained", "wrote", "stressed", "insisted",
            "warned", "according to")


@cache
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    forms = sorted(_report_forms(), key=lambda f: (-len(f), f))
    before = re.compile(_NAME + r",?\s+(?:" + "|".join(map(re.escape, forms)) + r")\b")
    after = re.compile(r"\b(?:" + "|".join(map(re.escape, INVERTED)) + r")\s+" + _NAME)
    return before, after


def speaker_names(text: str) -> tuple[str, ...]:
    """The people named as speakers of the sentence's reporting clauses ("Zas said", "said
    Tokayev", "according to Hale"); pronouns, organisations and descriptions ("She said", "the Fed
    said", "the Connecticut Democrat told") are left out: they name nobody, or one body by many names."""
    from compare.facts.attribution import NOT_PEOPLE, SUBJECT_NOUNS
    from compare.facts.entities import ORG_WORDS, PRONOUNS

    if _report_forms().isdisjoint(w.lower() for w in words(text)):
        return ()  # no reporting verb
    before, after = _speaker_patterns()
    found = [(m.start(1), m.group(1)) for m in before.finditer(text)]
    found += [(m.start(1), m.group(1)) for m in after.finditer(text)]
    names = []
    for start, speaker in found:
        if re.search(r"\b(?:the|a|an)\s+$", text[max(0, start - 5):start], re.I):
            continue  # "the Connecticut Democrat said": a description, not a name
        kept = [w for w in speaker.split() if w.lower().rstrip(".") not in _titles()]
        if not kept or any(w.isupper() and len(w) > 1 for w in kept) or any(
            w.lower() in NOT_PEOPLE or w.lower() in ORG_WORDS or w.lower() in PRONOUNS
            or w.lower() in SUBJECT_NOUNS or w.lower() in STOPWORDS for w in kept
        ):
            continue  # a pronoun, a noun or an organisation ("She", "Police", "IAEA", "Daily News")
        names.append(" ".join(kept))
    return tuple(sorted(set(names)))


def anchors(text: str) -> Anchors:
    """Speakers, weekdays, dates and numbered incidents of one sentence."""
    text = fold(text)
    dates = {(MONTHS[m.group(1).lower()[:3]], int(m.group(2))) for m in _DATE_MD.finditer(text)}
    dates |= {(MONTHS[m.group(2).lower()[:3]], int(m.group(1))) for m in _DATE_DM.finditer(text)}
    return Anchors(
        speakers=speaker_names(text),
        days=frozenset(m.group(1).lower() for m in _WEEKDAY.finditer(text)),
        dates=frozenset(d for d in dates if 1 <= d[1] <= 31),
        ordinals=frozenset(m.group(1) for m in _ORDINAL.finditer(text.lower())),
        names=frozenset(w.lower() for w in _CAPITALISED.findall(text)),
    )


def differ(a: Anchors, b: Anchors) -> str | None:
    """The kind of detail by which two sentences report different statements, or None."""
    from compare.facts.attribution import same_person

    if (a.speakers and b.speakers and not any(same_person(x, y) for x in a.speakers for y in b.speakers)
            and not _named_in(a.speakers, b) and not _named_in(b.speakers, a)):
        return "speaker"
    if a.days and b.days and not a.days & b.days:
        return "day"
    if a.dates and b.dates and not a.dates & b.dates:
        return "date"
    if a.ordinals and b.ordinals and not a.ordinals & b.ordinals:
        return "incident"
    return None


def _named_in(speakers: tuple[str, ...], other: Anchors) -> bool:
    """Does the other sentence mention one of these speakers anywhere ("Brian Halla, CEO of X, said")?"""
    return any(w.lower() in other.names for name in speakers for w in name.split() if len(w) > 2)


class AnchorIndex:
    """The anchors of an event's sentences as sparse sets, so any two groups compare in bulk."""

    KINDS = ("days", "dates", "ordinals")

    def __init__(self, sentences: list[Anchors]):
        self.anchors = sentences
        self.spoken = [frozenset(_name_words(a.speakers)) for a in sentences]
        sets = {kind: [frozenset(str(x) for x in getattr(a, kind)) for a in sentences] for kind in self.KINDS}
        sets["spoken"] = self.spoken
        sets["names"] = [a.names for a in sentences]
        vocab = {x: k for k, x in enumerate(sorted({x for group in sets.values() for s in group for x in s}))}
        self.matrices = {kind: _matrix(group, vocab) for kind, group in sets.items()}
        self.has = {kind: np.array([bool(s) for s in group]) for kind, group in sets.items()}
        self.products: dict[str, np.ndarray] = {}

    def conflicts(self, rows: list[int], cols: list[int]) -> np.ndarray:
        """(rows x cols) booleans: the two sentences report different statements (``differ``).

        Set intersections a kind at a time; only the few pairs flagged for their speakers are
        checked again one by one (a transliterated name is one person)."""
        from compare.facts.attribution import same_person

        out = np.zeros((len(rows), len(cols)), dtype=bool)
        for kind in (*self.KINDS, "spoken"):
            both = np.outer(self.has[kind][rows], self.has[kind][cols])
            if not both.any():
                continue
            differs = both & ~self._meet(kind, kind, rows, cols)
            if kind == "spoken":
                differs &= ~self._meet("spoken", "names", rows, cols) & ~self._meet("names", "spoken", rows, cols)
                for i, j in zip(*np.nonzero(differs), strict=True):
                    a, b = self.anchors[rows[i]], self.anchors[cols[j]]
                    if any(same_person(x, y) for x in a.speakers for y in b.speakers):
                        differs[i, j] = False
            out |= differs
        return out

    def _meet(self, kind_r: str, kind_c: str, rows: list[int], cols: list[int]) -> np.ndarray:
        return cross(self.products, f"{kind_r}/{kind_c}", self.matrices[kind_r], self.matrices[kind_c], rows, cols) > 0


def conflicts(rows: list[Anchors], cols: list[Anchors]) -> np.ndarray:
    """(rows x cols) booleans: the two sentences report different statements (``differ``)."""
    index = AnchorIndex(rows + cols)
    return index.conflicts(list(range(len(rows))), list(range(len(rows), len(rows) + len(cols))))


def _name_words(speakers: tuple[str, ...]) -> list[str]:
    return [w.lower() for name in speakers for w in name.split() if len(w) > 2]


def _matrix(sets: list[frozenset[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(s) for s in sets])
    indices = np.array([vocab[x] for s in sets for x in sorted(s)], dtype=np.int64)
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(sets), max(len(vocab), 1)))
