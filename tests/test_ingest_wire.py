"""Shapes of pages from outlets the seed does not cover: agency datelines, credits, site headings.

Every text here is made up, in the shape of a kind of page found on news sites (a wire
story republished by a portal, an agency's own page, a portal with a menu above the
headline); none is copied from a real article.
"""

from __future__ import annotations

import pytest

from compare.ingest import build_document
from compare.ingest.boilerplate import classify_lines, lead_credit
from compare.ingest.lines import split_lines
from compare.ingest.readers import RawRecord
from compare.ingest.stories import date_line_source, find_dateline, is_date_line

BODY = (
    "The committee approved the river plan after a long debate on costs and deadlines. "
    "Work on the new embankment will start in the spring and last two years."
)


def _doc(text: str, meta: dict | None = None):
    return build_document(RawRecord("t.txt", "text", text, "0" * 64), meta or {})


def _body(doc) -> list[str]:
    return [s.text for st in doc.stories for s in st.sentences if s.role == "body"]


def _reasons(doc) -> dict[str, str]:
    return {d.text: d.reason for d in doc.dropped}


# --- datelines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "prefix", "agency"),
    [
        ("LISBON, MARCH 3, PORTOPRESS. The council met.", "LISBON, MARCH 3, PORTOPRESS. ", "PORTOPRESS"),
        ("OSLO/BERGEN, Mar. 3 (Wirenews) -- The council met.", "OSLO/BERGEN, Mar. 3 (Wirenews) -- ", "Wirenews"),
        ("TURKU, Finland, March 3 (Wirenews) -- The council met.", "TURKU, Finland, March 3 (Wirenews) -- ", "Wirenews"),
        ("GENOA, Italy, March 3. The council met.", "GENOA, Italy, March 3. ", None),
        ("Lisbon, Mar 3 (PNA) The council met.", "Lisbon, Mar 3 (PNA) ", "PNA"),
        ("VALLETTA, Malta \u2014 The council met.", "VALLETTA, Malta \u2014 ", None),
        ("TALLINN (Wirenews) - The council met.", "TALLINN (Wirenews) - ", "Wirenews"),
        ("RIGA, 3 March (Wirenews) - The council met.", "RIGA, 3 March (Wirenews) - ", "Wirenews"),
        ("LISBON, MARCH 3, PORTOPRESS.", "LISBON, MARCH 3, PORTOPRESS.", "PORTOPRESS"),
        ("Porto, Mar. 3, 2024. / Wirenews/. On Monday the council met.", "Porto, Mar. 3, 2024. / Wirenews/. ", "Wirenews"),
        ("LISBON. PORTOPRESS The council met.", "LISBON. PORTOPRESS ", "PORTOPRESS"),
        ("LISBON. PORTOPRESS \u2013 The council met.", "LISBON. PORTOPRESS \u2013 ", "PORTOPRESS"),
        ("Mar. 3 (Wirenews) -- The council met.", "Mar. 3 (Wirenews) -- ", "Wirenews"),
        ("LISBON,3 March (Wirenews) - The council met.", "LISBON,3 March (Wirenews) - ", "Wirenews"),
    ],
)
def test_dateline_shapes(text, prefix, agency):
    cut, found = find_dateline(text, 0, len(text))
    assert text[:cut] == prefix
    assert found == agency


@pytest.mark.parametrize(
    "text",
    [
        "NATO. The bloc met.",
        "NATO - a bloc that met.",
        "U.S. President Smith said so.",
        "Smith (the mayor) Said nothing.",
        "The Council (CC) - Members met.",
        "MOSCOW, Putin 9. The Kremlin said.",
        "LISBON, MARCH 3, PORTOPRESS said the council met.",
        "LISBON. THE COUNCIL met on Monday.",
        "NATO HQ said the council met.",
        "USA. NATO Secretary General Smith said so.",
        "In May (2020) - the council met.",
    ],
)
def test_sentences_that_are_not_datelines(text):
    assert find_dateline(text, 0, len(text)) == (0, None)


