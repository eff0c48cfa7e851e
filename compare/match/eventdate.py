"""The day a story says its event happened (pure, per story).

A retrospective or follow-up published days after an event names the day it tells of ("On
January 29, 2025, a mid-air collision ..."; "... crashed into the river on Wednesday night");
news of the day names it relative to the publication date ("last night", "on Wednesday").
Matching measures the date gap of two stories as the smaller of the gap between their
publication dates and the gap between the days they state (``Scorer``), so a retrospective
account of an event stays with it, while stories of one topic about different days (each stating
its own day) stay apart.

The stated day is the first day-precise date mention in the story's lead (its first
``LEAD_SENTENCES`` sentences that are not the title), resolved against the publication date
(``compare.dates.find_dates``), and not after the publication date nor more than
``MAX_DAYS_BEFORE`` days before it: a scheduled date is no event that happened, and a date years
back is background ("since 2001"), not the story's event.  A story without a publication date
states nothing here (its dates are neutral in matching, as before).
"""

from __future__ import annotations

import re
from datetime import date as Date

from compare.dates import _DAY_WORDS, _MONTHS, _OTHER_WEEKDAYS, _WEEKDAYS, find_dates
from compare.model import Story

__all__ = ["LEAD_SENTENCES", "MAX_DAYS_BEFORE", "stated_day"]

LEAD_SENTENCES = 5
MAX_DAYS_BEFORE = 31

# What every day-precise mention ``find_dates`` reads holds: a weekday, a relative day word ("last night",
# "yesterday"), "N days ago", or a number with a month name or in a numeric date.  A sentence without any is not
# parsed (most sentences): one set look-up of its words instead of the date patterns.
_WORD = re.compile(r"[^\W\d_]+")
_CUE_WORDS = frozenset(word for name in [*_WEEKDAYS, *_OTHER_WEEKDAYS, *_DAY_WORDS, "day", "days"]
                       for word in _WORD.findall(name)[-1:])
_MONTH_WORDS = frozenset(word for name in _MONTHS for word in _WORD.findall(name)[-1:])
_NUMERIC_DATE = re.compile(r"\d[./-]\d{1,2}[./-]\d")
_DIGIT = re.compile(r"\d")


def _may_state_a_day(text: str) -> bool:
    words = set(_WORD.findall(text.lower()))
    if words & _CUE_WORDS:
        return True
    return _DIGIT.search(text) is not None and bool(words & _MONTH_WORDS or _NUMERIC_DATE.search(text))


def stated_day(story: Story) -> Date | None:
    """The day the story's lead says its event happened, or None (see the module text)."""
    if not story.date:
        return None
    try:
        published = Date.fromisoformat(story.date[:10])
    except ValueError:
        return None
    lead = [s for s in story.sentences if s.role != "title"][:LEAD_SENTENCES]
    for sentence in lead:
        if not _may_state_a_day(sentence.text):
            continue
        for mention in find_dates(sentence.text, published):
            if mention.granularity != "day" or mention.value is None:
                continue
            if 0 <= (published - mention.value).days <= MAX_DAYS_BEFORE:
                return mention.value
    return None
