"""Stage: bounded work per sentence. Reads the sentences, event words and dates; drops what
lies past the caps, and notes it.

Frames pair every date of a clause with every event word near it, so a sentence made of
event words and dates ("SUMMIT JUNE SUMMIT JUNE ...", a table flattened into one line)
costs the product of the two counts, and places are weighed the same way. News never comes
close: in the bench, the golden and the sample articles no sentence has more than 5 event
words, 4 dates or 8 places. The caps sit far above that,
so prose reads the same, and a hostile sentence costs at most a fixed amount, which keeps
the whole extraction linear in the length of the text (sentences are bounded in length
too: :data:`~.sentences.MAX_SENTENCE`).

Run it after the span stages (places and people read every date, so "March 18" stays a
date and not the town of March) and before the frames.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .document import Doc

#: The most event words read in one sentence; the rest are dropped, with a note.
MAX_TRIGGERS_PER_SENTENCE = 12
#: The most dates read in one sentence; the rest are dropped, with a note.
MAX_TIMEXES_PER_SENTENCE = 12
#: The most places read in one sentence (frames weigh each against every event word).
MAX_PLACES_PER_SENTENCE = 16

CAP_NOTES = "cap notes"
"""The :meth:`Doc.memo` key under which :func:`cap_sentences` leaves its notes."""

log = logging.getLogger(__name__)


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


@dataclass(frozen=True, slots=True)
class CapNote:
    """What a cap dropped in one sentence: how many of what were found, and how many kept."""

    sentence: int
    what: str  # "event words" | "dates" | "places"
    found: int
    kept: int

    def text(self) -> str:
        """``sentence 3: 170 event words, only the first 12 were read``."""
        return (
            f"sentence {self.sentence + 1}: {self.found} {self.what}, "
            f"only the first {self.kept} were read"
        )


def cap_sentences(
    doc: Doc,
    *,
    max_triggers: int = MAX_TRIGGERS_PER_SENTENCE,
    max_timexes: int = MAX_TIMEXES_PER_SENTENCE,
    max_places: int = MAX_PLACES_PER_SENTENCE,
) -> list[CapNote]:
    """Keep at most ``max_triggers`` event words, ``max_timexes`` dates and ``max_places``
    places a sentence (the first ones) in ``doc.triggers``, ``doc.timexes`` and
    ``doc.places``; return a note for each sentence
    that lost some (also kept in the document's memo under :data:`CAP_NOTES`, and logged
    once per article as a warning)."""
    notes: list[CapNote] = []
    doc.triggers = _capped(doc, doc.triggers, max_triggers, "event words", notes)
    doc.timexes = _capped(doc, doc.timexes, max_timexes, "dates", notes)
    doc.places = _capped(doc, doc.places, max_places, "places", notes)
    notes.sort(key=lambda n: (n.sentence, n.what))
    doc.memo(CAP_NOTES, list[CapNote]).extend(notes)
    if notes:
        source = doc.article.source or "<article>"
        log.warning(
            "%s: %d sentence(s) had more event words, dates or places than are read (%s); "
            "is it prose? The rest of the article was read as usual",
            source,
            len({n.sentence for n in notes}),
            "; ".join(n.text() for n in notes[:3]) + ("; ..." if len(notes) > 3 else ""),
        )
    return notes


def _capped(doc: Doc, items: list[S], cap: int, what: str, notes: list[CapNote]) -> list[S]:
    """``items`` with at most ``cap`` of them in any one sentence, the first ones by position
    (input order is kept); an item outside every sentence (white space between them) stays."""
    starts = [s.start for s in doc.sentences]
    ends = [s.end for s in doc.sentences]
    members: dict[int, list[int]] = {}
    for n, item in enumerate(items):
        i = bisect_right(starts, item.start) - 1
        if i >= 0 and item.start < ends[i]:
            members.setdefault(i, []).append(n)
    dropped: set[int] = set()
    for i, inside in members.items():
        if len(inside) > cap:
            inside.sort(key=lambda n: items[n].start)
            dropped.update(inside[cap:])
            notes.append(CapNote(i, what, len(inside), cap))
    return [item for n, item in enumerate(items) if n not in dropped] if dropped else items
