"""Stage: temporal expressions found and normalized as TIMEX3 values.

Rules and lexicons are data (``data/temporal/``, read by :mod:`.lexicon`); :mod:`.rules`
compiles them into one scanner that :mod:`.tagger` runs; the resolvers of :mod:`.days`,
:mod:`.periods`, :mod:`.spans`, :mod:`.offsets` and :mod:`.clock` (by name in
:mod:`.resolvers`, helpers in :mod:`.groups`) turn a match into a value; :mod:`.compose`
joins a day and a time found side by side; :mod:`.calendars` computes holidays of the
Hebrew, Islamic and Chinese calendars; a short phrase of time words typed alone
(:mod:`.phrase`) is also read with the latent rules and looks ahead; :mod:`.anchor`
picks between past and future readings by the clause's tense
(:mod:`calendar_export.pipeline.tense`); :mod:`.values` knows what a TIMEX3 value covers.
"""

from __future__ import annotations

from .tagger import tag_timexes
from .values import precision_of, value_bounds

__all__ = ["precision_of", "tag_timexes", "value_bounds"]
