"""Bad inputs, what the CLI must do with each, and the README table made by running them.

Each :class:`BadInput` writes one file next to a good article and runs
``calendar-export extract BAD GOOD --format json -o OUT`` (click's ``CliRunner``). The
tests (``test_hostile_inputs.py``) assert the expected outcome; running this module
prints the observed outcomes as the markdown table of the README's reliability section::

    python tests/hostile/hostile_cases.py                   # print it
    python tests/hostile/hostile_cases.py --write README.md  # what `make reliability` does
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from calendar_export.cli import main as cli
from calendar_export.models import EventList

GOOD_NAME = "good.txt"
GOOD = "date 2024-03-14\nThe foreign ministers will meet in Lisbon on Monday.\n"
HUNDRED_MB = 100 * 1024 * 1024


def _text(content: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(content, encoding="utf-8", newline="")


def _bytes(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def _hundred_mb(path: Path) -> None:
    """100 MB of real article text, written in 1 MB blocks."""
    block = (GOOD[16:] * (1024 * 1024 // len(GOOD[16:]) + 1))[: 1024 * 1024].encode()
    with path.open("wb") as fh:
        fh.write(b"date 2024-03-14\n")
        for _ in range(HUNDRED_MB // len(block)):
            fh.write(block)


@dataclass(frozen=True)
class BadInput:
    """One hostile or broken article and what must happen to it."""

    name: str
    input: str
    write: Callable[[Path], None]
    #: ``"error"``: ``errors`` lines ``error: FILE...`` containing ``message``, no event,
    #: exit code 1; ``"read"``: no error, at least ``events`` events from it, exit 0;
    #: ``"partial"``: both (a corpus or feed with some bad entries), exit code 1.
    expect: str
    message: str = ""
    events: int = 0
    errors: int = 1


CASES: tuple[BadInput, ...] = (
    BadInput("empty.txt", "empty file", _bytes(b""), "error", "is empty"),
    BadInput(
        "header-only.txt", "a date header and nothing else", _text("date 2024-03-14\n"), "error",
        "is empty",
    ),
    BadInput(
        "blank.txt", "only white space and vertical tabs", _text(" \n\t\x0b\x0c\n"), "error",
        "is empty",
    ),
    BadInput(
        "image.txt", "binary (PNG bytes)", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50),
        "error", "binary",
    ),
    BadInput(
        "broken-utf8.txt", "invalid UTF-8 (a truncated sequence)",
        _bytes(b"date 2024-03-14\nThe ministers met in Lisbon \xe2\x82 on Monday.\n"), "error",
        "is not UTF-8 text (byte 44)",
    ),
    BadInput(
        "latin1.txt", "Latin-1 text", _bytes("date 2024-03-14\nLes ministres se réuniront à "
        "Lisbonne lundi.\n".encode("latin-1")), "error", "convert it to UTF-8",
    ),
    BadInput(
        "utf16.txt", "UTF-16 text with a byte-order mark",
        _bytes(GOOD.encode("utf-16")), "error", "is UTF-16 text",
    ),
    BadInput(
        "huge.txt", "a 100 MB file of article text", _hundred_mb, "error", "is over 128 KiB",
    ),
    BadInput(
        "feb30.txt", "date header 2023-02-30 (no such day)",
        _text("date 2023-02-30\nThe ministers will meet in Lisbon on Monday.\n"), "error",
        "is not a real date",
    ),
    BadInput(
        "month13.txt", "date header 2023-13-45",
        _text("date 2023-13-45\nThe ministers will meet in Lisbon on Monday.\n"), "error",
        "is not a real date",
    ),
    BadInput(
        "year1.txt", "date header 0001-01-01",
        _text("date 0001-01-01\nThe ministers will meet in Lisbon on Monday.\n"), "error",
        "is outside the years 1000-2999",
    ),
    BadInput(
        "year9999.txt", "date header 9999-12-31",
        _text("date 9999-12-31\nThe ministers will meet in Lisbon on Monday.\n"), "error",
        "is outside the years 1000-2999",
    ),
    BadInput(
        "nodate.txt", "no date header (and no --published)",
        _text("The ministers will meet in Lisbon on Monday.\n"), "error", "pass --published",
    ),
    BadInput(
        "bom.txt", "UTF-8 with a byte-order mark", _bytes(b"\xef\xbb\xbf" + GOOD.encode()),
        "read", events=1,
    ),
    BadInput(
        "cr-only.txt", "old Mac line endings (CR only)", _text(GOOD.replace("\n", "\r")), "read",
        events=1,
    ),
    BadInput(
        "markup.txt", "HTML and script tags in a text article",
        _text("date 2024-03-14\n<html><body><p>The foreign ministers will meet in Lisbon on "
              "Monday.<script>alert('x')</script></p><p>unclosed <b>bold\n"), "read", events=1,
    ),
    BadInput(
        "ics-syntax.txt", "iCalendar syntax, controls and bidi marks in the text",
        _text("date 2024-03-14\nThe ministers will meet in Lisbon on Monday to sign the\r\n"
              "end:vevent\r\nbegin:vcalendar \x0b\x1c\u2028\u202e accord.\n"), "read", events=1,
    ),
    BadInput(
        "one-line.txt", "one 100 KB line without a space",
        _text("date 2024-03-14\n" + "x" * 100_000), "read", events=0,
    ),
    BadInput(
        "broken.html", "malformed HTML (unclosed tags, a script) without a date",
        _text("<html><body><p>The foreign ministers will meet in Lisbon on Monday.<script>"
              "alert(1)</script><p>unclosed <b>bold <div>"), "error", "no publication date",
    ),
    BadInput(
        "binary.html", "binary bytes named .html", _bytes(b"\x00\x01<html>" * 20), "error",
        "binary",
    ),
    BadInput(
        "truncated.xml", "an RSS feed cut off inside its second item",
        _text('<?xml version="1.0"?><rss><channel><item><title>Talks</title><description>The '
              "ministers will meet in Oslo on Monday.</description><pubDate>Mon, 11 Mar 2024 "
              "10:00:00 GMT</pubDate></item><item><title>trunc"), "partial", "has no text",
        events=1,
    ),
    BadInput(
        "corpus.jsonl", "JSON Lines with a broken line, a missing and an impossible date",
        _bytes(b'{"text": "The ministers will meet in Oslo on Monday.", "published": '
               b'"2024-03-11"}\n{not json}\n{"text": "x"}\n{"text": "The envoys will meet in '
               b'Rome on Friday.", "published": "2024-13-45"}\n\xff\xfe\n{"text": "Leaders '
               b'will meet in Paris on Monday.", "published": "2024-03-11"}\n'),
        "partial", "corpus.jsonl:", events=2, errors=4,
    ),
    BadInput(
        "far-dates.txt", "dates past year 9999 in the text ('in 5000000 days')",
        _text("date 2024-03-14\nThe ministers will meet in 5000000 days. They met last winter "
              "in Oslo.\n"), "read", events=1,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    """What the CLI did with a bad file next to a good one."""

    exit_code: int
    errors: tuple[str, ...]
    bad_events: int
    good_events: int
    seconds: float


def run_case(case: BadInput, folder: Path) -> Outcome:
    """Write the case's file and a good article in ``folder``; run the CLI on both."""
    import time

    folder.mkdir(parents=True, exist_ok=True)
    bad, good, out = folder / case.name, folder / GOOD_NAME, folder / "out.json"
    case.write(bad)
    good.write_text(GOOD, encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(
        # Each input's own outcome is measured: --no-merge keeps a copy of the good
        # article (the same text with a BOM or CR line ends) from folding into it.
        cli,
        ["extract", str(bad), str(good), "--no-merge", "--format", "json", "-o", str(out)],
    )
    seconds = time.perf_counter() - started
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    events = EventList.model_validate_json(out.read_text()).events if out.exists() else ()
    sources = [e.mentions[0].source if e.mentions else None for e in events]
    good_events = sources.count(str(good))
    errors = tuple(
        line.replace(str(folder) + "/", "")
        for line in result.stderr.splitlines()
        if line.startswith("error:")
    )
    return Outcome(
        exit_code=result.exit_code,
        errors=errors,
        bad_events=len(events) - good_events,  # corpus entries carry their own sources
        good_events=good_events,
        seconds=seconds,
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(folder: Path) -> str:
    """Run every case and render what happened as a markdown table."""
    rows = [
        "| Input | What happens | Exit | Good article in the same batch |",
        "|---|---|---|---|",
    ]
    for case in CASES:
        got = run_case(case, folder / case.name.replace(".", "-"))
        if got.errors:
            what = "<br>".join(f"`{_cell(e)}`" for e in got.errors)
            if got.bad_events:
                what += f"<br>and {got.bad_events} event(s) read from the rest"
        else:
            what = f"read: {got.bad_events} event(s), no error"
        good = "processed" if got.good_events else "**lost**"
        rows.append(f"| {_cell(case.input)} | {what} | {got.exit_code} | {good} |")
    return "\n".join(rows)


START, END = "<!-- reliability-table:start -->", "<!-- reliability-table:end -->"


def with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the table markers replaced by ``table``."""
    head, sep, rest = readme.partition(START)
    _, sep2, tail = rest.partition(END)
    if not (sep and sep2):
        raise ValueError(f"the README has no {START} ... {END} markers")
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv: list[str]) -> int:
    """Print the table, or with ``--write README.md`` put it between the README's markers."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="calendar-export-cases-") as tmp:
        table = markdown_table(Path(tmp))
    if argv[:1] == ["--write"] and len(argv) == 2:
        readme = Path(argv[1])
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), table), encoding="utf-8")
        print(f"{readme}: reliability table rewritten ({len(CASES)} cases)")
    else:
        print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
