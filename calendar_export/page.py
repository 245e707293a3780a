"""The feed's web page: a server-rendered timeline that works without JavaScript.

Upcoming events first (soonest first), then past ones (latest first), then those with no
date yet. Each shows its date as precisely as it is known, title, place, status, a
confidence bar, and, on demand (``<details>``), the quoted evidence with its sources,
the confidence notes and the revision history. A form sets the filters; the subscribe
links carry them. Every piece of article text goes through :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from urllib.parse import urlencode

from .models import KINDS, STATUSES, Event
from .resources import read_text
from .store import FeedQuery, StoredEvent

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def when_label(event: Event) -> str:
    """The date as a reader should see it, never more precise than the text."""
    when = event.when
    if when.start is None:
        return "date not known"
    end = when.end or when.start
    if when.precision in ("day", "time"):
        if end == when.start:
            return _day(when.start)
        if (end.year, end.month) == (when.start.year, when.start.month):
            return f"{when.start.day}–{_day(end)}"
        return f"{_day(when.start)} – {_day(end)}"
    if when.precision == "month":
        return f"{_MONTHS[when.start.month - 1]} {when.start.year} · day not known"
    return f"{when.value or when.start.isoformat()} · {when.precision} only"


def _bar(score: float) -> str:
    pct = round(score * 100)
    level = "high" if score >= 0.7 else "mid" if score >= 0.4 else "low"
    return (
        f'<div class="confidence" title="confidence {score:.2f}">'
        f'<div class="bar" role="meter" aria-label="confidence" aria-valuemin="0" '
        f'aria-valuemax="100" aria-valuenow="{pct}"><span class="fill {level}" '
        f'style="width:{pct}%"></span></div><span class="score">{score:.2f}</span></div>'
    )


def _evidence(stored: StoredEvent) -> str:
    event = stored.event
    quotes = "".join(
        f"<li><blockquote>{escape(m.sentence)}</blockquote>"
        f"<cite>{escape(m.source or 'unnamed source')}"
        + (f", {m.published.isoformat()}" if m.published else "")
        + "</cite></li>"
        for m in event.mentions
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in event.confidence.notes)
    history = "".join(
        f"<li>rev {h.sequence} · {h.published.isoformat()} · "
        f"{escape(h.source or 'unnamed source')}: {escape(h.change)}</li>"
        for h in stored.history
    )
    sources = len({m.source for m in event.mentions})
    return (
        f'<details class="evidence"><summary>Evidence ({len(event.mentions)} quote(s), '
        f"{sources} source(s))</summary>"
        f'<ul class="quotes">{quotes}</ul>'
        + (f'<h4>Why this confidence</h4><ul class="notes">{notes}</ul>' if notes else "")
        + (f'<h4>History</h4><ul class="history">{history}</ul>' if history else "")
        + "</details>"
    )


def _item(stored: StoredEvent) -> str:
    event = stored.event
    place = "place not known"
    if event.place:
        country = event.place.country
        extra = f", {country}" if country and country != event.place.name else ""
        place = escape(event.place.name + extra)
    people = escape(", ".join(event.participants))
    revised = f' <span class="rev">revised ×{stored.sequence}</span>' if stored.sequence else ""
    return (
        f'<li class="event status-{escape(event.status)}" data-uid="{escape(event.uid)}">'
        f'<time class="when"'
        + (f' datetime="{event.when.start.isoformat()}"' if event.when.start else "")
        + f">{escape(when_label(event))}</time>"
        f'<div class="body"><h3 class="title">{escape(event.title)}</h3>'
        f'<p class="meta"><span class="place">{place}</span>'
        f' <span class="badge status">{escape(event.status)}</span>'
        f' <span class="badge kind">{escape(event.kind)}</span>{revised}</p>'
        + (f'<p class="people">{people}</p>' if people else "")
        + _bar(event.confidence.score)
        + _evidence(stored)
        + "</div></li>"
    )


def _section(title: str, css: str, items: Sequence[StoredEvent], total: int) -> str:
    if not items:
        return ""
    body = "".join(_item(s) for s in items)
    return (
        f'<section class="{css}"><h2>{title} ({total})</h2>'
        f'<ol class="timeline">{body}</ol></section>'
    )


def _section_of(stored: StoredEvent, today: date) -> str:
    """As the store sorts the timeline: by the last day (the first when no other)."""
    when = stored.event.when
    last = when.end or when.start
    if last is None:
        return "undated"
    return "upcoming" if last >= today else "past"


def _pager(query: FeedQuery, page: int, pages: int) -> str:
    if pages <= 1:
        return ""

    def link(number: int, label: str, rel: str) -> str:
        params = urlencode([*query.to_params(), ("page", str(number))])
        return f'<a rel="{rel}" href="/?{escape(params)}">{label}</a>'

    return (
        '<nav class="pager">'
        + (link(page - 1, "← previous", "prev") + " " if page > 1 else "")
        + f"<span>page {page} of {pages}</span>"
        + (" " + link(page + 1, "next →", "next") if page < pages else "")
        + "</nav>"
    )


def _options(name: str, choices: Sequence[str], chosen: Sequence[str]) -> str:
    opts = "".join(
        f'<option value="{c}"{" selected" if c in chosen else ""}>{c}</option>' for c in choices
    )
    return f'<select name="{name}"><option value="">any {name}</option>{opts}</select>'


def _form(query: FeedQuery) -> str:
    return (
        '<form class="filters" method="get" action="/">'
        f'<label>min confidence <input type="number" name="min_confidence" min="0" max="1" '
        f'step="0.05" value="{query.min_confidence:g}"></label>'
        f"{_options('status', STATUSES, query.statuses)}"
        f"{_options('kind', KINDS, query.kinds)}"
        f'<label>country <input name="country" value="{escape(",".join(query.countries))}"></label>'
        f'<label>from <input type="date" name="from" value="{query.start or ""}"></label>'
        f'<label>to <input type="date" name="to" value="{query.end or ""}"></label>'
        f'<label><input type="checkbox" name="upcoming" value="1"'
        f"{' checked' if query.upcoming else ''}> upcoming only</label>"
        '<button type="submit">Filter</button></form>'
    )


def render_page(
    stored: Sequence[StoredEvent],
    *,
    name: str,
    query: FeedQuery,
    today: date,
    feed_url: str,
    webcal_url: str,
    counts: Mapping[str, int],
    totals: Mapping[str, int] | None = None,
    page: int = 1,
    page_size: int | None = None,
) -> str:
    """The page for ``stored``: already filtered by ``query``, and either every event or
    one page of ``page_size`` in timeline order (upcoming, past latest first, undated),
    with ``totals`` the size of each section over all pages."""
    parts: dict[str, list[StoredEvent]] = {"upcoming": [], "past": [], "undated": []}
    for s in stored:
        parts[_section_of(s, today)].append(s)
    if totals is None:  # the whole list, in feed order
        parts["past"].reverse()
        totals = {section: len(items) for section, items in parts.items()}
    sections = (
        _section("Upcoming", "upcoming", parts["upcoming"], totals.get("upcoming", 0))
        + _section("Past", "past", parts["past"], totals.get("past", 0))
        + _section("No date yet", "undated", parts["undated"], totals.get("undated", 0))
    ) or '<p class="empty">No events match these filters.</p>'
    matching = sum(totals.values())
    pages = max(1, -(-matching // page_size)) if page_size else 1
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(name)}</title><style>{read_text('feed/page.css')}</style></head><body>"
        f"<header><h1>{escape(name)}</h1>"
        f'<p class="counts">{counts.get("events", 0)} events from {counts.get("articles", 0)} '
        f"articles · today is {today.isoformat()}</p>"
        '<p class="subscribe"><a class="webcal" href="'
        f'{escape(webcal_url)}">Subscribe in your calendar</a> '
        f'<a class="https" href="{escape(feed_url)}">.ics feed URL (copy into Google or '
        f"Outlook on the web)</a></p>{_form(query)}</header><main>{sections}"
        f"{_pager(query, page, pages)}</main></body></html>"
    )


def error_page(message: str) -> str:
    """A short page for a bad request."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title>'
        f'</head><body><h1>Bad request</h1><p class="error">{escape(message)}</p>'
        '<p><a href="/">Back to all events</a></p></body></html>'
    )
