"""Builders for synthetic corpora and Reports (no tests here), so the gate is tested apart from the pipeline."""

from __future__ import annotations

import hashlib
from pathlib import Path

from compare.model import (
    Claim,
    Discrepancy,
    Document,
    Event,
    InputError,
    Report,
    Sentence,
    SentenceRef,
    Story,
)


def write_doc(corpus: Path, path: str, lines: list[str], title: str | None = None) -> Document:
    """Write ``lines`` to corpus/path (one sentence a line) and return its Document."""
    text = "\n".join(lines) + "\n"
    file = corpus / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    story = Story(id=f"{path}#0", document=path, kind="article", title=title, date=None)
    offset = 0
    for line in lines:
        if line.strip():
            story.sentences.append(Sentence(len(story.sentences), line, offset, offset + len(line)))
        offset += len(line) + 1
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, sha256=digest, format="text", text=text, stories=[story])


def ref(path: str, index: int) -> SentenceRef:
    return SentenceRef(f"{path}#0", index)


def event(eid: str, paths: list[str], claims: list[list[SentenceRef]] = (), discrepancies: list[Discrepancy] = (),
          title: str | None = None) -> Event:
    return Event(
        id=eid,
        stories=[f"{p}#0" for p in paths],
        title=title,
        claims=[Claim(f"c{i}", list(refs)) for i, refs in enumerate(claims, 1)],
        discrepancies=list(discrepancies),
    )


def disc(kind: str, severity: str, summary: str, refs: list[SentenceRef], claim: str | None = None) -> Discrepancy:
    return Discrepancy(type=kind, severity=severity, summary=summary, sentences=refs, claim=claim)  # type: ignore[arg-type]


def report(corpus: Path, docs: list[Document], events: list[Event], errors: list[InputError] = (),
           stats: dict | None = None, parameters: dict | None = None) -> Report:
    return Report(corpus=corpus.name, documents=docs, events=events, errors=list(errors),
                  parameters=parameters if parameters is not None else {"match": {"num_perm": 128}},
                  stats=stats or {})


A_LINES = ["Officials said 20 people died in the blast.", "The meeting was held in Minsk on Monday."]
B_LINES = ["Officials said that 20 people died in the blast.", "The summit took place in Minsk on Monday."]
C_LINES = ["A third outlet wrote about the blast.", "Officials said that 30 people died in the blast."]


def accepted_state(corpus: Path) -> Report:
    """Two accounts of one event, one accepted wording difference, and an unrelated story."""
    a = write_doc(corpus, "a.txt", A_LINES, title="Blast")
    b = write_doc(corpus, "b.txt", B_LINES)
    z = write_doc(corpus, "z.txt", ["An unrelated story about the weather."])
    ev = event("e1", ["a.txt", "b.txt"], claims=[[ref("a.txt", 0), ref("b.txt", 0)], [ref("a.txt", 1), ref("b.txt", 1)]],
               discrepancies=[disc("quote_wording", "info", "'meeting was held' vs 'summit took place'",
                                   [ref("a.txt", 1), ref("b.txt", 1)], claim="c2")], title="Blast")
    return report(corpus, [a, b, z], [ev, event("e2", ["z.txt"])])
