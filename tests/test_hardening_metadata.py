"""Issue 13, items 14-16: partial manifest dates, titles without page clutter, and a name for
every account (manifest, URL domain, a source:/outlet: line, else a short label)."""

from __future__ import annotations

import json
from pathlib import Path

from compare.ingest import read_corpus
from compare.ingest.manifest import validate_manifest
from compare.pipeline import run_corpus, write_outputs

BODY = ("The ministers met in Minsk on Wednesday and agreed on a plan for the river basin. "
        "The plan costs 40 million euros, the finance minister said. Work starts in the spring.\n")


def _corpus(root: Path, files: dict[str, str], manifest: dict | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    if manifest is not None:
        (root / "compare-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


# --------------------------------------------------------------------------- 14. partial dates


def test_manifest_accepts_partial_dates_and_the_report_says_the_day_is_unknown(tmp_path: Path) -> None:
    manifest = {"files": {"a.txt": {"date": "2023-11", "outlet": "A"}, "b.txt": {"date": "2023", "outlet": "B"}}}
    assert validate_manifest(manifest) == []
    assert validate_manifest({"files": {"a.txt": {"date": "2023-13"}}}) != []
    assert validate_manifest({"files": {"a.txt": {"date": "23-11"}}}) != []
    corpus = _corpus(tmp_path / "c", {"a.txt": "Plan agreed\n\n" + BODY, "b.txt": "Plan agreed in Minsk\n\n" + BODY}, manifest)
    docs, errors = read_corpus(corpus)
    assert errors == []
    by_path = {d.path: d for d in docs}
    assert by_path["a.txt"].date is None and by_path["b.txt"].date is None  # no day: never a wrong full date
    assert any("2023-11" in w and "day unknown" in w for w in by_path["a.txt"].warnings)
    assert any("2023" in w and "month and day unknown" in w for w in by_path["b.txt"].warnings)
    out = tmp_path / "out"
    write_outputs(run_corpus(corpus), out)
    assert "day unknown" in (out / "index.html").read_text(encoding="utf-8")
