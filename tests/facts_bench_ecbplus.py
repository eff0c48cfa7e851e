"""How many findings, of which kinds, does find_discrepancies give on real multi-outlet events?

ECB+ (../shared/data/ecbplus-dev): each gold event cluster is one event; its documents are
read as stories (tokenised text joined back), aligned by compare.align, and compared.
usage: .venv/bin/python tests/facts_bench_ecbplus.py [MAX_EVENTS] [--show]
Prints findings per event by type and severity, and (with --show) every error and warning.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from facts_support import make_document

from compare.align import align_event
from compare.config import Config
from compare.facts import find_discrepancies
from compare.model import Event

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev" / "ecbplus_docs.jsonl"


def detokenize(text: str) -> str:
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"(\d) ([.,:]) (\d)", r"\1\2\3", text)
    text = re.sub(r" ([,.;:!?%)])", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text


def main(argv: list[str]) -> None:
    limit = int(argv[0]) if argv and argv[0].isdigit() else 10**9
    show = "--show" in argv
    clusters: dict[str, list[dict]] = defaultdict(list)
    for line in DATA.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        clusters[rec["event_cluster"]].append(rec)
    total: Counter = Counter()
    events = 0
    for cluster in sorted(clusters)[:limit]:
        recs = sorted(clusters[cluster], key=lambda r: r["doc_id"])
        if len(recs) < 2:
            continue
        docs = [
            make_document(r["doc_id"], "\n".join(detokenize(s["text"]) for s in r["sentences"]),
                          outlet=r["doc_id"], date=None)
            for r in recs
        ]
        stories = {d.stories[0].id: d.stories[0] for d in docs}
        event = Event(id=cluster, stories=list(stories))
        event.claims = align_event(event, stories, Config().align)
        found = find_discrepancies(event, stories, {d.path: d for d in docs})
        events += 1
        counts = Counter((d.type, d.severity) for d in found)
        total.update(counts)
        if show:
            for d in found:
                if d.severity != "info":
                    print(f"{cluster} {d.type} {d.severity} | {d.summary[:200]}")
    print(f"{events} events")
    for (t, s), n in sorted(total.items()):
        print(f"{t:14} {s:8} {n:5}  ({n / max(events, 1):.2f} per event)")


if __name__ == "__main__":
    main(sys.argv[1:])