def test_dateline_after_a_standfirst_is_cut_and_names_the_outlet():
    text = (
        "River plan approved\n\n"
        "The committee approved the river plan after a long debate on costs\n\n"
        "LISBON, MARCH 3, PORTOPRESS. " + BODY + "\n"
    )
    doc = _doc(text)
    assert _body(doc)[0].startswith("The committee approved the river plan after a long debate on costs and")
    assert "LISBON, MARCH 3, PORTOPRESS." in _reasons(doc)
    assert _reasons(doc)["The committee approved the river plan after a long debate on costs"] == (
        "standfirst repeated in the lead"
    )
    assert doc.outlet == "PORTOPRESS"


def test_dateline_on_its_own_line_after_a_subtitle():
    text = (
        "River plan approved\n"
        "Amid protests, a council divided over the costs and the deadlines of the plan\n"
        "GENOA, Italy \u2014 " + BODY + "\n"
    )
    doc = _doc(text)
    body = _body(doc)
    assert body[0] == "Amid protests, a council divided over the costs and the deadlines of the plan"
    assert body[1].startswith("The committee approved")


def test_manifest_outlet_wins_over_the_dateline():
    doc = _doc("LISBON, MARCH 3 (Wirenews) - " + BODY + "\n", {"outlet": "Daily Paper"})
    assert doc.outlet == "Daily Paper"
    assert doc.derived_from == "Wirenews"


# --- credits ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("The mayor said the plan was approved at the council, reports TASS.", "TASS"),
        ("The mayor told a local newspaper the plan was approved, Wirenews reports.", "Wirenews"),
        ("The mayor spoke by phone with the minister, Wirenews reports citing the city press office.", "Wirenews"),
        ("This was reported on Thursday, March 3 Wirenews.", "Wirenews"),
        ("The plan was approved on Monday, according to Reuters.", "Reuters"),
        ("The plan was approved on Monday, according to the Xinhua news agency.", "Xinhua"),
        ("The plan was approved on Monday, according to the ministry.", None),
        ("The plan was approved on Monday, according to Smith.", None),
        ("The plan was approved on Monday, the Kremlin reported.", None),
        ("The plan is disputed, local media report.", None),
        ("The mayor opened the session in the city hall, Wirenews has learned.", "Wirenews"),
        ("The mayor backs the plan, according to news.example.org.", "news.example.org"),
        ("The plan was approved, he reported.", None),
        ("The plan was approved on Monday, Reuters noted.", "Reuters"),
        ("The plan was approved on Monday, Smith noted.", None),
        ("The plan is sound, TASS quoted the mayor as saying.", "TASS"),
    ],
)
def test_lead_credits(sentence, source):
    assert lead_credit(sentence) == source


def test_lead_credit_becomes_derived_from_and_a_credit_inside_the_story_does_not():
    lead = "The committee approved the river plan on Monday, the mayor said at the council, reports TASS.\n\n"
    doc = _doc("River plan approved\n\n" + lead + BODY + "\n")
    assert doc.derived_from == "TASS"
    middle = "The plan costs more than the old one, the mayor said, according to TASS, and he defended it.\n\n"
    doc = _doc("River plan approved\n\n" + BODY + "\n\n" + middle + BODY + "\n")
    assert doc.derived_from is None


def test_credits_at_the_foot_of_the_page():
    doc = _doc("River plan approved\n\n" + BODY + "\n\n(Wirenews/AB)\n")
    assert doc.derived_from == "Wirenews"
    assert "(Wirenews/AB)" not in " ".join(_body(doc))
    doc = _doc("River plan approved\n\n" + BODY + "\n\nAgencies via Wirenews\n")
    assert doc.derived_from == "Wirenews"
    doc = _doc("River plan approved\n\n" + BODY + "\n\n\u00a9 2024 Harbour Herald\n")
    assert doc.outlet == "Harbour Herald"
    assert doc.derived_from is None


