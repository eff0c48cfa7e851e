"""The HTML report: OUT/index.html and one page per event under OUT/events/.

``write_html(data, out_dir)`` takes the report.json dict (so the pages show exactly
what the data says) and writes self-contained pages: the stylesheet and script
in compare/templates/ are inlined, nothing is fetched from the network, and the
pages work opened from file://.  Templates are Jinja2 with autoescape on; every
piece of source text reaches the page through it, and a Content-Security-Policy
allows only the report's own script (by hash) to run, as a second line of defence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from compare.htmlreport.render import render_event, render_index
from compare.htmlreport.views import ReportIndex, page_name


def write_html(data: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write index.html and events/<id>.html for ``data`` under ``out_dir``; return the paths."""
    from compare.fileio import atomic_write_text

    out_dir = Path(out_dir)
    ix = ReportIndex(data)
    written = []
    index_path = out_dir / "index.html"
    atomic_write_text(index_path, render_index(data))
    written.append(index_path)
    for event in data["events"]:
        path = out_dir / "events" / page_name(event["id"])
        atomic_write_text(path, render_event(event, data, ix))
        written.append(path)
    return written


__all__ = ["write_html"]
