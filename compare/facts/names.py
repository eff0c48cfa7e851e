"""One person's surname spelled differently by different accounts of an event ("Miran" / "Milan").

Every account's person names are read from its sentences: a capitalised word after a first name or
a title ("Stephen Miran", "Governor Miran") is a known surname; any other capitalised word may be a
surname written alone ("Milan voted against the cut").  Two spellings one letter apart, each used
by different accounts and never both by one account, are one person's name spelled two ways when
the sentences that carry them say something in common (the person's role: "dissent", "vote").
Transliteration variants ("Shoigu" / "Shoygu", "b" / "v", a doubled letter, a vowel of the last syllable:
"Ahmad" / "Ahmed", "Hussein" / "Hussain") are not reported, and neither is a final "s" ("Democrat" /
"Democrats"); a vowel changed earlier in the name ("Ventura" / "Vantura") still is.  A finding is a ``warning``: a misspelling, or two people.
"""

from __future__ import annotations

import re
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
_VARIANT_PAIRS = frozenset(frozenset(p) for p in ("iy", "jy", "ie", "kc", "sz", "vw", "bv", "gy"))
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
    """Surnames one letter apart for what the accounts say of one person."""
    if len(view.stories) < 2:
        return []
    skip = _not_name_words()
    gaz = gazetteer()
    lower = {w for v in view.sentences.values() for w in re.findall(r"\b[a-z][a-z\-]+\b", v.text)}
    uses: dict[str, dict[str, list[SentenceView]]] = defaultdict(lambda: defaultdict(list))  # word -> story -> sentences
    context: dict[str, set[str]] = defaultdict(set)  # word -> content words around its mentions
    firsts: dict[str, set[str]] = defaultdict(set)  # word -> first names written before it
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
    out = []
    for x, y in combinations(sorted(uses), 2):
        if x[0] != y[0] or Levenshtein.distance(x.lower(), y.lower()) != 1 or not ({x, y} & known):
            continue
        if _variant(x.lower(), y.lower()) or {x, y} & places:
            continue  # a transliteration; a place spelled two ways (Baneshwar / Baneshwor) is no person's name
        if set(uses[x]) & set(uses[y]):
            continue  # one account names both: two people
        if firsts[x] and firsts[y] and not firsts[x] & firsts[y]:
            continue  # "Manik Saha" and "Ana Sara": two first names, two people
        shared = sorted(t for t in (context[x] & context[y]) - {x.lower(), y.lower(), "said", "say"}
                        if not t.isdigit() and len(t) > 3)
        if not shared:
            continue
        out.append(_finding(view, x, uses[x], y, uses[y], shared))
    return out


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
             shared: list[str]) -> Discrepancy:
    order = {sid: i for i, sid in enumerate(view.event.stories)}
    sx = sorted(ax, key=lambda s: order.get(s, 1 << 30))
    sy = sorted(ay, key=lambda s: order.get(s, 1 << 30))
    first_x, first_y = ax[sx[0]][0], ay[sy[0]][0]
    values = {**{view.name(s): x for s in sx}, **{view.name(s): y for s in sy}}
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
        grade_reason=("two names one letter apart, each used by different accounts and never both by one, in "
                      f"sentences that share what is said of the person ({', '.join(shared[:3])}): a misspelling, "
                      "or two people"),
        grade_basis="event",
    )
