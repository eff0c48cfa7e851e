"""Names across scripts: transliteration and aliases.

``name_key`` turns a name into a plain Latin key (anyascii transliterates every script; the
key then drops soft signs, apostrophes and doubled letters and folds the spellings that
romanisation systems disagree on), so Лавров and Lavrov, Зась and Zas, Шойгу and Shoigu
compare equal.  ``alias_key`` also maps the aliases listed in
``compare/data/lang/aliases.tsv`` (one entity a line: ОДКБ, CSTO, OTSC ...) to one key.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

from compare.lang.numbers import number_word_value

# Pairs that romanisation systems spell differently (BGN, ISO 9, passports, news agencies).
_FOLDS = [
    ("shch", "sch"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("tz", "c"), ("yu", "u"), ("iu", "u"),
    ("ya", "a"), ("ia", "a"), ("ye", "e"), ("yo", "e"), ("oy", "oi"), ("iy", "i"), ("yi", "i"),
    ("y", "i"), ("w", "v"), ("ck", "k"), ("q", "k"), ("x", "ks"),
]


# Consonant skeletons: what a name keeps across scripts that write no short vowels (Arabic) or
# spell foreign names syllable by syllable (Chinese): digraphs first, then one letter per class
_SKELETON_DIGRAPHS = [("tsch", "s"), ("sch", "s"), ("tch", "s"), ("ch", "s"), ("sh", "s"), ("zh", "s"),
                      ("kh", "k"), ("gh", "k"), ("ck", "k"), ("ph", "f"), ("th", "t")]
_SKELETON_LETTERS = str.maketrans({"z": "s", "x": "s", "j": "k", "q": "k", "g": "k", "p": "b", "d": "t",
                                   "v": "f", "l": "r"})
SKELETON_LETTERS = 4  # consonants compared (case endings of Russian names fall off)
# Characters that Chinese uses to spell foreign names (the Xinhua transliteration syllables): a run
# of two or more of them is a candidate foreign name (泽连斯基, 拉夫罗夫, 拜登)
HAN_TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁杜多厄恩尔法范菲费芬丰佛夫福弗盖甘冈高戈格"
    "贡古瓜圭哈海汉豪赫亨洪胡霍基吉加贾杰捷金喀卡凯坎康柯科克肯库夸奎拉莱赖兰朗劳勒雷蕾里利连列林琳卢鲁伦罗洛"
    "马玛迈曼芒梅门蒙米明莫姆穆纳娜奈南瑙内尼涅宁纽努诺帕潘佩彭皮普奇齐恰乔切钦琼丘热若萨塞桑瑟森沙尚舍申什施"
    "舒斯松苏索塔泰坦汤陶特提廷图托瓦万旺威韦维温沃乌西希锡谢辛休雅亚扬耶伊因英尤约扎泽詹朱兹佐茨绍诺"
)


def skeleton(name: str) -> str:
    """The consonant skeleton of a name in any script (anyascii, then digraphs and letters folded
    into classes, vowels, y, w and h dropped, repeats merged), cut to ``SKELETON_LETTERS``:
    Zelensky = Зеленский = زيلينسكي = 泽连斯基 ("srns"), Lavrov = لافروف = 拉夫罗夫 ("rfrf")."""
    latin = re.sub(r"[^a-z]", "", transliterate(name).lower())
    for a, b in _SKELETON_DIGRAPHS:
        latin = latin.replace(a, b)
    latin = re.sub(r"c(?=[eiy])", "s", latin).replace("c", "k")  # Macron, Francisco
    latin = re.sub(r"ng(?![aeiou])", "n", latin)  # a syllable's final -ng (pinyin deng, jing); not Kissinger
    latin = re.sub(r"[aeiouywh]", "", latin.translate(_SKELETON_LETTERS))
    return re.sub(r"(.)\1+", r"\1", latin)[:SKELETON_LETTERS]


_HAN_NAME = re.compile(f"[{''.join(sorted(HAN_TRANSLITERATION))}]{{2,}}")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


def uncased_name_candidates(text: str) -> list[str]:
    """Words of a script without capitals that may be names: runs of Chinese transliteration
    characters, and every word of three letters or more of other such scripts (Arabic also
    without the article and the prepositions written on to it: "وبوتين" -> "بوتين").  Only those
    that meet a name of another story count (``crosslingual.name_overlaps``)."""
    out = [m.group() for m in _HAN_NAME.finditer(text)]
    for word in re.findall(r"[^\W\d_]{3,}", text):
        if word[0].upper() != word[0].lower() or "\u4e00" <= word[0] <= "\u9fff":
            continue  # a cased script, or Chinese (above)
        out.append(word)
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                out.append(word[len(prefix) :])
                break
    return out


def transliterate(text: str) -> str:
    """``text`` in Latin letters (anyascii)."""
    return str(anyascii(text))


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """A script-independent key of a name: Latin, lower case, spelling variants folded."""
    # Belarusian ў stands where Russian and the English renderings have в/v (Лаўроў = Лавров = Lavrov)
    latin = transliterate(name.replace("ў", "в").replace("Ў", "В")).lower()
    latin = re.sub(r"['`\u2019\"]", "", latin)
    latin = re.sub(r"[^a-z0-9]+", " ", latin).strip()
    for a, b in _FOLDS:
        latin = latin.replace(a, b)
    latin = re.sub(r"(.)\1+", r"\1", latin)  # doubled letters
    return latin


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    text = (resources.files("compare.data") / "lang" / "aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("\t") if n.strip()]
        canonical = name_key(names[0])
        for name in names:
            table[name_key(name)] = canonical
    return table


def alias_key(name: str) -> str:
    """``name_key``, with every listed alias of an entity mapped to the entity's first name."""
    key = name_key(name)
    return _aliases().get(key, key)


