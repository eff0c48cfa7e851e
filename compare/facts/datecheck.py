"""Dates named in a sentence, resolved against the story's publication date, compared.

The dates are found and resolved by ``compare.dates.find_dates`` (the ingest stage's date
reader: "9 February 2022", "09.02.2022", "on Wednesday", "yesterday", "last month" ...);
this module decides when two accounts' dates disagree: a date of one side that no date of
the other side can name (a day inside a month or year mentioned on the other side is a
match), paired with an unmatched date of the same granularity on the other side.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from compare.dates import find_dates
from compare.facts.common import CLOSE_SIMILARITY, diff_sides, discrepancy, side_pairs
from compare.facts.context import EventView, SentenceView, Side
from compare.model import Claim, Discrepancy, SentenceRef, Severity
from compare.textnorm import content_terms


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: dt.date  # first day of the span
    granularity: str  # day | month | year
    role: str = "at"  # at | deadline ("by January 19", "until ...") | since ("since January 2")
    context: frozenset[str] = frozenset()  # lower-case content stems near the date
    relative: bool = False  # resolved against the publication date ("on Monday", "today")

    def span(self) -> tuple[dt.date, dt.date]:
        if self.granularity == "day":
            return self.value, self.value
        if self.granularity == "month":
            nxt = dt.date(self.value.year + (self.value.month == 12), self.value.month % 12 + 1, 1)
            return self.value, nxt - dt.timedelta(days=1)
        return dt.date(self.value.year, 1, 1), dt.date(self.value.year, 12, 31)

    def compatible(self, other: DateMention) -> bool:
        """Whether the two can name the same time (one's span holds the other's)."""
        a0, a1 = self.span()
        b0, b1 = other.span()
        return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)

    def describe(self) -> str:
        if self.granularity == "day":
            return self.value.isoformat()
        if self.granularity == "month":
            return self.value.strftime("%Y-%m")
        return str(self.value.year)


def parse_reference(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date) if date else None
    except ValueError:
        return None


def find_date_mentions(text: str, reference: dt.date | None) -> list[DateMention]:
    """Resolved dates in ``text``; relative ones without a reference date are left out."""
    out = []
    for m in find_dates(text, reference):
        if m.value is not None and m.granularity in ("day", "month", "year"):
            before = text[max(0, m.start - 40) : m.start]
            role = "deadline" if _DEADLINE.search(before) else "since" if _SINCE.search(before) else "at"
            out.append(DateMention(m.start, m.end, m.text, m.value, m.granularity, role,
                                   _context(text, m.start, m.end), m.relative))
    return sorted(out, key=lambda d: (d.start, d.end))


# A date that bounds a span names a different fact from a date an action happened on:
# "to be completed by January 19" vs "began leaving today".
_DEADLINE = re.compile(
    r"\b(?:by|until|till|before|through|no later than|not later than)\s+(?:(?:the|next|this|mid|late|early)[\s\-]+)*$",
    re.I,
)
_SINCE = re.compile(r"\b(?:since|from|starting|beginning)\s+(?:(?:the|last|mid|late|early)[\s\-]+)*$", re.I)
_NEAR_WORDS = 6


def _context(text: str, start: int, end: int) -> frozenset[str]:
    """Content stems of the lower-case words within a few words of a date (names, dates and
    numbers left out): what happened on that date."""
    left = re.findall(r"[^\W\d_][\w'\-]*", text[:start])[-_NEAR_WORDS:]
    right = re.findall(r"[^\W\d_][\w'\-]*", text[end:])[:_NEAR_WORDS]
    lower = " ".join(w for w in left + right if w[:1].islower() and w.lower() not in _DATE_WORDS)
    return frozenset(content_terms(lower))


_DATE_WORDS = frozenset(
    """today yesterday tomorrow tonight morning evening night week month year day days ago last next
    this on in of at""".split()
)


class DateIndex:
    """Date mentions of every sentence of an event, resolved against its story's date."""

    def __init__(self, view: EventView):
        self.view = view
        self.cache: dict[SentenceRef, list[DateMention]] = {}

    def mentions(self, sentence: SentenceView) -> list[DateMention]:
        ref = sentence.ref
        if ref not in self.cache:
            story = self.view.stories[ref.story]
            self.cache[ref] = find_date_mentions(sentence.text, parse_reference(story.date))
        return self.cache[ref]

    def spans(self, sentence: SentenceView) -> list[tuple[int, int]]:
        return [(d.start, d.end) for d in self.mentions(sentence)]


