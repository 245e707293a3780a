"""Is a newly extracted event the same real-world event as one already stored?

Two articles rarely describe an event the same way: "the G20 summit in New Delhi in
September" today, "the G20 summit on September 9-10" next month. Identity is decided on
:class:`Key` objects, small summaries of an :class:`~calendar_export.models.Event`:

- the kind, in groups that can describe one event (a summit is also a conference);
- the named series in the title (G20, APEC, ...): two different series never match;
- a normalized place (and its country, so "China" is compatible with "Beijing");
- the date span: a month contains its days, so "2023-09" is compatible with "2023-09-09";
- the participants, by name tokens ("Xi" is "Xi Jinping").

:func:`match_score` returns ``None`` when the two cannot be one event, else a score;
:data:`MATCH_THRESHOLD` is what a score must reach. Everything here is pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..models import Event

#: Kinds that can describe the same real-world event.
KIND_GROUPS: dict[str, str] = {
    "summit": "gathering",
    "conference": "gathering",
    "meeting": "meeting",
    "talks": "meeting",
    "visit": "travel",
    "trip": "travel",
    "call": "call",
    "other": "other",
}

#: A score at least this high makes two events one.
MATCH_THRESHOLD = 3

#: A date may move by at most this many days and still be the same (unnamed) event.
MAX_MOVE_DAYS = 120

#: Candidates are looked for this many days around a dated event (a series moves within
#: its year; other events by at most MAX_MOVE_DAYS).
SEARCH_WINDOW_DAYS = 366

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Key:
    """What identity looks at in an event."""

    group: str
    series: frozenset[str]
    place: str | None
    country: str | None
    start: date | None
    end: date | None
    people: tuple[frozenset[str], ...]

    @property
    def weak(self) -> bool:
        """No named series and no participants: only place and date can identify it."""
        return not self.series and not self.people

    def strong_terms(self) -> list[str]:
        """Index terms for the series and the participants' name tokens."""
        terms = {f"s:{s}" for s in self.series}
        terms.update(f"p:{tok}" for person in self.people for tok in person)
        return sorted(terms)

    def place_terms(self) -> list[str]:
        """Index terms for the place and its country."""
        return sorted({f"l:{x}" for x in (self.place, self.country) if x})

    def index_terms(self) -> list[str]:
        """Terms under which the event is indexed to find candidates quickly."""
        return self.strong_terms() + self.place_terms()


def normalize(text: str) -> str:
    """Case-fold, strip accents, collapse white space: ``"Nueva  Délhi"`` -> ``"nueva delhi"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _SPACE.sub(" ", plain.casefold()).strip()
    return plain.removeprefix("the ")


def series_of(title: str) -> frozenset[str]:
    """The named recurring meetings a title mentions (``"G20 summit"`` -> ``{"g20"}``), by
    the extraction's own series table (``lexicon/series.tsv``).

    A number right after the name stays part of it (``COP28`` -> ``cop28``).
    """
    # Imported here: opening a store (a server's start) does not load the extraction.
    from ..pipeline.triggers import series_in

    return series_in(title)


def person_tokens(name: str) -> frozenset[str]:
    """The tokens of a name that identify a person (``"Xi Jinping"`` -> ``{"xi", "jinping"}``)."""
    return frozenset(t for t in re.split(r"[\s.\-]+", normalize(name)) if len(t) > 1)


def key_of(event: Event) -> Key:
    """Summarize an event for identity decisions."""
    place = event.place
    people = tuple(p for p in (person_tokens(n) for n in event.participants) if p)
    return Key(
        group=KIND_GROUPS.get(event.kind, "other"),
        series=series_of(event.title),
        place=normalize(place.name) if place else None,
        country=normalize(place.country) if place and place.country else None,
        start=event.when.start,
        end=event.when.end or event.when.start,
        people=people,
    )


def match_score(new: Key, old: Key) -> int | None:
    """Score how surely ``new`` and ``old`` are one event; ``None`` when they cannot be."""
    if new.group != old.group:
        return None
    parts = (_series_score(new, old), _place_score(new, old), _people_score(new, old))
    if any(p is None for p in parts):
        return None
    score = sum(p for p in parts if p is not None)
    dated = _date_score(new, old, score)
    return None if dated is None else score + dated


def _series_score(new: Key, old: Key) -> int | None:
    if new.series and old.series:
        return 3 if new.series & old.series else None
    return 0


def _place_score(new: Key, old: Key) -> int | None:
    if new.place is None or old.place is None:
        return 0
    if new.place == old.place:
        return 2
    # A country and a city in it ("China" and "Beijing, China") can name one event.
    if new.place == old.country or old.place == new.country:
        return 1
    return None


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def _covered(people: tuple[frozenset[str], ...], by: tuple[frozenset[str], ...]) -> bool:
    return all(any(_same_person(p, q) for q in by) for p in people)


def _people_score(new: Key, old: Key) -> int | None:
    if not new.people or not old.people:
        return 0
    new_in_old = _covered(new.people, old.people)
    old_in_new = _covered(old.people, new.people)
    if new_in_old and old_in_new:
        return 2
    if new_in_old or old_in_new:
        return 1
    if any(_same_person(p, q) for p in new.people for q in old.people):
        # Attendees of a summit: each report names a few, so a partial overlap is fine.
        return 1 if new.group == "gathering" else None
    # Disjoint attendees contradict nothing only when the summit's name is shared.
    return 0 if new.group == "gathering" and new.series & old.series else None


def _date_score(new: Key, old: Key, other_evidence: int) -> int | None:
    if new.start is None or old.start is None:
        return 0
    assert new.end is not None
    assert old.end is not None
    if (new.start, new.end) == (old.start, old.end):
        return 2
    if new.start <= old.end and old.start <= new.end:
        return 1  # overlapping or one inside the other: a month and one of its days
    return 0 if _may_have_moved(new, old, other_evidence) else None


def _may_have_moved(new: Key, old: Key, other_evidence: int) -> bool:
    """Disjoint dates: the same event moved, or another event? Only strong keys decide."""
    assert new.start is not None
    assert old.start is not None
    if new.series & old.series:
        return new.start.year == old.start.year
    assert new.end is not None
    assert old.end is not None
    gap = (new.start - old.end).days if new.start > old.end else (old.start - new.end).days
    places_equal = new.place is not None and new.place == old.place
    return gap <= MAX_MOVE_DAYS and places_equal and other_evidence >= 4
