"""Reading a corpus folder into Documents, Stories, Sentences and Quotes.

Stages, one module each:

- ``readers``     file -> raw records (size/binary/encoding checks; txt, md, html, json, jsonl)
- ``htmlextract`` HTML page -> main text + metadata (lxml, parsed safely)
- ``manifest``    ``compare-manifest.json`` -> per-file metadata (jsonschema-validated)
- ``boilerplate`` lines -> which are navigation, captions, contacts, link lists, footers;
                  attribution lines -> ``derived_from``
- ``stories``     page -> stories (an article, or listing items and an article), titles, dates
- ``sentences``   paragraph -> sentence spans with exact offsets
- ``quotes``      story -> direct quotations with speaker and reporting verb

``read_corpus`` reads a folder (recursively, sorted, symlink loops refused, nothing
written); ``read_document`` reads one file the same way.  Every unusable file becomes one
``InputError`` with the reason in words, and the rest of the corpus is still read.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.dates import parse_date
from compare.ingest.boilerplate import Classification, classify_lines, lead_credit, trailing_credit
from compare.ingest.lines import Line, split_lines
from compare.ingest.manifest import MANIFEST_NAME, load_manifest
from compare.ingest.quotes import find_quotes
from compare.ingest.readers import FORMATS, InputFileError, RawRecord, read_records
from compare.ingest.sentences import split_spans
from compare.ingest.stories import date_line_source, find_dateline, plan_stories
from compare.lang import detect_language, normalise_language
from compare.model import Document, DroppedLine, InputError, Sentence, Story

if TYPE_CHECKING:
    from compare.ingest.doccache import DocumentCache

__all__ = ["MANIFEST_NAME", "InputFileError", "build_document", "manifest_entry", "read_corpus", "read_document"]

Progress = Callable[[str, int, int], None]
REPEATED_MIN_DOCS = 2  # a short line found in this many documents is site chrome
_REPEAT_MAX_WORDS = 12


def read_document(path: Path, corpus_root: Path, meta: dict | None = None) -> Document:
    """One file as ``read_corpus`` would read it (without cross-document evidence).

    A JSON list or JSONL file holding several articles gives its first article; the
    document's warnings say how many there are (``compare run`` reads them all).
    """
    path, corpus_root = Path(path), Path(corpus_root)
    rel = _relative(path, corpus_root)
    records, record_errors = read_records(path, rel)
    doc = build_document(records[0], meta or {})
    if len(records) > 1:
        doc.warnings.append(f"{len(records)} articles in this file; showing the first ({records[0].path})")
    for e in record_errors:
        doc.warnings.append(f"{e.where}: {e.error}")
    return doc


def read_corpus(
    corpus: Path, progress: Progress | None = None, *, follow_symlinks: bool = False,
    index_dir: Path | None = None, stats: dict[str, Any] | None = None,
) -> tuple[list[Document], list[InputError]]:
    """Every article under ``corpus`` and every file that could not be read, in path order.

    A symlink whose target lies outside the corpus is not read (one error each) unless
    ``follow_symlinks``.  With ``index_dir`` (a signature index, compare.index), documents an
    earlier run extracted from the same inputs are taken from it (compare.ingest.doccache)
    and the new ones are kept there; ``stats["documents_reused"]`` counts the former."""
    corpus = Path(corpus)
    manifest, files, errors = plan_corpus(corpus, follow_symlinks=follow_symlinks)
    records: list[RawRecord] = []
    for done, (path, rel) in enumerate(files, 1):
        try:
            found, record_errors = read_records(path, rel)
        except InputFileError as exc:
            errors.append(InputError(rel, str(exc)))
        else:
            records.extend(found)
            errors.extend(InputError(rel, f"{e.where}: {e.error}") for e in record_errors)
        if progress:
            progress("read", done, len(files))
    all_lines = [split_lines(r.text) for r in records]
    repeated = repeated_line_keys(all_lines)
    if index_dir is None:
        documents, build_errors = build_documents(records, all_lines, manifest, repeated, progress=progress)
    else:
        from compare.index import SignatureIndex
        from compare.ingest.doccache import DocumentCache

        with SignatureIndex(Path(index_dir)) as index:
            cache = DocumentCache(index)
            documents, build_errors = build_documents(records, all_lines, manifest, repeated, progress=progress,
                                                      cache=cache)
            cache.flush()
        if stats is not None:
            stats["documents_reused"] = cache.reused
    errors.extend(build_errors)
    errors.sort(key=lambda e: (e.path, e.error))
    return documents, errors


def plan_corpus(
    corpus: Path, *, follow_symlinks: bool = False
) -> tuple[dict[str, dict[str, Any]] | None, list[tuple[Path, str]], list[InputError]]:
    """The corpus manifest, the files to read (path, corpus-relative name) and the errors found
    on the way: a manifest that is unusable or links out of the corpus, walk errors, manifest
    entries that name no readable file."""
    errors: list[InputError] = []
    manifest: dict[str, dict[str, Any]] | None = None
    manifest_path = corpus / MANIFEST_NAME
    if not follow_symlinks and manifest_path.is_symlink() and not _within(manifest_path, corpus):
        errors.append(InputError(MANIFEST_NAME, _outside_message(manifest_path)))
    else:
        try:
            manifest = load_manifest(corpus)
        except InputFileError as exc:
            errors.append(InputError(MANIFEST_NAME, str(exc)))
    files, walk_errors = list_corpus_files(corpus, follow_symlinks=follow_symlinks)
    errors.extend(walk_errors)
    if manifest:
        known = {rel for _, rel in files}
        for name in sorted(set(manifest) - known - {"*"}):
            errors.append(InputError(MANIFEST_NAME, f"names '{name}', which is not a readable file of the corpus"))
    return manifest, files, errors


def build_documents(
    records: list[RawRecord],
    all_lines: list[list[Line]],
    manifest: dict[str, dict[str, Any]] | None,
    repeated: Any,
    *,
    progress: Any = None,
    cache: DocumentCache | None = None,
) -> tuple[list[Document], list[InputError]]:
    """Documents of ``records`` (their lines split, ``repeated`` the lines many documents share);
    a record that cannot be extracted is one error, never the end of the run.  With ``cache``,
    a document extracted before from the same inputs is taken from it, and new ones are put in."""
    documents: list[Document] = []
    errors: list[InputError] = []
    keys: list[str | None] = [None] * len(records)
    if cache is not None:
        from compare.ingest.doccache import document_key

        repeated = frozenset(repeated)
        keys = [document_key(record, manifest_entry(manifest, record.path), lines, repeated)
                for record, lines in zip(records, all_lines, strict=True)]
        cache.prefetch(k for k in keys if k)
    for done, (record, lines, key) in enumerate(zip(records, all_lines, keys, strict=True), 1):
        meta = manifest_entry(manifest, record.path)
        known = cache.get(key) if cache is not None and key else None
        if known is not None:
            documents.append(known)
            if progress:
                progress("extract", done, len(records))
            continue
        try:
            documents.append(build_document(record, meta, repeated, lines=lines))
            if cache is not None and key:
                cache.put(key, documents[-1])
        except InputFileError as exc:
            errors.append(InputError(record.path, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop a corpus run
            errors.append(InputError(record.path, f"internal error while extracting ({type(exc).__name__}: {exc}); please report it"))
        if progress:
            progress("extract", done, len(records))
    return documents, errors


def manifest_entry(manifest: dict[str, dict[str, Any]] | None, path: str) -> dict[str, Any]:
    """What the manifest says about the corpus-relative ``path`` (its entry, else the defaults)."""
    if not manifest:
        return {}
    file_part = re.sub(r":\d+$", "", path)
    return dict(manifest.get(path) or manifest.get(file_part) or manifest.get("*") or {})


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _within(path: Path, root: Path) -> bool:
    """Whether ``path``'s real location (every symlink resolved) lies inside ``root``'s."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _outside_message(path: Path) -> str:
    return (f"symlink to {os.path.realpath(path)}, outside the corpus; not read "
            "(use --follow-symlinks to read links out of the corpus)")


