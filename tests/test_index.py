"""The persistent signature index: warm runs reuse it and give the cold result; bad files are rebuilt."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from test_match import QUAKE, QUAKE_RETOLD, SPORT, make_story, seed_stories

from compare.config import MatchParams
from compare.index import FILENAME, SignatureIndex, SignedStory
from compare.match import group_events
from compare.match.shingles import story_terms


def _dump(events) -> list[dict]:
    return [dataclasses.asdict(e) for e in events]


def test_warm_run_reuses_every_signature_and_equals_cold(tmp_path: Path) -> None:
    stories = seed_stories()
    cold = group_events(stories, MatchParams())
    first: dict = {}
    warm1 = group_events(stories, MatchParams(), index_dir=tmp_path / "idx", stats=first)
    second: dict = {}
    warm2 = group_events(seed_stories(), MatchParams(), index_dir=tmp_path / "idx", stats=second)
    assert (tmp_path / "idx" / FILENAME).is_file()
    assert first["signed"] == len(stories) and first["reused"] == 0
    assert second["signed"] == 0 and second["reused"] == len(stories)
    assert second["index_warning"] is None
    assert _dump(cold) == _dump(warm1) == _dump(warm2)


def test_changed_story_is_signed_again(tmp_path: Path) -> None:
    stories = [make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)]
    group_events(stories, MatchParams(), index_dir=tmp_path)
    stories[1] = make_story("b#0", [*QUAKE_RETOLD, "A new paragraph was added later."])
    stats: dict = {}
    group_events(stories, MatchParams(), index_dir=tmp_path, stats=stats)
    assert (stats["signed"], stats["reused"]) == (1, 1)


def test_matching_parameters_reuse_the_stored_stems(tmp_path: Path) -> None:
    stories = [make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)]
    group_events(stories, MatchParams(), index_dir=tmp_path)
    for params in (MatchParams(num_perm=32), MatchParams(shingle_size=2), MatchParams(verify_threshold=0.5)):
        stats: dict = {}
        warm = group_events(stories, params, index_dir=tmp_path, stats=stats)
        assert stats["reused"] == 2, "signatures are recomputed from the stored stems"
        assert _dump(warm) == _dump(group_events(stories, params))


def test_a_new_algorithm_version_misses_the_index(tmp_path: Path, monkeypatch) -> None:
    import compare.match

    stories = [make_story("a#0", QUAKE)]
    group_events(stories, MatchParams(), index_dir=tmp_path)
    monkeypatch.setattr(compare.match, "ALGORITHM_VERSION", "test-next")
    stats: dict = {}
    group_events(stories, MatchParams(), index_dir=tmp_path, stats=stats)
    assert (stats["signed"], stats["reused"]) == (1, 0)


def _assert_rebuilt(tmp_path: Path, stats: dict, events, cold) -> None:
    assert stats["index_warning"] and "rebuilt" in stats["index_warning"]
    assert list(tmp_path.glob(f"{FILENAME}.corrupt-*")), "the bad file is kept aside"
    assert _dump(events) == _dump(cold)
    again: dict = {}
    group_events([make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)], MatchParams(), tmp_path, again)
    assert again["index_warning"] is None and again["reused"] == 2


def test_garbage_file_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    (tmp_path / FILENAME).write_bytes(b"this is not a database\x00" * 100)
    stories = [make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)]
    stats: dict = {}
    events = group_events(stories, MatchParams(), index_dir=tmp_path, stats=stats)
    _assert_rebuilt(tmp_path, stats, events, group_events(stories, MatchParams()))


def test_foreign_sqlite_file_is_not_trusted(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / FILENAME)
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.execute("CREATE TABLE signed (key TEXT)")
    db.execute("INSERT INTO meta VALUES ('app', 'something-else')")
    db.commit()
    db.close()
    stories = [make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)]
    stats: dict = {}
    events = group_events(stories, MatchParams(), index_dir=tmp_path, stats=stats)
    _assert_rebuilt(tmp_path, stats, events, group_events(stories, MatchParams()))


def test_wrong_schema_version_is_rebuilt(tmp_path: Path) -> None:
    stories = [make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)]
    group_events(stories, MatchParams(), index_dir=tmp_path)
    db = sqlite3.connect(tmp_path / FILENAME)
    db.execute("UPDATE meta SET value = '999' WHERE key = 'schema'")
    db.commit()
    db.close()
    stats: dict = {}
    events = group_events(stories, MatchParams(), index_dir=tmp_path, stats=stats)
    _assert_rebuilt(tmp_path, stats, events, group_events(stories, MatchParams()))


def test_damaged_row_is_ignored_and_signed_again(tmp_path: Path) -> None:
    stories = [make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD), make_story("c#0", SPORT)]
    cold = group_events(stories, MatchParams())
    group_events(stories, MatchParams(), index_dir=tmp_path)
    db = sqlite3.connect(tmp_path / FILENAME)
    key = db.execute("SELECT key FROM signed ORDER BY key LIMIT 1").fetchone()[0]
    db.execute("UPDATE signed SET terms = zeroblob(length(terms)) WHERE key = ?", (key,))
    db.commit()
    db.close()
    stats: dict = {}
    events = group_events(stories, MatchParams(), index_dir=tmp_path, stats=stats)
    assert (stats["signed"], stats["reused"]) == (1, 2)
    assert "damaged" in stats["index_warning"]
    assert _dump(events) == _dump(cold)


def test_truncated_file_is_rebuilt(tmp_path: Path) -> None:
    stories = seed_stories()
    group_events(stories, MatchParams(), index_dir=tmp_path)
    path = tmp_path / FILENAME
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\xff" * 512)
    stats: dict = {}
    events = group_events(stories, MatchParams(), index_dir=tmp_path, stats=stats)
    assert stats["index_warning"]
    assert _dump(events) == _dump(group_events(stories, MatchParams()))


def test_round_trip_of_a_row(tmp_path: Path) -> None:
    terms = story_terms(make_story("a#0", QUAKE))
    signed = SignedStory(terms.terms, terms.offsets, terms.names)
    with SignatureIndex(tmp_path) as index:
        index.put_many({"k": signed})
    with SignatureIndex(tmp_path) as index:
        back = index.get_many(["k", "missing"])
        assert index.warning is None
    assert set(back) == {"k"}
    for field in ("terms", "offsets", "names"):
        assert (getattr(back["k"], field) == getattr(signed, field)).all()


def test_in_memory_index_keeps_nothing(tmp_path: Path) -> None:
    with SignatureIndex(None) as index:
        assert index.path is None and index.count() == 0


def test_unusable_folder_runs_without_persistence(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    stories = [make_story("a#0", QUAKE), make_story("b#0", QUAKE_RETOLD)]
    stats: dict = {}
    events = group_events(stories, MatchParams(), index_dir=blocker / "cache", stats=stats)
    assert stats["index_warning"] and stats["index_path"] is None
    assert _dump(events) == _dump(group_events(stories, MatchParams()))
