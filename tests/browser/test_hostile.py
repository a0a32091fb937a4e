"""An article written to attack the reader's browser runs nothing and shows as text."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.model import Article
from geo.pipeline import run
from tests.browser.conftest import MAP_FRAME

PAYLOAD = (
    "<script>window.__atlas_pwned = 1; alert(1)</script>"
    '<img src=x onerror="window.__atlas_pwned = 2; alert(2)">'
    " [clic](javascript:alert(3)) `${alert(4)}`"
)
TEXT = (
    f"Combates en Sotk {PAYLOAD} el 12 de mayo de 2021: tropas azerbaiyanas abrieron fuego "
    "cerca del pueblo de Sotk.\n"
)


def hostile_incident_id() -> str:
    """The id the engine gives the article's incident at Sotk: the marker to click."""
    table = PlaceTable.load()
    article = Article(id="hostile", text=TEXT, title="", published=date(2021, 5, 14))
    incidents = run([article], table, PlaceTableGeocoder(table)).incidents
    sotk = incidents[incidents["is_incident"] & (incidents["location"] == "Sotk")]
    assert len(sotk) == 1
    return sotk.iloc[0]["event_id"]


@pytest.fixture(scope="module")
def hostile_app(app_factory, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(TEXT, encoding="utf-8")
    (folder / "articles.csv").write_text(
        "file,title,published,source,url\n"
        'hostile.txt,"<b onmouseover=alert(5)>Título</b>",2021-05-14,'
        '"<script>alert(6)</script>",javascript:alert(7)\n',
        encoding="utf-8",
    )
    return app_factory(folder)


def test_hostile_article_runs_nothing(offline_page, hostile_app):
    page, _ = offline_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_app.url)
    frame = page.frame_locator(MAP_FRAME)
    markers = frame.locator("path.leaflet-interactive[class*='incident-']")
    expect(markers.first).to_be_visible(timeout=30_000)
    for index in range(markers.count()):
        markers.nth(index).hover(force=True)
    marker = frame.locator(f"path.incident-{hostile_incident_id()}")
    payload_shown = page.get_by_text("window.__atlas_pwned = 1", exact=False).first
    for _ in range(5):  # a click made while the map component settles can be lost
        marker.click(force=True)
        try:
            expect(payload_shown).to_be_visible(timeout=3_000)
            break
        except AssertionError:
            continue
    expect(payload_shown).to_be_visible()
    page.get_by_text("Leer el artículo completo").first.click()
    full_text = page.get_by_test_id("stExpanderDetails").filter(has_text="Combates en Sotk")
    expect(full_text.get_by_text("window.__atlas_pwned = 1", exact=False)).to_be_visible()
    page.wait_for_timeout(500)

    assert dialogs == []
    assert page.evaluate("window.__atlas_pwned") is None
    frame_handle = page.locator(MAP_FRAME).element_handle().content_frame()
    assert frame_handle.evaluate("window.__atlas_pwned") is None
    # The payload is on the page as text, not as elements.
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert frame.locator("img[src='x']").count() == 0
