"""Direct quotations of a story, with who said them and the reporting verb.

Quotation marks: curly (“ ”), guillemets (« »), German „ “, corner brackets (「 」『 』), straight ("),
nested one level (an inner title in quotes stays inside the outer quotation).  A quotation may run over
several sentences and paragraphs: it continues into the next paragraph when that
paragraph opens with a quotation mark (English style) or closes the open one first.

Speaker, in order of preference:
1. after the quotation: ``"...," Zas said`` / ``"...," said Zas`` / ``"...," he stressed``;
2. before it in the same sentence: ``Zas said: "..."`` / ``the Secretary General noted that ... "..."``;
3. an earlier sentence of the paragraph: ``According to the secretary-general, ... "..."``,
   ``"...," he said. - "..."``;
4. the quotation just before it when it carries on from the previous paragraph.
Pronouns (he, she, him ...) are resolved to the most recent person named as a speaker
in the story.  Quotations of fewer than four words (names, scare quotes) are not recorded.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from compare.model import Quote, Sentence

_VERB_FORMS = {
    "said": "said", "says": "said", "say": "said", "added": "added", "adds": "added",
    "stressed": "stressed", "stresses": "stressed", "emphasized": "emphasized", "emphasised": "emphasized",
    "emphasizes": "emphasized", "noted": "noted", "notes": "noted", "stated": "stated",
    "claimed": "claimed", "claims": "claimed", "explained": "explained", "explains": "explained",
    "told": "told", "tells": "told", "asked": "asked", "asks": "asked", "answered": "answered",
    "replied": "replied", "insisted": "insisted", "insists": "insisted", "admitted": "admitted",
    "admits": "admitted", "warned": "warned", "warns": "warned", "argued": "argued", "argues": "argued",
    "declared": "declared", "declares": "declared", "announced": "announced", "announces": "announced",
    "remarked": "remarked", "continued": "continued", "concluded": "concluded", "recalled": "recalled",
    "underlined": "underlined", "underscored": "underscored", "expressed": "expressed", "wrote": "wrote",
    "writes": "wrote", "tweeted": "tweeted", "commented": "commented", "confirmed": "confirmed",
    "acknowledged": "acknowledged", "suggested": "suggested", "assured": "assured", "urged": "urged",
    "informed": "informed", "summed up": "summed up", "sums up": "summed up", "believes": "believes", "pointed out": "pointed out", "points out": "pointed out",
    "indicated": "indicated", "mentioned": "mentioned", "observed": "observed", "specified": "specified",
    "clarified": "clarified", "reported": "reported", "promised": "promised", "denied": "denied",
    "alleged": "alleged", "complained": "complained", "demanded": "demanded", "predicted": "predicted",
}
_VERB = r"(?P<verb>" + "|".join(sorted((re.escape(v) for v in _VERB_FORMS), key=len, reverse=True)) + r")\b"
_FUNCTION_CAPS = (
    "I|It|Its|We|You|They|He|She|This|That|These|Those|There|Here|But|And|Or|So|Then|Now|When|What|Who|"
    "Where|Why|How|At|In|On|Of|For|From|To|With|By|As|If|After|Before|While|The|A|An|Our|My|His|Her|"
    "Their|Your|Also|Yes|No|According|Speaking|Asked"
)
_NAME_TOKEN = rf"(?!(?:{_FUNCTION_CAPS})\b)[A-Z\u0400-\u042f][\w'\u2019.\-]*"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|de|van|von|al|bin|da|di|la|le|el)){{0,4}}"
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Hh]im|[Hh]er|[Tt]hem"
_NP_STOP = (
    r"he|she|they|it|we|i|you|him|her|them|his|its|their|after|before|when|while|because|that|which|who|"
    r"from|in|on|at|to|with|for|by|as|is|was|were|are|has|had|have|and|or|but|said|says|a|an|this|these|those"
)
_NP_WORD = rf"(?!(?:{_NP_STOP})\b)[\w\-\u2019']+"
# "the diplomat", "the CSTO secretary-general", "the President of the Russian Federation"
_NP = rf"[Tt]he\s+(?:{_NP_WORD}\s+(?:of\s+(?:the\s+)?)?){{0,4}}{_NP_WORD}"
_SPEAKER = rf"(?P<speaker>{_PRONOUN}|{_NP}|{_NAME})"
_AFTER_SV = re.compile(rf"^[\s,.!?:;]*(?:[-\u2013\u2014]\s*)?{_SPEAKER}\s+(?:also\s+|then\s+|has\s+|had\s+)?{_VERB}")
_AFTER_VS = re.compile(rf"^[\s,.!?:;]*(?:[-\u2013\u2014]\s*)?{_VERB}\s+(?P<speaker>{_NP}|{_NAME})")
_SAYS = re.compile(rf"(?<![\w]){_SPEAKER}\s+(?:also\s+|then\s+|has\s+|had\s+|once\s+)?{_VERB}")
_BY = re.compile(
    r"\b(?:stated|said|expressed|noted|announced|reported|made|voiced)\s+by\s+"
    r"(?P<speaker>[^,.;:!?]{1,80}?)(?=\s+(?:on|at|in|during|after|before|to|when|while)\b|[,.;:!?]|$)"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?P<speaker>{_PRONOUN}|{_NP}|{_NAME}),")
_ROLE_WORDS = frozenset(
    """
    the a an of and deputy foreign minister ministry secretary general secretary-general president prime
    vice chairman chairwoman chair head director spokesman spokeswoman spokesperson official representative
    ambassador governor mayor senator general colonel major lieutenant commander chief press department
    state us u.s. russian american ukrainian european said mr mrs ms dr
    """.split()
)
_OPENERS = "\u201c\u00ab\u201e\u300c\u300e"  # “ « „ 「 『
_CLOSERS = "\u201d\u00bb\u300d\u300f"  # ” » 」 』
_MIN_WORDS = 4
_CUE = re.compile(r"\b(?:" + "|".join(sorted(_VERB_FORMS, key=len, reverse=True)) + r"|according to|as)\b", re.I)
_MARKS = re.compile('["\u201c\u201d\u00ab\u00bb\u201e\u300c\u300d\u300e\u300f]')


_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _word_count(text: str) -> int:
    """Words of a quotation; Chinese, written without spaces, counts a word per two characters."""
    return len(text.split()) + len(_HAN_CHAR.findall(text)) // 2


def _person_name(speaker: str) -> str | None:
    """The personal name at the end of a speaker phrase ("CSTO Secretary General Stanislav Zas" -> "Stanislav Zas")."""
    tokens = speaker.split()
    name: list[str] = []
    for tok in reversed(tokens):
        bare = tok.strip(",.")
        if not bare[:1].isupper() or bare.lower() in _ROLE_WORDS or (bare.isupper() and len(bare) > 1):
            break
        name.append(bare)
    rest = tokens[: len(tokens) - len(name)]
    if name and rest and rest[-1].lower() in ("of", "the", "in", "for", "from", "at", "to"):
        return None  # "the Ministry of Defence": an office, not a name
    if name and rest and rest[0].lower() == "the" and "of" in (t.lower() for t in rest) and not rest[-1].endswith(","):
        return None  # "the President of the Russian Federation"
    return " ".join(reversed(name)) or None


def _is_pronoun(speaker: str) -> bool:
    return speaker.lower() in {"he", "she", "they", "him", "her", "them"}


def _mark_kind(text: str, pos: int, ps: int, pe: int, depth: int, innermost: str = "") -> str | None:
    """"open", "close" or None for the character at ``pos`` of paragraph ``text[ps:pe]``
    (``innermost``: the opening mark of the innermost quotation in progress)."""
    ch = text[pos]
    if ch == "\u201c" and innermost == "\u201e":
        return "close"  # German and Russian inner quotes: „so“
    if ch == '"':
        prev = text[pos - 1] if pos > ps else " "
        nxt = text[pos + 1] if pos + 1 < pe else " "
        if (prev.isspace() or prev in "([{\u2014\u2013-:/") and not nxt.isspace():
            return "open"
        if not prev.isspace():
            return "close"
        return "close" if depth else "open"
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        return "close"
    return None


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Top-level quotation spans (opening mark to closing mark inclusive) over the paragraphs."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None  # start of the top-level quotation in progress
    depth = 0
    openers: list[str] = []  # the opening marks of the quotations in progress, innermost last
    for n, (ps, pe) in enumerate(paragraphs):
        continuing = open_at is not None
        for mark in _MARKS.finditer(text, ps, pe):
            pos = mark.start()
            kind = _mark_kind(text, pos, ps, pe, depth, openers[-1] if openers else "")
            if kind is None:
                continue
            if kind == "open":
                if continuing and depth == 1 and pos - ps <= 2:
                    continuing = False  # the usual re-opening mark of a quotation's next paragraph
                    continue
                continuing = False
                if depth == 0:
                    open_at = pos
                depth += 1
                openers.append(text[pos])
            else:
                continuing = False
                if depth == 0:
                    continue
                depth -= 1
                del openers[depth:]
                if depth == 0 and open_at is not None:
                    spans.append((open_at, pos + 1))
                    open_at = None
        if depth and open_at is not None:
            if _carries_on(text, paragraphs[n + 1 :]):
                depth = 1
                del openers[1:]
            else:
                spans.append((open_at, pe))
                open_at, depth = None, 0
                openers.clear()
    return spans


def _carries_on(text: str, following: list[tuple[int, int]], lookahead: int = 6) -> bool:
    """An open quotation goes on: the next paragraph re-opens it (English style), or a closing
    mark comes, within a few paragraphs, before any new opening mark."""
    for k, (ps, pe) in enumerate(following[:lookahead]):
        for mark in _MARKS.finditer(text, ps, pe):
            pos = mark.start()
            kind = _mark_kind(text, pos, ps, pe, 1)
            if kind == "close":
                return True
            if kind == "open":
                return k == 0 and not text[ps:pos].strip("-\u2013\u2014 ")
    return False


class _StoryIndex:
    """Sentences and paragraphs of a story, looked up by offset with bisection."""

    def __init__(self, sentences: list[Sentence], paragraphs: list[tuple[int, int]]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.ends = [s.end for s in sentences]
        self.paragraphs = paragraphs
        self.para_starts = [a for a, _ in paragraphs]

    def covering(self, start: int, end: int) -> list[Sentence]:
        """Sentences overlapping [start, end)."""
        return self.sentences[bisect_right(self.ends, start) : bisect_left(self.starts, end)]

    def sentence_at(self, pos: int) -> Sentence | None:
        k = bisect_right(self.starts, pos) - 1
        return self.sentences[k] if k >= 0 and pos < self.sentences[k].end else None

    def paragraph_at(self, pos: int, *, closing: bool = False) -> tuple[int, int] | None:
        """The paragraph holding offset ``pos`` (with ``closing``, the one ending at or after it)."""
        k = bisect_right(self.para_starts, pos - 1 if closing else pos) - 1
        if k < 0:
            return None
        a, b = self.paragraphs[k]
        return (a, b) if (a < pos <= b if closing else a <= pos < b) else None

    def between(self, start: int, end: int) -> list[Sentence]:
        """Sentences lying wholly inside [start, end)."""
        return self.sentences[bisect_left(self.starts, start) : bisect_right(self.ends, end)]


def find_quotes(text: str, paragraphs: list[tuple[int, int]], sentences: list[Sentence]) -> list[Quote]:
    """Quotations of one story; ``sentences`` are the story's sentences (offsets into ``text``)."""
    if not any(_MARKS.search(text, a, b) for a, b in paragraphs):
        return []
    spans = quote_spans(text, paragraphs)
    body = [s for s in sentences if s.role == "body"]
    index = _StoryIndex(body, paragraphs)
    quotes: list[Quote] = []
    named: list[tuple[int, str]] = []  # (offset, name) of speakers named in quotations' attributions
    mentions: list[tuple[int, str]] | None = None  # every "NAME said" of the story, found when first needed
    titled: list[tuple[int, frozenset[str], str]] | None = None  # people named with their title
    prev_quote: Quote | None = None
    prev_end = -1
    for qs, qe in spans:
        closed = text[qe - 1] in _CLOSERS + '"' or (text[qs] == "\u201e" and text[qe - 1] == "\u201c")
        inner = text[qs + 1 : qe - 1] if closed else text[qs + 1 : qe]
        covered = [s.index for s in index.covering(qs, qe)]
        if _word_count(inner) < _MIN_WORDS or not covered:
            continue
        speaker, verb = _attribute(text, qs, qe, index)
        if speaker is None and _is_name_or_title(inner):
            continue  # "Collective Security in a New Era: CSTO Experience and Prospects"
        if speaker is None and prev_quote is not None and _same_run(text, prev_end, qs):
            speaker, verb = prev_quote.speaker, prev_quote.verb
        elif speaker is not None:
            name = _person_name(speaker)
            if _is_pronoun(speaker) or speaker.lower().startswith("him"):
                if mentions is None:
                    mentions = _speaker_mentions(text, body)
                speaker = _only_antecedent(text, index, qs, sorted(mentions + named))
            elif name:
                speaker = name
                named.append((qs, name))
            elif speaker.lower().startswith("the "):
                if titled is None:
                    titled = _titled_people(text, body)
                speaker = _resolve_role(speaker, titled, qs) or speaker
        quote = Quote(inner.strip(), qs, qe, covered, speaker, verb)
        quotes.append(quote)
        prev_quote, prev_end = quote, qe
    return quotes


