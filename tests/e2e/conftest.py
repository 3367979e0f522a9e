"""Browser tests: Playwright for Python driving Debian's Chromium (headless) against the `live_url` server.

One browser per session; each test gets a fresh page (its own context and viewport). Any JavaScript error
in the page console, or an uncaught exception, fails the test. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import settle

# Playwright's sync API keeps an event loop in this thread; the tests still query the database (to know
# the right answers), which Django would otherwise refuse as "async unsafe". Nothing here runs concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# SwiftShader's performance notes are warnings, not errors; listed here so nothing else is ever filtered.
HARMLESS = ("GPU stall due to ReadPixels",)


@pytest.fixture(scope="session")
def browser(live_url: str) -> Iterator[Any]:
    # Depends on live_url so that the browser closes first: its keep-alive connections would otherwise hold
    # server threads (and their database connections) open when the test database is dropped.
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `.ci/setup.sh --with-browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


OpenPage = Callable[..., Any]


@pytest.fixture
def open_page(browser: Any, live_url: str) -> Iterator[OpenPage]:
    """open_page(path, width=1100, height=720, **context options) -> a page that has loaded and settled."""
    contexts: list[Any] = []
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and not any(text in message.text for text in HARMLESS):
            errors.append(f"console: {message.text}")

    def open_(path: str, *, width: int = 1100, height: int = 720, **options: Any) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="nl-BE", reduced_motion="reduce", **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
        page.goto(live_url + path)
        settle(page)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert errors == [], "JavaScript errors in the page"
