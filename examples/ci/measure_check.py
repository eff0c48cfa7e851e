#!/usr/bin/env python3
"""Measure the CI gate on ECB+: a corpus of one .txt file per article, a baseline without some
articles, then `compare check` with nothing changed and with those articles added.

usage: measure_check.py WORKDIR [--topics N] [--new K] [--compare PATH]

WORKDIR is created from scratch (never point it at anything you keep). Prints wall times, the
index use and the finding counts; writes WORKDIR/nochange.json and WORKDIR/added.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus-dev" / "ecbplus_docs.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workdir", type=Path)
    ap.add_argument("--topics", type=int, default=35, help="ECB+ topics 1..N (default all 35)")
    ap.add_argument("--new", type=int, default=10, help="articles left out of the baseline, then added")
    ap.add_argument("--compare", default="compare", help="the compare command to run")
    args = ap.parse_args()

    root: Path = args.workdir
    shutil.rmtree(root, ignore_errors=True)
    articles = root / "articles"
    articles.mkdir(parents=True)
    docs = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    docs = [d for d in docs if d["topic"] <= args.topics]
    step = max(len(docs) // max(args.new, 1), 1)
    added = docs[::step][: args.new] if args.new else []
    added_ids = {d["doc_id"] for d in added}

    def write(doc: dict) -> None:
        text = "\n\n".join(s["text"] for s in doc["sentences"]) + "\n"
        (articles / f"{doc['doc_id']}.txt").write_text(text, encoding="utf-8")

    def run(*command: str) -> tuple[float, subprocess.CompletedProcess]:
        start = time.perf_counter()
        done = subprocess.run([args.compare, *command], cwd=root, capture_output=True, text=True)
        return time.perf_counter() - start, done

    for doc in docs:
        if doc["doc_id"] not in added_ids:
            write(doc)
    seconds, done = run("baseline", "articles", "-q")
    print(f"baseline, {len(docs) - len(added)} articles: {seconds:.1f} s (exit {done.returncode})")
    for name, change in (("nochange", None), ("added", added)):
        for doc in change or []:
            write(doc)
        seconds, done = run("check", "articles", "-q", "--format", "json")
        (root / f"{name}.json").write_text(done.stdout, encoding="utf-8")
        data = json.loads(done.stdout)
        kinds = Counter(f"{f['kind']}/{f['severity']}" for f in data["findings"])
        print(f"check, {name} (+{len(change or [])}): {seconds:.1f} s (exit {done.returncode}) "
              f"index {data['index']} counts {data['counts']} resolved {len(data['resolved'])}")
        print(f"  findings by kind: {dict(sorted(kinds.items()))}")
        if data["notes"]:
            print(f"  notes: {data['notes']}")


if __name__ == "__main__":
    main()
