"""Stage: the page's furniture. Reads the sentences; removes from the event words, places
and people what stands in a byline ("By Agency Staff"), a photo credit ("AGENCY/Photo
Name", "Photo: AFP", "(AP Photo/Name)") or a time stamp ("Updated: ...", "9:15 am on 16
January 2019"): those name the page's makers and its times, never a meeting's.

A caption's or headline's own mention is kept; :mod:`.assemble` folds it into the body's
event.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .document import Doc

_BYLINE = re.compile(r"(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}")
_CREDIT = re.compile(
    r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})?\s*/\s*[A-Z][a-z]+"  # REUTERS/Jonathan Ernst
    r"|\b(?:Photo|Photograph|Picture|Image|Credit)s?\s*:"  # Photo: AFP
    r"|\((?:AP|AFP|Reuters|EPA)\s+Photo\b"
    r"|\bGetty Images\b|\bFile photo\b",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"(?:Updated|Published|Posted|Last updated|First published)\s*(?:on|at)?\s*:?\s+\S"
    r"|\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:on\s+)?\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*$"
    r"|[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s+\d{1,2}[:.]\d{2}(?:\s*[A-Z]{2,4})?\s*$",
    re.IGNORECASE,
)
#: The longest line a byline, credit or time stamp is, in words.
_MAX_WORDS = 12


def furniture(doc: Doc) -> frozenset[int]:
    """Indexes of the sentences that are bylines, credits or time stamps."""
    out = set()
    for i, s in enumerate(doc.sentences):
        text = s.text.strip()
        if len(text.split()) > _MAX_WORDS:
            continue
        if _BYLINE.fullmatch(text) or _CREDIT.search(text) or _STAMP.match(text):
            out.add(i)
    return frozenset(out)


def drop_furniture(doc: Doc) -> None:
    """Remove event words, places and people standing in the page's furniture."""
    zones = doc.memo("furniture", lambda: furniture(doc))
    if not zones:
        return
    starts = [s.start for s in doc.sentences]

    def kept(start: int) -> bool:
        return bisect_right(starts, start) - 1 not in zones

    doc.triggers = [t for t in doc.triggers if kept(t.start)]
    doc.places = [p for p in doc.places if kept(p.start)]
    doc.people = [p for p in doc.people if kept(p.start)]
