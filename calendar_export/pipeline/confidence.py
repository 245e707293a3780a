"""Stage: confidence. Reads one cluster's frames and the chosen date, place and status;
gives a score in [0, 1] and the reasons, each a sentence a reader understands.

The score starts from how sure the status is, is scaled by how precise the date is, and
is lowered by unnamed sources, close date readings and places assumed from context;
agreeing mentions raise it a little.
"""

from __future__ import annotations

import calendar
import re

from ..models import Confidence, Status, When
from .frames import Frame

STATUS_BASE: dict[str, float] = {
    "happened": 0.9,
    "scheduled": 0.85,
    "expected": 0.7,
    "invited": 0.6,
    "proposed": 0.5,
    "possible": 0.4,
    "postponed": 0.75,
    "cancelled": 0.8,
}
PRECISION_FACTOR: dict[str, float] = {
    "time": 1.0,
    "day": 1.0,
    "week": 0.95,
    "month": 0.9,
    "season": 0.85,
    "quarter": 0.85,
    "year": 0.8,
    "vague": 0.75,
    "none": 0.7,
}
_NO_DATE = re.compile(
    r"\bno (?:firm |new |specific |exact )?dates? (?:was|were|has been|have been|had been|is|"
    r"has yet been) (?:announced|set|given|fixed|agreed)|\b(?:date|timing) (?:was|is|has) not been "
    r"(?:announced|set|fixed)|\b(?:date|timing) (?:is|was|remains) (?:unclear|not known)",
    re.IGNORECASE,
)


def score_event(
    frames: list[Frame],
    status: Status,
    when: When,
    *,
    sentences: list[str],
    inferred_place: str | None,
    anonymous: bool = False,
    inferred_date: bool = False,
    other_dates: list[str] | None = None,
) -> Confidence:
    """The confidence of an event told by ``frames``, with its reasons."""
    notes: list[str] = []
    for f in frames:
        for cue in f.cues:
            if cue.status == status or status in ("cancelled", "postponed"):
                notes.append(_sentence(cue.note))
    score = STATUS_BASE[status] * PRECISION_FACTOR[when.precision]
    notes.append(_precision_note(when, sentences))
    seen_hedges: set[str] = set()
    for f in frames:
        for weight, note, words in f.hedges:
            if note not in seen_hedges:
                seen_hedges.add(note)
                score *= weight
                notes.append(_sentence(f'{note} ("{words}")'))
    alternatives = next(
        (f.timex.alternatives for f in frames if f.timex and f.timex.alternatives), ()
    )
    penalties = [
        (bool(alternatives and when.value), 0.9,
         f"the date could also be read as {', '.join(alternatives)}"),
        (anonymous, 0.8, "neither who takes part nor where is named"),
        (bool(other_dates), 0.8,
         f"the article also reports another date: {', '.join(other_dates or [])}"),
        (inferred_date, 0.9, "date not stated for this part; taken from the trip it belongs to"),
        (bool(inferred_place), 0.95,
         f"place not stated; assumed from the article: {inferred_place}"),
    ]  # fmt: skip
    for applies, factor, note in penalties:
        if applies:
            score *= factor
            notes.append(_sentence(note))
    mentions = len({f.sentence for f in frames})
    if mentions > 1:
        score = min(1.0, score + 0.03 * (mentions - 1))
        notes.append(f"Stated in {mentions} sentences of the article.")
    return Confidence(
        score=round(max(0.05, min(0.99, score)), 2), notes=tuple(dict.fromkeys(notes))
    )


def _precision_note(when: When, sentences: list[str]) -> str:
    if when.precision == "none" or when.value is None:
        if any(_NO_DATE.search(s) for s in sentences):
            return "No date was announced."
        return "The article gives no date."
    if when.precision == "month" and when.start is not None:
        return f"Month only: {calendar.month_name[when.start.month]} {when.start.year}."
    if when.precision in ("week", "season", "quarter", "year"):
        return _sentence(f'{when.precision} only: {when.value} ("{when.text}")')
    if when.precision == "vague":
        return _sentence(f'vague date: "{when.text}" ({when.value})')
    return _sentence(f'date given: {when.value} ("{when.text}")')


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
