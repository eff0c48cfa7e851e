"""The shared signature index: Redis (a real redis-server) and Parquet stores, and Dask runs on them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from compare.engine.stores import ParquetStore, decode, encode, open_store
from compare.index import SignatureIndex, SignedStory

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed-corpus"


def _story(seed: int) -> SignedStory:
    rng = np.random.default_rng(seed)
    terms = rng.integers(0, 2**32, size=40, dtype=np.uint64).astype(np.uint32)
    return SignedStory(terms, np.array([0, 10, 25, 40], dtype=np.int64), (terms % 2).astype(np.uint8))


def _same(a: SignedStory, b: SignedStory) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in ("terms", "offsets", "names"))


def test_encoding_round_trips_and_rejects_damage():
    story = _story(1)
    value = encode(story)
    assert _same(decode(value), story)
    assert decode(value[:-1]) is None
    assert decode(value[:20] + bytes([value[20] ^ 1]) + value[21:]) is None
    assert decode(b"not ours") is None and decode(None) is None


def test_open_store_picks_the_backend(tmp_path):
    assert isinstance(open_store(str(tmp_path / "sqlite")), SignatureIndex)
    assert isinstance(open_store(f"parquet:{tmp_path / 'pq'}"), ParquetStore)


def _round_trip(store) -> None:
    rows = {f"{k:064x}": _story(k) for k in range(300)}
    store.put_many(rows)
    wanted = [f"{k:064x}" for k in (0, 17, 299)] + ["f" * 64]
    found = store.get_many(wanted)
    assert sorted(found) == sorted(wanted[:3])
    assert all(_same(found[k], rows[k]) for k in found)
    events = {f"{k:064x}": bytes([k]) * (k + 1) for k in range(5)}  # cached events: opaque blobs by key
    store.put_events(events)
    assert store.get_events([f"{k:064x}" for k in (1, 4, 9)]) == {k: events[k] for k in (f"{1:064x}", f"{4:064x}")}


def test_parquet_store_round_trip_and_damaged_file(tmp_path):
    store = ParquetStore(tmp_path / "pq")
    _round_trip(store)
    assert store.count() == 300
    import pyarrow as pa
    import pyarrow.parquet as pq

    key = f"{5:064x}"
    bad = pa.table({"key": [key], "value": [b"garbage"]})
    pq.write_table(bad, tmp_path / "pq" / f"bucket={key[0]}" / "part-zz-bad.parquet")
    found = store.get_many([key])
    assert key in found  # the good copy is still there
    assert "damaged" in (store.warning or "")


def test_redis_store_round_trip_and_damaged_value(redis_url):
    import redis

    from compare.engine.stores import REDIS_EVENT_PREFIX, REDIS_PREFIX, RedisStore

    store = RedisStore(redis_url)
    _round_trip(store)
    key = f"{7:064x}"
    redis.Redis.from_url(redis_url).set(REDIS_PREFIX + key, b"garbage")
    assert key not in store.get_many([key])
    assert "damaged" in (store.warning or "")
    redis.Redis.from_url(redis_url).set(REDIS_EVENT_PREFIX + key, b"x" * 20)  # a damaged event: computed again
    assert store.get_events([key]) == {}
    store.close()


def _dask_runs_reuse_the_store(client, spec: str, tmp_path: Path) -> int:
    """A cold and a warm Dask run on one shared store: the warm run signs nothing and aligns no event
    again, and both write the embedded run's report.json (the workers read and write the stems in
    the store themselves; the driver the cached events)."""
    import pytest

    pytest.importorskip("distributed")
    from compare.engine.dask_engine import run_corpus_dask
    from compare.pipeline import run_corpus
    from compare.report import write_report_json

    def report_bytes(report, name: str) -> bytes:
        return write_report_json(report, tmp_path / name)[0].read_bytes()

    embedded = report_bytes(run_corpus(SEED), "embedded")
    cold = run_corpus_dask(SEED, client=client, index=spec)
    warm = run_corpus_dask(SEED, client=client, index=spec)
    stories = sum(len(d.stories) for d in cold.documents)
    assert cold.stats["index"]["signed"] == stories and cold.stats["index"]["reused"] == 0
    assert warm.stats["index"]["signed"] == 0 and warm.stats["index"]["reused"] == stories
    # the per-event cache lives in the same store: the warm run aligns no event again
    assert cold.stats["index"]["events_reused"] == 0 and cold.stats["index"]["events_computed"] == len(cold.events)
    assert warm.stats["index"]["events_computed"] == 0 and warm.stats["index"]["events_reused"] == len(warm.events)
    assert report_bytes(cold, "cold") == embedded
    assert report_bytes(warm, "warm") == embedded
    return stories


def test_dask_runs_share_a_parquet_index(dask_client, tmp_path):
    spec = f"parquet:{tmp_path / 'pq'}"
    stories = _dask_runs_reuse_the_store(dask_client, spec, tmp_path)
    assert ParquetStore(tmp_path / "pq").count() == stories  # written once, by the cold run's workers


def test_dask_runs_share_a_redis_index(dask_client, redis_url, tmp_path):
    import redis

    from compare.engine.stores import REDIS_EVENT_PREFIX, REDIS_PREFIX

    db = redis.Redis.from_url(redis_url)
    stale = [*db.scan_iter(match=REDIS_PREFIX + "*"), *db.scan_iter(match=REDIS_EVENT_PREFIX + "*")]  # start empty
    if stale:
        db.delete(*stale)
    stories = _dask_runs_reuse_the_store(dask_client, redis_url, tmp_path)
    assert sum(1 for _ in db.scan_iter(match=REDIS_PREFIX + "*")) == stories
