"""The gazetteer's names: folded name -> the places it may name (countries, towns from the
prebuilt index of :mod:`.gazetteer`, regions, venues, other spellings), and the
nationality adjectives of ``lexicon/demonyms.tsv``. :mod:`.places` finds them in text;
:mod:`.hosts` asks for a country by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..models import Place
from ..resources import load_table, load_words
from .gazetteer import city_index, fold


@dataclass(frozen=True, slots=True)
class Entry:
    fixed: Place | None
    level: str
    population: int
    country_code: str | None
    primary: bool = True
    raw: tuple[str, str, float, float, str] | None = None  # a town: name, country, lat, lon, tz

    @property
    def place(self) -> Place:
        """The place; a town's is built when asked for (70,000 at start-up cost a second)."""
        if self.fixed is not None:
            return self.fixed
        assert self.raw is not None
        name, country, lat, lon, tz = self.raw
        return Place.model_construct(
            name=name, country=country, city=None, latitude=lat, longitude=lon, timezone=tz
        )


@cache
def _countries() -> dict[str, tuple[str, str, str]]:
    """ISO code -> (name, capital, capital's time zone), from ``gazetteer/countries.tsv``."""
    return {
        row["iso"]: (row["name"], row["capital"], row["timezone"])
        for row in load_table("gazetteer/countries.tsv", ("iso", "name"))
    }


Entries = tuple[Entry, ...]


class Gazetteer:
    """Folded name -> the places it may name: countries, then towns (from the prebuilt
    index, :mod:`.gazetteer`), then regions, then venues, each in file order; an alias
    names one place and replaces the other readings of its key.

    Only the small tables are read here; a town is read from the index when its name is
    looked up (answers are remembered, so a name common in the news is read once).
    """

    def __init__(self) -> None:
        self._towns = city_index()
        countries = self._countries = _countries()
        # Other spellings that are common words ("Bath" is also "bath") are left out.
        self._common = load_words("lexicon/not_names.txt") | load_words("gazetteer/not_places.txt")
        self._before: dict[str, list[Entry]] = {}
        self._after: dict[str, list[Entry]] = {}
        for iso, (name, _capital, tz) in countries.items():
            place = Place(name=name, country=name, timezone=tz or None)
            self._before.setdefault(fold(name), []).append(Entry(place, "country", 10**9, iso))
        for row in load_table("gazetteer/regions.tsv", ("name", "country_code")):
            iso = row["country_code"]
            place = Place(
                name=row["name"],
                country=self._country_name(iso),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                timezone=row["timezone"],
            )
            self._after.setdefault(fold(row["name"]), []).append(Entry(place, "region", 10**6, iso))
        for row in load_table("gazetteer/venues.tsv", ("names", "city", "country_code")):
            iso = row["country_code"]
            for name in row["names"].split("|"):
                place = Place(
                    name=name,
                    city=row["city"],
                    country=self._country_name(iso),
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                    timezone=row["timezone"],
                )
                self._after.setdefault(fold(name), []).append(Entry(place, "venue", 10**8, iso))
        self._aliases: dict[str, Entries] = {}
        for row in load_table("gazetteer/aliases.tsv", ("alias", "target", "level")):
            targets = [
                e
                for e in self._look_up(fold(row["target"]))
                if e.level == row["level"]
                and (not row["country_code"] or e.country_code == row["country_code"])
            ]
            if targets:
                best = max(targets, key=lambda e: e.population)
                # An alias names one place: it replaces other readings of the same key.
                self._aliases[fold(row["alias"])] = (best,)
        self._cached = lru_cache(maxsize=_REMEMBERED)(self._look_up)

    def get(self, key: str) -> Entries:
        """The places the folded name ``key`` may name; ``()`` when none."""
        return self._cached(key)

    def __contains__(self, key: str) -> bool:
        return bool(self._cached(key))

    def _country_name(self, iso: str) -> str:
        return self._countries.get(iso, (iso, "", ""))[0]

    def _look_up(self, key: str) -> Entries:
        alias = self._aliases.get(key)
        if alias is not None:
            return alias
        found = list(self._before.get(key, ()))
        for (name, others, iso, lat, lon, tz, population), number in self._towns.get(key):
            raw = (name, self._country_name(iso), float(lat), float(lon), tz)
            if number == 0:
                found.append(Entry(None, "city", int(population), iso, raw=raw))
            elif others.split("|")[number - 1].lower() not in self._common:
                # Other spellings rank below every place of that exact name.
                found.append(Entry(None, "city", int(population) // 100, iso, False, raw))
        found += self._after.get(key, ())
        return tuple(found)


# Names looked up are remembered (a news corpus names the same places again and again).
_REMEMBERED = 1 << 14


@cache
def gazetteer_index() -> Gazetteer:
    return Gazetteer()


@cache
def demonyms() -> dict[str, str]:
    """Nationality adjectives and the country each names ("Chinese" -> "China")."""
    return {r["demonym"]: r["country"] for r in load_table("lexicon/demonyms.tsv", ("demonym",))}


def country_place(name: str) -> Place | None:
    """The gazetteer's country of that name (as ``gazetteer/countries.tsv`` spells it)."""
    return next((e.place for e in gazetteer_index().get(fold(name)) if e.level == "country"), None)
