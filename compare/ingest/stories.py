"""Splitting a page into stories: one article, or a news listing (dated items) and an article.

The shapes looked for:

- a *date line*: a line that is only a date ("24.11.2023", "09 February 2022, 14:30",
  "Published: 2022-02-09");
- a *headline with its date*: a headline-shaped line ending in a date, often right after
  the same headline on its own ("Zas at the forum ...\\n\\nZas at the forum ... 09.02.2022");
- a *headline*: a short line without sentence punctuation just before a date line;
- a *date leading a headline* ("24.11.2023 | CSTO council meets"), on a page with several.

One dated anchor (or none) means one article: its title is the first line when that line is
headline-shaped, its date the first date line.  Several anchors mean a listing page: each
anchor starts a story; a story with a headline and a long body (or a very long body) is an
``article``, the short dated items are ``listing`` stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from compare.dates import find_absolute_dates
from compare.ingest.lines import Line, headline_shaped, title_shaped
from compare.textnorm import fold

ARTICLE_MIN_WORDS_WITH_TITLE = 120
ARTICLE_MIN_WORDS = 250

# Words a date line may carry besides the date and a time ("Published on Friday, 27 September 2013").
_DATE_LINE_WORDS = frozenset(
    """
    published updated posted date dated last first on at modified created time
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    gmt utc msk cet cest est edt pst pdt bst am pm a.m p.m et ct mt pt ist eet eest aest aedt jst kst hkt sgt wib pkt
    local
    опубликовано обновлено дата в г года
    """.split()
)
_TIME = re.compile(
    r"\b(?:at\s+)?\d{1,2}:\s?\d{2}(?::\s?\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:\(?(?:utc|gmt|msk|cet|cest|est|edt|pst|pdt)"
    r"(?:\s*[+-]\d{1,2}(?::?\d{2})?)?\)?)?",
    re.I,
)
_UPDATED = re.compile(r"^\s*(?:updated|last updated|обновлено)\b", re.I)


@dataclass(slots=True)
class StoryPlan:
    """Where one story lies in the page: title span, date, body paragraph spans (document offsets)."""

    kind: str
    title: str | None
    title_span: tuple[int, int] | None
    date: date | None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def is_date_line(text: str) -> date | None:
    """The date when ``text`` is a date and nothing else (a time, a weekday, "Published:" allowed)."""
    text = _UPDATE_NOTE.sub(" ", text.strip()).strip()
    if not text or len(text) > 80 or not any(c.isdigit() for c in text):
        return None
    mentions = find_absolute_dates(text)
    if len(mentions) != 1:
        return None
    m = mentions[0]
    before, after = _strip_credit(text[: m.start], _ISO_TIME.sub(" ", text[m.end :]))
    rest = _TIME.sub(" ", before + " " + after)
    words = re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+)*|\d+", rest.lower())
    if all(w in _DATE_LINE_WORDS for w in words):
        return m.value
    return None


# The source or author a date line may carry: "(Xinhua) 08:18, February 8, 2023",
# "Xinhua | Updated: 2023-02-07 21:29", "November 23, 2023 by News Room".
_NAME = r"[A-Z\u0410-\u042f][\w.&'\-]*(?:\s+[A-Z\u0410-\u042f][\w.&'\-]*){0,3}"
_NAME_PATTERN = _NAME
_ISO_TIME = re.compile(r"^T(?=\d)|\((?:[\w ]{1,20}\s)?time\)", re.I)  # "2022-02-09T13:14", "(Moscow time)"
_UPDATE_NOTE = re.compile(r"\((?:updated|last updated|обновлено)\b[^()]{0,40}\)", re.I)  # "(Updated: 12:29 GMT 23.10.2024)"
_CREDIT_COMMA_BEFORE = re.compile(r"^\s*[A-Z\u0410-\u042f][\w.&'\-]*(?:\s+[A-Z\u0410-\u042f][\w.&'\-]*)?\s*,\s*$")  # "Harbour, 4 Mar 2024": a place or source, then the date
# "Jane Roe Published January 12, 2022", "By Staff Report in Nation on 4 July 2024"
_AUTHOR_BEFORE = re.compile(
    rf"^\s*(?:{_NAME_PATTERN}\s+(?=(?i:published|posted|updated)\b)|(?i:by|posted by|written by)\s+[^|,]{{2,60}}?\s+(?i:on\s+)?$"
    rf"|(?i:by)\s+{_NAME_PATTERN}\s*[|\u00b7\u2022]\s*$)"
)
_CREDIT_PAREN = re.compile(rf"\(\s*(?P<src>{_NAME})\s*\)")
_CREDIT_PIPE_BEFORE = re.compile(r"^\s*(?P<src>[A-Z\u0410-\u042f][\w.&'\-]*)\s*(?:[|\u00b7\u2022]|\s/)\s*")
# after the date only one word ("... / 02:15 PM / Reuters"): "24.11.2023 | Council Meets Putin" is a headline
_CREDIT_PIPE_AFTER = re.compile(r"\s*(?:[|\u00b7\u2022]|/\s)\s*(?P<src>[A-Z\u0410-\u042f][\w.&'\-]*)\s*$")
_CREDIT_BY = re.compile(rf"\s+by\s+{_NAME}\s*$")


def _strip_credit(before: str, after: str) -> tuple[str, str]:
    """The text around a date without a source credit or byline (see ``date_line_source``)."""
    before = _CREDIT_COMMA_BEFORE.sub(" ", _CREDIT_PAREN.sub(" ", _CREDIT_PIPE_BEFORE.sub(" ", _AUTHOR_BEFORE.sub(" ", before))))
    after = _CREDIT_BY.sub(" ", _CREDIT_PIPE_AFTER.sub(" ", _CREDIT_PAREN.sub(" ", after)))
    return before, after


def date_line_source(text: str) -> str | None:
    """The source a date line credits ("(Xinhua) 08:18, February 8, 2023" -> "Xinhua"), else None.

    A byline ("... by News Room") is an author, not a source, and gives None.
    """
    if not is_date_line(text):
        return None
    m = _CREDIT_PAREN.search(text) or _CREDIT_PIPE_AFTER.search(text)
    if m is None and (m := _CREDIT_PIPE_BEFORE.search(text)) and "/" in m.group(0):
        return None  # "Moscow / 9 Feb 2022": a place more often than a source
    if not m:
        return None
    src = m.group("src").strip()
    if src.lower().split()[0] in _DATE_LINE_WORDS | {"by"} or find_absolute_dates(src):
        return None
    return src


# "MOSCOW, February 9. /TASS/. ", "MOSCOW, Feb 9 (Reuters) - ", "KYIV (AP) — ", "МОСКВА, 9 февраля. /ТАСС/. ",
# "ANKARA/DAMASCUS, Feb. 7 (Xinhua) -- ", "SAMARKAND, Uzbekistan, Sept. 16 (Xinhua) -- ",
# "YEREVAN, FEBRUARY 9, ARMENPRESS. ", "BAKU, Azerbaijan, January 3. ", "Samarkand, Sep 17 (UNI) "
_UP = r"A-Z\u0410-\u042f"
DATELINE = re.compile(
    rf"(?P<place>[{_UP}][\w.'\- ]{{1,40}}?(?:/[{_UP}][\w.'\- ]{{1,30}}?)?)"
    rf"(?:,\s*(?P<region>[{_UP}][a-z\u00e0-\u017f\u0430-\u044f]+(?:\s[{_UP}][a-z\u00e0-\u017f]+)?))??"
    rf"(?:,?\s*(?P<date>[{_UP}][\w]{{2,9}}\.?\s+\d{{1,2}}|\d{{1,2}}\s+[\w]{{3,10}}\.?)(?:,?\s*\d{{4}})?)?"
    r"(?:[.,]?\s*/(?P<agency>[^/\n]{2,25})/\.?|\s*\((?P<agency2>[^()\n]{2,25})\)"
    rf"|\.?,\s*(?P<agency3>[{_UP}][{_UP}\-]{{2,20}}(?:\s[{_UP}]{{2,10}})?)\."
    rf"|\.\s+(?P<agency4>[{_UP}]{{3,20}}))?"
    rf"\.?\s*(?P<end>-{{1,2}}\s+|[\u2013\u2014]\s+|(?<=[./)])(?:\s+|$)|(?<=[{_UP}]{{3}})\s+|(?P<colon>:\s+))"
)
# "Jan. 11 (UPI) -- ": a dateline without a place
_DATE_FIRST_DATELINE = re.compile(
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,\s*\d{4})?\s*\((?P<agency>[^()\n]{2,25})\)\s*(?:-{1,2}|[\u2013\u2014])\s+"
)
# "24 Oct 2024 \u2013 The summit ...": a full date and a dash open the story
_DATE_DASH_DATELINE = re.compile(r"(?P<date>[^\n]{6,20}?)\s+(?:-{1,2}|[\u2013\u2014])\s+(?=[A-Z\u0410-\u042f\"\u201c])")
_MONTH_PREFIXES = frozenset(
    "jan feb mar apr may jun jul aug sep oct nov dec янв фев мар апр мая июн июл авг сен окт ноя дек".split()
)


_NOT_AGENCIES = frozenset("the a an in on at by for from this that it he she we they".split())


def _is_month(word: str) -> bool:
    return word[:3].lower() in _MONTH_PREFIXES


def find_dateline(text: str, start: int, end: int, *, colon: bool = False) -> tuple[int, str | None]:
    """(where the paragraph's text starts once an agency dateline is cut off, the agency named in it).

    ``(start, None)`` when the paragraph does not open with a dateline.  The place is upper
    case ("MOSCOW", "ANKARA/DAMASCUS"), or any capitalised word when an agency and a date
    follow ("Samarkand, Sep 17 (UNI) "); then an optional region ("Uzbekistan"), date and
    agency ("/TASS/", "(Reuters)", ", ARMENPRESS."), then a dash or the end of a sentence.
    With ``colon``, an upper-case place and a colon ("NAYPYIDAW: ") count too (a story's first
    paragraph only: elsewhere "NATO: ..." is more often a sentence).
    """
    first = _DATE_FIRST_DATELINE.match(text, start, end)
    if first and _is_month(first.group("date")):
        return first.end(), first.group("agency").strip()
    dated = _DATE_DASH_DATELINE.match(text, start, end)
    if dated and is_date_line(dated.group("date")):
        return dated.end(), None
    m = DATELINE.match(text, start, end)
    if not m or (m.group("colon") and not (colon and m.group("place").isupper() and len(m.group("place")) >= 4)):
        return start, None
    agency = m.group("agency") or m.group("agency2") or m.group("agency3") or m.group("agency4")
    if m.group("end").strip() == "" and text[m.start("end") - 1 : m.start("end")] not in "./)" and not m.group("agency4"):
        return start, None  # "MOSCOW KAZINFORM" needs the dot after the place
    day = m.group("date")
    if day:
        word = day.split()[0] if day[0].isalpha() else day.split()[-1]
        if not _is_month(word):
            return start, None
    if m.group("agency4") and (m.group("agency4").lower() in _NOT_AGENCIES or len(m.group("place").strip()) < 4):
        return start, None  # "MOSCOW. THE KREMLIN SAID": an upper-case lead, not an agency
    dashed = m.group("end").strip() != "" or bool(m.group("agency4") or m.group("colon"))
    if not (agency or dashed or day):
        return start, None  # "NATO. The bloc ..." is a sentence, not a dateline
    place = m.group("place").strip()
    letters = place.replace(" ", "").replace("-", "").replace(".", "").replace("'", "").replace("/", "")
    if len(letters) < 3:
        return start, None
    if not letters.isupper() and not (agency and day and len(place.split()) <= 2):
        return start, None
    if m.group("agency3") and not day:
        return start, None
    following = text[m.end() : m.end() + 1]
    if m.end() < end and not (following.isupper() or following.isdigit() or following in "\"\u201c\u00ab"):
        return start, None  # "NATO - a bloc that ..." is a sentence, not a dateline
    if agency:
        agency = agency.strip(" .")
        if len(agency.split()) > 4 or agency.lower() in {"photo", "video", "updated", "file"}:
            agency = None
    return m.end(), agency


def strip_dateline(text: str, start: int, end: int) -> int:
    """Where a paragraph's text starts once an agency dateline ("MOSCOW, February 9. /TASS/.") is cut off."""
    return find_dateline(text, start, end)[0]


def _is_partial_date_line(text: str) -> bool:
    """A dateline without a year ("9 FEB, 17:15", "February 9", "17:15 GMT"): page furniture."""
    if len(text) > 40 or not any(c.isdigit() for c in text):
        return False
    from compare.dates import find_dates

    rest = text
    for m in sorted(find_dates(text), key=lambda m: -m.start):
        if m.granularity == "day" and not m.text.lower().startswith(("today", "yesterday", "tomorrow")):
            rest = rest[: m.start] + " " + rest[m.end :]
    if rest == text and not _TIME.search(text):
        return False
    rest = _TIME.sub(" ", rest)
    words = re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+)*|\d+", rest.lower())
    return all(w in _DATE_LINE_WORDS for w in words)


