"""report.json: conversion, schema, cross-reference checks, deterministic bytes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from report_sample import build_sample_report

from compare.model import Claim, SentenceRef
from compare.pipeline import run_corpus, write_outputs
from compare.report import (
    SCHEMA_PATH,
    ReportValidationError,
    dumps,
    load_schema,
    reference_problems,
    report_to_dict,
    schema_problems,
    validate_report,
    write_report_json,
)

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_FIELDS = {
    "report": {"documents", "events", "errors"},
    "document": {"path", "outlet", "derived_from", "stories"},
    "story": {"id", "kind", "title", "date", "sentences"},
    "sentence": {"index", "text", "start", "end", "role"},
    "event": {"id", "stories", "claims", "discrepancies"},
    "claim": {"id", "sentences"},
    "discrepancy": {"type", "severity", "claim", "sentences", "summary"},
    "error": {"path", "error"},
}


@pytest.fixture
def sample() -> dict:
    return report_to_dict(build_sample_report())


def test_schema_is_valid_draft_2020_12_and_shipped_in_the_package():
    Draft202012Validator.check_schema(load_schema())
    assert SCHEMA_PATH == ROOT / "compare" / "schemas" / "report.schema.json"
    assert SCHEMA_PATH.resolve() == (ROOT / "schemas" / "report.schema.json").resolve()


def _walk_properties(node, where="#"):
    """Yield (where, property schema) for every named property in the schema."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/{name}", sub
        for key, sub in node.items():
            yield from _walk_properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _walk_properties(sub, f"{where}[{i}]")


def test_schema_documents_every_field():
    schema = load_schema()
    undocumented = []
    for where, prop in _walk_properties(schema):
        described = "description" in prop
        if not described and "$ref" in prop:  # a reference documents itself in $defs
            target = schema["$defs"][prop["$ref"].rsplit("/", 1)[-1]]
            described = "description" in target
        if not described:
            undocumented.append(where)
    assert not undocumented
    for name, definition in schema["$defs"].items():
        assert "description" in definition, name


def test_contract_fields_are_required_by_the_schema():
    schema = load_schema()
    defs = schema["$defs"]
    assert CONTRACT_FIELDS["report"] <= set(schema["required"])
    for name in ("document", "story", "sentence", "event", "claim", "discrepancy"):
        assert CONTRACT_FIELDS[name] <= set(defs[name]["required"]), name
    assert CONTRACT_FIELDS["error"] <= set(schema["properties"]["errors"]["items"]["required"])
    assert set(defs["discrepancy_type"]["enum"]) == {
        "quote_wording", "number", "date", "entity", "attribution", "framing", "omission"}
    assert defs["severity"]["enum"] == ["info", "warning", "error"]


def test_sample_report_is_valid_and_uses_every_schema_field(sample):
    validate_report(sample)
    schema = load_schema()
    defs = schema["$defs"]
    seen: dict[str, set[str]] = {}

    def collect(kind, obj):
        seen.setdefault(kind, set()).update(obj)

    collect("report", sample)
    for doc in sample["documents"]:
        collect("document", doc)
        for story in doc["stories"]:
            collect("story", story)
            for s in story["sentences"]:
                collect("sentence", s)
            for q in story["quotes"]:
                collect("quote", q)
    for event in sample["events"]:
        collect("event", event)
        for c in event["claims"]:
            collect("claim", c)
        for d in event["discrepancies"]:
            collect("discrepancy", d)
    assert seen["report"] == set(schema["properties"])
    for kind in ("document", "story", "sentence", "quote", "event", "claim", "discrepancy"):
        assert seen[kind] == set(defs[kind]["properties"]), kind
    assert set(sample["stats"]) == set(schema["properties"]["stats"]["properties"])


def test_conversion_keeps_contract_values(sample):
    wire = sample["documents"][0]
    assert wire["path"] == "a/wire.html" and wire["outlet"] == "Wire Agency"
    story = wire["stories"][0]
    assert story["id"] == "a/wire.html#0" and story["kind"] == "article"
    assert story["sentences"][0] == {
        "index": 0, "text": story["title"], "start": 0, "end": len(story["title"]), "role": "title"}
    event = sample["events"][0]
    c2 = next(c for c in event["claims"] if c["id"] == "c2")
    assert c2["accounts"] == 3 and c2["sentences"][0] == {"story": "a/wire.html#0", "index": 1}
    assert c2["links"][0]["score"] == 0.72
    disc = event["discrepancies"][0]
    assert (disc["type"], disc["severity"], disc["claim"]) == ("number", "error", "c4")
    assert sample["errors"][0]["path"] == "z/broken.html"
    assert sample["stats"]["discrepancies_by_severity"] == {"info": 1, "warning": 4, "error": 3}
    assert sample["stats"]["extra"] == {"seconds_are_never_recorded": 0}


