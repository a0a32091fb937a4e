"""Incidents on a folium map that draws with no network.

folium points at public CDNs by default; offline, Leaflet never loads and the map is an
empty gap. Every map built here loads Leaflet and jQuery from files the app serves itself
(copied from the XStatic packages on PyPI), and says so on the map when tiles cannot load.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from folium.plugins import MarkerCluster
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
GROUPINGS = ("day", "week", "month")
MAX_LAYERS = 31
"""More dated layers than this and the map groups them by week, then by month."""
CLUSTER_FROM = 1000
"""From this many circles on, nearby ones are drawn as clusters that expand on click."""
DATA_FILES_KEPT = 16
"""Map data files `detach_rows` keeps (the newest): one per map the dashboard has shown."""
CLUSTER_OPTIONS = {
    "chunkedLoading": True,
    "showCoverageOnHover": False,
    "spiderfyOnMaxZoom": True,
    "maxClusterRadius": 50,
}


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


def local_cluster_assets(asset_url: str = DEFAULT_ASSET_URL) -> tuple[list, list]:
    """The (js, css) lists of the MarkerCluster plugin, served from `asset_url`."""
    base = f"{asset_url}/markercluster"
    js = [("markerclusterjs", f"{base}/leaflet.markercluster.js")]
    css = [
        ("markerclustercss", f"{base}/MarkerCluster.css"),
        ("markerclusterdefaultcss", f"{base}/MarkerCluster.Default.css"),
    ]
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


def grouping_for(dates: Iterable[object]) -> str:
    """Day layers while they stay few; else ISO weeks; else months.

    Hundreds of day layers make an unusable layer control and sidebar, so the grouping is
    chosen from every date the dashboard has, and passed to both the map and the filters.
    """
    days = {layer_name(value) for value in dates} - {UNDATED_LAYER}
    if len(days) <= MAX_LAYERS:
        return "day"
    weeks = {layer_name(day, "week") for day in days}
    return "week" if len(weeks) <= MAX_LAYERS else "month"


def layer_name(value: object, grouping: str = "day") -> str:
    """The date layer an incident belongs to, as shown in the layer control and the sidebar.

    Days are "2022-08-03", ISO weeks "2022-W31", months "2022-08".
    """
    if value is None or value != value:  # None or NaN/NaT
        return UNDATED_LAYER
    day = str(value)[:10]
    if grouping == "day":
        return day
    if grouping == "month":
        return day[:7]
    if grouping == "week":
        year, week, _ = date.fromisoformat(day).isocalendar()
        return f"{year}-W{week:02d}"
    raise ValueError(f"unknown grouping {grouping!r}: choose one of {', '.join(GROUPINGS)}")


def layer_span(name: str) -> tuple[date, date] | None:
    """The first and last day a date layer covers; None for the undated and mentions layers."""
    if not name[:1].isdigit():
        return None
    if "-W" in name:
        year, week = name.split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
        return monday, monday + timedelta(days=6)
    if len(name) == 7:
        first = date.fromisoformat(f"{name}-01")
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    day = date.fromisoformat(name)
    return day, day


def layer_names(incidents: gpd.GeoDataFrame, grouping: str = "day") -> pd.Series:
    """The layer of each row: its date layer, or the mentions layer for places only named."""
    names = incidents["event_date"].map(lambda value: layer_name(value, grouping))
    return names.where(incidents["is_incident"], MENTIONS_LAYER)


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
    grouping: str | None = None,
    cluster: bool | None = None,
) -> folium.Map:
    """One circle per incident, one layer per date group, framed on the incidents.

    Each circle carries the class `incident-<event_id>` so a test or a script can find it.
    `grouping` ("day", "week", "month") defaults to what `grouping_for` picks for these
    incidents; the dashboard passes the one it chose for all incidents, so that the map's
    layers match the sidebar's. Places only mentioned get a layer of their own, switched on
    with `show_mentions`.

    The map can be filtered in the browser without being built again: `filter_script` gives
    the code that shows only some date layers, event types and precisions.

    With `cluster` (by default from `CLUSTER_FROM` circles on) every layer feeds one
    MarkerCluster, so that the browser draws a few dozen clusters instead of thousands of
    circles; a layer switched off in the layer control takes its circles out of the clusters.
    """
    fmap = folium.Map(location=(40.0, 45.5), zoom_start=7, tiles=None, control_scale=True)
    fmap.options["max_zoom"] = 18  # clusters need it even when no tile layer sets it
    fmap.default_js, fmap.default_css = local_assets(asset_url)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(fmap)
        _TileNotice(
            "Sin conexión: no se pueden cargar las teselas del mapa de fondo. "
            "Los incidentes se muestran igualmente."
        ).add_to(fmap)
    _Atlas().add_to(fmap)

    dated = incidents.loc[incidents["is_incident"], "event_date"]
    if grouping is None:
        grouping = grouping_for(dated)
    if cluster is None:
        cluster = len(incidents) >= CLUSTER_FROM
    if cluster:
        target = MarkerCluster(control=False, options=CLUSTER_OPTIONS)
        target.default_js, target.default_css = local_cluster_assets(asset_url)
    else:
        target = folium.FeatureGroup(control=False)
    target.add_to(fmap)
    for name, group in _layers(incidents, grouping):
        shown = show_mentions or name != MENTIONS_LAYER
        IncidentLayer(group, name=name, target=target, show=shown).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    _frame(fmap, incidents[incidents["is_incident"]] if len(dated) else incidents)
    return fmap


def filter_script(
    map_variable: str,
    *,
    layers: Iterable[str],
    event_types: Iterable[str] | None = None,
    precisions: Iterable[int] | None = None,
    show_mentions: bool = False,
) -> str:
    """Code that shows, on a map from `build_map`, only the incidents the filters keep.

    Leaves the map mounted: no page reload, and a date toggle only moves the circles of
    the layers it switches. `None` keeps every event type or precision, as the map starts.
    """
    chosen = {
        "layers": list(layers),
        "types": None if event_types is None else list(event_types),
        "precisions": None if precisions is None else [int(p) for p in precisions],
        "mentions": bool(show_mentions),
    }
    return f"{map_variable}.atlas.apply({json.dumps(chosen, ensure_ascii=False)});\n"


def _layers(incidents: gpd.GeoDataFrame, grouping: str) -> Iterable[tuple[str, gpd.GeoDataFrame]]:
    """Date layers in date order, undated incidents then mentions last."""
    names = layer_names(incidents, grouping)
    order = sorted(set(names), key=lambda n: (n in (UNDATED_LAYER, MENTIONS_LAYER), n))
    for name in order:
        yield name, incidents[names == name]


def detach_rows(fmap: folium.Map, folder: Path, url: str) -> Path:
    """Move the circles' data out of `fmap`'s code into a script file in `folder`, served at `url`.

    The map's code shrinks from megabytes to kilobytes. Streamlit sends a component's code
    with every rerun and the page handles it again on each of its renders, while a script
    file is fetched once and then cached by the browser. The file is named after its content,
    so a changed map never reads stale data; only the `keep` newest files are kept.
    """
    layers = [child for child in fmap._children.values() if isinstance(child, IncidentLayer)]
    body = "[" + ",".join(layer.rows for layer in layers) + "]"
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"atlas-{digest}.js"
    if not path.exists():
        temp = folder / f".tmp-{digest}-{os.getpid()}"
        store = f'window.atlasData = window.atlasData || {{}};\nwindow.atlasData["{digest}"] = '
        temp.write_text(f"{store}{body};\n", encoding="ascii")
        os.replace(temp, path)
    path.touch()
    for old in sorted(folder.glob("atlas-*.js"), key=_mtime, reverse=True)[DATA_FILES_KEPT:]:
        old.unlink(missing_ok=True)
    for index, layer in enumerate(layers):
        layer.rows = f'window.atlasData["{digest}"][{index}]'
    fmap.default_js = [*fmap.default_js, ("atlasdata", f"{url}/{path.name}")]
    return path


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class _Atlas(MacroElement):
    """The browser side of the map's layers: a layer type, and `map.atlas.apply(filter)`.

    An AtlasLayer makes its circles only when first shown, and puts them into the map's
    one target (a MarkerCluster, or a plain group) rather than onto the map: the target is
    on the map from the start, so it carries the click handler streamlit-folium binds then,
    for every circle shown later as well.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.AtlasLayer = L.AtlasLayer || L.Layer.extend({
            initialize: function(rows, options) {
                this._rows = rows;
                this._circles = null;
                this._shown = [];
                this._match = null;
                L.setOptions(this, options);
            },
            _make: function() {
                var o = this.options, dashes = [null, "4 3", "1 4"];
                this._circles = this._rows.map(function(r) {
                    var circle = L.circleMarker([r[0], r[1]], {
                        radius: r[3], color: o.colours[r[4]], weight: 2,
                        dashArray: dashes[r[5]], fill: true, fillColor: o.colours[r[4]],
                        fillOpacity: r[6] ? 0.75 : 0.35, className: r[2]
                    });
                    circle.atlasRow = r;
                    return circle;
                });
            },
            onAdd: function(map) {
                if (!this._circles) { this._make(); }
                var target = this.options.target;
                if (!target.atlasTooltips) {
                    // A tooltip is made on the first hover: binding ten thousand up front
                    // costs more than making the circles.
                    target.atlasTooltips = true;
                    target.on("mouseover", function(e) {
                        var circle = e.layer;
                        if (circle && circle.atlasRow && !circle.getTooltip()) {
                            circle.bindTooltip(circle.atlasRow[7], {sticky: false}).openTooltip();
                        }
                    });
                }
                var match = this._match, kinds = this.options.kinds;
                this._shown = match ? this._circles.filter(function(c) {
                    return match(c.atlasRow, kinds);
                }) : this._circles.slice();
                if (target.addLayers) { target.addLayers(this._shown); }
                else { this._shown.forEach(function(c) { target.addLayer(c); }); }
            },
            onRemove: function(map) {
                var target = this.options.target;
                if (target.removeLayers) { target.removeLayers(this._shown); }
                else { this._shown.forEach(function(c) { target.removeLayer(c); }); }
                this._shown = [];
            },
            setMatch: function(match) {
                this._match = match;
                if (this._map) { var map = this._map; this.onRemove(map); this.onAdd(map); }
            }
        });
        {{ this._parent.get_name() }}.atlas = (function(map) {
            var last = JSON.stringify([null, null]);
            return {
                layers: [],
                apply: function(filter) {
                    var key = JSON.stringify([filter.types, filter.precisions]);
                    var match = null;
                    if (filter.types || filter.precisions) {
                        var types = filter.types, precisions = filter.precisions;
                        match = function(r, kinds) {
                            return (!precisions || precisions.indexOf(r[5] + 1) >= 0)
                                && (!types || !r[6] || types.indexOf(kinds[r[8]]) >= 0);
                        };
                    }
                    this.layers.forEach(function(layer) {
                        var on = layer.options.mentions ? filter.mentions
                            : filter.layers.indexOf(layer.options.name) >= 0;
                        if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
                        if (key !== last) { layer.setMatch(match); }
                        if (on && !map.hasLayer(layer)) { map.addLayer(layer); }
                    });
                    last = key;
                }
            };
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Atlas"


class IncidentLayer(folium.FeatureGroup):
    """A date layer whose circles are drawn in the browser from one compact array.

    A folium CircleMarker with its Tooltip costs about 1 kB of script and a Python object
    each; ten thousand of them make a 10 MB page that takes seconds to build and to run.
    Here each incident is one row of nine values, and the browser makes the Leaflet circles
    (same classes, tooltips and click events) when the layer is first shown, into `target`:
    the map's MarkerCluster or plain group (see `_Atlas`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = new L.AtlasLayer({{ this.rows }}, {
            target: {{ this.target.get_name() }},
            name: {{ this.layer_name|tojson }},
            mentions: {{ this.mentions|tojson }},
            colours: {{ this.colours|tojson }},
            kinds: {{ this.kinds|tojson }}
        });
        {{ this._parent.get_name() }}.atlas.layers.push({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        incidents: gpd.GeoDataFrame,
        *,
        name: str,
        target: folium.FeatureGroup,
        show: bool = True,
    ):
        super().__init__(name=safe_text(name), show=show)
        self._name = "IncidentLayer"
        self.layer_name = name
        self.mentions = name == MENTIONS_LAYER
        self.target = target
        self.colours = [*EVENT_COLOURS.values(), OTHER_COLOUR, MENTION_COLOUR]
        self.kinds = sorted(set(incidents["event_type"].fillna("").astype(str)))
        colour_index = {colour: i for i, colour in enumerate(self.colours)}
        kind_index = {kind: i for i, kind in enumerate(self.kinds)}
        columns = {name: incidents[name].tolist() for name in _ROW_COLUMNS}
        tooltips: dict[tuple, str] = {}
        rows = []
        for (
            lat,
            lon,
            event_id,
            fatalities,
            kind,
            sub_kind,
            precision,
            is_incident,
            when,
            place,
        ) in zip(*columns.values(), strict=True):
            key = (place, when, kind, sub_kind, is_incident)
            if key not in tooltips:
                tooltips[key] = _tooltip(*key)
            rows.append(
                [
                    round(float(lat), 6),
                    round(float(lon), 6),
                    f"incident-{event_id}",
                    radius_for(fatalities),
                    colour_index[colour_for(kind, is_incident)],
                    min(max(int(precision), 1), 3) - 1,
                    int(bool(is_incident)),
                    tooltips[key],
                    kind_index["" if kind is None or kind != kind else str(kind)],
                ]
            )
        # Safe inside a <script> element (no "</script>" or "<!--" can form) and as a file of
        # its own whatever charset it is served with (ASCII).
        self.rows = json.dumps(rows, separators=(",", ":")).replace("<", "\\u003c")
        """The rows as a JavaScript expression: inline JSON, or a reference once detached."""

    def render(self, **kwargs) -> None:
        """As folium's Layer.render, but the script goes into the page verbatim.

        branca wraps each element's script in a new Jinja template, which would lex a megabyte
        of rows on every render (a quarter of a second at 10,000 incidents) and read a "{{" in a
        place name as template syntax.
        """
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_Verbatim(script), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


_ROW_COLUMNS = (
    "latitude", "longitude", "event_id", "fatalities", "event_type", "sub_event_type",
    "geo_precision", "is_incident", "event_date", "location",
)  # fmt: skip


class _Verbatim(Element):
    """Text that goes into the page as it is, not through Jinja."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def _tooltip(place: str, when: object, kind: str, sub_kind: str, is_incident: bool) -> str:
    date_text = layer_name(when) if is_incident else "mención"
    what = sub_kind or kind if is_incident else "lugar nombrado"
    return f"<b>{safe_text(place)}</b><br>{safe_text(date_text)} · {safe_text(what)}"


def _frame(fmap: folium.Map, incidents: gpd.GeoDataFrame) -> None:
    if incidents.empty:
        return
    south, west = incidents["latitude"].min(), incidents["longitude"].min()
    north, east = incidents["latitude"].max(), incidents["longitude"].max()
    pad = 0.3
    fmap.fit_bounds([(south - pad, west - pad), (north + pad, east + pad)])
