"""Coverage-guided fuzz target (atheris/libFuzzer): input bytes to a parsed-back calendar.

Each input is split into a publication day (any day from 0001-01-01 to 9999-12-31), a flag,
a reader (text, HTML, RSS/Atom, JSON Lines) and the bytes. The reader turns the bytes into
articles (an ``InputError`` or a ``ReadFailure`` is the expected answer to bad input; text
that ``parse_article`` refuses still goes to the pipeline against the fuzzed day); each
article goes through ``extract_events``, then ``to_ics``, and icalendar must read the
calendar back with one VEVENT per dated event. Anything else raised is a crash. A run
longer than libFuzzer's ``-timeout`` is a hang (a regex that backtracks, a quadratic stage).

Run it through ``make fuzz`` (``fuzz/run_fuzz.py``), which sets the budget and the corpus.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from datetime import date

import atheris

with atheris.instrument_imports(include=["calendar_export"]):
    import calendar_export
    from calendar_export import InputError, extract_events, parse_article, to_ics
    from calendar_export.ics import in_calendar
    from calendar_export.models import Article
    from calendar_export.readers.feeds import read_feed
    from calendar_export.readers.html import read_html
    from calendar_export.readers.jsonl import read_jsonl

    # The stages are imported lazily by the API; import them here so they are instrumented.
    for module in pkgutil.walk_packages(calendar_export.__path__, "calendar_export."):
        importlib.import_module(module.name)

from icalendar import Calendar

LAST_ORDINAL = date.max.toordinal()


def _articles(reader: int, raw: bytes, published: date | None) -> list[Article]:
    """What the chosen reader makes of ``raw``; a ReadFailure is its answer to bad input."""
    if reader == 0:
        try:
            return [parse_article(raw, published=published, source="fuzz")]
        except InputError:
            return []
    if reader == 1:
        results = [read_html(raw, source="fuzz.html", published=published)]
    elif reader == 2:
        results = list(read_feed(raw, source="fuzz.xml", published=published))
    else:
        results = list(read_jsonl(raw.splitlines(), source="fuzz.jsonl", published=published))
    return [r for r in results if isinstance(r, Article)]


def check_one(data: bytes) -> None:
    """The property the fuzzer tries to break, for one input."""
    fdp = atheris.FuzzedDataProvider(data)
    published = date.fromordinal(fdp.ConsumeIntInRange(1, LAST_ORDINAL))
    override = fdp.ConsumeBool()
    reader = fdp.ConsumeIntInRange(0, 3)  # text, HTML, RSS/Atom, JSON Lines
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    found = _articles(reader, raw, published if override else None)
    if reader == 0 and not found:  # unreadable as an article: the pipeline still gets it
        found = [Article(text=raw.decode("utf-8", "replace"), published=published)]
    for article in found:
        _check_article(article)


def _check_article(article: Article) -> None:
    events = extract_events(article.text, published=article.published, source=article.source)
    cal = Calendar.from_ical(to_ics(events, name="fuzz"))
    vevents = cal.walk("VEVENT")
    if len(vevents) != sum(in_calendar(e) for e in events):
        raise AssertionError(f"{len(vevents)} VEVENTs for {len(events)} events")


def main() -> None:
    # Not the "RegEx" hook: its pattern proxy drops the pos/endpos arguments the stages use.
    atheris.enabled_hooks.add("str")
    # The first call loads and compiles the packaged rules; keep it out of the per-input timeout.
    extract_events("warm up", published=date(2024, 1, 1))
    read_html(b"<html><body><p>warm up</p></body></html>", source="warm", published=None)
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
