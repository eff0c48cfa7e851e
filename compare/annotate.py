"""Output formats for ``compare check``: text, JSON, GitHub workflow commands, JUnit XML, Markdown.

Every renderer takes a ``CheckResult`` and a ``prefix`` (the corpus folder as the CI
sees it, e.g. ``articles/``) prepended to file paths, so that annotations point at
paths relative to the repository root. All output is deterministic.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

from compare import __version__
from compare.check import CHECK_FORMAT_VERSION, CheckResult, Finding, display_path
from compare.model import SEVERITY_RANK
from compare.safetext import clean_text, display, one_line

MAX_RELATED = 5  # other locations named in a one-line message (JSON lists them all)
MAX_RESOLVED_LINES = 20
MAX_MD_ROWS = 50  # rows a Markdown table shows (a pull-request comment holds 65,536 characters)
FORMATS = ("text", "json", "github", "junit", "markdown")
_KIND_LABEL = {
    "input_error": "unreadable file",
    "new_discrepancy": "new discrepancy",
    "grown_discrepancy": "known discrepancy, new account",
    "shifted_discrepancy": "shifted discrepancy",
    "event_joined": "joined event",
    "event_started": "new event",
    "events_regrouped": "regrouped",
}


def _path(prefix: str, file: str | None) -> str | None:
    return None if file is None else display_path(prefix, file)


def _message(f: Finding, prefix: str) -> str:
    """The finding's message, with the other sentences involved named by file and line."""
    shown = [f"{_path(prefix, r.file)}:{r.line}" for r in f.related[:MAX_RELATED]]
    if len(f.related) > MAX_RELATED:
        shown.append(f"{len(f.related) - MAX_RELATED} more")
    return f.message + (f" [also: {'; '.join(shown)}]" if shown else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s" if not word.endswith("y") else f"{n} {word[:-1]}ies"


def _where(prefix: str, f: Finding) -> str:
    path = _path(prefix, f.file)
    if path is None:
        return ""
    return f"{path}:{f.line}" if f.line else path


def verdict(result: CheckResult) -> str:
    code = result.exit_code
    failing = len(result.failing())
    if code == 3:
        return f"FAILED: {len(result.errors)} input file(s) could not be read"
    if code == 1:
        return f"FAILED: {failing} new finding(s) at or above {result.fail_on}"
    return f"passed: nothing new at or above {result.fail_on}"


def _counts(result: CheckResult) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITY_RANK, 0)
    for f in result.findings:
        if f.kind != "input_error":
            counts[f.severity] += 1
    return counts


def _index_line(result: CheckResult) -> str | None:
    idx = result.index
    if idx is None:
        return None
    parts = []
    for name, verb in (("reused", "reused unchanged"), ("signed", "signed (new or changed)")):
        if f"{name}_stories" in idx:
            files = idx.get(f"{name}_files")
            shown = f" ({', '.join(files)})" if files else ""
            parts.append(f"{_plural(idx[f'{name}_stories'], 'story')} {verb}{shown}")
    if "events_computed" in idx:
        parts.append(f"{_plural(idx['events_computed'], 'event')} aligned and compared again, "
                     f"{idx.get('events_reused', 0)} unchanged taken from the index")
    return "signature index: " + ("; ".join(parts) if parts else "no statistics")


# ---------------------------------------------------------------------------------------
# text


def render_text(result: CheckResult, prefix: str = "") -> str:
    files = result.files
    lines = [
        f"compare check: {result.corpus}",
        f"files: {len(files.new)} new, {len(files.changed)} changed, {len(files.removed)} removed, "
        f"{len(files.unchanged)} unchanged",
    ]
    for label, paths in (("new", files.new), ("changed", files.changed), ("removed", files.removed)):
        lines += [f"  {label}: {_path(prefix, p)}" for p in paths]
    index = _index_line(result)
    if index:
        lines.append(index)
    lines += [f"note: {n}" for n in result.notes]
    for f in result.findings:
        where = _where(prefix, f)
        lines.append(f"{f.severity:7} {_KIND_LABEL.get(f.kind, f.kind)}: {where + ': ' if where else ''}{_message(f, prefix)}")
    if result.resolved:
        lines.append(f"resolved since the baseline: {_plural(len(result.resolved), 'discrepancy')}")
        lines += [f"  {d['type']} ({d['severity']}) in {', '.join(d['files'])}: {d['summary']}"
                  for d in result.resolved[:MAX_RESOLVED_LINES]]
        if len(result.resolved) > MAX_RESOLVED_LINES:
            lines.append(f"  ... and {len(result.resolved) - MAX_RESOLVED_LINES} more (see --format json)")
    counts = _counts(result)
    lines.append(f"new findings: {counts['error']} error, {counts['warning']} warning, {counts['info']} info")
    lines.append(verdict(result))
    # each entry is one line of output: a line break or control in a file name or a message is
    # shown escaped ("\\n"), so no value can forge lines (or CI commands) of its own
    return "\n".join(one_line(line) for line in lines) + "\n"