@pytest.mark.parametrize(
    ("line", "date", "source"),
    [
        ("(Wirenews) 08:18, March 04, 2024", "2024-03-04", "Wirenews"),
        ("Wirenews | Updated: 2024-03-04 21:29", "2024-03-04", "Wirenews"),
        ("March 4, 2024 by News Desk", "2024-03-04", None),
        ("4 March 2024 14:52", "2024-03-04", None),
        ("0 Comments Print Wirenews, March 4, 2024", None, None),
        ("Mar 4, 2024 2:15 p.m. ET", "2024-03-04", None),
        ("2024-03-04T13:14:00+03:00", "2024-03-04", None),
        ("Last updated on Mar 4, 2024 13:14 IST", "2024-03-04", None),
        ("04.03.2024, 13:14 (local time)", "2024-03-04", None),
        ("Mar 4, 2024 / 02:15 PM / Wirenews", "2024-03-04", "Wirenews"),
        ("Harbour / 4 Mar 2024", "2024-03-04", None),
        ("By Jane Roe | March 4, 2024", "2024-03-04", None),
        ("He left on 4 Mar 2024 / 14:00 local", None, None),
        ("04.03.2024 | Council Meets Mayor", None, None),
        ("Council Meets Mayor | 04.03.2024", None, None),
        ("Council Meets The Mayor, 04.03.2024", None, None),
        ("Jane Roe Published March 4, 2024 | 08:28 PM", "2024-03-04", None),
        ("By Staff Report in Harbour on 4 March 2024", "2024-03-04", None),
        ("By 4 March 2024 the works ended", None, None),
        ("Jane Roe 4 March 2024", None, None),
    ],
)
def test_date_lines_with_a_source_or_byline(line, date, source):
    found = is_date_line(line)
    assert (found.isoformat() if found else None) == date
    assert date_line_source(line) == source


def test_date_line_with_source_dates_the_story():
    doc = _doc("River plan approved\n(Wirenews) 08:18, March 04, 2024\n\n" + BODY + "\n")
    assert doc.date == "2024-03-04"
    assert doc.derived_from == "Wirenews"
    assert _body(doc)[0].startswith("The committee")


# --- page furniture -------------------------------------------------------------------------------


def test_more_page_furniture_shapes():
    text = "\n".join([
        "A+", "A-", "Share this:", "Facebook", "Twitter", "Share - WeChat", "Adjust font size:",
        "Region:North, South", "Theme: Politics", "River-plan-approved-by-the-council",
        "Workers at the embankment site, March 3, 2024. (Str/Wirenews)",
        "A view of the embankment site. [Photo/Agencies]",
        "By JANE ROE, JOHN DOE and ANN POE - Wire Service", "By Jane Roe \u2013 Research Assistant",
        "Original Author: Jane Roe",
    ])
    lines = split_lines(text)
    dropped = classify_lines(lines).dropped
    assert [ln.text for i, ln in enumerate(lines) if i not in dropped] == []


def test_latest_news_list_is_dropped():
    text = "River plan approved\n\n" + BODY + "\nLatest news\n- Port strike ends\n- New mayor sworn in\n"
    doc = _doc(text)
    assert not any("Port strike" in s for s in _body(doc))


def test_real_sentences_with_similar_words_are_kept():
    text = "\n".join([
        "River plan approved", "",
        "The council will share the costs with the region, the mayor said on Monday.",
        "Facebook and Twitter accounts of the council were closed in 2023 after a long dispute.",
        "Workers at the site (about 40 of them) said the pay was late.",
        "The talks will be held in two rounds (Lisbon/Porto)",
        "Trucks may not drive faster than 50 on the new bridge (km/h)",
    ])
    assert len(_body(_doc(text))) == 5


# --- titles after a site heading ------------------------------------------------------------------


def test_headline_after_section_names_and_menus():
    text = "WORLD\nHome / World / Europe\nRiver plan approved by the council\n4 March 2024 14:52\n" + BODY + "\n"
    doc = _doc(text)
    assert doc.title == "River plan approved by the council"
    assert doc.date == "2024-03-04"
    assert _reasons(doc)["WORLD"] == "page heading before the title"


def test_headline_printed_twice_after_a_site_name():
    text = (
        "Official Portal of the Harbour City\nCity Events Calendar\n| Home | Events\n\n"
        "River plan approved by the council\n\nRiver plan approved by the council\n\n" + BODY + "\n"
    )
    doc = _doc(text)
    assert doc.title == "River plan approved by the council"
    assert _body(doc)[0].startswith("The committee")


