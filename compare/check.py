"""The CI gate: record the accepted state of a corpus, then report what is new since.

``make_baseline(report)`` turns a run into a baseline: per-file content hashes, events
(member stories and their files), shared claims and discrepancies, each keyed by hashes of
normalised sentence text so that keys survive ids shifting (``c3`` today, ``c4`` tomorrow).
``check_report(report, baseline)`` compares a later run with it and returns a
``CheckResult``: new, changed and removed files, the events the new files joined or
started, and every discrepancy whose fingerprint the baseline does not hold, each
pointing at a file and a 1-based line of the SOURCE file (``SourceLines``).

A baseline is only trusted when it passes ``load_baseline``: JSON, the right format name
and version, and the shipped schema (schemas/baseline.schema.json). Anything else raises
``BaselineError``, which the CLI turns into exit 2: a broken baseline never passes.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from compare import __version__
from compare.fileio import atomic_write_text
from compare.model import SEVERITY_RANK, Discrepancy, Document, InputError, Report, Sentence, SentenceRef
from compare.textnorm import fold, words

BASELINE_FORMAT = "compare-baseline"
BASELINE_FORMAT_VERSION = 1
CHECK_FORMAT_VERSION = 1
KEY_LEN = 16  # hex digits of sha256 kept in keys: 64 bits, ample for a corpus


class BaselineError(Exception):
    """A baseline file that cannot be trusted, with the reason in words."""


# ---------------------------------------------------------------------------------------
# stable keys


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_LEN]


def normalise_sentence(text: str) -> str:
    """The form sentences are compared in: folded quotes and dashes, one space, lower case."""
    return fold(text).lower()


def sentence_key(text: str) -> str:
    """A hash of a sentence's normalised text: stable while the wording stays the same."""
    return _digest(normalise_sentence(text))


_ID_TOKENS = re.compile(r"\b[ce]\d+\b|#\d+\b")


def normalise_summary(summary: str) -> str:
    """A summary without the run-specific ids (claim ``c3``, event ``e1``, story ``#0``)."""
    return _ID_TOKENS.sub("", normalise_sentence(summary)).strip()


@dataclass(frozen=True, slots=True, order=True)
class SentenceItem:
    """One sentence of a discrepancy or claim, as the baseline knows it."""

    file: str
    key: str


def discrepancy_fingerprint(kind: str, severity: str, items: list[SentenceItem], summary: str) -> str:
    """Type, severity, the files and sentence texts involved, and the summary, hashed."""
    parts = [kind, severity, *(f"{i.file}\t{i.key}" for i in sorted(set(items))), normalise_summary(summary)]
    return _digest("\n".join(parts))


def claim_key(items: list[SentenceItem]) -> str:
    return _digest("\n".join(sorted({i.key for i in items})))


def event_key(stories: list[str]) -> str:
    return _digest("\n".join(sorted(stories)))


# ---------------------------------------------------------------------------------------
# the baseline


class _Lookup:
    """Stories and sentences of a report by id, and each story's file."""

    def __init__(self, report: Report) -> None:
        self.stories = report.stories()
        self.story_file = {sid: story.document for sid, story in self.stories.items()}
        self.documents = {doc.path: doc for doc in report.documents}

    def sentence(self, ref: SentenceRef) -> Sentence | None:
        story = self.stories.get(ref.story)
        if story is None:
            return None
        for s in story.sentences:
            if s.index == ref.index:
                return s
        return None

    def item(self, ref: SentenceRef) -> SentenceItem:
        s = self.sentence(ref)
        return SentenceItem(self.story_file.get(ref.story, ref.story.split("#")[0]), sentence_key(s.text if s else ""))

    def files_of(self, stories: list[str]) -> list[str]:
        return sorted({self.story_file.get(sid, sid.split("#")[0]) for sid in stories})


def _discrepancy_items(d: Discrepancy, look: _Lookup) -> list[SentenceItem]:
    return sorted({look.item(ref) for ref in d.sentences})


