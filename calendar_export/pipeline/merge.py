"""Stage: one event, many mentions. Reads frames in text order; groups the frames that
speak of the same event into clusters.

A frame joins an earlier cluster when kinds agree and dates and places do not clash,
and something links them: the same named series ("the G20 summit"), a definite
reference ("the talks", "his visit"), or a shared participant (including a named person
filling an unnamed role: "its president" ... "President Xi Jinping").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .frames import Frame
from .when import precision_rank

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
_PLANNED = {"scheduled", "expected", "possible", "invited", "proposed"}
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

    def bounds(self) -> tuple[date | None, date | None]:
        for f in sorted(self.frames, key=_precision_rank):
            if f.when.start is not None:
                return f.when.start, f.when.end
        return None, None

    def place_names(self) -> set[str]:
        return {n for f in self.frames if f.place for n in (f.place.name, f.place.country) if n}

    def happened(self) -> bool:
        return any(f.status == "happened" and f.status_known for f in self.frames)


def _precision_rank(f: Frame) -> int:
    return precision_rank(f.when)


@dataclass(slots=True)
class _Facts:
    """What merging asks of a cluster for every frame it weighs (the answers of the
    :class:`Cluster` methods of that name), brought up to date as each frame joins: a
    cluster of n frames costs n updates, not n re-reads of all its frames."""

    families: set[str]
    sentence_series: set[tuple[int, str | None]] = field(default_factory=set)
    series: str | None = None
    values: set[str] = field(default_factory=set)
    bounds: tuple[date | None, date | None] = (None, None)
    bounds_rank: int | None = None  # the precision rank of the frame ``bounds`` are from
    place_names: set[str] = field(default_factory=set)
    area_names: set[str] = field(default_factory=set)  # place_names and every frame's area
    happened: bool = False
    plans: bool = False  # some frame's status is known
    plans_undated: bool = True  # every such frame is an undated plan
    people: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    purposes: set[str] = field(default_factory=set)
    known_statuses: set[str] = field(default_factory=set)
    last_sentence: int = -1

    @classmethod
    def of(cls, frame: Frame) -> _Facts:
        """The facts of a cluster of one frame."""
        facts = cls(families={_KIND_FAMILY[frame.kind]})
        facts.add(frame)
        return facts

    @property
    def all_plans_undated(self) -> bool:
        """Some frame's status is known, and all such are undated plans."""
        return self.plans and self.plans_undated

    def add(self, f: Frame) -> None:
        """Take in ``f``, the cluster's newest frame."""
        if f.purpose:
            self.purposes.add(f.purpose)
            self.families.add(_KIND_FAMILY[f.purpose])
        self.sentence_series.add((f.sentence, f.series))
        self.series = self.series or f.series  # the first frame's with one
        if f.when.value:
            self.values.add(f.when.value)
        rank = _precision_rank(f)
        if f.when.start is not None and (self.bounds_rank is None or rank < self.bounds_rank):
            self.bounds, self.bounds_rank = (f.when.start, f.when.end), rank
        if f.place:
            names = {n for n in (f.place.name, f.place.country) if n}
            self.place_names |= names
            self.area_names |= names
        self.area_names.update(f.area)
        self.happened = self.happened or (f.status == "happened" and f.status_known)
        if f.status_known:
            self.plans = True
            self.plans_undated = self.plans_undated and (
                f.status in _PLANNED and f.when.start is None
            )
            self.known_statuses.add(f.status)
        self.people.update(f.people)
        self.kinds.add(f.kind)
        self.last_sentence = f.sentence


