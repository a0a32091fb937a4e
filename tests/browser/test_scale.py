"""The dashboard on a thousand generated articles: clustered map, clusters that open, clicks.

No timings here (they are in benchmarks/scale.py): only that the large-corpus path works.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from geo.articles import default_folders, load_folders
from geo.corpus import generate, write_corpus
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.maps import CLUSTER_FROM, grouping_for, layer_name
from geo.pipeline import run
from tests.browser.app import (
    MAP_FRAME,
    clickable_markers,
    markers_on_map,
    open_cluster,
    wait_for_markers,
)

ARTICLES = 1000
SINGLE = "path.leaflet-interactive[class*='incident-']"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), generate(ARTICLES, seed=11))


@pytest.fixture(scope="module")
def large_incidents(corpus):
    """What the engine makes of the corpus and the samples, as the dashboard reads them."""
    articles, _ = load_folders(default_folders(corpus))
    table = PlaceTable.load()
    incidents = run(articles, table, PlaceTableGeocoder(table)).incidents
    return incidents[incidents["is_incident"]]


@pytest.fixture(scope="module")
def large_app(app_factory, corpus):
    return app_factory(corpus)


def test_every_incident_is_on_the_map_in_clusters(offline_page, large_app, large_incidents):
    page, refused = offline_page
    assert len(large_incidents) >= CLUSTER_FROM
    page.goto(large_app.url)
    # The first open runs the engine over every article.
    wait_for_markers(page, len(large_incidents), timeout=600)
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator(".marker-cluster").count() > 0
    assert frame.locator(SINGLE).count() < len(large_incidents)
    assert not [url for url in refused if "127.0.0.1" in url]


def test_clusters_open_and_a_click_shows_that_incidents_excerpt(
    offline_page, large_app, large_incidents
):
    page, _ = offline_page
    page.goto(large_app.url)
    wait_for_markers(page, len(large_incidents), timeout=600)
    frame = page.frame_locator(MAP_FRAME)
    singles = frame.locator(SINGLE)
    before = singles.count()
    for _ in range(8):
        if singles.count() > before:
            break
        open_cluster(page)
    assert singles.count() > before, "clicking clusters never opened them into circles"
    # Zoomed in, the map still stands for every incident (some in smaller clusters, some off
    # screen): only the count on screen may drop, never rise above the total.
    assert 0 < markers_on_map(page) <= len(large_incidents)

    # Opened circles may still be moving or lie under the page header: open more until one is
    # in the clear.
    for _ in range(8):
        clear = clickable_markers(page)
        if clear:
            break
        page.wait_for_timeout(500)
        open_cluster(page)
    assert clear, "no opened circle could be clicked"
    event_id = clear[0]
    marker = frame.locator(f"path.incident-{event_id}")
    incident = large_incidents.set_index("event_id").loc[event_id]
    sentence = json.loads(incident["excerpts"])[0]["sentence"]
    marker.click()
    panel = page.get_by_test_id("stMain")
    expect(panel.get_by_text(sentence).first).to_be_visible(timeout=30_000)
    expect(panel.get_by_text(incident["location"]).first).to_be_visible()


def test_layer_control_takes_a_month_out_of_the_clusters_and_back(
    offline_page, large_app, large_incidents
):
    page, _ = offline_page
    page.goto(large_app.url)
    total = len(large_incidents)
    wait_for_markers(page, total, timeout=600)
    grouping = grouping_for(large_incidents["event_date"])
    names = large_incidents["event_date"].map(lambda d: layer_name(d, grouping))
    month = names.value_counts().index[0]
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-control-layers").hover()
    box = frame.locator(".leaflet-control-layers-overlays label", has_text=month).locator("input")
    box.click()
    wait_for_markers(page, total - int((names == month).sum()), timeout=30)
    box.click()
    wait_for_markers(page, total, timeout=30)
