"""Stage: temporal expressions (placeholder until the temporal tagger lands)."""

from __future__ import annotations

from datetime import date

from ..models import Timex


def tag_timexes(text: str, *, published: date) -> list[Timex]:
    """Find and normalize every temporal expression in ``text`` against ``published``."""
    return []
