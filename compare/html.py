"""The HTML report. PLACEHOLDER (issue #6): a bare index page."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from compare.fileio import atomic_write_text


def write_html(data: dict[str, Any], out_dir: Path) -> list[Path]:
    items = "".join(f"<li>{html.escape(str(e.get('title')))}</li>" for e in data["events"])
    path = out_dir / "index.html"
    atomic_write_text(path, f"<!doctype html><meta charset=utf-8><title>compare</title><ul>{items}</ul>")
    return [path]
