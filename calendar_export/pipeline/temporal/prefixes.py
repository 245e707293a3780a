"""What a regular expression can start with: the first few characters of its matches.

The tagger tries its rules at a word start only when one of them can begin with the
characters found there ("thu" can start a weekday rule, "on " none), so a failed attempt
costs a dictionary look-up instead of a pass over every rule. The answer over-approximates:
assertions are read as always true and a back-reference as "anything may follow", so a rule
left out cannot have matched; kept rules run in their file order, as before.

Patterns are read with the standard library's own parser and walked as continuations
(what is left to match), one character at a time, for ``depth`` characters.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# The standard library's own regex parser and its opcode constants.
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parser  # type: ignore[attr-defined]
from typing import Any

# A continuation: what is left to match, as frames (sequence, index) from the innermost.
Frame = tuple[Any, int]
Continuation = tuple[Frame, ...]
_ACCEPT = "accept"  # the pattern has matched; nothing more is needed
_ANYTHING = "anything"  # cannot tell what comes next (a back-reference): any text may follow

# The characters whose openings are worked out, each class under one representative
# (all white space reads as " "); a text character outside them sends the caller back to
# its general regex.
_SPACES = frozenset(" \t\n\r\f\v\u00a0")
_SINGLES = string.ascii_lowercase + string.digits + string.punctuation + "\u2013\u2014\u2019\u00bd"
ALPHABET: dict[str, frozenset[str]] = {" ": _SPACES} | {c: frozenset(c) for c in _SINGLES}
REPRESENTATIVE = {member: rep for rep, members in ALPHABET.items() for member in members}


@dataclass(frozen=True)
class Prefixes:
    """The ``depth``-character openings of one pattern's matches.

    ``full`` holds the openings of exactly ``depth`` characters (``deeper`` for a crowded
    one); ``short`` the shorter ones after which the pattern may already have matched (or
    anything may follow).
    """

    full: frozenset[str]
    short: frozenset[str]


def prefixes(
    pattern: str,
    *,
    depth: int,
    alphabet: dict[str, frozenset[str]],
    crowded: frozenset[str] = frozenset(),
    deeper: int = 0,
) -> Prefixes:
    """Every opening of ``pattern``'s matches up to ``depth`` characters of ``alphabet``;
    an opening in ``crowded`` (one that many patterns share) is followed on to ``deeper``
    characters instead."""
    start: Continuation = ((_Seq(_sre_parser.parse(pattern)), 0),)
    _closure = _Closure()
    frontier: dict[str, set[Any]] = {"": _closure({start})}
    full: set[str] = set()
    short: set[str] = set()
    for level in range(max(depth, deeper)):
        if level == depth:
            full.update(opened for opened in frontier if opened not in crowded)
            frontier = {opened: states for opened, states in frontier.items() if opened in crowded}
        following: dict[str, set[Any]] = {}
        for opened, states in frontier.items():
            if _ACCEPT in states or _ANYTHING in states:
                short.add(opened)
            for char, after in _steps(states, alphabet):
                following.setdefault(opened + char, set()).add(after)
        frontier = {opened: _closure(states) for opened, states in following.items()}
    full.update(frontier)
    return Prefixes(full=frozenset(full), short=frozenset(short))


def _steps(
    states: set[Any], alphabet: dict[str, frozenset[str]]
) -> Iterator[tuple[str, Continuation]]:
    """Each character one state can read, with the continuation after it."""
    for state in states:
        if state in (_ACCEPT, _ANYTHING):
            continue
        (seq, index), rest = state[0], state[1:]
        op, av = seq.items[index]
        after = ((seq, index + 1), *rest)
        for char in _reads(op, av, alphabet):
            yield char, after


def _reads(op: Any, av: Any, alphabet: dict[str, frozenset[str]]) -> Iterator[str]:
    if op is _sre.LITERAL:
        rep = REPRESENTATIVE.get(chr(av))
        if rep in alphabet:
            yield rep
    elif op is _sre.NOT_LITERAL:
        yield from (rep for rep, members in alphabet.items() if members - {chr(av)})
    elif op is _sre.ANY:
        yield from (rep for rep, members in alphabet.items() if members - {"\n"})
    elif op is _sre.IN:
        yield from _class_reps(tuple(av), alphabet)
    else:  # pragma: no cover - _closure only leaves reading items
        raise AssertionError(op)


_CLASS_CACHE: dict[Any, tuple[str, ...]] = {}


def _class_reps(items: Any, alphabet: dict[str, frozenset[str]]) -> tuple[str, ...]:
    """The representatives of ``alphabet`` with a member in the class ``items``."""
    key = (items, id(alphabet))
    if key not in _CLASS_CACHE:
        _CLASS_CACHE[key] = tuple(
            rep for rep, members in alphabet.items() if any(_in_class(items, c) for c in members)
        )
    return _CLASS_CACHE[key]


def _in_class(items: Any, char: str) -> bool:
    """Does ``char`` belong to a parsed character class (``[a-z\\d]``, ``\\s``)?"""
    negate = False
    found = False
    for op, av in items:
        if op is _sre.NEGATE:
            negate = True
        elif op is _sre.LITERAL:
            found = found or char == chr(av)
        elif op is _sre.RANGE:
            found = found or av[0] <= ord(char) <= av[1]
        elif op is _sre.CATEGORY:
            found = found or _CATEGORIES[av](char)
        else:
            return True  # unknown: assume the class may hold it
    return found != negate


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    _sre.CATEGORY_DIGIT: str.isdecimal,
    _sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    _sre.CATEGORY_SPACE: str.isspace,
    _sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}

_READING = frozenset({_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN})
_REPEATS = frozenset({_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT})
_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})


class _Seq:
    """A parsed sequence as a tuple of plain items; hashed by identity, so a continuation
    hashes fast."""

    __slots__ = ("items",)

    def __init__(self, parsed: Any) -> None:
        self.items: tuple[tuple[Any, Any], ...] = tuple(_plain(op, av) for op, av in parsed)


def _plain(op: Any, av: Any) -> tuple[Any, Any]:
    """An item with its sub-sequences read once into :class:`_Seq`."""
    if op is _sre.SUBPATTERN:
        return op, _Seq(av[-1])
    if op is _sre.BRANCH:
        return op, tuple(_Seq(branch) for branch in av[1])
    if op in _REPEATS:
        return _sre.MAX_REPEAT, (av[0], av[1], _Seq(av[2]))
    if op is _sre.IN:
        return op, tuple(av)
    return op, av


class _Closure:
    """The continuations reachable from one without reading a character, each at a
    reading item; remembered, since many openings share continuations."""

    def __init__(self) -> None:
        self.known: dict[Any, frozenset[Any]] = {}

    def __call__(self, starts: set[Any]) -> set[Any]:
        found: set[Any] = set()
        for state in starts:
            if state not in self.known:
                self.known[state] = frozenset(self._walk(state))
            found |= self.known[state]
        return found

    def _walk(self, start: Any) -> set[Any]:
        done: set[Any] = set()
        todo = [start]
        seen: set[Any] = set()
        while todo:
            state = todo.pop()
            if state in seen:
                continue
            seen.add(state)
            if state in (_ACCEPT, _ANYTHING):
                done.add(state)
                continue
            if not state:
                done.add(_ACCEPT)
                continue
            (seq, index), rest = state[0], state[1:]
            if isinstance(seq, tuple):  # a repetition still owed: (low, high, body)
                todo.extend(_repeat(seq, rest))
                continue
            if index >= len(seq.items):
                todo.append(rest)
                continue
            op, av = seq.items[index]
            after = ((seq, index + 1), *rest)
            if op in _READING:
                done.add(state)
            elif op in _ZERO_WIDTH:
                todo.append(after)
            elif op is _sre.SUBPATTERN:
                todo.append(((av, 0), *after))
            elif op is _sre.BRANCH:
                todo.extend(((branch, 0), *after) for branch in av)
            elif op is _sre.MAX_REPEAT:
                todo.extend(_repeat(av, after))
            else:  # a back-reference, a conditional group: anything may follow
                done.add(_ANYTHING)
        return done


def _repeat(av: Any, after: Continuation) -> list[Continuation]:
    low, high, body = av
    endless = high == _sre.MAXREPEAT
    again = (max(low - 1, 0), high if endless else high - 1, body)
    options: list[Continuation] = []
    if low == 0:
        options.append(after)
    if endless or high > 0:
        options.append(((body, 0), (again, 0), *after))
    return options