REPORT_MARK = re.compile(rb'"tool"\s*:\s*\{\s*"name"\s*:\s*"compare"')
INDEX_FILES = ("signatures.sqlite",)  # compare.index.FILENAME


def compare_output_kind(folder: str | Path) -> str | None:
    """"report" when ``folder`` holds a report compare wrote, "index" when it holds its
    signature index, else None: such a folder is never read as articles."""
    folder = Path(folder)
    try:
        with (folder / "report.json").open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        head = b""
    if REPORT_MARK.search(head):
        return "report"
    if any((folder / name).is_file() for name in INDEX_FILES):
        return "index"
    return None


def list_corpus_files(
    corpus: Path, *, follow_symlinks: bool = False
) -> tuple[list[tuple[Path, str]], list[InputError]]:
    """Files under ``corpus`` in sorted order, following symlinks but never around a loop.

    Hidden files and folders (names starting with ".") and the manifest are skipped; a
    symlink out of the corpus (unless ``follow_symlinks``) and a folder holding a compare
    report or index are not read, each one error.
    """
    files: list[tuple[Path, str]] = []
    errors: list[InputError] = []

    def walk(folder: Path, rel: str, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(InputError(rel or ".", f"cannot list the folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            child_rel = f"{rel}/{name}" if rel else name
            if not rel and name == MANIFEST_NAME:
                continue
            path = Path(entry.path)
            try:
                st = os.stat(entry.path)  # follows symlinks; ELOOP for a loop of links
            except OSError as exc:
                if entry.is_symlink():
                    if exc.errno == 40:
                        errors.append(InputError(child_rel, "symlink loop: the link points, through other links, back to itself"))
                    else:
                        errors.append(InputError(child_rel, f"broken symlink: its target does not exist ({os.readlink(entry.path)})"))
                else:
                    errors.append(InputError(child_rel, f"cannot read: {exc.strerror or exc}"))
                continue
            if not follow_symlinks and entry.is_symlink() and not _within(path, corpus):
                errors.append(InputError(child_rel, _outside_message(path)))
                continue
            if os.path.isdir(entry.path):
                kind = compare_output_kind(path)
                if kind:
                    what = "a compare report" if kind == "report" else "a compare signature index"
                    errors.append(InputError(child_rel, f"folder holds {what} (compare's own output); not read "
                                                        "as articles: move it out of the corpus"))
                    continue
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    errors.append(InputError(child_rel, "symlink loop: this link points back to a folder that contains it; not followed"))
                    continue
                walk(path, child_rel, ancestors | {key})
            elif os.path.isfile(entry.path):
                files.append((path, child_rel))
            else:
                errors.append(InputError(child_rel, "not a regular file (device, socket or pipe); skipped"))

    root_stat = os.stat(corpus)
    walk(corpus, "", frozenset({(root_stat.st_dev, root_stat.st_ino)}))
    files.sort(key=lambda f: f[1])
    return files, errors


def repeated_line_keys(documents: Iterable[list[Line]], min_docs: int = REPEATED_MIN_DOCS) -> frozenset[str]:
    """Keys of short, non-sentence lines that occur in at least ``min_docs`` different documents."""
    return repeated_from_counts(line_key_counts(documents), min_docs)


def line_key_counts(documents: Iterable[list[Line]]) -> Counter[str]:
    """In how many of ``documents`` each short, non-sentence line occurs (partial counts add up)."""
    counts: Counter[str] = Counter()
    for lines in documents:
        keys = {
            ln.key for ln in lines
            if not ln.blank and not ln.terminal and ln.words <= _REPEAT_MAX_WORDS
        }
        counts.update(keys)
    return counts


def repeated_from_counts(counts: Counter[str], min_docs: int = REPEATED_MIN_DOCS) -> frozenset[str]:
    """The repeated line keys of ``line_key_counts`` (summed over all documents)."""
    return frozenset(k for k, n in counts.items() if n >= min_docs and k)


def build_document(
    record: RawRecord,
    meta: dict[str, Any] | None = None,
    repeated: Iterable[str] = (),
    *,
    lines: list[Line] | None = None,
) -> Document:
    """Clean one raw record and split it into stories, sentences and quotes.

    ``repeated`` holds keys of lines seen in several documents (site chrome); ``lines`` may
    pass ``split_lines(record.text)`` when the caller has it already.
    """
    meta = {**record.meta, **(meta or {})}
    text = record.text
    lines = lines if lines is not None else split_lines(text)
    classification = classify_lines(lines, repeated)
    dropped = dict(classification.dropped)
    known_date = parse_date(meta["date"]) if meta.get("date") else None
    plans = plan_stories(lines, dropped, known_title=meta.get("title"), known_date=known_date)
    derived = meta.get("derived_from") or ("; ".join(classification.derived_from) or None)
    doc = Document(
        path=record.path, sha256=record.sha256, format=record.format, text=text,
        outlet=meta.get("outlet"), url=meta.get("url"), date=known_date.isoformat() if known_date else None,
        language=normalise_language(meta.get("language")), title=meta.get("title"),
        derived_from=derived, encoding=record.encoding, warnings=list(record.warnings),
    )
    dropped_prefixes: list[DroppedLine] = []
    agencies: list[str] = []  # named by datelines, in story order
    if meta.get("date") and known_date is None:
        doc.warnings.append(_unusable_date(str(meta["date"])))
    for plan in plans:
        story = Story(
            id=f"{record.path}#{len(doc.stories)}", document=record.path, kind=plan.kind,  # type: ignore[arg-type]
            title=plan.title, date=plan.date.isoformat() if plan.date else None,
            outlet=doc.outlet, language=doc.language,
        )
        if plan.title_span:
            s, e = plan.title_span
            story.sentences.append(Sentence(0, text[s:e], s, e, "title"))
        dateline_date = _cut_dateline(text, plan.paragraphs, dropped_prefixes, agencies)
        if story.date is None and dateline_date is not None:
            story.date = dateline_date.isoformat()  # "Bishkek, Nov. 22, 2023. / Kabar/."
        for ps, pe in plan.paragraphs:
            for s, e in split_spans(text, ps, pe):
                story.sentences.append(Sentence(len(story.sentences), text[s:e], s, e, "body"))
        if not story.sentences:
            continue
        story.quotes = find_quotes(text, plan.paragraphs, story.sentences)
        story.language = story.language or _story_language(story.text, text)  # declared, else detected
        doc.stories.append(story)
    if not doc.stories:
        raise InputFileError("no story text found: every line looks like navigation, captions or other boilerplate")
    if len(doc.stories) == 1 and doc.stories[0].date is None and known_date:
        doc.stories[0].date = known_date.isoformat()
    main = next((s for s in doc.stories if s.kind == "article"), doc.stories[0])
    doc.title = doc.title or main.title
    doc.language = doc.language or main.language
    doc.date = doc.date or main.date
    _infer_provenance(doc, main, meta, classification, agencies, lines, dropped)
    doc.dropped = (
        list(record.dropped)
        + [_dropped_line(lines[i], reason) for i, reason in sorted(dropped.items())]
        + dropped_prefixes
    )
    return doc


_PARTIAL_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2]))?$")


