"""Every shape calendar-export produces or reads, defined once.

The JSON output, the published JSON Schema, golden files and HTTP responses all come
from these models (``model_dump(mode="json")``). Field names are a public contract:
other tools read them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Status = Literal[
    "happened",
    "scheduled",
    "expected",
    "possible",
    "invited",
    "proposed",
    "postponed",
    "cancelled",
]
"""How sure the article is that the event takes (or took) place, in its own words."""

STATUSES: tuple[Status, ...] = get_args(Status)

Kind = Literal["summit", "meeting", "visit", "talks", "conference", "call", "trip", "other"]
KINDS: tuple[Kind, ...] = get_args(Kind)

Precision = Literal["time", "day", "week", "month", "season", "quarter", "year", "vague", "none"]
PRECISIONS: tuple[Precision, ...] = get_args(Precision)
"""Precisions from the finest to the coarsest."""
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Score = Annotated[float, Field(ge=0.0, le=1.0)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(_Frozen):
    """One input article: its text, publication date and where it came from."""

    text: str
    published: date
    source: str | None = None


class Timex(_Frozen):
    """A temporal expression found in a text, normalized as a TIMEX3 value.

    ``start``/``end`` are character offsets into the text (end exclusive).
    ``alternatives`` keeps runner-up readings when the choice was close.
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    precision: Precision = "day"
    alternatives: tuple[str, ...] = ()
    rule: str = ""


class When(_Frozen):
    """When an event takes place, no more precisely than the text says.

    ``start``/``end`` are the first and last day the value covers (inclusive);
    both are ``None`` when no date is known.
    """

    value: str | None = None
    start: date | None = None
    end: date | None = None
    precision: Precision = "none"
    text: str | None = None


class Place(_Frozen):
    """A resolved place with the facts a calendar needs.

    ``city`` is set for a venue (the city it stands in); coordinates are left out when
    they are not known (a venue the gazetteer lacks, a whole country).
    """

    name: str
    country: str | None = None
    city: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    timezone: str | None = None


class Confidence(_Frozen):
    """A score in [0, 1] and the reasons for it, each a sentence a reader understands."""

    score: Score
    notes: tuple[str, ...] = ()


class Mention(_Frozen):
    """Where an event is stated: the sentence and its character offsets in the source text."""

    source: str | None = None
    published: date | None = None
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rules: tuple[str, ...] = ()


class Event(_Frozen):
    """A meeting-like event stated or implied by an article."""

    uid: str
    title: str
    kind: Kind
    status: Status
    when: When
    place: Place | None = None
    participants: tuple[str, ...] = ()
    confidence: Confidence
    mentions: tuple[Mention, ...] = ()


class EventList(_Frozen):
    """The JSON document ``calendar-export extract --format json`` writes."""

    events: tuple[Event, ...] = ()
