"""Lines that are not story text: navigation, captions, credits, contacts, link lists, footers.

Decisions come from the *shape* of a line (short, no sentence punctuation, a bullet,
a credit sign, a URL, a phone number or e-mail, its position at the end of the page),
from a small multilingual cue list ("photo", "read also", "go back" ...), and from what
repeats across documents of the corpus (a short line found in several files is site
chrome).  No outlet's strings are listed here.

An attribution line ("Based on materials from TASS", "Source: Reuters",
"Read more in the X: URL") is kept out of the story text too, but its source is
returned so it becomes ``Document.derived_from``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from compare.ingest.lines import Line, headline_shaped
from compare.ingest.stories import is_date_line

# --- cue lists (generic, several languages) -------------------------------------------------

_NAV = re.compile(
    r"^(?:go back|back|back to (?:the )?[\w\s]{1,30}|return to [\w\s]{1,30}|home(?:page)?|next|previous|prev|"
    r"next article|previous article|more news|all news|to the top|back to top|top|share(?: this)?(?: article)?|"
    r"print(?: this)?(?: article)?|subscribe|menu|close|skip to (?:main )?content|load more|show more|"
    r"comments?|tweet|email|e-mail|copy link|facebook|twitter|telegram|whatsapp|linkedin|reddit|pinterest|viber|vkontakte|"
    r"a\+|a-|a\u2212|read more|more|continue reading|read the full (?:story|article)|details|follow us(?: on [\w\s]+)?|"
    r"назад|вернуться[\w\s]*|на главную|все новости|поделиться|подписаться|"
    r"retour|zurück|volver|accueil|startseite|inicio)\W*$",
    re.I,
)
# Web-page furniture: ads, sign-up prompts, sharing, reading time (short lines only).
_PROMO = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|story continues below.*|continue reading.*|"
    r"click here.*|sign up.*|subscribe (?:to|for|now).*|download (?:our|the) app.*|get the app.*|"
    r"follow (?:us|\w+) on (?:telegram|twitter|x|facebook|vk|instagram|youtube|tiktok|whatsapp).*|follow us.*|"
    r"join (?:us|our \w+) on .*|(?:tags|topics|keywords|теги|метки)\s*:.*|listen to (?:this )?(?:article|story).*|reading time.*|\d+[- ]min(?:ute)?s?(?: read)?|"
    r"related topics|more on this story|top stories|most popular|trending(?: now)?|"
    r"share (?:this|on) .*|share this|share\s*[-:\u2013]\s*\w+|share via .*|copy link|media caption,? .*|adjust (?:the )?font size|font size|"
    r"(?:region|regions|theme|section|category|categories|rubric|country|countries)\s*:.*|"
    r"[+\-\u2212\u21ba\s]*\d{1,2}\s*px[+\-\u2212\u21ba\s]*|\d+ of \d+\s*\|.*|watch (?:the )?video\b.*|ads? by\b.*|"
    r"update|live updates?|breaking(?: news)?|"
    r"this article (?:is|was) (?:more than|over) .*old|"
    r"реклама|подпишитесь.*|читайте нас в .*)\W*$",
    re.I,
)
_CREDITS = re.compile(
    r"^\(?(?i:(?:additional )?(?:reporting|writing|editing|compiled|translated|produced|research)(?: by)?)\s+"
    r"(?:by\s+)?[A-Z]",
)
_BREADCRUMB = re.compile(r"^\S.{0,80}(?:\s[>/|\u00bb\u203a\u2192]\s.{1,60}){1,}$")
_CAPTION_START = re.compile(
    r"^(?:photo|photos|photograph|image|images|picture|illustration|video|credit|credits|source of the photo|"
    r"image caption|image source|photo credit|"
    r"фото|фотография|иллюстрация|видео|foto|bild)\b\s*(?:by\b|:|,|\u00a9|/|-|\u2014)|^(?:courtesy of|credit)\b",
    re.I,
)
_COPYRIGHT = re.compile(r"\u00a9|\(c\)\s|copyright\b|all rights reserved", re.I)
_CREDIT_WORDS = re.compile(
    r"\b(?:getty\s*images|gettyimages|shutterstock|reuters|associated press|ap photo|afp|epa|"
    r"global look press|globallookpress|sputnik|tass|ria novosti|ria news|anadolu|pool|stock photo)\b",
    re.I,
)
_DOMAIN_ONLY = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z\u0430-\u044f]{2,}(?:/\S*)?$", re.I)
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+|\b)\d[\d\s().\-]{7,}\d")
_SEPARATOR = re.compile(r"^[\s_\-=*~\u2022\u00b7.\u2014\u2013#]{3,}$")
_CONTACT_WORDS = re.compile(
    r"\b(?:press secretary|press service|press office|press contact|media contact|spokesperson|"
    r"contacts?|tel|fax|phone|e-?mail|address|пресс-секретарь|пресс-служба|тел|факс)\b",
    re.I,
)
_BYLINE = re.compile(
    r"^(?i:by|author|authors|text|written by|reporting by|editing by|original author|posted by|story by|"
    r"автор|текст|auteur|autor)\s*:?\s+"
    r"(?:[A-Z\u0410-\u042f][\w.'\u2019-]*\s*){1,4}(?:(?:and|,|&)\s*(?:[A-Z\u0410-\u042f][\w.'\u2019-]*\s*){1,4})*"
    r"(?:\s*[-\u2013\u2014|,]\s*[A-Z][\w.'&\u2019 -]{1,40})?$",  # "- Associated Press", "- Research Assistant"
)
_RELATED_HEAD = re.compile(
    r"^(?:read also|also read|see also|related(?: news| articles| stories)?|more on (?:this|the) (?:topic|subject)|"
    r"recommended|you may also like|more from [\w\s]+|most read|popular|latest news|latest|more stories|read next|"
    r"more news|other news|читайте также|по теме|смотрите также|"
    r"lire aussi|lesen sie auch|mehr zum thema|lea también)\s*:?$",
    re.I,
)
_RELATED_INLINE = re.compile(r"^(?:read also|also read|see also|read more|more|related|читайте также)\s*:\s*\S", re.I)

# Attribution lines whose source becomes derived_from.
_ATTRIBUTION = [
    re.compile(r"^(?:based on|with|using)\s+(?:the\s+)?materials?\s+(?:from|of|by)\s+(?P<src>.+?)\.?$", re.I),
    re.compile(
        r"^(?:source|original source|источник|quelle|fuente)\s*:\s*(?P<src>(?:\S+\s*){1,5}?)\.?$", re.I
    ),
    re.compile(
        r"^read (?:more|the full (?:story|article|interview|text)|the original)\s+(?:in|on|at)\s+(?P<src>[^:]+?)"
        r"\s*(?::\s*\S.*)?$",
        re.I,
    ),
    re.compile(
        r"^(?:this (?:article|story|report|piece|material|interview) (?:was|is|has been) )?"
        r"(?:originally|first)\s+(?:published|posted|appeared)\s+(?:in|by|on|at)\s+(?P<src>.+?)\.?$",
        re.I,
    ),
    re.compile(r"^(?P<src>[\w.&' -]{2,40}?)\s+contributed (?:to )?(?:this|reporting|to the) ?(?:report|story|article)?\.?$", re.I),
    re.compile(r"^(?:reprinted|republished|adapted)\s+(?:from|with permission (?:from|of))\s+(?P<src>.+?)\.?$", re.I),
    re.compile(r"^(?:по материалам|с использованием материалов)\s+(?P<src>.+?)\.?$", re.I),
    re.compile(r"^(?:(?:agencies|wires|staff|news desk)\s+)?via\s+(?P<src>[A-Z][\w.&' -]{1,40}?)\.?$", re.I),
]
# A caption ending in a bracketed credit: "... Feb 6, 2023. (Str/Xinhua)", "... [Photo/Agencies]".
_CAPTION_END = re.compile(
    r"(?:\[(?i:photo|image|file|video|pic)[^\[\]]{0,40}\]"
    r"|\((?i:(?:file )?(?:photo|image|picture|pic)s?(?: credit)?)\s*(?::|(?i:by))\s*[^()]{2,50}\)"  # "(Photo: AFP)"
    r"|(?:^|[.!?]\s+)\((?i:photo|image|file)?\s*[A-Z][\w .&'-]{0,30}/\s*[A-Z][\w .&'-]{0,30}\))$"
)
# A source credit line of its own at the foot of a story: "(Izvestia/RoZ)", "(Xinhua)".
# A caption ending in a credit after its last sentence: "... in two days. Photo courtesy X/Y".
_CAPTION_TRAIL = re.compile(r"[.!?]\s+(?:photo|image|picture)\s+(?:courtesy(?:\s+of)?|by|credit:?)\s+[^.]{2,60}$", re.I)
# ... or in a photographer/agency credit: "... Mandalay. Pics/AFP", "... 2025 \u2014Jane Roe/Wirenews via AP",
# "... (Jane Roe-Wirenews via AP)_11zon"
_CAPTION_VIA = re.compile(
    r"(?:[.!?]\s+\(?|\s[-\u2013\u2014]\s?)[A-Z][\w .&'\-]{0,40}?(?:/|\svia\s)[A-Z][\w .&'\-]{0,30}\)?(?:_\w+)?$"
)
_CREDIT_LINE = re.compile(r"^\((?P<src>[A-Z][\w.&' -]{1,30}?)(?:\s*/\s*[\w.&' -]{1,20})?\)$")
_SLUG = re.compile(r"^[\w]+(?:[-_][\w]+){3,}(?:\.\w{2,4})?$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

REASONS = {
    "separator": "separator line",
    "nav": "navigation link",
    "promo": "page furniture (advertising, sign-up, sharing, reading time)",
    "breadcrumb": "breadcrumb navigation",
    "caption": "photo caption or credit",
    "caption_list": "bullet list of caption, agency and credit",
    "contact": "contact block (phone, e-mail, press office)",
    "byline": "author byline",
    "related": "related-links list",
    "footer": "short line at the end of the page (republisher or site footer)",
    "repeated": "repeated on several pages of the corpus (site chrome)",
    "url": "bare link",
    "slug": "URL slug or file name",
}


@dataclass(slots=True)
class Classification:
    """Which lines are boilerplate (line index -> reason) and the sources named by attribution lines."""

    dropped: dict[int, str] = field(default_factory=dict)
    derived_from: list[str] = field(default_factory=list)
    outlet: str | None = None  # named by a copyright line at the foot of the page


def attribution_source(text: str) -> str | None:
    """The source named by an attribution line ("Based on materials from TASS" -> "TASS"), else None."""
    if len(text) > 200:
        return None
    for pattern in _ATTRIBUTION:
        m = pattern.match(text.strip())
        if m:
            src = _clean_source(m.group("src"))
            if src:
                return src
    return None


def _clean_source(src: str) -> str | None:
    src = src.strip().strip(".,;:").strip()
    src = re.sub(r"^(?:the|a)\s+", "", src, flags=re.I)
    if _URL.fullmatch(src) or _DOMAIN_ONLY.match(src):
        host = urlparse(src if "//" in src else f"//{src}").hostname or src
        return host.removeprefix("www.")
    src = _URL.sub("", src).strip(" .,;:")
    if not src or len(src.split()) > 8:
        return None
    return src


def _credit_like(text: str) -> bool:
    return bool(
        _CAPTION_START.match(text)
        or _COPYRIGHT.search(text)
        or (len(text.split()) <= 7 and " / " in text and _CREDIT_WORDS.search(text))  # "Getty Images / Sean Gallup"
        or _DOMAIN_ONLY.match(text)
        or (len(text.split()) <= 3 and _CREDIT_WORDS.search(text))
    )


def _contact_like(line: Line) -> bool:
    text = line.content
    if "@" in text and _EMAIL.fullmatch(text.strip(" ,;.")):
        return True
    if _PHONE.search(text):
        digits = sum(c.isdigit() for c in text)
        if digits >= 7 and digits >= 0.4 * len(re.sub(r"\s", "", text)) and not is_date_line(text):
            return True
    if line.words > 10 or line.terminal:
        return False
    return bool(_CONTACT_WORDS.search(text)) and bool(_EMAIL.search(text) or _PHONE.search(text))


def _short(line: Line, max_words: int = 12) -> bool:
    return line.words <= max_words and not line.terminal


def classify_lines(lines: list[Line], repeated: Iterable[str] = ()) -> Classification:
    """Label the boilerplate lines of one document.

    ``repeated`` holds line keys (``Line.key``) seen in several documents of the corpus.
    """
    repeated = frozenset(repeated)
    out = Classification()
    drop = out.dropped
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    if not content:
        return out

    for i in content:
        line = lines[i]
        text = line.content
        src = attribution_source(text)
        if src and line.words <= 25:
            drop[i] = f"attribution (derived from {src})"
            if src not in out.derived_from:
                out.derived_from.append(src)
        elif _SEPARATOR.match(line.text) or not any(c.isalnum() for c in line.text):
            drop[i] = REASONS["separator"]
        elif _short(line, 8) and _NAV.match(text):
            drop[i] = REASONS["nav"]
        elif line.words <= 15 and _PROMO.match(text):
            drop[i] = REASONS["promo"]
        elif _CREDITS.match(text) and (line.words <= 12 or (line.words <= 30 and ";" in text)):
            drop[i] = REASONS["byline"]
        elif _short(line, 16) and _BREADCRUMB.match(text) and i == content[0]:
            drop[i] = REASONS["breadcrumb"]
        elif _URL.fullmatch(text):
            drop[i] = REASONS["url"]
        elif _SLUG.match(text):
            drop[i] = REASONS["slug"]
        elif (
            line.words <= 60
            and (_CAPTION_END.search(text) or _CAPTION_TRAIL.search(text) or _CAPTION_VIA.search(text))
            and not _CREDIT_LINE.match(text)
        ):
            drop[i] = REASONS["caption"]
        elif line.words <= 16 and _credit_like(text) and not (line.terminal and line.words > 8):
            drop[i] = REASONS["caption"]
        elif _contact_like(line):
            drop[i] = REASONS["contact"]
        elif _BYLINE.match(text) and line.words <= 10:
            drop[i] = REASONS["byline"]
        elif _RELATED_INLINE.match(text) and line.words <= 25:
            drop[i] = REASONS["related"]

    _mark_bullet_groups(lines, content, drop)
    _mark_related_lists(lines, content, drop)
    _mark_contact_blocks(lines, content, drop)
    _mark_top_contact_block(lines, content, drop)
    if repeated:
        _mark_repeated(lines, content, drop, repeated)
    _mark_footer(lines, content, drop)
    _read_footer_credits(lines, content, out)
    _read_masthead(lines, content, out)
    return out


MASTHEAD_LINES = 4  # an outlet's name printed among the page's first lines
_SECTION_WORDS = frozenset(
    "the world latest top breaking local national international business sports sport politics economy more "
    "other related good fake daily weekly live all today's todays regional foreign".split()
)


def _read_masthead(lines: list[Line], content: list[int], out: Classification) -> None:
    """A line that is only a news medium's name near the top ("ABC News", "Reuters",
    "The Harbour Herald") is the outlet's masthead, not story text."""
    for i in content[:MASTHEAD_LINES]:
        line = lines[i]
        text = line.content.strip()
        if i in out.dropped or line.terminal or not 1 <= line.words <= 4 or line.bullet:
            continue
        words = text.split()
        named = all(w[:1].isupper() for w in words if w.lower() != "the")
        last = words[-1].lower().strip(".,")
        generic = all(w.lower() in _SECTION_WORDS for w in words[:-1])  # "World News", "Latest News"
        if named and (text.lower() in NEWS_AGENCIES or (len(words) >= 2 and _MEDIA_WORDS.fullmatch(last) and not generic)):
            out.dropped[i] = "outlet name (masthead)"
            out.outlet = out.outlet or re.sub(r"^the\s+", "", text, flags=re.I)
            return