def merge_frames(frames: list[Frame], titles: dict[str, str]) -> list[Cluster]:
    """Group frames into clusters, one per event; ``titles`` maps people to their titles.

    A frame can only join a cluster of its kind's family (that of the cluster's first
    frame or of a purpose: "travel ... for talks"), and only one it is linked to: a body
    frame is weighed against the clusters of its family that share a person or a series
    with it, or, for a definite reference, that were last mentioned within reach
    (:class:`_Links`); the rest could not score, so a long article of unrelated mentions
    costs linear time, not quadratic. A headline frame is weighed against them all.
    """
    clusters: list[Cluster] = []
    facts: list[_Facts] = []
    links = _Links()
    for frame in frames:
        candidates = [(i, clusters[i], facts[i]) for i in links.candidates(frame)]
        index = _best_cluster(frame, candidates, titles)
        if index is None:
            index = len(clusters)
            clusters.append(Cluster([frame], list(frame.roles)))
            facts.append(_Facts.of(frame))
        else:
            _fill_roles(clusters[index], frame, titles, facts[index])
            clusters[index].frames.append(frame)
            facts[index].add(frame)
        links.add(index, frame, facts[index])
    return clusters


class _Links:
    """Which clusters a frame could join: an index of the clusters by family, person,
    series and last sentence. :func:`_link_score` is 0 for any other cluster (it needs a
    shared person, the same series, a headline, or a definite reference within
    ``_WINDOW`` sentences), so leaving them out changes no choice."""

    def __init__(self) -> None:
        self.families: dict[str, set[int]] = {}
        self.people: dict[str, set[int]] = {}
        self.series: dict[str, set[int]] = {}
        self.ending: dict[int, set[int]] = {}  # last sentence -> clusters
        self.last: dict[int, int] = {}  # cluster -> its last sentence
        self.latest = -1  # the highest last sentence so far

    def candidates(self, frame: Frame) -> list[int]:
        """The clusters of the families ``frame`` could join, in order."""
        members: set[int] = set()
        for family in _families(frame):
            members |= self.families.get(family, set())
        if frame.headline:
            return sorted(members)
        found: set[int] = set()
        for person in frame.people:
            found |= self.people.get(person, set())
        if frame.series:
            found |= self.series.get(frame.series, set())
        if frame.definite:
            for sentence in range(frame.sentence - _WINDOW, self.latest + 1):
                found |= self.ending.get(sentence, set())
        return sorted(found & members)

    def add(self, index: int, frame: Frame, facts: _Facts) -> None:
        """Index cluster ``index`` after ``frame`` joined it (or started it)."""
        for family in facts.families:  # its first frame's, and those of its purposes
            self.families.setdefault(family, set()).add(index)
        for person in frame.people:
            self.people.setdefault(person, set()).add(index)
        if facts.series:
            self.series.setdefault(facts.series, set()).add(index)
        old = self.last.get(index)
        if old is not None:
            self.ending[old].discard(index)
        self.last[index] = facts.last_sentence
        self.ending.setdefault(facts.last_sentence, set()).add(index)
        self.latest = max(self.latest, facts.last_sentence)


def _best_cluster(
    frame: Frame, clusters: list[tuple[int, Cluster, _Facts]], titles: dict[str, str]
) -> int | None:
    """The index of the cluster ``frame`` joins, or None for a new event."""
    best: tuple[int, int, int] | None = None
    chosen = None
    for order, c, facts in clusters:
        if not _compatible(frame, c, facts):
            continue
        score = _link_score(frame, c, titles, facts)
        if score <= 0:
            continue
        key = (score, facts.last_sentence, -order)
        if best is None or key > best:
            best, chosen = key, order
    return chosen