def make_baseline(report: Report) -> dict[str, Any]:
    """The accepted state of ``report`` as plain, sorted JSON data."""
    look = _Lookup(report)
    events, claims, discrepancies = [], [], []
    for event in report.events:
        files = look.files_of(event.stories)
        events.append({
            "key": event_key(event.stories),
            "stories": sorted(event.stories),
            "files": files,
            "title": event.title,
        })
        for claim in event.claims:
            if len(claim.sentences) < 2:
                continue  # a sentence only one account carries: no shared claim to remember
            items = sorted({look.item(ref) for ref in claim.sentences})
            claims.append({"key": claim_key(items), "files": sorted({i.file for i in items})})
        for d in event.discrepancies:
            items = _discrepancy_items(d, look)
            discrepancies.append({
                "fingerprint": discrepancy_fingerprint(d.type, d.severity, items, d.summary),
                "type": d.type,
                "severity": d.severity,
                "files": sorted({i.file for i in items}),
                "sentences": [{"file": i.file, "key": i.key} for i in items],
                "summary": d.summary,
            })
    return {
        "format": BASELINE_FORMAT,
        "format_version": BASELINE_FORMAT_VERSION,
        "compare_version": __version__,
        "parameters": report.parameters,
        "files": {doc.path: content_hash(doc) for doc in sorted(report.documents, key=lambda d: d.path)},
        "events": sorted(events, key=lambda e: (e["stories"], e["key"])),
        "claims": sorted(_unique(claims, "key"), key=lambda c: c["key"]),
        "discrepancies": sorted(_unique(discrepancies, "fingerprint"), key=lambda d: d["fingerprint"]),
    }


def _unique(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row[key], row)
    return list(seen.values())


def dumps_baseline(data: dict[str, Any]) -> str:
    """Pretty, key-sorted JSON with one item per line where it helps ``git diff``."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_baseline(data: dict[str, Any], path: Path) -> None:
    """Validate, then write atomically, readable like any file created here (it is committed)."""
    _validate(data, str(path))
    atomic_write_text(path, dumps_baseline(data))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def baseline_schema() -> dict[str, Any]:
    text = resources.files("compare").joinpath("schemas", "baseline.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _validate(data: Any, where: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(baseline_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        first = errors[0]
        at = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise BaselineError(f"{where}: not a valid compare baseline: at {at}: {first.message}{more}")


def load_baseline(path: Path) -> dict[str, Any]:
    """Read and validate a baseline; ``BaselineError`` when it cannot be trusted."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with `compare baseline CORPUS -o {path}`)") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: baseline is not valid JSON (corrupt or truncated?): {exc}") from None
    if not isinstance(data, dict) or data.get("format") != BASELINE_FORMAT:
        raise BaselineError(f"{path}: not a compare baseline (no \"format\": \"{BASELINE_FORMAT}\")")
    version = data.get("format_version")
    if version != BASELINE_FORMAT_VERSION:
        made_by = data.get("compare_version", "an unknown version")
        raise BaselineError(
            f"{path}: baseline format version {version!r} (written by compare {made_by}); this compare "
            f"{__version__} reads format version {BASELINE_FORMAT_VERSION}: re-create it with `compare baseline`"
        )
    _validate(data, str(path))
    return data


# ---------------------------------------------------------------------------------------
# where a sentence is in its source file

