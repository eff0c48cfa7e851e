"""What a counted number is about, in languages other than English ("погибли 12 человек" = 12 killed).

The roles are those of ``compare/data/count_roles.tsv`` (killed, injured, on_board ...); the
words that name them per language are in ``compare/data/lang/count_roles.tsv`` (Russian,
Ukrainian, German, French, Spanish).  ``foreign_role`` is the hook the English reader
(``compare.facts.slots.role_of``) falls back on when it finds no English cue, so a number's role
is known in every listed language for same-language checks and, through it, across languages
(``compare.lang.crossfacts``): two numbers with different roles are never compared, two with the
same role are the same slot whatever language names it.

Like the English reader, a cue is looked for in the words after the number (up to the next
number or clause break, at most ``WORDS_AFTER``), then in the last ``WORDS_BEFORE`` words before it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

WORDS_AFTER = 7
WORDS_BEFORE = 4
_SPACE = r"\s+"
_BREAK = re.compile(r"[;:()!?\"“”„]|[.,](?:\s|$)|\s[-–—]\s")


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], list[str]]:
    """One regex of every phrase (longest first), and the role of each named group."""
    text = (resources.files("compare.data") / "lang" / "count_roles.tsv").read_text(encoding="utf-8")
    phrases: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _language, forms, role = line.split("\t")
        phrases += [(form.strip(), role.strip()) for form in forms.split("|") if form.strip()]
    phrases.sort(key=lambda p: (-len(p[0]), p[0]))
    parts, roles = [], []
    for k, (phrase, role) in enumerate(phrases):
        words = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in phrase.split()]
        parts.append(f"(?P<r{k}>{_SPACE.join(words)})")
        roles.append(role)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE), roles


def _roles_in(stretch: str) -> list[str]:
    pattern, roles = _pattern()
    return [roles[int(str(m.lastgroup)[1:])] for m in pattern.finditer(stretch.replace("ё", "е").replace("Ё", "Е"))]


def foreign_role(text: str, start: int, end: int, prev_end: int, next_start: int) -> str | None:
    """The role of the number at ``text[start:end]`` named in a listed language other than English, or None.

    ``prev_end``/``next_start``: where the previous number ends and the next one starts (a cue
    is not looked for beyond them)."""
    after = text[end:next_start]
    cut = _BREAK.search(after)
    if cut:
        after = after[: cut.start()]
    found = _roles_in(" ".join(after.split()[:WORDS_AFTER]))
    if found:
        return found[0]
    before = text[max(prev_end, 0) : start]
    cuts = list(_BREAK.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    found = _roles_in(" ".join(before.split()[-WORDS_BEFORE:]))
    return found[-1] if found else None
