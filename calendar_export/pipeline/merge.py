"""Stage: one event, many mentions. Reads frames in text order; groups the frames that
speak of the same event into clusters.

A frame joins an earlier cluster when kinds agree and dates and places do not clash,
and something links them: the same named series ("the G20 summit"), a definite
reference ("the talks", "his visit"), or a shared participant (including a named person
filling an unnamed role: "its president" ... "President Xi Jinping").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .frames import Frame

_KIND_FAMILY = {
    "visit": "travel",
    "trip": "travel",
    "meeting": "meet",
    "talks": "meet",
    "summit": "summit",
    "conference": "summit",
    "call": "call",
    "other": "other",
}
_WINDOW = 12  # sentences a definite reference may reach back


@dataclass
class Cluster:
    """The frames of one event."""

    frames: list[Frame] = field(default_factory=list)
    open_roles: list[str] = field(default_factory=list)

    @property
    def last_sentence(self) -> int:
        return self.frames[-1].sentence

    def people(self) -> set[str]:
        return {p for f in self.frames for p in f.people}

    def series(self) -> str | None:
        return next((f.series for f in self.frames if f.series), None)

    def bounds(self) -> tuple[object, object]:
        for f in sorted(self.frames, key=_precision_rank):
            if f.when.start is not None:
                return f.when.start, f.when.end
        return None, None

    def place_names(self) -> set[str]:
        return {n for f in self.frames if f.place for n in (f.place.name, f.place.country) if n}

    def happened(self) -> bool:
        return any(f.status == "happened" and f.status_known for f in self.frames)


_PRECISION_ORDER = ["time", "day", "week", "month", "season", "quarter", "year", "vague", "none"]


def _precision_rank(f: Frame) -> int:
    return _PRECISION_ORDER.index(f.when.precision)


def merge_frames(frames: list[Frame], titles: dict[str, str]) -> list[Cluster]:
    """Group frames into clusters, one per event; ``titles`` maps people to their titles."""
    clusters: list[Cluster] = []
    for frame in frames:
        best = _best_cluster(frame, clusters, titles)
        if best is None:
            clusters.append(Cluster([frame], list(frame.roles)))
            continue
        _fill_roles(best, frame, titles)
        best.frames.append(frame)
    return clusters


def _best_cluster(frame: Frame, clusters: list[Cluster], titles: dict[str, str]) -> Cluster | None:
    best: tuple[int, int] | None = None
    chosen = None
    for order, c in enumerate(clusters):
        if not _compatible(frame, c):
            continue
        score = _link_score(frame, c, titles)
        if score <= 0:
            continue
        key = (score, -order)
        if best is None or key > best:
            best, chosen = key, c
    return chosen


def _compatible(frame: Frame, c: Cluster) -> bool:
    if _KIND_FAMILY[frame.kind] != _KIND_FAMILY[c.frames[0].kind]:
        return False
    if any(f.sentence == frame.sentence and f.series == frame.series for f in c.frames):
        return False  # two event words of one sentence were kept apart on purpose
    series = c.series()
    if frame.series and series and frame.series != series:
        return False
    values = {f.when.value for f in c.frames if f.when.value}
    if (
        frame.when.value
        and values
        and frame.when.value not in values
        and (frame.when.start is None or c.bounds()[0] is None)
    ):
        return False  # "later in the year" and "in the coming months" are not one date
    start, end = c.bounds()
    if frame.when.start is not None and start is not None:
        assert frame.when.end is not None
        if frame.when.start > end or frame.when.end < start:  # type: ignore[operator]
            return False
    names = c.place_names()
    if frame.place is not None and names and not ({frame.place.name, frame.place.country} & names):
        return False
    # A past event and an undated plan are two events, unless one side is a bare reference.
    return not (
        frame.status_known
        and frame.when.start is None
        and frame.status not in ("happened", "cancelled", "postponed")
        and c.happened()
    )


def _link_score(frame: Frame, c: Cluster, titles: dict[str, str]) -> int:
    score = 0
    series = c.series()
    if frame.series and frame.series == series:
        score += 3
    same_kind = frame.kind == c.frames[0].kind or _KIND_FAMILY[frame.kind] == "travel"
    shared = set(frame.people) & c.people()
    if shared:
        score += 2 * len(shared)
        newcomers = [p for p in frame.people if p not in c.people()]
        for person in newcomers:
            title = titles.get(person, "").lower()
            if any(role.split()[-1] in title for role in c.open_roles if title):
                score += 3
            elif c.open_roles and not title:
                score += 1
            elif c.open_roles and title:
                score -= 1
    if frame.definite and same_kind and frame.sentence - c.last_sentence <= _WINDOW:
        score += 2
    mine, theirs = set(frame.people), c.people()
    if mine and theirs and not shared:
        return 0  # both name who takes part, and nobody is common to them
    if (
        len(mine) >= 2
        and len(theirs) >= 2
        and (mine - theirs)
        and (theirs - mine)
        and not c.open_roles
    ):
        return 0  # different pairs of people: "Blinken meets Xi" is not "Biden meets Xi"
    if (
        frame.when.value is not None
        and not shared
        and not (frame.series and frame.series == series)
    ):
        return 0  # a dated mention starts its own event unless someone or the series links it
    return score


def _fill_roles(c: Cluster, frame: Frame, titles: dict[str, str]) -> None:
    for person in frame.people:
        if person in c.people() or not c.open_roles:
            continue
        title = titles.get(person, "").lower()
        match = next((r for r in c.open_roles if title and r.split()[-1] in title), None)
        c.open_roles.remove(match or c.open_roles[0])
