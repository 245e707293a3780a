"""Assemble events from triggers, dates, places, participants and cues (work in progress)."""

from __future__ import annotations

from ..models import Article, Event


def assemble_events(article: Article) -> list[Event]:
    return []
