"""Helpers for the alignment tests: build Stories and Events by hand, without ingest or match.

The Valdai event is rebuilt from the seed corpus the way a reader would cut it (article text only,
captions and footers left out) and split with a plain regex, so these tests do not depend on the
ingest and matching stages.
"""

from __future__ import annotations

import re
from pathlib import Path

from compare.model import Event, Sentence, Story

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-corpus"

_SPLIT = re.compile(
    r"(?<=[.!?])\s+(?=[\"“\u00ab]?[A-Z])"  # Sentence. Next
    r"|(?<=[.!?][\"”])\s+(?=[\"“\-]?\s?[A-Z])"  # "Quoted." Next
    r"|(?<=[.!?])\s+(?=-\s+[\"“])"  # he said. - "Next quote
)


def split_sentences(text: str) -> list[str]:
    """Paragraphs (lines) cut at sentence ends: good enough for building test stories."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.extend(part.strip() for part in _SPLIT.split(line) if part.strip())
    return out


def make_story(story_id: str, sentences: list[str], title: str | None = None) -> Story:
    """A Story whose sentences are the given strings (offsets into their space-joined text)."""
    items: list[Sentence] = []
    pos = 0
    texts = ([title] if title else []) + list(sentences)
    for i, text in enumerate(texts):
        role = "title" if title and i == 0 else "body"
        items.append(Sentence(index=i, text=text, start=pos, end=pos + len(text), role=role))
        pos += len(text) + 1
    return Story(id=story_id, document=story_id.split("#")[0], kind="article", title=title,
                 date=None, sentences=items)


def make_event(*stories: Story, event_id: str = "e1") -> tuple[Event, dict[str, Story]]:
    return Event(id=event_id, stories=[s.id for s in stories]), {s.id: s for s in stories}


def _lines_between(path: Path, start: str | None, stop: str | None) -> str:
    text = path.read_text(encoding="utf-8")
    if start:
        text = text[text.index(start):]
    if stop:
        text = text[: text.index(stop)]
    return text


def seed_valdai_event() -> tuple[Event, dict[str, Story]]:
    """The three seed accounts of Zas's Valdai speech (TASS reprint, RT, the CSTO's own page)."""
    tass_text = _lines_between(SEED / "000_4c3000b3cf1095f3.txt", None, "GSV ")
    tass_lines = [ln for ln in tass_text.splitlines() if not re.fullmatch(r"\s*\d{2} \w+ \d{4}\s*", ln)]
    rt_text = (SEED / "001_5e0001f6e6304a75.txt").read_text(encoding="utf-8")
    rt_lines = [ln for ln in rt_text.splitlines() if not ln.strip().startswith("\u2022")]
    csto_text = _lines_between(SEED / "003_96d930d7006ecd34.txt",
                               "Stanislav Zas at the \u201cValdai\u201d Club forum stated", "______")
    tass = make_story("000_4c3000b3cf1095f3.txt#0", split_sentences("\n".join(tass_lines)))
    rt = make_story("001_5e0001f6e6304a75.txt#0", split_sentences("\n".join(rt_lines)))
    csto = make_story("003_96d930d7006ecd34.txt#3", split_sentences(csto_text))
    return make_event(tass, rt, csto)
