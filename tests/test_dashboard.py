"""The dashboard script under Streamlit's AppTest: widgets in, map code and side panel out."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = str(ROOT / "dashboard.py")


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


def map_code(at) -> str:
    """The map's code and the data file of its circles, as the browser loads them."""
    component = map_component(at)
    data = [ROOT / url.removeprefix("/app/") for url in component["js_links"] if "/maps/" in url]
    assert len(data) == 1, component["js_links"]
    return component["script"] + data[0].read_text(encoding="ascii")


def marker_classes(at) -> set[str]:
    return set(re.findall(r'"incident-([^"]+)"', map_code(at)))


def map_filter(at) -> dict:
    """What the sidebar tells the mounted map to show (the code it runs on the map)."""
    code = map_component(at)["feature_group"].strip()
    prefix = "window.map.atlas.apply("
    assert code.startswith(prefix) and code.endswith(");")
    return json.loads(code[len(prefix) : -2])


def sidebar_layers(at) -> list[str]:
    return [box.key.removeprefix("layer:") for box in at.sidebar.checkbox]


def test_samples_draw_incidents_and_ask_for_a_click(app):
    assert marker_classes(app)
    assert any("Haz clic en un marcador" in info.value for info in app.info)
    assert "2022-08-03" in sidebar_layers(app)
    assert "2021-05-12" in sidebar_layers(app)


def test_sidebar_toggle_hides_that_days_layer_on_the_same_map(app):
    code = map_component(app)["script"]
    before = map_filter(app)
    assert "2022-08-03" in before["layers"]
    app.sidebar.checkbox(key="layer:2022-08-03").uncheck().run()
    after = map_filter(app)
    assert set(after["layers"]) == set(before["layers"]) - {"2022-08-03"}
    # The map's code is the same, so the browser keeps the mounted map and only filters it.
    assert map_component(app)["script"] == code
    app.sidebar.checkbox(key="layer:2022-08-03").check().run()
    assert map_filter(app) == before


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


def test_event_type_filter_reaches_the_map(app):
    assert map_filter(app)["types"] is None  # every type: nothing to filter
    app.sidebar.multiselect[0].set_value(["Battles"]).run()
    assert map_filter(app)["types"] == ["Battles"]
    assert set(app.sidebar.multiselect[0].options) > {"Battles"}


def open_tab(at, name: str) -> None:
    """Only the open tab's content runs, as when a person clicks that tab."""
    at.session_state["tab"] = name
    at.run()


def test_only_the_open_tab_runs_and_the_filters_stay(app):
    app.sidebar.checkbox(key="layer:2022-08-03").uncheck().run()
    open_tab(app, "Añadir artículos")
    assert len(app.text_area) == 1
    assert not app.get("component_instance")
    assert app.sidebar.checkbox(key="layer:2022-08-03").value is False
    open_tab(app, "Mapa")
    assert not app.text_area
    assert "2022-08-03" not in map_filter(app)["layers"]


def submit(at, form_key: str) -> None:
    next(b for b in at.button if b.proto.form_id == form_key).click().run()


def test_pasted_article_appears_on_the_map(app, tmp_path):
    before = map_code(app)
    assert "Jermuk" not in before
    open_tab(app, "Añadir artículos")
    app.text_area[0].input(
        "Combates en Jermuk: el 3 de marzo de 2023 soldados azerbaiyanos dispararon contra "
        "posiciones armenias cerca de Jermuk."
    )
    app.text_input[2].input("Disparos cerca de Jermuk")
    submit(app, "upload")
    assert not app.exception, app.exception
    assert list((tmp_path / "articles").glob("*.txt"))
    open_tab(app, "Mapa")
    assert "Jermuk" in map_code(app)


def has_marker_at(at, lat: float, lon: float) -> bool:
    """Each circle is a row of the map's data that starts with its coordinates."""
    return f'[{lat},{lon},"incident-' in map_code(at)


def test_manual_fix_moves_a_place_and_can_be_undone(app, tmp_path):
    from geo.gazetteer import PlaceTable

    lachin = next(p for p in PlaceTable.load().candidates("Lachin corridor") if p.kind == "road")
    click(app, lachin.lat, lachin.lon)
    assert not [s for s in app.selectbox if s.label.startswith("Nombre tal como")]
    app.session_state["fix:open"] = True  # the form is drawn only once its expander opens
    app.run()
    name_box = next(s for s in app.selectbox if s.label.startswith("Nombre tal como"))
    name_box.set_value("Paso Lachin")
    next(n for n in app.number_input if n.label == "Latitud").set_value(39.7)
    next(n for n in app.number_input if n.label == "Longitud").set_value(46.4)
    submit(app, "fix")
    assert not app.exception, app.exception
    fixes = (tmp_path / "data" / "overrides.csv").read_text(encoding="utf-8")
    assert "Paso Lachin" in fixes and "39.7" in fixes
    assert has_marker_at(app, 39.7, 46.4)

    open_tab(app, "Correcciones")
    next(b for b in app.button if b.label == "Deshacer").click().run()
    assert "Paso Lachin" not in (tmp_path / "data" / "overrides.csv").read_text(encoding="utf-8")
    open_tab(app, "Mapa")
    assert not has_marker_at(app, 39.7, 46.4)


def test_no_bare_string_at_module_level_that_streamlit_would_print():
    # Streamlit's "magic" writes any bare expression of the script on the page: an attribute
    # docstring below a constant showed up above the title.
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    bare = [
        node.lineno
        for node in tree.body[1:]
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    ]
    assert bare == []