# German writes every noun with a capital, so a capital does not tell a name there.  A capitalised
# word is a common noun when the story uses it after an article, a determiner, a number or an
# inflected adjective ("der Minister", "im Sommer", "3600 Menschen", "vielen betroffenen
# Familien"), or when it ends like a noun ("-ung", "-heit", "-schaft" ...).  Names stand without
# them ("Scholz sagte", "in Passau"); the ones listed in aliases.tsv (Ukraine, Russland ...) stay names.
_GERMAN_DETERMINERS = frozenset(
    """der die das des dem den ein eine einen einem einer eines kein keine keinen keinem keiner keines
    im am zum zur vom beim ins ans aufs durchs fürs ums dieser diese dieses diesem diesen jener jene
    jeder jede jedes jedem jeden alle allen aller viele vielen vieler mehrere mehreren einige einigen
    wenige wenigen sein seine seinem seinen seiner seines ihr ihre ihrem ihren ihrer ihres unser unsere
    unserem unseren unserer mein meine meinem meinen dein deine euer eure dessen deren welche welcher
    welches welchem welchen solche solchen manche manchen beide beiden zwei drei vier fünf sechs sieben
    acht neun zehn elf zwölf hundert tausend""".split()
)
_GERMAN_NOUN_ENDINGS = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion",
                        "tionen", "tät", "täten", "ismus", "nis", "nisse", "tum", "chen", "ment", "ments")
_GERMAN_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
NOUN_LANGUAGES = frozenset({"de", "lb"})  # languages that capitalise common nouns


def common_nouns(texts: list[str], language: str | None) -> frozenset[str]:
    """Lower-cased capitalised words that ``texts`` (one story's sentences) use as common nouns,
    in a language that capitalises nouns (German); empty for every other language."""
    if language not in NOUN_LANGUAGES:
        return frozenset()
    nouns: set[str] = set()
    for text in texts:
        words = _GERMAN_WORD.findall(text)
        for k, word in enumerate(words):
            if not word[0].isupper() or word.isupper():
                continue
            low = word.lower()
            j = k - 1
            while j >= 0 and words[j][0].islower() and words[j].endswith(("e", "en", "er", "em", "es")) \
                    and words[j] not in _GERMAN_DETERMINERS:
                j -= 1  # inflected adjectives: "den schweren Unwettern"
            before = words[j].lower() if j >= 0 else ""
            counted = before.isdigit() or number_word_value(before, language) is not None  # "42 Häuser", "zwölf Häuser"
            if before in _GERMAN_DETERMINERS or counted or low.endswith(_GERMAN_NOUN_ENDINGS):
                nouns.add(low)
    return frozenset(n for n in nouns if name_key(n) not in _aliases())


def name_like(word: str, nouns: frozenset[str]) -> bool:
    """Whether a capitalised word may be a name, given its story's ``common_nouns``."""
    return word.isupper() or word.lower() not in nouns
