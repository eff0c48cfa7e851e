"""Same-event matching. PLACEHOLDER (issue #3): every story is its own event."""

from __future__ import annotations

from pathlib import Path

from compare.config import MatchParams
from compare.model import Event, Story


def group_events(stories: list[Story], params: MatchParams, index_dir: Path | None = None) -> list[Event]:
    return [
        Event(id=f"e{i}", stories=[s.id], title=s.title, date=s.date)
        for i, s in enumerate(stories, 1)
    ]