def trailing_date(line: Line) -> tuple[int, date] | None:
    """(end of the headline part, date) when a headline-shaped line ends with a date."""
    text = line.content
    if not text[-1:].isdigit() and not text.rstrip(" .)").endswith(("г", "года")):
        return None
    mentions = find_absolute_dates(text)
    if not mentions:
        return None
    m = mentions[-1]
    if text[m.end :].strip(" .,|\u00b7\u2013\u2014-") or m.start == 0:
        return None
    head = text[: m.start].rstrip(" ,|\u00b7\u2013\u2014-")
    head_line = Line(line.number, line.start, line.start + len(head), head)
    if not headline_shaped(head_line) or head_line.words < 3:
        return None
    offset = line.text.find(head)
    return line.start + offset + len(head), m.value  # type: ignore[return-value]


_LEAD_SEPARATOR = re.compile(r"[\s|:\u00b7\-\u2013\u2014/,.]+")


def leading_date(line: Line) -> tuple[int, date] | None:
    """(start of the headline part, date) when a line is a date followed by a headline."""
    text = line.content
    if not text[:1].isdigit() and not text[:1].isalpha():
        return None
    mentions = find_absolute_dates(text[:40])
    if not mentions or mentions[0].start != 0:
        return None
    m = mentions[0]
    rest_start = m.end
    gap = _LEAD_SEPARATOR.match(text, rest_start)
    time = _TIME.match(text, gap.end() if gap else rest_start)  # "22.11.2023 14:00 - Headline"
    if time:
        rest_start = time.end()
    sep = _LEAD_SEPARATOR.match(text, rest_start)
    if not sep:
        return None
    head = text[sep.end() :]
    head_line = Line(line.number, line.end - len(head), line.end, head)
    if not head or head_line.words < 3 or not headline_shaped(head_line):
        return None
    return line.end - len(head), m.value  # type: ignore[return-value]


