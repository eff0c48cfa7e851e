"""Issue 12's remaining gaps, each with sentences written for these tests: number words kept out of
the stop lists, German ordinals before month names, ... (compare.lang)."""

from __future__ import annotations

from compare.ingest.sentences import split_sentences
from compare.lang.text import content_terms, stopwords


def test_number_words_are_not_stop_words() -> None:
    # the stop-words package lists Russian and Ukrainian number words; they are kept for the number readers
    assert not {"два", "восемь", "миллионов", "тысяч"} & stopwords("ru")
    assert not {"два", "тисяч"} & stopwords("uk")
    assert {"и", "в", "что"} <= stopwords("ru")
    assert content_terms("Погибли сорок два человека", "ru") == ["погибл", "сорок", "два", "человек"]
    # a word that is a number in one language and a stop word in another stays a stop word there
    assert "dos" in stopwords("pt") and "dos" not in stopwords("es")


def test_an_ordinal_before_a_month_does_not_end_a_sentence() -> None:
    assert split_sentences("BERLIN, 5. Juni 2024. Der Minister trat am Mittwoch zurück.") == [
        "BERLIN, 5. Juni 2024.", "Der Minister trat am Mittwoch zurück.",
    ]
    assert split_sentences("Die Sitzung am 14. März dauerte bis zum 3. Oktober. Dann kam die Wahl.") == [
        "Die Sitzung am 14. März dauerte bis zum 3. Oktober.", "Dann kam die Wahl.",
    ]
    assert split_sentences("Im 19. Jahrhundert war die Stadt kleiner. Heute nicht.") == [
        "Im 19. Jahrhundert war die Stadt kleiner.", "Heute nicht.",
    ]
    # a number that ends a sentence still ends it, in German and in English
    assert split_sentences("Die Zahl der Toten stieg auf 12. Die Polizei ermittelt.") == [
        "Die Zahl der Toten stieg auf 12.", "Die Polizei ermittelt.",
    ]
    assert split_sentences("The toll rose to 12. March organisers said so.") == [
        "The toll rose to 12.", "March organisers said so.",
    ]
