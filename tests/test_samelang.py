"""Accounts in one language other than English, matched and aligned with that language's tokens,
stop words and stems (``compare.lang.text``; fixtures/samelang, written for these tests, fictional).

- ``ru/ru-a.txt``, ``ru/ru-b.txt``: two Russian accounts of the opening of a tram line in Moscow
  on 12 September 2024, worded with other inflections ("Москвы"/"Москве", "заявил"/"заявила",
  "трамвай"/"трамваев"); ``ru/ru-other.txt``: a Russian story of another day (3 March 2025) on
  the same line;
- ``de/``: the same for German (a container terminal opened in Hamburg; a strike there months later).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compare import load_config, run_corpus
from compare.align.similarity import pair_scores, sentence_words, weigh_terms
from compare.config import AlignParams
from compare.match import fingerprint
from compare.match.shingles import sentence_stems, story_key, story_terms
from compare.model import Sentence, Story

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "samelang"


def _story(sentences: list[str], language: str | None) -> Story:
    story = Story(id="s#0", document="s", kind="article", title=None, date=None, language=language)
    story.sentences = [Sentence(i, t, 0, len(t)) for i, t in enumerate(sentences)]
    return story


@pytest.fixture(scope="module", params=["ru", "de"])
def corpus(request):  # type: ignore[no-untyped-def]
    language = request.param
    return language, run_corpus(FIXTURES / language, load_config(None), index_dir=None)


def _event_of(report, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in report.events if any(sid.startswith(name) for sid in e.stories))


def test_languages_are_detected(corpus) -> None:  # type: ignore[no-untyped-def]
    language, report = corpus
    assert {d.language for d in report.documents} == {language}


def test_the_two_accounts_are_one_event_and_the_other_day_stays_apart(corpus) -> None:  # type: ignore[no-untyped-def]
    language, report = corpus
    event = _event_of(report, f"{language}-a.txt")
    assert sorted(sid.split("#")[0] for sid in event.stories) == [f"{language}-a.txt", f"{language}-b.txt"]
    assert _event_of(report, f"{language}-other.txt").stories == [f"{language}-other.txt#0"]


ALIGNED = {
    "ru": [("в истории Москвы", "за всю историю Москвы"), ("длиной 27 километров", "протяжённостью 27 километров"),
           ("заявила, что проезд", "Как заявил пресс-секретарь")],
    "de": [("640 Millionen Euro", "640 Millionen Euro"), ("Tor zur Welt", "Tor zur Welt"),
           ("Schiffe aus Singapur", "Schiffe aus Singapur")],
}


def test_matching_sentences_are_aligned_into_one_claim(corpus) -> None:  # type: ignore[no-untyped-def]
    language, report = corpus
    event = _event_of(report, f"{language}-a.txt")
    stories = report.stories()
    pairs = []
    for claim in event.claims:
        if len(claim.stories) == 2:
            by_story = {ref.story.split("#")[0]: stories[ref.story].sentences[ref.index].text for ref in claim.sentences}
            pairs.append((by_story[f"{language}-a.txt"], by_story[f"{language}-b.txt"]))
    for in_a, in_b in ALIGNED[language]:
        assert in_b in next(b for a, b in pairs if in_a in a)


def test_inflected_russian_forms_are_one_term_in_matching() -> None:
    a, _ = sentence_stems("Министр заявил в Москве о новых трамваях", "ru")
    b, _ = sentence_stems("Министр заявила: Москва ждёт новый трамвай", "ru")
    assert {"заяв", "москв", "трамва", "нов"} <= set(a) & set(b)
    assert "в" not in a and "о" not in a  # Russian stop words
    # negative twin: read as English (today's tokens for an English story) the forms stay apart
    a_en, _ = sentence_stems("Министр заявил в Москве о новых трамваях", "en")
    b_en, _ = sentence_stems("Министр заявила: Москва ждёт новый трамвай", "en")
    assert set(a_en) & set(b_en) == {"министр"}


def test_german_stems_and_stop_words_in_matching() -> None:
    a, _ = sentence_stems("Der Senator eröffnete die neuen Terminals", "de")
    b, _ = sentence_stems("Die Senatoren eröffnen das neue Terminal", "de")
    assert set(a) == set(b)
    assert not {"der", "die", "das"} & set(a)
    a_en, _ = sentence_stems("Der Senator eröffnete die neuen Terminals", "en")
    assert "der" in a_en and "die" in a_en  # negative twin: the English stop list keeps German articles


def test_hindi_words_are_not_cut_at_vowel_signs() -> None:
    sentence = "विदेश मंत्री ने बुधवार को चालीस लोगों की बात कही"
    stems, _ = sentence_stems(sentence, "hi")
    assert "चालीस" in stems and "बुधवार" in stems
    assert not any(len(s) == 1 for s in stems)
    terms, _, words = sentence_words(sentence, "hi")
    assert "चालीस" in terms and "चालीस" in words
    cut, _ = sentence_stems(sentence, "en")  # negative twin: English tokens cut the words apart
    assert "चालीस" not in cut


def test_story_terms_use_the_story_language() -> None:
    sentences = ["Министр заявил в Москве о новых трамваях.", "Проезд будет бесплатным."]
    russian = story_terms(_story(sentences, "ru"))
    english = story_terms(_story(sentences, "en"))
    undeclared = story_terms(_story(sentences, None))
    assert not np.array_equal(russian.terms, english.terms)
    assert np.array_equal(english.terms, undeclared.terms)  # no language: English, as before
    assert list(russian.offsets) == [0, 5, 7]  # "в", "о", "будет": Russian stop words


def test_the_index_key_covers_the_tokenizer() -> None:
    fp = fingerprint()
    sentences = ["Hamburg bleibt das Tor zur Welt."]
    german, english, undeclared = (story_key(_story(sentences, lang), fp) for lang in ("de", "en", None))
    assert german != english  # a warm index never serves English-token terms to a German story
    assert english == undeclared
    # a language compare has no stop words or stems for is tokenised as English, under the English key
    assert story_key(_story(sentences, "xx"), fp) == english


def test_inflections_raise_the_alignment_score() -> None:
    a = "Заместитель мэра заявил в Москве, что новые трамваи перевезут сорок миллионов пассажиров."
    b = "Москва ждёт, что новыми трамваями будет перевезено сорок миллионов пассажиров, заявила заместитель мэра."
    other = "Жители восточных районов зимой жаловались на переполненные вагоны."

    def score(x: str, y: str, language: str | None) -> float:
        terms = weigh_terms([x, y], [0, 1], [language, language])
        return float(pair_scores(terms, [0], [1]).score[0, 0])

    assert score(a, b, "ru") > score(a, b, "en") + 0.2
    assert score(a, other, "ru") < AlignParams().link_threshold  # negative twin: another statement stays apart


def test_english_sentences_keep_english_tokens() -> None:
    text = "The minister said on Tuesday that 40 new trams would carry passengers across the city."
    assert sentence_stems(text, "en") == sentence_stems(text)
    assert sentence_words(text, "en") == sentence_words(text, None)
