"""Tense and modality of the clause around a span of text. Reads text; no clock.

``clause_tense(text, start, end)`` looks for the nearest cue (``data/temporal/
tense_cues.tsv``) inside the clause that holds ``text[start:end]``: first backwards from
the span to the clause start, then forwards to the clause end. "will", "is expected to",
"upcoming" say future; "was", "held", "has met" say past; "was scheduled to", "would",
"hoped to" say a future seen from the past (``shifted``), where the caller should prefer
the nearest reading. A ``to``-infinitive ("is invited to visit") takes the tense of the cue
before it. No cue: ``"unknown"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..resources import load_table

Tense = Literal["past", "present", "future"]
CUES_FILE = "temporal/tense_cues.tsv"
WINDOW = 240
_KINDS = ("past", "present", "future", "shifted", "infinitive", "boundary")


@dataclass(frozen=True, slots=True)
class TenseReading:
    """The tense of a clause, the cue words that decided it and where they are.

    ``tense`` is ``"unknown"`` when the clause has no cue. ``shifted`` is true for a future
    seen from the past ("was scheduled to travel", "would visit"): the event may lie on
    either side of the publication date.
    """

    tense: Tense | Literal["unknown"]
    cue: str = ""
    cue_start: int = -1
    shifted: bool = False


@dataclass(frozen=True)
class _Cues:
    regex: re.Pattern[str]
    kinds: dict[str, str]


@cache
def _cues() -> _Cues:
    parts = []
    kinds = {}
    for index, row in enumerate(load_table(CUES_FILE, ("cue", "tense", "example"))):
        kind = row["tense"]
        if kind not in _KINDS:
            from ..errors import DataFileError

            raise DataFileError(
                f"tense {kind!r} is not one of {_KINDS}", file=CUES_FILE, line=int(row["_line"])
            )
        body = row["cue"]
        if kind != "boundary":
            body = rf"(?<![\w'])(?:{body})(?![\w'])"
        parts.append(f"(?P<c{index}>{body})")
        kinds[f"c{index}"] = kind
    return _Cues(regex=re.compile("|".join(parts), re.IGNORECASE), kinds=kinds)


def clause_tense(text: str, start: int, end: int) -> TenseReading:
    """Tense and modality of the clause around ``text[start:end]``, with the deciding cue."""
    cues = _cues()
    left = max(0, start - WINDOW)
    before = [(m.lastgroup or "", m) for m in cues.regex.finditer(text, left, start)]
    after = [(m.lastgroup or "", m) for m in cues.regex.finditer(text, end, end + WINDOW)]
    # Backwards from the span to the clause start.
    for index in range(len(before) - 1, -1, -1):
        group, m = before[index]
        kind = cues.kinds[group]
        if kind == "boundary":
            break
        if kind == "infinitive":
            return _infinitive(before[:index], cues, m)
        return _reading(kind, m)
    # Forwards from the span to the clause end.
    for group, m in after:
        kind = cues.kinds[group]
        if kind == "boundary":
            break
        if kind != "infinitive":
            return _reading(kind, m)
    return TenseReading("unknown")


def _reading(kind: str, m: re.Match[str]) -> TenseReading:
    if kind == "shifted":
        return TenseReading("past", m.group(), m.start(), shifted=True)
    tense: Tense = "past" if kind == "past" else "future" if kind == "future" else "present"
    return TenseReading(tense, m.group(), m.start())


def _infinitive(
    before: list[tuple[str, re.Match[str]]], cues: _Cues, infinitive: re.Match[str]
) -> TenseReading:
    """A to-infinitive is a future seen from the verb that governs it."""
    for group, m in reversed(before):
        kind = cues.kinds[group]
        if kind in ("boundary",):
            break
        if kind == "past" or kind == "shifted":
            return TenseReading("past", f"{m.group()} ... {infinitive.group()}", m.start(), True)
        if kind in ("present", "future"):
            return TenseReading("future", f"{m.group()} ... {infinitive.group()}", m.start())
    return TenseReading("future", infinitive.group(), infinitive.start())
