"""Numbers written in words ("сорок два", "zweiundvierzig", "quarante-deux", "बयालीस",
"اثنان وأربعون", "三千六百"): ``parse_number_words`` reads each run of number words into its value.

The words come from two tables in ``compare/data/lang/``: ``number_words_cldr.tsv``, generated
from the Unicode CLDR spell-out rules (``tools/make_number_words.py``, ICU through ``icu-rbnf``, a
build-time tool) for every language compare lists, and the hand-written ``number_words.tsv``
(case forms of the Slavic and Kazakh words, Arabic case and dual forms, spellings news uses).
A row is (language, value, kind, forms); the kinds say how a word joins a run:

- ``unit``, ``tens``, ``hundreds`` add ("сорок" + "два"); a lone ``hundreds`` word of 100 after
  a unit multiplies ("deux cent", "екі жүз");
- ``hundred`` multiplies by a hundred ("deux cents", "दो सौ", "două sute");
- ``scale`` multiplies what came before and closes it ("три тысячи", "दस लाख"); a lone scale word
  ("тысяча") is no run, one that begins a longer run is one of it ("mil doscientos" 1200);
- a ``tens`` word right after a unit multiplies ("quatre-vingts" 80);
- ``one`` is read only inside a run: "un", "ein", "एक" are articles too ("un million" is read);
- ``and`` joins two number words ("veinte y dos", "douăzeci și doi"); Arabic writes it on to
  the next word ("وأربعون").

Words are compared folded (``fold``): lower case, ё as е, Arabic without vowel marks and with
one alef, Devanagari without nukta.  Chinese numerals are read character by character
(``han_numbers``: 四十二, 三千六百, 两万, 3.5亿 is the number reader's).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

_TABLES = ("number_words.tsv", "number_words_cldr.tsv")
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # vowel marks, dagger alef, tatweel
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})
_ADDING = ("unit", "tens", "hundreds", "one")


def fold(word: str) -> str:
    """A number word as the tables compare it."""
    word = word.lower().replace("ё", "е").replace("\u00ad", "").replace("\u02bc", "'").replace("\u2019", "'")
    if any("\u0600" <= c <= "\u06ff" for c in word):
        word = _ARABIC_MARKS.sub("", word).translate(_ALEFS)
    if any("\u0900" <= c <= "\u097f" for c in word):
        word = word.replace("\u093c", "").replace("\u0901", "\u0902")  # nukta; candrabindu as anusvara
    return word


@cache
def _rows() -> tuple[tuple[str, float, str, tuple[str, ...]], ...]:
    rows = []
    for name in _TABLES:
        text = (resources.files("compare.data") / "lang" / name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            language, value, kind, forms = line.split("\t")
            rows.append((language, float(value), kind, tuple(fold(f) for f in forms.split())))
    return tuple(rows)


@lru_cache(maxsize=64)
def _table(language: str | None = None) -> dict[str, tuple[float, str]]:
    """Folded word -> (value, kind) of ``language`` (of every language when None: the first listed wins)."""
    table: dict[str, tuple[float, str]] = {}
    for row_language, value, kind, forms in _rows():
        if row_language == language or (language is None and kind != "own"):
            for form in forms:
                table.setdefault(form, (value, "unit" if kind == "own" else kind))
    return table


_COMPOUNDING = frozenset({"de", "it", "nl", "sv", "da", "no"})  # number words written as one word


@lru_cache(maxsize=20_000)
def _compound(key: str, language: str) -> tuple[tuple[float, str], ...] | None:
    """The number words a compound is made of ("dreitausendsechshundert": drei, tausend, sechs,
    hundert), longest first, or None when it is not made of them only."""
    table = _table(language)
    if key in table:
        return (table[key],)
    for cut in range(len(key) - 1, 2, -1):
        head = table.get(key[:cut])
        if head is not None and head[1] != "and":
            rest = _compound(key[cut:], language)
            if rest is not None:
                return (head, *rest)
    return None


@lru_cache(maxsize=64)
def number_forms(language: str) -> frozenset[str]:
    """The number words listed for ``language`` (folded), scale words included: kept out of its
    stop words, so that "сорок два" reaches the number readers and the match terms."""
    return frozenset(w for w, (_v, kind) in _table(language).items() if kind != "and")


def number_word_value(word: str, language: str | None = None) -> tuple[float, str] | None:
    """(value, kind) of one number word of ``language`` (of any listed language when None), or None."""
    table = _table(language)
    key = fold(word)
    found = table.get(key)
    if found is None and key.startswith("و") and len(key) > 2:  # Arabic "and", written on: وأربعون
        rest = table.get(key[1:])
        return (rest[0], "and+" + rest[1]) if rest else None
    if found is None and language in _COMPOUNDING and len(key) > 6:
        parts = _compound(key, language)
        if parts and len(parts) > 1:
            return (_run_value(parts), "unit")
    return found


def _run_value(parts: tuple[tuple[float, str], ...]) -> float:
    """The value of number words read in order (the rules of ``parse_number_words``)."""
    total, current, previous, joined = 0.0, 0.0, None, False
    for value, kind in parts:
        if kind == "and":
            joined = True
            continue
        joined = joined or kind.startswith("and+")
        kind = kind.removeprefix("and+")
        if kind == "scale":
            total, current = total + (current or 1) * value, 0.0
        elif kind == "hundred" or (kind == "hundreds" and value == 100 and 0 < current < 10):
            current = (current or 1) * 100
        elif kind == "tens" and previous is not None and 0 < previous < 10 and not joined:
            current += previous * value - previous  # "quatre-vingts" = 4 x 20
        else:
            current += value
        previous = value if kind in ("unit", "one") else None
        joined = False
    return total + current


@cache
def _word() -> re.Pattern[str]:
    from compare.lang.text import word_pattern  # words with their combining marks (Devanagari vowel signs)

    return re.compile(word_pattern().pattern.replace(r"['\-\u2019]", r"['\u2019\u02bc]"))


def parse_number_words(text: str, language: str | None = None) -> list[tuple[int, int, float]]:
    """(start, end, value) of each run of number words of ``language`` (any listed language when
    None) in ``text``: "сорок два" -> 42, "три тысячи" -> 3000, "deux cent trois" -> 203.  A lone
    scale word ("тысяча") and a lone "one" word ("un", "एक") are left out."""
    out: list[tuple[int, int, float]] = []
    words = list(_word().finditer(text))
    i = 0
    while i < len(words):
        first = number_word_value(words[i].group(), language)
        if first is None or first[1] in ("and", "and+scale"):
            i += 1
            continue
        parts: list[tuple[float, str]] = []
        end, j, last_number = words[i].end(), i, i
        while j < len(words):
            if j > i and text[words[j - 1].end() : words[j].start()].strip() not in ("", "-"):
                break
            found = number_word_value(words[j].group(), language)
            if found is None:
                break
            parts.append(found)
            if found[1] != "and":  # a joining word is kept only when a number word follows it
                end, last_number = words[j].end(), j
            j += 1
        while parts and parts[-1][1] == "and":
            parts.pop()
        read = len(parts)
        if read == 1 and first[1] in ("one", "scale"):
            i += 1
            continue
        if read:
            out.append((words[i].start(), end, _run_value(tuple(parts))))
        i = last_number + 1
    return out


def run_at(text: str, start: int) -> tuple[float, int] | None:
    """(value, end) of the run of number words starting at ``text[start]`` in a non-Latin script
    ("сорок два человека" -> 42), else None: the hook of the same-language number reader
    (``compare.facts.numbers``), which knows English number words itself.  Latin-script words of
    other languages are left out there ("cent", "un", "die" are English words or articles)."""
    word = _word().match(text, start)
    if not word or word.group().isascii():
        return None
    for run_start, end, value in parse_number_words(text[start : start + 200]):
        return (value, start + end) if run_start == 0 else None
    return None


# Chinese numerals: digits, the multipliers 十 百 千 within a section, 万 and 亿 between sections
_HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_SECTIONS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_HAN_RUN = re.compile("[零〇一二两兩三四五六七八九十百千万萬亿億]+")
# Not counts: ordinals (第三), weekdays and months (星期三, 周三, 三月), idioms that begin with 一 or 万
_HAN_NOT_BEFORE = ("第", "周", "星期", "礼拜", "初")
_HAN_NOT_AFTER = ("月", "日", "号", "號", "年", "点", "時", "时", "些", "样", "起", "直", "切", "般", "旦", "致", "定")


def _han_value(run: str) -> float | None:
    total, section, digit = 0, 0, None
    for c in run:
        if c in _HAN_DIGITS:
            if digit is not None and _HAN_DIGITS[c] != 0:
                return None  # "三四": two digits in a row are an estimate ("three or four"), not a number
            digit = _HAN_DIGITS[c] or None
        elif c in _HAN_UNITS:
            section += (digit if digit is not None else 1) * _HAN_UNITS[c]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                return None
            total += section * _HAN_SECTIONS[c]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def han_numbers(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of each Chinese numeral in ``text`` that counts something: 四十二 -> 42,
    三千六百 -> 3600, 两万 -> 20000, 一亿二千万 -> 120000000.  A lone 一 (also "a", "once"), ordinals
    (第三), weekdays and months (星期三, 三月) and runs that begin with 万 or 千 ("万一": "in case") are left out."""
    out: list[tuple[int, int, float]] = []
    for m in _HAN_RUN.finditer(text):
        run, start, end = m.group(), m.start(), m.end()
        if run[0] in "万萬亿億千百" or (run == "一" and not _measure_after(text, end)):
            continue
        if text[:start].endswith(_HAN_NOT_BEFORE) or text[end:].startswith(_HAN_NOT_AFTER):
            continue
        if start and (text[start - 1].isdigit() or text[start - 1] == "."):
            continue  # "4200万": the digits' scale, the number reader's
        value = _han_value(run)
        if value:
            out.append((start, end, value))
    return out


_MEASURES = "名人个個位架辆輛艘座所间間户戶家次起吨噸元岁歲千公米里枚颗顆条條头頭只隻场場"


def _measure_after(text: str, end: int) -> bool:
    return end < len(text) and text[end] in _MEASURES