# ---------------------------------------------------------------------------------------
# JSON


def result_to_dict(result: CheckResult, prefix: str = "") -> dict[str, Any]:
    def finding(f: Finding) -> dict[str, Any]:
        return {
            "kind": f.kind, "severity": f.severity, "title": f.title, "message": f.message,
            "file": _path(prefix, f.file), "line": f.line,
            "related": [{"file": _path(prefix, r.file), "line": r.line, "text": r.text} for r in f.related],
            "details": f.details,
        }

    return {
        "format": "compare-check",
        "format_version": CHECK_FORMAT_VERSION,
        "compare_version": __version__,
        "baseline_compare_version": result.baseline_version,
        "corpus": result.corpus,
        "fail_on": result.fail_on,
        "exit_code": result.exit_code,
        "passed": result.exit_code == 0,
        "counts": _counts(result),
        "files": {
            "new": [_path(prefix, p) for p in result.files.new],
            "changed": [_path(prefix, p) for p in result.files.changed],
            "removed": [_path(prefix, p) for p in result.files.removed],
            "unchanged": len(result.files.unchanged),
        },
        "index": result.index,
        "notes": result.notes,
        "errors": [{"path": _path(prefix, e.path), "error": e.error} for e in result.errors],
        "findings": [finding(f) for f in result.findings],
        "resolved": result.resolved,
    }


