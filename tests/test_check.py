"""The CI gate's logic on synthetic Reports: baselines, what counts as new, exit codes, lines."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from test_check_support import (
    A_LINES,
    B_LINES,
    C_LINES,
    accepted_state,
    disc,
    event,
    ref,
    report,
    write_doc,
)

from compare.check import (
    BaselineError,
    SourceLines,
    check_report,
    content_hash,
    dumps_baseline,
    index_usage,
    load_baseline,
    make_baseline,
    sentence_key,
    source_file,
    write_baseline,
)
from compare.model import InputError


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus"
    path.mkdir()
    return path


def with_third_account(corpus, conflict: bool):
    """The accepted state plus c.txt joining the blast event, with or without a number conflict."""
    base = accepted_state(corpus)
    a, b, z = base.documents
    c = write_doc(corpus, "c.txt", C_LINES if conflict else [C_LINES[0], B_LINES[0]])
    discrepancies = list(base.events[0].discrepancies)
    if conflict:
        discrepancies.append(disc("number", "error", "20 people vs 30 people",
                                  [ref("a.txt", 0), ref("b.txt", 0), ref("c.txt", 1)], claim="c1"))
    ev = event("e1", ["a.txt", "b.txt", "c.txt"],
               claims=[[ref("a.txt", 0), ref("b.txt", 0), ref("c.txt", 1)], [ref("a.txt", 1), ref("b.txt", 1)],
                       [ref("c.txt", 0)]],
               discrepancies=discrepancies, title="Blast")
    return report(corpus, [a, b, c, z], [ev, event("e2", ["z.txt"])])


# --- the baseline ------------------------------------------------------------------------


def test_baseline_records_files_events_claims_and_discrepancies(corpus):
    data = make_baseline(accepted_state(corpus))
    assert set(data["files"]) == {"a.txt", "b.txt", "z.txt"}
    assert [e["files"] for e in data["events"]] == [["a.txt", "b.txt"], ["z.txt"]]
    assert len(data["claims"]) == 2 and all(c["files"] == ["a.txt", "b.txt"] for c in data["claims"])
    (d,) = data["discrepancies"]
    assert (d["type"], d["severity"], d["files"]) == ("quote_wording", "info", ["a.txt", "b.txt"])
    assert {s["key"] for s in d["sentences"]} == {sentence_key(A_LINES[1]), sentence_key(B_LINES[1])}


def test_baseline_keys_survive_ids_shifting(corpus):
    """Event and claim ids (e1, c3) are run-specific; the baseline must not depend on them."""
    first = accepted_state(corpus)
    second = accepted_state(corpus)
    second.events.reverse()
    for i, ev in enumerate(second.events, 7):
        ev.id = f"e{i}"
        ev.claims.reverse()
        for j, claim in enumerate(ev.claims, 4):
            claim.id = f"c{j}"
    assert dumps_baseline(make_baseline(first)) == dumps_baseline(make_baseline(second))


def test_baseline_file_is_deterministic_sorted_and_valid(corpus, tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(make_baseline(accepted_state(corpus)), path)
    first = path.read_bytes()
    write_baseline(make_baseline(accepted_state(corpus)), path)
    assert path.read_bytes() == first
    text = first.decode("utf-8")
    assert text.endswith("}\n") and "\n  " in text  # pretty, one key a line: diffs well
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert load_baseline(path)["files"].keys() == {"a.txt", "b.txt", "z.txt"}
    assert not list(tmp_path.glob(".baseline.json.*"))  # no temporary file left behind


# --- untrustworthy baselines: a clear error, never a pass ---------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        (b"", "not valid JSON"),
        (b'{"format": "compare-baseline", "format_version": 1, "files": {', "not valid JSON"),
        (b"\xff\xfe garbage \x00", "not valid JSON"),
        (b"[1, 2, 3]", "not a compare baseline"),
        (b'{"format": "something-else"}', "not a compare baseline"),
        (b'{"format": "compare-baseline", "format_version": 2, "compare_version": "9.0"}', "format version 2"),
        (b'{"format": "compare-baseline", "format_version": "1"}', "format version '1'"),
    ],
)
def test_unusable_baseline_is_an_error(tmp_path, content, message):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BaselineError, match=message):
        load_baseline(path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("discrepancies"),
        lambda d: d["files"].update({"x.txt": "not-a-hash"}),
        lambda d: d["discrepancies"][0].update(severity="fatal"),
        lambda d: d["events"][0].update(stories="a.txt#0"),
        lambda d: d.update(extra_field=1),
    ],
    ids=["missing-section", "bad-hash", "bad-severity", "wrong-type", "unknown-field"],
)
def test_baseline_of_the_wrong_shape_fails_schema_validation(corpus, tmp_path, damage):
    data = make_baseline(accepted_state(corpus))
    damage(data)
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BaselineError, match="not a valid compare baseline"):
        load_baseline(path)


# --- what is new ----------------------------------------------------------------------------


def test_nothing_changed_means_nothing_new(corpus):
    base = make_baseline(accepted_state(corpus))
    result = check_report(accepted_state(corpus), base, corpus)
    assert result.findings == [] and result.resolved == []
    assert result.files.unchanged == ["a.txt", "b.txt", "z.txt"]
    assert result.exit_code == 0


def test_consistent_account_joins_the_event_and_passes(corpus):
    base = make_baseline(accepted_state(corpus))
    result = check_report(with_third_account(corpus, conflict=False), base, corpus)
    assert result.files.new == ["c.txt"]
    (joined,) = result.findings
    assert joined.kind == "event_joined" and joined.severity == "info"
    assert joined.details["existing_files"] == ["a.txt", "b.txt"] and joined.details["new_files"] == ["c.txt"]
    assert joined.details["shared_claims"] == 1
    assert "a.txt, b.txt" in joined.message and "Blast" in joined.message
    assert result.exit_code == 0
    assert check_report(with_third_account(corpus, conflict=False), base, corpus, fail_on="info").exit_code == 1


def test_planted_conflict_fails_pointing_at_the_new_file_and_line(corpus):
    base = make_baseline(accepted_state(corpus))
    result = check_report(with_third_account(corpus, conflict=True), base, corpus)
    (new,) = [f for f in result.findings if f.kind == "new_discrepancy"]
    assert (new.severity, new.file, new.line) == ("error", "c.txt", 2)
    assert [(r.file, r.line) for r in new.related] == [("a.txt", 1), ("b.txt", 1)]
    assert new.details["type"] == "number"
    assert result.failing() == [new]
    assert result.exit_code == 1


@pytest.mark.parametrize(("severity", "fail_on", "code"), [
    ("warning", "error", 0), ("warning", "warning", 1), ("warning", "info", 1),
    ("info", "warning", 0), ("error", "error", 1),
])
def test_fail_on_threshold(corpus, severity, fail_on, code):
    base = make_baseline(accepted_state(corpus))
    now = accepted_state(corpus)
    now.events[0].discrepancies.append(disc("framing", severity, "loaded label", [ref("a.txt", 0)]))
    assert check_report(now, base, corpus, fail_on=fail_on).exit_code == code


def test_unknown_threshold_is_refused(corpus):
    with pytest.raises(ValueError, match="fail_on"):
        check_report(accepted_state(corpus), make_baseline(accepted_state(corpus)), corpus, fail_on="fatal")


def test_known_discrepancy_extended_by_a_new_account_is_info(corpus):
    """An accepted conflict that a new file now also takes part in is not a new conflict."""
    base = make_baseline(accepted_state(corpus))
    now = with_third_account(corpus, conflict=False)
    old = now.events[0].discrepancies[0]
    now.events[0].discrepancies[0] = replace(old, sentences=[*old.sentences, ref("c.txt", 0)])
    result = check_report(now, base, corpus)
    grown = [f for f in result.findings if f.kind == "grown_discrepancy"]
    assert len(grown) == 1 and grown[0].severity == "info" and grown[0].file == "c.txt"
    assert result.resolved == [] and result.exit_code == 0


def test_extended_discrepancy_with_a_new_severity_is_new(corpus):
    base = make_baseline(accepted_state(corpus))
    now = with_third_account(corpus, conflict=False)
    old = now.events[0].discrepancies[0]
    now.events[0].discrepancies[0] = replace(old, severity="error", sentences=[*old.sentences, ref("c.txt", 0)])
    result = check_report(now, base, corpus)
    assert [f.kind for f in result.failing()] == ["new_discrepancy"]
    assert len(result.resolved) == 1  # the accepted info-level one is gone


def test_extended_discrepancy_bringing_a_new_value_is_new(corpus):
    """Same type and severity, but the summary now holds a number the accepted one did not."""
    base = make_baseline(accepted_state(corpus))
    base_disc = accepted_state(corpus).events[0].discrepancies[0]
    now = with_third_account(corpus, conflict=False)
    now.documents[2].outlet = "Wire Service"
    extended = [*base_disc.sentences, ref("c.txt", 0)]
    now.events[0].discrepancies[0] = replace(base_disc, sentences=extended,
                                             summary=base_disc.summary + " (Wire Service: c.txt)")
    assert [f.kind for f in check_report(now, base, corpus).findings] == ["grown_discrepancy", "event_joined"]
    now.events[0].discrepancies[0] = replace(base_disc, sentences=extended, severity="info",
                                             summary=base_disc.summary + " vs 'meeting of 30'")
    result = check_report(now, base, corpus)
    assert [f.kind for f in result.findings] == ["new_discrepancy", "event_joined"]
    assert check_report(now, base, corpus, fail_on="info").exit_code == 1


def test_reprint_repeating_an_accepted_difference_is_known_but_a_changed_copy_is_new(corpus):
    """Pairwise engines report a reprint against each account; repeating accepted sentences
    word for word is no new conflict, changing a number in them is."""
    base = make_baseline(accepted_state(corpus))
    now = accepted_state(corpus)
    copy = write_doc(corpus, "b-copy.txt", B_LINES)
    now.documents.append(copy)
    now.events[0].stories.append("b-copy.txt#0")
    now.events[0].discrepancies.append(
        disc("quote_wording", "info", "'meeting was held' vs 'summit took place' (b-copy.txt)",
             [ref("a.txt", 1), ref("b-copy.txt", 1)]))
    result = check_report(now, base, corpus)
    assert [f.kind for f in result.findings] == ["grown_discrepancy", "event_joined"]
    changed = write_doc(corpus, "b-copy.txt", [B_LINES[0], B_LINES[1].replace("Monday", "Tuesday")])
    now.documents[-1] = changed
    result = check_report(now, base, corpus, fail_on="info")
    assert [f.kind for f in result.findings] == ["new_discrepancy", "event_joined"]
    assert result.exit_code == 1


def test_discrepancy_shifted_among_unchanged_accounts_of_a_joined_event_is_info(corpus):
    """A new account joining an event can change how its old accounts are aligned; a difference
    between old accounts only is then no conflict the new file brings."""
    base = make_baseline(accepted_state(corpus))
    now = with_third_account(corpus, conflict=False)
    now.events[0].discrepancies.append(disc("attribution", "error", "said vs claimed", [ref("a.txt", 0), ref("b.txt", 0)]))
    result = check_report(now, base, corpus)
    (shifted,) = [f for f in result.findings if f.kind == "shifted_discrepancy"]
    assert shifted.severity == "info" and shifted.details["own_severity"] == "error"
    assert result.exit_code == 0
    assert check_report(now, base, corpus, fail_on="info").exit_code == 1


def test_discrepancy_among_unchanged_files_is_new_when_nothing_explains_it(corpus):
    base = make_baseline(accepted_state(corpus))
    # no new file joined z.txt's event: a new conflict there is new
    now = with_third_account(corpus, conflict=False)
    now.events[1].discrepancies.append(disc("framing", "error", "label", [ref("z.txt", 0)]))
    assert [f.kind for f in check_report(now, base, corpus).failing()] == ["new_discrepancy"]
    # other parameters: the run itself changed, so nothing is excused
    now = with_third_account(corpus, conflict=False)
    now.events[0].discrepancies.append(disc("attribution", "error", "said vs claimed", [ref("a.txt", 0), ref("b.txt", 0)]))
    now.parameters = {"match": {"num_perm": 64}}
    assert [f.kind for f in check_report(now, base, corpus).failing()] == ["new_discrepancy"]


def test_changed_and_removed_files_and_resolved_discrepancies(corpus):
    base = make_baseline(accepted_state(corpus))
    b = write_doc(corpus, "b.txt", [B_LINES[0], A_LINES[1]])  # b now agrees with a
    a = accepted_state(corpus).documents[0]
    (corpus / "z.txt").unlink()
    ev = event("e1", ["a.txt", "b.txt"], claims=[[ref("a.txt", 0), ref("b.txt", 0)], [ref("a.txt", 1), ref("b.txt", 1)]])
    result = check_report(report(corpus, [a, b], [ev]), base, corpus)
    assert (result.files.changed, result.files.removed, result.files.unchanged) == (["b.txt"], ["z.txt"], ["a.txt"])
    assert [d["type"] for d in result.resolved] == ["quote_wording"]
    assert [f.kind for f in result.findings] == ["event_joined"]  # changed b rejoined a's event
    assert result.exit_code == 0


def test_new_file_starting_its_own_event(corpus):
    base = make_baseline(accepted_state(corpus))
    now = accepted_state(corpus)
    now.documents.append(write_doc(corpus, "n.txt", ["Something else entirely happened."]))
    now.events.append(event("e3", ["n.txt"], title="Else"))
    (started,) = check_report(now, base, corpus).findings
    assert started.kind == "event_started" and started.file == "n.txt" and started.line == 1


def test_regrouped_unchanged_files_are_reported(corpus):
    base = make_baseline(accepted_state(corpus))
    now = accepted_state(corpus)
    now.events = [event("e1", ["a.txt", "b.txt", "z.txt"], discrepancies=now.events[0].discrepancies)]
    kinds = [f.kind for f in check_report(now, base, corpus).findings]
    assert kinds == ["events_regrouped"]
    # a conflict between regrouped files: shifted when the corpus changed, new when nothing did
    now.events[0].discrepancies.append(disc("entity", "error", "Minsk vs Moscow", [ref("a.txt", 1), ref("z.txt", 0)]))
    assert [f.kind for f in check_report(now, base, corpus).failing()] == ["new_discrepancy"]
    now.documents.append(write_doc(corpus, "n.txt", ["Something else entirely happened."]))
    now.events.append(event("e3", ["n.txt"]))
    result = check_report(now, base, corpus)
    assert result.failing() == [] and "shifted_discrepancy" in [f.kind for f in result.findings]


def test_unreadable_files_exit_3_even_with_findings(corpus):
    base = make_baseline(accepted_state(corpus))
    now = with_third_account(corpus, conflict=True)
    now.errors = [InputError("broken.json", "invalid JSON at line 1 column 2")]
    result = check_report(now, base, corpus)
    assert result.exit_code == 3
    assert result.findings[0].kind == "input_error" and result.findings[0].file == "broken.json"
    assert "broken.json" not in result.files.removed + result.files.new


def test_parameter_and_version_changes_are_noted(corpus):
    base = make_baseline(accepted_state(corpus))
    base["compare_version"] = "0.0.1"
    now = accepted_state(corpus)
    now.parameters = {"match": {"num_perm": 256}}
    notes = check_report(now, base, corpus).notes
    assert any("0.0.1" in n for n in notes)
    assert any("match.num_perm 128 -> 256" in n for n in notes)


# --- the index statistics -------------------------------------------------------------------


@pytest.mark.parametrize(("stats", "expected"), [
    ({}, None),
    ({"index": {"signed": 1, "reused": 3, "index_path": "/x/index.sqlite", "index_warning": None, "events": 2}},
     {"signed_stories": 1, "reused_stories": 3}),
    ({"index": {"signed": 0, "reused": 2, "signed_ids": [], "reused_ids": ["a.txt#0", "b.txt#0"]}},
     {"signed_stories": 0, "reused_stories": 2, "reused_files": ["a.txt", "b.txt"]}),
    ({"index": {"signed": ["c.txt#0", "c.txt#1"], "reused": ["a.txt#0"], "index_warning": "rebuilt: corrupt"}},
     {"signed_stories": 2, "signed_files": ["c.txt"], "reused_stories": 1, "reused_files": ["a.txt"],
      "warning": "rebuilt: corrupt"}),
])
def test_index_usage(stats, expected):
    assert index_usage(stats, {"a.txt#0": "a.txt"}) == expected


def test_index_warning_becomes_a_note(corpus):
    now = accepted_state(corpus)
    now.stats = {"index": {"signed": 3, "reused": 0, "index_warning": "index was corrupt; rebuilt"}}
    result = check_report(now, make_baseline(accepted_state(corpus)), corpus)
    assert "signature index: index was corrupt; rebuilt" in result.notes


# --- lines in the source file ---------------------------------------------------------------


def test_line_of_a_sentence_in_plain_text(corpus):
    doc = write_doc(corpus, "a.txt", ["First line.", "", "Third line here.", "Fourth."])
    lines = SourceLines(corpus)
    assert [lines.line(doc, s) for s in doc.stories[0].sentences] == [1, 3, 4]


def test_line_when_extracted_text_differs_from_the_file(corpus):
    """Extracted text without the boilerplate lines: offsets no longer match the raw file."""
    (corpus / "a.txt").write_text("Menu | Home\nShare this\nThe real sentence is here.\nAnother one.\n", encoding="utf-8")
    doc = write_doc(corpus, "x.txt", ["The real sentence is here.", "Another one."])
    doc.path = "a.txt"
    lines = SourceLines(corpus)
    assert [lines.line(doc, s) for s in doc.stories[0].sentences] == [3, 4]


def test_line_in_html_and_json_sources(corpus):
    (corpus / "p.html").write_text(
        "<html>\n<body>\n<h1>Title</h1>\n<p>The CSTO&#x2019;s <em>strategy</em>\n runs &amp; runs\n"
        " until 2025.</p>\n</body></html>\n", encoding="utf-8")
    (corpus / "p.json").write_text(
        '{"title": "T",\n "text": "Intro.\\n\\u201cNATO is building up\\u201d, he said. Then more."}\n', encoding="utf-8")
    html_doc = write_doc(corpus, "h.txt", ["The CSTO\u2019s strategy runs & runs until 2025."])
    html_doc.path, html_doc.format = "p.html", "html"
    json_doc = write_doc(corpus, "j.txt", ["\u201cNATO is building up\u201d, he said."])
    json_doc.path, json_doc.format = "p.json", "json"
    lines = SourceLines(corpus)
    assert lines.line(html_doc, html_doc.stories[0].sentences[0]) == 4
    assert lines.line(json_doc, json_doc.stories[0].sentences[0]) == 2


def test_line_falls_back_to_1(corpus):
    doc = write_doc(corpus, "a.txt", ["Nothing like the sentence."])
    (corpus / "a.txt").write_text("completely different\ncontent\n", encoding="utf-8")
    assert SourceLines(corpus).line(doc, doc.stories[0].sentences[0]) == 1
    (corpus / "a.txt").unlink()
    assert SourceLines(corpus).line(doc, doc.stories[0].sentences[0]) == 1


def test_repeated_sentence_takes_the_nearest_occurrence(corpus):
    doc = write_doc(corpus, "a.txt", ["Headline.", "Body one.", "Headline.", "Body two."])
    lines = SourceLines(corpus)
    assert [lines.line(doc, s) for s in doc.stories[0].sentences] == [1, 2, 3, 4]


def test_records_of_json_and_jsonl_files(corpus):
    """One article per record: the record's own hash decides 'changed'; lines point into the file."""
    (corpus / "feed.jsonl").write_text(
        '{"text": "First record sentence."}\n\n{"text": "Second record sentence."}\n', encoding="utf-8")
    (corpus / "list.json").write_text(
        '[\n {"text": "Item one here."},\n {"text": "Item two \\u201cquoted\\u201d here."}\n]\n', encoding="utf-8")
    first = write_doc(corpus, "f1.txt", ["First record sentence."])
    second = write_doc(corpus, "f2.txt", ["Second record sentence."])
    item = write_doc(corpus, "i2.txt", ["Item two \u201cquoted\u201d here."])
    first.path, second.path, item.path = "feed.jsonl:1", "feed.jsonl:3", "list.json:2"
    assert source_file("feed.jsonl:3") == ("feed.jsonl", 3) and source_file("a.txt") == ("a.txt", None)
    lines = SourceLines(corpus)
    assert lines.line(first, first.stories[0].sentences[0]) == 1
    assert lines.line(second, second.stories[0].sentences[0]) == 3
    assert lines.line(item, item.stories[0].sentences[0]) == 3
    same_file_sha = second.sha256 = first.sha256
    assert content_hash(first) != content_hash(second) and content_hash(first) != same_file_sha


def test_records_of_an_unreadable_file_are_not_removed(corpus):
    docs = [write_doc(corpus, "x.txt", ["Record."])]
    docs[0].path = "feed.jsonl:1"
    base = make_baseline(report(corpus, docs, [event("e1", ["feed.jsonl:1"])]))
    now = report(corpus, [], [], errors=[InputError("feed.jsonl", "no readable JSONL record")])
    result = check_report(now, base, corpus)
    assert result.files.removed == [] and result.exit_code == 3