_TITLE_WORDS = frozenset(
    """
    secretary general deputy foreign defence defense interior minister ministry president prime vice chairman
    chairwoman chair head director spokesman spokeswoman spokesperson representative ambassador governor mayor
    senator colonel major lieutenant commander chief envoy diplomat official adviser advisor prosecutor judge
    leader premier chancellor king queen prince press speaker
    """.split()
)
_NAME_RUN = re.compile(_NAME)


def _title_words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s\-]+", phrase.lower()) if w in _TITLE_WORDS)


def _titled_people(text: str, sentences: list[Sentence]) -> list[tuple[int, frozenset[str], str]]:
    """(offset, title words, name) for every person named with a title: "CSTO Secretary General
    Stanislav Zas", "Secretary-General of CSTO Stanislav Zas", "Deputy Foreign Minister Alexander Pankin"."""
    out = []
    for s in sentences:
        for m in _NAME_RUN.finditer(text, s.start, s.end):
            name = _person_name(m.group())
            if not name or len(name) < 3:
                continue
            # the title stands right before the name: capitalised words, "of", "the" ("Secretary-General of CSTO")
            stretch: list[str] = []
            for token in reversed(text[s.start : m.start()].split()[-5:]):
                if not (token[:1].isupper() or token in ("of", "the")):
                    break
                stretch.append(token)
            words = _title_words(" ".join([*reversed(stretch), m.group()]))
            if words:
                out.append((m.start(), words, name))
    return out


