"""Hypothesis strategies for hostile article text, shared by the property tests.

Words come from the project's own sample articles (``data/samples``) so that generated
text reaches the deep stages (dates, triggers, places, people), mixed with the characters
and fragments attackers and broken files bring.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"

#: Fragments that break naive parsers: line breaks of every kind, iCalendar syntax,
#: controls, bidi marks, markup, numbers at the edges of the calendar.
HOSTILE_FRAGMENTS = (
    "\n", "\r\n", "\r", "\n\n", "\t", "\x0b", "\x0c", "\x1c", "\x07", "\x7f", "\x85",
    "\u2028", "\u2029", "\u200f", "\u202e", "\u200b", "\ufeff",
    "END:VEVENT", "BEGIN:VCALENDAR", "end:vevent", "UID:evil", ";", ",", "\\", ":",
    "<script>alert(1)</script>", "</p>", "&amp;", '"', "“", "”", "'", "(", ")",
    ".", "!", "?", "-", "–", "Mr.", "U.S.", "Dec.", "Sept.", "p.m.", "3:00",
    "0", "00", "31", "99999", "0001", "9999", "2023", "1st", "9-10",
)  # fmt: skip


@cache
def sample_words() -> tuple[str, ...]:
    """Every distinct word of the bundled sample articles (written for this project)."""
    words = {w for p in sorted(SAMPLES.glob("*.txt")) for w in re.findall(r"\S+", p.read_text())}
    return tuple(sorted(words)) or ("meet",)


def words() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(sample_words()),
        st.sampled_from(HOSTILE_FRAGMENTS),
        st.text(max_size=6),
        st.integers(min_value=0, max_value=10**12).map(str),
    )


# Sentence parts that make the pipeline report events, so the calendar side is exercised.
SUBJECTS = ("President Biden", "Xi Jinping", "Foreign Minister Ana Costa", "The two leaders")
VERBS = (
    "will meet",
    "met",
    "held talks with",
    "will visit",
    "is expected to attend",
    "postponed his trip to",
    "could possibly meet",
    "was invited to",
    "will travel to",
)
OBJECTS = ("Wang Yi", "the G20 summit", "China", "his counterpart", "the APEC forum", "")
PLACES = ("in Lisbon", "in Beijing", "at the Diaoyutai guest house", "in New Delhi", "")
WHENS = (
    "on Monday", "in September", "next week", "on June 19", "later this year", "last winter",
    "on September 9-10", "in 5000000 days", "on December 31", "on February 29", "",
)  # fmt: skip


def news_sentences() -> st.SearchStrategy[str]:
    """A meeting sentence with hostile fragments slipped between its parts."""
    part = st.sampled_from
    noise = st.lists(st.sampled_from(HOSTILE_FRAGMENTS), max_size=2).map("".join)
    return st.tuples(
        part(SUBJECTS), noise, part(VERBS), part(OBJECTS), noise, part(PLACES), part(WHENS), noise
    ).map(lambda parts: " ".join(p for p in parts if p) + ".")


def article_texts(max_words: int = 80) -> st.SearchStrategy[str]:
    """Any text: arbitrary Unicode, news-like word salad joined by spaces or glued, or
    meeting sentences laced with hostile fragments."""
    return st.one_of(
        st.text(max_size=300),
        st.lists(words(), max_size=max_words).map(" ".join),
        st.lists(words(), max_size=max_words).map("".join),
        st.lists(news_sentences(), min_size=1, max_size=6).flatmap(
            lambda ss: st.sampled_from([" ", "\n", "\n\n", "\r\n"]).map(lambda sep: sep.join(ss))
        ),
    )


def publication_dates() -> st.SearchStrategy[date]:
    """Any representable day, weighted towards the years news is written in."""
    return st.one_of(
        st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
        st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
    )