def render_json(result: CheckResult, prefix: str = "") -> str:
    return json.dumps(result_to_dict(result, prefix), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ---------------------------------------------------------------------------------------
# GitHub Actions workflow commands


def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner decodes it: % CR LF."""
    return display(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github_command(f: Finding, prefix: str = "") -> str:
    """``::error file=F,line=L,title=T::message`` for one finding."""
    props = []
    path = _path(prefix, f.file)
    if path:
        props.append(f"file={_escape_property(path)}")
        if f.line:
            props.append(f"line={f.line}")
    props.append(f"title={_escape_property('compare: ' + f.title)}")
    return f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(_message(f, prefix))}"


_EVENT_KINDS = ("event_joined", "event_started", "events_regrouped")


def _annotated(result: CheckResult, f: Finding) -> bool:
    """Annotate what gates, every warning, and the events new files joined or started; other
    info-level findings go to the summary only (GitHub shows 10 annotations of a kind a step)."""
    gates = SEVERITY_RANK[f.severity] >= SEVERITY_RANK[result.fail_on]
    return gates or f.severity != "info" or f.kind in _EVENT_KINDS


def render_github(result: CheckResult, prefix: str = "") -> str:
    """Annotations (every value escaped), then the text summary in a group, inside
    ``::stop-commands::`` so that no line of it is ever run as a workflow command. The
    token is a hash of the summary: deterministic, and no input can predict it."""
    lines = [github_command(f, prefix) for f in result.findings if _annotated(result, f)]
    lines += [f"::notice title=compare%3A note::{_escape_data(n)}" for n in result.notes]
    summary = render_text(result, prefix).rstrip("\n")
    token = "compare-" + hashlib.sha256(summary.encode("utf-8")).hexdigest()[:32]
    lines.append("::group::compare check summary")
    lines.append(f"::stop-commands::{token}")
    lines += summary.split("\n")
    lines.append(f"::{token}::")
    lines.append("::endgroup::")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# JUnit XML


def render_junit(result: CheckResult, prefix: str = "") -> str:
    """One testsuite; a testcase per finding (failed when at or above ``fail_on``), an
    ``<error>`` per unreadable file, and one passing case when there is nothing new."""
    failing = {id(f) for f in result.failing()}
    suite = ET.Element("testsuite", {"name": f"compare check {result.corpus}"})
    n_fail = n_err = 0
    for f in result.findings:
        where = _where(prefix, f)
        case = ET.SubElement(suite, "testcase", {
            "classname": f"compare.{f.kind}",
            "name": f"{where} {f.title}".strip(),
            "file": _path(prefix, f.file) or "",
            "line": str(f.line or 0),
        })
        if f.kind == "input_error":
            n_err += 1
            ET.SubElement(case, "error", {"type": f.kind, "message": f.message}).text = f"{where}: {f.message}"
        elif id(f) in failing:
            n_fail += 1
            body = [f"{where}: {f.message}"] + [f"  also {_path(prefix, r.file)}:{r.line}: {r.text}" for r in f.related]
            ET.SubElement(case, "failure", {"type": f"{f.kind}.{f.severity}", "message": f.message}).text = "\n".join(body)
        else:
            ET.SubElement(case, "system-out").text = f"{f.severity}: {where}: {_message(f, prefix)}"
    if not result.findings:
        ET.SubElement(suite, "testcase", {"classname": "compare.check", "name": "nothing new since the baseline"})
    total = max(len(result.findings), 1)
    suite.set("tests", str(total))
    suite.set("failures", str(n_fail))
    suite.set("errors", str(n_err))
    suite.set("skipped", "0")
    root = ET.Element("testsuites", {"name": "compare", "tests": str(total), "failures": str(n_fail), "errors": str(n_err)})
    root.append(suite)
    ET.indent(root)
    # ElementTree writes characters XML 1.0 forbids as they are (ill-formed XML): drop them
    return display(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


# ---------------------------------------------------------------------------------------
# Markdown (pull-request comment, $GITHUB_STEP_SUMMARY)

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: specials escaped, one line."""
    return " ".join(clean_text(str(text)).split()).translate(_MD_SPECIAL)


def _md_code(text: str) -> str:
    text = " ".join(clean_text(text).split()).replace("|", "\\|")
    return f"``{text}``" if "`" in text else f"`{text}`"


def _more_rows(total: int, columns: int) -> list[str]:
    if total <= MAX_MD_ROWS:
        return []
    return ["| " + " | ".join([f"… and {total - MAX_MD_ROWS} more (see the JSON output)"] + [""] * (columns - 1)) + " |"]


def _discrepancy_table(findings: list[Finding], failing: set[int], prefix: str) -> list[str]:
    rows = ["| | severity | type | where | summary |", "|---|---|---|---|---|"]
    for f in findings[:MAX_MD_ROWS]:
        mark = "\u274c" if id(f) in failing else ""
        also = ", ".join(_md_code(f"{_path(prefix, r.file)}:{r.line}") for r in f.related[:MAX_RELATED])
        if len(f.related) > MAX_RELATED:
            also += f" and {len(f.related) - MAX_RELATED} more"
        where = _md_code(_where(prefix, f)) + (f" (also {also})" if also else "")
        kind = f.details.get("type", "") + (f" ({_KIND_LABEL[f.kind]})" if f.kind != "new_discrepancy" else "")
        rows.append(f"| {mark} | {f.severity} | {_md(kind)} | {where} | {_md(f.details.get('summary', f.message))} |")
    return rows + _more_rows(len(findings), 5)


def render_markdown(result: CheckResult, prefix: str = "") -> str:
    icon = {0: "\u2705", 1: "\u274c", 3: "\u26a0\ufe0f"}[result.exit_code]
    counts = _counts(result)
    files = result.files
    out = [
        f"### {icon} compare check: {_md(verdict(result))}",
        "",
        f"**{len(files.new)}** new, **{len(files.changed)}** changed, **{len(files.removed)}** removed, "
        f"{len(files.unchanged)} unchanged files; new findings: **{counts['error']}** error, "
        f"**{counts['warning']}** warning, **{counts['info']}** info (gate: `--fail-on {result.fail_on}`).",
        "",
    ]
    if result.errors:
        out += ["#### Files that could not be read", "", "| file | problem |", "|---|---|"]
        out += [f"| {_md_code(_path(prefix, e.path) or e.path)} | {_md(e.error)} |" for e in result.errors]
        out.append("")
    events = [f for f in result.findings if f.kind in _EVENT_KINDS]
    if events:
        out += ["#### Events", "", "| file | event |", "|---|---|"]
        out += [f"| {_md_code(_where(prefix, f))} | {_md(f.message)} |" for f in events[:MAX_MD_ROWS]]
        out += _more_rows(len(events), 2)
        out.append("")
    disc = [f for f in result.findings if f.kind in ("new_discrepancy", "grown_discrepancy", "shifted_discrepancy")]
    failing = {id(f) for f in result.failing()}
    major = [f for f in disc if id(f) in failing or f.severity != "info"]
    minor = [f for f in disc if not (id(f) in failing or f.severity != "info")]
    if major:
        out += ["#### New discrepancies", "", *_discrepancy_table(major, failing, prefix), ""]
    if minor:
        out += [f"<details><summary>{len(minor)} info-level: wording, omissions, accepted conflicts now also "
                "in new files, differences shifted between unchanged files</summary>", "",
                *_discrepancy_table(minor, failing, prefix), "", "</details>", ""]
    if result.resolved:
        out += [f"<details><summary>{len(result.resolved)} discrepancies resolved since the baseline</summary>", ""]
        out += [f"- {_md(d['type'])} ({d['severity']}) in {', '.join(_md_code(p) for p in d['files'])}: {_md(d['summary'])}"
                for d in result.resolved]
        out += ["", "</details>", ""]
    index = _index_line(result)
    if index:
        out += [f"<sub>{_md(index)}</sub>", ""]
    out += [f"> note: {_md(n)}" for n in result.notes]
    return display("\n".join(out).rstrip("\n")) + "\n"


RENDERERS: dict[str, Callable[[CheckResult, str], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "junit": render_junit,
    "markdown": render_markdown,
}


def render(result: CheckResult, fmt: str, prefix: str = "") -> str:
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return RENDERERS[fmt](result, prefix)