def _read_footer_credits(lines: list[Line], content: list[int], out: Classification) -> None:
    """A source credit line ("(Izvestia/RoZ)") or a copyright line ("(c) 2022 Daily News") at the foot
    of the page: the first names the story's source, the second the outlet."""
    for i in content[-3:]:
        text = lines[i].content
        m = _CREDIT_LINE.match(text)
        if m and i in out.dropped and out.dropped[i] in (REASONS["footer"], REASONS["caption"]):
            src = m.group("src").strip()
            out.dropped[i] = f"attribution (derived from {src})"
            if src not in out.derived_from:
                out.derived_from.append(src)
        elif _COPYRIGHT.search(text) and _YEAR.search(text) and out.outlet is None:
            out.outlet = copyright_holder(text)


def copyright_holder(text: str) -> str | None:
    """The name in a copyright line ("\u00a9 2022 Daily News. All rights reserved." -> "Daily News")."""
    name = re.sub(r"\u00a9|\(c\)|copyright|all rights reserved\.?|\b(?:19|20)\d{2}\b|[-\u2013\u2014,]", " ", text, flags=re.I)
    name = re.sub(r"\s+", " ", name).strip(" .|")
    if not name or len(name.split()) > 5 or not name[0].isupper():
        return None
    return name


def _groups(lines: list[Line], content: list[int], predicate) -> list[list[int]]:
    """Runs of content lines (blank lines between them allowed) that all satisfy ``predicate``."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i in content:
        if predicate(lines[i]):
            current.append(i)
        else:
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _mark_bullet_groups(lines: list[Line], content: list[int], drop: dict[int, str]) -> None:
    """A run of short bullet items holding a credit (an agency, a (c), a domain) is a caption block."""
    for group in _groups(lines, content, lambda ln: ln.bullet and _short(ln, 14)):
        if any(_credit_like(lines[i].content) for i in group):
            for i in group:
                drop.setdefault(i, REASONS["caption_list"])


def _mark_related_lists(lines: list[Line], content: list[int], drop: dict[int, str]) -> None:
    """A "Read also:" heading and the short link lines (bullets or headline-shaped) that follow it."""
    for pos, i in enumerate(content):
        if not _RELATED_HEAD.match(lines[i].content):
            continue
        drop[i] = REASONS["related"]
        for j in content[pos + 1 :]:
            line = lines[j]
            if is_date_line(line.content):
                break
            if line.bullet and line.words <= 30 or (headline_shaped(line, 20) and not line.bullet):
                drop.setdefault(j, REASONS["related"])
            else:
                break


def _mark_contact_blocks(lines: list[Line], content: list[int], drop: dict[int, str]) -> None:
    """Short lines between a separator and a contact line belong to the contact block, and so
    does a short line naming a press office or contact right next to a phone or e-mail line."""
    contact = REASONS["contact"]
    for pos, i in enumerate(content):
        line = lines[i]
        if i in drop or not _short(line, 8) or not _CONTACT_WORDS.search(line.content):
            continue
        near = content[max(0, pos - 2) : pos] + content[pos + 1 : pos + 3]
        if any(drop.get(j) == contact for j in near):
            drop[i] = contact
    for pos, i in enumerate(content):
        if drop.get(i) != REASONS["contact"]:
            continue
        # extend backwards over short non-sentence lines up to a separator or dropped line
        back = pos - 1
        span = []
        while back >= 0 and _short(lines[content[back]], 10) and content[back] not in drop:
            span.append(content[back])
            back -= 1
        if back >= 0 and drop.get(content[back]) in (REASONS["separator"], REASONS["contact"]):
            for j in span:
                drop[j] = REASONS["contact"]


TOP_CONTACT_LINES = 15  # a contact block above the article: address, opening hours, phones


def _mark_top_contact_block(lines: list[Line], content: list[int], drop: dict[int, str]) -> None:
    """Address-like short lines (a digit, or ending in ":" or ",") before the last contact line
    of the page's top: "223927, City region," / "Opening hours:" / "+1 (555) 28-2-60"."""
    top = content[:TOP_CONTACT_LINES]
    body = next((pos for pos, i in enumerate(top) if lines[i].terminal and lines[i].words >= 8), len(top))
    last = max((pos for pos, i in enumerate(top[:body]) if drop.get(i) == REASONS["contact"]), default=None)
    if last is None:
        return  # no contact line above the article's first sentence
    for i in top[:last]:
        line = lines[i]
        text = line.content
        if i in drop or line.words > 6 or is_date_line(text):
            continue
        if any(c.isdigit() for c in text) or text.endswith((":", ",")):
            drop[i] = REASONS["contact"]