@dataclass(slots=True)
class _Anchor:
    start: int  # position in ``kept`` where the story starts
    title_pos: int | None
    title_span: tuple[int, int] | None
    date: date | None
    date_pos: int


def plan_stories(
    lines: list[Line],
    dropped: dict[int, str],
    *,
    known_title: str | None = None,
    known_date: date | None = None,
) -> list[StoryPlan]:
    """Stories of one page; adds the date lines and repeated headlines it consumes to ``dropped``."""
    kept = [i for i, ln in enumerate(lines) if not ln.blank and i not in dropped]
    if not kept:
        return []
    anchors = _drop_empty_anchors(_find_anchors(lines, kept, dropped), kept, dropped)
    if len(anchors) > 1 and _dates_inside_an_article(anchors):
        for anchor in anchors[1:]:
            dropped.pop(kept[anchor.date_pos], None)  # back into the text: the article's own subheads
        anchors = anchors[:1]
    if len(anchors) <= 1:
        return [_single_story(lines, kept, dropped, anchors, known_title, known_date)]
    return _listing_stories(lines, kept, dropped, anchors)


def _find_anchors(lines: list[Line], kept: list[int], dropped: dict[int, str]) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    used: set[int] = set()
    date_pos = {p for p, i in enumerate(kept) if is_date_line(lines[i].content)}
    # "24.11.2023 | Headline" items count only on a page that has several of them
    leading_count = sum(1 for i in kept if lines[i].content[:1].isdigit() and leading_date(lines[i]))
    for p, i in enumerate(kept):
        line = lines[i]
        if p not in date_pos and _is_partial_date_line(line.content):
            dropped[i] = "date or time line without a year (not used)"
            continue
        if p in date_pos:
            if _UPDATED.match(line.content) and anchors:
                dropped[i] = "date line (update time)"
                continue
            d = is_date_line(line.content)
            title_pos = None
            prev = p - 1
            if (
                prev >= 0
                and prev not in used
                and prev not in date_pos
                and (headline_shaped(lines[kept[prev]]) or (prev == 0 and title_shaped(lines[kept[prev]])))
                and (prev - 1 < 0 or (prev - 1) not in date_pos)
                and _adjacent_paragraphs(lines, kept, prev, p)
            ):
                title_pos = prev
            start = title_pos if title_pos is not None else p
            span = (lines[kept[title_pos]].start, lines[kept[title_pos]].end) if title_pos is not None else None
            anchors.append(_Anchor(start, title_pos, span, d, p))
            used.update({p, start})
            dropped[i] = "date line (used as the story date)"
            continue
        lead = leading_date(line)
        if lead is not None and leading_count >= 2:
            title_start, d = lead
            anchors.append(_Anchor(p, p, (title_start, line.end), d, p))
            used.add(p)
            continue
        trail = trailing_date(line)
        if trail is None:
            continue
        head_end, d = trail
        head = lines[i].text[: head_end - line.start]
        prev = p - 1
        if prev >= 0 and prev not in used and fold(lines[kept[prev]].content) == fold(head):
            anchors.append(_Anchor(prev, prev, (lines[kept[prev]].start, lines[kept[prev]].end), d, p))
            dropped[i] = "headline repeated with its date (date used as the story date)"
            used.update({p, prev})
        elif p + 1 < len(kept) or anchors:
            anchors.append(_Anchor(p, p, (line.start, head_end), d, p))
            used.add(p)
    return anchors


