"""Sentence alignment. PLACEHOLDER (issue #4): every sentence is its own claim."""

from __future__ import annotations

from compare.config import AlignParams
from compare.model import Claim, Event, SentenceRef, Story


def align_event(event: Event, stories: dict[str, Story], params: AlignParams) -> list[Claim]:
    refs = [SentenceRef(sid, s.index) for sid in event.stories for s in stories[sid].sentences]
    return [Claim(id=f"c{i}", sentences=[ref]) for i, ref in enumerate(refs, 1)]