def _mark_repeated(lines: list[Line], content: list[int], drop: dict[int, str], repeated: frozenset[str]) -> None:
    first = next((i for i in content if i not in drop), content[0])
    for pos, i in enumerate(content):
        line = lines[i]
        if i in drop or i == first or line.key not in repeated or not _short(line, 12):
            continue
        if not line.bullet and not _standalone(lines, i):
            continue  # part of a hard-wrapped paragraph (reprints wrap alike), not a line of its own
        if line.words > 5 and headline_shaped(line):
            continue  # a reprinted headline or subheading, not site chrome
        if is_date_line(line.content):
            continue
        nxt = content[pos + 1] if pos + 1 < len(content) else None
        if nxt is not None and is_date_line(lines[nxt].content):
            continue  # a headline followed by its date (a reprinted story's title)
        drop[i] = REASONS["repeated"]


def _standalone(lines: list[Line], i: int) -> bool:
    """A line with blank lines (or the page edge) on both sides."""
    return (i == 0 or lines[i - 1].blank) and (i + 1 == len(lines) or lines[i + 1].blank)


def _mark_footer(lines: list[Line], content: list[int], drop: dict[int, str]) -> None:
    """Short non-sentence lines after the last sentence-like paragraph of the page."""
    tail: list[int] = []
    for i in reversed(content):
        line = lines[i]
        if i in drop:
            continue
        if _short(line, 10) and not is_date_line(line.content):
            tail.append(i)
            continue
        if not (line.terminal and line.words >= 6):
            return  # no sentence before the short lines: not a footer, leave it to the story splitter
        break
    else:
        return  # the whole page is short lines
    for i in tail:
        drop[i] = REASONS["footer"]


