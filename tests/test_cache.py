"""The on-disk cache gives back what was computed, never something else: a compiled regex
equal to ``re.compile``'s, a remembered table unchanged, a damaged entry computed again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from calendar_export import cache

PATTERNS = [
    (r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>jan(?:uary)?|feb(?:ruary)?)", 0),
    (r"\b(?:meet|talks?|summit)\b", re.IGNORECASE),
    (r"(?<![\w'])(?P<a>x)(?P=a)|y(?i:z)$", re.MULTILINE),
    ("Zürich|São Paulo|東京", 0),
]
TEXT = "On 3rd February, talks in ZÜRICH; xx yZ\nMeet in São Paulo or 東京 on 12 jan."


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    cache.folder.cache_clear()
    yield tmp_path
    cache.folder.cache_clear()


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]


def _same(made: re.Pattern[str], pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert made == expected  # same pattern, flags and program
    assert (made.groups, made.groupindex) == (expected.groups, expected.groupindex)
    found = [(m.span(), m.groupdict()) for m in made.finditer(TEXT)]
    assert found == [(m.span(), m.groupdict()) for m in expected.finditer(TEXT)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_regex_compiled_then_loaded_is_the_same(folder: Path, pattern: str, flags: int) -> None:
    _same(cache.compiled(pattern, flags), pattern, flags)  # compiled and saved
    assert len(_entries(folder)) == 1
    _same(cache.compiled(pattern, flags), pattern, flags)  # loaded
    assert len(_entries(folder)) == 1


def test_a_damaged_entry_is_compiled_again(folder: Path) -> None:
    pattern, flags = PATTERNS[0]
    cache.compiled(pattern, flags)
    (entry,) = _entries(folder)
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0xFF
    entry.write_bytes(bytes(data))
    _same(cache.compiled(pattern, flags), pattern, flags)
    entry.write_bytes(b"")
    _same(cache.compiled(pattern, flags), pattern, flags)


def test_a_bad_pattern_raises_as_re_does(folder: Path) -> None:
    with pytest.raises(re.error):
        cache.compiled(r"(unclosed")
    assert _entries(folder) == []


def test_remember_computes_once(folder: Path) -> None:
    calls = []

    def compute() -> tuple[dict[str, frozenset[int]], frozenset[str] | None]:
        calls.append(1)
        return {"thu": frozenset({1, 2})}, None

    first = cache.remember("test", b"key", compute)
    again = cache.remember("test", b"key", compute)
    other = cache.remember("test", b"another key", compute)
    assert first == again == other == ({"thu": frozenset({1, 2})}, None)
    assert len(calls) == 2


def test_an_empty_folder_setting_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_VAR, "")
    cache.folder.cache_clear()
    try:
        assert cache.folder() is None
        pattern, flags = PATTERNS[1]
        _same(cache.compiled(pattern, flags), pattern, flags)
        assert cache.remember("test", b"key", lambda: 7) == 7
    finally:
        cache.folder.cache_clear()


def test_an_unwritable_folder_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_VAR, str(blocked))
    cache.folder.cache_clear()
    try:
        pattern, flags = PATTERNS[2]
        _same(cache.compiled(pattern, flags), pattern, flags)
    finally:
        cache.folder.cache_clear()


def test_the_oldest_half_goes_past_the_limit(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache._prune_once.cache_clear()
    monkeypatch.setattr(cache, "MAX_ENTRIES", 4)
    for n in range(5):
        cache.remember("test", str(n).encode(), lambda: 0)
    assert len(_entries(folder)) == 5  # a process looks at its first write only
    cache._prune_once.cache_clear()  # as a new process
    cache.remember("test", b"5", lambda: 0)
    assert len(_entries(folder)) == 3
    cache._prune_once.cache_clear()