def _resolve_role(phrase: str, titled: list[tuple[int, frozenset[str], str]], pos: int) -> str | None:
    """The person last named before ``pos`` with every title word of "the <title>" phrase."""
    wanted = _title_words(phrase)
    if not wanted:
        return None
    for offset, words, name in reversed(titled):
        if offset < pos and wanted <= words:
            return name
    return None


# Words of an organisation's or place's name, never of a person's: "Collective Security Treaty Organization".
_INSTITUTION_WORDS = frozenset(
    """organization organisation treaty security council committee union alliance ministry department agency
    office court party association federation institute university academy center centre foundation
    bank fund group company corporation news times post press airlines airport county city state states
    republic kingdom nations national international federal river island islands street hospital school
    army navy force forces police service services commission assembly parliament senate congress house""".split()
)


def _only_antecedent(text: str, index: _StoryIndex, pos: int, mentions: list[tuple[int, str]]) -> str | None:
    """The person a pronoun at ``pos`` stands for, when exactly one person is named from the
    previous paragraph up to it (a speaker of that stretch, or any full name), or, when nobody is
    named there, when the story's speakers so far are one person; else None."""
    k = bisect_right(index.para_starts, pos) - 1
    lo = index.paragraphs[max(0, k - 1)][0] if k >= 0 else max(0, pos - 400)
    people = {name for offset, name in mentions if lo <= offset < pos}
    for sentence in index.between(lo, pos + 1) or index.covering(lo, pos):
        for m in _NAME_RUN.finditer(text, sentence.start, min(sentence.end, pos)):
            name = _person_name(m.group())
            if name and len(name.split()) >= 2 and not _INSTITUTION_WORDS & set(name.lower().split()):
                people.add(name)
    if not people:  # nobody named close by: the story's speakers so far, when they are one person
        people = {name for offset, name in mentions if offset < pos}
    surnames = {p.split()[-1] for p in people}
    if len(surnames) != 1:
        return None
    return max(people, key=len)


