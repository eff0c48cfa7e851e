"""Progress: every stage of a run reports, ending at done == total; the CLI prints only the
final line of each stage when stderr is not a terminal."""

from __future__ import annotations

from pathlib import Path

from compare.pipeline import run_corpus, write_outputs


def test_every_stage_reports_and_finishes(tmp_path: Path, seed_corpus: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    report = run_corpus(seed_corpus, progress=lambda *a: calls.append(a))
    write_outputs(report, tmp_path / "out", progress=lambda *a: calls.append(a))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == ["read", "extract", "match", "compare", "write"]
    for stage in stages:
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[-1][0] == mine[-1][1]
        assert all(a[0] <= b[0] for a, b in zip(mine, mine[1:], strict=False))
    assert [c for c in calls if c[0] == "write"][-1][1] == len(report.events) + 1


def test_cli_progress_is_one_line_per_stage_off_a_terminal(cli, seed_corpus: Path, tmp_path: Path) -> None:
    result = cli("run", str(seed_corpus), "-o", str(tmp_path / "out"))
    lines = [line for line in result.stderr.splitlines() if ":" in line and "/" in line.split(":", 1)[1][:12]]
    assert [line.split(":")[0] for line in lines[:5]] == ["read", "extract", "match", "compare", "write"]
