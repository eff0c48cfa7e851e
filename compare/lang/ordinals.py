"""Ordinal numbers written with a full stop ("am 5. Juni 2024", "im 19. Jahrhundert"): German and
the languages that write ordinals so (Czech, Polish, Danish, Norwegian, Finnish ...) put a full
stop after the digits, which the sentence splitter would otherwise take for a sentence end.

``ends_ordinal(text, dot, following)``: the full stop at ``text[dot]`` closes a day or an ordinal
of one or two digits and the word at ``following`` is a month name of a language other than
English (compare/data/lang/calendar.tsv, and the Russian ones of ``compare.dates``) or one of the
nouns German counts in ordinals (``ORDINAL_NOUNS``).  "Die Zahl stieg auf 12. Die Polizei ..."
still ends a sentence.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# German nouns that ordinals stand before in news ("das 3. Mal", "im 19. Jahrhundert", "der 2. Weltkrieg")
ORDINAL_NOUNS = frozenset(
    "jahrhundert jahrhunderts jahrtausend jahrtausends mal platz platzes runde spieltag etage stock klasse "
    "weltkrieg weltkriegs jahrestag geburtstag todestag legislaturperiode amtszeit bezirk liga".split()
)
_ORDINAL = re.compile(r"(?<![\w.,])\d{1,2}$")
_NEXT = re.compile(r"[^\W\d_]+")


@cache
def _month_names() -> frozenset[str]:
    names: set[str] = set()
    text = (resources.files("compare.data") / "lang" / "calendar.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("month\t"):
            names.update(line.split("\t")[2].split())
    # Russian genitive months (compare.dates) follow a day without a full stop, but dd. is seen there too
    names.update("января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split())
    return frozenset(names)


def ends_ordinal(text: str, dot: int, following: int) -> bool:
    """Whether the full stop at ``text[dot]`` closes an ordinal ("5." before "Juni", "19." before
    "Jahrhundert") rather than a sentence; ``following`` is where the next word starts."""
    if not _ORDINAL.search(text, max(0, dot - 3), dot):
        return False
    word = _NEXT.match(text, following)
    if not word:
        return False
    low = word.group().lower()
    return low in _month_names() or low in ORDINAL_NOUNS
