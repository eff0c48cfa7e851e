"""compare.lang: language detection, per-language tokens/stop words/stems, names, number words."""

from __future__ import annotations

import pytest

from compare.ingest.sentences import split_sentences
from compare.lang import (
    alias_key,
    content_terms,
    detect_language,
    name_key,
    normalise_language,
    parse_number_words,
    stopwords,
    tokens,
)

SAMPLES = {
    "ru": "Министр заявил во вторник, что переговоры возобновятся на следующей неделе после долгого перерыва.",
    "uk": "Міністр заявив у вівторок, що переговори відновляться наступного тижня після тривалої перерви.",
    "de": "Der Minister sagte am Dienstag, die Gespräche würden nächste Woche nach einer langen Pause fortgesetzt.",
    "fr": "Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine après une longue pause.",
    "es": "El ministro dijo el martes que las negociaciones se reanudarán la próxima semana tras una larga pausa.",
    "ar": "قال الوزير يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل بعد توقف طويل.",
    "zh": "部长周二表示，谈判将在长时间中断后于下周恢复。",
    "hi": "मंत्री ने मंगलवार को कहा कि लंबे अंतराल के बाद बातचीत अगले सप्ताह फिर से शुरू होगी।",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_the_language_of_a_sentence(lang: str) -> None:
    assert detect_language(SAMPLES[lang]) == lang


def test_plain_english_and_too_little_text() -> None:
    english = "The minister said on Tuesday that the talks would resume next week. " * 6
    assert detect_language(english) == "en"
    assert detect_language("OK 42") is None


def test_declared_language_is_normalised() -> None:
    assert normalise_language("en-US") == "en"
    assert normalise_language(" RU ") == "ru"
    assert normalise_language("") is None
    assert normalise_language(None) is None


def test_stop_words_and_stems_per_language() -> None:
    assert {"и", "в", "что"} <= stopwords("ru")
    assert "і" in stopwords("be") and "және" in stopwords("kk")
    terms = content_terms("Переговоры возобновятся; переговоров не было.", "ru")
    assert terms.count("переговор") == 2 and "не" not in terms
    assert content_terms("Die Gespräche", "de") == ["gesprach"]


def test_chinese_becomes_bigrams() -> None:
    assert tokens("谈判恢复", "zh") == ["谈判", "判恢", "恢复"]


def test_names_across_scripts() -> None:
    assert name_key("Лавров") == name_key("Lavrov")
    assert name_key("Станислав Зась") == name_key("Stanislav Zas")
    assert name_key("Шойгу") == name_key("Shoigu")
    assert name_key("Лаўроў") == name_key("Lavrov")  # Belarusian
    assert name_key("लावरोव") == name_key("Lavrov")  # Hindi
    assert name_key("Lavrov") != name_key("Lukashenko")


def test_aliases_across_languages() -> None:
    assert alias_key("ОДКБ") == alias_key("CSTO") == alias_key("OTSC")
    assert alias_key("Collective Security Treaty Organization") == alias_key("CSTO")
    assert alias_key("НАТО") != alias_key("CSTO")


def test_number_words() -> None:
    text = "погибли сорок два человека, ранены три тысячи, пришли двадцать пять"
    assert [value for _s, _e, value in parse_number_words(text)] == [42, 3000, 25]
    start, end, _ = parse_number_words(text)[0]
    assert text[start:end] == "сорок два"
    assert [v for *_, v in parse_number_words("zwei Männer und drei Frauen")] == [2, 3]
    assert parse_number_words("тысяча") == []
    assert [v for *_, v in parse_number_words("сорак два чалавекі")] == [42]  # Belarusian
    assert [v for *_, v in parse_number_words("қырық екі адам, екі мың")] == [42, 2000]  # Kazakh
    assert parse_number_words("он сказал") == []  # Kazakh "он" (10) is the Russian "he"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("部长表示，谈判将恢复。警方逮捕了两名男子。", 2),
        ("قال الوزير إن المحادثات ستستأنف. اعتقلت الشرطة رجلين؟ ارتفعت الأسعار.", 3),
        ("मंत्री ने कहा कि बातचीत शुरू होगी। पुलिस ने दो लोगों को गिरफ्तार किया।", 2),
        ("«Это неприемлемо», — заявил Лавров. Он добавил, что ждёт ответа.", 2),
    ],
)
def test_sentence_ends_in_other_scripts(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected


def test_russian_dates_and_weekdays() -> None:
    from datetime import date

    from compare.dates import find_dates

    found = find_dates("Выступление 9 февраля 2022 года; в среду он повторил", reference=date(2022, 2, 10))
    assert [m.value for m in found] == [date(2022, 2, 9), date(2022, 2, 9)]


def test_text_of_made_up_words_has_no_language():
    """py3langid calls it 'zxx' (no linguistic content); as a language it would make an English
    corpus with one such story a corpus in two languages (cross-language pairing of every story)."""
    from compare.lang.detect import detect_language

    text = ("Wuyetdmdwc Efvprm Zqaqkmdb Jjcph The Owktsk Spazmx Pzncxxsgp kayxd bmrnstwms out the 647 haivum "
            "between Tkrarqswu and the Xubqqio. The ncfabhj of wuyetdmdwc a jkjtxu swsr of magtiudujm.")
    assert detect_language(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Сәрсенбі күні министр 2022 жылғы 9 ақпан туралы айтты", ["2022-02-09", "2022-02-09"]),
        ("Министр 9 ақпанда сөйледі", ["2022-02-09"]),
        ("وقال الوزير يوم الأربعاء إن اجتماع 9 فبراير 2022 كان مهما", ["2022-02-09", "2022-02-09"]),
        ("عقد الاجتماع في 9 شباط", ["2022-02-09"]),
        ("मंत्री ने बुधवार को 9 फ़रवरी 2022 की बैठक पर बात की", ["2022-02-09", "2022-02-09"]),
        ("部长周三表示，2022年2月9日的会议很重要。", ["2022-02-09", "2022-02-09"]),
        ("会议于2月9日举行，星期三结束。", ["2022-02-09", "2022-02-09"]),
        ("Le ministre a déclaré mercredi que", ["2022-02-09"]),
        ("Il ministro ha detto mercoledì che", ["2022-02-09"]),
        ("Ministrul a declarat miercuri că", ["2022-02-09"]),
        ("Ministrul a declarat luni că", []),  # "luni" is also "months"
        ("They celebrated Mardi Gras on Tuesday", ["2022-02-08"]),
    ],
)
def test_month_and_weekday_names_of_more_languages(text: str, expected: list[str]) -> None:
    """Kazakh, Arabic, Hindi and Chinese months and weekdays ("в среду" already in Russian and the
    others of calendar.tsv); the reference 2022-02-10 is a Thursday, so Wednesday is February 9."""
    from datetime import date

    from compare.dates import find_dates

    found = find_dates(text, reference=date(2022, 2, 10))
    assert [m.value.isoformat() for m in found if m.value] == expected


