"""Reading one input file into raw records: bytes checked, text decoded, format parsed.

A *record* is one article as found in a file, before boilerplate and story
splitting: its extracted text plus whatever metadata the file itself carried
(HTML meta tags, JSON fields).  Text and HTML files give one record; a JSON list
or a JSONL file gives one record per article.

Every way a file can be unusable raises :class:`InputFileError` with a message in
words; one bad line of a JSONL file is reported as a :class:`RecordError` and the
good lines are kept.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.model import DroppedLine
from compare.safetext import clean_text

MAX_FILE_BYTES = 20 * 1024 * 1024  # one article file larger than this is refused
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
RECORD_FIELDS = ("title", "url", "date", "outlet", "language", "derived_from")

# Magic numbers of common binary formats that end up in article folders by mistake.
_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
]
_SINGLE_BYTE = ("cp1251", "cp1252", "latin_1", "iso8859_5", "koi8_r", "iso8859_15", "cp1250", "mac_cyrillic")


class InputFileError(Exception):
    """A file that cannot be read; the message says what was wrong, in words."""


@dataclass(slots=True)
class RecordError:
    """One unusable record inside an otherwise readable file (a bad JSONL line)."""

    where: str  # "line 3", "record 2"
    error: str


@dataclass(slots=True)
class RawRecord:
    """One article as read from a file, before cleaning and splitting."""

    path: str  # corpus-relative POSIX path; "feed.jsonl:3" for line 3 of a JSONL file
    format: str
    text: str
    sha256: str
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title, url, date, outlet, language, derived_from
    dropped: list[DroppedLine] = field(default_factory=list)  # chrome removed by the HTML extractor
    warnings: list[str] = field(default_factory=list)


def file_format(path: Path) -> str:
    """The reader for ``path`` by its extension, or InputFileError for an unknown one."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = " ".join(sorted(set(FORMATS)))
        shown = f"'{suffix}'" if suffix else "no extension"
        raise InputFileError(f"unsupported file type ({shown}); compare reads {known}")
    return FORMATS[suffix]


