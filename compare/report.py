"""report.json: the Report as plain JSON, validated against schemas/report.schema.json.

PLACEHOLDER shape (issue #6 owns the full schema): follows ../shared/REPORT-CONTRACT.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from compare import __version__
from compare.fileio import atomic_write_text
from compare.model import Report

SCHEMA_VERSION = "1"


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "compare", "version": __version__},
        "corpus": report.corpus,
        "parameters": report.parameters,
        "documents": [asdict(d) for d in report.documents],
        "events": [asdict(e) for e in report.events],
        "errors": [asdict(e) for e in report.errors],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_report_json(report: Report, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    data = report_to_dict(report)
    path = out_dir / "report.json"
    atomic_write_text(path, dumps(data))
    return path, data
