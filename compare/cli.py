"""The ``compare`` command: a thin typer layer over the library API (compare.pipeline).

Exit codes (every command):
  0  done, nothing to report at or above the threshold
  1  findings at or above ``--fail-on`` (check), or an unexpected internal error (also a
     report that could not be written after the work)
  2  usage or configuration error, before any work where it can be known: bad option,
     unreadable config, missing or empty corpus, an output that cannot be written or lies
     in the corpus, an unusable baseline (README, "Exit codes")
  3  some input files could not be read: each is named on stderr and in report.json
     ``errors``; the rest of the corpus was still processed and the report written
"""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperCommand

from compare import __version__
from compare.config import Config, ConfigError, load_config
from compare.fileio import file_output_problem, output_problem
from compare.safetext import display, one_line

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3

app = typer.Typer(
    name="compare",
    help=(
        "Find how different outlets told the same story: group articles about the same event, "
        "line up the sentences that say the same thing, and report every discrepancy "
        "(quotes, numbers, dates, names, attribution, framing, omissions)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # help as plain text: "compare[multilingual]", "[match]" shown as written
)
# one line per message, even in CI logs; never rich markup (file names and messages hold "[...]")
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
FLAG = ""  # metavar of an on/off option: nothing ("--quiet", not "--quiet <bool>")


class _Command(TyperCommand):
    """A command whose usage line names its argument as the README does (``CORPUS``, not ``{corpus}``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [re.sub(r"^\{(\w+)\}$", lambda m: m.group(1).upper(), piece)
                for piece in super().collect_usage_pieces(ctx)]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"compare {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.",
                     metavar=FLAG),
    ] = False,
) -> None:
    """Cross-source discrepancy and fact comparison for news."""


ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="TOML file with [match] and [align] parameters (default: ./compare.toml if present).", metavar="FILE"),
]


def _load_config(path: Path | None) -> Config:
    try:
        return load_config(path)
    except ConfigError as exc:
        err.print(f"error: {one_line(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from None


def _report_errors(errors: list) -> None:
    for e in errors:
        err.print(f"error: {one_line(e.path)}: {one_line(e.error)}", markup=False)


FollowSymlinksOption = Annotated[
    bool,
    typer.Option("--follow-symlinks", metavar=FLAG,
                 help="Also read symlinks that point out of the corpus folder (by default each is one error and is not read)."),
]


@app.command(cls=_Command, short_help="Compare the articles of a folder and write the report.")
def run(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS", help="Folder of articles (.txt .md .html .htm .json .jsonl), read recursively; never written to.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FOLDER", help="Output folder for report.json and the HTML pages: new, empty, or an earlier report (replaced whole).")] = Path("reports/latest"),
    config_file: ConfigOption = None,
    index_dir: Annotated[
        Path | None,
        typer.Option("--index", metavar="FOLDER", help="Folder of the persistent signature index (default: .compare-cache beside OUT)."),
    ] = None,
    num_perm: Annotated[int | None, typer.Option(metavar="N", help="MinHash permutations.", min=16, max=1024)] = None,
    lsh_threshold: Annotated[float | None, typer.Option(metavar="X", help="LSH candidate threshold (Jaccard of shingle sets).", min=0.0, max=1.0)] = None,
    verify_threshold: Annotated[float | None, typer.Option(metavar="X", help="Verification score a story needs to join an event.", min=0.0, max=1.0)] = None,
    date_window: Annotated[int | None, typer.Option("--date-window", metavar="DAYS", help="Days apart beyond which stories need extra textual evidence to match.", min=0)] = None,
    semantic: Annotated[bool | None, typer.Option("--semantic/--lexical", metavar=FLAG, help="Use sentence embeddings in the aligner, for accounts in one language too (needs pip install 'compare[multilingual]').")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar=FLAG, help="No progress or summary on stderr.")] = False,
    follow_symlinks: FollowSymlinksOption = False,
    engine: Annotated[str, typer.Option("--engine", metavar="NAME", help="embedded (one process, the default) or dask (needs pip install 'compare[dask]'; see docs/scale.md).")] = "embedded",
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler of a running cluster, e.g. tcp://HOST:8786 (default: a local cluster).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", metavar="N", min=1, help="With --engine dask and no --scheduler: worker processes of the local cluster (default: one per core).")] = None,
    index_url: Annotated[str | None, typer.Option("--index-url", metavar="URL", help="With --engine dask: a shared index every worker reaches, redis://HOST:6379/0 or parquet:/shared/folder (instead of --index).")] = None,
) -> None:
    """Compare every account in CORPUS and write OUT/report.json and OUT/index.html.

    Example: compare run fixtures/seed-corpus -o reports/seed
    """
    from compare.pipeline import run_corpus, write_outputs

    if not corpus.is_dir():
        err.print(f"error: corpus folder not found: {corpus}", markup=False)
        raise typer.Exit(EXIT_USAGE)
    index = index_dir if index_dir is not None else out.resolve().parent / ".compare-cache"
    _refuse_inside_corpus(corpus, out, "output folder", "-o")
    _refuse_inside_corpus(corpus, index, "index folder", "--index")
    _refuse_unusable_output(output_problem(out))
    config = _load_config(config_file)
    try:
        config = config.with_overrides(
            "match", num_perm=num_perm, lsh_threshold=lsh_threshold,
            verify_threshold=verify_threshold, date_window_days=date_window,
        ).with_overrides("align", semantic=semantic)
    except ConfigError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    if config.align.semantic:
        from compare.align.semantic import SemanticUnavailableError, check_available

        try:
            check_available()
        except SemanticUnavailableError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
    _refuse_empty_corpus(corpus, follow_symlinks)
    progress = None if quiet else _progress_printer()
    if engine == "embedded" and not (scheduler or workers or index_url):
        report = run_corpus(corpus, config, index_dir=index, progress=progress, follow_symlinks=follow_symlinks)
    else:
        from compare.engine import EngineError, EngineUsageError, run_with_engine

        try:
            report = run_with_engine(engine, corpus, config, index=index_url or str(index), scheduler=scheduler,
                                     workers=workers, progress=progress, follow_symlinks=follow_symlinks)
        except EngineUsageError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
        except EngineError as exc:
            err.print(f"error: {exc}; no report was written", markup=False)
            raise typer.Exit(EXIT_FINDINGS) from None
    _report_errors(report.errors)
    _report_index_warning(report)
    try:
        paths = write_outputs(report, out, progress=progress)
    except (OSError, ValueError) as exc:
        err.print(f"error: the report could not be written to {out}: {exc}", markup=False)
        raise typer.Exit(EXIT_FINDINGS) from None
    if not quiet:
        _print_summary(report, paths[0].parent)
    if report.errors:
        raise typer.Exit(EXIT_INPUT)


@app.command(cls=_Command, short_help="Show what compare extracts from one article file.")
def inspect(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="One article file (the manifest of its corpus is read too).")],
    as_json: Annotated[bool, typer.Option("--json", metavar=FLAG, help="Print the extracted record as JSON.")] = False,
) -> None:
    """Show what compare extracts from one FILE: metadata, stories, sentences with
    offsets, quotes with speakers, and the lines dropped as boilerplate with the reason."""
    import json
    from dataclasses import asdict

    from compare.ingest import InputFileError
    from compare.pipeline import inspect_file

    if not file.exists() and not file.is_symlink():
        err.print(f"error: {one_line(str(file))}: no such file")
        raise typer.Exit(EXIT_USAGE)
    if file.is_dir():
        err.print(f"error: {one_line(str(file))}: is a folder; inspect reads one article file "
                  "(compare run reads a folder)")
        raise typer.Exit(EXIT_USAGE)
    try:
        doc = inspect_file(file)
    except (InputFileError, OSError) as exc:
        err.print(f"error: {one_line(str(file))}: {one_line(str(exc))}")
        raise typer.Exit(EXIT_INPUT) from None
    if as_json:
        typer.echo(json.dumps(asdict(doc), ensure_ascii=False, indent=1))
        return
    # one line per sentence, however long; no rich markup: the text is the source's, brackets and all
    out = Console(highlight=False, soft_wrap=True, markup=False)
    shown = display  # bidi controls marked, controls dropped
    out.print(f"{shown(doc.path)} ({doc.format}, {doc.encoding or 'utf-8'}, sha256 {doc.sha256[:12]})", style="bold")
    for key in ("outlet", "url", "date", "language", "title", "derived_from"):
        out.print(f"  {key:13} {shown(str(getattr(doc, key)))}")
    for w in doc.warnings:
        out.print(f"  warning: {shown(w)}")
    for story in doc.stories:
        out.print()
        out.print(f"story {shown(story.id)} {story.kind} date={story.date} title={shown(repr(story.title))}", style="bold")
        for s in story.sentences:
            out.print(f"  [{s.index:3}] {s.start:6}-{s.end:<6} {s.role:5} {shown(s.text)}")
        for q in story.quotes:
            out.print(f"  quote (sentences {q.sentences}) speaker={shown(repr(q.speaker))} verb={q.verb!r}: {shown(q.text)}")
    if doc.dropped:
        out.print()
        out.print("dropped as boilerplate", style="bold")
        for d in doc.dropped:
            where = f"line {d.line}: " if d.line else ""
            out.print(f"  {where}{d.reason}: {shown(d.text)}")


def _report_index_warning(report) -> None:
    warning = (report.stats.get("index") or {}).get("index_warning")
    if warning:
        err.print(f"warning: {warning}", markup=False)


def _progress_printer():
    last: dict[str, int] = {}

    def show(stage: str, done: int, total: int) -> None:
        if not sys.stderr.isatty() and done not in (total,):
            return
        pct = 100 * done // max(total, 1)
        if last.get(stage) == pct:
            return
        last[stage] = pct
        err.print(f"{stage}: {done}/{total}", end="\r" if done < total else "\n", markup=False)

    return show


def _print_summary(report, out_dir: Path) -> None:
    from rich.table import Table

    table = Table(title=f"compare: {report.corpus}", title_justify="left")
    for col in ("documents", "stories", "events (2+ accounts)", "claims shared", "discrepancies", "errors"):
        table.add_column(col, justify="right")
    multi = [e for e in report.events if len(e.stories) > 1]
    shared = sum(1 for e in multi for c in e.claims if len(c.stories) > 1)
    disc = sum(len(e.discrepancies) for e in report.events)
    table.add_row(
        str(len(report.documents)), str(sum(len(d.stories) for d in report.documents)),
        f"{len(report.events)} ({len(multi)})", str(shared), str(disc), str(len(report.errors)),
    )
    err.print(table)
    err.print(f"report: {out_dir / 'index.html'}  data: {out_dir / 'report.json'}", markup=False)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    markdown = "markdown"


BaselineOption = Annotated[
    Path,
    typer.Option("--baseline", "-b", metavar="FILE", help="Baseline file written by `compare baseline` (commit it in the corpus repository)."),
]
CheckIndexOption = Annotated[
    Path,
    typer.Option("--index", metavar="FOLDER", help="Folder of the persistent signature index; cache it between CI runs so only new or changed files are signed."),
]


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _refuse_empty_corpus(corpus: Path, follow_symlinks: bool) -> None:
    """Exit 2 before any work when the corpus folder holds no file compare could read
    (a wrong path, most likely); unreadable files are not "no files": they are exit 3."""
    from compare.ingest import SUPPORTED_EXTENSIONS, list_corpus_files

    files, errors = list_corpus_files(corpus, follow_symlinks=follow_symlinks)
    if not files and not errors:
        err.print(f"error: no article files in {one_line(str(corpus))} (compare reads "
                  f"{' '.join(SUPPORTED_EXTENSIONS)}, in the folder and its subfolders)")
        raise typer.Exit(EXIT_USAGE)


def _refuse_unusable_output(problem: str | None) -> None:
    """Exit 2 before any work, with one line, when an output path cannot be written."""
    if problem:
        err.print(f"error: {one_line(problem)}", markup=False)
        raise typer.Exit(EXIT_USAGE)


def _refuse_inside_corpus(corpus: Path, target: Path, what: str, option: str) -> None:
    """Exit 2 before any work when ``target`` lies in the corpus, which is never written to
    (a report there would be read back as articles by the next run)."""
    if _inside(target, corpus):
        err.print(f"error: the {what} {target} is inside the corpus folder {corpus}, which compare never "
                  f"writes to; choose one outside it with {option}", markup=False)
        raise typer.Exit(EXIT_USAGE)


def _corpus_prefix(corpus: Path) -> str:
    """The corpus folder relative to its git repository root (what CI annotations need),
    else relative to the working directory, else as given."""
    here = corpus.resolve()
    for parent in (here, *here.parents):
        if (parent / ".git").exists():
            return here.relative_to(parent).as_posix()
    try:
        return here.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return corpus.as_posix()


def _gate_run(corpus: Path, config_file: Path | None, index_dir: Path, quiet: bool, follow_symlinks: bool = False):
    from compare.ingest import SUPPORTED_EXTENSIONS
    from compare.pipeline import run_corpus

    if not corpus.is_dir():
        err.print(f"error: corpus folder not found: {corpus}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    if _inside(index_dir, corpus):
        err.print(f"error: the index folder {index_dir} is inside the corpus; choose one outside it with --index", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    config = _load_config(config_file)
    report = run_corpus(corpus, config, index_dir=index_dir, progress=None if quiet else _progress_printer(),
                        follow_symlinks=follow_symlinks)
    _report_errors(report.errors)
    if not report.documents and not report.errors:  # a new corpus repository may start empty: said, not fatal
        err.print(f"warning: no article files in {one_line(str(corpus))} (compare reads "
                  f"{' '.join(SUPPORTED_EXTENSIONS)}, in the folder and its subfolders)")
    return report


@app.command(cls=_Command, short_help="Record the accepted state of a corpus in a baseline file.")
def baseline(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS", help="Folder of articles, as for `compare run`; never written to.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="Baseline file to write (outside the corpus folder).")] = Path("compare-baseline.json"),
    config_file: ConfigOption = None,
    index_dir: CheckIndexOption = Path(".compare-cache"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar=FLAG, help="No progress or summary on stderr.")] = False,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Record the accepted state of CORPUS (file hashes, events, claims, discrepancies) in a
    baseline file meant to be committed beside it; `compare check` reports what is new since.

    Example: compare baseline articles/ -o compare-baseline.json
    """
    from compare.check import make_baseline, write_baseline

    if corpus.is_dir() and _inside(out, corpus):
        err.print(f"error: {out} is inside the corpus folder, where it would be read as an article; "
                  "write it elsewhere with -o", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    _refuse_unusable_output(file_output_problem(out))
    report = _gate_run(corpus, config_file, index_dir, quiet, follow_symlinks)
    if report.errors:
        err.print(f"error: {len(report.errors)} file(s) could not be read; no baseline written "
                  "(fix or remove them, then record the baseline)", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INPUT)
    data = make_baseline(report)
    write_baseline(data, out)
    if not quiet:
        err.print(f"baseline: {out} ({len(data['files'])} files, {len(data['events'])} events, "
                  f"{len(data['claims'])} shared claims, {len(data['discrepancies'])} discrepancies)", markup=False, soft_wrap=True)


@app.command(cls=_Command, short_help="Report what is new in a corpus since its baseline.")
def check(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS", help="Folder of articles, as for `compare run`; never written to.")],
    baseline_file: BaselineOption = Path("compare-baseline.json"),
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", metavar="error|warning|info", help="Exit 1 when a new finding is at least this severe (default: error). Given explicitly, it also makes a baseline from another corpus or other parameters unusable (exit 2)."),
    ] = None,
    accept_changes: Annotated[
        bool,
        typer.Option("--accept-changes", metavar=FLAG, help="Check against a baseline made from another corpus or with other parameters anyway."),
    ] = False,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", metavar="FORMAT", help="Output format: text, json, github (workflow commands), junit (XML), markdown.")] = CheckFormat.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write the output to this file instead of stdout.")] = None,
    summary: Annotated[
        Path | None,
        typer.Option("--summary", metavar="FILE", help="Also APPEND a Markdown summary to this file (e.g. \"$GITHUB_STEP_SUMMARY\")."),
    ] = None,
    index_dir: CheckIndexOption = Path(".compare-cache"),
    config_file: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar=FLAG, help="No progress or verdict on stderr.")] = False,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Report what is new in CORPUS since the baseline: new, changed and removed files, the
    events new files joined or started, and new discrepancies, each at file and line.

    Exit 0: nothing new at or above --fail-on; 1: findings at or above it; 2: usage error or an unusable baseline (missing, corrupt, other format version; with an explicit --fail-on also one made from another corpus or with other parameters, unless --accept-changes); 3: input files could not be read (wins over 1: the corpus itself is broken).

    Example: compare check articles/ --baseline compare-baseline.json --format github
    """
    from compare.annotate import render, render_markdown
    from compare.check import BaselineError, check_report, load_baseline

    for target in (out, summary):
        if target is not None and corpus.is_dir() and _inside(target, corpus):
            err.print(f"error: {target} is inside the corpus folder; write it elsewhere", markup=False, soft_wrap=True)
            raise typer.Exit(EXIT_USAGE)
    if out is not None:
        _refuse_unusable_output(file_output_problem(out))
    if summary is not None:
        _refuse_unusable_output(file_output_problem(summary, append=True))
    try:
        accepted = load_baseline(baseline_file)
    except BaselineError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    report = _gate_run(corpus, config_file, index_dir, quiet, follow_symlinks)
    prefix = _corpus_prefix(corpus)
    result = check_report(report, accepted, corpus, fail_on=(fail_on or FailOn.error).value, prefix=prefix)
    for problem in result.mismatch:
        err.print(f"warning: {one_line(problem)}", markup=False)
    if result.mismatch and fail_on is not None and not accept_changes:
        err.print(f"error: the baseline {baseline_file} does not fit this run, so it cannot gate it; record a new "
                  "one with `compare baseline`, or pass --accept-changes to check against it anyway", markup=False)
        raise typer.Exit(EXIT_USAGE)
    text = render(result, fmt.value, prefix)
    if out is None:
        typer.echo(text, nl=False)
    else:
        from compare.fileio import atomic_write_text

        atomic_write_text(out, text)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(render_markdown(result, prefix) + "\n")
    if not quiet and (out is not None or fmt is not CheckFormat.text):
        from compare.annotate import verdict

        err.print(f"compare check: {verdict(result)}", markup=False, soft_wrap=True)
    raise typer.Exit(result.exit_code)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
