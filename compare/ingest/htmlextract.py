"""Main text of a news page, parsed safely with lxml.

Safety: lxml's HTML parser with ``no_network=True`` and ``huge_tree=False`` never
fetches anything and never expands entities declared in a DTD; a page that declares
any (billion laughs, external entity) is refused with an error.  The HTML parser is used even for
XHTML, so no XML entity machinery is involved.

Extraction: page chrome (scripts, styles, navigation, headers and footers of the page,
asides, forms, cookie/consent banners, share and related-links boxes, elements that
are hidden) is removed; photo captions (``figcaption``) are recorded as dropped lines;
the main container (``<main>``, ``role=main``, else ``<body>``) is written out as text,
one block element per paragraph, list items prefixed with a bullet so the plain-text
boilerplate rules see the same shapes as in a text file.  Metadata (title, date,
outlet, url, language) comes from ``<meta>`` tags, JSON-LD and ``<time>``.

trafilatura (also lxml-based) was measured against this on the HTML fixtures: see
docs/ingest.md for why it is not the default here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from compare.dates import parse_date
from compare.ingest.readers import InputFileError
from compare.model import DroppedLine

_PARSER = html.HTMLParser(
    no_network=True, huge_tree=False, remove_comments=True, remove_pis=True, recover=True,
    collect_ids=False, default_doctype=False,
)

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "form", "button", "input", "select", "textarea", "nav", "aside", "dialog", "menu", "video", "audio",
    "picture", "img", "map", "link", "meta",
)
_BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table "
    "thead tbody tfoot tr td th figure figcaption address hr center details summary body html time".split()
)
_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(?:cookie|cookies|consent|gdpr|banner|subscribe|subscription|newsletter|share|sharing|social|"
    r"related|recommended|recommend|promo|advert|advertisement|ads|ad|sponsor|popup|modal|breadcrumbs?|"
    r"menu|navbar|nav|navigation|sidebar|comments?|masthead|toolbar|tags|widget|paywall|"
    r"read-?also|more-news|see-also|pagination|pager|login|signup|print|skip)(?:$|[\s_-])",
    re.I,
)
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


@dataclass(slots=True)
class Page:
    """What a page yields: its text (paragraphs separated by blank lines), metadata, removed chrome."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    dropped: list[DroppedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_truncated(source: str) -> None:
    """Refuse a page that was evidently cut short (it ends inside a tag, comment or script)."""
    tail = source.rstrip()
    last_open, last_close = tail.rfind("<"), tail.rfind(">")
    if last_open > last_close:
        snippet = tail[last_open : last_open + 40].replace("\n", " ")
        raise InputFileError(f"truncated HTML: the file ends inside a tag ({snippet!r}); was the download cut short?")
    lowered = tail.lower()
    if lowered.rfind("<!--") > lowered.rfind("-->"):
        raise InputFileError("truncated HTML: the file ends inside a comment")
    if lowered.rfind("<script") > lowered.rfind("</script"):
        raise InputFileError("truncated HTML: the file ends inside a <script>")
    if "<html" in lowered and "</html" not in lowered and "</body" not in lowered:
        raise InputFileError("truncated HTML: the page is never closed (no </body> or </html>); was it cut short?")


_DECLARED_ENTITY = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*?<!ENTITY", re.I | re.S)


def refuse_declared_entities(source: str) -> None:
    """Refuse a page whose DOCTYPE declares entities: no real web page does, and it is how a
    billion-laughs or external-entity (XXE) attack is built. They would never be expanded
    here, but their references would stay in the text as words ("&lol9;")."""
    m = _DECLARED_ENTITY.search(source)
    if m:
        external = re.search(r"<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b", source[m.start():], re.I)
        kind = "an external entity (XXE)" if external else "nested entities (billion laughs)"
        raise InputFileError(
            f"the DOCTYPE declares <!ENTITY ...> ({kind}); not read: no web page declares entities, "
            "and entities are never expanded or fetched"
        )


