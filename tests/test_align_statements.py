"""Claims are single statements: sentences of different statements stay apart, paraphrases link.

Every sentence pair here was written for these tests (issue 10, cause 2: Friday's and Sunday's
developments, two people quoted, two different air strikes lined up as one claim).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from test_align_helpers import make_event, make_story

from compare.align import align_event
from compare.align.conflicts import anchors, differ
from compare.align.similarity import CONFLICT_FACTOR, pair_model, pair_scores, weigh_terms
from compare.config import AlignParams
from compare.model import SentenceRef

PARAMS = AlignParams()

FILLER_A = [
    "The storm reached the coast late on Thursday with winds of 140 kilometres an hour.",
    "Schools in the region will stay closed until further notice.",
]
FILLER_B = [
    "Power lines were cut across three districts, leaving thousands without electricity.",
    "The national weather service warned of more rain in the coming days.",
]


def score(a: str, b: str) -> float:
    st = weigh_terms([a, b], [0, 1])
    return float(pair_scores(st, [0], [1]).score[0, 0])


def linked(a: str, b: str) -> bool:
    """Are the two sentences put into one claim when each sits in its own account among others?"""
    event, stories = make_event(make_story("x#0", [*FILLER_A, a]), make_story("y#0", [b, *FILLER_B]))
    claims = align_event(event, stories, PARAMS)
    of = {ref: c.id for c in claims for ref in c.sentences}
    return of[SentenceRef("x#0", len(FILLER_A))] == of[SentenceRef("y#0", 0)]


def test_developments_of_different_days_are_not_one_claim():
    friday = "Rescue teams pulled three survivors from the rubble of the collapsed hotel on Friday."
    sunday = "Rescue teams pulled two more survivors from the rubble of the hotel on Sunday."
    assert differ(anchors(friday), anchors(sunday)) == "day"
    assert score(friday, sunday) < PARAMS.link_threshold
    assert not linked(friday, sunday)


def test_different_calendar_dates_are_not_one_claim():
    a = "The first convoy of aid trucks crossed the border on 12 March, the agency said."
    b = "A convoy of aid trucks crossed the border on March 15, according to the agency."
    assert differ(anchors(a), anchors(b)) == "date"
    assert not linked(a, b)


def test_quotes_of_different_named_speakers_are_not_one_claim():
    hale = '"We will rebuild the bridge within a year," Mayor Ortwin Hale said.'
    sorel = '"We can rebuild the bridge within a year," said Brigitte Sorel, the transport minister.'
    assert differ(anchors(hale), anchors(sorel)) == "speaker"
    assert not linked(hale, sorel)


def test_one_speaker_named_two_ways_is_no_conflict():
    a = '"The bridge will reopen in May," Mayor Ortwin Hale said on Monday.'
    b = 'Hale said on Monday that the bridge would reopen in May.'
    c = "The bridge will reopen in May, the mayor's office said."  # an office names nobody
    assert differ(anchors(a), anchors(b)) is None
    assert differ(anchors(a), anchors(c)) is None
    assert linked(a, b)


def test_two_numbered_incidents_are_not_one_claim():
    second = "A second air strike hit the crowded market in the afternoon, killing nine people."
    first = "The first air strike hit the crowded market in the morning, killing four people."
    assert differ(anchors(second), anchors(first)) == "incident"
    assert not linked(second, first)
    assert differ(anchors("For the first time, the market was empty."),
                  anchors("The second strike hit the market.")) is None  # "first time" numbers nothing


def test_same_wording_with_one_detail_changed_still_links():
    """One statement whose day differs between accounts is a discrepancy to report: it must link."""
    a = "Zas said on Tuesday that the alliance would send more troops to the border region."
    b = "Zas said on Wednesday that the alliance would send more troops to the border region."
    assert differ(anchors(a), anchors(b)) == "day"
    assert linked(a, b)


def test_cross_outlet_paraphrase_still_links():
    a = "Flooding forced about 2,000 residents to leave their homes overnight, officials said."
    b = "Some 2,000 people were evacuated from their homes during the night because of the floods, officials said."
    assert score(a, b) >= PARAMS.link_threshold
    assert linked(a, b)


def test_conflict_cuts_the_score():
    a = "Rescue teams pulled three survivors from the rubble of the collapsed hotel on Friday."
    b = "Rescue teams pulled two more survivors from the rubble of the hotel on Sunday."
    st = weigh_terms([a, b], [0, 1])
    cut = pair_scores(st, [0], [1])
    st.anchors = None  # no anchors read: no guard
    whole = pair_scores(st, [0], [1])
    assert bool(cut.conflict[0, 0]) and not bool(whole.conflict[0, 0])
    assert float(cut.score[0, 0]) == pytest.approx(CONFLICT_FACTOR * float(whole.score[0, 0]))


def test_model_file_is_plain_numbers_and_features_exist():
    model = pair_model()
    path = Path(__file__).resolve().parents[1] / "compare" / "data" / "align_pair_model.json"
    assert json.loads(path.read_text(encoding="utf-8")) == model
    assert len(model["features"]) == len(model["coefficients"])
    assert 0.0 <= model["model_weight"] <= 1.0
    st = weigh_terms(["One short sentence about rain.", "Another short sentence about rain."], [0, 1])
    features = pair_scores(st, [0], [1]).features
    assert set(model["features"]) <= set(features)
    for values in features.values():
        assert np.all((values >= 0.0) & (values <= 1.0))
