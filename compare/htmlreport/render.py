"""Jinja2 rendering with autoescape, the stylesheet and script inlined, and a strict CSP."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from compare import __version__
from compare.htmlreport.views import ReportIndex, event_view, index_view, links_view
from compare.safetext import display

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _shown(value: Any) -> Any:
    """Every value a template prints: no NUL or other C0 control, bidi controls marked
    visibly ("[U+202E]") so that no text (a link's above all) can be shown reordered."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return display(value)
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        finalize=_shown,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    _check_inline_safe(css, "report.css", "</style")
    _check_inline_safe(js, "report.js", "</script")
    env.globals.update(
        css=Markup(css),  # our own files, not source text: inlined as they are
        js=Markup(js),
        csp=_csp(css, js),
        tool_version=__version__,
    )
    return env


def _check_inline_safe(text: str, name: str, closer: str) -> None:
    if closer in text.lower():
        raise ValueError(f"{name} contains {closer!r} and cannot be inlined")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _csp(css: str, js: str) -> str:
    """Only the inlined stylesheet and script (by hash); no network, no plugins, no forms."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; "
        f"script-src '{_sha256(js)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render_index(data: dict[str, Any]) -> str:
    return environment().get_template("index.html").render(page=index_view(data), root="")


def render_event(event: dict[str, Any], data: dict[str, Any], ix: ReportIndex | None = None, *,
                 links_html: str | None = None) -> str:
    """The event's page; ``links_html`` stands in for its links section (``render_links``) when given."""
    view = event_view(event, data, ix)
    if links_html is None:
        links_html = _links_section(view["links"])
    return environment().get_template("event.html").render(page=view, root="../", links_html=Markup(links_html))


def render_links(event: dict[str, Any], ix: ReportIndex) -> str:
    """The event page's section on why its accounts were grouped (empty for one account)."""
    return _links_section(links_view(event, ix))


def _links_section(links: list[dict[str, Any]]) -> str:
    return environment().get_template("_event_links.html").render(links=links)
