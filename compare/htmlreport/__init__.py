"""The HTML report: OUT/index.html and one page per event under OUT/events/.

``write_html(data, out_dir)`` takes the report.json dict (so the pages show exactly
what the data says) and writes self-contained pages: the stylesheet and script
in compare/templates/ are inlined, nothing is fetched from the network, and the
pages work opened from file://.  Templates are Jinja2 with autoescape on; every
piece of source text reaches the page through it, and a Content-Security-Policy
allows only the report's own script (by hash) to run, as a second line of defence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from compare.fileio import write_text
from compare.htmlreport.render import render_event, render_index, render_links
from compare.htmlreport.reuse import PageParts, PageReuse
from compare.htmlreport.views import ReportIndex, page_names


def write_html(
    data: dict[str, Any],
    out_dir: Path,
    *,
    atomic: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    reuse: PageReuse | None = None,
) -> list[Path]:
    """Write index.html and events/<page>.html for ``data`` under ``out_dir``; return the paths.

    Event pages left in ``out_dir/events/`` by an earlier run that this report no longer
    has are removed, so the folder always matches report.json.  ``atomic=False`` writes each
    page plainly, for a temporary folder that is swapped in whole.  ``progress("write", done, total)``
    is called after each page.  With ``reuse``, a page an earlier run rendered from the same
    inputs is taken from the earlier report folder instead of rendered (compare.htmlreport.reuse).
    """
    out_dir = Path(out_dir)
    ix = ReportIndex(data)
    index_path = out_dir / "index.html"
    write_text(index_path, render_index(data), atomic=atomic)
    written = [index_path]
    events_dir = out_dir / "events"
    pages = page_names(data["events"])
    keys: dict[str, str] = {}
    parts = PageParts(lambda e, links_html=None: render_event(e, data, ix, links_html=links_html),
                      lambda e: render_links(e, ix))
    if reuse is not None:
        for event in data["events"]:
            members = event["stories"]
            keys[event["id"]] = reuse.key(event, data, [ix.story[s] for s in members], [ix.doc_of[s] for s in members])
        reuse.prefetch(list(keys.values()))
    for event in data["events"]:
        name = pages[event["id"]]
        path = events_dir / name
        key = keys.get(event["id"])
        if reuse is None or key is None:
            write_text(path, render_event(event, data, ix), atomic=atomic)
        elif not reuse.take(key, name, event, path, parts):
            write_text(path, reuse.render(key, name, event, parts), atomic=atomic)
        written.append(path)
        if progress:
            progress("write", len(written), len(data["events"]) + 1)
    keep = {p.name for p in written[1:]}
    if events_dir.is_dir():
        for stale in sorted(events_dir.glob("*.html")):
            if stale.name not in keep:
                stale.unlink()
    return written


__all__ = ["write_html"]
