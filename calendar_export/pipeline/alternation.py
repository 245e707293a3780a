"""Rules joined into one alternation, scanned the way the joined regex scans, only faster.

Python's regex engine tries every alternative of ``(?:(?P<r0>...)|(?P<r1>...)|...)`` at
every place the text could match, so a lexicon of 30 rules costs 30 failed attempts at
almost every word. :class:`Alternation` finds the places where a match can start (the
shared boundary before the rules, then a character some rule can start with) with one
small regex, and at each tries only the rules that can start with that character, in
their order. It yields the matches the joined regex's ``finditer`` would: the leftmost
match, the earlier rule first at one place, no overlaps, the same group names.
A rule whose first characters cannot be worked out (or that can match nothing) joins
every place's rules; a pattern whose rules cannot be indexed at all is scanned whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from re import _parser as _sre_parser  # type: ignore[attr-defined]
from typing import Any


class Alternation:
    """``before(?:(?P<name0>pattern0)|...)after``, scanned by first character.

    ``regex`` is the joined pattern itself (what :meth:`finditer` is equivalent to).
    """

    def __init__(
        self, rules: Sequence[tuple[str, str]], *, before: str, after: str, flags: int = 0
    ) -> None:
        parts = [f"(?P<{name}>{pattern})" for name, pattern in rules]
        self.regex = re.compile(before + "(?:" + "|".join(parts) + ")" + after, flags)
        firsts = [_first_chars(pattern) for _, pattern in rules]
        self._by_first: dict[str, re.Pattern[str]] = {}
        self._places: re.Pattern[str] | None = None
        if all(f is None for f in firsts):
            return
        keys = sorted({c for f in firsts if f is not None for c in f})
        for key in keys:
            chosen = [p for p, f in zip(parts, firsts, strict=True) if f is None or key in f]
            self._by_first[key] = re.compile(before + "(?:" + "|".join(chosen) + ")" + after, flags)
        if any(f is None for f in firsts):
            # Some rule may start anywhere: every place that passes ``before`` is tried.
            self._places = re.compile(before + r"(?s:.)", flags)
        else:
            chars = "".join(re.escape(c) + re.escape(c.upper()) for c in keys)
            self._places = re.compile(before + f"[{chars}]", flags)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of :attr:`regex` in ``text[pos:endpos]``, as its ``finditer`` finds them."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if self._places is None:
            yield from self.regex.finditer(text, pos, end)
            return
        by_first, joined = self._by_first, self.regex
        after = pos
        for place in self._places.finditer(text, pos, end):
            start = place.start()
            if start < after:
                continue
            char = text[start]
            # An ASCII character's case-insensitive matches are its two cases; any other
            # goes to the joined regex (Unicode case folding has more pairs than lower()).
            regex = by_first.get(char.lower(), joined) if char.isascii() else joined
            m = regex.match(text, start, end)
            if m is not None:
                yield m
                after = m.end()


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """A lookahead for the characters a match of ``pattern`` can start with, to put in front
    of it: the regex engine then passes over any other character at once instead of trying
    the whole pattern there. Same matches; ``""`` when the characters cannot be told."""
    chars = _exact_first_chars(pattern)
    if chars is None:
        return ""
    if not flags & re.IGNORECASE and re.search(r"\(\?[a-zA-Z-]*i", pattern):
        chars = frozenset(c for x in chars for c in (x.lower(), x.upper()))  # (?i:...) inside
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` behind its :func:`first_char_guard`."""
    return re.compile(first_char_guard(pattern, flags) + pattern, flags)


def _exact_first_chars(pattern: str) -> frozenset[str] | None:
    try:
        chars, nullable = _first(_sre_parser.parse(pattern))
    except (re.error, AttributeError, TypeError, ValueError):
        return None
    if chars is None or nullable or not chars or not all(c.isascii() for c in chars):
        return None
    return chars


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-case ASCII characters a match of ``pattern`` can start with (either case
    of them, whatever the flags); ``None`` when that cannot be told, when some other
    character may start one, or when it can match the empty string."""
    try:
        chars, nullable = _first(_sre_parser.parse(pattern))
    except (re.error, AttributeError, TypeError, ValueError):
        return None
    if chars is None or nullable or not all(c.isascii() for c in chars):
        return None
    return frozenset(c.lower() for c in chars)


def _first(seq: Any) -> tuple[frozenset[str] | None, bool]:
    """The FIRST set of a parsed sequence, and whether it can match the empty string."""
    found: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(str(op), av)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _first_item(name: str, av: Any) -> tuple[frozenset[str] | None, bool]:
    if name == "LITERAL":
        return frozenset({chr(av)}), False
    if name == "IN":
        return _charset(av), False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return frozenset(), True
    if name == "SUBPATTERN":
        return _first(av[-1])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        chars, nullable = _first(av[2])
        return chars, nullable or av[0] == 0
    if name == "BRANCH":
        union: set[str] = set()
        any_nullable = False
        for branch in av[1]:
            chars, nullable = _first(branch)
            if chars is None:
                return None, False
            union |= chars
            any_nullable = any_nullable or nullable
        return frozenset(union), any_nullable
    return None, False


def _charset(items: Any) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
        elif name == "RANGE" and av[1] < 128:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # a category, a negation, a wide range: any character, perhaps
    return frozenset(chars)
