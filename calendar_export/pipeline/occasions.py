"""Stage: an event held for an occasion takes the occasion's date and place when they
are more precise and inside its own ("Xi's expected visit to Korea for next month's APEC
summit" with the summit "in Gyeongju from Oct. 31": the visit is then, and there).

Reads the events of an article and their clusters' occasion links (set by the frames);
changes nothing that would contradict the event's own words: a date only narrows inside
the event's own span, a place only inside its own country.
"""

from __future__ import annotations

from ..models import Event, Place, When
from .merge import Cluster
from .when import precision_rank


def pass_down(clusters: list[Cluster], events: list[Event]) -> list[Event]:
    """``events`` (one per cluster, in the same order), each narrowed by its occasion."""
    # Which clusters hold each frame, and for each cluster the first other cluster with a
    # frame held for one of its frames: one pass over the frames, not one per pair of
    # clusters (an article of many events made that quadratic).
    holders: dict[int, list[int]] = {}
    for i, c in enumerate(clusters):
        for f in c.frames:
            holders.setdefault(id(f), []).append(i)
    occasion_of: dict[int, int] = {}
    for j, o in enumerate(clusters):
        for f in o.frames:
            if f.occasion_for:
                for i in holders.get(id(f.occasion_for), ()):
                    if i != j:
                        occasion_of.setdefault(i, j)
    out = list(events)
    for i, j in occasion_of.items():
        out[i] = _narrowed(events[i], events[j])
    return out


def _narrowed(event: Event, occasion: Event) -> Event:
    when, place = _inner_when(event.when, occasion.when), _inner_place(event.place, occasion.place)
    if when is None and place is None:
        return event
    note = f"Held for {occasion.title}: its {'date' if when else 'place'} is this event's."
    if when is not None and place is not None:
        note = f"Held for {occasion.title}: its date and place are this event's."
    confidence = event.confidence.model_copy(update={"notes": (*event.confidence.notes, note)})
    return event.model_copy(
        update={
            "when": when or event.when,
            "place": place or event.place,
            "confidence": confidence,
        }
    )


def _inner_when(mine: When, theirs: When) -> When | None:
    """The occasion's date, when it is more precise and starts inside the event's own
    ("next month" for a summit from Oct. 31 to Nov. 1)."""
    if theirs.start is None or theirs.end is None:
        return None
    if mine.start is None or mine.end is None:
        return theirs if mine.value is None else None
    inside = mine.start <= theirs.start <= mine.end
    return theirs if inside and precision_rank(theirs) < precision_rank(mine) else None


def _inner_place(mine: Place | None, theirs: Place | None) -> Place | None:
    """The occasion's place, when the event has none or only the same country."""
    if theirs is None:
        return None
    if mine is None:
        return theirs
    country_only = mine.name == mine.country
    same = theirs.country == mine.country and theirs.name != mine.name
    return theirs if country_only and same else None
