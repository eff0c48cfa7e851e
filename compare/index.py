"""Persistent signature index: an embedded SQLite file of each story's hashed stems.

A row holds what matching needs from one story so that a re-run never reads
its text again: the hashed content stems of every sentence (the input of its
MinHash signatures) and their name-like flags.  Tokenising and stemming is the
expensive step (about 1-2k stories/s); the signatures themselves are
recomputed from these rows at 20k+ stories/s because which stems enter them
depends on the whole corpus (the common-term cap, see compare.match).  Rows
are keyed by a content hash of the story's sentences *and* the fingerprint of
the algorithm that produced them (``compare.match.fingerprint``), so a changed
story or a new algorithm version simply misses and is processed again, and a
warm run gives exactly the cold run's result.

A second table, ``events``, caches each event's claims and discrepancies under
the key ``compare.eventcache.event_key`` gives it (members' content, parameters,
code), so a re-run aligns and compares only the events that changed.

A third, ``embeddings``, keeps sentence vectors (``compare.lang.embed``) under a hash of
the sentence text and the model id, so a warm run encodes nothing.

Nothing read back is trusted: the file must be SQLite with our ``meta`` table,
application name and schema version, and every row carries an xxh64 checksum
of its blobs.  A foreign or corrupt file is moved aside (``*.corrupt-N``) and a
fresh index is built, with a warning for the caller; a bad row is ignored and
re-signed.  Writes go in one transaction per batch.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xxhash

APP = "compare-signature-index"
SCHEMA_VERSION = "2"
FILENAME = "signatures.sqlite"


@dataclass(slots=True)
class SignedStory:
    """One story's matching material: hashed content stems per sentence, name-like flags."""

    terms: np.ndarray  # uint32, all sentences' content-stem hashes in order
    offsets: np.ndarray  # int64, sentences + 1
    names: np.ndarray  # uint8, 1 where the term is name-like (see compare.match.shingles)


def _checksum(*blobs: bytes) -> str:
    h = xxhash.xxh64()
    for blob in blobs:
        h.update(len(blob).to_bytes(8, "little"))
        h.update(blob)
    return h.hexdigest()


