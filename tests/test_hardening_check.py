"""Issue 13, item 9: `compare check` against a baseline made from another corpus, or with
other parameters, says so; with an explicit --fail-on such a baseline is unusable (exit 2)
unless --accept-changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-corpus"
NAMES = ["000_4c3000b3cf1095f3.txt", "002_26dae961d9fa5e46.txt", "003_96d930d7006ecd34.txt"]
OTHER = {
    "river.txt": "Ministers agree on a water plan\n\nThe ministers met in Minsk on Wednesday and agreed on a plan "
                 "for the river basin. The plan costs 40 million euros, the finance minister said.\n",
    "basin.txt": "Water plan agreed in Minsk\n\nMinisters meeting in Minsk on Wednesday agreed a plan for the "
                 "river basin. The plan will cost 45 million euros, according to the finance minister.\n",
}


@pytest.fixture
def setup(tmp_path: Path, cli):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for name in NAMES:
        shutil.copy(SEED / name, corpus / name)
    other = tmp_path / "other"
    other.mkdir()
    for name, text in OTHER.items():
        (other / name).write_text(text, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    index = tmp_path / "idx"
    assert cli("baseline", str(corpus), "-o", str(baseline), "--index", str(index), "-q").exit_code == 0
    return corpus, other, baseline, index


def _check(cli, corpus: Path, baseline: Path, index: Path, *extra: str):
    return cli("check", str(corpus), "--baseline", str(baseline), "--index", str(index), "-q", *extra)


def test_baseline_of_another_corpus_is_named(setup, cli) -> None:
    corpus, other, baseline, index = setup
    result = _check(cli, other, baseline, index, "--format", "json")
    assert "another corpus" in result.stderr
    assert any("another corpus" in n for n in json.loads(result.stdout)["notes"])


def test_baseline_of_another_corpus_with_fail_on_is_unusable(setup, cli) -> None:
    corpus, other, baseline, index = setup
    result = _check(cli, other, baseline, index, "--fail-on", "error")
    assert result.exit_code == 2
    assert "another corpus" in result.stderr and "--accept-changes" in result.stderr
    accepted = _check(cli, other, baseline, index, "--fail-on", "error", "--accept-changes")
    assert accepted.exit_code in (0, 1)


def test_changed_parameters_with_fail_on_are_unusable(setup, cli, tmp_path: Path) -> None:
    corpus, other, baseline, index = setup
    config = tmp_path / "compare.toml"
    config.write_text("[match]\nlsh_threshold = 0.5\n", encoding="utf-8")
    same = _check(cli, corpus, baseline, index, "--fail-on", "error")
    assert same.exit_code == 0, same.stderr  # the same corpus and parameters: usable
    result = _check(cli, corpus, baseline, index, "--fail-on", "error", "--config", str(config))
    assert result.exit_code == 2
    assert "lsh_threshold" in result.stderr
    result = _check(cli, corpus, baseline, index, "--config", str(config))  # no --fail-on: said, not fatal
    assert result.exit_code == 0 and "lsh_threshold" in result.stderr
    accepted = _check(cli, corpus, baseline, index, "--fail-on", "error", "--config", str(config), "--accept-changes")
    assert accepted.exit_code == 0
