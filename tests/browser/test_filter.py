"""The map's own filter, run in Chromium, keeps exactly what `geo.view.filter_incidents` keeps.

The dashboard filters in the browser (the map stays mounted); the side panel and the downloads
use the Python filter. Both must agree, clustered or not.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from geo.incidents import to_geodataframe
from geo.maps import CLUSTER_FROM, build_map, filter_script, grouping_for, install_assets
from geo.view import filter_incidents, incident_layers
from tests.conftest import make_incident

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians"]
DRAWN = "() => [...document.querySelectorAll(\"path[class*='incident-']\")].map(p => p.classList)"
# What the map holds, drawn or inside a cluster: the circles in the layers' common target.
HELD = "map => map.atlas.layers[0].options.target.getLayers().map(c => c.options.className)"


def mixed_incidents(count: int):
    rows = []
    for i in range(count):
        when = date(2022, 1, 3) + timedelta(days=(i * 7) % 90) if i % 11 else None
        row = make_incident(f"m{i}", when, lat=39 + (i % 13) / 10, lon=45 + (i % 7) / 10)
        rows.append(
            dataclasses.replace(
                row, event_type=TYPES[i % 3], geo_precision=1 + i % 3, is_incident=i % 9 != 0
            )
        )
    return to_geodataframe(rows)


def drawn_ids(page) -> set[str]:
    classes = page.evaluate(DRAWN)
    return {next(c for c in cls.values() if c.startswith("incident-"))[9:] for cls in classes}


def held_ids(page, fmap) -> set[str]:
    return {
        name.removeprefix("incident-") for name in page.evaluate(f"({HELD})({fmap.get_name()})")
    }


@pytest.mark.parametrize("cluster", [False, True])
def test_browser_filter_matches_the_python_filter(browser, tmp_path, cluster):
    incidents = mixed_incidents(60)
    grouping = grouping_for(incidents.loc[incidents["is_incident"], "event_date"])
    layers = incident_layers(incidents, grouping)
    vendor = install_assets(tmp_path / "vendor")
    fmap = build_map(incidents, asset_url=vendor.as_uri(), tiles=False, cluster=cluster)
    page_file = tmp_path / "map.html"
    page_file.write_text(fmap.get_root().render(), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(page_file.as_uri())
    assert len(incidents) < CLUSTER_FROM

    choices = [
        {"layers": layers},
        {"layers": layers[1:-1], "event_types": TYPES[:1]},
        {"layers": layers[:2], "precisions": [1, 3], "show_mentions": True},
        {"layers": layers, "event_types": TYPES[1:], "precisions": [2], "show_mentions": True},
        {"layers": [], "show_mentions": True},
        {"layers": layers},
    ]
    for chosen in choices:
        page.evaluate(filter_script(fmap.get_name(), **chosen))
        page.wait_for_timeout(300)
        expected = filter_incidents(incidents, grouping=grouping, **chosen)
        assert held_ids(page, fmap) == set(expected["event_id"]), chosen
        if not cluster:
            assert drawn_ids(page) == set(expected["event_id"]), chosen
    page.close()
