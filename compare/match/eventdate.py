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

from datetime import date as Date

from compare.dates import find_dates
from compare.model import Story

__all__ = ["LEAD_SENTENCES", "MAX_DAYS_BEFORE", "stated_day"]

LEAD_SENTENCES = 5
MAX_DAYS_BEFORE = 31


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
        for mention in find_dates(sentence.text, published):
            if mention.granularity != "day" or mention.value is None:
                continue
            if 0 <= (published - mention.value).days <= MAX_DAYS_BEFORE:
                return mention.value
    return None
