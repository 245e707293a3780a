"""The timeline page in a real browser: Debian's Chromium, headless, JavaScript off.

Skips (saying why) only when Chromium or Playwright is missing on a developer machine;
under CI (``CI=true``) a missing browser is a failure, since ``.ci/run`` installs it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from feedtools import make_event, running_server

from calendar_export.models import Article
from calendar_export.server import create_app
from calendar_export.store import Store

CHROMIUM = Path(os.environ.get("CALENDAR_EXPORT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TODAY = date(2023, 7, 1)


def _require_browser() -> None:
    missing = []
    if not (CHROMIUM.exists() or shutil.which(str(CHROMIUM))):
        missing.append(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("Playwright (pip install playwright; make install)")
    if missing:
        reason = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " -- .ci/run should have installed it")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = Store(tmp_path_factory.mktemp("page") / "feed.sqlite")
    store.ingest(
        Article(text="first", published=date(2023, 6, 19), source="first.txt"),
        [
            make_event(
                "g20@page",
                "G20 summit in New Delhi",
                kind="summit",
                status="expected",
                month="2023-09",
                place="New Delhi",
                score=0.55,
                source="first.txt",
                sentence="The two leaders are expected to attend the G20 summit.",
            ),
            make_event(
                "apec@page",
                "APEC forum",
                kind="summit",
                month="2023-11",
                place="San Francisco",
                score=0.8,
                source="first.txt",
            ),
            make_event(
                "wang@page",
                "Blinken meets Wang Yi",
                day="2023-06-19",
                place="Beijing",
                people=("Antony Blinken", "Wang Yi"),
                score=0.9,
                source="first.txt",
            ),
        ],
    )
    store.ingest(
        Article(text="second", published=date(2023, 8, 28), source="second.txt"),
        [
            make_event(
                "g20@second",
                "G20 summit",
                kind="summit",
                day="2023-09-09",
                until="2023-09-10",
                place="New Delhi",
                score=0.8,
                source="second.txt",
            )
        ],
    )
    with running_server(create_app(store, today=lambda: TODAY)) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1000, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_timeline_shows_upcoming_then_past(site: str, page: Any, tmp_path: Path) -> None:
    page.goto(f"{site}/")
    upcoming = page.locator("section.upcoming li.event")
    assert upcoming.count() == 2
    first = upcoming.nth(0)
    # One meeting folded from two reports keeps the fuller title of the first.
    assert first.locator(".title").inner_text() == "G20 summit in New Delhi"
    assert first.locator("time").inner_text() == "9–10 Sep 2023"
    assert "New Delhi, India" in first.locator(".place").inner_text()
    assert first.locator(".badge.status").inner_text() == "scheduled"
    assert "revised ×1" in first.inner_text()
    later = upcoming.nth(1)
    assert later.locator("time").inner_text() == "Nov 2023 · day not known"
    past = page.locator("section.past li.event")
    assert past.count() == 1
    assert past.locator(".title").inner_text() == "Blinken meets Wang Yi"
    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)


def test_confidence_bar_is_drawn_to_scale(site: str, page: Any) -> None:
    page.goto(f"{site}/")
    for uid, score in (("apec@page", 0.8), ("wang@page", 0.9)):
        item = page.locator(f'li[data-uid="{uid}"]')
        bar = item.locator(".bar").bounding_box()
        fill = item.locator(".fill").bounding_box()
        assert bar is not None
        assert fill is not None
        assert bar["width"] > 50
        assert fill["width"] / bar["width"] == pytest.approx(score, abs=0.02)
        assert item.locator(".score").inner_text() == f"{score:.2f}"


def test_evidence_opens_on_demand_without_javascript(site: str, page: Any) -> None:
    page.goto(f"{site}/")
    item = page.locator('li[data-uid="g20@page"]')
    quote = item.locator("blockquote", has_text="expected to attend the G20 summit")
    assert not quote.is_visible()
    item.locator("details.evidence summary").click()
    assert quote.is_visible()
    assert "first.txt, 2023-06-19" in item.locator("cite").first.inner_text()
    history = item.locator("ul.history").inner_text()
    assert "second.txt" in history
    assert "2023-09 (month) -> 2023-09-09..2023-09-10 (day)" in history


def test_filter_form_and_subscribe_link_keep_the_filters(site: str, page: Any) -> None:
    page.goto(f"{site}/")
    assert page.locator("a.webcal").get_attribute("href") == (
        "webcal://" + site.split("://", 1)[1] + "/calendar.ics"
    )
    page.select_option("select[name=kind]", "summit")
    page.fill("input[name=min_confidence]", "0.6")
    page.click("form.filters button[type=submit]")
    assert "kind=summit" in page.url
    titles = page.locator("li.event .title").all_inner_texts()
    assert titles == ["G20 summit in New Delhi", "APEC forum"]
    href = page.locator("a.webcal").get_attribute("href")
    assert href.startswith("webcal://127.0.0.1:")
    assert href.endswith("/calendar.ics?min_confidence=0.6&kind=summit")
    https = page.locator("a.https").get_attribute("href")
    assert https == "http://" + href.removeprefix("webcal://")
