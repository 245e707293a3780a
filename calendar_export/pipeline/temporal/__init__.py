"""Stage: temporal expressions found and normalized as TIMEX3 values.

Rules and lexicons are data (``data/temporal/``); :mod:`.rules` compiles them into one
scanner, :mod:`.resolvers` turns a match into a value, :mod:`.anchor` picks between past
and future readings by the clause's tense (:mod:`calendar_export.pipeline.tense`).
"""

from __future__ import annotations

from .tagger import tag_timexes
from .values import precision_of, value_bounds

__all__ = ["precision_of", "tag_timexes", "value_bounds"]
