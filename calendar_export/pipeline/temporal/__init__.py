"""Stage: temporal expressions found and normalized as TIMEX3 values.

Rules and lexicons are data (``data/temporal/``, read by :mod:`.lexicon`); :mod:`.rules`
compiles them into one scanner that :mod:`.tagger` runs; the resolvers of :mod:`.days`,
:mod:`.periods` and :mod:`.spans` (by name in :mod:`.resolvers`, helpers in
:mod:`.groups`) turn a match into a value; :mod:`.anchor` picks between past and future
readings by the clause's tense (:mod:`calendar_export.pipeline.tense`); :mod:`.values`
knows what a TIMEX3 value covers.
"""

from __future__ import annotations

from .tagger import tag_timexes
from .values import precision_of, value_bounds

__all__ = ["precision_of", "tag_timexes", "value_bounds"]
