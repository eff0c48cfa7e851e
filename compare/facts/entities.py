"""Names of people, organisations, places and documents, and their aliases within an event.

No NER model: a gazetteer (``compare/data/gazetteer.tsv``), runs of capitalised words,
titles and honorifics (``titles.txt``), acronyms defined in the text ("Collective Security
Treaty Organization (CSTO)") or formed from a name's initials, and a person's last name
standing for the full name once the full name has been seen in the event.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from compare.facts.common import CLOSE_SIMILARITY, diff_sides, discrepancy, side_pairs
from compare.facts.context import Side
from compare.facts.lexicon import gazetteer, gazetteer_regex, report_verbs, word_list
from compare.facts.places import NEAR_KM, apart, different_places, lies_in, towns
from compare.lang.names import alias_key
from compare.model import Claim, Discrepancy
from compare.textnorm import STOPWORDS, fold, stem

ORG_WORDS = frozenset(
    """organization organisation ministry council committee club center centre agency department
    party union alliance forces force group bank fund court parliament assembly duma service office
    commission institute university academy company corporation bureau army navy front movement
    association federation secretariat government administration cabinet directorate command
    headquarters staff news agency newspaper gazeta""".split()
)
DOCUMENT_HEADS = frozenset(
    """strategy treaty agreement charter convention concept doctrine declaration plan programme
    program resolution memorandum protocol law act accord statute constitution roadmap""".split()
)
# Capitalised words that do not occur in people's names.
NON_NAMES = frozenset(
    """republic kingdom federation state states north south east west eastern western northern
    southern central new great united national international security collective foreign defense
    defence deputy secretary minister president general monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december""".split()
)
# Lower-case words before a document noun that describe it rather than name it.
DESCRIBING_WORDS = frozenset(
    """new old landmark premier special key major main current previous draft final existing
    proposed controversial historic important little strict tough sweeping same similar first
    second third last next whole entire above""".split()
)
CONNECTORS = frozenset({"of", "for", "and", "the", "in", "on", "de", "von", "van", "al", "bin", "da"})
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "it", "we", "i", "you"})
_CAP_TOKEN = re.compile(r"[A-Z][\w'\-]*|[A-Z]{2,}")
_TOKEN = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*\.?|\S")


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    canonical: str
    kind: str  # country | org | place | person | document | name


def _titles() -> list[str]:
    return sorted(word_list("titles.txt"), key=lambda t: (-len(t), t))


_TITLE_RE: re.Pattern[str] | None = None


def title_regex() -> re.Pattern[str]:
    global _TITLE_RE
    if _TITLE_RE is None:
        _TITLE_RE = re.compile(
            r"(?<![\w\-])(?:" + "|".join(re.escape(t) for t in _titles()) + r")\.?(?![\w\-])", re.I
        )
    return _TITLE_RE


def capitalised_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words (connectors allowed inside), leading stop words dropped."""
    toks = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+(?:['\-][^\W_]+)*", text)]
    runs: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    for i, tok in enumerate(toks):
        word = tok[2]
        gap = text[cur[-1][1] : tok[0]] if cur else " "
        if cur and gap.strip() not in ("",):
            runs.append(cur)
            cur = []
        if word[0].isupper():
            cur.append(tok)
        elif (
            cur
            and word in CONNECTORS
            and i + 1 < len(toks)
            and toks[i + 1][2][0].isupper()
            and not text[tok[1] : toks[i + 1][0]].strip()
        ):
            cur.append(tok)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        while run and (run[0][2].lower() in STOPWORDS or run[0][2].lower() in CONNECTORS):
            run = run[1:]
        while run and run[-1][2] in CONNECTORS:
            run = run[:-1]
        if run:
            out.append((run[0][0], run[-1][1], text[run[0][0] : run[-1][1]]))
    return out


_SPEECH_AFTER = re.compile(r"^\s*(?:,\s*[^,]{1,50},\s*|,\s*)?(?:also\s+)?(\w+)")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|according to)\s*$", re.I)


def _speaks(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is someone speaking: "Dave Gaskin said", "said Gaskin",
    "Robert Pickell, the county sheriff, told reporters"."""
    if _SPEECH_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    m = _SPEECH_AFTER.match(text[end : end + 80])
    return bool(m and report_verbs().find(m.group(1)))


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


class EntityResolver:
    """Aliases of one event: acronyms, full and last names, titles and their holders."""

    def __init__(self, texts: list[str]):
        self.gaz = gazetteer()
        self.acronyms: dict[str, str] = {}
        self.people: dict[str, str] = {}  # last name / full name -> full name
        self.holders: dict[str, set[str]] = {}  # title (lower) -> full names
        for text in texts:
            self._learn(fold(text))
        self._mentions: dict[str, tuple[Mention, ...]] = {}  # text -> mentions (the aliases above are settled)

    def _learn(self, text: str) -> None:
        for m in re.finditer(r"([A-Z][\w\-]*(?:\s+(?:of|for|and|the|[A-Z][\w\-]*))+)\s*\(([A-Z]{2,}[\w]*)\)", text):
            full, acr = m.group(1).strip(), m.group(2)
            known = self.gaz.get(fold(full))
            self.acronyms[acr] = known.canonical if known else full
        for start, end, run in capitalised_runs(text):
            stripped = title_regex().sub(" ", run).split()
            if len(stripped) != len(run.split()):
                run = " ".join(stripped)  # "Ms Tamir" -> "Tamir", "Inspector Dave Gaskin" -> "Dave Gaskin"
            words = run.split()
            if (
                start > 0
                and 2 <= len(words) <= 3
                and _speaks(text, start, end)
                and all(re.fullmatch(r"[A-Z][a-z][\w'\-]*", w) for w in words)
                and not any(w.lower() in ORG_WORDS or w.lower() in DOCUMENT_HEADS or w.lower() in NON_NAMES for w in words)
                and not any(w in self.gaz or fold(w) in self.gaz for w in words)
                and run not in self.gaz
            ):
                self.people.setdefault(run, run)
                self.people.setdefault(words[-1], run)
        titles = title_regex()
        for t in titles.finditer(text):
            after = text[t.end() :]
            named = re.match(r"\s+((?:[A-Z][a-z][\w'\-]*\s+){1,2}[A-Z][a-z][\w'\-]*)", after)
            if not named:
                continue
            full = named.group(1)
            if any(w.lower() in ORG_WORDS for w in full.split()) or fold(full) in self.gaz:
                continue
            self.people[full] = full
            self.people.setdefault(full.split()[-1], full)
            self.holders.setdefault(t.group().rstrip(".").lower(), set()).add(full)

    def person(self, name: str | None) -> str | None:
        """Canonical full name of a speaker ("Zas", "Stanislav Zas", "the Secretary General").

        None when it cannot be told: a pronoun, or a title with no single known holder.
        """
        if not name:
            return None
        name = fold(name).strip()
        if name.lower() in PRONOUNS:
            return None
        if name in self.people:
            return self.people[name]
        if fold(name) in self.gaz or name in self.acronyms:
            return None  # a country, place or organisation "says": not a person to compare
        words = name.split()
        if any(w.lower().rstrip("s") in ORG_WORDS for w in words):
            return None  # an organisation speaks: "Office of Emergency Services", "the ministry"
        if len(words) >= 2 and words[0].lower() in ("the", "a", "an") and words[-1][:1].islower():
            # A description, not a name: "the Russian leader", "the post-Soviet bloc's chief",
            # "the number of people". Only a title with one known holder tells who it is.
            return self._only_holder(name.lower())
        bare = title_regex().sub(" ", name)
        bare = re.sub(r"\b(?:the|a|an|of|CSTO|[A-Z]{2,})\b", " ", bare)
        caps = re.findall(r"[A-Z][a-z][\w'\-]*", bare)
        if not caps:
            return self._only_holder(name.lower())
        for cand in (" ".join(caps[-3:]), " ".join(caps[-2:]), caps[-1]):
            if cand in self.people:
                return self.people[cand]
        return " ".join(caps[-2:]) if len(caps) >= 2 else caps[-1]

    def _only_holder(self, low: str) -> str | None:
        """The one known holder of the longest title named in ``low``, else None."""
        for title, holders in sorted(self.holders.items(), key=lambda kv: (-len(kv[0]), kv[0])):
            if len(holders) == 1 and re.search(rf"\b{re.escape(title)}\b", low):
                return next(iter(holders))
        return None

    def mentions(self, text: str) -> list[Mention]:
        """Entities named in ``text``, each with its canonical name and kind."""
        known = self._mentions.get(text)
        if known is None:
            known = self._mentions[text] = tuple(self._find_mentions(text))
        return list(known)

    def _find_mentions(self, text: str) -> list[Mention]:
        text = fold(text)
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for m in gazetteer_regex().finditer(text):
            entry = self.gaz[m.group()]
            out.append(Mention(m.group(), entry.canonical, entry.kind))
            taken.append((m.start(), m.end()))
        for start, end, run in capitalised_runs(text):
            if any(s <= start < e or s < end <= e for s, e in taken):
                continue
            out.append(self._classify(run, text, start))
        return out

    def known(self, m: Mention) -> bool:
        """Whether a mention is a gazetteer entry, a defined acronym or a person seen in the event."""
        return fold(m.text) in self.gaz or m.text in self.acronyms or m.text in self.people

    def _classify(self, run: str, text: str, start: int) -> Mention:
        if run in self.acronyms:
            canon = self.acronyms[run]
            entry = self.gaz.get(fold(canon))
            return Mention(run, canon, entry.kind if entry else "org")
        words = run.split()
        low = [w.lower() for w in words]
        if any(w in DOCUMENT_HEADS for w in low[-1:]):
            return Mention(run, run, "document")
        if any(w in ORG_WORDS for w in low):
            return Mention(run, run, "org")
        person = self.people.get(run) or self.people.get(words[-1]) if len(words) <= 3 else None
        if person:
            return Mention(run, person, "person")
        return Mention(run, run, "name")


def document_names(text: str) -> list[tuple[str, str, frozenset[str]]]:
    """Named documents: (phrase, head noun, stems of the words that name it).

    "the CSTO's development strategy through 2025" -> ("development strategy", "strategy",
    {"develop"}); organisation names and acronyms are left out of the naming words, so
    "CSTO Collective Security Strategy" names the strategy {"collect", "secur"}.
    """
    text = fold(text)
    gaz = gazetteer()
    out = []
    for m in re.finditer(r"[^\W_]+(?:['\-][^\W_]+)*", text):
        head = m.group().lower()
        if head not in DOCUMENT_HEADS:
            continue
        before = re.findall(r"[^\W_]+(?:['\-][^\W_]+)*", text[max(0, m.start() - 80) : m.start()])
        naming: list[str] = []
        for w in reversed(before[-4:]):
            lw = w.lower()
            if lw in STOPWORDS or lw.endswith("'s") or w in gaz or w.isdigit() or w.isupper():
                break
            if w.islower() and (lw in DESCRIBING_WORDS or lw.endswith(("ly", "ed")) or "-" in lw):
                break  # "the rarely used law", "a landmark law": a description, not a name
            naming.insert(0, w)
        phrase = " ".join([*naming, m.group()])
        out.append((phrase, head, frozenset(stem(w) for w in naming)))
    return out


SWAP_KINDS = ("person", "country", "org", "place")
# A swap is a short replacement in an otherwise matching sentence; longer replaced runs are
# rewording, where different names are a matter of what each account chose to say.
MAX_SWAP_WORDS = 5


def check_entities(claim: Claim, sides: list[Side], resolver: EntityResolver) -> list[Discrepancy]:
    """A document named differently (warning); a name swapped for another of its kind (error)."""
    out = []
    for a, b in side_pairs(sides):
        refs = [*a.refs, *b.refs]
        docs_a, docs_b = document_names(a.text), document_names(b.text)
        seen: set[tuple[str, str]] = set()
        for pa, head, na in docs_a:
            for pb, head_b, nb in docs_b:
                if head != head_b or not na or not nb or na <= nb or nb <= na or (pa, pb) in seen:
                    continue
                if not na & nb and _proper(pa) and _proper(pb):
                    continue  # "Congressional Review Act" / "Endangered Species Act": two named documents
                seen.add((pa, pb))
                out.append(
                    discrepancy(
                        "entity",
                        "warning",
                        f'the document is named "{pa}" by {a.name} and "{pb}" by {b.name}',
                        refs,
                        claim.id,
                        kind="document",
                        key=f"document:{head}",
                        values={a.name: f'"{pa}"', b.name: f'"{pb}"'},
                        outlets=[a.name, b.name],
                    )
                )
        out.extend(_swaps(claim, a, b, resolver, refs))
    return out


def _proper(phrase: str) -> bool:
    """A document's own name: every word capitalised ("Collective Security Strategy", not "development strategy")."""
    return all(w[:1].isupper() for w in phrase.split())


def _plain(text: str) -> str:
    """Lower case, accents off, possessive off: "Vendôme" ~ "Vendome", "Sheriff's" ~ "Sheriff"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"'s\b", "", text)


def _variants(x: Mention, y: Mention) -> bool:
    """Spellings of one name: one contains the other, or they differ by a letter or two."""
    a, b = _plain(x.text), _plain(y.text)
    ta, tb = set(a.split()), set(b.split())
    return (ta <= tb or tb <= ta or fuzz.ratio(a, b) >= 80 or _plain(x.canonical) == _plain(y.canonical)
            or alias_key(x.text) == alias_key(y.text))  # ОДКБ = CSTO = OTSC, Лавров = Lavrov (compare.lang)


def title_case(text: str) -> bool:
    """Whether ``text`` is written in Title Case (most of its longer words capitalised)."""
    longer = [w for w in re.findall(r"[^\W\d_][\w'\-]*", text) if len(w) >= 4]
    return len(longer) >= 3 and sum(w[0].isupper() for w in longer) >= 0.7 * len(longer)


def _is_name(m: Mention) -> bool:
    """A real name, not a capitalised common word ("Center", "Police", "Advisers")."""
    words = [w.lower().rstrip("'s") for w in m.text.split()]
    if m.kind in ("country", "place") or m.text.isupper():
        return True
    return any(w not in ORG_WORDS and w not in NON_NAMES and w not in _COMMON_CAPS for w in words) and (
        m.kind != "person" or len(words) >= 2 or m.canonical != m.text
    )


# Capitalised words that are titles of roles or groups rather than names.
_COMMON_CAPS = frozenset(
    """police sheriff sheriff's advisers advisors officials authorities mr mrs ms dr inspector
    constable officer coach the""".split()
)


def _swaps(claim: Claim, a: Side, b: Side, resolver: EntityResolver, refs: list) -> list[Discrepancy]:
    """Names the word diff replaces by another name of the same kind absent from the other side."""
    all_a = {(m.canonical, m.kind) for m in resolver.mentions(a.text)}
    all_b = {(m.canonical, m.kind) for m in resolver.mentions(b.text)}
    canon_a = {c for c, _ in all_a}
    canon_b = {c for c, _ in all_b}
    diff, closeness = diff_sides(a.text, b.text)
    # In Title Case Headlines every word is capitalised: only names known otherwise count there.
    headline_a, headline_b = title_case(a.text), title_case(b.text)
    # People are told apart from other capitalised words less surely than gazetteer names:
    # a person swapped is only looked for between close renderings.
    kinds = SWAP_KINDS if closeness >= CLOSE_SIMILARITY else tuple(k for k in SWAP_KINDS if k != "person")
    out = []
    run_a: list[str] = []
    run_b: list[str] = []
    for op, ws in [*diff.ops, (0, [])]:
        if op == -1:
            run_a += ws
            continue
        if op == 1:
            run_b += ws
            continue
        if run_a and run_b and len(run_a) <= MAX_SWAP_WORDS and len(run_b) <= MAX_SWAP_WORDS:
            gone = [m for m in resolver.mentions(" ".join(run_a)) if m.kind in kinds and m.canonical not in canon_b
                    and (not headline_a or resolver.known(m))]
            new = [m for m in resolver.mentions(" ".join(run_b)) if m.kind in kinds and m.canonical not in canon_a
                    and (not headline_b or resolver.known(m))]
            for x in gone:
                if not _is_name(x):
                    continue
                y = next((m for m in new if m.kind == x.kind and _is_name(m) and not _variants(x, m)
                          and not (x.kind in ("place", "country") and _may_contain(x.text, m.text))), None)
                if y is None:
                    continue
                new.remove(y)
                out.append(
                    discrepancy(
                        "entity",
                        "error",
                        f'{a.name}: "{x.text}" vs {b.name}: "{y.text}" ({x.kind} differs)',
                        refs,
                        claim.id,
                        kind=x.kind,
                        key=f"swap:{x.kind}:{'|'.join(sorted((x.canonical, y.canonical)))}",
                        values={a.name: f'"{x.text}"', b.name: f'"{y.text}"'},
                        canonical={a.name: x.canonical, b.name: y.canonical},
                        outlets=[a.name, b.name],
                    )
                )
            out.extend(_place_swaps(claim, a, b, resolver, refs, " ".join(run_a), " ".join(run_b),
                                    canon_a, canon_b, {f.details["values"][a.name] for f in out}))
        run_a, run_b = [], []
    return out


_PLACE_CUE = r"(?:\b(?:in|at|near|from|to|into|outside|towards?|of|through|throughout|across|around)\s+(?:the\s+(?:city|town|village)\s+of\s+)?)"


def _place_mentions(resolver: EntityResolver, run: str, text: str, other_canon: set[str]) -> list[Mention]:
    """Towns named in a replaced run as places ("in Kanpur", "Kanpur, India"), countries and gazetteer
    places; a person seen in the event or a capitalised common word is no town."""
    out = []
    for m in resolver.mentions(run):
        if m.canonical in other_canon or m.kind in ("person", "org", "document"):
            continue
        if m.kind == "name":
            words = [w.lower() for w in m.text.split()]
            if (len(words) > 3 or m.text in resolver.people or set(words) & (ORG_WORDS | NON_NAMES | _COMMON_CAPS)
                    or not re.search(rf"{_PLACE_CUE}{re.escape(m.text)}\b|\b{re.escape(m.text)},\s+[A-Z]", text)
                    or _inside_a_name(m.text, text) or not towns(m.text)):
                continue
        out.append(m)
    return out


def _inside_a_name(word: str, text: str) -> bool:
    """ "Gulf of Eden", "University of Kent", "Eden Park": the word is part of a longer name, not a town."""
    w = re.escape(word)
    return bool(re.search(rf"\b[A-Z][\w'\-]*\s+(?:of|de|del|du)\s+{w}\b|\b{w}\s+[A-Z][a-z]", text))


def _place_swaps(claim: Claim, a: Side, b: Side, resolver: EntityResolver, refs: list, run_a: str, run_b: str,
                 canon_a: set[str], canon_b: set[str], reported: set[str]) -> list[Discrepancy]:
    """A town put for another town far from it, or for a country it does not lie in (a warning; a town
    and the country or state it lies in, "Derna" / "eastern Libya", are no conflict)."""
    gone = _place_mentions(resolver, run_a, a.text, canon_b)
    new = _place_mentions(resolver, run_b, b.text, canon_a)
    if not any(m.kind == "name" for m in [*gone, *new]):
        return []  # countries and gazetteer places alone: compared above
    out = []
    for x in gone:
        for y in new:
            if f'"{x.text}"' in reported or (x.kind == y.kind and x.kind != "name"):
                continue
            why = different_places(x.text, y.text)
            if why is None:
                continue
            out.append(discrepancy(
                "entity", "warning", f'{a.name}: "{x.text}" vs {b.name}: "{y.text}" (place differs: {why})', refs,
                claim.id, kind="place", key=f"swap:place:{'|'.join(sorted((x.canonical, y.canonical)))}",
                values={a.name: f'"{x.text}"', b.name: f'"{y.text}"'}, canonical={a.name: x.canonical,
                                                                                  b.name: y.canonical},
                outlets=[a.name, b.name],
                grade_reason=f"a place put for another in otherwise matching sentences; {why} (GeoNames); a "
                             "warning, since a town's name may stand for another place of that name"))
            return out
    return out


def _may_contain(x: str, y: str) -> bool:
    """One place may lie in the other, or the two towns lie close together (a district and its city)."""
    if lies_in(x, y) or lies_in(y, x):
        return True
    km = apart(x, y)
    return km is not None and km < NEAR_KM
