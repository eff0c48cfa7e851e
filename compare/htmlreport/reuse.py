"""Event pages an earlier run already rendered, taken over instead of rendered again.

A page shows one event's dict from report.json, its member stories and documents and the
corpus name, laid out by the templates; its event id appears once, in the breadcrumb.
``PageReuse.key`` hashes those inputs *without* the id with a fingerprint of the templates and
the rendering code, and the page is rendered with a placeholder id (``EVENT_ID``, which no page
text can hold: every printed value loses its NUL characters) that is then replaced by the real one.  The
signature index (compare.index, table ``events``, keys ``page:...``) remembers for each key
the SHA-256 of that placeholder page, where the id sits in it and the page's name and id.
When the previous report folder still holds that page with exactly those bytes, the new page
is taken from it: linked when its name and id are unchanged, else written with the new id in
place (events renumbered because one was added before them).  The bytes are those a fresh
render gives, checked, not assumed (tests/test_html.py renders both ways).
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
# The id a page is rendered with, replaced by the event's own: markup, so that it reaches the page
# as it is, and made of NUL, which no page text holds (every printed value loses its C0 controls).
EVENT_ID = "\x00event-id\x00"
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
        """The page's inputs but its id and file name (which shift when events are renumbered)."""
        inputs = [data["corpus"], {k: v for k, v in event.items() if k != "id"}, stories,
                  [{k: v for k, v in d.items() if k != "stories"} for d in documents]]
        h = hashlib.sha256(render_fingerprint().encode())
        h.update(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        return "page:" + h.hexdigest()

    def prefetch(self, keys: list[str]) -> None:
        if self.index is not None and self.previous is not None:
            self._known = self.index.get_events(sorted(set(keys)))

    def take(self, key: str, name: str, event_id: str, path: Path) -> bool:
        """Put the previous run's page for ``key`` at ``path`` (with ``event_id``) when its bytes
        are the ones remembered."""
        stored = self._known.get(key)
        if stored is None or self.previous is None:
            return False
        try:
            record = json.loads(stored)
            old_name, old_id, at, digest = record["name"], record["id"], int(record["at"]), record["sha"]
            if not isinstance(old_name, str) or "/" in old_name or old_name.startswith("."):
                return False
            old = self.previous / old_name
            text = old.read_bytes().decode("utf-8")
        except (OSError, ValueError, TypeError, KeyError):
            return False
        if text[at : at + len(old_id)] != old_id:
            return False
        head, tail = text[:at], text[at + len(old_id) :]
        if _sha((head + EVENT_ID + tail).encode("utf-8", "surrogatepass")).hex() != digest:
            return False
        new_id = shown_id(event_id)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if old_name == name and old_id == new_id:
                try:
                    os.link(old, path)
                except OSError:
                    shutil.copyfile(old, path)
            else:
                write_text(path, head + new_id + tail, atomic=False)
                self.fresh[key] = json.dumps({**record, "name": name, "id": new_id}).encode()
        except OSError:
            return False
        self.reused += 1
        return True

    def render(self, key: str, name: str, event: dict[str, Any], render: Any) -> str:
        """``render(event)``, by way of the placeholder id, remembered under ``key``."""
        page = render({**event, "id": Markup(EVENT_ID)})
        if page.count(EVENT_ID) != 1:  # the id shows up more than once: no placeholder page
            return str(render(event))
        at = page.index(EVENT_ID)
        new_id = shown_id(event["id"])
        if self.index is not None:
            digest = _sha(page.encode("utf-8", "surrogatepass")).hex()
            self.fresh[key] = json.dumps({"sha": digest, "at": at, "name": name, "id": new_id}).encode()
        return page[:at] + new_id + page[at + len(EVENT_ID) :]

    def close(self) -> None:
        if self.index is not None:
            self.index.put_events(self.fresh)
            self.index.close()
