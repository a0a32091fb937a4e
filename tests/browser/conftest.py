"""A real dashboard in a real Chromium, with every request off this machine refused.

The app is started as a person starts it (`streamlit run dashboard.py`) on a free port of
127.0.0.1; Chromium is Debian's, driven by Playwright.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from tests.browser.app import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, ROOT, RunningApp, only_local

__all__ = ["MAP_FRAME", "ROOT", "RunningApp"]


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def app_factory(tmp_path_factory) -> Iterator:
    """Start dashboards on demand, each on its own articles folder; stop them all at the end."""
    apps: list[RunningApp] = []

    def start(articles: Path | None = None) -> RunningApp:
        data = tmp_path_factory.mktemp("data")
        if articles is None:
            articles = tmp_path_factory.mktemp("articles")
        app = RunningApp(articles, data)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.stop()


@pytest.fixture(scope="session")
def sample_app(app_factory) -> RunningApp:
    """The dashboard on the sample articles only, as the README's command starts it."""
    return app_factory()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page that can reach 127.0.0.1 and nothing else; yields the refused addresses too."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    refused = only_local(context)
    page = context.new_page()
    yield page, refused
    context.close()


def wait_until_idle(page: Page) -> None:
    """Wait for the script run a click started to finish (Streamlit's "Running..." is gone)."""
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