def test_a_page_that_opens_with_its_headline_keeps_it():
    doc = _doc("River plan approved by the council\nNews\n\n" + BODY + "\n")
    assert doc.title == "River plan approved by the council"
    doc = _doc("Council: plan approved\n\n" + BODY + "\n")
    assert doc.title == "Council: plan approved"


def test_a_long_first_line_before_the_headline_is_not_dropped_without_evidence():
    text = "Official Portal of the Harbour City\nRiver plan approved by the council\n\n" + BODY + "\n"
    doc = _doc(text)
    assert doc.title == "Official Portal of the Harbour City"


def test_dateline_with_a_year_dates_the_story():
    doc = _doc("River plan approved\n\nPorto, Mar. 3, 2024. / Wirenews/. " + BODY + "\n")
    assert doc.date == "2024-03-03"
    assert doc.outlet == "Wirenews"


def test_an_agency_credited_again_and_again_is_the_source():
    text = (
        "River plan approved\n\n" + BODY + "\n\n"
        "The mayor defended the costs at the council, Wirenews reported.\n\n"
        "The opposition asked for an audit of the plan, Wirenews reported.\n\n" + BODY + "\n"
    )
    assert _doc(text).derived_from == "Wirenews"


def test_contact_block_above_the_headline():
    text = (
        "123456, Harbour region,\nHarbour, Main square, 6\n\nOpening hours:\n\n+1 (555) 28-2-60\n\n"
        "Hot line:\n\n+1 (555) 28-2-61\n\nCouncil: river plan approved after a long debate\n\n" + BODY + "\n"
    )
    doc = _doc(text)
    assert doc.title == "Council: river plan approved after a long debate"
    assert _body(doc)[0].startswith("The committee")


def test_gallery_and_trailing_photo_credits_are_captions():
    text = "\n".join([
        "The mayor said on Monday that the works will start soon. Photo courtesy City Press Office/Agency",
        "1 of 3 | The mayor said on Monday that the works will start soon. Photo courtesy City Press Office",
        "+ \u21ba \u2212 16 px",
    ])
    lines = split_lines(text)
    assert len(classify_lines(lines).dropped) == 3


def test_tag_row_above_the_headline_is_not_the_title():
    text = "World\n\nHarbour Mayor Council Plan\n\nHarbour council to vote on the river plan on Monday\n\n" + BODY + "\n"
    doc = _doc(text)
    assert doc.title == "Harbour council to vote on the river plan on Monday"
    doc = _doc("Harbour Council Approves River Plan\n\n" + BODY + "\n")
    assert doc.title == "Harbour Council Approves River Plan"


# --- an article with dates inside is not a listing ------------------------------------------------


def test_a_timeline_article_stays_one_article_and_a_listing_still_splits():
    item = "The council met on the plan and voted on the budget for the embankment works.\n\n"
    timeline = (
        "Timeline of the river plan\n09.03.2024 | 13:14\n\n" + item
        + "9 March 2024\n\n" + item + "10 March 2024\n\n" + item
    )
    doc = _doc(timeline)
    assert [s.kind for s in doc.stories] == ["article"]
    assert "10 March 2024" in _body(doc)
    listing = "News\n\n10.03.2024\n\n" + item + "09.03.2024\n\n" + item + "08.03.2024\n\n" + item
    doc = _doc(listing)
    assert [s.kind for s in doc.stories] == ["listing"] * 3
    assert [s.date for s in doc.stories] == ["2024-03-10", "2024-03-09", "2024-03-08"]


def test_captions_with_photographer_and_agency_credits():
    text = "\n".join([
        "Residents rest near a damaged building in the old town. Pics/Wirenews",
        "Rescuers at the collapsed block on March 31, 2025. - Harbour News via AP",
        "Locals pass a collapsed building on Saturday, March 29, 2025 \u2014Jane Roe/Wirenews via AP",
        "A team moves a survivor from the block, Monday, March 31, 2025. (Jane Roe-Wirenews via AP)_11zon",
        "WATCH VIDEO: https://video.example.org/x", "UPDATE:", "Ads by:", "..", "|",
    ])
    lines = split_lines(text)
    assert len(classify_lines(lines).dropped) == len(lines)