def _unusable_date(value: str) -> str:
    """The warning for a metadata date that gives no day: a partial one ("2023-11", "2023") is
    said to be so; anything else could not be read."""
    m = _PARTIAL_DATE.match(value.strip())
    if m:
        unknown = "day unknown" if m.group(1) else "month and day unknown"
        return f"date {value!r} gives no day ({unknown}); not used as the publication date"
    return f"date {value!r} could not be read as a date; ignored"


LEAD_CREDIT_SENTENCES = 3  # sentences of the lead paragraph looked at for "..., reports TASS."
DATELINE_SEARCH_PARAGRAPHS = 3  # a dateline opens one of a story's first paragraphs (after a standfirst)


def _cut_dateline(
    text: str, paragraphs: list[tuple[int, int]], dropped: list[DroppedLine], agencies: list[str]
) -> date | None:
    """Cut the agency dateline ("MOSCOW, Feb 9 (Reuters) - ") off the first of a story's opening
    paragraphs that has one; a paragraph that is only a dateline goes altogether.  Returns the
    dateline's date when it is a full one (with a year)."""
    for k, (ps, pe) in enumerate(paragraphs[:DATELINE_SEARCH_PARAGRAPHS]):
        cut, agency = find_dateline(text, ps, pe, colon=k == 0)
        if cut <= ps:
            continue
        dropped.append(DroppedLine(text[ps:cut].strip(), "dateline (place, date, agency)", text.count("\n", 0, ps) + 1))
        if agency:
            agencies.append(agency)
        found = parse_date(text[ps:cut])
        cut += len(text[cut:pe]) - len(text[cut:pe].lstrip())
        if cut >= pe:
            del paragraphs[k]
            return found
        paragraphs[k] = (cut, pe)
        lead = _folded(text[cut:pe])
        for j in range(k - 1, -1, -1):  # a standfirst that the lead repeats word for word
            ss, se = paragraphs[j]
            standfirst = _folded(text[ss:se])
            if len(standfirst) >= 40 and lead.startswith(standfirst):
                dropped.append(DroppedLine(text[ss:se], "standfirst repeated in the lead", text.count("\n", 0, ss) + 1))
                del paragraphs[j]
        return found
    return None


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _infer_provenance(
    doc: Document, main: Story, meta: dict[str, Any], classification: Classification, agencies: list[str],
    lines: list[Line], dropped: dict[int, str],
) -> None:
    """Where the manifest is silent: ``derived_from`` from credits in the lead ("..., reports TASS."),
    at the foot of the story or repeated in it, else the dateline's agency or a date line's source
    ("(Xinhua) 08:18, ..."); ``outlet`` from the dateline's agency, a copyright line or masthead,
    else a date line's source."""
    credits = list(classification.derived_from)
    body = [s for s in main.sentences if s.role == "body"]
    lead = body[:1]
    for sentence in body[1:LEAD_CREDIT_SENTENCES]:  # the lead paragraph's sentences
        if "\n" in doc.text[lead[-1].end : sentence.start]:
            break
        lead.append(sentence)
    ending = doc.text[body[-2].end : body[-1].end] if len(body) > 1 else body[-1].text if body else ""
    named = [lead_credit(s.text) for s in lead] + [trailing_credit(ending)]
    anywhere = Counter(src for s in body if (src := lead_credit(s.text)))
    named += [src for src, n in sorted(anywhere.items()) if n >= 2]  # credited again and again
    for src in named:
        if src and src not in credits:
            credits.append(src)
    line_sources = [src for i, reason in sorted(dropped.items())
                    if reason.startswith("date line") and (src := date_line_source(lines[i].content))]
    if not meta.get("derived_from"):
        found = credits or agencies[:1] or line_sources[:1]
        doc.derived_from = "; ".join(found) if found else None
    if not meta.get("outlet"):
        outlet = next((c for c in [*agencies[:1], classification.outlet, *line_sources[:1], url_domain(doc.url)] if c),
                      None)
        if outlet:
            doc.outlet = outlet
            for story in doc.stories:
                story.outlet = story.outlet or doc.outlet


def url_domain(url: str | None) -> str | None:
    """The host of an http(s) ``url`` without "www." ("news.example.org"), else None: the
    outlet of last resort, when neither the manifest nor the text names one."""
    from urllib.parse import urlsplit

    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return host if parts.scheme.lower() in ("http", "https") and "." in host else None


def _dropped_line(line: Line, reason: str) -> DroppedLine:
    return DroppedLine(line.text, reason, line.number)


STORY_LANGUAGE_MIN_WORDS = 40  # a shorter story (a listing item) takes the language of its whole document


def _story_language(story_text: str, document_text: str) -> str | None:
    """The language detected in a story, or in its whole document when the story is short: a
    listing item of a dozen words says little, and the document's text settles plain English
    without loading the model."""
    if len(story_text.split()) >= STORY_LANGUAGE_MIN_WORDS:
        return guess_language(story_text)
    return _document_language(document_text)


@lru_cache(maxsize=64)
def _document_language(text: str) -> str | None:
    return guess_language(text)


def guess_language(text: str) -> str | None:
    """The language of ``text`` (ISO 639-1), or None when there is too little text to tell
    (compare.lang.detect_language)."""
    return detect_language(text)


SUPPORTED_EXTENSIONS = tuple(sorted(FORMATS))
