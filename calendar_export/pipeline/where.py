"""Where an event is: the place its mentions say, the host's country, or a place the
article implies (a visit's destination, the article's main country, the dateline),
each inferred one named in the event's notes. Used by :mod:`.assemble`."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from ..models import Place, When
from .document import Doc, level_rank
from .frames import Frame
from .merge import Cluster


def main_place(doc: Doc) -> Place | None:
    """The country the article is about: most named as a destination or dateline."""
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for p in doc.places:
        if p.role in ("location", "dateline") and p.place.country:
            counts[p.place.country] += 2 if p.role == "dateline" else 1
            if p.level == "country":
                first.setdefault(p.place.country, p.place)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return first.get(country) or Place(name=country, country=country) if n >= 1 else None


def visit_anchors(clusters: list[Cluster]) -> list[tuple[set[str], Place, Cluster]]:
    """Visits and trips with a destination: who travels, and where to."""
    out = []
    for c in clusters:
        located = [f for f in c.frames if f.place is not None]
        travellers = {p for f in c.frames for p in f.subjects}
        if c.frames[0].kind in ("visit", "trip") and located and travellers:
            best = min(located, key=lambda f: level_rank(f.place_level))
            assert best.place is not None
            out.append((travellers, best.place, c))
    return out


def event_place(
    c: Cluster, main: Place | None, anchors: list[tuple[set[str], Place, Cluster]], when: When
) -> tuple[Place | None, Place | None]:
    """The clause's own place; else, when the text implies it, an inferred one.

    A meeting of someone on a visit, at the visit's time, is at the visit's destination;
    a trip with no destination goes where the article is about (its main place).
    """
    frames = c.frames
    located = [f for f in frames if f.place is not None]
    if located:
        best = min(located, key=lambda f: level_rank(f.place_level))
        return best.place, None
    hosted = next((f.host_country for f in frames if f.host_country is not None), None)
    if hosted is not None:
        return hosted, hosted  # "Chinese President Xi will host": in China
    if any(f.series or f.has_occasion for f in frames):
        return None, None
    start, end = when.start, when.end
    travel = frames[0].kind in ("visit", "trip", "other")
    for people, place, anchor in anchors:
        a_start, a_end = anchor.bounds()
        days = max((f.days for f in anchor.frames), default=0)
        if a_start is not None and a_end is not None and days > 1:
            a_end = max(a_end, a_start + timedelta(days=days - 1))  # "a three-day visit"
        # A meeting must fall within the visit; a trip or plan of the same traveller
        # (put off, cancelled, or simply undated) goes to the same destination.
        overlap = (
            start is not None
            and end is not None
            and a_start is not None
            and a_end is not None
            and not (start > a_end or end < a_start)
        )
        if anchor is not c and people & c.people() and (overlap or travel):
            return place, place
    if main is not None and frames[0].kind in ("visit", "trip"):
        return main, main
    return _dateline_place(c, when), None


def inferred_note(frames: list[Frame], inferred: Place | None) -> str | None:
    if inferred is None:
        return None
    if any(f.host_country == inferred for f in frames):
        return f"{inferred.name}, the host's country"
    return inferred.name


def _dateline_place(c: Cluster, when: When) -> Place | None:
    """A meeting on the dateline's day, with no place of its own, is where the story was
    filed ("NEW DELHI, Dec 12: ... who met the Indian prime minister")."""
    frames = c.frames
    dateline = next((f.dateline for f in frames if f.dateline is not None), None)
    if dateline is None or when.start is None or when.precision not in ("day", "time"):
        return None
    if frames[0].kind not in ("meeting", "talks") or any(f.remote for f in frames):
        return None
    published = frames[0].published
    return dateline if abs((when.start - published).days) <= 2 else None