def _dates_inside_an_article(anchors: list[_Anchor]) -> bool:
    """A headline with its date, then date lines without headlines in time order (a timeline,
    a story told day by day): one article.  A listing page runs newest first, or gives
    each item its own headline."""
    first, rest = anchors[0], anchors[1:]
    if first.start != 0 or first.title_pos is None or any(a.title_pos is not None for a in rest):
        return False
    dates = [a.date for a in anchors]
    if any(d is None for d in dates):
        return False
    return all(a <= b for a, b in zip(dates, dates[1:], strict=False)) and dates[0] < dates[-1]  # type: ignore[operator]


def _drop_empty_anchors(anchors: list[_Anchor], kept: list[int], dropped: dict[int, str]) -> list[_Anchor]:
    """Anchors with no body text before the next anchor (a "Published"/"Updated" pair, a date
    at the foot of an article) do not start a story of their own."""
    out: list[_Anchor] = []
    for n, anchor in enumerate(anchors):
        end = anchors[n + 1].start if n + 1 < len(anchors) else len(kept)
        body = [
            p for p in range(anchor.start, end)
            if kept[p] not in dropped and p != anchor.title_pos and p != anchor.date_pos
        ]
        if body or (n + 1 == len(anchors) and not out):
            out.append(anchor)
        elif n + 1 < len(anchors) and anchors[n + 1].title_pos is None and anchor.title_pos is not None:
            # "Headline / date / date / body": the headline belongs to the next anchor's story
            nxt = anchors[n + 1]
            anchors[n + 1] = _Anchor(anchor.start, anchor.title_pos, anchor.title_span, anchor.date or nxt.date, nxt.date_pos)
    return out


