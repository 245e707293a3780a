"""Stage: status cues and source hedges. Reads the text; finds the words that say how sure
an event is (``lexicon/cues.tsv``) and who says so (``lexicon/hedges.tsv``), and decides
one event mention's status from them, its tense and its date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..errors import DataFileError
from ..models import Status
from ..resources import load_table
from .alternation import Alternation, compile_guarded
from .document import Doc, Trigger
from .relations import verb_governs

_CUES = "lexicon/cues.tsv"
_HEDGES = "lexicon/hedges.tsv"


@dataclass(frozen=True, slots=True)
class Cue:
    """A status cue found in the text."""

    start: int
    end: int
    status: Status
    scope: str
    weight: float
    note: str
    dated_status: Status | None = None


def _compiled(file: str, columns: tuple[str, ...]) -> list[tuple[re.Pattern[str], dict[str, str]]]:
    out = []
    for row in load_table(file, columns):
        try:
            rx = re.compile(rf"(?<![\w'’-])(?:{row['pattern']})(?![\w-])", re.IGNORECASE)
        except re.error as exc:
            raise DataFileError(f"bad pattern: {exc}", file=file, line=int(row["_line"])) from exc
        if rx.fullmatch("") or not rx.search(row["example"]):
            raise DataFileError(
                f"pattern {row['pattern']!r} is empty or misses its example {row['example']!r}",
                file=file,
                line=int(row["_line"]),
            )
        out.append((rx, row))
    return out


@cache
def _cue_rules() -> list[tuple[re.Pattern[str], dict[str, str]]]:
    return _compiled(_CUES, ("pattern", "status", "scope", "weight", "note", "example"))


@cache
def _hedge_rules() -> list[tuple[re.Pattern[str], dict[str, str]]]:
    return _compiled(_HEDGES, ("pattern", "weight", "note", "example"))


@cache
def _cue_scan() -> tuple[Alternation, list[dict[str, str]]]:
    """All cue rules as one alternation: one pass over the text finds every cue."""
    rules = _cue_rules()
    parts = [(f"c{i}", row["pattern"]) for i, (_, row) in enumerate(rules)]
    combined = Alternation(parts, before=r"(?<![\w'’-])", after=r"(?![\w-])", flags=re.IGNORECASE)
    return combined, [row for _, row in rules]


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Every status cue between ``start`` and ``end``; at one place the earlier rule wins."""
    combined, rows = _cue_scan()
    cues: list[Cue] = []
    for m in combined.finditer(text, start, end):
        row = rows[int(m.lastgroup[1:])] if m.lastgroup else None
        if row is None:
            continue
        if row["pattern"].startswith("could") and _is_month_may(text, m):
            continue
        if _NEGATED.search(text, max(0, m.start() - 12), m.start()):
            continue  # "was not invited": no invitation
        cues.append(
            Cue(
                m.start(),
                m.end(),
                row["status"],  # type: ignore[arg-type]
                row["scope"],
                float(row["weight"]),
                row["note"].replace("{cue}", m.group(0)),
                row.get("dated_status") or None,  # type: ignore[arg-type]
            )
        )
    return cues


_NEGATED = re.compile(r"\b(?:not|never|n't|no longer)\s+(?:been\s+|be\s+)?$", re.IGNORECASE)


def _is_month_may(text: str, m: re.Match[str]) -> bool:
    """'May' the month, not the modal verb: capitalized mid-sentence or before a number."""
    word = m.group(0)
    if word.lower() != "may":
        return False
    after = text[m.end() : m.end() + 4]
    return word == "May" and (bool(re.match(r"\s*\d", after)) or m.start() > 0)


@cache
def _any_hedge() -> re.Pattern[str]:
    """Every hedge rule in one alternation: it finds a match wherever any rule would."""
    parts = "|".join(f"(?:{row['pattern']})" for _, row in _hedge_rules())
    return compile_guarded(rf"(?<![\w'’-])(?:{parts})(?![\w-])", re.IGNORECASE)


def find_hedges(text: str, start: int, end: int) -> list[tuple[float, str, str]]:
    """Unnamed-source attributions between ``start`` and ``end``: (weight, note, words)."""
    if _any_hedge().search(text, start, end) is None:
        return []  # most sentences: one scan instead of one per rule
    return [
        (float(row["weight"]), row["note"], m.group(0))
        for rx, row in _hedge_rules()
        for m in rx.finditer(text, start, end)
    ]


_PAST_VERB = compile_guarded(
    r"\b(?:met|held|visited|attended|travell?ed|hosted|took place|was held|were held|"
    r"had|talked|spoke|telephoned|called|summited|arrived|went|gathered|concluded|ended)\b",
    re.IGNORECASE,
)


