"""A seeded synthetic corpus folder of N stories, for engine comparisons and scale runs.

  .venv/bin/python benchmarks/synthetic_corpus.py OUT_FOLDER N [--seed 7]
  .venv/bin/python benchmarks/synthetic_corpus.py OUT_FOLDER N --articles --seed 0   # bench_run's corpus

Sentences keep the shape and function words of fixtures/seed-corpus sentences with their
content words drawn from a synthetic Zipf-distributed vocabulary (so unrelated stories
share everyday words, rarely a sentence).  About a third of the stories belong to planted
events told by 2-4 outlets (the base story's sentences shuffled, some dropped, 10% of the
words replaced, a number changed, fresh filler added, dates within a day), and some
outlets reprint a story verbatim.  Each outlet has a footer line that its pages share (site
chrome the ingest drops).  Files are .txt, .md, .html and .jsonl (one JSONL file holds many
records), plus one unreadable file, so every reader and the error path are exercised.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "seed-corpus"
OUTLETS = ["Daily Ledger", "Morning Wire", "Capital Post", "Harbor Times", "Evening Sentinel", "Northern Star"]


def _fixture_sentences() -> list[list[str]]:
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                words = sentence.split()
                if 6 <= len(words) <= 30 and sentence.endswith("."):
                    out.append(words)
    return out


class Writer:
    def __init__(self, seed: int = 7, vocabulary: int = 30_000):
        from compare.textnorm import STOPWORDS

        self.stop = STOPWORDS
        self.rng = np.random.default_rng(seed)
        self.pool = _fixture_sentences()
        letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
        lengths = self.rng.integers(4, 11, size=vocabulary)
        self.fake = np.array(["".join(self.rng.choice(letters, n)) for n in lengths], dtype=object)
        weights = 1.0 / (np.arange(vocabulary) + 10.0)
        self.cdf = np.cumsum(weights) / weights.sum()

    def _words(self, k: int) -> list[str]:
        return self.fake[np.minimum(np.searchsorted(self.cdf, self.rng.random(k)), len(self.fake) - 1)].tolist()

    def sentence(self) -> str:
        words = list(self.pool[int(self.rng.integers(len(self.pool)))])
        content = [i for i, w in enumerate(words) if w.lower().strip(".,;:\"'()") not in self.stop]
        for i, new in zip(content, self._words(len(content)), strict=True):
            tail = words[i][len(words[i].rstrip(".,;:")):]
            words[i] = (new.capitalize() if words[i][:1].isupper() else new) + tail
        if self.rng.random() < 0.3:
            words.insert(int(self.rng.integers(1, len(words))), str(int(self.rng.integers(2, 900))))
        text = " ".join(words)
        return text if text.endswith(".") else text + "."

    def vary(self, text: str) -> str:
        words = text.split()
        for i in range(len(words)):
            if self.rng.random() < 0.1 and words[i].isalpha():
                words[i] = self._words(1)[0]
            elif words[i].isdigit() and self.rng.random() < 0.3:
                words[i] = str(int(words[i]) + int(self.rng.integers(1, 9)))
        return " ".join(words)

    def title(self) -> str:
        return " ".join(w.capitalize() for w in self._words(int(self.rng.integers(4, 8))))


@dataclass(frozen=True)
class Planted:
    """One story as an outlet printed it."""

    number: int  # 0, 1, ... in the order written
    event: int  # the planted event (base story) it retells
    outlet: str
    headline: str
    when: str  # ISO date
    paragraphs: list[str]


def stories(n: int, seed: int = 7, length: tuple[int, int] = (5, 10), vocabulary: int = 30_000,
            events: float = 0.15, accounts: tuple[int, ...] = (2, 3, 4)) -> Iterator[Planted]:
    """``n`` stories: base stories each told by one outlet or, for a share ``events`` of them, by
    one of ``accounts`` outlets (the original, verbatim reprints, and retellings).  The first
    ``n`` of ``n + 1`` stories are the ``n`` stories."""
    w = Writer(seed, vocabulary)
    start = date(2023, 1, 1)
    made = 0
    event = 0
    while made < n:
        day = start + timedelta(days=int(w.rng.integers(0, 365)))
        size = int(w.rng.choice(list(accounts))) if w.rng.random() < events else 1
        base = [w.sentence() for _ in range(int(w.rng.integers(*length)))]
        title = w.title()
        outlets = w.rng.choice(len(OUTLETS), size=min(size, len(OUTLETS)), replace=False).tolist()
        outlets += [int(w.rng.integers(len(OUTLETS))) for _ in range(size - len(outlets))]  # wire copies
        for copy, outlet_no in enumerate(outlets):
            if made >= n:
                return
            if copy == 0 or (size > 1 and w.rng.random() < 0.15):
                sentences = list(base)  # the original, or a verbatim reprint
            else:
                sentences = [w.vary(s) for s in base if w.rng.random() > 0.2]
                sentences += [w.sentence() for _ in range(int(w.rng.integers(1, 4)))]
                w.rng.shuffle(sentences)
            when = (day + timedelta(days=int(w.rng.integers(0, 2)) if copy else 0)).isoformat()
            headline = title if copy == 0 else w.vary(title)
            paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
            yield Planted(made, event, OUTLETS[outlet_no], headline, when, paragraphs)
            made += 1
        event += 1


def articles(n: int, seed: int = 7, **options: Any) -> Iterator[tuple[str, str]]:
    """``stories`` as plain-text files (name, text), one per story, named in order, so that the
    first ``n`` of ``n + 1`` articles are the ``n`` articles (the incremental benchmark adds one)."""
    for story in stories(n, seed, **options):
        footer = f"Follow {story.outlet} for more news"
        yield (f"{story.number:06d}.txt", f"{story.headline}\n{story.when}\n\n" + "\n\n".join(story.paragraphs)
               + f"\n\n{footer}\n")


def write_corpus(folder: Path, n: int, seed: int = 7, length: tuple[int, int] = (5, 10),
                 vocabulary: int = 30_000, events: float = 0.15) -> int:
    """Write ``n`` stories under ``folder`` (created) in every input format; returns the number
    of stories written.

    ``length``: the range of a base story's length; ``vocabulary``: distinct content
    words; ``events``: the share of base stories told by 2-4 outlets.
    """
    folder.mkdir(parents=True, exist_ok=True)
    made = 0
    jsonl: list[str] = []
    for story in stories(n, seed, length, vocabulary, events):
        headline, when, paragraphs, outlet = story.headline, story.when, story.paragraphs, story.outlet
        footer = f"Follow {outlet} for more news"
        kind = made % 10
        name = f"{outlet.split()[0].lower()}-{made:06d}"
        if kind == 0:
            jsonl.append(json.dumps({"title": headline, "date": when, "outlet": outlet,
                                     "url": f"https://example.org/{name}", "text": "\n\n".join(paragraphs)}))
        elif kind == 1:
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            (folder / f"{name}.html").write_text(
                f"<html><head><title>{headline}</title></head><body><nav>Home | World | Sport</nav>"
                f"<article><h1>{headline}</h1><time datetime='{when}'>{when}</time>{body}</article>"
                f"<footer>{footer}</footer></body></html>", encoding="utf-8")
        elif kind == 2:
            (folder / f"{name}.md").write_text(f"# {headline}\n\n{when}\n\n" + "\n\n".join(paragraphs)
                                               + f"\n\n{footer}\n", encoding="utf-8")
        else:
            (folder / f"{name}.txt").write_text(f"{headline}\n{when}\n\n" + "\n\n".join(paragraphs)
                                                + f"\n\n{footer}\n", encoding="utf-8")
        made += 1
    for part in range(0, len(jsonl), 200):
        (folder / f"feed-{part // 200:04d}.jsonl").write_text("\n".join(jsonl[part : part + 200]) + "\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe")
    return made


# bench_run.py's corpus: ~3.3 KB .txt articles, 30% of the base stories told by 2-5 accounts
ARTICLES = {"length": (20, 28), "events": 0.3, "accounts": (2, 3, 4, 5)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--articles", action="store_true",
                        help="plain .txt articles as benchmarks/bench_run.py writes them (use --seed 0 for its corpus)")
    args = parser.parse_args()
    if args.articles:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in articles(args.n, args.seed, **ARTICLES):
            (args.out / name).write_text(text, encoding="utf-8")
        print(args.n, "articles written to", args.out)
        return
    print(write_corpus(args.out, args.n, args.seed), "stories written to", args.out)


if __name__ == "__main__":
    main()
