"""How the aligner handles splits and merges: OneStopEnglish rewrites (sanity check, not a score).

usage: python benchmarks/onestop_splits.py [DATA_DIR] [--levels Adv,Ele] [--examples N]

Every article of OneStopEnglish exists at three reading levels; the simpler versions split long
sentences, merge short ones and drop some.  Each article's two versions are read with compare's
own ingest and aligned as one event of two accounts.  Printed: how the claims are shaped (1:1,
1:n, n:1, left alone), how many of the corpus's automatic sentence pairs (Sentence-Aligned/,
cosine-based, silver) land in one claim, and a few 1:n claims to read.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from compare.align import align_event
from compare.config import AlignParams
from compare.ingest import read_document
from compare.model import Event, SentenceRef, Story

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "onestopenglish"
FOLDERS = {"Adv": "Adv-Txt", "Int": "Int-Txt", "Ele": "Ele-Txt"}


def key(text: str) -> str:
    """A loose key for finding one text's sentence in another's splitting."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())[:40]


def read_level(data: Path, level: str) -> dict[str, Story]:
    folder = data / "Texts-SeparatedByReadingLevel" / FOLDERS[level]
    stories = {}
    for path in sorted(folder.glob("*.txt")):
        doc = read_document(path, folder)
        article = re.sub(r"-(adv|int|ele)$", "", path.stem, flags=re.I)
        sentences = [s for st in doc.stories for s in st.sentences]
        stories[article] = Story(id=f"{level}:{article}", document=doc.path, kind="article", title=None,
                                 date=None, sentences=sentences)
    return stories


def silver_pairs(data: Path, a: str, b: str) -> list[tuple[str, str]]:
    name = f"{a.upper()}-{b.upper()}.txt"
    path = data / "Sentence-Aligned" / name
    if not path.is_file():
        path = data / "Sentence-Aligned" / f"{b.upper()}-{a.upper()}.txt"
        swap = True
    else:
        swap = False
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace")
    pairs = []
    for block in text.split("*******"):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        if len(lines) == 2:
            pairs.append((lines[1], lines[0]) if swap else (lines[0], lines[1]))
    return pairs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--levels", default="Adv,Ele", help="two of Adv, Int, Ele")
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args(argv)
    data, n_examples = args.data, args.examples
    a_level, b_level = args.levels.split(",")
    first, second = read_level(data, a_level), read_level(data, b_level)
    articles = sorted(set(first) & set(second))
    shapes: Counter[str] = Counter()
    claim_of: dict[SentenceRef, str] = {}
    where: dict[tuple[str, str], list[SentenceRef]] = {}
    examples = []
    params = AlignParams()
    start = time.perf_counter()
    for article in articles:
        sa, sb = first[article], second[article]
        event = Event(id=article, stories=[sa.id, sb.id])
        claims = align_event(event, {sa.id: sa, sb.id: sb}, params)
        for c in claims:
            na = sum(1 for r in c.sentences if r.story == sa.id)
            nb = len(c.sentences) - na
            shape = ("alone" if nb == 0 or na == 0 else
                     "1:1" if na == nb == 1 else
                     f"1:{min(nb, 3)}{'+' if nb > 3 else ''}" if na == 1 else
                     f"{min(na, 3)}{'+' if na > 3 else ''}:1" if nb == 1 else "n:m")
            if shape == "alone":
                shape = f"{a_level} alone" if na else f"{b_level} alone"
            shapes[shape] += 1
            for r in c.sentences:
                claim_of[r] = f"{article}/{c.id}"
            if shape.startswith("1:") and shape != "1:1" and len(examples) < n_examples:
                examples.append((c, {sa.id: sa, sb.id: sb}))
        for story, level in ((sa, a_level), (sb, b_level)):
            for s in story.sentences:
                where.setdefault((level, key(s.text)), []).append(SentenceRef(story.id, s.index))
    secs = time.perf_counter() - start

    print(f"OneStopEnglish {a_level} vs {b_level}: {len(articles)} articles aligned in {secs:.1f} s "
          f"({sum(len(first[x].sentences) for x in articles)} vs {sum(len(second[x].sentences) for x in articles)} "
          "sentences)")
    print("claims by shape:", ", ".join(f"{k} {v}" for k, v in sorted(shapes.items(), key=lambda kv: -kv[1])))
    found = together = 0
    for ta, tb in silver_pairs(data, a_level, b_level):
        ra, rb = where.get((a_level, key(ta))), where.get((b_level, key(tb)))
        if not ra or not rb or len(ra) > 1 or len(rb) > 1:
            continue  # not found in our splitting, or ambiguous
        found += 1
        together += claim_of[ra[0]] == claim_of[rb[0]]
    print(f"silver 1:1 pairs found in this splitting: {found}; in one claim: {together} "
          f"({together / max(found, 1):.1%})")
    for claim, stories in examples:
        print(f"\n{claim.id} of {claim.sentences[0].story.split(':')[1]}:")
        for r in claim.sentences:
            text = next(s.text for s in stories[r.story].sentences if s.index == r.index)
            print(f"  [{r.story.split(':')[0]} {r.index}] {text[:150]}")
        print("  links: " + ", ".join(f"{link.a.index}-{link.b.index} {link.score:.2f}" for link in claim.links))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