_RELATIVE_GAP = re.compile(r"\S+\s+\S+\s+\S+.*?,?\s+(?:which|who)\b")
# What every _RELATIVE_GAP match ends with: searched first, it rules out most stretches in
# linear time (the gap pattern alone is quadratic in the stretch's length).
_RELATIVE_WORD = re.compile(r"\s(?:which|who)\b")
_CONTRAST = re.compile(r",?\s+but\s+")
_CUE_WORDS = 10  # how far before its event word a cue may stand
# After an event noun, a cue that leads to what the event is about says nothing of whether
# it takes place: "the summit, which is expected to focus on debt relief".
_ABOUT_CONTENT = re.compile(
    r"\s+(?:to\s+)?(?:focus|discuss|address|cover|include|tackle|centre|center|concentrate|"
    r"deal\s+with|touch\s+on|produce|yield|draw|attract|underscore|highlight)\b",
    re.IGNORECASE,
)


def _relative_gap(text: str, start: int, end: int) -> bool:
    """A relative clause ("..., which was abandoned") stands between ``start`` and ``end``."""
    return (
        _RELATIVE_WORD.search(text, start, end) is not None
        and _RELATIVE_GAP.search(text, start, end) is not None
    )


def _words_back(text: str, end: int, n: int) -> int:
    """The offset ``n`` words before ``end``."""
    pos = end
    for _ in range(n):
        pos = text.rfind(" ", 0, max(0, pos - 1))
        if pos < 0:
            return 0
    return pos


def _words_forward(text: str, start: int, n: int) -> int:
    """The offset ``n`` words after ``start``."""
    pos = start
    for _ in range(n):
        nxt = text.find(" ", pos + 1)
        if nxt < 0:
            return len(text)
        pos = nxt
    return pos


def decide_status(
    doc: Doc,
    trigger: Trigger,
    seg_start: int,
    sentence: tuple[int, int],
    event_day: tuple[date | None, date | None],
    seg_end: int | None = None,
) -> tuple[Status, list[Cue], bool]:
    """The status of the event ``trigger`` names, with the cues that decided it.

    Cancellation and postponement anywhere in the sentence win; otherwise the nearest
    cue before the event word in its clause; otherwise the date (all before publication:
    happened) or the tense of the event word (past verb: happened; else scheduled).
    The flag is False when nothing but the default spoke (a bare "the talks").
    """
    text = doc.text
    every = doc.memo("cues", lambda: find_cues(text, 0, len(text)))
    cues = doc.memo(
        ("cues", sentence),
        lambda: [c for c in doc.within(every, *sentence) if c.end <= sentence[1]],
    )
    for c in cues:
        about = verb_governs(doc, (c.start, c.end), (trigger.start, trigger.end))
        if about is None and c.start > trigger.end and _relative_gap(text, trigger.end, c.start):
            continue  # "the pact, which was abandoned by Trump": about the pact
        in_reach = (
            about is True
            or seg_start <= c.start < (seg_end or sentence[1])
            or (c.start >= trigger.end and _CONTRAST.search(text, trigger.end, c.start) is not None)
        )
        if (
            c.status in ("cancelled", "postponed")
            and in_reach
            and about is not False
            and (
                c.scope == "near"
                or (c.scope == "after" and c.start >= trigger.start)
                or (c.scope == "before" and c.end <= trigger.start)
            )
        ):
            return c.status, [c], True
    window = max(seg_start, _words_back(text, trigger.start, _CUE_WORDS))
    before = [
        c
        for c in cues
        if window <= c.start
        and c.end <= trigger.start
        and c.scope in ("before", "near")
        and c.status not in ("cancelled", "postponed")
    ]
    if trigger.pos in ("noun", "name"):
        # A modal right after a subject noun: "Talks could resume", "the summit will open".
        after_end = _words_forward(text, trigger.end, 3)
        before += [
            c
            for c in cues
            if trigger.end <= c.start < after_end
            and c.scope == "before"
            and c.status not in ("cancelled", "postponed")
            and not _ABOUT_CONTENT.match(text, c.end)
        ]
    opening = text[seg_start : trigger.start]
    if (
        trigger.pos in ("noun", "name")
        and len(opening.split()) <= 4
        and not re.match(r"\s*(?:if|unless|whether)\b", opening, re.IGNORECASE)
    ):
        # The event noun is the clause's subject: its verb says how sure it is ("A meeting
        # of the commission ... could take place in March").
        # (Only the sentence's event words can come before its end: the rest of the
        # article is not read for each event word.)
        next_trigger = min(
            (t.start for t in doc.within(doc.triggers, trigger.end + 1, sentence[1])),
            default=sentence[1],
        )
        later = [
            c
            for c in cues
            if trigger.end <= c.start < min(seg_end or sentence[1], next_trigger)
            and c.scope == "before"
            and c.status not in ("cancelled", "postponed")
            and not _ABOUT_CONTENT.match(text, c.end)
        ]
        before += later[:1]
    start, end = event_day
    hedge = next((c for c in reversed(before) if c.status != "scheduled"), None)
    if hedge is not None:
        if hedge.dated_status and start is not None:
            return hedge.dated_status, [hedge], True
        return hedge.status, [hedge], True
    published = doc.article.published
    if end is not None and end < published:
        return "happened", [], True
    if before:
        return before[-1].status, [before[-1]], True
    if start is not None and start > published:
        return "scheduled", [], True
    if _PAST_VERB.search(text, max(seg_start, trigger.start - 25), trigger.end + 1):
        return "happened", [], True
    return "scheduled", [], False
