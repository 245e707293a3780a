"""The extraction pipeline: stages over one :class:`~.document.Doc`.

Each stage module says what it reads and what it adds. Nothing here reads the clock.
"""

from __future__ import annotations

from ..models import Article, Event


def run_pipeline(article: Article) -> list[Event]:
    """Run every stage over ``article`` and return its merged events."""
    from .assemble import assemble_events

    return assemble_events(article)
