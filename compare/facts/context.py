"""What every checker needs to know about an event: sides, sentences, quoted stretches.

A *side* is one story of the event, named for a reader by its outlet.  Each sentence is
split into the part inside quotation marks (the speaker's words) and the narrative
around it (the outlet's words); framing and attribution look at the narrative only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from compare.model import Claim, Document, Event, Quote, SentenceRef, Story
from compare.textnorm import fold

STRAIGHT = '"'  # textnorm.fold turns curly quotes and guillemets into this one


@dataclass(slots=True)
class SentenceView:
    """One sentence with its quoted and narrative parts (both folded)."""

    ref: SentenceRef
    text: str  # folded
    role: str
    quoted: list[str] = field(default_factory=list)  # pieces inside quotation marks
    narrative: str = ""  # everything else, quoted pieces replaced by " … "
    quote: Quote | None = None  # the ingest's Quote covering this sentence, if any
    quotes: list[Quote] = field(default_factory=list)  # every Quote covering it (a sentence may hold two)


@dataclass(slots=True)
class Side:
    """The sentences of one story that belong to one claim."""

    story: str
    name: str
    sentences: list[SentenceView]

    @property
    def refs(self) -> list[SentenceRef]:
        return [s.ref for s in self.sentences]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def narrative(self) -> str:
        return " ".join(s.narrative for s in self.sentences)

    @property
    def quoted(self) -> list[tuple[SentenceView, str]]:
        return [(s, q) for s in self.sentences for q in s.quoted]


class EventView:
    """Sentences of an event's stories, looked up by reference, with outlet names."""

    def __init__(self, event: Event, stories: dict[str, Story], documents: dict[str, Document]):
        self.event = event
        self.stories = {sid: stories[sid] for sid in event.stories if sid in stories}
        self.names = _side_names(self.stories, documents)
        self.sentences: dict[SentenceRef, SentenceView] = {}
        for story in self.stories.values():
            doc = documents.get(story.document)
            for view in _sentence_views(story, doc):
                self.sentences[view.ref] = view

    def name(self, story_id: str) -> str:
        return self.names.get(story_id, story_id)

    def sides(self, claim: Claim) -> list[Side]:
        """The claim's sentences grouped by story, stories in event order."""
        by_story: dict[str, list[SentenceView]] = {}
        for ref in sorted(claim.sentences):
            view = self.sentences.get(ref)
            if view is not None:
                by_story.setdefault(ref.story, []).append(view)
        order = {sid: i for i, sid in enumerate(self.event.stories)}
        return [
            Side(sid, self.name(sid), views)
            for sid, views in sorted(by_story.items(), key=lambda kv: (order.get(kv[0], 1 << 30), kv[0]))
        ]

    def story_sentences(self, story_id: str) -> list[SentenceView]:
        story = self.stories[story_id]
        return [self.sentences[SentenceRef(story_id, s.index)] for s in story.sentences]


def _side_names(stories: dict[str, Story], documents: dict[str, Document]) -> dict[str, str]:
    """Outlet names for the stories (outlet, else whose material it reuses, else the file).

    Stories sharing a name get their file name added, and stories of one file their story id.
    """
    names = {}
    for sid, story in stories.items():
        doc = documents.get(story.document)
        outlet = story.outlet or (doc.outlet if doc else None) or (doc.derived_from if doc else None)
        names[sid] = outlet or story.document
    for qualify in (lambda sid: stories[sid].document, lambda sid: sid):
        counts = Counter(names.values())
        for sid, name in list(names.items()):
            if counts[name] > 1:
                base = name.split(" (")[0] if name != stories[sid].document else ""
                names[sid] = f"{base} ({qualify(sid)})" if base else qualify(sid)
    return names


def _sentence_views(story: Story, doc: Document | None) -> list[SentenceView]:
    """Split each sentence into quoted pieces and narrative, tracking quotes across sentences.

    The open/closed state carries over from one sentence to the next (a quotation may run
    over several sentences) and is reset at a paragraph break.
    """
    quotes_of: dict[int, list[Quote]] = {}
    for q in story.quotes:
        for i in q.sentences:
            quotes_of.setdefault(i, []).append(q)
    views = []
    inside = False
    prev_end: int | None = None
    for s in story.sentences:
        if doc is not None and prev_end is not None and "\n" in doc.text[prev_end : s.start]:
            inside = False
        prev_end = s.end
        text = fold(s.text)
        quoted, narrative, inside = _split_quotes(text, inside)
        covering = quotes_of.get(s.index, [])
        views.append(
            SentenceView(SentenceRef(story.id, s.index), text, s.role, quoted, narrative,
                         covering[0] if covering else None, covering)
        )
    return views


def _split_quotes(text: str, inside: bool) -> tuple[list[str], str, bool]:
    """Quoted pieces and narrative of one (folded) sentence, given the state on entry.

    Folding has turned curly quotes and guillemets into straight ``"``; a straight quote
    toggles the state.  Apostrophes are never quotation marks here.
    """
    quoted: list[str] = []
    narrative: list[str] = []
    buf: list[str] = []
    inside = inside or _closes_first(text)
    for ch in text:
        if ch == STRAIGHT:
            piece = "".join(buf).strip()
            if inside and piece:
                quoted.append(piece)
            elif piece:
                narrative.append(piece)
            buf = []
            inside = not inside
        else:
            buf.append(ch)
    piece = "".join(buf).strip()
    if piece:
        (quoted if inside else narrative).append(piece)
    speech = []
    for q in (_strip_punct(q) for q in quoted):
        if _is_speech(q):
            speech.append(q)
        elif q:
            narrative.append(q)  # a name in quotation marks: the outlet's own text
    return speech, " … ".join(narrative), inside


# Words that credit speech after a closing quotation mark: '..., " the actress's agent tells PEOPLE.'
_CREDIT_AFTER = re.compile(r"\b(?:said|says|told|tells|added|adds|asked|wrote|writes|stated|explained|according to)\b", re.I)


def _closes_first(text: str) -> bool:
    """Whether the sentence's first quotation mark closes a quotation opened before it (in a line of its own,
    as in one-sentence-per-line text): an odd number of marks, the first right after the quoted words'
    final punctuation and followed by who said them ('... at this time, " the actress's rep tells PEOPLE.')."""
    first = text.find(STRAIGHT)
    if first < 0 or text.count(STRAIGHT) % 2 == 0:
        return False
    before, after = text[:first].rstrip(), text[first + 1 :]
    return len(before.split()) >= 3 and before[-1:] in ",.?!" and bool(_CREDIT_AFTER.search(after))


def _is_speech(piece: str) -> bool:
    """Quoted words that are speech, not a title in quotation marks ("Collective Security in a New Era")."""
    ws = piece.split()
    if len(ws) < 3:
        return False
    caps = sum(1 for w in ws if w[:1].isupper())
    return caps / len(ws) <= 0.6


_EDGE = re.compile(r"^[\s\-.,;:…]+|[\s\-,;:…]+$")


def _strip_punct(piece: str) -> str:
    return _EDGE.sub("", piece)
