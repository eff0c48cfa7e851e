"""What some accounts carry and another leaves out; what only one account adds.

Kept to a readable size: one finding per claim that at least two accounts and at least half
of the event's accounts carry while others lack it (naming those), and one finding per
account summing up what only it carries.
All info level: leaving something out is a choice worth seeing, not a conflict.
"""

from __future__ import annotations

from compare.facts.common import discrepancy, quoted
from compare.facts.context import EventView
from compare.model import Discrepancy, SentenceRef

# Title sentences and sentences this short are not content worth an omission finding.
MIN_WORDS = 6


def check_omissions(view: EventView) -> list[Discrepancy]:
    stories = [sid for sid in view.event.stories if sid in view.stories]
    if len(stories) < 2:
        return []
    out = []
    unique: dict[str, list[SentenceRef]] = {sid: [] for sid in stories}
    for claim in view.event.claims:
        sides = view.sides(claim)
        held = [s.story for s in sides]
        content = [s for s in sides if any(v.role != "title" for v in s.sentences)]
        if not content or max(len(s.text.split()) for s in content) < MIN_WORDS:
            continue
        if len(held) == 1:
            unique[held[0]].extend(s.ref for s in sides[0].sentences if s.role != "title")
            continue
        missing = [sid for sid in stories if sid not in held]
        if not missing or len(held) * 2 < len(stories):
            continue  # carried by fewer than half the accounts: not something the others "leave out"
        sample = max(content, key=lambda s: (len(s.text), s.story))
        names = [view.name(sid) for sid in missing]
        out.append(
            discrepancy(
                "omission",
                "info",
                f"{', '.join(names)} {'leaves' if len(names) == 1 else 'leave'} out what "
                f"{', '.join(s.name for s in sides)} report: {quoted(sample.text, 100)}",
                [ref for s in sides for ref in s.refs],
                claim.id,
                kind="left_out",
                missing=names,
                carried_by=[s.name for s in sides],
            )
        )
    for sid in stories:
        refs = unique[sid]
        if not refs:
            continue
        total = len(view.stories[sid].sentences)
        out.append(
            discrepancy(
                "omission",
                "info",
                f"only {view.name(sid)} carries {len(refs)} of its {total} sentences; no other account has them",
                refs,
                None,
                kind="only_here",
                outlet=view.name(sid),
                count=len(refs),
            )
        )
    return out
