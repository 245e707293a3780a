"""Rules joined into one alternation, scanned the way the joined regex scans, only faster.

Python's regex engine tries every alternative of ``(?:(?P<r0>...)|(?P<r1>...)|...)`` at
every place the text could match, so a lexicon of 30 rules costs 30 failed attempts at
almost every word. :class:`Alternation` finds the places where a match can start (the
shared boundary before the rules, then a character some rule can start with) with one
small regex, passes over those whose first two characters no rule starts with, and at
each other tries only the rules that can start with that character, in their order.
It yields the matches the joined regex's ``finditer`` would: the leftmost match, the
earlier rule first at one place, no overlaps, the same group names.
A rule whose first characters cannot be worked out (or that can match nothing) joins
every place's rules; a pattern whose rules cannot be indexed at all is scanned whole.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from functools import cached_property
from re import _parser as _sre_parser  # type: ignore[attr-defined]
from typing import Any

from ..cache import compiled, remember, source_key


class Alternation:
    """``before(?:(?P<name0>pattern0)|...)after``, scanned by first character.

    ``regex`` is the joined pattern itself (what :meth:`finditer` is equivalent to). Which
    rules can start with which character is worked out once (and kept on disk by
    :mod:`calendar_export.cache`); each regex is compiled when first needed.
    """

    def __init__(
        self, rules: Sequence[tuple[str, str]], *, before: str, after: str, flags: int = 0
    ) -> None:
        self._parts = [f"(?P<{name}>{pattern})" for name, pattern in rules]
        self._before, self._after, self._flags = before, after, int(flags)
        rules = [(name, pattern) for name, pattern in rules]
        # The key: the rules, and the code that reads them.
        code = source_key(__name__)
        key = repr((rules, before, self._flags)).encode() + code
        plan = (
            remember("alternation", key, lambda: _plan(rules, before, self._flags))
            if code
            else _plan(rules, before, self._flags)
        )
        firsts, places, self._dead = plan
        self._firsts: tuple[frozenset[str] | None, ...] = firsts
        self._keys = frozenset(c for f in firsts if f is not None for c in f)
        self._by_first: dict[str, re.Pattern[str]] = {}
        self._places = None if places is None else compiled(places, self._flags)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The joined pattern, compiled."""
        return compiled(self._join(self._parts), self._flags)

    def _join(self, parts: Sequence[str]) -> str:
        return self._before + "(?:" + "|".join(parts) + ")" + self._after

    def _for(self, key: str) -> re.Pattern[str]:
        """The alternation of the rules that can start with ``key`` (a lower-case ASCII
        character), in their order; the joined regex for any other character."""
        found = self._by_first.get(key)
        if found is None:
            if key in self._keys:
                chosen = [
                    p
                    for p, f in zip(self._parts, self._firsts, strict=True)
                    if f is None or key in f
                ]
                found = compiled(self._join(chosen), self._flags)
            else:
                found = self.regex
            self._by_first[key] = found
        return found

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of :attr:`regex` in ``text[pos:endpos]``, as its ``finditer`` finds them."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if self._places is None:
            yield from self.regex.finditer(text, pos, end)
            return
        by_first, dead = self._by_first, self._dead
        after = pos
        for place in self._places.finditer(text, pos, end):
            start = place.start()
            if start < after or (start + 1 < end and text[start : start + 2] in dead):
                continue
            char = text[start]
            # An ASCII character's case-insensitive matches are its two cases; any other
            # goes to the joined regex (Unicode case folding has more pairs than lower()).
            if char.isascii():
                key = char.lower()
                regex = by_first.get(key) or self._for(key)
            else:
                regex = self.regex
            m = regex.match(text, start, end)
            if m is not None:
                yield m
                after = m.end()


def _plan(
    rules: Sequence[tuple[str, str]], before: str, flags: int
) -> tuple[tuple[frozenset[str] | None, ...], str | None, frozenset[str]]:
    """Each rule's first characters (see :func:`_first_chars`), the pattern of the places
    a match may start (``None``: scan with the joined regex), and the dead pairs."""
    firsts = tuple(_first_chars(pattern) for _, pattern in rules)
    if all(f is None for f in firsts):
        return firsts, None, frozenset()
    if any(f is None for f in firsts):
        # Some rule may start anywhere: every place that passes ``before`` is tried.
        return firsts, before + r"(?s:.)", frozenset()
    fold = bool(flags & re.IGNORECASE) or any(_INLINE_CASE.search(p) for _, p in rules)
    heads, dead = _dead_pairs(rules, list(firsts), fold=fold)
    chars = "".join(re.escape(c) for c in heads)
    return firsts, before + f"[{chars}]", dead


def _dead_pairs(
    rules: Sequence[tuple[str, str]], firsts: list[frozenset[str] | None], *, fold: bool
) -> tuple[list[str], frozenset[str]]:
    """The characters a match can start with (the places to try), and the two-character
    starts (such a character, then an ASCII one) that no rule can match at: a place
    starting so is passed over without trying a regex. A first character with a rule that
    may match one character alone, or whose second cannot be told, has none. ``fold``: the
    rules may ignore case, so either case of a rule's character counts (a second character
    that is not ASCII is never in the set: case folding makes the Kelvin sign match "k")."""
    alive: dict[str, set[str] | None] = {
        c: set()
        for first in firsts
        if first is not None
        for key in first
        for c in (key, key.upper())
    }
    for (_, pattern), first in zip(rules, firsts, strict=True):
        assert first is not None
        pairs = _first_two(pattern)
        if pairs is None:
            for key in first:
                alive[key] = alive[key.upper()] = None  # any second character
            continue
        for a, b in pairs:
            for head in (a.lower(), a.upper()) if fold else (a,):
                follow = alive.get(head, set())
                if follow is None:
                    continue
                if not b:
                    alive[head] = None  # this rule may match one character, or any second
                else:
                    follow |= {b.lower(), b.upper()} if fold else {b}
    dead = frozenset(
        head + chr(code)
        for head, follow in alive.items()
        if follow is not None
        for code in range(128)
        if chr(code) not in follow
    )
    # A character no rule's pair starts with (in the case the rules spell it) starts none.
    return sorted(head for head, follow in alive.items() if follow is None or follow), dead


