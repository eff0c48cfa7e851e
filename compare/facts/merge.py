"""One finding per difference, however many accounts share each side of it.

The checks compare accounts two at a time.  With many accounts of one event, the same
difference ("A, B say 404 yards; C, D, E say 440") would come out once per pair, so
pairwise findings of the same claim, type and ``details["key"]`` are merged here into one
whose summary groups the accounts by what they say.
"""

from __future__ import annotations

from compare.model import SEVERITY_RANK, Discrepancy

LABELS = {
    "speaker": "credited to",
    "direct": "quoted or paraphrased",
    "verb": "reporting verb",
    "number": "number",
    "date": "date",
    "document": "document named",
    "swap": "name",
    "hedge": "hedge",
    "intensifier": "intensifier",
    "negation": "negation",
}


def merge_pairwise(found: list[Discrepancy], side_order: list[str]) -> list[Discrepancy]:
    """Merge findings sharing (claim, type, details key); others pass through unchanged."""
    groups: dict[tuple, list[Discrepancy]] = {}
    order: list[tuple] = []
    out: list[Discrepancy] = []
    for d in found:
        key = d.details.get("key")
        if key is None:
            out.append(d)
            continue
        gk = (d.claim, d.type, key)
        if gk not in groups:
            groups[gk] = []
            order.append(gk)
        groups[gk].append(d)
    for gk in order:
        items = groups[gk]
        if len(items) == 1:
            out.append(items[0])
        else:
            out.append(_merged(items, side_order))
    return out


def _names(sides: list[str], shown: int = 3) -> str:
    """Account names for a summary line; long lists are counted (all names are in details)."""
    if len(sides) <= shown:
        return ", ".join(sides)
    return f"{', '.join(sides[: shown - 1])} and {len(sides) - shown + 1} others"


def drop_echoes(found: list[Discrepancy]) -> list[Discrepancy]:
    """A person "swapped" in a claim whose speakers already differ is the same finding twice."""
    speaker_claims = {d.claim for d in found if d.type == "attribution" and d.details.get("kind") == "speaker"}
    return [
        d for d in found
        if not (d.type == "entity" and d.details.get("kind") == "person" and d.claim in speaker_claims)
    ]


def _merged(items: list[Discrepancy], side_order: list[str]) -> Discrepancy:
    first = items[0]
    rank = {name: i for i, name in enumerate(side_order)}
    values: dict[str, str] = {}
    for d in items:
        for side, value in d.details.get("values", {}).items():
            values.setdefault(side, str(value))
    by_value: dict[str, list[str]] = {}
    for side in sorted(values, key=lambda s: (rank.get(s, 1 << 30), s)):
        by_value.setdefault(values[side], []).append(side)
    label = LABELS.get(str(first.details["key"]).split(":")[0], first.type)
    subject = first.details.get("subject")
    head = f"{label} {subject}" if subject else label
    if set(by_value) == {"used", "not used"}:
        summary = f"{head} used by {_names(by_value['used'])}; not by {_names(by_value['not used'])}"
    else:
        summary = f"{head}: " + "; ".join(f"{value} ({_names(sides)})" for value, sides in by_value.items())
    severity = max((d.severity for d in items), key=lambda s: SEVERITY_RANK[s])
    sentences = sorted({ref for d in items for ref in d.sentences})
    details = {k: v for k, v in first.details.items() if k not in ("values", "outlets", "diff", "phrases")}
    details.update(values=values, outlets=sorted(values, key=lambda s: (rank.get(s, 1 << 30), s)), pairs=len(items))
    return Discrepancy(first.type, severity, summary, sentences, first.claim, details)
