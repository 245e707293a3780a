"""Coverage-guided fuzz target (atheris/libFuzzer): article bytes to a parsed-back calendar.

Each input is split into a publication day (any day from 0001-01-01 to 9999-12-31), a flag,
and article bytes. The bytes go through ``parse_article`` (an ``InputError`` is the
expected answer to bad input); the text, readable or not, goes through ``extract_events``
against the fuzzed day, then ``to_ics``, and icalendar must read the calendar back with
one VEVENT per dated event. Anything else raised is a crash. A run longer than libFuzzer's
``-timeout`` is a hang (a regular expression that backtracks, a quadratic stage).

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

    # The stages are imported lazily by the API; import them here so they are instrumented.
    for module in pkgutil.walk_packages(calendar_export.__path__, "calendar_export."):
        importlib.import_module(module.name)

from icalendar import Calendar

LAST_ORDINAL = date.max.toordinal()


def check_one(data: bytes) -> None:
    """The property the fuzzer tries to break, for one input."""
    fdp = atheris.FuzzedDataProvider(data)
    published = date.fromordinal(fdp.ConsumeIntInRange(1, LAST_ORDINAL))
    override = fdp.ConsumeBool()
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        article = parse_article(raw, published=published if override else None, source="fuzz")
        text, when = article.text, article.published
    except InputError:
        text, when = raw.decode("utf-8", "replace"), published
    events = extract_events(text, published=when, source="fuzz")
    cal = Calendar.from_ical(to_ics(events, name="fuzz"))
    vevents = cal.walk("VEVENT")
    if len(vevents) != sum(in_calendar(e) for e in events):
        raise AssertionError(f"{len(vevents)} VEVENTs for {len(events)} events")


def main() -> None:
    # Not the "RegEx" hook: its pattern proxy drops the pos/endpos arguments the stages use.
    atheris.enabled_hooks.add("str")
    # The first call loads and compiles the packaged rules; keep it out of the per-input timeout.
    extract_events("warm up", published=date(2024, 1, 1))
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
