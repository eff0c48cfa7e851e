"""Event pages an earlier run already rendered, taken over instead of rendered again.

A page shows one event's dict from report.json, its member stories and documents, the corpus
name and its own file name, laid out by the templates.  ``PageReuse.key`` hashes exactly
those with a fingerprint of the templates and the rendering code; the signature index
(compare.index, table ``events``, keys ``page:...``) remembers the SHA-256 of the page each
key produced.  When the previous report folder still holds a page with that exact hash, it
is linked (or copied) into the new report instead of being rendered: the bytes are those a
fresh render gives, checked, not assumed.
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

PACKAGE = Path(__file__).resolve().parent.parent
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
            documents: list[dict[str, Any]], name: str) -> str:
        inputs = [data["corpus"], name, event, stories, [{k: v for k, v in d.items() if k != "stories"} for d in documents]]
        h = hashlib.sha256(render_fingerprint().encode())
        h.update(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        return "page:" + h.hexdigest()

    def prefetch(self, keys: list[str]) -> None:
        if self.index is not None and self.previous is not None:
            self._known = self.index.get_events(sorted(set(keys)))

    def take(self, key: str, name: str, path: Path) -> bool:
        """Put the previous run's page for ``key`` at ``path`` when its bytes are the ones remembered."""
        digest = self._known.get(key)
        if digest is None or self.previous is None:
            return False
        old = self.previous / name
        try:
            if _sha(old.read_bytes()) != digest:
                return False
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(old, path)
            except OSError:
                shutil.copyfile(old, path)
        except OSError:
            return False
        self.reused += 1
        return True

    def remember(self, key: str, text: str) -> None:
        if self.index is not None:
            self.fresh[key] = _sha(text.encode("utf-8"))

    def close(self) -> None:
        if self.index is not None:
            self.index.put_events(self.fresh)
            self.index.close()
