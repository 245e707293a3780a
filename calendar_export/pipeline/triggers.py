"""Stage: event words. Reads the text; adds :class:`Trigger` spans.

Two sources, both data: ``lexicon/triggers.tsv`` (meet, talks, summit, visit, ...)
and ``lexicon/series.tsv`` (G20, APEC, NATO, ...: named recurring events).
"""

from __future__ import annotations

import re
from functools import cache

from ..cache import compiled
from ..errors import DataFileError
from ..resources import load_table
from .alternation import Alternation
from .document import Doc, Trigger

_TRIGGERS = "lexicon/triggers.tsv"
_SERIES = "lexicon/series.tsv"


def _compile(pattern: str, file: str, line: str, flags: int = 0) -> re.Pattern[str]:
    try:
        rx = compiled(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"bad pattern {pattern!r}: {exc}", file=file, line=int(line)) from exc
    if rx.fullmatch(""):
        raise DataFileError(f"pattern {pattern!r} matches nothing", file=file, line=int(line))
    return rx


@cache
def _trigger_regex() -> tuple[Alternation, tuple[tuple[str, str], ...]]:
    rows = load_table(_TRIGGERS, ("pattern", "pos", "kind", "example"))
    parts = []
    meta = []
    for i, row in enumerate(rows):
        rx = _compile(row["pattern"], _TRIGGERS, row["_line"], re.IGNORECASE)
        if not rx.search(row["example"]):
            raise DataFileError(
                f"pattern {row['pattern']!r} does not match its example",
                file=_TRIGGERS,
                line=int(row["_line"]),
            )
        parts.append((f"t{i}", row["pattern"]))
        meta.append((row["pos"], row["kind"]))
    # Longest alternatives first so "hold talks" wins over "talks".
    order = sorted(range(len(parts)), key=lambda i: -len(rows[i]["pattern"]))
    combined = Alternation(
        [parts[i] for i in order], before=r"\b", after=r"\b", flags=re.IGNORECASE
    )
    return combined, tuple(meta)


@cache
def _series_regex() -> tuple[Alternation, dict[str, tuple[str, str, str]]]:
    rows = load_table(_SERIES, ("key", "names", "kind", "title"))
    parts = []
    meta: dict[str, tuple[str, str, str]] = {}
    for i, row in enumerate(rows):
        _compile(row["names"], _SERIES, row["_line"])
        parts.append((f"s{i}", row["names"]))
        meta[f"s{i}"] = (row["key"], row["kind"], row["title"])
    return Alternation(parts, before=r"(?<![\w-])", after=r"(?![\w-])"), meta


def series_in(text: str) -> frozenset[str]:
    """The named series ``text`` mentions (``"G20 summit"`` -> ``{"g20"}``); a number
    the name carries and its key lacks stays part of it (``"COP28"`` -> ``"cop28"``)."""
    srx, smeta = _series_regex()
    found = set()
    for m in srx.finditer(text):
        key = smeta[m.lastgroup or ""][0]
        number = "".join(ch for ch in m.group(0) if ch.isdigit())
        found.add(key if number in key else key + number)
    return frozenset(found)


def find_triggers(doc: Doc) -> None:
    """Add every event word and named event series in the text to ``doc.triggers``."""
    text = doc.text
    rx, meta = _trigger_regex()
    found: list[Trigger] = []
    # Each alternative is a named group around the rule's own pattern, so the last group
    # closed is the rule's (the one that matched), whatever groups the rule holds.
    for m in rx.finditer(text):
        pos, kind = meta[int((m.lastgroup or "t")[1:])]
        found.append(Trigger(m.start(), m.end(), kind, pos))
    srx, smeta = _series_regex()
    for m in srx.finditer(text):
        key, kind, title = smeta[m.lastgroup or ""]
        found.append(Trigger(m.start(), m.end(), kind, "name", key, title))
    doc.triggers = sorted(found, key=lambda t: (t.start, t.end))
