"""Issue 13, reliability of the output: an unusable output path is refused before any work
(6), and a report is swapped in whole: the old one or the new one, never a mix, even when
the run is interrupted (SIGINT) or killed (SIGKILL) while writing (7)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from compare.fileio import output_problem
from compare.pipeline import run_corpus, write_outputs

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-corpus"


# --------------------------------------------------------------------------- 6. unusable output path


@pytest.mark.parametrize("make_target", [
    pytest.param(lambda tmp: (tmp / "README.md").write_text("x") and tmp / "README.md", id="existing file"),
    pytest.param(lambda tmp: (tmp / "f").write_text("x") and tmp / "f" / "out", id="under a file"),
    pytest.param(lambda tmp: Path("/dev/null"), id="/dev/null"),
    pytest.param(lambda tmp: Path("/proc/compare-out"), id="a folder nobody can write"),
])
def test_unusable_output_path_is_refused_before_any_work(cli, tmp_path: Path, monkeypatch, make_target) -> None:
    import compare.pipeline

    target = make_target(tmp_path)
    called = []
    monkeypatch.setattr(compare.pipeline, "run_corpus", lambda *a, **k: called.append(1))
    result = cli("run", str(SEED), "-o", str(target), "-q")
    assert result.exit_code == 2
    assert called == []  # refused before reading the corpus
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(target) in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_is_refused(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        assert output_problem(ro / "out") is not None
    finally:
        ro.chmod(0o755)


def test_a_folder_holding_other_files_keeps_them(cli, tmp_path: Path) -> None:
    """`compare run C -o DIR > DIR/log`: the report goes in beside the log, the log and the
    user's own files stay, and a second run replaces only compare's entries."""
    own = tmp_path / "documents"
    own.mkdir()
    (own / "thesis.txt").write_text("mine", encoding="utf-8")
    (own / "index.html").write_text("old page", encoding="utf-8")
    assert output_problem(own) is None
    for _ in range(2):
        result = cli("run", str(SEED), "-o", str(own), "-q")
        assert result.exit_code == 0, result.output
        assert (own / "thesis.txt").read_text(encoding="utf-8") == "mine"
        assert sorted(p.name for p in own.iterdir()) == ["events", "index.html", "report.json", "thesis.txt"]
        data = json.loads((own / "report.json").read_text(encoding="utf-8"))
        assert sorted(p.name for p in (own / "events").iterdir()) == sorted(f"{e['id']}.html" for e in data["events"])
    assert not [p for p in tmp_path.iterdir() if "compare-tmp" in p.name]  # no temporaries left
    assert output_problem(tmp_path / "new") is None


def test_check_and_baseline_outputs_are_checked_first(cli, tmp_path: Path) -> None:
    result = cli("baseline", str(SEED), "-o", str(tmp_path), "-q", "--index", str(tmp_path / "idx"))
    assert result.exit_code == 2 and "folder" in result.output
    assert not (tmp_path / "idx").exists()


# --------------------------------------------------------------------------- 7. the swap

def _complete(out: Path) -> dict:
    """The report in ``out``, checked whole: every page index.html links to exists, every
    event of report.json has its page, and there is nothing else."""
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    pages = sorted(p.name for p in (out / "events").glob("*"))
    assert pages == sorted(f"{e['id']}.html" for e in data["events"])
    index = (out / "index.html").read_text(encoding="utf-8")
    for e in data["events"]:
        assert f'href="events/{e["id"]}.html"' in index
    assert sorted(p.name for p in out.iterdir()) == ["events", "index.html", "report.json"]
    return data


def _temporaries(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_interrupted_write_leaves_the_old_report(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    old = write_outputs(run_corpus(SEED), out)
    before = {p: p.read_bytes() for p in old}
    import compare.htmlreport as htmlreport

    real, calls = htmlreport.write_text, []

    def interrupted(path, text, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(path, text, **kwargs)

    monkeypatch.setattr(htmlreport, "write_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(run_corpus(SEED), out)
    assert {p: p.read_bytes() for p in old} == before
    _complete(out)
    assert _temporaries(tmp_path) == []  # cleaned up on the way out


KILLED = """
import os, signal, sys
import compare.htmlreport as htmlreport
from compare.pipeline import run_corpus, write_outputs
real, calls = htmlreport.write_text, []
def killed(path, text, **kwargs):
    calls.append(path)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    real(path, text, **kwargs)
htmlreport.write_text = killed
write_outputs(run_corpus(sys.argv[1]), sys.argv[2])
"""


def test_killed_write_leaves_the_old_report_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    small = tmp_path / "small"
    small.mkdir()
    for name in sorted(os.listdir(SEED))[:2]:
        (small / name).write_bytes((SEED / name).read_bytes())
    write_outputs(run_corpus(small), out)
    old = _complete(out)
    proc = subprocess.run([sys.executable, "-c", KILLED, str(SEED), str(out)], cwd=tmp_path, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert _complete(out) == old  # the old report, whole
    assert _temporaries(tmp_path)  # what the killed run left
    new = write_outputs(run_corpus(SEED), out)
    assert _complete(out)["documents"] != old["documents"]
    assert len(new) > 3
    assert _temporaries(tmp_path) == []  # stale temporaries removed


def test_rewrite_removes_pages_of_events_gone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(run_corpus(SEED), out)
    small = tmp_path / "small"
    small.mkdir()
    name = sorted(os.listdir(SEED))[0]
    (small / name).write_bytes((SEED / name).read_bytes())
    write_outputs(run_corpus(small), out)
    _complete(out)


def test_an_output_folder_reached_by_a_symlink_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "2024-01-01"
    write_outputs(run_corpus(SEED), real)
    latest = tmp_path / "latest"
    latest.symlink_to(real, target_is_directory=True)
    paths = write_outputs(run_corpus(SEED), latest)
    assert latest.is_symlink() and latest.resolve() == real.resolve()
    _complete(real)
    assert all(str(p).startswith(str(latest)) for p in paths)
    assert _temporaries(tmp_path) == [] and _temporaries(real.parent) == []
