"""Incidents on a folium map that draws with no network.

folium points at public CDNs by default; offline, Leaflet never loads and the map is an
empty gap. Every map built here loads Leaflet and jQuery from files the app serves itself
(copied from the XStatic packages on PyPI), and says so on the map when tiles cannot load.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterable
from pathlib import Path

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

# Where the dashboard serves the vendored files (Streamlit's static serving).
DEFAULT_ASSET_URL = "/app/static/vendor"

# Colours by ACLED event type; mentions (places only named) are grey.
EVENT_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Strategic developments": "#1f77b4",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
}
MENTION_COLOUR = "#7f7f7f"
OTHER_COLOUR = "#17becf"
UNDATED_LAYER = "Fecha desconocida"
MENTIONS_LAYER = "Menciones (lugares solo nombrados)"


def _vendor_files() -> dict[str, list[Path]]:
    import xstatic.pkg.jquery as jquery
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    leaflet_dir = Path(leaflet.BASE_DIR)
    return {
        "leaflet": [
            leaflet_dir / "leaflet.js",
            leaflet_dir / "leaflet.css",
            leaflet_dir / "images",
        ],
        "jquery": [Path(jquery.BASE_DIR) / "jquery.min.js"],
        "markercluster": [
            Path(markercluster.BASE_DIR) / name
            for name in (
                "leaflet.markercluster.js",
                "MarkerCluster.css",
                "MarkerCluster.Default.css",
            )
        ],
    }


def install_assets(vendor_dir: Path) -> Path:
    """Copy Leaflet, jQuery and MarkerCluster into `vendor_dir` unless already there."""
    for package, sources in _vendor_files().items():
        target_dir = vendor_dir / package
        target_dir.mkdir(parents=True, exist_ok=True)
        for source in sources:
            target = target_dir / source.name
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            elif not target.exists() or target.stat().st_size != source.stat().st_size:
                shutil.copy2(source, target)
    return vendor_dir


def local_assets(asset_url: str = DEFAULT_ASSET_URL) -> tuple[list, list]:
    """The (js, css) lists folium needs to load everything from `asset_url`."""
    js = [
        ("leaflet", f"{asset_url}/leaflet/leaflet.js"),
        ("jquery", f"{asset_url}/jquery/jquery.min.js"),
    ]
    css = [("leaflet_css", f"{asset_url}/leaflet/leaflet.css")]
    return js, css


def safe_text(text: object) -> str:
    """Escape text for the HTML inside folium's JavaScript template literals.

    folium puts tooltip HTML between backticks, where `${...}` would run and a backslash
    would escape: those are neutralised along with everything html.escape covers.
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def colour_for(event_type: str, is_incident: bool = True) -> str:
    if not is_incident:
        return MENTION_COLOUR
    return EVENT_COLOURS.get(event_type, OTHER_COLOUR)


def radius_for(fatalities: object) -> float:
    """Marker radius grows with the square root of fatalities so large figures stay readable."""
    try:
        count = max(int(fatalities), 0)
    except (TypeError, ValueError):
        count = 0
    return 7 + 2.5 * count**0.5 if count else 7


def layer_name(value: object) -> str:
    """The date layer an incident belongs to, as shown in the layer control and the sidebar."""
    if value is None or value != value:  # None or NaN/NaT
        return UNDATED_LAYER
    return str(value)[:10]


class _TileNotice(MacroElement):
    """A notice on the map when tiles fail to load, instead of a silent grey background."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var notice = L.control({position: "bottomleft"});
            notice.onAdd = function() {
                var div = L.DomUtil.create("div", "tile-notice");
                div.style.cssText = "background:#fff8e1;border:1px solid #e0b000;padding:4px 8px;"
                    + "font:12px sans-serif;display:none";
                div.textContent = {{ this.message|tojson }};
                return div;
            };
            notice.addTo(map);
            var shown = false;
            map.eachLayer(function(layer) {
                if (!(layer instanceof L.TileLayer)) { return; }
                layer.on("tileerror", function() {
                    if (!shown) { notice.getContainer().style.display = "block"; shown = true; }
                });
                layer.on("tileload", function() {
                    notice.getContainer().style.display = "none"; shown = false;
                });
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, message: str):
        super().__init__()
        self._name = "TileNotice"
        self.message = message


def build_map(
    incidents: gpd.GeoDataFrame,
    *,
    asset_url: str = DEFAULT_ASSET_URL,
    tiles: bool = True,
    show_mentions: bool = False,
    selected: tuple[float, float] | None = None,
) -> folium.Map:
    """One circle per incident, one layer per date, framed on what is shown.

    Each circle carries the class `incident-<event_id>` so a test or a script can find it.
    """
    fmap = folium.Map(location=(40.0, 45.5), zoom_start=7, tiles=None, control_scale=True)
    fmap.default_js, fmap.default_css = local_assets(asset_url)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(fmap)
        _TileNotice(
            "Sin conexión: no se pueden cargar las teselas del mapa de fondo. "
            "Los incidentes se muestran igualmente."
        ).add_to(fmap)

    shown = incidents if show_mentions else incidents[incidents["is_incident"]]
    for name, group in _layers(shown):
        layer = folium.FeatureGroup(name=safe_text(name), show=True)
        for row in group.itertuples():
            _marker(row).add_to(layer)
        layer.add_to(fmap)
    if selected is not None:
        folium.CircleMarker(
            selected, radius=14, color="#000", weight=2, fill=False, interactive=False
        ).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    _frame(fmap, shown)
    return fmap


def _layers(incidents: gpd.GeoDataFrame) -> Iterable[tuple[str, gpd.GeoDataFrame]]:
    """Date layers in date order, undated incidents then mentions last."""
    names = incidents.apply(
        lambda row: layer_name(row["event_date"]) if row["is_incident"] else MENTIONS_LAYER,
        axis=1,
    )
    order = sorted(set(names), key=lambda n: (n in (UNDATED_LAYER, MENTIONS_LAYER), n))
    for name in order:
        yield name, incidents[names == name]


def _marker(row) -> folium.CircleMarker:
    colour = colour_for(row.event_type, row.is_incident)
    date_text = layer_name(row.event_date) if row.is_incident else "mención"
    what = row.sub_event_type or row.event_type if row.is_incident else "lugar nombrado"
    tooltip = f"<b>{safe_text(row.location)}</b><br>{safe_text(date_text)} · {safe_text(what)}"
    return folium.CircleMarker(
        (row.latitude, row.longitude),
        radius=radius_for(row.fatalities),
        color=colour,
        weight=2,
        dash_array=None if row.geo_precision == 1 else ("4 3" if row.geo_precision == 2 else "1 4"),
        fill=True,
        fill_color=colour,
        fill_opacity=0.75 if row.is_incident else 0.35,
        class_name=f"incident-{row.event_id}",
        tooltip=folium.Tooltip(tooltip, sticky=False),
    )


def _frame(fmap: folium.Map, incidents: gpd.GeoDataFrame) -> None:
    if incidents.empty:
        return
    south, west = incidents["latitude"].min(), incidents["longitude"].min()
    north, east = incidents["latitude"].max(), incidents["longitude"].max()
    pad = 0.3
    fmap.fit_bounds([(south - pad, west - pad), (north + pad, east + pad)])