def _last_before(mentions: list[tuple[int, str]], pos: int) -> str | None:
    """The name of the last mention before offset ``pos`` (``mentions`` sorted by offset)."""
    k = bisect_left(mentions, (pos, ""))
    return mentions[k - 1][1] if k else None


def _is_name_or_title(inner: str) -> bool:
    """Quoted words that name something (an event, a book, a motto in Title Case), not speech."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", inner)
    if not words or re.search(r"[.!?]\W*$", inner.strip()):
        return False
    capitalised = sum(w[0].isupper() for w in words if len(w) > 3)
    return capitalised >= 0.6 * max(1, sum(len(w) > 3 for w in words))


def _speaker_mentions(text: str, sentences: list[Sentence]) -> list[tuple[int, str]]:
    """(offset, person name) for every "NAME said" / "According to NAME" in the story."""
    out = []
    for s in sentences:
        for cue in _CUE.finditer(text, s.start, s.end):
            # the speaker phrase ends at the verb ("Zas said") or follows the cue ("according to Zas")
            lo = max(s.start, cue.start() - 90)
            window = text[lo : min(s.end, cue.end() + 90)]
            for pattern in (_SAYS, _ACCORDING, _BY):
                for m in pattern.finditer(window):
                    name = _person_name(m.group("speaker"))
                    if name and not _is_pronoun(m.group("speaker")):
                        out.append((lo + m.start(), name))
    return sorted(set(out))


def _same_run(text: str, prev_end: int, start: int) -> bool:
    """Only attribution-free text (a dash, "he said.") between two quotations of one speaker."""
    between = text[prev_end:start]
    return len(between) < 80 and "\n\n\n" not in between


def _attribute(text: str, qs: int, qe: int, index: _StoryIndex) -> tuple[str | None, str | None]:
    para = index.paragraph_at(qs) or (qs, qe)
    # the attribution may follow in the same sentence or, after ". -", start the next one
    end_para = index.paragraph_at(qe, closing=True) or para
    after = text[qe : min(qe + 120, end_para[1])]
    for pattern in (_AFTER_SV, _AFTER_VS):
        m = pattern.match(after)
        if m:
            return m.group("speaker"), _VERB_FORMS[m.group("verb")]
    start_sentence = index.sentence_at(qs)
    before = text[start_sentence.start if start_sentence else para[0] : qs]
    found = _last_attribution(before)
    if found:
        return found
    # earlier sentences of the same paragraph, nearest first
    earlier = [s for s in index.between(para[0], qs) if s is not start_sentence]
    for s in reversed(earlier):
        found = _last_attribution(text[s.start : s.end])
        if found:
            return found
    return None, None


def _last_attribution(chunk: str) -> tuple[str, str | None] | None:
    best: tuple[int, str, str | None] | None = None
    for m in _SAYS.finditer(chunk):
        best = (m.start(), m.group("speaker"), _VERB_FORMS[m.group("verb")])
    for m in _ACCORDING.finditer(chunk):
        if best is None or m.start() > best[0]:
            best = (m.start(), m.group("speaker"), "according to")
    return (best[1], best[2]) if best else None
