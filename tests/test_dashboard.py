"""The dashboard script under Streamlit's AppTest: widgets in, map code and side panel out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENT_ATLAS_ARTICLES", str(tmp_path / "articles"))
    monkeypatch.setenv("INCIDENT_ATLAS_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def map_component(at):
    return json.loads(at.get("component_instance")[0].proto.json_args)


def marker_classes(at) -> set[str]:
    code = json.dumps(map_component(at))
    return {part.split('\\"')[0] for part in code.split("incident-")[1:]}


def sidebar_layers(at) -> list[str]:
    return [box.key.removeprefix("layer:") for box in at.sidebar.checkbox]


def test_samples_draw_incidents_and_ask_for_a_click(app):
    assert marker_classes(app)
    assert any("Haz clic en un marcador" in info.value for info in app.info)
    assert "2022-08-03" in sidebar_layers(app)
    assert "2021-05-12" in sidebar_layers(app)


def test_sidebar_toggle_removes_that_days_incidents_from_the_map(app):
    before = marker_classes(app)
    app.sidebar.checkbox(key="layer:2022-08-03").uncheck().run()
    after = marker_classes(app)
    assert after < before
    app.sidebar.checkbox(key="layer:2022-08-03").check().run()
    assert marker_classes(app) == before


def click(at, lat: float, lng: float) -> None:
    key = map_component(at)["key"]
    at.session_state[key] = {"last_object_clicked": {"lat": lat, "lng": lng}}
    at.run()


def panel_text(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_click_on_a_marker_fills_the_side_panel(app):
    from geo.gazetteer import PlaceTable

    lachin = next(p for p in PlaceTable.load().candidates("Lachin corridor") if p.kind == "road")
    click(app, lachin.lat, lachin.lon)
    assert not app.exception, app.exception
    assert "Paso Lachin" in panel_text(app)


def test_selection_survives_a_layer_toggle(app):
    from geo.gazetteer import PlaceTable

    lachin = next(p for p in PlaceTable.load().candidates("Lachin corridor") if p.kind == "road")
    click(app, lachin.lat, lachin.lon)
    app.sidebar.checkbox(key="layer:2021-05-12").uncheck().run()
    assert "Paso Lachin" in panel_text(app)