# --- credits inside the lead sentence --------------------------------------------------------

# A few well-known news agencies: "according to X" credits the whole story only for these
# (or a name that says it is an agency); "according to the ministry" is a fact's source.
NEWS_AGENCIES = frozenset(
    "tass|itar-tass|ria|ria novosti|interfax|reuters|ap|associated press|afp|agence france-presse|xinhua|sputnik|"
    "belta|kazinform|akipress|armenpress|azertac|apa|trend|anadolu|irna|kyodo|yonhap|ani|pti|uni|efe|ansa|dpa|"
    "bloomberg|ukrinform|unian|bta|mena|wafa|petra|kuna|spa|wam|qna|bernama|antara|cna|tasnim|mehr|isna".split("|")
)
_AGENCY_WORDS = re.compile(r"\b(?:news agency|agency|news service|press service|newswire|wire service)\b", re.I)
# Words that make "the X" a news medium rather than an institution ("the Kremlin reported").
_MEDIA_WORDS = re.compile(
    r"\b(?:times|post|guardian|news|herald|journal|gazette|telegraph|tribune|daily|radio|tv|television|"
    r"broadcasting|broadcaster|press|independent|observer|mirror|express|chronicle|economist|newspaper|"
    r"magazine|agency|wire|network|channel)\b",
    re.I,
)
_LEAD_NAME = r"(?P<src>(?:the\s+)?[A-Z\u0410-\u042f][\w.&'\u2019-]*(?:[\s-][A-Z\u0410-\u042f][\w.&'\u2019-]*){0,3})"
# "... reported Tuesday.", "... reports on Monday evening."
_WHEN = (
    r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"tonight|earlier|later|last\s+\w+|this\s+\w+)(?:\s+(?:morning|afternoon|evening|night))?)?"
)
_LEAD_CREDITS = [
    # "..., reports TASS." / "..., reported Interfax citing the ministry."
    re.compile(
        rf",?\s+(?:reports|reported|informs|writes|wrote)\s+{_LEAD_NAME}(?i:{_WHEN})"
        rf"(?:\s+(?:citing|with reference to)\s+[^.]{{2,80}})?\.$"
    ),
    # "..., TASS reports." / "..., Trend reports citing the press service."
    re.compile(rf",\s+{_LEAD_NAME}\s+(?:reports|reported|informs|writes|wrote)(?i:{_WHEN})(?:\s+(?:citing|with reference to)\s+[^.]{{2,80}})?\.$"),
    # "This was reported on Thursday by BelTA." / "This was reported on Thursday, November 23 BelTA."
    # (case-insensitive only in its first words: the source must be a capitalised name, so
    # "This is reported on the Kremlin's website." names no source)
    re.compile(rf"^(?i:this|that|it)\s+(?i:was|has been|is)\s+reported\b[^.]{{0,60}}?\s(?:by\s+)?{_LEAD_NAME}\.$"),
    # "..., BelTA has learned." / "..., BelTA learned from the press service."
    re.compile(rf",\s+{_LEAD_NAME}\s+(?:has\s+)?learned(?:\s+from\s+[^.]{{2,80}})?\.$"),
    # "..., according to news.example." (a site's domain)
    re.compile(r",\s+according to\s+(?P<src>[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6})\.$"),
    # "..., according to TASS." (an agency only: see NEWS_AGENCIES)
    re.compile(rf",\s+according to\s+{_LEAD_NAME}(?:\s+(?:news\s+)?agency)?\.$"),
    # "..., Reuters noted." / "..., AFP quoted the ministry as stating on Monday." (an agency only)
    re.compile(
        rf",\s+{_LEAD_NAME}\s+(?:noted|added|said|wrote|stated|quoted\s+[^.]{{2,80}}?\s+as\s+(?:saying|stating)\b[^.]{{0,40}})\.$"
    ),
]
_AGENCY_ONLY = frozenset({len(_LEAD_CREDITS) - 2, len(_LEAD_CREDITS) - 1})  # the two shapes above
# The story's last words crediting its source: "... areas. - Bloomberg", "\u2014 Wirenews"
_TRAILING_CREDIT = re.compile(rf"(?:^|[.!?\"\u201d\u00bb]\s+)[-\u2013\u2014]\s*{_LEAD_NAME}\.?$")
SHORT_CREDIT_WORDS = 8  # a last sentence this short may credit the whole story ("TASS reported.")