def read_bytes_checked(path: Path) -> bytes:
    """The file's bytes, refusing what cannot be an article: too big, empty, binary, unreadable."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputFileError(_os_error_words(exc)) from None
    if size > MAX_FILE_BYTES:
        raise InputFileError(
            f"file is {size / 1_048_576:.1f} MB, over the {MAX_FILE_BYTES // 1_048_576} MB limit for one "
            "article file; split it (e.g. into JSONL records) or remove it from the corpus"
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputFileError(_os_error_words(exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputFileError(f"file is over the {MAX_FILE_BYTES // 1_048_576} MB limit for one article file")
    if not raw.strip():
        raise InputFileError("empty file: no text to read")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputFileError(f"binary file: this looks like {what}, not text")
    if not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in raw[:65536]:
        raise InputFileError("binary file: it contains NUL bytes, so it is not a text, HTML or JSON file")
    return raw


def _os_error_words(exc: OSError) -> str:
    if exc.errno == 40:  # ELOOP
        return "symlink loop: the link points (directly or through others) back to itself"
    return f"cannot read the file: {exc.strerror or exc}"


_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def decode(raw: bytes, *, html: bool = False) -> tuple[str, str]:
    """Text and the encoding it was read with.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such.  A file that is
    not valid UTF-8 is read with the charset its HTML declares, else with the single-byte
    encoding charset-normalizer detects (cp1251, cp1252 ...).  A file that mixes valid
    UTF-8 multi-byte sequences with invalid bytes is damaged UTF-8 and is refused.
    """
    if raw.startswith(codecs.BOM_UTF8):
        body, bom = raw[len(codecs.BOM_UTF8) :], "utf-8-sig"
    else:
        body, bom = raw, ""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputFileError(f"invalid UTF-16 text at byte {exc.start}") from None
    try:
        return body.decode("utf-8"), bom or "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if html:
        m = _HTML_CHARSET.search(raw[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            try:
                codec = codecs.lookup(declared).name
            except LookupError:
                codec = ""
            if codec and codec not in ("utf-8", "utf-16"):
                try:
                    return raw.decode(codec), codec
                except UnicodeDecodeError:
                    pass
    if _has_utf8_multibyte(body):
        raise InputFileError(
            f"invalid UTF-8: byte 0x{body[utf8_error.start]:02x} at offset {utf8_error.start} is not valid "
            "UTF-8, although the file otherwise is UTF-8 (damaged or mixed-encoding file)"
        )
    detected = _detect_single_byte(body)
    if detected is None:
        raise InputFileError(
            f"invalid UTF-8 (byte 0x{body[utf8_error.start]:02x} at offset {utf8_error.start}) and no "
            "legacy encoding fits; save the file as UTF-8"
        )
    return body.decode(detected), detected


_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_multibyte(raw: bytes) -> bool:
    return _UTF8_MULTI.search(raw) is not None


def _high(text: str) -> int:
    return max(1, sum(ord(c) > 127 for c in text))


def _share(text: str, lo: str, hi: str) -> float:
    """Share of the non-ASCII characters of ``text`` that lie in the range lo..hi."""
    high = [c for c in text if ord(c) > 127]
    return sum(lo <= c <= hi for c in high) / len(high) if high else 0.0


def _mixed_in_words(raw: bytes) -> float:
    """Share of high bytes next to an ASCII letter: high in Latin-script text ("r\xe9unis"),
    near zero in Cyrillic text, whose words are made of high bytes only."""
    high = mixed = 0
    for i, b in enumerate(raw):
        if b > 127:
            high += 1
            near = raw[i - 1 : i] + raw[i + 1 : i + 2]
            mixed += any(chr(c).isascii() and chr(c).isalpha() for c in near)
    return mixed / high if high else 0.0


def _detect_single_byte(raw: bytes) -> str | None:
    """cp1251 when the high bytes read as Cyrillic letters, cp1252 when they read as Latin
    letters, else what charset-normalizer finds among the single-byte code pages."""
    from charset_normalizer import from_bytes

    if _share(raw.decode("cp1251", "replace"), "\u0400", "\u04ff") >= 0.8 and _mixed_in_words(raw) < 0.3:
        return "cp1251"  # whole words of high bytes: Cyrillic
    try:
        latin = raw.decode("cp1252")
    except UnicodeDecodeError:
        latin = ""
    typographic = "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u00a0\u00ab\u00bb\u00a9\u00b0"
    if latin and (_share(latin, "\u00c0", "\u00ff") + sum(c in typographic for c in latin) / _high(latin)) >= 0.6:
        return "cp1252"  # accented Latin letters, or only the curly quotes and dashes of Windows text
    result = from_bytes(raw, cp_isolation=list(_SINGLE_BYTE)).best()
    if result is None:
        return None
    name = codecs.lookup(result.encoding).name
    try:
        raw.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def normalize_newlines(text: str) -> str:
    """One newline convention (\\n), no BOM, no NUL or other character XML 1.0 forbids
    (compare.safetext.clean_text); offsets are taken on this text."""
    text = text.lstrip("\ufeff")
    return clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def read_records(path: Path, rel: str) -> tuple[list[RawRecord], list[RecordError]]:
    """All article records of one file (raises InputFileError when none can be read).

    Text and metadata carry no character XML 1.0 forbids (NUL, BEL, ESC ... from a JSON
    ``\\u0000`` or an HTML attribute): such characters are dropped."""
    records, errors = _read_records(path, rel)
    for record in records:
        record.text = clean_text(record.text)
        record.meta = {k: clean_text(v).strip() if isinstance(v, str) else v for k, v in record.meta.items()}
        record.meta = {k: v for k, v in record.meta.items() if v not in ("", None)}
    return records, errors


def _read_records(path: Path, rel: str) -> tuple[list[RawRecord], list[RecordError]]:
    fmt = file_format(path)
    raw = read_bytes_checked(path)
    sha = hashlib.sha256(raw).hexdigest()
    text, encoding = decode(raw, html=fmt == "html")
    text = normalize_newlines(text)
    if not text.strip():
        raise InputFileError("empty file: no text to read")
    warnings = [] if encoding.startswith("utf") else [f"not UTF-8: read as {encoding} (detected)"]
    if fmt == "markdown":
        meta, text = front_matter(text)
        text = _with_title(text, meta.get("title"))
        return [RawRecord(rel, fmt, text, sha, encoding, meta=meta, warnings=warnings)], []
    if fmt == "text":
        meta, text = front_matter(text)
        if not meta:
            meta, text = header_lines(text)
        return [RawRecord(rel, fmt, text, sha, encoding, meta=meta, warnings=warnings)], []
    if fmt == "html":
        return [_html_record(text, rel, sha, encoding, warnings)], []
    if fmt == "json":
        return _json_records(text, rel, sha, encoding, warnings), []
    return _jsonl_records(text, rel, sha, encoding, warnings)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*\n", re.S)
_FRONT_KEYS = {
    "title": "title", "headline": "title", "date": "date", "published": "date", "url": "url", "link": "url",
    "canonical": "url", "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
    "language": "language", "lang": "language", "derived_from": "derived_from",
}


def _with_title(text: str, title: str | None) -> str:
    """``text`` with ``title`` as its first line, unless it already opens with it (or a "# title")."""
    if not title:
        return text
    first = next((ln.strip().lstrip("#").strip() for ln in text.split("\n") if ln.strip()), "")
    return text if first == title.strip() else f"{title}\n\n{text.lstrip(chr(10))}"


_HEADER_LINE = re.compile(
    r"^(?P<key>source|outlet|publisher|site|url|link|canonical|date|published|language|lang)[ \t]*:[ \t]*"
    r"(?P<value>\S[^\n]{0,150})$", re.I)
_HEADER_MAX_WORDS = 8  # "Source: Daily Planet"; not "Source: a sentence about a river's source ..."


def header_lines(text: str) -> tuple[dict[str, Any], str]:
    """Metadata from ``key: value`` lines that open a plain-text file and end at a blank line
    ("Source: Daily Planet", "URL: https://...", "Date: 2023-11-02"), and the text after them.
    Every line of that block must be one; a value of a sentence's length is not a header."""
    head, sep, rest = text.lstrip("\n").partition("\n\n")
    if not sep:
        return {}, text
    meta: dict[str, Any] = {}
    for line in head.split("\n"):
        m = _HEADER_LINE.match(line.strip())
        if not m or len(m.group("value").split()) > _HEADER_MAX_WORDS:
            return {}, text
        field_name = _FRONT_KEYS[m.group("key").lower()]
        meta.setdefault(field_name, m.group("value").strip().strip("\"'").strip())
    return meta, rest.lstrip("\n")


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Metadata from a Markdown file's YAML front matter (simple ``key: value`` lines) and the text after it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, Any] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        field_name = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'").strip()
        if sep and field_name and value and field_name not in meta:
            meta[field_name] = value
    return meta, text[m.end() :]


