"""A seeded synthetic news corpus written as .txt files, for whole-run benchmarks.

  .venv/bin/python benchmarks/corpus.py OUT_FOLDER N [--seed S]

Each file is one ~3.5 KB article: a title, a date line and 20-28 sentences.  A sentence keeps
the shape of a seed-fixture sentence (its function words, numbers, quotation marks, capitalised
names) with its lower-case content words drawn from a synthetic Zipf-like vocabulary, so
unrelated articles share common words but rarely a sentence.  About 60% of the articles belong
to events of 2-5 accounts that retell one base story: sentences dropped and shuffled, 10% of the
words replaced, a number changed now and then, and fresh sentences of their own.  Files are named
``NNNNNN.txt`` so that N+1 files are the N files plus one (the incremental benchmark uses that).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "seed-corpus"
_NUMBER = re.compile(r"\d+")


def _fixture_sentences() -> list[list[str]]:
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                words = sentence.split()
                if 6 <= len(words) <= 45:
                    out.append(words)
    return out


class CorpusGenerator:
    """Articles as (file name, text), deterministic for a seed; see the module docstring."""

    def __init__(self, seed: int = 0, vocabulary: int = 30_000) -> None:
        from compare.textnorm import STOPWORDS

        self.rng = random.Random(seed)
        self.stopwords = STOPWORDS
        self.pool = _fixture_sentences()
        letters = "abcdefghijklmnopqrstuvwxyz"
        self.words = ["".join(self.rng.choice(letters) for _ in range(self.rng.randint(4, 10))) for _ in range(vocabulary)]
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 10.0) for rank in range(vocabulary)))
        self.names = [w.capitalize() for w in self.words[:: max(1, vocabulary // 400)]]

    def _word(self) -> str:
        return self.words[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def _fresh(self) -> str:
        words = list(self.rng.choice(self.pool))
        for i, word in enumerate(words):
            core = word.strip(".,;:\"'()“”’")
            if not core or core.lower() in self.stopwords or _NUMBER.search(core):
                continue
            new = self.rng.choice(self.names) if core[:1].isupper() else self._word()
            words[i] = word.replace(core, new)
        return " ".join(words)

    def _vary(self, sentence: str) -> str:
        words = sentence.split()
        for i, word in enumerate(words):
            if self.rng.random() < 0.1 and word.isalpha() and word.islower():
                words[i] = self._word()
        text = " ".join(words)
        if self.rng.random() < 0.15:
            text = _NUMBER.sub(lambda m: str(int(m.group()) + self.rng.randint(1, 9)), text, count=1)
        return text

    def _article(self, title: str, day: int, sentences: list[str]) -> str:
        body = "\n\n".join(sentences)
        return f"{title}\n\n{day:02d} March 2024\n\n{body}\n"

    def articles(self, n: int):
        made = 0
        while made < n:
            accounts = self.rng.choice([2, 3, 4, 5]) if self.rng.random() < 0.3 else 1
            base = [self._fresh() for _ in range(self.rng.randint(20, 28))]
            title = " ".join(self._fresh().split()[:8]).rstrip(".,;:")
            day = self.rng.randint(1, 28)
            for _ in range(min(accounts, n - made)):
                if accounts == 1:
                    sentences = base
                else:
                    sentences = [self._vary(s) for s in base if self.rng.random() > 0.2]
                    for _ in range(self.rng.randint(2, 5)):
                        sentences.insert(self.rng.randint(0, len(sentences)), self._fresh())
                yield f"{made:06d}.txt", self._article(title, day, sentences)
                made += 1


def write_corpus(folder: Path, n: int, seed: int = 0) -> int:
    """Write ``n`` articles into ``folder``; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for name, text in CorpusGenerator(seed).articles(n):
        size += (folder / name).write_text(text, encoding="utf-8")
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    size = write_corpus(args.folder, args.n, args.seed)
    print(f"{args.n} files, {size / 1e6:.1f} MB in {args.folder}")


if __name__ == "__main__":
    main()
