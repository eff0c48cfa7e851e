"""Boilerplate, stories, sentences and quotes on the seed texts and on small made-up texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.ingest import build_document, read_corpus, read_document
from compare.ingest.boilerplate import attribution_source, classify_lines
from compare.ingest.lines import split_lines
from compare.ingest.readers import RawRecord
from compare.ingest.sentences import split_sentences, split_spans
from compare.textnorm import fold


def _doc(text: str, repeated=()):
    return build_document(RawRecord("t.txt", "text", text, "0" * 64), {}, repeated)


def _sentences(doc) -> list[str]:
    return [s.text for st_ in doc.stories for s in st_.sentences]


def _dropped(text: str) -> dict[str, str]:
    lines = split_lines(text)
    out = classify_lines(lines)
    return {lines[i].text: reason for i, reason in out.dropped.items()}


# --- boilerplate ------------------------------------------------------------------------------


def test_seed_boilerplate_never_reaches_story_text(seed_corpus):
    docs, _ = read_corpus(seed_corpus)
    text = fold(" ".join(s.text for d in docs for st_ in d.stories for s in st_.sentences)).lower()
    for phrase in ("Photo: Creative Commons", "Maxim Bogodvid", "Gettyimages.ru", "globallookpress.com",
                   "Back to the all news", "odkb-pressa@gov.ru", "+7495-795-27-10", "Read more in the",
                   "Photo by Sergey Rusanov", "sobered up the West", "Based on materials from", "Go back",
                   "Author: Nikita", "Press Secretary", "______", "Russia - Islamic World"):
        assert fold(phrase).lower() not in text, phrase


def test_every_dropped_line_has_a_reason_and_line_number(seed_corpus):
    docs, _ = read_corpus(seed_corpus)
    for d in docs:
        for line in d.dropped:
            assert line.reason and line.line and line.text in d.text.split("\n")[line.line - 1]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Based on materials from TASS", "TASS"),
        ("Based on materials from the Interfax news agency.", "Interfax news agency"),
        ("Source: Reuters", "Reuters"),
        ("Read more in the Parlamentskaya Gazeta: https://www.pnp.ru/politics/x-y-z", "Parlamentskaya Gazeta"),
        ("Originally published by The Guardian.", "Guardian"),
        ("Source: https://www.example.com/news/1", "example.com"),
        ("По материалам РИА Новости", "РИА Новости"),
        ("This article was originally published on The Conversation.", "Conversation"),
        ("Reuters contributed to this report.", "Reuters"),
        ("Many people contributed to the success of the plan.", None),
        ("According to him, the plan will work.", None),
        ("The source of the leak is unknown.", None),
    ],
)
def test_attribution_lines(line, source):
    assert attribution_source(line) == source


def test_shapes_of_boilerplate_lines():
    text = "\n".join([
        "Home > World > Europe",
        "Ministers agree on a new security plan",
        "",
        "By John Smith",
        "The ministers met in Minsk on Monday and agreed on a plan for the next year.",
        "Photo by Jane Doe/Reuters",
        "A second paragraph says more about the plan, which runs to 2025.",
        "",
        "Read also:",
        "\u2022 Earlier talks broke down in Geneva",
        "\u2022 What the plan means for the region",
        "",
        "The final paragraph of the story ends here.",
        "Contacts: press@example.org",
        "Tel. +1 202 555 0100",
        "Share",
        "Back to the section",
    ])
    dropped = _dropped(text)
    assert dropped == {
        "Home > World > Europe": "breadcrumb navigation",
        "By John Smith": "author byline",
        "Photo by Jane Doe/Reuters": "photo caption or credit",
        "Read also:": "related-links list",
        "\u2022 Earlier talks broke down in Geneva": "related-links list",
        "\u2022 What the plan means for the region": "related-links list",
        "Contacts: press@example.org": "contact block (phone, e-mail, press office)",
        "Tel. +1 202 555 0100": "contact block (phone, e-mail, press office)",
        "Share": "navigation link",
        "Back to the section": "navigation link",
    }


def test_bullet_caption_group_is_dropped_but_a_content_list_is_kept():
    text = (
        "Ministers agree on a new plan\n\nThe ministers met on Monday.\n\n"
        "  \u2022 Minister of Defence\n\n  \u2022 AFP\n\n  \u2022 \u00a9 John Doe\n\n"
        "The plan has three parts:\n\n\u2022 more patrols\n\n\u2022 joint exercises\n\n\u2022 a shared list\n\n"
        "It starts in May.\n"
    )
    sentences = _sentences(_doc(text))
    assert "Minister of Defence" not in sentences and "AFP" not in sentences
    assert {"more patrols", "joint exercises", "a shared list"} <= set(sentences)


def test_short_lines_repeated_across_documents_are_chrome():
    text = "Ministers agree on a new plan\n\n09.02.2022\n\nThe ministers met on Monday.\n\nPartners of the portal\n\nThey agreed on a plan.\n"
    lines = split_lines(text)
    repeated = {ln.key for ln in lines if ln.text in ("Partners of the portal", "Ministers agree on a new plan")}
    doc = _doc(text, repeated)
    assert "Partners of the portal" not in _sentences(doc)
    assert doc.stories[0].title == "Ministers agree on a new plan"  # a reprinted headline is not chrome
    assert any(d.reason.startswith("repeated") for d in doc.dropped)


# --- stories ----------------------------------------------------------------------------------


def test_article_title_and_date(seed_corpus):
    doc = read_document(seed_corpus / "000_4c3000b3cf1095f3.txt", seed_corpus)
    (story,) = doc.stories
    assert story.kind == "article" and story.date == "2022-02-09"
    assert story.title == "CSTO says NATO\u2019s build-up near western borders poses threats to Moscow-led bloc"
    assert story.sentences[0].role == "title" and story.sentences[0].text == story.title
    assert all(s.role == "body" for s in story.sentences[1:])
    assert doc.title == story.title and doc.date == "2022-02-09"


def test_article_without_headline_line(seed_corpus):
    doc = read_document(seed_corpus / "001_5e0001f6e6304a75.txt", seed_corpus)
    (story,) = doc.stories
    assert story.title is None and story.sentences[0].role == "body"


@pytest.mark.parametrize(
    ("name", "listing_dates", "article_date"),
    [
        ("003_96d930d7006ecd34.txt", ["2023-11-24", "2023-11-23", "2023-11-23", "2023-11-22", "2023-11-21"], "2022-02-09"),
        ("004_cd610519ad23afcb.txt", ["2024-10-02", "2024-10-01", "2024-10-01", "2024-09-27", "2024-09-26"], "2022-05-30"),
    ],
)
def test_listing_pages_are_split(seed_corpus, name, listing_dates, article_date):
    doc = read_document(seed_corpus / name, seed_corpus)
    kinds = [(s.kind, s.date) for s in doc.stories]
    assert kinds == [("listing", d) for d in listing_dates] + [("article", article_date)]
    article = doc.stories[-1]
    assert article.title and article.sentences[0].role == "title"
    assert [s.id for s in doc.stories] == [f"{name}#{n}" for n in range(6)]
    # the headline line repeated with its date is not a sentence
    assert sum(1 for s in article.sentences if s.text.startswith(article.title)) == 1


def test_listing_with_headlines_before_dates():
    items = "".join(
        f"Headline number {n} about talks\n\n2{n}.03.2023\n\nThe talks number {n} went well. Both sides agreed.\n\n"
        for n in range(1, 4)
    )
    doc = _doc(items)
    assert [(s.kind, s.title, s.date) for s in doc.stories] == [
        ("listing", f"Headline number {n} about talks", f"2023-03-2{n}") for n in range(1, 4)
    ]


def test_date_line_forms():
    from compare.ingest.stories import is_date_line

    assert str(is_date_line("24.11.2023")) == "2023-11-24"
    assert str(is_date_line("09 February 2022, 14:30 MSK")) == "2022-02-09"
    assert str(is_date_line("Published: February 9, 2022")) == "2022-02-09"
    assert is_date_line("On 9 February 2022 the talks began.") is None
    assert is_date_line("Wednesday") is None


# --- sentences --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. Smith met Dr. Jones. They talked.", ["Gen. Smith met Dr. Jones.", "They talked."]),
        ("Chaired by T.S. Sultangaziev, the U.S. side came. It went well.",
         ["Chaired by T.S. Sultangaziev, the U.S. side came.", "It went well."]),
        ("It grew by 2.5 percent in 2021. Then it fell.", ["It grew by 2.5 percent in 2021.", "Then it fell."]),
        ("\u201cOn the borders ... This is a threat,\u201d he said. Next.",
         ["\u201cOn the borders ...", "This is a threat,\u201d he said.", "Next."]),
        ("We met... and then left. Fine.", ["We met... and then left.", "Fine."]),
        ("On all the key issues\u2026 not just that. Fine.", ["On all the key issues\u2026 not just that.", "Fine."]),
        ('"We won. They lost," he said. - "It is over."', ['"We won.', 'They lost," he said.', '"It is over."']),
        ("- Stanislav Vasilievich, what is the CSTO today?", ["Stanislav Vasilievich, what is the CSTO today?"]),
        ('"Why?" he asked. "Because."', ['"Why?" he asked.', '"Because."']),
        ("It is e.g. a test. Done.", ["It is e.g. a test.", "Done."]),
        # an abbreviation that also ends the sentence, then a word that opens one
        ("The vote ends at 5 p.m. The count follows.", ["The vote ends at 5 p.m.", "The count follows."]),
        ("It landed at 9:30 a.m. ET. Crews said more.", ["It landed at 9:30 a.m. ET.", "Crews said more."]),
        ("Sales rose in the U.S. But they fell in Asia.", ["Sales rose in the U.S.", "But they fell in Asia."]),
        ("It hit at 2:15 p.m. Monday, police said.", ["It hit at 2:15 p.m. Monday, police said."]),
        ("They met Gen. The Anh Nguyen.", ["They met Gen. The Anh Nguyen."]),
    ],
)
def test_splitter_cases(text, expected):
    assert split_sentences(text) == expected


def test_paragraphs_are_never_joined():
    doc = _doc("A first paragraph without an end\n\nthe second one starts in lower case.\n")
    assert _sentences(doc) == ["A first paragraph without an end", "the second one starts in lower case."]


def test_offsets_are_exact_on_the_seed(seed_corpus):
    docs, _ = read_corpus(seed_corpus)
    for d in docs:
        for st_ in d.stories:
            assert [s.index for s in st_.sentences] == list(range(len(st_.sentences)))
            for s in st_.sentences:
                assert d.text[s.start : s.end] == s.text and s.text == s.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\"\u201c\u201d-\u2026\nAZ19,:")), max_size=200))
def test_spans_are_exact_ordered_and_disjoint(text):
    spans = split_spans(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e


# --- quotes -----------------------------------------------------------------------------------


def _quotes(text: str):
    doc = _doc(text)
    return [(q.speaker, q.verb, q.text) for st_ in doc.stories for q in st_.quotes], doc


def test_quote_with_speaker_after_and_pronoun_resolution():
    quotes, _ = _quotes(
        "Secretary-General Stanislav Zas said the bloc was ready.\n\n"
        '"We are ready to act at any moment," he stressed.\n\n'
        "\u201cThe forces are in place,\u201d said Zas.\n"
    )
    assert quotes == [
        ("Stanislav Zas", "stressed", "We are ready to act at any moment,"),
        ("Zas", "said", "The forces are in place,"),
    ]


def test_quote_with_speaker_before_a_colon_and_guillemets():
    quotes, _ = _quotes("The minister noted: \u00abThe plan is good. We will follow it.\u00bb\n")
    assert quotes == [("The minister", "noted", "The plan is good. We will follow it.")]


def test_quote_over_several_paragraphs():
    quotes, doc = _quotes(
        "Maria Zakharova spoke on Monday.\n\n"
        "\u201cThe treaty presupposes collective defence.\n\n"
        "There are no borders for the alliance,\u201d Zakharova explained.\n"
    )
    (q,) = doc.stories[0].quotes
    assert (q.speaker, q.verb) == ("Maria Zakharova", "explained") or (q.speaker, q.verb) == ("Zakharova", "explained")
    assert len(q.sentences) == 2
    assert doc.text[q.start] == "\u201c" and doc.text[q.end - 1] == "\u201d"


def test_quote_following_according_to():
    quotes, _ = _quotes(
        'According to Zas, the operation worked. "We gained the first practical experience and became sure."\n'
    )
    assert quotes[0][0] == "Zas"


def test_nested_quotes_stay_one_quotation():
    quotes, _ = _quotes('"The motto is "Through solidarity to peace." We will solve the tasks," he said.\n')
    assert len(quotes) == 1 and quotes[0][2].startswith("The motto is")


def test_seed_quotes_have_speakers(seed_corpus):
    doc = read_document(seed_corpus / "000_4c3000b3cf1095f3.txt", seed_corpus)
    quotes = doc.stories[0].quotes
    assert len(quotes) >= 7
    assert all(q.speaker and "Zas" in q.speaker for q in quotes)
    audacity = next(q for q in quotes if "audacity" in q.text)
    assert audacity.verb == "added"
    for q in quotes:
        assert doc.text[q.start : q.end].strip("\"\u201c\u201d").strip() == q.text


def test_document_reads_the_same_through_read_document_and_read_corpus(seed_corpus):
    docs, _ = read_corpus(seed_corpus)
    for d in docs:
        alone = read_document(Path(seed_corpus) / d.path, seed_corpus)
        assert [s.text for st_ in alone.stories for s in st_.sentences] == _sentences(d)


def test_attribution_after_a_dash_in_the_next_sentence():
    quotes, _ = _quotes('The forum opened. "There is a significant build-up of forces on the borders". - Stanislav Zas stated.\n')
    assert quotes == [("Stanislav Zas", "stated", "There is a significant build-up of forces on the borders")]


def test_quoted_titles_are_not_quotations():
    quotes, _ = _quotes('He spoke at the conference "Collective Security in a New Era: Experience and Prospects" in Moscow.\n')
    assert quotes == []


_LINE = st.one_of(
    st.sampled_from([
        "", "", "24.11.2023", "Photo: Someone", "\u2022 \u00a9 Agency", "Go back", "Read also:", "\u2022 A linked headline",
        "Ministers agree on a plan", '"We will act," he said.', "\u201cIt is over.", "There is more,\u201d Smith added.",
        "- Who are you?", "Based on materials from TASS", "+7495-795-27-10", "The talks went on. Both sides agreed.",
        "A headline with a date 09.02.2022", "______",
    ]),
    st.text(alphabet=st.sampled_from(list("ab AZ.,:!?\"\u201c\u201d-\u2022\u00a90129")), max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=30))
def test_any_text_gives_exact_offsets_or_a_clear_error(lines):
    from compare.ingest import InputFileError

    text = "\n".join(lines)
    try:
        doc = _doc(text)
    except InputFileError as exc:
        assert "no story text" in str(exc)
        return
    for story in doc.stories:
        assert story.sentences and [s.index for s in story.sentences] == list(range(len(story.sentences)))
        for s in story.sentences:
            assert doc.text[s.start : s.end] == s.text and s.text.strip() == s.text
        for q in story.quotes:
            assert 0 <= q.start < q.end <= len(doc.text) and q.sentences


def test_hard_wrapped_paragraphs_are_joined_and_survive_repetition():
    body = (
        "Ministers agree on a plan\n\n"
        "The ministers met in Minsk on Monday and agreed on a plan that runs\n"
        "until 2025, the chairman said after the talks. It covers patrols\n"
        "and exercises.\n"
    )
    lines = split_lines(body)
    repeated = {ln.key for ln in lines if ln.text}  # a reprint elsewhere wraps the same way
    doc = _doc(body, repeated)
    assert _sentences(doc) == [
        "Ministers agree on a plan",
        "The ministers met in Minsk on Monday and agreed on a plan that runs\nuntil 2025, the chairman said after the talks.",
        "It covers patrols\nand exercises.",
    ]


def test_web_page_furniture_and_credits():
    text = "\n".join([
        "Ministers agree on a plan", "By Jane Doe, Reuters",
        "MOSCOW, Feb 9 (Reuters) - The ministers met in Minsk on Monday. They agreed on a plan.",
        "Advertisement", "Story continues below advertisement", "Image source, Getty Images",
        "Image caption, The ministers at the talks", "The plan runs to 2025, officials said.",
        "Sign up for our morning newsletter", "3 min read", "Reporting by Jane Doe; Editing by John Smith",
        "(Additional reporting by Ann Lee in Kyiv)", "The end of the story is here.",
    ])
    kept = [ln.text for i, ln in enumerate(split_lines(text)) if i not in classify_lines(split_lines(text)).dropped]
    assert kept == [
        "Ministers agree on a plan",
        "MOSCOW, Feb 9 (Reuters) - The ministers met in Minsk on Monday. They agreed on a plan.",
        "The plan runs to 2025, officials said.", "The end of the story is here.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "09.02.2022\n\nMinisters agree on a plan\n\nThe ministers met. They agreed.\n",
        "Ministers agree on a plan\n\nThe ministers met. They agreed.\n\nPublished 09.02.2022\n",
        "Ministers agree on a plan\n\nPublished: 09.02.2022, 10:15\n\nUpdated: 10.02.2022\n\nThe ministers met. They agreed.\n",
    ],
    ids=["date-first", "date-at-the-foot", "published-and-updated"],
)
def test_one_article_whatever_the_date_line_position(text):
    doc = _doc(text)
    assert [(s.kind, s.title, s.date) for s in doc.stories] == [("article", "Ministers agree on a plan", "2022-02-09")]
    assert _sentences(doc) == ["Ministers agree on a plan", "The ministers met.", "They agreed."]


def test_listing_with_dates_leading_headlines():
    text = (
        "News\n\n24.11.2023 | CSTO council meets in Minsk\n\nThe council met on Friday. It adopted a plan.\n\n"
        "23.11.2023 | Leaders gather for the summit\n\nThe leaders arrived in Minsk. Talks began.\n\n"
        "22.11.2023 14:00 - Ministers hold joint session\n\nThe ministers met.\n"
    )
    doc = _doc(text)
    assert [(s.kind, s.title, s.date) for s in doc.stories] == [
        ("listing", "CSTO council meets in Minsk", "2023-11-24"),
        ("listing", "Leaders gather for the summit", "2023-11-23"),
        ("listing", "Ministers hold joint session", "2023-11-22"),
    ]
    assert doc.stories[0].sentences[0].text == "CSTO council meets in Minsk"


def test_agency_page_shapes():
    text = (
        "NATO build-up poses threats to CSTO, Zas says\n\n9 FEB, 17:15\n\n"
        "MOSCOW, February 9. /TASS/. NATO's military build-up creates threats, Stanislav Zas said on Wednesday.\n\n"
        "Getty Images / Sean Gallup\n\n\"NATO is building up its forces,\" he said.\n\n"
        "READ MORE: CSTO chief warns NATO\n\nTags: NATO, CSTO\n\nFollow RT on Telegram\n"
    )
    doc = _doc(text)
    assert _sentences(doc) == [
        "NATO build-up poses threats to CSTO, Zas says",
        "NATO's military build-up creates threats, Stanislav Zas said on Wednesday.",
        '"NATO is building up its forces," he said.',
    ]
    reasons = {d.text: d.reason for d in doc.dropped}
    assert reasons["MOSCOW, February 9. /TASS/."].startswith("dateline")
    assert reasons["9 FEB, 17:15"].startswith("date or time line")
    assert doc.stories[0].quotes[0].speaker == "Stanislav Zas"


@pytest.mark.parametrize(
    ("paragraph", "rest"),
    [
        ("MOSCOW, Feb 9 (Reuters) - NATO's build-up grows.", "NATO's build-up grows."),
        ("KYIV (AP) \u2014 Ukraine said.", "Ukraine said."),
        ("\u041c\u041e\u0421\u041a\u0412\u0410, 9 \u0444\u0435\u0432\u0440\u0430\u043b\u044f. /\u0422\u0410\u0421\u0421/. \u0422\u0435\u043a\u0441\u0442.", "\u0422\u0435\u043a\u0441\u0442."),
        ("NATO - a bloc that grows.", "NATO - a bloc that grows."),
        ("US President Joe Biden said.", "US President Joe Biden said."),
    ],
)
def test_dateline_is_cut_from_the_first_paragraph(paragraph, rest):
    from compare.ingest.stories import strip_dateline

    assert paragraph[strip_dateline(paragraph, 0, len(paragraph)) :] == rest


def test_role_phrase_resolves_to_the_titled_person():
    quotes, _ = _quotes(
        "CSTO Secretary General Stanislav Zas spoke at the forum. The Secretary General noted that the Organization "
        'welcomed the talks.\n\nSpeaking about Kazakhstan, the Secretary General noted: "The operation showed our unity '
        'and readiness."\n\n"We will study it carefully," the diplomat said.\n'
    )
    assert [(q[0], q[1]) for q in quotes] == [("Stanislav Zas", "noted"), ("the diplomat", "said")]
