"""A seeded corpus of wire stories, each carried by many outlets with light edits.

Used by tests/test_match_syndication.py (small sizes) and benchmarks/bench_match.py
(``--wire``: 1,000 stories x 60 copies).  Nothing here is read from the seed
corpus but the *shapes* of its sentences (their function words and length);
every content word is drawn from a synthetic Zipf-distributed vocabulary, so
no test can lean on a real sentence.

Each base story (12-18 sentences, some with figures) is carried by ``copies``
outlets.  Copy 0 is the wire text; every other copy applies a few of the edits
outlets make: the lede cut, a paragraph of its own added, a figure changed,
the tail trimmed, a few words replaced.  Every outlet also prints its own site
furniture (the same two short lines on every page it carries): boilerplate
that must not tie the outlet's pages together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from compare.model import Sentence, Story
from compare.textnorm import STOPWORDS

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-corpus"
EDITS = ("lede_cut", "paragraph_added", "number_changed", "tail_trimmed", "words_replaced")


@dataclass
class WireCopy:
    story: Story
    base: int  # which wire story this is a copy of
    edits: list[str] = field(default_factory=list)


def _shapes() -> list[list[str]]:
    out = []
    for path in sorted(SEED.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                words = sentence.split()
                if 8 <= len(words) <= 40:
                    out.append(words)
    return out


class WireGenerator:
    def __init__(self, seed: int = 11, vocabulary: int = 50_000):
        self.rng = np.random.default_rng(seed)
        self.shapes = _shapes()
        letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
        lengths = self.rng.integers(4, 11, size=vocabulary)
        self.vocab = np.array(["".join(self.rng.choice(letters, n)) for n in lengths], dtype=object)
        weights = 1.0 / (np.arange(vocabulary) + 10.0)
        self.cdf = np.cumsum(weights) / weights.sum()

    def words(self, k: int) -> list[str]:
        return self.vocab[np.minimum(np.searchsorted(self.cdf, self.rng.random(k)), len(self.vocab) - 1)].tolist()

    def sentence(self, figure: bool = False) -> str:
        """A fixture sentence's shape with every content word replaced (one by a figure when asked)."""
        words = list(self.shapes[self.rng.integers(len(self.shapes))])
        content = [i for i, w in enumerate(words) if w.lower().strip(".,;:\"'()") not in STOPWORDS]
        for i, new in zip(content, self.words(len(content)), strict=True):
            words[i] = new.capitalize() if words[i][:1].isupper() else new
        if figure and content:
            words[content[len(content) // 2]] = str(int(self.rng.integers(2, 5000)))
        text = " ".join(words)
        return text if text[-1] in ".!?" else text + "."

    def furniture(self, outlet: str) -> list[str]:
        return [f"Follow {outlet} {' '.join(self.words(3))}.", f"{outlet} {' '.join(self.words(4))} newsletter."]

    def copy(self, base: list[str], title: str, edit_rate: float) -> tuple[list[str], str, list[str]]:
        sentences, edits = list(base), []
        rng = self.rng
        if rng.random() < edit_rate and len(sentences) > 6:
            sentences = sentences[1:]
            edits.append("lede_cut")
        if rng.random() < edit_rate and len(sentences) > 8:
            sentences = sentences[: -int(rng.integers(1, 3))]
            edits.append("tail_trimmed")
        changed: set[int] = set()
        if rng.random() < edit_rate:
            with_figure = [i for i, s in enumerate(sentences) if re.search(r"\d", s)]
            if with_figure:
                i = with_figure[int(rng.integers(len(with_figure)))]
                sentences[i] = re.sub(r"\d+", lambda m: str(int(m[0]) + int(rng.integers(1, 90))), sentences[i], count=1)
                changed.add(i)
                edits.append("number_changed")
        if rng.random() < edit_rate:
            plain = [i for i, s in enumerate(sentences) if i not in changed and not re.search(r"\d", s)]
            if plain:
                i = plain[int(rng.integers(len(plain)))]
                words = sentences[i].split()
                for j in rng.choice(len(words), size=min(2, len(words)), replace=False):
                    words[j] = self.words(1)[0]
                sentences[i] = " ".join(words)
                edits.append("words_replaced")
        if rng.random() < edit_rate:
            at = int(rng.integers(2, len(sentences)))
            sentences[at:at] = [self.sentence() for _ in range(int(rng.integers(1, 3)))]
            edits.append("paragraph_added")
        return sentences, title, edits

    def corpus(self, stories: int, copies: int, edit_rate: float = 0.3) -> list[WireCopy]:
        """``stories`` wire stories x ``copies`` outlets' copies, as Story records (one story per document)."""
        outlets = [f"Outlet{k:03d}" for k in range(copies)]
        furniture = {o: self.furniture(o) for o in outlets}
        out: list[WireCopy] = []
        for base_no in range(stories):
            base = [self.sentence(figure=self.rng.random() < 0.4) for _ in range(int(self.rng.integers(12, 19)))]
            title = " ".join(self.words(6)).capitalize()
            day = f"2024-{1 + base_no % 12:02d}-{1 + (base_no // 12) % 28:02d}"
            for k, outlet in enumerate(outlets):
                sentences, head, edits = (base, title, []) if k == 0 else self.copy(base, title, edit_rate)
                sentences = sentences + furniture[outlet]
                doc = f"{outlet.lower()}/story-{base_no:05d}.txt"
                story = Story(id=f"{doc}#0", document=doc, kind="article", title=head, date=day, outlet=outlet)
                story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(sentences)]
                out.append(WireCopy(story, base_no, edits))
        return out
