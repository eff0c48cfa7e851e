"""Where every worker finds each story's hashed stems: the shared signature index.

One interface, three places (chosen by the ``--index`` value):

* a folder: the embedded SQLite file of ``compare.index.SignatureIndex`` (the default;
  for one machine: the embedded run and a ``LocalCluster``);
* ``redis://host:port/db``: a Redis server every worker of a cluster reaches (redis-py);
  one key per story, read with ``MGET`` and written with pipelined ``SET``s;
* ``parquet:/shared/folder``: Parquet files (pyarrow) on storage every worker mounts,
  16 key-prefix buckets, one new file per write batch.

docs/scale.md compares the last two (measured) and says why a cluster uses Redis.  Every
store is content-addressed exactly like the SQLite index (key = content hash of the
story's sentences and the algorithm's fingerprint) and checks what it reads (xxh64 of the
blobs), so a warm run gives exactly the cold run's result, and a damaged value is simply
recomputed.  ``open_store`` takes a plain string so that a task can open the store on
whichever worker it runs.
"""

from __future__ import annotations

import struct
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import xxhash

from compare.index import SignatureIndex, SignedStory

REDIS_PREFIX = "compare:sig:"
REDIS_EVENT_PREFIX = "compare:event:"  # the per-event cache (compare.eventcache), as the SQLite index keeps it
PARQUET_SCHEME = "parquet:"
_MAGIC = b"CSS1"
_HEADER = struct.Struct("<4sQQQ")  # magic, terms bytes, offsets bytes, names bytes


class SignatureStore(Protocol):
    """Rows of ``SignedStory`` by content key (see ``compare.index``)."""

    warning: str | None

    def get_many(self, keys: list[str]) -> dict[str, SignedStory]: ...

    def put_many(self, rows: dict[str, SignedStory]) -> None: ...

    def get_events(self, keys: list[str]) -> dict[str, bytes]: ...

    def put_events(self, rows: dict[str, bytes]) -> None: ...

    def close(self) -> None: ...


def seal(blob: bytes) -> bytes:
    """A cached event value with its xxh64 checksum appended (Redis and Parquet keep it so)."""
    return blob + xxhash.xxh64_digest(blob)


def unseal(value: object) -> bytes | None:
    """The blob of a sealed value; None when it is damaged (the event is then computed again)."""
    if not isinstance(value, bytes) or len(value) < 8 or xxhash.xxh64_digest(value[:-8]) != value[-8:]:
        return None
    return value[:-8]


def describe(spec: str | None) -> str:
    """A store spec as a user reads it (no credentials: the password part of a URL is hidden)."""
    if spec is None:
        return "none"
    if spec.startswith(("redis://", "rediss://")):
        head, _, tail = spec.partition("@")
        return f"{spec.split('://')[0]}://***@{tail}" if tail else spec
    return spec


def is_remote(spec: str | None) -> bool:
    """Does the spec name a Redis server or Parquet files (not the embedded SQLite folder)?"""
    return spec is not None and spec.startswith(("redis://", "rediss://", "unix://", PARQUET_SCHEME))


def open_store(spec: str | None) -> SignatureStore:
    """The store a spec names: ``redis://...``, ``parquet:FOLDER``, a folder (SQLite), or None (memory)."""
    if spec is not None and spec.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(spec)
    if spec is not None and spec.startswith(PARQUET_SCHEME):
        return ParquetStore(Path(spec[len(PARQUET_SCHEME):]))
    return SignatureIndex(Path(spec) if spec is not None else None)


_OPEN: dict[tuple[str | None, int], SignatureStore] = {}


def shared_store(spec: str | None) -> SignatureStore:
    """The store of ``spec``, opened once per worker thread and kept (tasks never close it).

    Opening the SQLite index checks its integrity, and a Redis client holds a connection
    pool: both are worth doing once per worker, not once per task.
    """
    key = (spec, threading.get_ident())
    found = _OPEN.get(key)
    if found is None:
        found = _OPEN[key] = open_store(spec)
    return found


def encode(story: SignedStory) -> bytes:
    """One value: header, the three arrays, an xxh64 checksum of all of it."""
    terms = np.ascontiguousarray(story.terms, dtype=np.uint32).tobytes()
    offsets = np.ascontiguousarray(story.offsets, dtype=np.int64).tobytes()
    names = np.ascontiguousarray(story.names, dtype=np.uint8).tobytes()
    body = _HEADER.pack(_MAGIC, len(terms), len(offsets), len(names)) + terms + offsets + names
    return body + xxhash.xxh64_digest(body)