def trailing_credit(sentence: str) -> str | None:
    """The source named at the very end of a story ("... areas. - Bloomberg" -> "Bloomberg"), else None.

    A last sentence in a lead-credit shape counts when it is short ("Wirenews reported.") or in
    the present tense ("..., Wirenews reports."); "..., reported Wirenews." credits one fact."""
    m = _TRAILING_CREDIT.search(sentence.strip())
    if m:
        src = m.group("src").strip()
        return src if src.lower() not in _NOT_SOURCES else None
    m = _SHORT_CREDIT.match(sentence.strip())
    if m and m.group("src").lower() not in _NOT_SOURCES:
        return m.group("src")  # "Wirenews reported."
    src = lead_credit(sentence)
    if src and (len(sentence.split()) <= SHORT_CREDIT_WORDS or _PRESENT_CREDIT.search(sentence)):
        return src  # "..., Wirenews reports." credits the story; "..., reported Wirenews." one fact
    return None


_PRESENT_CREDIT = re.compile(r"\b(?:reports|informs|writes)\b")
_SHORT_CREDIT = re.compile(rf"^{_LEAD_NAME}\s+(?:reports|reported|informs|writes|wrote)\.$")
_NOT_SOURCES = frozenset(
    "he she it they we i you this that officials media sources reporters the he said police authorities "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier later "
    "january february march april may june july august september october november december".split()
)


def lead_credit(sentence: str) -> str | None:
    """The agency a story's first sentence credits ("..., reports TASS." -> "TASS"), else None.

    "according to X" counts only when X is a news agency; the other shapes take any
    capitalised name of one to four words.  Use it on the first (or last) sentence of a story:
    the same words in the middle of a story credit one fact, not the story.
    """
    text = sentence.strip()
    if len(text) > 600:
        return None
    for n, pattern in enumerate(_LEAD_CREDITS):
        m = pattern.search(text)
        if not m:
            continue
        raw = m.group("src").strip()
        src = re.sub(r"^the\s+", "", raw, flags=re.I).rstrip(".")
        if raw.lower().startswith("the ") and src.lower() not in NEWS_AGENCIES and not _MEDIA_WORDS.search(src):
            continue  # "the Kremlin reported": an institution, not a news source
        if not src or src.lower() in _NOT_SOURCES or src.split()[0].lower() in _NOT_SOURCES:
            continue
        if n in _AGENCY_ONLY and src.lower() not in NEWS_AGENCIES and not _AGENCY_WORDS.search(src):
            continue
        return src
    return None
