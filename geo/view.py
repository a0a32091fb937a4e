"""What the dashboard shows, worked out without Streamlit: filters, the clicked place, safe text."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from datetime import date

import geopandas as gpd
import pandas as pd

from geo.maps import grouping_for, layer_name, layer_span
from geo.model import Excerpt

_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

PRECISION_LABELS = {1: "lugar exacto", 2: "cerca de un lugar", 3: "provincia o mayor"}
TIME_PRECISION_LABELS = {0: "fecha desconocida", 1: "día", 2: "semana", 3: "mes o más"}


def incident_layers(incidents: gpd.GeoDataFrame, grouping: str | None = None) -> list[str]:
    """The date layers present, dated ones in order and the undated last.

    `grouping` defaults to what `geo.maps.grouping_for` picks for these incidents, as the map does.
    """
    dates = incidents.loc[incidents["is_incident"], "event_date"]
    grouping = grouping or grouping_for(dates)
    names = {layer_name(d, grouping) for d in dates}
    return sorted(names, key=lambda n: (not n[:1].isdigit(), n))


def filter_incidents(
    incidents: gpd.GeoDataFrame,
    *,
    layers: Collection[str],
    event_types: Collection[str] | None = None,
    precisions: Collection[int] | None = None,
    show_mentions: bool = False,
    grouping: str | None = None,
) -> gpd.GeoDataFrame:
    """Keep incidents in the chosen date layers, types and precisions (and mentions if asked)."""
    grouping = grouping or grouping_for(incidents.loc[incidents["is_incident"], "event_date"])
    in_layer = incidents["event_date"].map(lambda d: layer_name(d, grouping)).isin(set(layers))
    keep = incidents["is_incident"] & in_layer
    if event_types is not None:
        keep &= incidents["event_type"].isin(set(event_types))
    if show_mentions:
        keep |= ~incidents["is_incident"]
    if precisions is not None:
        keep &= incidents["geo_precision"].isin(set(precisions))
    return incidents[keep]


def date_bounds(layers: list[str]) -> tuple[date, date]:
    """The first and last day of the dated layers, for a range slider."""
    spans = [span for name in layers if (span := layer_span(name))]
    return min(first for first, _ in spans), max(last for _, last in spans)


def layers_in_range(layers: list[str], start: date, end: date) -> list[str]:
    """Date layers that overlap `start`..`end`; the undated layer is never in a range."""
    return [
        name
        for name in layers
        if (span := layer_span(name)) and span[0] <= end and span[1] >= start
    ]


def place_at(incidents: gpd.GeoDataFrame, lat: float, lon: float) -> tuple[float, float] | None:
    """The coordinates of the incident nearest a click, as the key of the selected place."""
    if incidents.empty:
        return None
    distance = (incidents["latitude"] - lat) ** 2 + (
        (incidents["longitude"] - lon) * math.cos(math.radians(lat))
    ) ** 2
    row = incidents.loc[distance.idxmin()]
    return (float(row["latitude"]), float(row["longitude"]))


def incidents_at(incidents: gpd.GeoDataFrame, place: tuple[float, float]) -> gpd.GeoDataFrame:
    lat, lon = place
    here = (incidents["latitude"].sub(lat).abs() < 1e-9) & (
        incidents["longitude"].sub(lon).abs() < 1e-9
    )
    return incidents[here]


def casualties_text(fatalities: object, wounded: object) -> str:
    """Fatalities and wounded as the sources state them; unknown when they don't."""
    parts = []
    if not pd.isna(fatalities):
        parts.append(f"{int(fatalities)} muertos")
    if not pd.isna(wounded):
        parts.append(f"{int(wounded)} heridos")
    return ", ".join(parts) or "víctimas: sin datos"


def escape_markdown(text: object) -> str:
    """Make any text inert in Streamlit markdown: no links, images, HTML, math or directives."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", re.sub(r"\s+", " ", str(text)))


def article_markdown(text: str) -> str:
    """A whole article as safe markdown, one paragraph per line of the text."""
    return "\n\n".join(escape_markdown(line) for line in text.splitlines() if line.strip())


def highlighted_names(excerpt: Excerpt) -> set[str]:
    """The place names as the sentence writes them."""
    return {excerpt.sentence[start:end] for start, end in excerpt.highlights}


def names_for_place(names: Collection[str], place, table) -> list[str]:
    """The names the table puts at `place` first, then the other names of its sentences."""

    def here(name: str) -> bool:
        return any(
            abs(c.lat - place["latitude"]) < 1e-6 and abs(c.lon - place["longitude"]) < 1e-6
            for c in table.candidates(name)
        )

    return sorted(names, key=lambda name: (not here(name), name))


def excerpt_markdown(excerpt: Excerpt) -> str:
    """The sentence as safe markdown, with the place names in bold."""
    parts, cursor = [], 0
    for start, end in sorted(excerpt.highlights):
        if start < cursor:
            continue
        parts.append(escape_markdown(excerpt.sentence[cursor:start]))
        parts.append(f"**{escape_markdown(excerpt.sentence[start:end])}**")
        cursor = end
    parts.append(escape_markdown(excerpt.sentence[cursor:]))
    return "".join(parts)
