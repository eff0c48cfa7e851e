"""Discrepancies between accounts. PLACEHOLDER (issue #5): finds nothing yet."""

from __future__ import annotations

from compare.model import Discrepancy, Document, Event, Story


def find_discrepancies(
    event: Event, stories: dict[str, Story], documents: dict[str, Document]
) -> list[Discrepancy]:
    return []