# An inline flag group that may turn IGNORECASE on (or off: either way, case may fold).
_INLINE_CASE = re.compile(r"\(\?[a-zA-Z-]*i")


def _first_two(pattern: str) -> set[tuple[str, str]] | None:
    """The (first, second) characters a match of ``pattern`` can start with, in the
    pattern's case, the second ``""`` when a match may end after one character or when it
    cannot be told; ``None`` when the first cannot be told (or is not ASCII)."""
    try:
        found = _prefixes(_sre_parser.parse(pattern), 2)
    except (re.error, AttributeError, TypeError, ValueError):
        return None
    if found is None:
        return None
    pairs = set()
    for prefix, _ in found:
        if not prefix or not all(c.isascii() for c in prefix):
            return None
        pairs.add((prefix[0], prefix[1] if len(prefix) > 1 else ""))
    return pairs


_MAX_PREFIXES = 4000


def _prefixes(seq: Any, k: int) -> set[tuple[str, bool]] | None:
    """The first ``k`` characters of the matches of a parsed sequence, as (prefix, open):
    ``open`` when the match is exactly that prefix so far (what follows may extend it). A
    prefix cut short of ``k`` and closed says "anything may follow": it only widens."""
    states: set[tuple[str, bool]] = {("", True)}
    for op, av in seq:
        out: set[tuple[str, bool]] = set()
        for prefix, is_open in states:
            if not is_open or len(prefix) >= k:
                out.add((prefix[:k], False))
                continue
            item = _item_prefixes(str(op), av, k - len(prefix))
            if item is None:
                out.add((prefix, False))
                continue
            for s, exact in item:
                joined = prefix + s
                out.add((joined[:k], exact and len(joined) < k))
        if len(out) > _MAX_PREFIXES:
            return None
        states = out
    return states


def _item_prefixes(name: str, av: Any, k: int) -> set[tuple[str, bool]] | None:
    if name == "LITERAL":
        return {(chr(av), True)}
    if name == "IN":
        chars = _charset(av)
        return None if chars is None else {(c, True) for c in chars}
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {("", True)}
    if name == "SUBPATTERN":
        return _prefixes(av[-1], k)
    if name == "BRANCH":
        union: set[tuple[str, bool]] = set()
        for branch in av[1]:
            found = _prefixes(branch, k)
            if found is None:
                return None
            union |= found
        return union
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        union = set()
        for times in range(low, min(high, k) + 1):
            found = _prefixes(list(sub) * times, k)
            if found is None:
                return None
            union |= found
        if high > k:
            found = _prefixes(list(sub) * max(low, k + 1), k)
            if found is None:
                return None
            union |= {(s, False) for s, _ in found}
        return union
    return None


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


def first_set(pattern: str, *, loose: bool = False) -> tuple[frozenset[str] | None, bool]:
    """The characters a match of ``pattern`` can start with (``None`` when that cannot be
    told) and whether it can match the empty string. ``loose``: ``\\d`` and ``\\s`` stand
    for their ASCII characters and any range counts whole, for a caller that sends every
    character outside the set to the whole pattern anyway. Raises :class:`re.error`."""
    return _first(_sre_parser.parse(pattern), loose)


def _exact_first_chars(pattern: str) -> frozenset[str] | None:
    try:
        chars, nullable = first_set(pattern)
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
        chars, nullable = first_set(pattern)
    except (re.error, AttributeError, TypeError, ValueError):
        return None
    if chars is None or nullable or not all(c.isascii() for c in chars):
        return None
    return frozenset(c.lower() for c in chars)


def _first(seq: Any, loose: bool) -> tuple[frozenset[str] | None, bool]:
    """The FIRST set of a parsed sequence, and whether it can match the empty string."""
    found: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(str(op), av, loose)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _first_item(name: str, av: Any, loose: bool) -> tuple[frozenset[str] | None, bool]:
    if name == "LITERAL":
        return frozenset({chr(av)}), False
    if name == "IN":
        return _charset(av, loose), False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return frozenset(), True
    if name == "SUBPATTERN":
        return _first(av[-1], loose)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        chars, nullable = _first(av[2], loose)
        return chars, nullable or av[0] == 0
    if name == "BRANCH":
        union: set[str] = set()
        any_nullable = False
        for branch in av[1]:
            chars, nullable = _first(branch, loose)
            if chars is None:
                return None, False
            union |= chars
            any_nullable = any_nullable or nullable
        return frozenset(union), any_nullable
    if loose and name == "CATEGORY":
        return _LOOSE_CATEGORIES.get(str(av)), False
    return None, False


# What \d and \s stand for in a loose FIRST set (Unicode digits and spaces are left out).
_LOOSE_CATEGORIES = {
    "CATEGORY_DIGIT": frozenset(string.digits),
    "CATEGORY_SPACE": frozenset(" \t\n\r\f\v"),
}


def _charset(items: Any, loose: bool = False) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
        elif name == "RANGE" and (loose or av[1] < 128):
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif loose and name == "CATEGORY" and str(av) in _LOOSE_CATEGORIES:
            chars.update(_LOOSE_CATEGORIES[str(av)])
        else:
            return None  # a category, a negation, a wide range: any character, perhaps
    return frozenset(chars)