def parse_html(source: str) -> Any:
    """An lxml tree of ``source``; InputFileError when it is not HTML at all."""
    refuse_declared_entities(source)
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", source)
    if "<" not in source:
        raise InputFileError("not HTML: the file contains no tags")
    try:
        root = html.document_fromstring(source, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise InputFileError(f"malformed HTML that cannot be parsed: {exc}") from None
    if root is None:
        raise InputFileError("malformed HTML that cannot be parsed")
    return root


def extract_html(source: str) -> Page:
    """Main text and metadata of one HTML page."""
    check_truncated(source)
    root = parse_html(source)
    meta = _metadata(root)
    page = Page(text="", meta=meta)
    _remove_chrome(root, page)
    body = root.find("body")
    _remove_link_lists(body if body is not None else root, page)
    container = _main_container(root)
    blocks: list[str] = []
    _linearize(container, blocks, [])
    lines = [b for b in (_clean(b) for b in blocks) if b]
    title = meta.get("title")
    if lines and title and not any(title.lower() in line.lower() for line in lines):
        lines.insert(0, title)  # the headline sat outside the main container
    page.text = "\n\n".join(lines) + "\n" if lines else ""
    if not page.text.strip():
        raise InputFileError("no article text found in the HTML page")
    return page


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _metadata(root: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}

    def first(*xpaths: str) -> str | None:
        for xp in xpaths:
            for value in root.xpath(xp):
                value = _clean(str(value))
                if value:
                    return value
        return None

    lang = first("/html/@lang", "//meta[@http-equiv='content-language']/@content")
    if lang:
        meta["language"] = lang.split("-")[0].lower()
    url = first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    if url:
        meta["url"] = url
    outlet = first("//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content")
    ld = _json_ld(root)
    h1 = [_clean(h.text_content()) for h in root.iter("h1")]
    h1 = [h for h in h1 if len(h.split()) >= 3]
    title = (h1[0] if len(h1) == 1 else None) or ld.get("headline") or first(
        "//meta[@property='og:title']/@content", "//meta[@name='twitter:title']/@content", "//title/text()"
    )
    if isinstance(title, str) and title.strip():
        site = first("//meta[@property='og:site_name']/@content")
        meta["title"] = _strip_site_name(_clean(title), site)
    published = first(
        "//meta[@property='article:published_time']/@content", "//meta[@name='date']/@content",
        "//meta[@itemprop='datePublished']/@content", "//meta[@name='pubdate']/@content",
    ) or ld.get("datePublished") or first("//time/@datetime", "//time/text()")
    if published and (d := parse_date(str(published))):
        meta["date"] = d.isoformat()
    publisher = ld.get("publisher")
    if not outlet and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        outlet = publisher["name"]
    if outlet:
        meta["outlet"] = outlet
    return meta


def _strip_site_name(title: str, site: str | None) -> str:
    """"Headline | Site" / "Headline - Site" -> "Headline" (the site part is short or named)."""
    for sep in (" | ", " \u2014 ", " \u2013 ", " - ", " :: "):
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if head and (len(tail.split()) <= 4 or (site and site.lower() in tail.lower())):
                return head.strip()
    return title


def _json_ld(root: Any) -> dict[str, Any]:
    """The first NewsArticle-like object of the page's JSON-LD, if any."""
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and ("headline" in item or "datePublished" in item):
                return item
    return {}


def _is_hidden(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _is_chrome(el: Any) -> bool:
    role = (el.get("role") or "").lower()
    if role in ("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"):
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(names.strip()) and bool(_CHROME_WORDS.search(names))


def _remove_chrome(root: Any, page: Page) -> None:
    for el in list(root.iter("figcaption")):
        caption = _clean(el.text_content())
        if caption:
            page.dropped.append(DroppedLine(caption, "photo caption (figcaption)"))
        _drop(el)
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in ("html", "body", "main", "article"):
            continue
        if _is_hidden(el) or (_is_chrome(el) and not _holds_main(el)):
            _drop(el)
            continue
        if el.tag in ("header", "footer") and not _inside(el, ("article", "main")):
            _drop(el)


_LINK_LIST_TAGS = frozenset("div ul ol section table tbody tr td dl p span center".split())
LINK_DENSITY = 0.6  # share of a block's text inside links above which it is a list of links


def _remove_link_lists(el: Any, page: Page) -> None:
    """Drop blocks that are mostly links (menus, tag clouds, "more news" lists), top-down.

    A block qualifies when it holds 2+ links, at least ``LINK_DENSITY`` of its text is link
    text, and it holds no headline or article (a linked headline is not a menu)."""
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        if child.tag in _LINK_LIST_TAGS and _is_link_list(child):
            for a in child.iter("a"):
                label = _clean(a.text_content())
                if label:
                    page.dropped.append(DroppedLine(label, "link list (menu or related links)"))
            _drop(child)
        else:
            _remove_link_lists(child, page)


def _is_link_list(el: Any) -> bool:
    links = el.findall(".//a")
    if len(links) < 2 or el.xpath(".//h1|.//h2|.//article|.//main|.//*[@role='main']"):
        return False
    text = len(_clean(el.text_content()))
    if not text:
        return False
    linked = sum(len(_clean(a.text_content())) for a in links)
    return linked / text >= LINK_DENSITY


def _holds_main(el: Any) -> bool:
    """A class name like "content-with-sidebar" must not remove the article itself."""
    return bool(el.xpath(".//article|.//main|.//*[@role='main']|.//h1"))


def _inside(el: Any, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def _drop(el: Any) -> None:
    """Remove ``el`` but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _main_container(root: Any) -> Any:
    for xp in ("//main", "//*[@role='main']"):
        found = root.xpath(xp)
        if len(found) == 1:
            return found[0]
    articles = root.xpath("//article")
    if len(articles) == 1 and not articles[0].xpath("ancestor::article"):
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


def _linearize(el: Any, blocks: list[str], current: list[str]) -> None:
    """Append the text of ``el`` to ``blocks``: one entry per block element, inline text joined."""
    tag = el.tag if isinstance(el.tag, str) else ""
    is_block = tag in _BLOCK_TAGS
    if is_block:
        _flush(blocks, current)
        if tag == "li":
            current.append("\u2022 ")
        if tag == "hr":
            blocks.append("")
    if el.text and tag != "br":
        current.append(el.text)
    for child in el:
        child_tag = child.tag if isinstance(child.tag, str) else ""
        if child_tag == "br":
            _flush(blocks, current)
        else:
            _linearize(child, blocks, current)
        if child.tail:
            if child_tag in _BLOCK_TAGS:
                _flush(blocks, current)
            current.append(child.tail)
    if is_block:
        _flush(blocks, current)


def _flush(blocks: list[str], current: list[str]) -> None:
    text = "".join(current)
    current.clear()
    if text.strip() and text.strip() != "\u2022":
        blocks.append(text)