def _adjacent_paragraphs(lines: list[Line], kept: list[int], a: int, b: int) -> bool:
    """Kept lines ``a`` and ``b`` are neighbours (only blank lines between them, at most 3)."""
    return 0 < lines[kept[b]].number - lines[kept[a]].number <= 4


def _paragraphs(lines: list[Line], kept_slice: list[int], skip: set[int]) -> list[tuple[int, int]]:
    """Paragraph spans: runs of adjacent non-blank kept lines; a heading or bullet line stands alone."""
    paras: list[tuple[int, int]] = []
    prev: Line | None = None
    for i in kept_slice:
        if i in skip:
            prev = None
            continue
        line = lines[i]
        start = line.start + (len(line.text) - len(line.content))
        joinable = (
            prev is not None
            and line.number == prev.number + 1
            and not line.bullet
            and not line.text.startswith(("#", "-", "\u2013", "\u2014"))
            # a heading stands alone; a hard-wrapped line (long, or followed by lower case) does not
            and (not headline_shaped(prev, 14) or len(prev.text) >= 60 or line.content[:1].islower())
            and find_dateline(line.text, 0, len(line.text))[0] == 0  # a dateline opens a paragraph
        )
        if joinable and paras:
            paras[-1] = (paras[-1][0], line.end)
        else:
            paras.append((start, line.end))
        prev = line
    return paras


