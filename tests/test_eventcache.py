"""The per-event cache: a warm run, or one after a file was added, writes the cold run's bytes."""

from __future__ import annotations

import math
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from render_support import count_rendered_events

from compare.config import Config
from compare.eventcache import Uncacheable, decode, encode, load, pack, store
from compare.index import FILENAME
from compare.model import Claim, Discrepancy, SentenceLink, SentenceRef
from compare.pipeline import run_corpus, write_outputs


def _corpus(tmp_path: Path, seed: Path, names: list[str]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(seed / name, corpus / name)
    return corpus


def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_warm_and_incremental_runs_write_the_cold_bytes(tmp_path: Path, seed_corpus: Path) -> None:
    names = sorted(p.name for p in seed_corpus.glob("*.txt"))
    corpus = _corpus(tmp_path, seed_corpus, names[:-1])
    index = tmp_path / "index"
    first = run_corpus(corpus, index_dir=index)
    assert first.stats["index"]["events_reused"] == 0
    assert first.stats["index"]["events_computed"] == len(first.events)
    warm = run_corpus(corpus, index_dir=index)
    assert warm.stats["index"]["events_reused"] == len(warm.events)
    write_outputs(first, tmp_path / "first")
    write_outputs(warm, tmp_path / "warm")
    assert _bytes(tmp_path / "first") == _bytes(tmp_path / "warm")

    shutil.copy(seed_corpus / names[-1], corpus / names[-1])  # one file more
    incremental = run_corpus(corpus, index_dir=index)
    cold = run_corpus(corpus)
    assert 0 < incremental.stats["index"]["events_computed"] < len(incremental.events)
    write_outputs(incremental, tmp_path / "incremental")
    write_outputs(cold, tmp_path / "cold")
    assert _bytes(tmp_path / "incremental") == _bytes(tmp_path / "cold")


def test_other_parameters_miss(tmp_path: Path, seed_corpus: Path) -> None:
    run_corpus(seed_corpus, index_dir=tmp_path)
    config = Config().with_overrides("align", link_threshold=0.46)
    again = run_corpus(seed_corpus, config, index_dir=tmp_path)
    assert again.stats["index"]["events_reused"] == 0


def test_damaged_rows_are_recomputed(tmp_path: Path, seed_corpus: Path) -> None:
    cold = run_corpus(seed_corpus, index_dir=tmp_path)
    with sqlite3.connect(tmp_path / FILENAME) as db:
        keys = [k for (k,) in db.execute("SELECT key FROM events ORDER BY key")]
        db.execute("UPDATE events SET value = ? WHERE key = ?", (b"not zlib", keys[0]))  # checksum fails
        db.execute("UPDATE events SET checksum = ? WHERE key = ?", ("0", keys[1]))
    again = run_corpus(seed_corpus, index_dir=tmp_path)
    assert again.stats["index"]["events_computed"] == 2
    write_outputs(cold, tmp_path / "a")
    write_outputs(again, tmp_path / "b")
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")


def test_codec_gives_back_equal_values_of_the_same_types() -> None:
    ref = SentenceRef("a.txt#0", 3)
    details = {
        "values": ("7", 7.25), "set": {"x", "y"}, "frozen": frozenset({1}), "ref": ref, 2: None,
        "np": np.float64(0.5), "int": np.int64(3), "nested": [{"k": [1.0, -0.0, True]}], "nan": math.nan,
    }
    claims = [Claim("c1", [ref, SentenceRef("b.txt#0", 1)], [SentenceLink(ref, SentenceRef("b.txt#0", 1), 0.8125)])]
    discs = [Discrepancy("number", "error", "7 vs 8", [ref], "c1", details)]
    back_claims, back_discs = decode(encode([claims, discs]))
    assert back_claims == claims
    got = back_discs[0].details
    assert {k: v for k, v in got.items() if k != "nan"} == {k: v for k, v in details.items() if k != "nan"}
    assert math.isnan(got["nan"])
    assert [type(got[k]) for k in details] == [type(v) for v in details.values()]
    assert load(pack(claims, discs)) is not None


def test_what_the_codec_cannot_store_is_not_cached() -> None:
    class Odd:
        pass

    disc = Discrepancy("number", "error", "x", [], None, {"odd": Odd()})
    with pytest.raises(Uncacheable):
        encode(disc)
    assert store([], [disc]) is None
    assert load(b"garbage") is None
    with pytest.raises(Uncacheable):
        decode({"d": "os:system", "v": {}})


def test_pages_of_unchanged_events_are_taken_over_byte_for_byte(tmp_path: Path, seed_corpus: Path, monkeypatch) -> None:
    names = sorted(p.name for p in seed_corpus.glob("*.txt"))
    corpus = _corpus(tmp_path, seed_corpus, names[:-1])
    index, out = tmp_path / "index", tmp_path / "out"
    write_outputs(run_corpus(corpus, index_dir=index), out)
    rendered = count_rendered_events(monkeypatch)
    report = run_corpus(corpus, index_dir=index)
    write_outputs(report, out)
    assert rendered == []  # every page taken over
    edited = sorted((out / "events").iterdir())[0]
    edited.write_text("edited", encoding="utf-8")
    write_outputs(run_corpus(corpus, index_dir=index), out)
    assert len(rendered) == 1 and edited.read_text(encoding="utf-8") != "edited"  # checked, not assumed
    shutil.copy(seed_corpus / names[-1], corpus / names[-1])
    write_outputs(run_corpus(corpus, index_dir=index), out)  # renumbered events: pages taken over, new id
    write_outputs(run_corpus(corpus), tmp_path / "cold")
    assert _bytes(out) == _bytes(tmp_path / "cold")
