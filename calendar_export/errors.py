"""The one exception tree of calendar-export.

::

    CalendarExportError (ValueError)
     +-- InputError        an article cannot be read or has no usable date
     +-- DataFileError     a packaged rule or lexicon file is invalid
     +-- ExportError       a calendar or JSON file cannot be written
     +-- StoreError        a feed store cannot be opened or is not ours

Messages say what happened, where (file, line) and what to do. Only the CLI and the
server translate these into exit codes and HTTP statuses.
"""

from __future__ import annotations


class CalendarExportError(ValueError):
    """Base of every error calendar-export raises on purpose."""


class InputError(CalendarExportError):
    """An article cannot be read: empty, binary, undecodable, or without a date."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class DataFileError(CalendarExportError):
    """A packaged data file (rules, lexicon, gazetteer) is malformed."""

    def __init__(self, message: str, *, file: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {message}")


class ExportError(CalendarExportError):
    """An output file cannot be written."""


class StoreError(CalendarExportError):
    """The store file cannot be opened, is not a calendar-export store, or is too new."""