def test_words_keep_their_combining_marks() -> None:
    """Devanagari vowel signs and viramas are inside words (Python's \\w leaves them out)."""
    assert tokens("मंत्री ने चालीस लोगों से बात की", "hi") == ["मंत्री", "ने", "चालीस", "लोगों", "से", "बात", "की"]
    assert "लोग" in content_terms("चालीस लोगों से", "hi") and "से" not in content_terms("चालीस लोगों से", "hi")
    assert tokens("42人遇难", "zh") == ["42", "人遇", "遇难"]


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("Er sagte: „Das ist für uns völlig inakzeptabel“, und ging.", "Das ist für uns völlig inakzeptabel"),
        ("Он сказал: «Это „совершенно“ неприемлемо для нас», и ушёл.", "Это „совершенно“ неприемлемо для нас"),
        ("他说：「这是完全不可接受的事情」，然后离开。", "这是完全不可接受的事情"),
        ("Il a dit : « C'est tout à fait inacceptable », puis il est parti.", "C'est tout à fait inacceptable"),
    ],
)
def test_quotation_marks_of_other_languages(text: str, quoted: str) -> None:
    """German „…“ (the closing mark is the English opening one), Russian «„…“», Chinese 「…」."""
    from compare.ingest.quotes import find_quotes
    from compare.model import Sentence

    found = find_quotes(text, [(0, len(text))], [Sentence(0, text, 0, len(text))])
    assert [q.text for q in found] == [quoted]


def test_numbers_beside_chinese_characters_and_other_scales() -> None:
    """Digits touching Chinese characters are numbers ("42人", "4200万" = 42 million); Arabic and
    Hindi scale words and digits of their own scripts are read."""
    from compare.lang.crossfacts import quantities

    def values(text: str, lang: str) -> list[float]:
        return [q.value for q in quantities(text, lang, [])]

    assert values("外交部长表示，42人遇难，4200万吨。", "zh") == [42, 42_000_000]
    assert values("قتل ٤٢ شخصا وخسائر 3 ملايين", "ar") == [42, 3_000_000]
    assert values("४२ लोगों की मौत, 2 करोड़ रुपये", "hi") == [42, 20_000_000]
    assert values("model A42 and COVID19", "en") == []
