from datetime import date

from geo.maps import (
    MENTIONS_LAYER,
    UNDATED_LAYER,
    build_map,
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


def test_one_layer_per_date_and_mentions_hidden_by_default(incidents):
    html = build_map(incidents).get_root().render()
    for name in ("2022-08-03", "2021-05-12", UNDATED_LAYER):
        assert f'"{name}"' in html
    assert MENTIONS_LAYER not in html
    assert "incident-a" in html and "incident-d" not in html

    with_mentions = build_map(incidents, show_mentions=True).get_root().render()
    assert MENTIONS_LAYER in with_mentions and "incident-d" in with_mentions


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