def test_free_form_details_become_plain_sorted_json(sample):
    event = sample["events"][0]
    by_type = {d["type"]: d for d in event["discrepancies"]}
    assert by_type["attribution"]["details"]["verbs"] == ["said", "claimed"]  # tuple -> list
    assert by_type["framing"]["details"]["terms"] == ["catastrophic"]  # set -> sorted list
    assert by_type["omission"]["details"]["score"] == 0.3333  # rounded
    assert event["links"][0]["evidence"] == {"jaccard": 0.9667}


def test_schema_rejects_wrong_values(sample):
    bad = copy.deepcopy(sample)
    bad["events"][0]["discrepancies"][0]["type"] = "spelling"
    bad["documents"][0]["stories"][0]["date"] = "06.03.2024"
    del bad["documents"][0]["stories"][0]["sentences"][0]["role"]
    problems = schema_problems(bad)
    assert len(problems) == 3
    assert any("spelling" in p for p in problems)
    assert any("06.03.2024" in p for p in problems)
    with pytest.raises(ReportValidationError, match="invalid report"):
        validate_report(bad)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["events"][0]["discrepancies"][0].update(type="spelling"),
        lambda d: d["documents"][0]["stories"][0].update(date="06.03.2024"),
        lambda d: d["documents"][0]["stories"][0]["sentences"][0].pop("role"),
        lambda d: d["documents"][0].update(sha256="ABC"),
        lambda d: d["events"][0]["claims"][0]["sentences"][0].update(index="1"),
        lambda d: d.update(unexpected=1),
        lambda d: d["events"][0].pop("claims"),
        lambda d: d["events"][0]["claims"][0]["links"][0].update(score=1.5),
    ],
)
def test_fast_and_full_validators_agree(sample, breakage):
    """jsonschema-rs gives the verdict, jsonschema the messages: they must agree on every case."""
    from compare.report import _fast_validator, _validator

    assert _fast_validator().is_valid(sample) and _validator().is_valid(sample)
    bad = copy.deepcopy(sample)
    breakage(bad)
    assert _fast_validator().is_valid(bad) == _validator().is_valid(bad)


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (lambda d: d["events"][1]["stories"].append("a/wire.html#0"), "is in events e1 and e2"),
        (lambda d: d["events"].pop(2), "is in no event"),
        (lambda d: d["events"][0]["claims"].pop(), "sentence(s) in no claim"),
        (lambda d: d["events"][0]["claims"][0]["sentences"].append({"story": "a/wire.html#0", "index": 1}),
         "is in claims c1 and c2"),
        (lambda d: d["events"][0]["claims"][0]["sentences"].append({"story": "a/wire.html#0", "index": 99}),
         "has no sentence 99"),
        (lambda d: d["events"][0]["discrepancies"][0].update(claim="c99"), "unknown claim 'c99'"),
        (lambda d: d["events"][1]["claims"][0]["sentences"].append({"story": "a/wire.html#0", "index": 0}),
         "is not a member"),
        (lambda d: d["events"][2].update(id="e1"), "event id 'e1' is not unique"),
    ],
)
def test_cross_reference_problems_are_named(sample, breakage, expected):
    assert reference_problems(sample) == []
    bad = copy.deepcopy(sample)
    breakage(bad)
    problems = reference_problems(bad)
    assert any(expected in p for p in problems), problems


def test_invalid_report_is_not_written(tmp_path):
    report = build_sample_report()
    report.events[0].claims.append(Claim("c7", [SentenceRef("a/wire.html#0", 0)]))  # sentence twice
    with pytest.raises(ReportValidationError, match="is in claims c1 and c7"):
        write_report_json(report, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_written_bytes_are_the_dumped_data(tmp_path):
    path, data = write_report_json(build_sample_report(), tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text == dumps(data) and text.endswith("}\n")
    assert json.loads(text) == data
    assert "Daily <b onmouseover" in text  # UTF-8 and markup kept as data, not escaped away


def test_seed_corpus_report_is_valid_and_has_no_machine_paths(seed_corpus, tmp_path):
    write_outputs(run_corpus(seed_corpus), tmp_path / "out")
    text = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    data = json.loads(text)
    validate_report(data)
    assert data["corpus"] == "seed-corpus"
    assert str(tmp_path) not in text and str(seed_corpus.parent) not in text
    assert {p.name for p in seed_corpus.glob("*.txt")} <= {d["path"] for d in data["documents"]}