def _html_record(text: str, rel: str, sha: str, encoding: str, warnings: list[str]) -> RawRecord:
    from compare.ingest.htmlextract import extract_html

    page = extract_html(text)
    return RawRecord(
        rel, "html", page.text, sha, encoding, meta=page.meta, dropped=page.dropped,
        warnings=warnings + page.warnings,
    )


def _json_records(text: str, rel: str, sha: str, encoding: str, warnings: list[str]) -> list[RawRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        try:
            return [_record_from_obj(data, rel, sha, encoding, warnings)]
        except ValueError as exc:
            raise InputFileError(str(exc)) from None
    if not isinstance(data, list):
        raise InputFileError(f"JSON must be an article object or a list of them, not {type(data).__name__}")
    if not data:
        raise InputFileError("empty JSON list: no articles")
    records, problems = [], []
    for n, item in enumerate(data, 1):
        try:
            if not isinstance(item, dict):
                raise ValueError(f"is {type(item).__name__}, not an object")
            records.append(_record_from_obj(item, f"{rel}:{n}", sha, encoding, list(warnings)))
        except ValueError as exc:
            problems.append(f"record {n} {exc}")
    if problems and not records:
        raise InputFileError("; ".join(problems[:3]) + (" ..." if len(problems) > 3 else ""))
    for p in problems:
        records[0].warnings.append(f"skipped JSON {p}")
    return records


def _jsonl_records(
    text: str, rel: str, sha: str, encoding: str, warnings: list[str]
) -> tuple[list[RawRecord], list[RecordError]]:
    records: list[RawRecord] = []
    errors: list[RecordError] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(RecordError(f"line {lineno}", f"invalid JSON at column {exc.colno}: {exc.msg}"))
            continue
        if not isinstance(obj, dict):
            errors.append(RecordError(f"line {lineno}", f"is a JSON {type(obj).__name__}, not an object"))
            continue
        try:
            records.append(_record_from_obj(obj, f"{rel}:{lineno}", sha, encoding, list(warnings)))
        except ValueError as exc:
            errors.append(RecordError(f"line {lineno}", str(exc)))
    if not records:
        if errors:
            raise InputFileError(
                "no readable JSONL record: " + "; ".join(f"{e.where}: {e.error}" for e in errors[:3])
            )
        raise InputFileError("empty JSONL file: no records")
    return records, errors


def _record_from_obj(obj: dict[str, Any], path: str, sha: str, encoding: str, warnings: list[str]) -> RawRecord:
    """A JSON article object: ``text`` (plain text) or ``html``, plus optional metadata fields."""
    meta: dict[str, Any] = {}
    for key in RECORD_FIELDS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"field '{key}' must be a string, not {type(value).__name__}")
        if value.strip():
            meta[key] = value.strip()
    body, html = obj.get("text"), obj.get("html")
    if isinstance(body, str) and body.strip():
        text = _with_title(normalize_newlines(body), meta.get("title"))
        return RawRecord(path, "json", text, sha, encoding, meta=meta, warnings=warnings)
    if isinstance(html, str) and html.strip():
        from compare.ingest.htmlextract import extract_html

        page = extract_html(normalize_newlines(html))
        merged = {**page.meta, **meta}
        text = page.text
        title = meta.get("title")
        if title and not text.lstrip().startswith(title) and title != page.meta.get("title"):
            text = f"{title}\n\n{text}"
        return RawRecord(path, "json", text, sha, encoding, meta=merged, dropped=page.dropped,
                         warnings=warnings + page.warnings)
    if "text" in obj or "html" in obj:
        raise ValueError("has an empty or non-string 'text'/'html' field")
    raise ValueError("has no 'text' or 'html' field")
