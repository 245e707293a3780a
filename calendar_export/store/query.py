"""Which events a feed shows: the filters of ``/calendar.ics``, ``/events.json`` and ``/``.

:meth:`FeedQuery.from_params` reads URL query parameters and raises
:class:`QueryError` (a message for a 400 answer) on anything it does not understand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field

from ..errors import CalendarExportError
from ..models import KINDS, STATUSES
from ..resources import load_table

PARAMETERS = ("min_confidence", "status", "kind", "country", "from", "to", "upcoming")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRUE = {"1", "true", "yes"}
_FALSE = {"0", "false", "no", ""}


class QueryError(CalendarExportError):
    """A query parameter is unknown or has a value that cannot be used."""


class FeedQuery(BaseModel):
    """Filters over stored events; the empty query selects everything."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    upcoming: bool = False

    @classmethod
    def from_params(cls, items: Iterable[tuple[str, str]]) -> FeedQuery:
        """Parse ``(name, value)`` pairs; a name may repeat or hold a comma list."""
        values: dict[str, list[str]] = {}
        for name, value in items:
            if name not in PARAMETERS:
                raise QueryError(
                    f"unknown query parameter {name!r}; known: {', '.join(PARAMETERS)}"
                )
            values.setdefault(name, []).extend(v.strip() for v in value.split(","))
        return cls(
            min_confidence=_confidence(values.get("min_confidence")),
            statuses=_choices("status", values.get("status"), STATUSES),
            kinds=_choices("kind", values.get("kind"), KINDS),
            countries=_countries(values.get("country")),
            start=_date("from", values.get("from")),
            end=_date("to", values.get("to")),
            upcoming=_flag("upcoming", values.get("upcoming")),
        )._checked()

    def _checked(self) -> FeedQuery:
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"'from' ({self.start}) is after 'to' ({self.end})")
        return self

    def to_params(self) -> list[tuple[str, str]]:
        """The query parameters that select this query (for links), in a stable order."""
        params: list[tuple[str, str]] = []
        if self.min_confidence:
            params.append(("min_confidence", f"{self.min_confidence:g}"))
        for name, vals in (("status", self.statuses), ("kind", self.kinds)):
            if vals:
                params.append((name, ",".join(vals)))
        if self.countries:
            params.append(("country", ",".join(self.countries)))
        if self.start:
            params.append(("from", self.start.isoformat()))
        if self.end:
            params.append(("to", self.end.isoformat()))
        if self.upcoming:
            params.append(("upcoming", "1"))
        return params

    def query_string(self) -> str:
        """``to_params`` URL-encoded, without the ``?``."""
        return urlencode(self.to_params())


@cache
def _country_names() -> dict[str, str]:
    """Case-folded ISO 3166 code or name -> the case-folded name events are stored under."""
    names: dict[str, str] = {}
    for row in load_table("gazetteer/countries.tsv", ("iso", "name")):
        name = row["name"].casefold()
        names[row["iso"].casefold()] = name
        names[name] = name
    return names


def _countries(values: list[str] | None) -> tuple[str, ...]:
    """Countries by ISO 3166 code (``CH``) or name (``Switzerland``), any case."""
    known = _country_names()
    chosen = []
    for value in (v for v in values or [] if v):
        name = known.get(value.casefold())
        if name is None:
            raise QueryError(
                f"country {value!r} is neither an ISO 3166 code nor a country name we know; "
                "give a code such as CH or a name such as Switzerland"
            )
        chosen.append(name)
    return tuple(dict.fromkeys(chosen))


def _one(name: str, values: list[str] | None) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        raise QueryError(f"{name!r} takes one value, got {len(values)}")
    return values[0]


def _confidence(values: list[str] | None) -> float:
    raw = _one("min_confidence", values)
    if not raw:
        return 0.0
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise QueryError(f"min_confidence must be a number from 0 to 1, got {raw!r}")
    return value


def _choices(name: str, values: list[str] | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    chosen = [v for v in values or [] if v]
    bad = [v for v in chosen if v not in allowed]
    if bad:
        raise QueryError(f"{name} {bad[0]!r} is not one of: {', '.join(allowed)}")
    return tuple(dict.fromkeys(chosen))


def _date(name: str, values: list[str] | None) -> date | None:
    raw = _one(name, values)
    if not raw:
        return None
    try:
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise QueryError(f"{name!r} must be a date YYYY-MM-DD, got {raw!r}") from None


def _flag(name: str, values: list[str] | None) -> bool:
    raw = _one(name, values)
    if raw is None or raw.lower() in _FALSE:
        return False
    if raw.lower() in _TRUE:
        return True
    raise QueryError(f"{name!r} must be 1 or 0, got {raw!r}")
