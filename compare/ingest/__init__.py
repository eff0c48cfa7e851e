"""Reading a corpus folder into Documents, Stories, Sentences and Quotes.

PLACEHOLDER (to be replaced by the ingest work of issue #2): reads .txt files,
one story per file, sentences split on end punctuation.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from compare.model import Document, InputError, Sentence, Story


class InputFileError(Exception):
    """A file that cannot be read; the message says what was wrong, in words."""


def read_document(path: Path, corpus_root: Path, meta: dict | None = None) -> Document:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    rel = path.relative_to(corpus_root).as_posix()
    doc = Document(path=rel, sha256=hashlib.sha256(raw).hexdigest(), format="text", text=text)
    story = Story(id=f"{rel}#0", document=rel, kind="article", title=None, date=None)
    for i, m in enumerate(re.finditer(r"[^\s].*?(?:[.!?](?=\s)|$)", text, re.M)):
        story.sentences.append(Sentence(i, m.group(), m.start(), m.end()))
    doc.stories.append(story)
    return doc


def read_corpus(
    corpus: Path, progress: Callable[[str, int, int], None] | None = None
) -> tuple[list[Document], list[InputError]]:
    docs, errors = [], []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        try:
            docs.append(read_document(path, corpus))
        except Exception as exc:  # noqa: BLE001
            errors.append(InputError(path.relative_to(corpus).as_posix(), str(exc)))
    return docs, errors