def decode(value: bytes | None) -> SignedStory | None:
    """The story of ``encode``; None for anything damaged, foreign or inconsistent."""
    if not isinstance(value, bytes) or len(value) < _HEADER.size + 8:
        return None
    body, digest = value[:-8], value[-8:]
    if xxhash.xxh64_digest(body) != digest:
        return None
    magic, nt, no, nn = _HEADER.unpack_from(body)
    if magic != _MAGIC or _HEADER.size + nt + no + nn != len(body) or nt % 4 or no % 8:
        return None
    start = _HEADER.size
    terms = np.frombuffer(body, dtype=np.uint32, count=nt // 4, offset=start)
    offsets = np.frombuffer(body, dtype=np.int64, count=no // 8, offset=start + nt)
    names = np.frombuffer(body, dtype=np.uint8, count=nn, offset=start + nt + no)
    if len(offsets) < 1 or offsets[0] != 0 or offsets[-1] != len(terms) or np.any(np.diff(offsets) < 0):
        return None
    if len(names) != len(terms):
        return None
    return SignedStory(terms, offsets, names)


class RedisStore:
    """Signed stories in Redis: one string value per story key (``compare:sig:<key>``)."""

    def __init__(self, url: str, batch: int = 1000):
        import redis

        self.warning: str | None = None
        self.path = None
        self.batch = batch
        self._db = redis.Redis.from_url(url, socket_timeout=60)
        self._db.ping()  # fail now, with the server's own message, rather than mid-run

    def get_many(self, keys: list[str]) -> dict[str, SignedStory]:
        found: dict[str, SignedStory] = {}
        bad = 0
        for start in range(0, len(keys), self.batch):
            chunk = keys[start : start + self.batch]
            for key, value in zip(chunk, self._db.mget([REDIS_PREFIX + k for k in chunk]), strict=True):
                if value is None:
                    continue
                story = decode(value) if isinstance(value, bytes) else None
                if story is None:
                    bad += 1
                else:
                    found[key] = story
        if bad:
            self.warning = f"{bad} damaged value(s) in the Redis index ignored and re-signed"
        return found

    def put_many(self, rows: dict[str, SignedStory]) -> None:
        items = sorted(rows.items())
        for start in range(0, len(items), self.batch):
            pipe = self._db.pipeline(transaction=False)
            for key, story in items[start : start + self.batch]:
                pipe.set(REDIS_PREFIX + key, encode(story))
            pipe.execute()

    def get_events(self, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), self.batch):
            chunk = keys[start : start + self.batch]
            for key, value in zip(chunk, self._db.mget([REDIS_EVENT_PREFIX + k for k in chunk]), strict=True):
                blob = unseal(value) if value is not None else None
                if blob is not None:
                    found[key] = blob
        return found

    def put_events(self, rows: dict[str, bytes]) -> None:
        items = sorted(rows.items())
        for start in range(0, len(items), self.batch):
            pipe = self._db.pipeline(transaction=False)
            for key, blob in items[start : start + self.batch]:
                pipe.set(REDIS_EVENT_PREFIX + key, seal(blob))
            pipe.execute()

    def count(self) -> int:
        return sum(1 for _ in self._db.scan_iter(match=REDIS_PREFIX + "*", count=10_000))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RedisStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ParquetStore:
    """Signed stories as Parquet files under ``folder/bucket=X/`` (X: first hex digit of the key).

    A read opens only the buckets of the keys asked for and filters on the key column; a
    write adds one file per bucket touched (never rewrites one, so concurrent writers on
    shared storage cannot clobber each other).
    """

    def __init__(self, folder: Path):
        self.warning: str | None = None
        self.path = Path(folder)
        self.path.mkdir(parents=True, exist_ok=True)

    def _bucket(self, key: str) -> Path:
        return self.path / f"bucket={key[:1]}"

    def get_many(self, keys: list[str]) -> dict[str, SignedStory]:
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        by_bucket: dict[Path, list[str]] = {}
        for key in keys:
            by_bucket.setdefault(self._bucket(key), []).append(key)
        found: dict[str, SignedStory] = {}
        bad = 0
        for folder, wanted in sorted(by_bucket.items()):
            files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
            if not files:
                continue
            table = pq.read_table(files, filters=pc.field("key").isin(wanted))
            for key, value in zip(table.column("key").to_pylist(), table.column("value").to_pylist(), strict=True):
                story = decode(value)
                if story is None:
                    bad += 1
                else:
                    found[key] = story
        if bad:
            self.warning = f"{bad} damaged value(s) in the Parquet index ignored and re-signed"
        return found

    def put_many(self, rows: dict[str, SignedStory]) -> None:
        by_bucket: dict[Path, list[str]] = {}
        for key in sorted(rows):
            by_bucket.setdefault(self._bucket(key), []).append(key)
        for folder, keys in by_bucket.items():
            self._write(folder, {"key": keys, "value": [encode(rows[k]) for k in keys]})

    def get_events(self, keys: list[str]) -> dict[str, bytes]:
        """Cached events (``events/``: one file per run that computed some; read by the driver once a run)."""
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        files = sorted((self.path / "events").glob("*.parquet"))
        if not files or not keys:
            return {}
        table = pq.read_table(files, filters=pc.field("key").isin(keys))
        found = {}
        for key, value in zip(table.column("key").to_pylist(), table.column("value").to_pylist(), strict=True):
            blob = unseal(value)
            if blob is not None:
                found[key] = blob
        return found

    def put_events(self, rows: dict[str, bytes]) -> None:
        if rows:
            keys = sorted(rows)
            self._write(self.path / "events", {"key": keys, "value": [seal(rows[k]) for k in keys]})

    def _write(self, folder: Path, columns: dict[str, list[Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        folder.mkdir(parents=True, exist_ok=True)
        table = pa.table(columns, schema=pa.schema([("key", pa.string()), ("value", pa.binary())]))
        name = f"part-{uuid.uuid4().hex}.parquet"
        tmp = folder / f".{name}.tmp"
        pq.write_table(table, tmp)
        tmp.replace(folder / name)  # readers never see a half-written file

    def count(self) -> int:
        import pyarrow.parquet as pq

        return sum(pq.read_metadata(f).num_rows for f in self.path.glob("bucket=*/*.parquet"))

    def close(self) -> None:
        pass

    def __enter__(self) -> ParquetStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def fetch_terms(store: SignatureStore, keys: Iterable[str]) -> dict[str, SignedStory]:
    """Every row asked for; a missing one is a broken run (the terms step wrote them all)."""
    wanted = sorted(set(keys))
    found = store.get_many(wanted)
    missing = [k for k in wanted if k not in found]
    if missing:
        raise RuntimeError(f"{len(missing)} story signature(s) missing from the shared index "
                           f"(first: {missing[0][:12]}...); is every worker using the same --index?")
    return found