class SignatureIndex:
    """Get and put ``SignedStory`` rows by key; ``path None`` keeps nothing on disk."""

    def __init__(self, index_dir: Path | None):
        self.warning: str | None = None
        self.path: Path | None = None
        if index_dir is None:
            self._db = sqlite3.connect(":memory:")
            self._create()
            return
        try:
            index_dir = Path(index_dir)
            index_dir.mkdir(parents=True, exist_ok=True)
            self.path = index_dir / FILENAME
            try:
                self._db = self._open_checked(self.path)
            except (sqlite3.DatabaseError, ValueError) as exc:
                self._db = self._rebuild(f"{exc}")
        except (OSError, sqlite3.Error) as exc:
            # An unwritable or unreachable folder: run without persistence rather than fail.
            self.warning = f"signature index under {index_dir} cannot be used ({exc}); nothing was reused or kept"
            self.path = None
            self._db = sqlite3.connect(":memory:")
            self._create()

    # -- opening ---------------------------------------------------------------------------
    def _open_checked(self, path: Path) -> sqlite3.Connection:
        fresh = not path.exists() or path.stat().st_size == 0
        db = sqlite3.connect(path, timeout=30)
        try:
            if fresh:
                self._db = db
                self._create()
                return db
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"meta", "signed"} <= tables:
                raise ValueError("not a compare signature index (tables missing)")
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("app") != APP:
                raise ValueError(f"foreign file (app={meta.get('app')!r})")
            if meta.get("schema") != SCHEMA_VERSION:
                raise ValueError(f"schema version {meta.get('schema')!r}, expected {SCHEMA_VERSION}")
            columns = [r[1] for r in db.execute("PRAGMA table_info(signed)")]
            if columns != ["key", "terms", "offsets", "names", "checksum"]:
                raise ValueError("unexpected columns in table signed")
            check = db.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise ValueError(f"integrity check failed: {check[0] if check else 'no answer'}")
            if "events" not in tables:  # an index from before the event cache: add the table
                self._db = db
                self._create_events()
            elif [r[1] for r in db.execute("PRAGMA table_info(events)")] != ["key", "value", "checksum"]:
                raise ValueError("unexpected columns in table events")
            if "embeddings" not in tables:  # an index from before the embedding cache: add the table
                self._db = db
                self._create_embeddings()
            elif [r[1] for r in db.execute("PRAGMA table_info(embeddings)")] != ["key", "vector", "checksum"]:
                raise ValueError("unexpected columns in table embeddings")
            return db
        except Exception:
            db.close()
            raise

    def _create(self) -> None:
        with self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS signed (key TEXT PRIMARY KEY, terms BLOB NOT NULL, "
                "offsets BLOB NOT NULL, names BLOB NOT NULL, checksum TEXT NOT NULL)"
            )
            self._create_events()
            self._create_embeddings()
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('app', ?)", (APP,))
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    def _rebuild(self, reason: str) -> sqlite3.Connection:
        assert self.path is not None
        n = 1
        while self.path.with_name(f"{self.path.name}.corrupt-{n}").exists():
            n += 1
        aside = self.path.with_name(f"{self.path.name}.corrupt-{n}")
        for suffix in ("", "-journal", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                part.replace(Path(f"{aside}{suffix}"))
        self.warning = f"signature index {self.path} was unusable ({reason}); moved to {aside.name} and rebuilt"
        self._db = sqlite3.connect(self.path, timeout=30)
        self._create()
        return self._db

    # -- rows ------------------------------------------------------------------------------
    def get_many(self, keys: list[str]) -> dict[str, SignedStory]:
        """The rows found for ``keys``; damaged rows are left out (and so re-signed)."""
        found: dict[str, SignedStory] = {}
        bad = 0
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, terms, offsets, names, checksum FROM signed WHERE key IN ({marks})",
                    chunk,
                ).fetchall()
                for key, terms, offsets, names, checksum in rows:
                    story = self._decode(terms, offsets, names, checksum)
                    if story is None:
                        bad += 1
                    else:
                        found[key] = story
        except sqlite3.DatabaseError as exc:
            if self.path is None:
                raise
            self._db.close()
            self._db = self._rebuild(str(exc))
            return {}
        if bad:
            note = f"{bad} damaged row(s) in the signature index ignored and re-signed"
            self.warning = f"{self.warning}; {note}" if self.warning else note
        return found

    @staticmethod
    def _decode(terms, offsets, names, checksum) -> SignedStory | None:
        if not all(isinstance(b, bytes) for b in (terms, offsets, names)):
            return None
        if _checksum(terms, offsets, names) != checksum:
            return None
        if len(terms) % 4 or len(offsets) % 8:
            return None
        t = np.frombuffer(terms, dtype=np.uint32)
        o = np.frombuffer(offsets, dtype=np.int64)
        f = np.frombuffer(names, dtype=np.uint8)
        if len(o) < 1 or o[0] != 0 or o[-1] != len(t) or np.any(np.diff(o) < 0) or len(f) != len(t):
            return None
        return SignedStory(t, o, f)

    def put_many(self, rows: dict[str, SignedStory]) -> None:
        """Store rows in one transaction (all or nothing)."""
        if not rows:
            return
        records = []
        for key in sorted(rows):
            story = rows[key]
            blobs = (
                np.ascontiguousarray(story.terms, dtype=np.uint32).tobytes(),
                np.ascontiguousarray(story.offsets, dtype=np.int64).tobytes(),
                np.ascontiguousarray(story.names, dtype=np.uint8).tobytes(),
            )
            records.append((key, *blobs, _checksum(*blobs)))
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO signed VALUES (?, ?, ?, ?, ?)", records)
        except sqlite3.DatabaseError as exc:
            note = f"could not write the signature index ({exc}); results are unaffected"
            self.warning = f"{self.warning}; {note}" if self.warning else note

    # -- cached events (see compare.eventcache) ----------------------------------------------
    def _create_events(self) -> None:
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS events (key TEXT PRIMARY KEY, value BLOB NOT NULL, checksum TEXT NOT NULL)"
            )

    def _note(self, text: str) -> None:
        self.warning = f"{self.warning}; {text}" if self.warning else text

    def _checked_blobs(self, table: str, column: str, keys: list[str], what: str, then: str) -> dict[str, bytes]:
        """Stored blobs of ``table`` by key, 500 keys a query; a row whose checksum fails is left out.
        A database error gives a warning and nothing (the caller recomputes)."""
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob, checksum in self._db.execute(
                    f"SELECT key, {column}, checksum FROM {table} WHERE key IN ({marks})", chunk
                ):
                    if isinstance(blob, bytes) and _checksum(blob) == checksum:
                        found[key] = blob
        except sqlite3.DatabaseError as exc:
            self._note(f"could not read cached {what} ({exc}); {then}")
            return {}
        return found

    def _put_blobs(self, table: str, rows: dict[str, bytes], what: str) -> None:
        """Store blobs with their checksums in one transaction (all or nothing)."""
        if not rows:
            return
        try:
            with self._db:
                self._db.executemany(
                    f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)",
                    [(key, rows[key], _checksum(rows[key])) for key in sorted(rows)],
                )
        except sqlite3.DatabaseError as exc:
            self._note(f"could not write cached {what} ({exc}); results are unaffected")

    def get_events(self, keys: list[str]) -> dict[str, bytes]:
        """Stored event values by key; a row whose checksum fails is left out (and so recomputed)."""
        return self._checked_blobs("events", "value", keys, "events", "they are recomputed")

    def put_events(self, rows: dict[str, bytes]) -> None:
        """Store event values in one transaction (all or nothing)."""
        self._put_blobs("events", rows, "events")

    # -- cached sentence embeddings (see compare.lang.embed) -----------------------------------
    def _create_embeddings(self) -> None:
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL, checksum TEXT NOT NULL)"
            )

    def get_embeddings(self, keys: list[str], dimensions: int) -> dict[str, np.ndarray]:
        """Stored float32 vectors by key; a row of the wrong size or checksum is left out (re-encoded)."""
        blobs = self._checked_blobs("embeddings", "vector", keys, "embeddings", "they are encoded again")
        return {key: np.frombuffer(blob, dtype=np.float32) for key, blob in blobs.items() if len(blob) == 4 * dimensions}

    def put_embeddings(self, rows: dict[str, np.ndarray]) -> None:
        """Store vectors (as float32 bytes) in one transaction (all or nothing)."""
        self._put_blobs(
            "embeddings",
            {key: np.ascontiguousarray(vector, dtype=np.float32).tobytes() for key, vector in rows.items()},
            "embeddings",
        )

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM signed").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SignatureIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
