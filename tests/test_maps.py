import json
from datetime import date

from geo.maps import (
    MENTIONS_LAYER,
    UNDATED_LAYER,
    IncidentLayer,
    build_map,
    filter_script,
    install_assets,
    layer_name,
    local_assets,
    safe_text,
)


def test_layer_names_are_days_or_undated():
    assert layer_name(date(2022, 8, 3)) == "2022-08-03"
    assert layer_name(None) == UNDATED_LAYER
    assert layer_name(float("nan")) == UNDATED_LAYER


def test_map_loads_only_local_assets(incidents):
    html = build_map(incidents, asset_url="/app/static/vendor").get_root().render()
    js, css = local_assets("/app/static/vendor")
    for _, url in js + css:
        assert url in html
    assert "cdn.jsdelivr.net" not in html
    assert "code.jquery.com" not in html


def layers_added_at_start(fmap) -> set[str]:
    """Names of the layers the map's code puts on the map as it starts."""
    html = fmap.get_root().render()
    return {
        layer.layer_name
        for layer in fmap._children.values()
        if isinstance(layer, IncidentLayer) and f"{layer.get_name()}.addTo(" in html
    }


def test_one_layer_per_date_and_mentions_hidden_by_default(incidents):
    fmap = build_map(incidents)
    html = fmap.get_root().render()
    for name in ("2022-08-03", "2021-05-12", UNDATED_LAYER, MENTIONS_LAYER):
        assert f'"{name}"' in html
    assert "incident-a" in html and "incident-d" in html
    assert layers_added_at_start(fmap) == {"2022-08-03", "2021-05-12", UNDATED_LAYER}

    with_mentions = build_map(incidents, show_mentions=True)
    assert MENTIONS_LAYER in layers_added_at_start(with_mentions)


def test_filter_script_names_what_to_show_as_data():
    code = filter_script(
        "window.map",
        layers=["2022-08-03"],
        event_types=["Battles", "</script><script>alert(1)"],
        precisions=[1, 2],
        show_mentions=True,
    )
    prefix = "window.map.atlas.apply("
    assert code.startswith(prefix) and code.rstrip().endswith(");")
    assert json.loads(code.strip()[len(prefix) : -2]) == {
        "layers": ["2022-08-03"],
        "types": ["Battles", "</script><script>alert(1)"],
        "precisions": [1, 2],
        "mentions": True,
    }
    everything = filter_script("m", layers=[], event_types=None, precisions=None)
    assert '"types": null' in everything and '"precisions": null' in everything


def test_map_text_cannot_run(incidents):
    hostile = "<img src=x onerror=alert(1)>`${alert(2)}`\\"
    incidents.loc[incidents.index[0], "location"] = hostile
    html = build_map(incidents).get_root().render()
    assert "<img src=x" not in html
    assert "${alert(2)}" not in html
    assert safe_text(hostile) in html


def test_safe_text_escapes_template_literal_syntax():
    assert safe_text("`${x}`\\<b>") == "&#96;&#36;{x}&#96;&#92;&lt;b&gt;"


def test_install_assets_copies_leaflet_and_jquery(tmp_path):
    vendor = install_assets(tmp_path / "vendor")
    assert (vendor / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert (vendor / "leaflet" / "images" / "marker-icon.png").exists()
    assert (vendor / "jquery" / "jquery.min.js").exists()
    # A second run leaves what is already there.
    before = (vendor / "leaflet" / "leaflet.js").stat().st_mtime_ns
    install_assets(tmp_path / "vendor")
    assert (vendor / "leaflet" / "leaflet.js").stat().st_mtime_ns == before


def many_incidents(count: int, *, days: int):
    from datetime import timedelta

    from geo.incidents import to_geodataframe
    from tests.conftest import make_incident

    return to_geodataframe(
        [
            make_incident(
                f"x{i}", date(2022, 1, 3) + timedelta(days=i % days), lat=39 + (i % 97) / 100
            )
            for i in range(count)
        ]
    )


def test_grouping_goes_from_days_to_weeks_to_months():
    from geo.maps import MAX_LAYERS, grouping_for, layer_span

    assert grouping_for(many_incidents(40, days=MAX_LAYERS)["event_date"]) == "day"
    assert grouping_for(many_incidents(200, days=MAX_LAYERS + 1)["event_date"]) == "week"
    assert grouping_for(many_incidents(400, days=7 * (MAX_LAYERS + 1))["event_date"]) == "month"
    assert layer_name(date(2022, 8, 3), "week") == "2022-W31"
    assert layer_name(date(2022, 8, 3), "month") == "2022-08"
    assert layer_span("2022-W31") == (date(2022, 8, 1), date(2022, 8, 7))
    assert layer_span("2022-02") == (date(2022, 2, 1), date(2022, 2, 28))
    assert layer_span("2022-12") == (date(2022, 12, 1), date(2022, 12, 31))
    assert layer_span(UNDATED_LAYER) is None


def test_many_incidents_are_clustered_from_local_files_with_every_handle():
    from geo.maps import CLUSTER_FROM

    incidents = many_incidents(CLUSTER_FROM, days=300)
    html = build_map(incidents, asset_url="/app/static/vendor").get_root().render()
    assert "L.markerClusterGroup(" in html
    assert "/app/static/vendor/markercluster/leaflet.markercluster.js" in html
    assert "cdnjs" not in html and "unpkg" not in html
    assert all(f'"incident-x{i}"' in html for i in range(CLUSTER_FROM))
    # Ten months of data: one layer per month in the layer control.
    assert html.count('"2022-0') + html.count('"2022-1') >= 10

    few = build_map(many_incidents(10, days=3)).get_root().render()
    assert "L.markerClusterGroup(" not in few


def test_template_syntax_in_a_name_is_shown_as_written(incidents):
    incidents.loc[incidents.index[0], "location"] = "{{ 7 * 7 }} {% if x %}"
    html = build_map(incidents).get_root().render()
    assert "{{ 7 * 7 }} {% if x %}" in html


def test_detached_rows_go_to_a_file_named_after_them(incidents, tmp_path):
    from geo.maps import DATA_FILES_KEPT, detach_rows

    inline = build_map(incidents).get_root().render()
    fmap = build_map(incidents)
    path = detach_rows(fmap, tmp_path / "maps", "/app/static/maps")
    html = fmap.get_root().render()
    assert f'src="/app/static/maps/{path.name}"' in html
    assert "incident-a" in inline and "incident-a" not in html
    data = path.read_text(encoding="ascii")
    assert '"incident-a"' in data and '"incident-d"' in data
    # The same map, the same file; a changed one, another file.
    assert detach_rows(build_map(incidents), tmp_path / "maps", "/x") == path
    incidents.loc[incidents.index[0], "latitude"] = 40.1
    assert detach_rows(build_map(incidents), tmp_path / "maps", "/x") != path
    for index in range(DATA_FILES_KEPT + 3):
        incidents.loc[incidents.index[0], "latitude"] = 40 + index / 100
        detach_rows(build_map(incidents), tmp_path / "maps", "/x")
    assert len(list((tmp_path / "maps").glob("atlas-*.js"))) == DATA_FILES_KEPT
