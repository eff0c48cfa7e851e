"""Facts beyond English: count roles named in other languages, number words and aliases in
same-language checks, roles across languages (compare.lang.roles, numbers, names; hooks in
compare.facts.slots, numbers and entities).  No model needed."""

from __future__ import annotations

import re

import pytest
from facts_support import event_of, make_document

from compare.facts import find_discrepancies
from compare.facts.entities import Mention, _variants
from compare.facts.numbers import find_quantities
from compare.lang.crossfacts import quantities
from compare.lang.roles import foreign_role


def _roles(text: str) -> list[str | None]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d+", text)]
    return [
        foreign_role(text, s, e, spans[k - 1][1] if k else 0, spans[k + 1][0] if k + 1 < len(spans) else len(text))
        for k, (s, e) in enumerate(spans)
    ]


@pytest.mark.parametrize(("text", "roles"), [
    ("В результате взрыва погибли 12 человек.", ["killed"]),
    ("12 человек погибли, 40 получили ранения.", ["killed", "injured"]),
    ("Число погибших достигло 14.", ["killed"]),
    ("На борту находились 67 человек, 38 из них погибли.", ["on_board", "killed"]),
    ("Задержаны 5 человек, 3 пропали без вести.", ["arrested", "missing"]),
    ("Внаслідок обстрілу загинули 4 людини, 9 поранені.", ["killed", "injured"]),
    ("Bei dem Unglück gab es 12 Tote und 40 Verletzte.", ["killed", "injured"]),
    ("On compte 12 morts et 40 blessés.", ["killed", "injured"]),
    ("Hubo 12 muertos y 40 heridos.", ["killed", "injured"]),
    ("He poured 12 cups of tea.", [None]),
])
def test_roles_named_in_other_languages(text: str, roles: list[str | None]) -> None:
    assert _roles(text) == roles


def test_the_same_language_reader_knows_russian_roles_and_number_words() -> None:
    [words] = find_quantities("В результате взрыва погибли сорок два человека.")
    [digits] = find_quantities("В результате взрыва погибли 42 человека.")
    assert (words.value, words.role, words.text) == (42.0, "killed", "сорок два человека")
    assert (digits.value, digits.role) == (42.0, "killed") and words.noun == digits.noun
    [thousands] = find_quantities("Эвакуированы три тысячи жителей.")
    assert (thousands.value, thousands.role) == (3000.0, "displaced")
    # English is read as before: Latin-script words of other languages are not number words there
    assert [q.value for q in find_quantities("Prices rose 5 per cent, the union said.")] == [5.0]


def _pair(ta: str, tb: str, la: str, lb: str) -> list[tuple[str, str, str]]:
    a = make_document("a.txt", "Title A\n" + ta, outlet="A", date="2023-03-14")
    b = make_document("b.txt", "Title B\n" + tb, outlet="B", date="2023-03-14")
    a.stories[0].language, b.stories[0].language = la, lb
    event, stories, docs = event_of([a, b], [[(0, ta[:12]), (1, tb[:12])]])
    return [(d.type, d.severity, d.summary) for d in find_discrepancies(event, stories, docs) if d.type == "number"]


def test_number_words_and_digits_within_russian() -> None:
    same = _pair("При взрыве на шахте погибли сорок два человека, сообщили спасатели.",
                 "При взрыве на шахте погибли 42 человека, сообщили спасатели.", "ru", "ru")
    assert same == []
    changed = _pair("При взрыве на шахте погибли сорок два человека, сообщили спасатели.",
                    "При взрыве на шахте погибли 48 человек, сообщили спасатели.", "ru", "ru")
    assert changed == [("number", "error", 'A: "сорок два" vs B: "48"')]  # read by the Russian reader (compare.lang.crossfacts)


def test_roles_pair_numbers_across_languages() -> None:
    ru = "При взрыве на шахте погибли 14 человек, ещё 40 получили ранения."
    en = "The mine blast killed 12 people and 45 were injured, rescuers said."
    assert [v.role for v in quantities(ru, "ru", [])] == ["killed", "injured"]
    assert [v.role for v in quantities(en, "en", [])] == ["killed", "injured"]
    found = _pair(ru, en, "ru", "en")
    assert sorted(s for _t, _sev, s in found) == [
        'A: "14" vs B: "12" (accounts in different languages)',
        'A: "40" vs B: "45" (accounts in different languages)',
    ]
    assert {sev for _t, sev, _s in found} == {"error"}  # each a conflict of one slot, not "several in order"
    # the same slot, the same value: nothing; different roles: two facts, nothing
    assert _pair("При взрыве на шахте погибли 12 человек, сообщили спасатели.",
                 "The mine blast left 12 people dead, rescuers said.", "ru", "en") == []
    assert _pair("При взрыве на шахте погибли 12 человек, сообщили спасатели.",
                 "The mine blast injured 15 people, rescuers said.", "ru", "en") == []


def test_listed_aliases_are_one_name_in_same_language_checks() -> None:
    assert _variants(Mention("CSTO", "CSTO", "org"), Mention("OTSC", "OTSC", "org"))
    assert _variants(Mention("Лавров", "Лавров", "person"), Mention("Lavrov", "Lavrov", "person"))
    assert not _variants(Mention("CSTO", "CSTO", "org"), Mention("NATO", "NATO", "org"))