def _single_story(
    lines: list[Line],
    kept: list[int],
    dropped: dict[int, str],
    anchors: list[_Anchor],
    known_title: str | None,
    known_date: date | None,
) -> StoryPlan:
    anchor = anchors[0] if anchors else None
    title_span: tuple[int, int] | None = None
    skip: set[int] = set()
    remaining = [i for i in kept if i not in dropped]  # the date lines are gone by now
    label_cut: int | None = None
    picked = _title_after_page_heading(lines, remaining, anchor, kept, known_title)
    if anchor and anchor.title_pos is not None and anchor.title_pos == 0:
        title_span = anchor.title_span
        skip.add(kept[0])
    elif picked is not None:
        pos, title_line = picked
        for i in remaining[:pos]:
            dropped[i] = "page heading before the title"
        title_span = (lines[title_line].start, lines[title_line].end)
        skip.add(title_line)
        later = remaining[pos + 1 : pos + 2]
        if later and fold(lines[later[0]].content) == fold(lines[title_line].content):
            dropped[later[0]] = "headline repeated"
    elif remaining:
        pos = _skip_clutter(lines, remaining, dropped)
        first = lines[remaining[pos]]
        labelled = _date_label(first)
        if labelled:
            known_date = known_date or labelled[1]
            label_cut = labelled[0]  # the label never opens a sentence
        if labelled and labelled[2] and not known_title:
            title_span = (labelled[0], first.end)
            skip.add(remaining[pos])
        elif (known_title and fold(first.content) == fold(known_title)) or (
            len(remaining) > pos + 1
            and (headline_shaped(first) or (pos > 0 and _headline_after_clutter(first)))
            and not _section_name(first) and not _bare_dateline(first)
        ):
            title_span = (first.start, first.end)
            skip.add(remaining[pos])
    story_date = anchor.date if anchor else known_date
    body = [i for i in kept if i not in skip and i not in dropped]
    title = _span_text(lines, title_span)
    paragraphs = _paragraphs(lines, body, set())
    if label_cut is not None and title_span is None:
        paragraphs = [(label_cut, pe) if ps < label_cut < pe else (ps, pe) for ps, pe in paragraphs]
    return StoryPlan("article", title, title_span, story_date, paragraphs)


_FUNCTION_JOINERS = frozenset({"and", "&", "of", "the"})
_SECTION_WORDS = frozenset(
    "news world politics business economy sport sports travel opinion culture science tech technology health "
    "entertainment lifestyle local national international breaking latest top stories analysis features video "
    "photos region regions".split()
)
_DATE_LABEL = re.compile(
    r"^(?:date|dated|published|posted|updated)\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})\s+(?=\S)",
    re.IGNORECASE,
)
_PLACE_PART = r"[A-Z][\w'\u2019-]*(?:[ -][A-Z][\w'\u2019-]*)?"
_BARE_DATELINE = re.compile(rf"^(?:{_PLACE_PART}, {_PLACE_PART}[.:]?|{_PLACE_PART}[.:])$")
_ABBREV_BREAK = re.compile(r"(?<![A-Z.][A-Z])(?<!\b[A-Z])[.!?]\s+[A-Z]")


