"""The ready-to-copy CI configuration stays true: it parses, and its compare commands parse."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import typer.main

from compare.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "ci").glob("*.yml"))
yaml = pytest.importorskip("yaml")


def compare_commands(data) -> list[str]:
    """Every shell line of a parsed YAML document that runs `compare ...`."""
    found: list[str] = []
    if isinstance(data, dict):
        for value in data.values():
            found += compare_commands(value)
    elif isinstance(data, list):
        for value in data:
            found += compare_commands(value)
    elif isinstance(data, str):
        for line in data.replace("\\\n", " ").splitlines():
            if line.strip().startswith(("compare check ", "compare baseline ", "compare run ")):
                found.append(" ".join(line.split()))
    return found


def parse(command_line: str) -> None:
    """Parse a command line with the real CLI definition, without running it."""
    words = shlex.split(command_line)
    assert words[0] == "compare"
    group = typer.main.get_command(app)
    command = group.commands[words[1]]  # type: ignore[attr-defined]
    command.make_context(words[1], words[2:])


def test_examples_are_in_the_docs_verbatim():
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert len(EXAMPLES) == 2
    for example in EXAMPLES:
        assert example.read_text(encoding="utf-8") in docs, example.name


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_ci_configs_parse_and_their_commands_are_valid(example):
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    commands = compare_commands(data)
    assert any(c.startswith("compare check ") for c in commands)
    for command in commands:
        parse(command.replace('"$GITHUB_STEP_SUMMARY"', "summary.md"))


def test_pre_commit_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["compare-check"]["entry"] == "compare check"
    assert hooks["compare-check"]["pass_filenames"] is False
    assert hooks["compare-baseline"]["stages"] == ["manual"]
    parse("compare check articles --baseline compare-baseline.json")
    parse("compare baseline articles -o compare-baseline.json")


def test_docs_commands_parse():
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for line in docs.splitlines()]
    commands = [line for line in lines if line.startswith(("compare check ", "compare baseline "))]
    assert len(commands) >= 3
    for command in commands:
        parse(command.split("&&")[0])
