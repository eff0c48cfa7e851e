"""Event pages an earlier run already rendered, taken over instead of rendered again.

A page shows one event's dict from report.json, its member stories and documents and the
corpus name, laid out by the templates.  Two parts of it shift when the corpus grows by one
file although the event did not change: its id (events are numbered in date order, so one
added in front renumbers the rest; shown once, in the breadcrumb) and its links section (why
the accounts were grouped: matching's evidence uses corpus-wide statistics).  So a page is
rendered with placeholders for those two (``EVENT_ID``, ``EVENT_LINKS``: NUL characters, which
no printed value keeps) that are then filled in, and ``PageReuse.key`` hashes the rest of its
inputs (event dict without id and links, stories, documents, corpus name) with a fingerprint
of the templates and the rendering code.  The signature index (compare.index, table
``events``, keys ``page:...``) remembers for each key the SHA-256 of the placeholder page,
where each placeholder sits and how long its filling was, and the page's file name.  When the
previous report folder still holds that page and the placeholder page taken back out of it
has exactly that hash, the new page is made from it: linked when name, id and links are
unchanged, else written with the new id and links section filled in.  The bytes are those a
fresh render gives, checked, not assumed (tests/test_incremental.py renders both ways).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from compare.fileio import write_text
from compare.safetext import display

PACKAGE = Path(__file__).resolve().parent.parent
# The id and links section a page is rendered with, replaced by the event's own: markup, so that
# they reach the page as they are, and made of NUL, which no page text holds (every printed value
# loses its C0 controls).
EVENT_ID = "\x00event-id\x00"
EVENT_LINKS = "\x00event-links\x00"
MARKS = (EVENT_ID, EVENT_LINKS)


class PageParts:
    """How one report's event pages are made: whole, as a placeholder page, and the parts that fill it."""

    def __init__(self, page: Any, links: Any) -> None:
        self._page = page  # page(event, links_html=None) -> str
        self._links = links  # links(event) -> the page's links section (html)

    def page(self, event: dict[str, Any]) -> str:
        return str(self._page(event))

    def template(self, event: dict[str, Any]) -> str:
        return str(self._page({**event, "id": Markup(EVENT_ID)}, links_html=Markup(EVENT_LINKS)))

    def values(self, event: dict[str, Any]) -> dict[str, str]:
        return {EVENT_ID: shown_id(event["id"]), EVENT_LINKS: str(self._links(event))}


def _fill(template: str, values: dict[str, str]) -> tuple[str, list[list[Any]]]:
    """The template with each placeholder replaced, and where each sits in the template: [at, mark, length]."""
    found = sorted((template.index(mark), mark) for mark in values)
    out, cursor = [], 0
    for at, mark in found:
        out += [template[cursor:at], values[mark]]
        cursor = at + len(mark)
    out.append(template[cursor:])
    return "".join(out), [[at, mark, len(values[mark])] for at, mark in found]
CODE = ("templates", "htmlreport", "safetext.py", "textnorm.py", "__init__.py")


@lru_cache(maxsize=1)
def render_fingerprint() -> str:
    h = hashlib.sha256()
    for name in CODE:
        path = PACKAGE / name
        if not path.exists():
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc") if path.is_dir() else [path]
        for file in files:
            h.update(str(file.relative_to(PACKAGE)).encode())
            h.update(file.read_bytes())
    for lib in ("jinja2", "markupsafe"):
        try:
            h.update(f"{lib}={version(lib)}".encode())
        except PackageNotFoundError:
            h.update(f"{lib}=-".encode())
    return h.hexdigest()


def shown_id(event_id: str) -> str:
    """The event id as the page prints it (compare.htmlreport.render: ``display``, then escaped)."""
    return str(escape(display(event_id)))


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class PageReuse:
    """Looks up and remembers rendered pages; ``index_dir`` None or unusable: nothing is reused."""

    def __init__(self, index_dir: Path | None, previous_events: Path | None) -> None:
        from compare.index import SignatureIndex

        self.previous = previous_events if previous_events and previous_events.is_dir() else None
        self.index = SignatureIndex(index_dir) if index_dir is not None else None
        self.fresh: dict[str, bytes] = {}
        self.reused = 0
        self._known: dict[str, bytes] = {}

    def key(self, event: dict[str, Any], data: dict[str, Any], stories: list[dict[str, Any]],
            documents: list[dict[str, Any]]) -> str:
        """The page's inputs but its id and file name (which shift when events are renumbered) and
        its links (whose evidence shifts with corpus-wide statistics when a file is added)."""
        inputs = [data["corpus"], {k: v for k, v in event.items() if k not in ("id", "links")}, stories,
                  [{k: v for k, v in d.items() if k != "stories"} for d in documents]]
        h = hashlib.sha256(render_fingerprint().encode())
        h.update(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        return "page:" + h.hexdigest()

    def prefetch(self, keys: list[str]) -> None:
        if self.index is not None and self.previous is not None:
            self._known = self.index.get_events(sorted(set(keys)))

    def take(self, key: str, name: str, event: dict[str, Any], path: Path, parts: PageParts) -> bool:
        """Put the previous run's page for ``key`` at ``path`` (with this event's id and links) when
        its bytes are the ones remembered."""
        stored = self._known.get(key)
        if stored is None or self.previous is None:
            return False
        try:
            record = json.loads(stored)
            old_name, digest, spots = record["name"], record["sha"], record["spots"]
            if not isinstance(old_name, str) or "/" in old_name or old_name.startswith("."):
                return False
            old = self.previous / old_name
            text = old.read_bytes().decode("utf-8")
            pieces, values, cursor, start = [], [], 0, 0  # template cursor, old page cursor
            for at, mark, length in spots:
                if mark not in MARKS or at < cursor or length < 0:
                    return False
                pieces.append(text[start : start + at - cursor])
                start += at - cursor
                values.append(text[start : start + length])
                pieces.append(mark)
                start, cursor = start + length, at + len(mark)
            pieces.append(text[start:])
        except (OSError, ValueError, TypeError, KeyError):
            return False
        template = "".join(pieces)
        if _sha(template.encode("utf-8", "surrogatepass")).hex() != digest:
            return False
        new = parts.values(event)
        page, new_spots = _fill(template, new)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if old_name == name and [new[mark] for _, mark, _ in spots] == values:
                try:
                    os.link(old, path)
                except OSError:
                    shutil.copyfile(old, path)
            else:
                write_text(path, page, atomic=False)
                self.fresh[key] = json.dumps({"sha": digest, "spots": new_spots, "name": name}).encode()
        except OSError:
            return False
        self.reused += 1
        return True

    def render(self, key: str, name: str, event: dict[str, Any], parts: PageParts) -> str:
        """The event's page, rendered with placeholders for its id and links that are then filled in;
        the placeholder page is remembered under ``key``."""
        template = parts.template(event)
        if any(template.count(mark) != 1 for mark in MARKS):  # a placeholder not where expected
            return parts.page(event)
        page, spots = _fill(template, parts.values(event))
        if self.index is not None:
            digest = _sha(template.encode("utf-8", "surrogatepass")).hex()
            self.fresh[key] = json.dumps({"sha": digest, "spots": spots, "name": name}).encode()
        return page

    def close(self) -> None:
        if self.index is not None:
            self.index.put_events(self.fresh)
            self.index.close()
