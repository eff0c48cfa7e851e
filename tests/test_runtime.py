"""Issue 11, the whole run's own speedups: start-up without scipy.optimize or datasketch, whole-event
sparse products, claim links kept as a spanning tree, report.json written line by line.

Every test checks that the faster path gives the same result as the plain one; none is timed."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import numpy as np
import pytest
from test_align import PARAMS, assert_partition
from test_align_helpers import make_event, make_story, seed_valdai_event

from compare.align import align_event, products
from compare.report import dumps


def test_a_seed_run_imports_neither_scipy_optimize_nor_datasketch(seed_corpus, tmp_path):
    code = (
        "import sys\n"
        "from compare.pipeline import run_corpus, write_outputs\n"
        f"write_outputs(run_corpus({str(seed_corpus)!r}), {str(tmp_path / 'out')!r})\n"
        "print(sorted(m for m in ('scipy.optimize', 'scipy.integrate', 'datasketch') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["events"]


def test_stored_minhash_permutations_are_datasketchs():
    from datasketch import MinHash

    from compare.match import signatures

    stored = json.loads(signatures.PERMUTATIONS.read_text(encoding="utf-8"))["tables"]
    assert {(t["num_perm"], t["seed"]) for t in stored} >= {(64, 1), (64, 2), (64, 3)}
    for table in stored:
        signatures.permutations.cache_clear()
        a, b = signatures.permutations(table["num_perm"], table["seed"])
        want_a, want_b = MinHash(num_perm=table["num_perm"], seed=table["seed"]).permutations
        assert np.array_equal(a.ravel(), want_a.astype(np.uint32))
        assert np.array_equal(b.ravel(), want_b.astype(np.uint32))
    signatures.permutations.cache_clear()
    a, b = signatures.permutations(32, 9)  # not stored: asks datasketch
    want_a, want_b = MinHash(num_perm=32, seed=9).permutations
    assert np.array_equal(a.ravel(), want_a.astype(np.uint32)) and np.array_equal(b.ravel(), want_b.astype(np.uint32))


def test_linear_sum_assignment_loaded_alone_is_scipys():
    from scipy.optimize import linear_sum_assignment

    from compare.align.assign import _linear_sum_assignment

    rng = np.random.default_rng(3)
    for shape in ((5, 5), (4, 7), (9, 3)):
        weights = np.round(rng.random(shape), 4)
        got, want = _linear_sum_assignment()(weights, maximize=True), linear_sum_assignment(weights, maximize=True)
        assert all(np.array_equal(x, y) for x, y in zip(got, want, strict=True))


def _random_events(n: int) -> list:
    rng = random.Random(11)
    vocabulary = ("Police minister budget tram harbour earthquake survivors hospital council vote referendum "
                  "army station arrested released charge report audit club match Monday Tuesday Smith said "
                  "told 12 40 not").split()
    events = []
    for trial in range(n):
        stories = [make_story(f"r{trial}-{s}#0", [" ".join(rng.choices(vocabulary, k=rng.randint(3, 14))) + "."
                                                  for _ in range(rng.randint(1, 12))])
                   for s in range(rng.randint(2, 5))]
        events.append(make_event(*stories))
    return [seed_valdai_event(), *events]


def test_whole_event_products_give_the_blockwise_claims(monkeypatch):
    events = _random_events(12)
    fast = [align_event(event, stories, PARAMS) for event, stories in events]
    monkeypatch.setattr(products, "WHOLE_EVENT_PRODUCTS", 0)  # every product block by block, as before
    slow = [align_event(event, stories, PARAMS) for event, stories in events]
    assert fast == slow


def test_claim_links_are_a_spanning_tree_of_the_claim():
    for event, stories in _random_events(12):
        claims = align_event(event, stories, PARAMS)
        assert_partition(event, stories, claims)
        for claim in claims:
            assert len(claim.links) == len(claim.sentences) - 1
            parent = {ref: ref for ref in claim.sentences}

            def root(x, parent=parent):
                while parent[x] != x:
                    x = parent[x]
                return x

            for link in claim.links:
                ra, rb = root(link.a), root(link.b)
                assert ra != rb  # no link is redundant
                parent[ra] = rb
            assert len({root(ref) for ref in claim.sentences}) == 1


@pytest.mark.parametrize("data", [
    {"a": 1, "b": [], "c": [1, {"x": "é <b>"}], "d": {"k": [1, 2.5]}, "e": None},
    {"only": [{"nested": [{"deep": "text\nwith a newline"}]}]},
])
def test_report_json_is_one_line_per_list_item_and_loads_back(data):
    text = dumps(data)
    assert json.loads(text) == data and text.endswith("}\n")
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    for key, value in data.items():
        if isinstance(value, list) and value:
            start = lines.index(json.dumps(key) + ":[")
            assert [json.loads(line.rstrip(",")) for line in lines[start + 1 : start + 1 + len(value)]] == value
    assert "é <b>" in text or "é" not in json.dumps(data, ensure_ascii=False)


def test_report_json_refuses_nan():
    with pytest.raises(ValueError):
        dumps({"a": [float("nan")]})
