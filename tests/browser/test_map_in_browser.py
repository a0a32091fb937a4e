"""What a person sees and clicks, in Chromium, with no network beyond 127.0.0.1."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.articles import default_folders, load_folders
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.pipeline import run
from tests.browser.conftest import MAP_FRAME

MARKERS = "path.leaflet-interactive[class*='incident-']"


@pytest.fixture(scope="module")
def sample_incidents():
    """What the engine makes of the samples: the browser must show exactly this."""
    articles, _ = load_folders(default_folders())
    table = PlaceTable.load()
    incidents = run(articles, table, PlaceTableGeocoder(table)).incidents
    return incidents[incidents["is_incident"]]


def open_map(page, url):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    return frame


def test_map_draws_every_incident_with_no_network(offline_page, sample_app, sample_incidents):
    page, refused = offline_page
    frame = open_map(page, sample_app.url)
    expect(frame.locator(MARKERS)).to_have_count(len(sample_incidents), timeout=30_000)
    assert all("127.0.0.1" not in url for url in refused)


def test_click_on_lachin_shows_its_sentence(offline_page, sample_app, sample_incidents):
    page, _ = offline_page
    frame = open_map(page, sample_app.url)
    lachin = sample_incidents[sample_incidents["location"].str.contains("Lach")]
    assert not lachin.empty, "the engine must place the Lachin corridor"
    marker = frame.locator(f"path.incident-{lachin.iloc[0]['event_id']}")
    expect(marker).to_have_count(1, timeout=30_000)
    marker.click(force=True)
    panel = page.get_by_text("Paso Lachin", exact=False)
    expect(panel.first).to_be_visible(timeout=15_000)


def test_sidebar_date_toggle_hides_and_restores_markers(offline_page, sample_app, sample_incidents):
    page, _ = offline_page
    frame = open_map(page, sample_app.url)
    day = sample_incidents["event_date"].map(str).str[:10]
    on_day = int((day == "2022-08-03").sum())
    assert on_day > 0
    expect(frame.locator(MARKERS)).to_have_count(len(sample_incidents), timeout=30_000)

    toggle = (
        page.get_by_test_id("stSidebar").get_by_test_id("stCheckbox").filter(has_text="2022-08-03")
    )
    toggle.click()
    expect(frame.locator(MARKERS)).to_have_count(len(sample_incidents) - on_day, timeout=15_000)
    toggle.click()
    expect(frame.locator(MARKERS)).to_have_count(len(sample_incidents), timeout=15_000)


def test_layer_control_toggle_hides_and_restores_markers(
    offline_page, sample_app, sample_incidents
):
    page, _ = offline_page
    frame = open_map(page, sample_app.url)
    day = sample_incidents["event_date"].map(str).str[:10]
    on_day = int((day == "2022-08-03").sum())
    expect(frame.locator(MARKERS)).to_have_count(len(sample_incidents), timeout=30_000)

    frame.locator(".leaflet-control-layers").hover()
    layer = frame.locator(".leaflet-control-layers-overlays label", has_text="2022-08-03")
    layer.locator("input").click()
    expect(frame.locator(MARKERS)).to_have_count(len(sample_incidents) - on_day)
    layer.locator("input").click()
    expect(frame.locator(MARKERS)).to_have_count(len(sample_incidents))


def test_hovering_a_marker_shows_its_place(offline_page, sample_app, sample_incidents):
    page, _ = offline_page
    frame = open_map(page, sample_app.url)
    lachin = sample_incidents[sample_incidents["location"].str.contains("Lach")].iloc[0]
    marker = frame.locator(f"path.incident-{lachin['event_id']}")
    expect(marker).to_have_count(1, timeout=30_000)
    marker.hover(force=True)
    expect(frame.get_by_role("tooltip").filter(has_text=lachin["location"])).to_be_visible()