def test_a_paragraph_ending_with_a_source_dash_is_kept_and_credits_the_source():
    text = "River plan approved\n\n" + BODY + "\n\nThe mayor said the works will be checked by the region. - Harbour Herald\n"
    doc = _doc(text)
    assert any(s.startswith("The mayor said the works") for s in _body(doc))
    assert doc.derived_from == "Harbour Herald"


def test_last_sentence_credits_in_the_present_tense_only():
    past = "River plan approved\n\n" + BODY + "\n\nThe opposition walked out of the session in protest, reported Wirenews.\n"
    assert _doc(past).derived_from is None
    present = "River plan approved\n\n" + BODY + "\n\nThe opposition walked out of the session in protest, Wirenews reports.\n"
    assert _doc(present).derived_from == "Wirenews"
    assert _doc("River plan approved\n\n" + BODY + "\n\nWirenews reported.\n").derived_from == "Wirenews"


def test_date_line_variants_and_date_datelines():
    doc = _doc(
        "River plan approved\n12:14 GMT 04.03.2024 (Updated: 12:29 GMT 04.03.2024)\n\n"
        "HARBOUR, Portugal (Wirenews) - " + BODY + "\n"
    )
    assert doc.date == "2024-03-04"
    doc = _doc("River plan approved\n\nHarbour Portal, 5 Mar 2024\n\n4 Mar 2024 \u2013 " + BODY + "\n")
    assert doc.date == "2024-03-05"
    assert _body(doc)[0].startswith("The committee")
    doc = _doc("River plan approved\n\nHARBOURTOWN: " + BODY + "\n")
    assert _body(doc)[0].startswith("The committee")
    doc = _doc("River plan approved\n\n" + BODY + "\n\nNATO: " + BODY + "\n")
    assert any(s.startswith("NATO: ") for s in _body(doc))


def test_credit_with_a_weekday_and_names_that_are_not_sources():
    assert lead_credit("The mayor resigned, Wirenews reported Tuesday.") == "Wirenews"
    assert lead_credit("The mayor resigned, reported Tuesday.") is None
    assert lead_credit("The mayor resigned, the Harbour Herald reported Wednesday.") == "Harbour Herald"
    assert lead_credit("The mayor resigned, the City Council reported Wednesday.") is None


def test_a_name_and_a_rank_above_the_headline_are_not_dropped():
    text = "Deputy Mayor\n\nJane Roe\n\nHarbour City Council, Portugal\n\nIn office: Friday, June 24, 2005\n\n" + BODY + "\n"
    doc = _doc(text)
    kept = " ".join([doc.title or ""] + _body(doc))
    assert "Jane Roe" in kept
    assert "Harbour City Council, Portugal" in kept


def test_masthead_line_names_the_outlet():
    doc = _doc("River plan approved\nHarbour News\nThe council approves the plan.\n" + BODY + "\n")
    assert doc.outlet == "Harbour News"
    assert "Harbour News" not in _body(doc)
    doc = _doc("River plan approved\nHarbour Council\n\n" + BODY + "\n")
    assert doc.outlet is None
    doc = _doc("River plan approved\nWorld News\n\n" + BODY + "\n")
    assert doc.outlet is None


def test_a_contact_line_after_the_body_does_not_eat_the_date_or_a_numeric_headline():
    text = "5 killed in river flood\n9 March 2024\n\n" + BODY + "\n\nPress office: +1 (555) 28-2-60\n"
    doc = _doc(text)
    assert doc.title == "5 killed in river flood"
    assert doc.date == "2024-03-09"


def test_a_reported_on_phrase_without_a_named_source_is_no_credit():
    from compare.ingest.boilerplate import lead_credit

    assert lead_credit("This is reported on the ministry's website.") is None
    assert lead_credit("This was reported on Monday by Wirenews.") == "Wirenews"
