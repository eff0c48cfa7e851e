"""The records that flow through the pipeline.

Every stage is a pure function over these records (document in, stories out;
story in, signature out; event in, claims out), so the same code can run inside
one process or be mapped over partitions by Dask or Spark.  They are plain
dataclasses: easy to build in tests, easy to turn into JSON (see ``report.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

StoryKind = Literal["article", "listing"]
SentenceRole = Literal["title", "body"]
Relation = Literal["reprint", "same_event"]
DiscrepancyType = Literal[
    "quote_wording", "number", "date", "entity", "attribution", "framing", "omission"
]
Severity = Literal["info", "warning", "error"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(slots=True)
class Sentence:
    """One sentence of a story; ``start``/``end`` index the document's extracted text."""

    index: int
    text: str
    start: int
    end: int
    role: SentenceRole = "body"


@dataclass(slots=True)
class Quote:
    """A direct quotation, possibly spread over several sentences."""

    text: str
    start: int
    end: int
    sentences: list[int]
    speaker: str | None = None
    verb: str | None = None  # the reporting verb: said, stressed, claimed ...


@dataclass(slots=True)
class Story:
    """One news item: a whole article, or one dated item of a listing page."""

    id: str  # "<document path>#<n>", unique in a report
    document: str  # the document's path, relative to the corpus
    kind: StoryKind
    title: str | None
    date: str | None  # ISO YYYY-MM-DD
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    outlet: str | None = None
    language: str | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(slots=True)
class DroppedLine:
    """A line of the source kept out of story text, and why."""

    text: str
    reason: str
    line: int | None = None  # 1-based line in the source file, where known


@dataclass(slots=True)
class Document:
    """One input file after reading, cleaning and splitting into stories."""

    path: str  # relative to the corpus root, POSIX separators
    sha256: str
    format: str  # text, markdown, html, json, jsonl
    text: str  # the extracted text every Sentence offset points into
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    title: str | None = None
    derived_from: str | None = None
    encoding: str | None = None
    stories: list[Story] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class InputError:
    """A file that could not be read, and what was wrong, in words."""

    path: str
    error: str


@dataclass(frozen=True, slots=True, order=True)
class SentenceRef:
    """Points at one sentence: (story id, sentence index)."""

    story: str
    index: int


@dataclass(slots=True)
class StoryLink:
    """Why two stories of an event belong together."""

    a: str
    b: str
    relation: Relation
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SentenceLink:
    """An alignment edge between two sentences of a claim, with its score."""

    a: SentenceRef
    b: SentenceRef
    score: float


@dataclass(slots=True)
class Claim:
    """Sentences from any number of accounts that say the same thing."""

    id: str
    sentences: list[SentenceRef]
    links: list[SentenceLink] = field(default_factory=list)

    @property
    def stories(self) -> list[str]:
        return sorted({ref.story for ref in self.sentences})


@dataclass(slots=True)
class Discrepancy:
    """One typed, graded difference between accounts."""

    type: DiscrepancyType
    severity: Severity
    summary: str
    sentences: list[SentenceRef]
    claim: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


CUT_EDITS = frozenset({"lede_cut", "tail_trimmed", "sentences_cut", "headline_changed"})


@dataclass(slots=True)
class FamilyMember:
    """A copy of a reprint family's representative, and what it changed."""

    story: str
    similarity: float  # stem-trigram Jaccard with the representative
    # each edit: {"kind": "lede_cut" | "tail_trimmed" | "sentences_cut" | "paragraph_added" | "number_changed"
    # | "words_changed" | "headline_changed", and where: "sentences" (the copy's), "representative_sentences",
    # "from" / "to"}
    edits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def collapsed(self) -> bool:
        """True when the copy only leaves text out or retitles it: alignment and facts read it through its
        representative.  A copy that changes or adds text (a figure, a reworded sentence, a paragraph of its
        own) is a distinct version and is compared like any account."""
        return all(e["kind"] in CUT_EDITS for e in self.edits)


@dataclass(slots=True)
class ReprintFamily:
    """Near-identical copies of one text: one representative and the members that copy it."""

    representative: str
    members: list[FamilyMember] = field(default_factory=list)

    @property
    def stories(self) -> list[str]:
        return sorted([self.representative, *(m.story for m in self.members)])


@dataclass(slots=True)
class Event:
    """Stories that report the same real-world event."""

    id: str
    stories: list[str]
    title: str | None = None
    date: str | None = None
    links: list[StoryLink] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    families: list[ReprintFamily] = field(default_factory=list)  # near-identical copies, 2+ stories each

    @property
    def versions(self) -> list[str]:
        """The distinct versions: every story but the reprint-family members that only cut their representative."""
        copies = {m.story for f in self.families for m in f.members if m.collapsed}
        return [s for s in self.stories if s not in copies]


@dataclass(slots=True)
class Report:
    """Everything one run found; ``report.py`` turns it into report.json."""

    corpus: str
    documents: list[Document]
    events: list[Event]
    errors: list[InputError]
    parameters: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)

    def stories(self) -> dict[str, Story]:
        return {s.id: s for d in self.documents for s in d.stories}
