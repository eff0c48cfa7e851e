"""A run freezes its long-lived objects from the garbage collector's walks and hands them back."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

import compare.pipeline
from compare.pipeline import long_lived_objects_frozen, run_corpus, write_outputs


def test_a_run_leaves_nothing_frozen(tmp_path: Path, seed_corpus: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(seed_corpus.glob("*.txt"))[:2]:
        shutil.copy(path, corpus / path.name)
    assert gc.get_freeze_count() == 0
    report = run_corpus(corpus)
    assert gc.get_freeze_count() == 0
    write_outputs(report, tmp_path / "out")
    assert gc.get_freeze_count() == 0
    assert (tmp_path / "out" / "report.json").is_file()


def test_objects_are_handed_back_when_the_run_fails(tmp_path: Path, seed_corpus: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(seed_corpus.glob("*.txt"))[0], corpus / "a.txt")

    def broken(*args, **kwargs):
        assert gc.get_freeze_count() > 0  # the documents read were frozen before matching
        raise RuntimeError("matching failed")

    monkeypatch.setattr(compare.pipeline, "group_events", broken)
    with pytest.raises(RuntimeError):
        run_corpus(corpus)
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_alone() -> None:
    kept = [object() for _ in range(3)]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with long_lived_objects_frozen() as freeze:
            made_here = [[n] for n in range(1000)]  # new objects: a freeze of ours would take them in
            freeze()
        # still frozen (not handed back by us), and nothing of ours added (frozen objects freed by
        # reference counting meanwhile only lower the count)
        assert 0 < gc.get_freeze_count() <= before
        assert made_here
    finally:
        gc.unfreeze()
    assert kept