def _section_name(line: Line) -> bool:
    """A site section's name on a line of its own ("Travel", "Local News", "Asia and Eurasia"):
    one word, two capitalised words one of which names a section ("News", "World", "Sport" ...),
    or two capitalised words joined by "and"/"&"; never ending a sentence. ("Plan agreed", in
    sentence case, is a headline.)"""
    words = line.content.split()
    if line.terminal or not words or any(ch.isdigit() for ch in line.content) or line.bullet:
        return False
    capitalised = [w[:1].isupper() for w in words]
    if len(words) == 1:
        return capitalised[0]
    if len(words) == 2:  # "Local News", not "Jane Roe" or "Deputy Mayor" (a name, a rank: content)
        return all(capitalised) and any(w.lower() in _SECTION_WORDS for w in words)
    return len(words) == 3 and words[1].lower() in _FUNCTION_JOINERS and capitalised[0] and capitalised[2]


def _bare_dateline(line: Line) -> bool:
    """A place on a line of its own, where a dateline stands ("Astana, Kazakhstan", "Moscow.")."""
    return bool(_BARE_DATELINE.match(line.content.strip())) and line.words <= 4


def _headline_after_clutter(line: Line) -> bool:
    """A headline below a section name or dateline: 3-30 words, a capital first, at most one
    sentence (abbreviations such as "U.S." aside), not ending like a sentence."""
    text = line.content.strip()
    return (3 <= line.words <= 30 and not line.bullet and (text[:1].isupper() or text[:1].isdigit())
            and not text.endswith((".", ":", ";", ",")) and not _ABBREV_BREAK.search(text))


def _skip_clutter(lines: list[Line], remaining: list[int], dropped: dict[int, str]) -> int:
    """Position in ``remaining`` of the first line after the clutter that can open a plain page
    before its headline or text: a section name, a bare dateline. Those lines are dropped."""
    pos = 0
    while pos < len(remaining) - 1 and pos < HEAD_MAX_LINES:
        line = lines[remaining[pos]]
        if _section_name(line):
            dropped[remaining[pos]] = "section name before the title"
        elif _bare_dateline(line):
            dropped[remaining[pos]] = "dateline (place) on a line of its own"
        else:
            break
        pos += 1
    return pos


def _date_label(line: Line) -> tuple[int, date, bool] | None:
    """A date label opening a line ("date 2024-12-26 Jet crashes near Aktau", "Published:
    26.12.2024 An airliner ..."): (offset after the label, the date, whether the rest is a
    headline rather than the first sentence), or None."""
    from compare.dates import parse_date

    m = _DATE_LABEL.match(line.content)
    if not m:
        return None
    found = parse_date(m.group("date"))
    if found is None:
        return None
    rest = line.content[m.end():].rstrip()
    headline = len(rest.split()) >= 3 and not rest.endswith((".", ":", ";", ",")) and not _ABBREV_BREAK.search(rest)
    return line.start + len(line.text) - len(line.content) + m.end(), found, headline


HEAD_MAX_LINES = 10  # lines of site heading (section names, menus, dates) looked through for a headline
_MENU_SEPARATORS = re.compile(r"\s[|/>\u00bb\u203a]\s|^\|")


def _chrome_shaped(line: Line) -> bool:
    """A line of a site heading: one word or two not both capitalised (a section or menu name),
    or a menu or breadcrumb whose parts are joined by | / > \u00bb."""
    words = line.content.split()
    if line.terminal or line.words > 2:
        return _menu_shaped(line)
    # "World", "Last minute"; not "Jane Roe" or "Deputy Mayor" (a name or a rank: content)
    return len(words) == 1 or not all(w[:1].isupper() for w in words)


def _menu_shaped(line: Line) -> bool:
    return bool(_MENU_SEPARATORS.search(line.content)) and line.words <= 16


