"""One person's surname spelled differently by different accounts of an event ("Miran" / "Milan").

Every account's person names are read from its sentences: a capitalised word after a first name or
a title ("Stephen Miran", "Governor Miran") is a known surname; any other capitalised word may be a
surname written alone ("Milan voted against the cut").  Two spellings one letter apart (two letters
when both come with the same first name: "Bobby Kotick" / "Bobby Kotika"), each used
by different accounts and never both by one account, are one person's name spelled two ways when
the sentences that carry them say something in common (the person's role: "dissent", "vote").
Transliteration variants ("Shoigu" / "Shoygu", "b" / "v", a doubled letter, a vowel of the last syllable:
"Ahmad" / "Ahmed", "Hussein" / "Hussain") are not reported, and neither is a final "s" ("Democrat" /
"Democrats"); a vowel changed earlier in the name ("Ventura" / "Vantura") still is.  A finding is a ``warning``: a misspelling, or two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from compare.facts.attribution import NOT_PERSON_WORDS
from compare.facts.common import discrepancy, quoted
from compare.facts.context import EventView, SentenceView
from compare.facts.entities import DOCUMENT_HEADS, NON_NAMES, ORG_WORDS, PRONOUNS
from compare.facts.lexicon import gazetteer, word_list
from compare.model import Discrepancy
from compare.textnorm import STOPWORDS, content_terms, fold

_WORD = re.compile(r"(?<![\w'\-])([A-Z][a-z][a-z\-]{2,})(?:['\u2019]s)?(?![\w\-'\u2019])")
# What is said of the person: the words this close to a mention of the name.
ROLE_WINDOW = 8
# Words before a place's name, never before a person's: "in Baneshwar", "New Baneshwor".
_PLACE_BEFORE = frozenset("in at near outside inside into across around through towards toward".split())
_PLACE_PREFIX = frozenset("new old north south east west upper lower port fort mount lake san santa st saint".split())
# Substitutions that transliterate one letter, not misspell it.
# "b"/"v" (Persian, Greek, Spanish: "Alishbandi" / "Alishvandi") and "g"/"y" (Greek gamma: "Kougias" /
# "Kouyias") are two romanisations of one letter too.
_VARIANT_PAIRS = frozenset(frozenset(p) for p in ("iy", "jy", "kc", "sz", "vw", "bv", "gy"))
_VOWELS = "aeiou"


# Last words of firms' names, never a person's: "Gordon Advisors", "Bain Capital".
_COMPANY_WORDS = frozenset(
    """advisors advisers partners associates consultants consulting capital ventures solutions systems
    industries enterprises technologies labs media holdings airlines airways motors foods brands""".split()
)


def _not_name_words() -> frozenset[str]:
    titles = {w.lower() for t in word_list("titles.txt") for w in t.split()}
    return frozenset(titles | ORG_WORDS | NON_NAMES | DOCUMENT_HEADS | PRONOUNS | STOPWORDS | _COMPANY_WORDS
                     | NOT_PERSON_WORDS)


def check_name_spellings(view: EventView) -> list[Discrepancy]:
    """Surnames one letter apart (two with the same first name) for what the accounts say of one person."""
    if len(view.stories) < 2:
        return []
    skip = _not_name_words()
    gaz = gazetteer()
    lower = {w for v in view.sentences.values() for w in re.findall(r"\b[a-z][a-z\-]+\b", v.text)}
    uses: dict[str, dict[str, list[SentenceView]]] = defaultdict(lambda: defaultdict(list))  # word -> story -> sentences
    context: dict[str, set[str]] = defaultdict(set)  # word -> content words around its mentions
    firsts: dict[str, set[str]] = defaultdict(set)  # word -> first names written before it
    written: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # word -> story -> first names
    known: set[str] = set()  # words seen after a first name or a title
    places: set[str] = set()  # words written where a place's name goes
    for story in view.stories:
        for sentence in view.story_sentences(story):
            text = sentence.text
            for m in _WORD.finditer(text):
                word = m.group(1)
                if (word.lower() in skip or word.lower() in lower or fold(word) in gaz
                        or _followed_by_institution(text, m.end(), skip)):
                    continue  # a common word ("Advisers", "firm" elsewhere), a place, an institution's name
                uses[word][story].append(sentence)
                before = text[: m.start()].split()[-ROLE_WINDOW:]
                after = text[m.end() :].split()[:ROLE_WINDOW]
                context[word].update(content_terms(" ".join([*before, *after])))
                prev = before[-1] if before else ""
                if _place_mention(text, m, prev):
                    places.add(word)
                    continue
                if re.fullmatch(r"[A-Z][a-z]+\.?", prev) and fold(prev.rstrip(".")) not in gaz:
                    known.add(word)
                    if prev.lower().rstrip(".") not in skip:
                        firsts[word].add(prev)
                        written[word][story].add(prev)
    out = []
    for x, y in combinations(sorted(uses), 2):
        if x[0] != y[0] or not ({x, y} & known):
            continue
        distance = Levenshtein.distance(x.lower(), y.lower())
        if distance == 2 and not (min(len(x), len(y)) >= 5 and firsts[x] & firsts[y]):
            continue  # two letters apart: one person's name only with the same first name ("Bobby Kotick" / "Kotika")
        if distance not in (1, 2):
            continue
        if _variant(x.lower(), y.lower()) or {x, y} & places:
            continue  # a transliteration; a place spelled two ways (Baneshwar / Baneshwor) is no person's name
        if set(uses[x]) & set(uses[y]):
            continue  # one account names both: two people
        if firsts[x] and firsts[y] and not _near_any(firsts[x], firsts[y]):
            continue  # "Manik Saha" and "Ana Sara": two first names, two people ("Nico" / "Niko" is one)
        shared = sorted(t for t in (context[x] & context[y]) - {x.lower(), y.lower(), "said", "say"}
                        if not t.isdigit() and len(t) > 3)
        if not shared:
            continue
        out.append(_finding(view, x, uses[x], y, uses[y], shared, written))
    return out


def _near_any(a: set[str], b: set[str]) -> bool:
    """Two sets of first names with one name in common, or written one letter apart ("Nico" / "Niko")."""
    return bool(a & b) or any(Levenshtein.distance(x.lower(), y.lower()) <= 1 for x in a for y in b)


def _as_written(word: str, story: str, written: dict[str, dict[str, set[str]]]) -> str:
    """The name as the account writes it: with its first name when it gives one only ("Nikos Alexiou")."""
    firsts = written.get(word, {}).get(story, set())
    return f"{next(iter(firsts))} {word}" if len(firsts) == 1 else word


def _place_mention(text: str, m: re.Match[str], prev: str) -> bool:
    """ "in Baneshwar", "New Baneshwor, Kathmandu": the word names a place here, not a person."""
    if m.group().endswith(("'s", "\u2019s")):
        return False  # "in Vance's view": a person's
    if prev.lower() in _PLACE_BEFORE or prev.lower().rstrip(".") in _PLACE_PREFIX:
        return True
    nxt = re.match(r",\s+([A-Z][\w\-]+)", text[m.end():])
    return bool(nxt and fold(nxt.group(1)) in gazetteer())


def _followed_by_institution(text: str, end: int, skip: frozenset[str]) -> bool:
    """ "Kerr County", "Milan Airport", "Mejlis (Parliament)": a word of a place's or an organisation's name."""
    nxt = re.match(r"\s+\(?([A-Z][\w\-]*)", text[end:])  # "Mejlis (Parliament)": a gloss of an institution
    return bool(nxt and nxt.group(1).lower() in skip)


def _variant(a: str, b: str) -> bool:
    """A final "s", a doubled letter or a transliterated letter: one name written two ways."""
    if a + "s" == b or b + "s" == a:
        return True
    if len(a) == len(b):
        diff = [(i, p, q) for i, (p, q) in enumerate(zip(a, b, strict=True)) if p != q]
        if len(diff) != 1:
            return False
        i, p, q = diff[0]
        return frozenset((p, q)) in _VARIANT_PAIRS or _last_syllable_vowel(a, i, q)
    short, long_ = sorted((a, b), key=len)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return i > 0 and long_[i] == long_[i - 1] or (i + 1 < len(long_) and long_[i] == long_[i + 1])
    return False


def _last_syllable_vowel(a: str, i: int, q: str) -> bool:
    """A vowel put for another in the name's last syllable: romanisations of one name differ there
    ("Ahmad" / "Ahmed", "Mohammad" / "Mohammed", "Hussein" / "Hussain"); no consonant-vowel after it."""
    return (a[i] in _VOWELS and q in _VOWELS and i > 0
            and not re.search(rf"[^{_VOWELS}y][{_VOWELS}y]", a[i + 1:]))


def _finding(view: EventView, x: str, ax: dict[str, list[SentenceView]], y: str, ay: dict[str, list[SentenceView]],
             shared: list[str], written: dict[str, dict[str, set[str]]]) -> Discrepancy:
    order = {sid: i for i, sid in enumerate(view.event.stories)}
    sx = sorted(ax, key=lambda s: order.get(s, 1 << 30))
    sy = sorted(ay, key=lambda s: order.get(s, 1 << 30))
    first_x, first_y = ax[sx[0]][0], ay[sy[0]][0]
    values = {**{view.name(s): _as_written(x, s, written) for s in sx},
              **{view.name(s): _as_written(y, s, written) for s in sy}}
    refs = [views[0].ref for views in ax.values()] + [views[0].ref for views in ay.values()]
    return discrepancy(
        "entity",
        "warning",
        f'name: {", ".join(view.name(s) for s in sx)} write "{x}" ({quoted(first_x.text, 90)}); '
        f'{", ".join(view.name(s) for s in sy)} write "{y}" ({quoted(first_y.text, 90)})',
        refs,
        None,
        kind="event_detail",
        detail="name",
        subject=f"the name {x} / {y}",
        values=values,
        outlets=sorted(values),
        role_words=shared[:5],
        grade_reason=(f"two names {'one letter' if Levenshtein.distance(x, y) == 1 else 'two letters'} apart, each used "
                      "by different accounts and never both by one, in "
                      f"sentences that share what is said of the person ({', '.join(shared[:3])}): a misspelling, "
                      "or two people"),
        grade_basis="event",
    )


# A run of capitalised words: a full name is two or three of them once titles are set aside.
_CAP_RUN = re.compile(r"(?<![\w'\-\u2019])(?:[A-Z][a-z][\w\-]*(?:['\u2019]s)?\s+){1,5}[A-Z][a-z][\w\-]*(?:['\u2019]s)?"
                      r"(?![\w\-])")


def _full_names(text: str, skip: frozenset[str]) -> list[tuple[str, str]]:
    """(first name, last name) of each full name the text writes ("Health Minister Hamad Hassan")."""
    out = []
    gaz = gazetteer()
    for m in _CAP_RUN.finditer(text):
        words = [re.sub(r"['\u2019]s$", "", w) for w in m.group().split()]
        cut = max((i for i, w in enumerate(words) if w.lower() in skip or fold(w) in gaz), default=-1)
        words = words[cut + 1:]  # the title ("Health Minister"), a sentence's first word, a country before the name
        if not 2 <= len(words) <= 3:
            continue
        if _followed_by_institution(text, m.end(), skip) or len(words[0]) < 3 or len(words[-1]) < 4:
            continue  # "Bain Capital", "Ana Li": a firm's name; too short to compare by letters
        out.append((words[0], words[-1]))
    return out


def check_full_names(view: EventView) -> list[Discrepancy]:
    """One person's full name written two ways by different accounts: first and last name swapped
    ("Hamad Hassan" / "Hassan Hamad"), or the first name one letter apart with the same surname
    ("Tigist Assefa" / "Tigst Assefa"); a headline's name counts apart from its own account's text
    (a headline's "Melvin Kiptum" over a text that says "Kelvin Kiptum")."""
    if len(view.stories) < 2:
        return []
    skip = _not_name_words()
    lower = {w for v in view.sentences.values() for w in re.findall(r"\b[a-z][a-z\-]+\b", v.text)}
    # full name -> story -> sentences (the story's headline apart: story + "#title")
    uses: dict[tuple[str, str], dict[str, list[SentenceView]]] = defaultdict(lambda: defaultdict(list))
    for story in view.stories:
        for sentence in view.story_sentences(story):
            where = story + "#title" if sentence.role == "title" else story
            for first, last in _full_names(sentence.text, skip):
                if first.lower() not in lower and last.lower() not in lower:
                    uses[(first, last)][where].append(sentence)
    out = []
    for a, b in combinations(sorted(uses), 2):
        if a == (b[1], b[0]):
            kind = "swapped"
        elif (a[1] == b[1] and Levenshtein.distance(_plain(a[0]), _plain(b[0])) == 1
              and not _variant(_plain(a[0]), _plain(b[0])) and min(len(a[0]), len(b[0])) >= 4
              and not _first_vowel_swapped(_plain(a[0]), _plain(b[0]))):
            kind = "first"
        else:
            continue
        side_a, side_b = _sides(uses[a], uses[b])
        if side_a and side_b:
            out.append(_full_name_finding(view, kind, a, side_a, b, side_b))
    return out + _one_word_off(view, skip)


def _one_word_off(view: EventView, skip: frozenset[str]) -> list[Discrepancy]:
    """A name of several words (a club's, a church's) with one word written otherwise by different
    accounts: "Persebaya Surabaya" / "Persiba Surabaya", "Zion Christian Church" / "Zionist Christian
    Church".  The two words share their first four letters and differ in three letters or more (closer
    spellings are the surname check's); the name's other words are the same, one of them no common word."""
    gaz = gazetteer()
    lower = {w for v in view.sentences.values() for w in re.findall(r"\b[a-z][a-z\-]+\b", v.text)}
    runs: dict[tuple[str, ...], dict[str, list[SentenceView]]] = defaultdict(lambda: defaultdict(list))
    places: set[tuple[str, ...]] = set()  # names written where a place's goes ("in Richmond Hill")
    for story in view.stories:
        for sentence in view.story_sentences(story):
            where = story + "#title" if sentence.role == "title" else story
            for m in _CAP_RUN.finditer(sentence.text):
                words = tuple(re.sub(r"['\u2019]s$", "", w) for w in m.group().split())
                if len(words) <= 5 and not re.search(r"-[a-z]", words[-1]):  # "Dimarco-who": a dash lost
                    runs[words][where].append(sentence)
                    before = sentence.text[: m.start()].split()[-1:]
                    if before and before[0].lower() in _PLACE_BEFORE:
                        places.add(words)
    out = []
    for a, b in combinations(sorted(runs), 2):
        n = min(len(a), len(b))
        ta, tb = a[-n:], b[-n:]  # "St Engenas Zion Christian Church": its last words against a shorter name
        longer_tail = ta if len(a) > len(b) else tb
        if n < 2 or ta == tb or (len(a) != len(b) and longer_tail in runs):
            continue  # the longer name's last words are written as a name of their own too: compared as that
        diff = [i for i in range(n) if ta[i] != tb[i]]
        if len(diff) != 1:
            continue
        wa, wb = _plain(ta[diff[0]]), _plain(tb[diff[0]])
        if n == 2 and diff[0] == 0 and (wa.startswith(wb) or wb.startswith(wa)):
            continue  # "Stan Perlo" / "Stanley Perlo": a first name and its short form
        rest = [w for i, w in enumerate(ta) if i != diff[0]]
        if (min(len(wa), len(wb)) < 4 or wa[:4] != wb[:4] or not 3 <= Levenshtein.distance(wa, wb) <= max(len(wa), len(wb)) // 2
                or {wa, wb} & skip or {wa, wb} & lower or _country(ta[diff[0]], gaz) or _country(tb[diff[0]], gaz)
                or not any(len(w) >= 4 and w.lower() not in skip and w.lower() not in lower for w in rest)
                or places & {ta, tb}):
            continue  # "Brazil" / "Brazilian Supreme Court"; "in Richmond Hill" / "S. Rich Hill": a place
        side_a, side_b = _sides(runs[a], runs[b])
        if side_a and side_b:
            out.append(_full_name_finding(view, "word", ta, side_a, tb, side_b))
    return out


def _country(word: str, gaz: dict) -> bool:
    """A country's name or its adjective ("Brazil", "Brazilian", "Lebanese")."""
    return fold(word) in gaz or word.lower().endswith(("ese", "ian", "ish")) or any(
        len(g) >= 4 and word.startswith(g) for g in gaz)


def _first_vowel_swapped(a: str, b: str) -> bool:
    """ "Elias" / "Ilias", "Ibrahim" / "Ebrahim": a first name's opening vowel is transliterated, not misspelt."""
    return a[0] != b[0] and a[0] in _VOWELS and b[0] in _VOWELS and a[1:] == b[1:]


def _plain(word: str) -> str:
    """The word lower-cased without accents: "Luís" is "luis"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)).lower()


def _sides(ua: dict[str, list[SentenceView]], ub: dict[str, list[SentenceView]]
           ) -> tuple[dict[str, SentenceView], dict[str, SentenceView]]:
    """story -> sentence for each spelling; an account whose text writes both names two people (none);
    a headline counts for its account only where the account's text does not write that name too."""
    body_a = {k for k in ua if not k.endswith("#title")}
    body_b = {k for k in ub if not k.endswith("#title")}
    if body_a & body_b:
        return {}, {}  # one account's text names both: two people
    side_a = {k: ua[k][0] for k in sorted(body_a)}
    side_b = {k: ub[k][0] for k in sorted(body_b)}
    for uses, side in ((ua, side_a), (ub, side_b)):
        for k in sorted(uses):
            story = k.removesuffix("#title")
            if k.endswith("#title") and story not in side:
                side[story] = uses[k][0]
    both = set(side_a) & set(side_b)
    for story in both:  # a headline against its own text: the headline's spelling is the account's slip
        if story + "#title" in ua:
            del side_b[story]
        else:
            del side_a[story]
    return side_a, side_b


def _full_name_finding(view: EventView, kind: str, a: tuple[str, ...], side_a: dict[str, SentenceView],
                       b: tuple[str, ...], side_b: dict[str, SentenceView]) -> Discrepancy:
    order = {sid: i for i, sid in enumerate(view.event.stories)}
    sa = sorted(side_a, key=lambda s: (order.get(s, 1 << 30), s))
    sb = sorted(side_b, key=lambda s: (order.get(s, 1 << 30), s))
    na, nb = " ".join(a), " ".join(b)
    values = {**{view.name(s): na for s in sa}, **{view.name(s): nb for s in sb}}
    reasons = {
        "swapped": "the same two names in the other order, each order used by different accounts: the first and "
                   "last name swapped, or a name written family name first",
        "first": f"the same surname with first names one letter apart ({a[0]} / {b[0]}), each used by different "
                 "accounts and never both in one account's text: a misspelling, or two people",
        "word": "a name of several words with one word written otherwise, each used by different accounts and never "
                "both in one account's text: a misnamed club, body or place, or two of them",
    }
    reason = reasons[kind]
    return discrepancy(
        "entity",
        "warning",
        f'name: {", ".join(view.name(s) for s in sa)} write "{na}" ({quoted(side_a[sa[0]].text, 90)}); '
        f'{", ".join(view.name(s) for s in sb)} write "{nb}" ({quoted(side_b[sb[0]].text, 90)})',
        [side_a[s].ref for s in sa] + [side_b[s].ref for s in sb],
        None,
        kind="event_detail",
        detail="name",
        subject=f"the name {na} / {nb}",
        values=values,
        outlets=sorted(values),
        grade_reason=reason,
        grade_basis="event",
    )
