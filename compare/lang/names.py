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

# Pairs that romanisation systems spell differently (BGN, ISO 9, passports, news agencies).
_FOLDS = [
    ("shch", "sch"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("tz", "c"), ("yu", "u"), ("iu", "u"),
    ("ya", "a"), ("ia", "a"), ("ye", "e"), ("yo", "e"), ("oy", "oi"), ("iy", "i"), ("yi", "i"),
    ("y", "i"), ("w", "v"), ("ck", "k"), ("q", "k"), ("x", "ks"),
]


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