def _title_after_page_heading(
    lines: list[Line], remaining: list[int], anchor: _Anchor | None, kept: list[int], known_title: str | None
) -> tuple[int, int] | None:
    """(position in ``remaining``, line index) of the headline when the page opens with site
    heading lines (a section name, a menu, a site name) rather than with the headline.

    The headline is the line printed twice in a row in the heading; else, after a menu or
    breadcrumb line, the first headline after it; else, after one- or two-word section names
    only, the first headline of three words or more.  None when the page opens with its
    headline or has no such heading.
    """
    if known_title or not remaining:
        return None
    head: list[int] = []
    for i in remaining[:HEAD_MAX_LINES]:
        line = lines[i]
        if line.terminal and line.words >= 8:
            break
        head.append(i)
    for pos, i in enumerate(head[:-1]):
        nxt = head[pos + 1]
        if pos > 0 and lines[i].words >= 3 and headline_shaped(lines[i]) and fold(lines[i].content) == fold(lines[nxt].content):
            return pos, i
    menus = [pos for pos, i in enumerate(head) if _menu_shaped(lines[i])]
    if menus:
        first = menus[-1] + 1
    elif head and headline_shaped(lines[head[0]]) and lines[head[0]].words >= 3:
        return None  # the page opens with its headline
    else:
        first = 0
    wanted = kept[anchor.title_pos] if anchor and anchor.title_pos is not None else None
    for pos in range(first, len(head)):
        line = lines[head[pos]]
        if pos > 0 and _tag_line(line, lines[head[pos + 1]] if pos + 1 < len(head) else None):
            continue
        if headline_shaped(line) and (line.words >= 3 or head[pos] == wanted and line.words >= 2):
            if pos > 0 and all(_chrome_shaped(lines[j]) or _tag_line(lines[j], None) for j in head[first:pos]):
                return pos, head[pos]
            return None
    return None


def _tag_line(line: Line, nxt: Line | None) -> bool:
    """A row of tags ("Kyrgyzstan Japarov Minsk CSTO"): capitalised words only, no function word,
    above a longer headline written in sentence case."""
    words = line.content.split()
    if len(words) < 3 or not all(w[:1].isupper() or w[:1].isdigit() for w in words) or line.terminal:
        return False
    if any(c in line.content for c in ",:;\"'\u2019"):
        return False  # a name with its place or possessive ("County Sheriff's Department, State")
    if nxt is None:
        return True
    return headline_shaped(nxt) and nxt.words > line.words and any(w[:1].islower() for w in nxt.content.split())


def _span_text(lines: list[Line], span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    for ln in lines:
        if ln.start <= span[0] and span[1] <= ln.end:
            return ln.text[span[0] - ln.start : span[1] - ln.start]
    return None


def _listing_stories(
    lines: list[Line], kept: list[int], dropped: dict[int, str], anchors: list[_Anchor]
) -> list[StoryPlan]:
    plans: list[StoryPlan] = []
    first_start = anchors[0].start
    preamble = [kept[p] for p in range(first_start) if kept[p] not in dropped]
    if preamble:
        if any(lines[i].terminal and lines[i].words >= 8 for i in preamble):
            first = lines[preamble[0]]
            span = (first.start, first.end) if headline_shaped(first) else None
            body = preamble[1:] if span else preamble
            plans.append(StoryPlan("article", _span_text(lines, span), span, None, _paragraphs(lines, body, set())))
        else:
            for i in preamble:
                dropped[i] = "page heading before the listing"
    bounds = [a.start for a in anchors] + [len(kept)]
    for n, anchor in enumerate(anchors):
        positions = range(anchor.start, bounds[n + 1])
        skip = {kept[anchor.title_pos]} if anchor.title_pos is not None else set()
        body = [kept[p] for p in positions if kept[p] not in dropped and kept[p] not in skip]
        paragraphs = _paragraphs(lines, body, set())
        words = sum(len(fold(lines[i].content).split()) for i in body)
        if not paragraphs and plans:
            continue  # a date line with nothing after it (e.g. at the foot of an article)
        has_title = anchor.title_span is not None
        kind = "article" if (has_title and words >= ARTICLE_MIN_WORDS_WITH_TITLE) or words >= ARTICLE_MIN_WORDS else "listing"
        plans.append(StoryPlan(kind, _span_text(lines, anchor.title_span), anchor.title_span, anchor.date, paragraphs))
    return plans
