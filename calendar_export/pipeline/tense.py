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
from .alternation import Alternation

Tense = Literal["past", "present", "future"]
CUES_FILE = "temporal/tense_cues.tsv"
WINDOW = 240
_KINDS = ("past", "present", "future", "shifted", "infinitive", "adverb", "boundary")


@dataclass(frozen=True, slots=True)
class TenseReading:
    """The tense of a clause, the cue words that decided it and where they are.

    ``tense`` is ``"unknown"`` when the clause has no cue. ``shifted`` is true for a future
    seen from the past ("was scheduled to travel", "would visit"): the event may lie on
    either side of the publication date. ``bare`` is true when the span stands alone, with
    no other words around it but a preposition ("Monday", "on the 24th"), as in a
    calendar entry or a search box.
    """

    tense: Tense | Literal["unknown"]
    cue: str = ""
    cue_start: int = -1
    shifted: bool = False
    bare: bool = False


@dataclass(frozen=True)
class _Cues:
    regex: Alternation
    kinds: dict[str, str]


# Characters that always end a clause; the cue scan never crosses them. A dot ends one
# only before a capital, a digit or a quote: "10 a.m. local time" goes on.
_HARD_STOPS = (";", ":", "!", "?", "\n", '"', "“", "”")
_SENTENCE_DOT = re.compile(r"\.[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


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
        parts.append((f"c{index}", row["cue"]))
        kinds[f"c{index}"] = kind
    # Cues are whole words or phrases of the lower-cased text.
    regex = Alternation(parts, before=r"(?<![\w'])", after=r"(?![\w'])")
    return _Cues(regex=regex, kinds=kinds)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch around ``text[start:end]`` up to the nearest sentence-level stop."""
    left = max(0, start - WINDOW)
    right = min(len(text), end + WINDOW)
    for stop in _HARD_STOPS:
        cut = text.rfind(stop, left, start)
        if cut >= 0:
            left = cut + len(stop)
        cut = text.find(stop, end, right)
        if cut >= 0:
            right = cut
    for m in _SENTENCE_DOT.finditer(text, left, start):
        left = m.end()
    dot = _SENTENCE_DOT.search(text, end, right)
    return left, (dot.start() if dot else right)


def clause_tense(text: str, start: int, end: int) -> TenseReading:
    """Tense and modality of the clause around ``text[start:end]``, with the deciding cue."""
    cues = _cues()
    left, right = clause_bounds(text, start, end)
    window = text[left:right]
    lowered = window.lower()
    before = _cues_before(cues, lowered, window, start - left)
    # Backwards from the span to the clause start.
    for index in range(len(before) - 1, -1, -1):
        group, m = before[index]
        kind = cues.kinds[group]
        if kind == "boundary":
            break
        if kind == "infinitive":
            return _infinitive(before[:index], cues, m, left)
        return _reading(kind, m, left)
    # Forwards from the span to the clause end (scanned only when needed).
    for m in cues.regex.finditer(lowered, end - left):
        kind = cues.kinds[m.lastgroup or ""]
        if kind == "boundary":
            break
        if kind not in ("infinitive", "adverb"):
            return _reading(kind, m, left)
    outside = lowered[: start - left] + " " + lowered[end - left :]
    return TenseReading("unknown", bare=_BARE.fullmatch(outside) is not None)


# The longest cue phrase is shorter than this: a cue found this far past the start of a
# stretch cannot be the tail of a longer one that began before it.
_CUE_REACH = 64


def _cues_before(
    cues: _Cues, lowered: str, window: str, end: int
) -> list[tuple[str, re.Match[str]]]:
    """The cues of ``lowered[:end]`` that count, or only the last of them when that one
    decides alone (most clauses): a short scan of the tail first, the whole stretch when
    the tail cannot tell."""
    tail = max(0, end - 2 * _CUE_REACH)
    if tail:
        found = [m for m in cues.regex.finditer(lowered, tail, end) if _counts(cues, m, window)]
        if found and found[-1].start() >= tail + _CUE_REACH:
            last = found[-1]
            if cues.kinds[last.lastgroup or ""] != "infinitive":
                return [(last.lastgroup or "", last)]
    return [
        (m.lastgroup or "", m)
        for m in cues.regex.finditer(lowered, 0, end)
        if _counts(cues, m, window)
    ]


# Nothing but punctuation and a preposition around a span: it stands alone.
_BARE = re.compile(r"[\W_]*(?:(?:on|at|in|by|for|from|until|till|the|this|@)[\W_]+)*[\W_]*")


def _counts(cues: _Cues, m: re.Match[str], window: str) -> bool:
    """An infinitive cue needs a lower-case verb: "to visit", not "to China"."""
    return cues.kinds[m.lastgroup or ""] != "infinitive" or window[m.start() + 3].islower()


def _reading(kind: str, m: re.Match[str], offset: int) -> TenseReading:
    if kind == "shifted":
        return TenseReading("past", m.group(), m.start() + offset, shifted=True)
    tense: Tense = (
        "past" if kind in ("past", "adverb") else "future" if kind == "future" else "present"
    )
    return TenseReading(tense, m.group(), m.start() + offset)


def _infinitive(
    before: list[tuple[str, re.Match[str]]], cues: _Cues, infinitive: re.Match[str], offset: int
) -> TenseReading:
    """A to-infinitive is a future seen from the verb that governs it."""
    for group, m in reversed(before):
        kind = cues.kinds[group]
        if kind in ("boundary",):
            break
        if kind == "past" and m.group().startswith(("has ", "have ")):
            # A present perfect looks from now: "NATO has decided to admit them in March".
            cue = f"{m.group()} ... {infinitive.group()}"
            return TenseReading("future", cue, m.start() + offset)
        if kind == "past" or kind == "shifted":
            cue = f"{m.group()} ... {infinitive.group()}"
            return TenseReading("past", cue, m.start() + offset, True)
        if kind in ("present", "future"):
            cue = f"{m.group()} ... {infinitive.group()}"
            return TenseReading("future", cue, m.start() + offset)
    return TenseReading("future", infinitive.group(), infinitive.start() + offset)
