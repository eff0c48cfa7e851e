"""Shared fixtures: the bundled corpora and a helper to run the CLI in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "seed-corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_corpus() -> Path:
    return SEED


@pytest.fixture
def cli():
    """Run the compare CLI in-process: cli("run", str(path), "-o", str(out))."""
    from compare.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke
