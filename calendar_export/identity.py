"""Is one report of a meeting the same real-world meeting as another?

Two articles rarely describe a meeting the same way: "the G20 summit in New Delhi in
September" today, "the Group of 20 summit at Bharat Mandapam on September 9-10" next
month. The feed's store and ``calendar-export extract`` over several articles both decide
identity here, on :class:`Key` objects, small summaries of an
:class:`~calendar_export.models.Event`:

- the kind, in groups that can describe one meeting (a summit is also a conference);
- the named series (G20, NATO, ...) by the lexicon's spellings ("Group of 20", "G-20"),
  in the title or right before the title's subject in the sentence ("NATO defence
  ministers"): two different series never match;
- the place as a chain venue -> city -> country: a venue, its city and its country are
  compatible; two different explicit cities are not;
- the date span: a month contains its days. An undated report is bounded by its article's
  publication day: a meeting that "met" cannot be one dated after the article;
- the participants by name tokens ("Xi" is "Xi Jinping"), or, for groups of people, the
  title's subject ("defence ministers" is in "NATO defence ministers").

:func:`match_score` returns ``None`` when two keys cannot be one meeting, else a score;
:data:`MATCH_THRESHOLD` is what a score must reach. Everything here is pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from .errors import DataFileError
from .models import KINDS, Event
from .resources import load_table, load_words

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

#: Two undated reports are one meeting only if their articles are this close in time.
MAX_UNDATED_GAP_DAYS = 31

#: Candidates are looked for this many days around a dated event (a series moves within
#: its year; other events by at most MAX_MOVE_DAYS).
SEARCH_WINDOW_DAYS = 366

#: Statuses that report a change to a known meeting rather than a meeting of their own.
CHANGE_STATUSES = frozenset({"cancelled", "postponed"})

_CHANGE_CUES = "lexicon/change_cues.tsv"
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
_LABEL = re.compile(r"^\s*\w+:\s*")
_YEAR = timedelta(days=SEARCH_WINDOW_DAYS)


@dataclass(frozen=True, slots=True)
class Key:
    """What identity looks at in an event."""

    group: str
    kind: str
    series: frozenset[str]
    place: str | None
    country: str | None
    start: date | None
    end: date | None
    people: tuple[frozenset[str], ...]
    chain: tuple[str, ...] = ()
    subject: frozenset[str] = frozenset()
    published: date | None = None
    happened: bool = False
    change: bool = False
    moved: bool = False

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
        """Index terms for the place and what contains it (city, country)."""
        return sorted({f"l:{x}" for x in (*self.chain, self.place, self.country) if x})

    def index_terms(self) -> list[str]:
        """Terms under which the event is indexed to find candidates quickly."""
        return self.strong_terms() + self.place_terms()


@lru_cache(maxsize=65536)  # names and places repeat across the events of a store
def normalize(text: str) -> str:
    """Case-fold, strip accents, collapse white space: ``"Nueva  Délhi"`` -> ``"nueva delhi"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _SPACE.sub(" ", plain.casefold()).strip()
    return plain.removeprefix("the ")


def series_of(title: str) -> frozenset[str]:
    """The named recurring meetings a title mentions (``"G20 summit"`` -> ``{"g20"}``), by
    the extraction's own series table (``lexicon/series.tsv``), aliases included.

    A number right after the name stays part of it (``COP28`` -> ``cop28``).
    """
    from .pipeline.triggers import series_in  # not at import: a server's start reads no rules

    return series_in(title)


def person_tokens(name: str) -> frozenset[str]:
    """The tokens of a name that identify a person (``"Xi Jinping"`` -> ``{"xi", "jinping"}``)."""
    return frozenset(t for t in re.split(r"[\s.\-]+", normalize(name)) if len(t) > 1)


def subject_phrase(event: Event) -> str:
    """The title without its kind label and its place: ``"Meeting: NATO defence ministers
    in Brussels"`` -> ``"NATO defence ministers"``."""
    title = _LABEL.sub("", event.title)
    place = event.place
    if place is not None:
        for name in (place.name, place.city, place.country):
            if name and title.endswith(name):
                title = title[: -len(name)].rstrip()
                title = re.sub(r"\s+(?:in|to|at)$", "", title)
                break
    return title.strip()


def _subject_tokens(phrase: str) -> frozenset[str]:
    stop = load_words("scoring/stopwords.txt") | set(KINDS) | {"leaders'", "forum"}
    return frozenset(w for w in (normalize(t) for t in _WORD.findall(phrase)) if w not in stop)


def _series_before(subject: str, sentences: list[str]) -> frozenset[str]:
    """A series named right before the subject in a sentence ("NATO defence ministers")."""
    if not subject:
        return frozenset()
    for sentence in sentences:
        at = sentence.casefold().find(subject.casefold())
        if at <= 0:
            continue
        words = sentence[:at].split()[-4:]
        if not sentence[:at].endswith((" ", "\u00a0")):
            continue
        for k in range(1, len(words) + 1):
            found = series_of(" ".join(words[-k:]))
            if found:
                return found
    return frozenset()


@cache
def _change_cues() -> re.Pattern[str]:
    rows = load_table(_CHANGE_CUES, ("pattern", "example"))
    for row in rows:
        try:
            rx = re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE)
        except re.error as exc:
            raise DataFileError(
                f"bad pattern: {exc}", file=_CHANGE_CUES, line=int(row["_line"])
            ) from exc
        if rx.fullmatch("") or not rx.search(row["example"]):
            raise DataFileError(
                f"pattern {row['pattern']!r} does not match its example",
                file=_CHANGE_CUES,
                line=int(row["_line"]),
            )
    return re.compile(
        r"\b(?:" + "|".join(f"(?:{r['pattern']})" for r in rows) + r")\b", re.IGNORECASE
    )


def reports_a_change(event: Event) -> bool:
    """True when the event is postponed, or its newest sentences say its date or place
    changed ("moved to Thursday", "rescheduled for May 12-13", "instead of Tuesday")."""
    if event.status == "postponed":
        return True
    cues = _change_cues()
    latest = latest_publication(event)
    # Of a story folded from several articles, only the newest article's words count: a
    # move reported in February does not let the meeting move again in November.
    return any(cues.search(m.sentence) for m in event.mentions if m.published in (None, latest))


def latest_publication(event: Event) -> date | None:
    """The latest publication day among the event's mentions, if they carry one."""
    days = [m.published for m in event.mentions if m.published is not None]
    return max(days) if days else None


def is_undated_change(event: Event, published: date | None) -> bool:
    """A cancellation or postponement with no date of its own, or dated only by the day
    it was announced ("the summit has been cancelled, the ministry said on Wednesday"):
    it applies to a known meeting."""
    when = event.when
    if event.status not in CHANGE_STATUSES:
        return False
    if when.start is None:
        return when.value is None
    return published is not None and when.start == published == (when.end or when.start)


def key_of(event: Event, *, published: date | None = None) -> Key:
    """Summarize an event for identity decisions; ``published`` defaults to its mentions'."""
    place = event.place
    published = published or latest_publication(event)
    people = tuple(p for p in (person_tokens(n) for n in event.participants) if p)
    subject = subject_phrase(event)
    series = series_of(event.title) or _series_before(subject, [m.sentence for m in event.mentions])
    chain = tuple(normalize(x) for x in _chain(event) if x)
    change = is_undated_change(event, published)
    start = None if change else event.when.start
    return Key(
        group=KIND_GROUPS.get(event.kind, "other"),
        kind=event.kind,
        series=series,
        place=chain[0] if chain else None,
        country=normalize(place.country) if place and place.country else None,
        start=start,
        end=(event.when.end or event.when.start) if start else None,
        people=people,
        chain=chain,
        subject=_subject_tokens(subject) if not people else frozenset(),
        published=published,
        happened=event.status == "happened",
        change=change,
        moved=reports_a_change(event),
    )


def _chain(event: Event) -> tuple[str | None, ...]:
    place = event.place
    if place is None:
        return ()
    return tuple(dict.fromkeys((place.name, place.city, place.country)))