def check_dates(claim: Claim, sides: list[Side], index: DateIndex) -> list[Discrepancy]:
    """Dates that disagree once resolved: every date of one side finds no match on the other."""
    out = []
    for a, b in side_pairs(sides):
        da = [d for v in a.sentences if not _dateline(v, index) for d in index.mentions(v) if not _quoted_relative(v, d)]
        db = [d for v in b.sentences if not _dateline(v, index) for d in index.mentions(v) if not _quoted_relative(v, d)]
        close = diff_sides(a.text, b.text)[1] >= CLOSE_SIMILARITY
        if not close:
            # Between loose renderings a bare year ("in 2009") is too often another fact.
            da = [d for d in da if d.granularity != "year"]
            db = [d for d in db if d.granularity != "year"]
        left_a = [d for d in da if not any(d.compatible(e) for e in db)]
        left_b = [e for e in db if not any(e.compatible(d) for d in da)]
        for x, y in _conflicts(left_a, left_b):
            shared = len(x.context & y.context)
            if x.role != y.role or not (close or shared) or (not close and (x.relative or y.relative) and shared < 2):
                # A deadline against a start, or dates of loosely aligned sentences that
                # share no word about what happened then: two facts, not one date.
                continue
            relative = x.relative or y.relative
            same_day = index.view.stories[a.story].date == index.view.stories[b.story].date
            severity: Severity = "error" if not relative or (close and same_day) else "warning"
            reason = (
                "two calendar dates for the same event"
                if not relative
                else "an edited copy changes the day (relative dates resolved against the same publication date)"
                if close and same_day
                else "a copy words the day another way, and its relative date ('this afternoon', 'yesterday') is read "
                "against another publication date, which may be a later update of the page"
                if close
                else "a relative date resolved against each story's publication date; tense and dateline may differ"
            )
            out.append(
                discrepancy(
                    "date",
                    severity,
                    f'{a.name}: "{x.text}" ({x.describe()}) vs {b.name}: "{y.text}" ({y.describe()})',
                    [*a.refs, *b.refs],
                    claim.id,
                    key=f"date:{x.granularity}",
                    values={a.name: f'"{x.text}" ({x.describe()})', b.name: f'"{y.text}" ({y.describe()})'},
                    resolved={a.name: x.describe(), b.name: y.describe()},
                    outlets=[a.name, b.name],
                    grade_reason=reason,
                )
            )
    return out


def _quoted_relative(sentence: SentenceView, mention: DateMention) -> bool:
    """A relative date ("today", "on Monday") inside quoted speech: relative to when it was said,
    which the story's publication date does not tell."""
    if not mention.relative:
        return False
    for piece in sentence.quoted:
        at = sentence.text.find(piece)
        if at >= 0 and at <= mention.start < at + len(piece):
            return True
    return False


def _dateline(sentence: SentenceView, index: DateIndex) -> bool:
    """A sentence that is little more than a date: the page's dateline, not a claim."""
    rest = sentence.text
    for d in sorted(index.mentions(sentence), key=lambda d: -d.start):
        rest = rest[: d.start] + rest[d.end :]
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 3


def _conflicts(left_a: list[DateMention], left_b: list[DateMention]) -> list[tuple[DateMention, DateMention]]:
    """Unmatched dates of the same granularity, paired in order of appearance."""
    out: list[tuple[DateMention, DateMention]] = []
    for gran in ("day", "month", "year"):
        xs = [d for d in left_a if d.granularity == gran]
        ys = [d for d in left_b if d.granularity == gran]
        out.extend(zip(xs, ys, strict=False))
    return out
