"""What one process works out from the packaged rules, kept on disk for the next one.

Compiling the rules' regular expressions (large alternations of a few hundred rules) and
working out where each rule can start cost about 1.5 s in every new process: the
standard library's regex parser and compiler are written in Python. As Python keeps the
bytecode of a module in ``__pycache__``, this keeps each compiled regex program, and the
tables :func:`remember` is given, in a cache folder, so the next process loads them in
about a millisecond.

An entry is named by a hash of everything it is made from (the pattern and flags, and
this Python's regex engine version; or the caller's key), so a changed rule or another
Python makes a new entry, never a wrong one. A missing, unreadable or damaged entry is
computed again; a folder that cannot be written only costs the time saved.

The folder: ``CALENDAR_EXPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/calendar-export``,
else ``~/.cache/calendar-export``. Set ``CALENDAR_EXPORT_CACHE_DIR`` to an empty string to
keep nothing on disk. Entries are plain data (:mod:`marshal`), never code, and are
written to a temporary file and renamed, so processes may share the folder.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine, as re uses it
import hashlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

ENV_VAR = "CALENDAR_EXPORT_CACHE_DIR"
#: Entries in one folder before the oldest half is removed (rules edited again and again
#: leave entries nobody asks for).
MAX_ENTRIES = 4000
_DIGEST = 16
T = TypeVar("T")


@cache
def folder() -> Path | None:
    """The cache folder of this Python and regex engine; ``None`` when caching is off."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        if not chosen.strip():
            return None
        base = Path(chosen)
    elif xdg := os.environ.get("XDG_CACHE_HOME", "").strip():
        base = Path(xdg) / "calendar-export"
    else:
        try:
            base = Path.home() / ".cache" / "calendar-export"
        except (RuntimeError, KeyError):  # no home folder: keep nothing
            return None
    engine = _engine()
    return base / f"{sys.implementation.cache_tag}-sre{engine}" if engine else None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, the compiled program loaded from the cache when this
    pattern was compiled before (by any process), else compiled and saved there."""
    flags = int(flags)
    where = folder()
    if where is None:
        return re.compile(pattern, flags)
    path = where / _name(b"re", str(flags).encode(), pattern.encode("utf-8", "surrogatepass"))
    stored = _read(path)
    if stored is not None:
        try:
            same, final, code, groups, groupindex, indexgroup = stored
            if same == pattern:
                return _program(
                    pattern, final, array("I", code).tolist(), groups, groupindex, indexgroup
                )
        except (TypeError, ValueError, RuntimeError):
            pass  # damaged: compiled again below
    compiled, parts = _compile(pattern, flags)
    final, code, groups, groupindex, indexgroup = parts
    _write(path, (pattern, final, array("I", code).tobytes(), groups, groupindex, indexgroup))
    return compiled


def remember(kind: str, key: bytes, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for this ``kind`` and ``key`` (which must
    name everything the result depends on). The result must be plain data that
    :mod:`marshal` writes (str, int, float, bytes, None, tuples, lists, sets, frozensets,
    dicts), and is given back with the same types."""
    where = folder()
    if where is None:
        return compute()
    path = where / _name(kind.encode(), key)
    stored = _read(path)
    if stored is not None:
        return stored  # type: ignore[no-any-return]
    value = compute()
    _write(path, value)
    return value


@cache
def source_key(*modules: str) -> bytes:
    """The source text of ``modules`` (names of modules already imported), for a key of
    :func:`remember` whose result those modules compute: an edit makes a new entry.
    Empty when a source cannot be read (then nothing of theirs should be remembered)."""
    parts = []
    for name in modules:
        try:
            parts.append(Path(sys.modules[name].__file__ or "").read_bytes())
        except (KeyError, OSError):
            return b""
    return b"\0".join(parts)


# --- the regex engine's own compiler, with its program kept ------------------------------


@cache
def _engine() -> int | None:
    """The version of the regex engine's programs when this Python's compiler can be
    driven step by step here (checked on one pattern); ``None`` otherwise."""
    try:
        probe = r"(?P<a>x)|y\b(?i:z)"
        made, _ = _compile(probe, re.IGNORECASE)
        if made != re.compile(probe, re.IGNORECASE) or made.groupindex != {"a": 1}:
            return None
        return int(_sre.MAGIC)
    except Exception:  # noqa: BLE001 -- another Python's internals: just do not cache
        return None


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple[Any, ...]]:
    """What ``re._compiler.compile`` does, keeping the parts of the program."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    parts = (flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))
    return _program(pattern, *parts), parts


def _program(
    pattern: str,
    flags: int,
    code: list[int],
    groups: int,
    groupindex: dict[str, int],
    indexgroup: tuple[str | None, ...],
) -> re.Pattern[str]:
    made: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return made


# --- the files ---------------------------------------------------------------------------


def _name(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=_DIGEST)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _read(path: Path) -> Any:
    """The value stored at ``path``; ``None`` when there is none or it is damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    check, body = data[:_DIGEST], data[_DIGEST:]
    if hashlib.blake2b(body, digest_size=_DIGEST).digest() != check:
        return None
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None


def _write(path: Path, value: Any) -> None:
    """Store ``value`` at ``path`` (atomically); on any failure, store nothing."""
    try:
        body = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.blake2b(body, digest_size=_DIGEST).digest() + body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune_once(path.parent)
    except (OSError, ValueError):
        return


@cache
def _prune_once(where: Path) -> None:
    """Once a process: past :data:`MAX_ENTRIES` entries, remove the older half."""
    entries = [p for p in where.iterdir() if not p.name.startswith(".")]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) // 2]:
        old.unlink(missing_ok=True)
