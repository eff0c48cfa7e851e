"""What some accounts carry and another leaves out; what only one account adds.

Kept to a readable size: one finding per claim that two or more accounts carry and an
account of the event lacks, and one finding per account summing up what only it carries.
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
        for sid in stories:
            if sid in held:
                continue
            sample = max(content, key=lambda s: (len(s.text), s.story))
            out.append(
                discrepancy(
                    "omission",
                    "info",
                    f"{view.name(sid)} leaves out what {', '.join(s.name for s in sides)} report: "
                    f"{quoted(sample.text, 100)}",
                    [ref for s in sides for ref in s.refs],
                    claim.id,
                    kind="left_out",
                    missing=view.name(sid),
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
