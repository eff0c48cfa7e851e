"""Build compare/data/lang/number_words_cldr.tsv: number words per language from the Unicode CLDR
spell-out rules, as ICU implements them (the ``icu-rbnf`` package, a build-time tool only: run
time reads the table).  ``--check`` reads every spelled-out number back with compare's reader
(``compare.lang.numbers.parse_number_words``) and prints how many come back right per language.

    pip install icu-rbnf
    python tools/make_number_words.py            # writes the table
    python tools/make_number_words.py --check    # spell out and read back

Each spelled-out number is cut into words (white space, hyphens and soft hyphens); a number
spelled as one word is that word's value ("zweiundvierzig" 42, "बयालीस" 42, "квадрат" never); the
word after a unit in "deux cents", "दो सौ", "екі жүз" multiplies by a hundred; the last word of a
spelled-out thousand, million or milliard is a scale word; the words between the tens and units
of 21..99 ("y", "e", "și", "et") join them.  Chinese is read character by character
(``compare.lang.numbers.han_numbers``) and has no rows.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

LANGUAGES = ["en", "ru", "uk", "be", "kk", "de", "fr", "es", "it", "pt", "ro", "ar", "hi"]
OUT = Path(__file__).resolve().parents[1] / "compare" / "data" / "lang" / "number_words_cldr.tsv"
# Left out: Kazakh "он" (10) is the Russian "он" (he); their value stays with the hand-written rows
LEFT_OUT = {("kk", "он")}


def words(spelled: str) -> list[str]:
    return [w for w in re.split(r"[\s\-\u00ad]+", spelled.replace("\u00ad", "")) if w]


def value_of(ws: list[str], known: dict[str, tuple[float, str]]) -> float | None:
    """The value of words all known, read as ``compare.lang.numbers`` reads them (None otherwise)."""
    total, current = 0.0, 0.0
    for w in ws:
        if w.lower() not in known:
            return None
        value, kind = known[w.lower()]
        if kind == "scale":
            total, current = total + (current or 1) * value, 0.0
        elif kind == "hundred" or (kind == "hundreds" and value == 100 and 0 < current < 10):
            current = (current or 1) * 100
        elif kind != "and":
            current += value
    return total + current


def build(spellout) -> list[tuple[str, float, str, str]]:  # (language, value, kind, form)
    return [(lang, value, kind, form) for lang in LANGUAGES for form, (value, kind) in language_words(spellout, lang).items()]


def language_words(spellout, lang: str) -> dict[str, tuple[float, str]]:
    """form -> (value, kind) of one language, read off its spelled-out numbers."""
    known: dict[str, tuple[float, str]] = {}

    def add(form: str, value: float, kind: str) -> None:
        if (lang, form.lower()) not in LEFT_OUT and form.lower() not in known:
            known[form.lower()] = (value, kind)

    for n in range(1, 1000):  # numbers spelled as one word
        ws = words(spellout(n, lang))
        if len(ws) == 1:
            kind = "one" if n == 1 else "tens" if 20 <= n < 100 and n % 10 == 0 else "hundreds" if n >= 100 and n % 100 == 0 else "unit"
            add(ws[0], n, kind)
    for n in range(100, 1000, 100):  # "deux cents", "दो सौ", "două sute": the last word multiplies
        ws = words(spellout(n, lang))
        if len(ws) == 2:
            if ws[0].lower() not in known:  # a form of the unit used before hundreds ("două", "una")
                add(ws[0], n // 100, "one" if n == 100 else "unit")
            add(ws[1], 100, "hundred")
    for n in range(21, 100):  # "veinte y dos": the word between joins
        ws = words(spellout(n, lang))
        for w in ws[1:-1]:
            if w.lower() not in known:
                add(w, 0, "and")
    for n in range(101, 1000):  # "cento e um": a word left over is the rest of the value
        ws = words(spellout(n, lang))
        unknown = [w for w in ws if w.lower() not in known]
        if len(unknown) == 1 and ws[0] == unknown[0] and not any(known.get(w.lower(), (0, ""))[1] == "hundred" for w in ws):
            rest = sum(known[w.lower()][0] for w in ws[1:] if known[w.lower()][1] not in ("and", "hundred"))
            if n - rest > 0 and (n - rest) % 100 == 0:
                add(unknown[0], n - rest, "hundreds")
    for scale in (10**3, 10**6, 10**9):
        for k in (1, 2, 3, 4, 5, 10, 11, 20, 21, 100):
            n = k * scale
            ws = words(spellout(n, lang))
            if len(ws) == 1:
                add(ws[0], n, "unit")
                continue
            if known.get(ws[-1].lower()) == (scale, "unit"):  # "مليون" alone, "إثنان مليون": a scale word
                known[ws[-1].lower()] = (scale, "scale")
                continue
            before = value_of(ws[:-1], known)
            if ws[-1].lower() not in known and before and n % before == 0 and n // before >= 1000:
                add(ws[-1], n // before, "scale")  # "दस लाख" = 10 x 100,000
    return known


def write(rows: list[tuple[str, float, str, str]], version: str) -> None:
    grouped: dict[tuple[str, float, str], list[str]] = {}
    for lang, value, kind, form in rows:
        grouped.setdefault((lang, value, kind), []).append(form)
    lines = [
        f"# Generated by tools/make_number_words.py from the CLDR spell-out rules of ICU {version} (icu-rbnf); do not edit.",
        "# language<TAB>value<TAB>kind<TAB>forms. Kinds: one (read only inside a run: 'un', 'ein' are articles too),",
        "# unit, tens, hundreds, hundred (multiplies: 'deux cents'), scale, and (joins: 'veinte y dos').",
    ]
    order = {lang: k for k, lang in enumerate(LANGUAGES)}
    for (lang, value, kind), forms in sorted(grouped.items(), key=lambda kv: (order[kv[0][0]], kv[0][1], kv[0][2])):
        lines.append(f"{lang}\t{int(value)}\t{kind}\t{' '.join(sorted(forms))}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} forms)")


def samples() -> list[int]:
    out = list(range(2, 1000))
    out += [k * 1000 for k in (2, 3, 5, 11, 21, 42, 100, 250)]
    out += [k * 10**6 for k in (2, 3, 5, 11, 42)]
    out += [3600, 4500, 1250, 42000, 2500000]
    return out


def check(spellout) -> None:
    sys.path.insert(0, str(OUT.parents[3]))
    from compare.lang.numbers import han_numbers, parse_number_words

    for lang in [*LANGUAGES, "zh"]:
        wrong = []
        for n in samples():
            text = spellout(n, lang).replace("\u00ad", "")
            if lang == "zh":
                got = [v for _s, _e, v in han_numbers(text)]
            else:
                got = [v for _s, _e, v in parse_number_words(text, lang)]
            if got != [n]:
                wrong.append((n, text, got))
        print(f"{lang}: {len(samples()) - len(wrong)}/{len(samples())} read back", *[f"  {w}" for w in wrong[:4]], sep="\n")


def main() -> None:
    import icu_rbnf

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="spell out and read back instead of writing")
    args = parser.parse_args()
    if args.check:
        check(icu_rbnf.spellout)
    else:
        write(build(icu_rbnf.spellout), icu_rbnf.icu_version())


if __name__ == "__main__":
    main()
