"""Gold annotations: what a careful reader expects an article to yield.

One format serves the shared reference sample, the ``news_dev.jsonl`` benchmark and the
golden test cases under ``tests/golden``: an article (``doc_id``, ``dct``, optionally its
``text``) with a list of gold events. ``status`` and ``place.name`` may be a single value
or a list of acceptable ones; ``alt_status`` and ``date.alt_values`` add more acceptable
readings. ``optional`` and ``borderline`` events are neither required nor penalized.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..api import parse_article
from ..errors import InputError
from ..models import Article, Kind, Precision, Status


class _Gold(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoldDate(_Gold):
    """The date a gold event takes place: a TIMEX3 value, its precision and the words."""

    value: str | None
    precision: Precision
    text: str | None = None
    end: str | None = None
    alt_values: tuple[str, ...] = ()

    @property
    def values(self) -> tuple[str | None, ...]:
        """Every acceptable value: ``value`` first, then ``alt_values``."""
        return (self.value, *self.alt_values)


class GoldPlace(_Gold):
    """Where a gold event takes place: acceptable names, the country (``"; "``-joined)."""

    name: str | tuple[str, ...] | None = None
    country: str | None = None
    text: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The acceptable place names (city, venue, or a country used as a name)."""
        if self.name is None:
            return ()
        return (self.name,) if isinstance(self.name, str) else self.name

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries, several for a multi-country trip."""
        if not self.country:
            return ()
        return tuple(c.strip() for c in self.country.split(";") if c.strip())

    @property
    def known(self) -> bool:
        """Whether the article places the event at all."""
        return bool(self.names or self.countries)


class GoldEvent(_Gold):
    """One meeting-like event an annotator found in an article."""

    title: str
    kind: Kind
    date: GoldDate
    place: GoldPlace
    participants: tuple[str, ...] = ()
    status: Status | tuple[Status, ...]
    alt_status: tuple[Status, ...] = ()
    evidence: str
    notes: str = ""
    optional: bool = False
    borderline: bool = False

    @property
    def statuses(self) -> tuple[Status, ...]:
        """Every acceptable status: ``status`` (one or a list), then ``alt_status``."""
        first = (self.status,) if isinstance(self.status, str) else self.status
        return (*first, *self.alt_status)

    @property
    def required(self) -> bool:
        """Whether an extractor must find this event (neither optional nor borderline)."""
        return not (self.optional or self.borderline)


class GoldArticle(BaseModel):
    """An article with its gold events; other metadata fields are kept but not used."""

    model_config = ConfigDict(frozen=True, extra="allow")

    doc_id: str
    dct: date
    text: str | None = None
    source: str | None = None
    events: tuple[GoldEvent, ...] = ()


def parse_gold(data: object, *, origin: str) -> GoldArticle:
    """Validate one decoded gold record; ``origin`` names it in errors."""
    try:
        return GoldArticle.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"is not a valid gold record: {exc}", source=origin) from exc


def load_gold_file(path: Path) -> GoldArticle:
    """Load a gold JSON file holding one article (the shared sample's ``.gold.json``)."""
    return parse_gold(_read_json(path, path.read_text(encoding="utf-8")), origin=str(path))


def load_gold_jsonl(path: Path) -> list[GoldArticle]:
    """Load a JSON-lines gold file, one article a line (``news_dev.jsonl``)."""
    articles = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            origin = f"{path}:{lineno}"
            articles.append(parse_gold(_read_json(Path(origin), line), origin=origin))
    return articles


def _read_json(path: Path, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"is not valid JSON ({exc})", source=str(path)) from exc


def load_case(folder: Path) -> tuple[GoldArticle, Article]:
    """Load a golden case folder: ``gold.json`` and ``article.txt`` (with its date header).

    The article is read as the CLI reads it, so its publication date comes from the
    ``date YYYY-MM-DD`` header; the gold's ``dct`` must agree with it.
    """
    gold = load_gold_file(folder / "gold.json")
    article = parse_article((folder / "article.txt").read_bytes(), source=folder.name)
    if article.published != gold.dct:
        raise InputError(
            f"article date {article.published} differs from the gold dct {gold.dct}; "
            "fix one of them",
            source=str(folder),
        )
    return gold, article


def case_folders(root: Path) -> list[Path]:
    """The golden case folders under ``root`` (each holding a ``gold.json``), sorted."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "gold.json").is_file())