def match_score(new: Key, old: Key) -> int | None:
    """Score how surely ``new`` and ``old`` are one event; ``None`` when they cannot be."""
    if new.group != old.group:
        return None
    parts = (
        _series_score(new, old),
        place_score(new, old),
        _people_score(new, old),
        _subject_score(new, old),
    )
    if any(p is None for p in parts):
        return None
    score = sum(p for p in parts if p is not None)
    if (new.change or old.change or new.moved or old.moved) and new.kind == old.kind:
        score += 1  # "the summit in Lima has been cancelled": the kind names the meeting
    dated = _date_score(new, old, score)
    return None if dated is None else score + dated


def _series_score(new: Key, old: Key) -> int | None:
    if new.series and old.series:
        return 3 if new.series & old.series else None
    return 0


def place_score(new: Key, old: Key) -> int | None:
    """2 for one place, 1 when one contains the other (venue, city, country), else None."""
    if not new.chain or not old.chain:
        return 0
    if new.chain[0] == old.chain[0]:
        return 2
    if new.chain[0] in old.chain or old.chain[0] in new.chain:
        return 1
    # Two venues of one city (a summit's sessions, two spellings of one hall).
    if len(new.chain) == 3 and len(old.chain) == 3 and new.chain[1] == old.chain[1]:
        return 1
    return None


def contains_place(outer: Key, inner: Key) -> bool:
    """True when ``outer``'s place strictly contains ``inner``'s (a country, its city)."""
    return bool(outer.chain and inner.chain) and (
        outer.chain[0] != inner.chain[0] and outer.chain[0] in inner.chain
    )


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


def _subject_score(new: Key, old: Key) -> int:
    """Groups of people named alike ("defence ministers", "NATO defence ministers")."""
    if not new.subject or not old.subject:
        return 0
    if new.subject == old.subject:
        return 2
    return 1 if new.subject <= old.subject or old.subject <= new.subject else 0


def _date_score(new: Key, old: Key, other_evidence: int) -> int | None:
    if new.start is None or old.start is None:
        return 0 if _undated_fits(new, old) and _undated_fits(old, new) else None
    assert new.end is not None
    assert old.end is not None
    if (new.start, new.end) == (old.start, old.end):
        return 2
    if new.start <= old.end and old.start <= new.end:
        return 1  # overlapping or one inside the other: a month and one of its days
    return 0 if _may_have_moved(new, old, other_evidence) else None


def _undated_fits(undated: Key, other: Key) -> bool:
    """Can ``other`` be the meeting an undated report's article speaks of?

    An undated report is read within a year of its article: a meeting that "met" is
    before the article, and one still to come (or called off) is not long past.
    """
    if undated.start is not None or undated.published is None:
        return True
    day = undated.published
    if other.start is None or other.end is None:
        # Two undated reports: only articles close in time speak of one meeting.
        gap = abs((other.published - day).days) if other.published else 0
        return gap <= MAX_UNDATED_GAP_DAYS
    if undated.happened:
        return other.start <= day and other.end >= day - _YEAR
    return other.end >= day - timedelta(days=31) and other.start <= day + _YEAR


def _may_have_moved(new: Key, old: Key, other_evidence: int) -> bool:
    """Disjoint dates: the same event moved, or another event? Only strong keys decide."""
    assert new.start is not None
    assert old.start is not None
    if not (new.moved or old.moved) and _was_past(new, old):
        return False
    if new.series & old.series:
        # A series holds one summit a year, but its ministers meet several times (NATO
        # defence ministers in February and in June): a named meeting that is no summit
        # moves within its year only when an article says it moved.
        summit = new.group == "gathering"
        return new.start.year == old.start.year and (summit or new.moved or old.moved)
    assert new.end is not None
    assert old.end is not None
    gap = (new.start - old.end).days if new.start > old.end else (old.start - new.end).days
    places_equal = new.place is not None and new.place == old.place
    needed = 3 if new.moved or old.moved else 4  # a reported change is evidence of a move
    return gap <= MAX_MOVE_DAYS and places_equal and other_evidence >= needed


def _was_past(a: Key, b: Key) -> bool:
    """Had the earlier article's meeting already taken place when the later article was
    published? A committee that meets in March and again in April: a date reported after
    the known one has passed, with no word of a change, is another meeting."""
    if a.published is None or b.published is None:
        return False
    earlier, later = (a, b) if a.published <= b.published else (b, a)
    assert later.published is not None
    return earlier.end is not None and earlier.end < later.published
