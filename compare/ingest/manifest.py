"""The corpus manifest, ``compare-manifest.json`` at the corpus root, validated with jsonschema.

It gives per-file facts the text may not carry (outlet, url, date, language,
derived_from, title).  An invalid manifest is one input error naming the file, the JSON
pointer of the offending value and the rule it breaks; the corpus is then read without it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from compare.ingest.readers import InputFileError, decode, read_bytes_checked

MANIFEST_NAME = "compare-manifest.json"


@lru_cache(maxsize=1)
def manifest_schema() -> dict[str, Any]:
    """schemas/manifest.schema.json (from the source tree, or the copy packaged in compare/schemas)."""
    here = Path(__file__).resolve().parents[2] / "schemas" / "manifest.schema.json"
    if here.is_file():
        return json.loads(here.read_text(encoding="utf-8"))
    packaged = resources.files("compare").joinpath("schemas/manifest.schema.json")
    return json.loads(packaged.read_text(encoding="utf-8"))


def _pointer(parts: Any) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts) if parts else "/"


def validate_manifest(data: Any) -> list[str]:
    """Every schema violation, in words: "at /files/a.txt/date: '9 Feb' does not match ... (rule: pattern)"."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(manifest_schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        problems.append(
            f"at {_pointer(error.absolute_path)} (JSONPath {error.json_path}): {error.message} "
            f"(rule broken: {error.validator})"
        )
    return problems


def load_manifest(corpus: Path) -> dict[str, dict[str, Any]] | None:
    """Per-file metadata from the corpus manifest; None when there is none.

    Raises InputFileError (message names the JSON pointer and the rule) when it is invalid.
    """
    path = corpus / MANIFEST_NAME
    if not path.is_file():
        return None
    raw = read_bytes_checked(path)
    text, _ = decode(raw)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    problems = validate_manifest(data)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputFileError(f"manifest does not follow schemas/manifest.schema.json: {problems[0]}{more}")
    defaults = {k: v for k, v in data.get("defaults", {}).items() if k != "note"}
    return {
        name: {**defaults, **{k: v for k, v in entry.items() if k != "note"}}
        for name, entry in data["files"].items()
    } | ({"*": defaults} if defaults else {})
