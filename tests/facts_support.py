"""Helpers for the facts tests: stories from plain text, events and claims built by hand.

Self-contained on purpose: the facts checks are tested on claims we control, whatever the
state of the ingest, matching and alignment stages.
"""

from __future__ import annotations

import difflib
import hashlib
import re

import pysbd

from compare.model import Claim, Document, Event, Sentence, SentenceRef, Story

_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


def make_document(path: str, text: str, *, outlet: str | None, date: str | None, title: bool = True) -> Document:
    """A Document with one Story: paragraphs split into sentences; the first line is the title."""
    doc = Document(path=path, sha256=hashlib.sha256(text.encode()).hexdigest(), format="text", text=text,
                   outlet=outlet, date=date)
    story = Story(id=f"{path}#0", document=path, kind="article", title=None, date=date, outlet=outlet)
    index = 0
    for para in re.finditer(r"[^\n]+", text):
        if not para.group().strip():
            continue
        for span in _SEGMENTER.segment(para.group()):
            raw = span.sent
            stripped = raw.strip()
            if not stripped:
                continue
            start = para.start() + span.start + (len(raw) - len(raw.lstrip()))
            role = "title" if title and index == 0 else "body"
            story.sentences.append(Sentence(index, stripped, start, start + len(stripped), role))
            index += 1
    if title and story.sentences:
        story.title = story.sentences[0].text
    doc.stories.append(story)
    return doc


def sentence_index(story: Story, phrase: str) -> int:
    """Index of the (first) sentence of ``story`` that contains ``phrase``."""
    for s in story.sentences:
        if phrase in s.text:
            return s.index
    raise AssertionError(f"no sentence of {story.id} contains {phrase!r}")


def event_of(docs: list[Document], groups: list[list[tuple[int, str]]]) -> tuple[Event, dict, dict]:
    """An event over the documents' stories with the given claims; other sentences are singletons.

    ``groups``: one list per claim of (document position, phrase in the sentence).
    """
    stories = {d.stories[0].id: d.stories[0] for d in docs}
    documents = {d.path: d for d in docs}
    order = [d.stories[0].id for d in docs]
    claims: list[list[SentenceRef]] = []
    used: set[SentenceRef] = set()
    for group in groups:
        refs = []
        for pos, phrase in group:
            story = docs[pos].stories[0]
            ref = SentenceRef(story.id, sentence_index(story, phrase))
            if ref not in used:
                refs.append(ref)
                used.add(ref)
        claims.append(refs)
    for sid in order:
        for s in stories[sid].sentences:
            ref = SentenceRef(sid, s.index)
            if ref not in used:
                claims.append([ref])
    event = Event(id="e1", stories=order,
                  claims=[Claim(id=f"c{i}", sentences=sorted(refs)) for i, refs in enumerate(claims, 1)])
    return event, stories, documents


def pair_copies(a: Document, b: Document) -> Event:
    """An event of two near-identical stories, sentences paired where the copy lines up.

    Equal sentences pair; within a replaced block, sentences pair by position.
    """
    sa, sb = a.stories[0], b.stories[0]
    ta, tb = [s.text for s in sa.sentences], [s.text for s in sb.sentences]
    claims: list[list[SentenceRef]] = []
    matcher = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            n = min(i2 - i1, j2 - j1)
            for k in range(n):
                claims.append([SentenceRef(sa.id, i1 + k), SentenceRef(sb.id, j1 + k)])
            claims += [[SentenceRef(sa.id, i)] for i in range(i1 + n, i2)]
            claims += [[SentenceRef(sb.id, j)] for j in range(j1 + n, j2)]
        else:
            claims += [[SentenceRef(sa.id, i)] for i in range(i1, i2)]
            claims += [[SentenceRef(sb.id, j)] for j in range(j1, j2)]
    return Event(id="e1", stories=[sa.id, sb.id],
                 claims=[Claim(id=f"c{i}", sentences=refs) for i, refs in enumerate(claims, 1)])


def unaligned_findings(texts: tuple[str, ...], dates: tuple[str | None, ...], detail: str) -> list:
    """Findings of one ``detail`` kind ("time", "day" ...) between accounts Alpha, Beta, Gamma of the
    given texts and dates, nothing aligned (every finding is found at event level)."""
    from compare.facts import find_discrepancies

    docs = [make_document(f"{name.lower()}.txt", text, outlet=name, date=date, title=False)
            for name, text, date in zip(["Alpha", "Beta", "Gamma"], texts, dates, strict=False)]
    event, stories, documents = event_of(docs, [])
    return [d for d in find_discrepancies(event, stories, documents) if d.details.get("detail") == detail]