_TAG = re.compile(r"<[^>]*>")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\([\"\\/bfnrt])")
_JSON_SIMPLE = {"b": " ", "f": " ", "n": " ", "r": " ", "t": " "}


def _unjson(line: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            return chr(int(m.group(1), 16))
        return _JSON_SIMPLE.get(m.group(2), m.group(2))

    return _JSON_ESCAPE.sub(one, line)


def _searchable(line: str) -> str:
    """A raw line as words a reader would see: tags dropped, HTML and JSON escapes decoded."""
    return normalise_sentence(html.unescape(_TAG.sub(" ", _unjson(line))))


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


_RECORD = re.compile(r"^(?P<file>.+\.(?P<ext>json|jsonl|ndjson)):(?P<n>\d+)$", re.IGNORECASE)


def source_file(doc_path: str) -> tuple[str, int | None]:
    """The file a document was read from, and its record number when it is one article of a
    JSON list (``feed.json:2``, the 2nd item) or a JSONL file (``feed.jsonl:7``, line 7)."""
    m = _RECORD.match(doc_path)
    return (m["file"], int(m["n"])) if m else (doc_path, None)


def content_hash(doc: Document) -> str:
    """What decides whether a document changed: the file's sha256, or for one record of a
    JSON/JSONL file (which shares the file's hash with its siblings) a hash of the record."""
    if source_file(doc.path)[1] is None:
        return doc.sha256
    fields = [doc.text, doc.title, doc.date, doc.outlet, doc.url, doc.language, doc.derived_from]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


class SourceLines:
    """Finds the 1-based line of a sentence in the raw file it was extracted from."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self._raw: dict[str, str | None] = {}
        self._lines: dict[str, list[str]] = {}

    def _text(self, file: str, encoding: str | None) -> str | None:
        if file not in self._raw:
            try:
                data = (self.corpus / file).read_bytes()
            except OSError:
                self._raw[file] = None
            else:
                try:
                    text = data.decode(encoding or "utf-8", errors="replace")
                except LookupError:
                    text = data.decode("utf-8", errors="replace")
                self._raw[file] = text.removeprefix("\ufeff")
        return self._raw[file]

    def line(self, doc: Document, sentence: Sentence) -> int:
        file, record = source_file(doc.path)
        if record is not None and file.lower().endswith(("l", "ndjson")):  # JSONL: one record a line
            return record
        raw = self._text(file, doc.encoding)
        if raw is None or not sentence.text:
            return 1
        ratio = len(raw) / max(len(doc.text), 1)
        expected = int(sentence.start * ratio)
        if raw.startswith(sentence.text, sentence.start):  # plain text read as is
            return raw.count("\n", 0, sentence.start) + 1
        found = _nearest(_occurrences(raw, sentence.text), expected)
        if found is not None:
            return raw.count("\n", 0, found) + 1
        return self._fuzzy_line(file, raw, sentence.text, raw.count("\n", 0, min(expected, len(raw))) + 1)

    def _fuzzy_line(self, file: str, raw: str, text: str, expected_line: int) -> int:
        lines = self._lines.get(file)
        if lines is None:
            lines = self._lines[file] = [_searchable(x) for x in raw.split("\n")]
        words = _WORD.findall(normalise_sentence(text))
        for k in (8, 5, 3):
            if len(words) < min(k, 2):
                continue
            pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, words[:k])) + r"\b")
            hits = [n for n, line in enumerate(lines, 1) if pattern.search(line)]
            best = _nearest(hits, expected_line)
            if best is not None:
                return best
        return 1


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at >= 0 and len(found) < 100:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _nearest(candidates: list[int], target: int) -> int | None:
    return min(candidates, key=lambda c: (abs(c - target), c)) if candidates else None


# ---------------------------------------------------------------------------------------
# the check


@dataclass(slots=True)
class Location:
    """A sentence in a source file."""

    file: str  # relative to the corpus
    line: int
    text: str


@dataclass(slots=True)
class Finding:
    """One thing the gate reports; ``severity`` is compared with ``--fail-on``."""

    kind: str  # input_error, new_/grown_/shifted_discrepancy, event_joined, event_started, events_regrouped
    severity: str  # info, warning, error
    title: str
    message: str
    file: str | None = None
    line: int | None = None
    related: list[Location] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class FileChanges:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def touched(self) -> set[str]:
        return set(self.new) | set(self.changed)


@dataclass(slots=True)
class CheckResult:
    """What is new in a corpus since its baseline, and whether the gate fails."""

    corpus: str
    fail_on: str
    files: FileChanges
    findings: list[Finding]
    resolved: list[dict[str, Any]]
    errors: list[InputError]
    index: dict[str, Any] | None
    notes: list[str]
    baseline_version: str
    mismatch: list[str] = field(default_factory=list)  # why the baseline may not fit this run

    def failing(self) -> list[Finding]:
        floor = SEVERITY_RANK[self.fail_on]
        return [f for f in self.findings if f.kind != "input_error" and SEVERITY_RANK[f.severity] >= floor]

    @property
    def exit_code(self) -> int:
        """3 when input files could not be read (the corpus is broken: that wins), 1 when
        findings reach ``fail_on``, else 0."""
        if self.errors:
            return 3
        return 1 if self.failing() else 0


def diff_files(baseline: dict[str, Any], report: Report) -> FileChanges:
    before: dict[str, str] = baseline["files"]
    now = {doc.path: content_hash(doc) for doc in report.documents}
    unreadable = {e.path for e in report.errors}
    changes = FileChanges()
    for path in sorted(now):
        if path not in before:
            changes.new.append(path)
        elif before[path] != now[path]:
            changes.changed.append(path)
        else:
            changes.unchanged.append(path)
    changes.removed = sorted(p for p in before if p not in now and source_file(p)[0] not in unreadable)
    return changes


def index_usage(stats: dict[str, Any], story_file: dict[str, str]) -> dict[str, Any] | None:
    """What the persistent index reused and what it had to sign, from ``report.stats["index"]``
    (counts of stories; file lists too where the stats name the stories); None when the run
    left no index statistics."""
    index = stats.get("index") if isinstance(stats, dict) else None
    if not isinstance(index, dict):
        return None
    out: dict[str, Any] = {}
    for name in ("reused", "signed"):
        value = index.get(name)
        if isinstance(value, list):  # story ids
            out[f"{name}_stories"] = len(value)
            out[f"{name}_files"] = sorted({story_file.get(str(v), str(v).split("#")[0]) for v in value})
        elif isinstance(value, int) and not isinstance(value, bool):
            out[f"{name}_stories"] = value
        ids = index.get(f"{name}_ids") or index.get(f"{name}_stories")
        if isinstance(ids, list):
            out[f"{name}_files"] = sorted({story_file.get(str(v), str(v).split("#")[0]) for v in ids})
    for name in ("events_reused", "events_computed"):  # claims and discrepancies from the index / aligned again
        value = index.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            out[name] = value
    for key in ("index_warning", "warning"):
        if isinstance(index.get(key), str) and index[key]:
            out["warning"] = index[key]
            break
    return out


def display_path(prefix: str, file: str) -> str:
    """``file`` (relative to the corpus) under ``prefix``."""
    if not prefix or prefix in (".", "./"):
        return file
    return prefix.rstrip("/") + "/" + file


class _Checker:
    """One comparison of a run with a baseline: what changed, and the findings it makes."""

    def __init__(self, report: Report, baseline: dict[str, Any], corpus: Path, prefix: str) -> None:
        self.report, self.baseline, self.prefix = report, baseline, prefix
        self.look = _Lookup(report)
        self.lines = SourceLines(corpus)
        self.changes = diff_files(baseline, report)
        self.touched = self.changes.touched
        self.touched_files = {source_file(p)[0] for p in self.touched}
        self.same_setup = (baseline.get("parameters") == report.parameters
                           and baseline.get("compare_version") == __version__)
        self.regrouped = self._regrouped()
        self.affected = self._affected_files()

    def _affected_files(self) -> set[str]:
        """Files whose event a new, changed or removed file joined or left, or that were regrouped:
        compared with different company, their discrepancies can shift without any of them changing."""
        gone = set(self.changes.changed) | set(self.changes.removed)
        affected: set[str] = set()
        for event in self.report.events:
            members = set(self.look.files_of(event.stories))
            if members & self.touched:
                affected |= members
        for event in self.baseline["events"]:
            if set(event["files"]) & gone:
                affected |= set(event["files"])
        for group in self.regrouped:
            affected |= set(group)
        return affected

    def names(self, files: list[str]) -> str:
        """Files as the reader sees them: under ``prefix``, comma-separated."""
        return ", ".join(display_path(self.prefix, f) for f in files)

    def locate(self, ref: SentenceRef) -> Location | None:
        sentence = self.look.sentence(ref)
        story = self.look.stories.get(ref.story)
        if sentence is None or story is None:
            return None
        doc = self.look.documents[story.document]
        return Location(source_file(doc.path)[0], self.lines.line(doc, sentence), sentence.text)

    def locations(self, refs: list[SentenceRef]) -> list[Location]:
        """Locations of ``refs``, new or changed files first, then by file and line."""
        found: dict[tuple[str, int], Location] = {}
        for loc in (self.locate(r) for r in sorted(set(refs))):
            if loc is not None:
                found.setdefault((loc.file, loc.line), loc)  # one entry a line
        return sorted(found.values(), key=lambda loc: (loc.file not in self.touched_files, loc.file, loc.line))

    def event_findings(self) -> list[Finding]:
        findings = []
        for event in self.report.events:
            new_stories = [s for s in event.stories if self.look.story_file.get(s) in self.touched]
            if not new_stories:
                continue
            new_files = self.look.files_of(new_stories)
            old_files = [f for f in self.look.files_of(event.stories) if f not in self.touched]
            shared = sum(
                1 for c in event.claims
                if {self.look.story_file.get(r.story) for r in c.sentences} & self.touched
                and {self.look.story_file.get(r.story) for r in c.sentences} - self.touched
            )
            label = f"\u201c{event.title}\u201d" if event.title else event.id
            where = self._story_start(new_stories[0])
            if old_files:
                findings.append(Finding(
                    "event_joined", "info", "joined an existing event",
                    f"{self.names(new_files)} joined event {label} with {self.names(old_files)} "
                    f"({shared} shared claim{'s' if shared != 1 else ''})",
                    file=where.file if where else source_file(new_files[0])[0], line=where.line if where else 1,
                    details={"event": event.id, "title": event.title, "new_files": new_files,
                             "existing_files": old_files, "shared_claims": shared},
                ))
            else:
                findings.append(Finding(
                    "event_started", "info", "started a new event",
                    f"{self.names(new_files)} started event {label}"
                    + (f" ({len(new_stories)} accounts)" if len(new_stories) > 1 else ""),
                    file=where.file if where else source_file(new_files[0])[0], line=where.line if where else 1,
                    details={"event": event.id, "title": event.title, "new_files": new_files,
                             "existing_files": []},
                ))
        return findings

    def _story_start(self, story_id: str) -> Location | None:
        story = self.look.stories.get(story_id)
        if story is None or not story.sentences:
            return None
        return self.locate(SentenceRef(story_id, story.sentences[0].index))

    def _regrouped(self) -> list[list[str]]:
        """Files of unchanged stories grouped differently from the baseline, one list a new group
        (with the files of the baseline groups it took stories from)."""
        unchanged = set(self.changes.unchanged)
        before = {
            frozenset(s for s in e["stories"] if s.rsplit("#", 1)[0] in unchanged) for e in self.baseline["events"]
        }
        now = {
            frozenset(s for s in e.stories if self.look.story_file.get(s) in unchanged) for e in self.report.events
        }
        before.discard(frozenset())
        now.discard(frozenset())
        out = []
        for group in sorted(now - before, key=sorted):
            files = set(self.look.files_of(sorted(group)))
            files |= {s.rsplit("#", 1)[0] for b in before if b & group for s in b}
            out.append(sorted(files))
        return out

    def regroup_findings(self) -> list[Finding]:
        return [
            Finding(
                "events_regrouped", "info", "events regrouped",
                f"unchanged files now grouped differently than in the baseline: {self.names(files)}",
                file=source_file(files[0])[0], line=1, details={"files": files},
            )
            for files in self.regrouped
        ]

    def discrepancy_findings(self) -> tuple[list[Finding], list[dict[str, Any]]]:
        known = {d["fingerprint"]: d for d in self.baseline["discrepancies"]}
        seen: set[str] = set()
        findings = []
        for event in self.report.events:
            for d in event.discrepancies:
                items = _discrepancy_items(d, self.look)
                fp = discrepancy_fingerprint(d.type, d.severity, items, d.summary)
                if fp in known:
                    seen.add(fp)
                    continue
                grown_from = self._grown_from(d, items, known)
                locs = self.locations(d.sentences)
                head = locs[0] if locs else None
                others = locs[1:]
                common = {
                    "event": event.id, "claim": d.claim, "type": d.type, "fingerprint": fp,
                    "files": sorted({i.file for i in items}), "summary": d.summary,
                }
                if grown_from is not None:
                    seen.add(grown_from["fingerprint"])
                    extra = sorted({i.file for i in items} - set(grown_from["files"]))
                    also = f"now also in {self.names(extra)}" if extra else "only the accounts it names changed"
                    findings.append(Finding(
                        "grown_discrepancy", "info", f"known {d.type} discrepancy, {also}",
                        f"{d.summary} (accepted in the baseline as {d.severity}; {also})",
                        file=head.file if head else None, line=head.line if head else None, related=others,
                        details={**common, "baseline_severity": d.severity, "baseline_fingerprint": grown_from["fingerprint"]},
                    ))
                    continue
                files = {i.file for i in items}
                corpus_changed = bool(self.touched or self.changes.removed)
                if self.same_setup and corpus_changed and not files & self.touched and files <= self.affected:
                    findings.append(Finding(
                        "shifted_discrepancy", "info", f"{d.type} discrepancy among unchanged files shifted",
                        f"{d.summary} (between unchanged files only: it shifted because new, changed or "
                        f"removed files changed who their event is compared with; {d.severity} on its own)",
                        file=head.file if head else None, line=head.line if head else None, related=others,
                        details={**common, "own_severity": d.severity},
                    ))
                    continue
                findings.append(Finding(
                    "new_discrepancy", d.severity, f"new {d.type} discrepancy ({d.severity})",
                    d.summary,
                    file=head.file if head else None, line=head.line if head else None, related=others,
                    details=common,
                ))
        resolved = [
            {k: d[k] for k in ("fingerprint", "type", "severity", "files", "summary")}
            for fp, d in sorted(known.items()) if fp not in seen
        ]
        return findings, resolved

    def _grown_from(self, d: Discrepancy, items: list[SentenceItem], known: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
        """The accepted discrepancy this one repeats: same type and severity; every sentence not
        in the accepted one comes from a new or changed file; and either all the accepted
        sentences are still in it (a new account joined the conflict) or the added sentences
        are word for word accepted ones (a reprint repeating them); and no value (number, name)
        in its summary that the accepted summary lacked, other than the names of new or changed
        files. Anything else is new."""
        have = set(items)
        for fp in sorted(known):
            old = known[fp]
            if old["type"] != d.type or old["severity"] != d.severity:
                continue
            before = {SentenceItem(s["file"], s["key"]) for s in old["sentences"]}
            added = have - before
            if not all(i.file in self.touched for i in added):
                continue
            grown = before <= have
            echoed = added and {i.key for i in added} <= {i.key for i in before}  # a reprint's verbatim sentence
            if not (grown or echoed):
                continue
            allowed = value_tokens(old["summary"]) | self._name_tokens(self.touched)
            if value_tokens(d.summary) <= allowed:
                return old
        return None

    def _name_tokens(self, files: set[str]) -> set[str]:
        """Words of the added files' names and outlets: a summary may name its sources."""
        names = []
        for f in files:
            names.append(f)
            doc = self.look.documents.get(f)
            if doc is not None:
                names += [doc.outlet or "", doc.derived_from or ""]
        return value_tokens(" ".join(names))


_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion dozen dozens half quarter first second third fourth fifth
    percent""".split()
)


def value_tokens(text: str) -> set[str]:
    """The tokens of a summary that carry values: numbers, number words, capitalised names."""
    out = set()
    for w in words(text):
        low = w.lower()
        if any(ch.isdigit() for ch in w) or low in _NUMBER_WORDS or w[:1].isupper():
            out.add(low)
    return out


def check_report(
    report: Report, baseline: dict[str, Any], corpus: Path, fail_on: str = "error", prefix: str = ""
) -> CheckResult:
    """Everything new in ``report`` since ``baseline``; ``corpus`` is read for line numbers.
    File fields stay relative to the corpus; messages name files under ``prefix`` (the corpus
    folder as the reader sees it, e.g. relative to the repository root)."""
    if fail_on not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be one of {', '.join(SEVERITY_RANK)}")
    checker = _Checker(report, baseline, corpus, prefix)
    discrepancies, resolved = checker.discrepancy_findings()
    findings = [
        Finding("input_error", "error", "file could not be read", e.error, file=e.path, line=None)
        for e in sorted(report.errors, key=lambda e: e.path)
    ]
    findings += checker.event_findings() + checker.regroup_findings() + discrepancies
    notes = []
    index = index_usage(report.stats, checker.look.story_file)
    if index and index.get("warning"):
        notes.append(f"signature index: {index['warning']}")
    if baseline.get("compare_version") != __version__:
        notes.append(f"the baseline was written by compare {baseline.get('compare_version')}; this is {__version__}")
    mismatch = baseline_mismatch(baseline, report)
    notes += mismatch
    return CheckResult(
        corpus=report.corpus,
        fail_on=fail_on,
        files=checker.changes,
        findings=sorted(findings, key=_finding_order),
        resolved=resolved,
        errors=sorted(report.errors, key=lambda e: e.path),
        index=index,
        notes=notes,
        baseline_version=str(baseline.get("compare_version")),
        mismatch=mismatch,
    )


def baseline_mismatch(baseline: dict[str, Any], report: Report) -> list[str]:
    """Why ``baseline`` may not describe this run, in words: it was made from another corpus
    (none of its files is here, by path or by content), or with other parameters."""
    out = []
    before: dict[str, str] = baseline.get("files") or {}
    now = {doc.path: content_hash(doc) for doc in report.documents}
    present = set(now) | {e.path for e in report.errors}
    if before and (now or report.errors):
        same_path = {p for p in before if p in present or source_file(p)[0] in present}
        same_content = set(before.values()) & set(now.values())
        if not same_path and not same_content:
            out.append(f"the baseline was made from another corpus: none of its {len(before)} files is in "
                       f"{report.corpus} (by path or by content)")
    if baseline.get("parameters") != report.parameters:
        changed = sorted(_changed_parameters(baseline.get("parameters") or {}, report.parameters))
        out.append("parameters differ from the baseline's: " + ", ".join(changed))
    return out


_KIND_ORDER = {"input_error": 0, "new_discrepancy": 1, "grown_discrepancy": 2, "event_joined": 3,
               "event_started": 4, "events_regrouped": 5, "shifted_discrepancy": 6}


def _finding_order(f: Finding) -> tuple[Any, ...]:
    return (-SEVERITY_RANK[f.severity], _KIND_ORDER.get(f.kind, 9), f.file or "", f.line or 0, f.message)


def _changed_parameters(before: dict[str, Any], now: dict[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key in sorted(set(before) | set(now)):
        a, b = before.get(key), now.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            out += _changed_parameters(a, b, f"{prefix}{key}.")
        elif a != b:
            out.append(f"{prefix}{key} {a!r} -> {b!r}")
    return out