def _compatible(frame: Frame, c: Cluster, facts: _Facts) -> bool:
    if not _families(frame) & facts.families:
        return False
    if (frame.sentence, frame.series) in facts.sentence_series:
        return False  # two event words of one sentence were kept apart on purpose
    series = facts.series
    if frame.series and series and frame.series != series:
        return False
    values = facts.values
    if (
        frame.when.value
        and values
        and frame.when.value not in values
        and (frame.when.start is None or facts.bounds[0] is None)
    ):
        return False  # "later in the year" and "in the coming months" are not one date
    start, end = facts.bounds
    if None not in (frame.when.start, frame.when.end, start, end) and (
        frame.when.start > end or frame.when.end < start  # type: ignore[operator]
    ):
        # Reports may disagree on the date of one event ("the talks ... will open on
        # December 18"): a definite reference to the same kind still joins it, and the
        # other date is kept as a runner-up with lower confidence.
        return _same_event_other_date(frame, c, facts)
    names = facts.place_names
    if frame.place is not None and names and not ({frame.place.name, frame.place.country} & names):
        return False
    # A past event and an undated plan are two events, unless one side is a bare reference.
    if (
        frame.status_known
        and frame.when.start is None
        and frame.status not in ("happened", "cancelled", "postponed")
        and facts.happened
    ):
        return False
    return not (frame.status_known and frame.status == "happened" and facts.all_plans_undated)


def _same_event_other_date(frame: Frame, c: Cluster, facts: _Facts) -> bool:
    if not (frame.definite and frame.kind in facts.kinds and frame.when.start is not None):
        return False
    start, _ = facts.bounds
    if start is None:
        return False
    gap = abs((frame.when.start - start).days)
    return gap <= 31 and not facts.happened and frame.status != "happened"


def _link_score(frame: Frame, c: Cluster, titles: dict[str, str], facts: _Facts) -> int:
    score = 0
    series = facts.series
    if frame.series and frame.series == series:
        score += 3
    kinds = facts.kinds | facts.purposes
    same_kind = frame.kind in kinds or _KIND_FAMILY[frame.kind] == "travel"
    shared = set(frame.people) & facts.people
    if shared:
        score += 2 * len(shared)
        newcomers = [p for p in frame.people if p not in facts.people]
        for person in newcomers:
            title = titles.get(person, "").lower()
            if any(_fills(role, title) for role in c.open_roles):
                score += 3
            elif c.open_roles and not title:
                score += 1
            elif c.open_roles and title:
                score -= 1
    if frame.headline and _families(frame) & {_KIND_FAMILY[k] for k in kinds}:
        # A headline's event is the story's: any shared person, place or series links it.
        names = facts.area_names
        same_status = frame.status_known and frame.status in facts.known_statuses
        if (
            shared
            or (frame.place is not None and frame.place.name in names)
            or (frame.series and frame.series == series)
            or (same_status and frame.status != "scheduled")
        ):
            score += 3
    same_place = frame.place is not None and frame.place.name in facts.area_names
    if frame.definite and frame.sentence - facts.last_sentence <= _WINDOW:
        if same_place:
            score += 3  # "the Ottawa meeting" is the one held in Ottawa
        elif same_kind:
            score += 2
    mine, theirs = set(frame.people), facts.people
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
    linked = (
        shared
        or (frame.series and frame.series == series)
        or (frame.definite and (same_kind or same_place))
        or (frame.headline and score > 0)
    )
    if frame.when.value is not None and not linked:
        return 0  # a dated mention starts its own event unless something links it
    return score


def _families(frame: Frame) -> set[str]:
    """The families of clusters a frame may join: its kind's; a headline's "meeting" may
    also be the story's summit or conference ("leaders to meet next week" over a body
    that names the summit), as headlines name events loosely."""
    family = _KIND_FAMILY[frame.kind]
    if frame.headline and family == "meet":
        return {family, "summit"}
    return {family}


def _fills(role: str, title: str) -> bool:
    """A title fills a role that names it: "President" fills "its president"."""
    return bool(title) and role.split()[-1] in title


def _fill_roles(c: Cluster, frame: Frame, titles: dict[str, str], facts: _Facts) -> None:
    for person in frame.people:
        if person in facts.people or not c.open_roles:
            continue
        title = titles.get(person, "").lower()
        match = next((r for r in c.open_roles if _fills(r, title)), None)
        c.open_roles.remove(match or c.open_roles[0])
