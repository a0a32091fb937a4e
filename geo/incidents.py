"""One incident, many sources: merge events into incidents, and write them as ACLED-like tables.

Events merge when they have the same event type, the same date (or are both undated) and
places within `max_km` of each other: several outlets telling the same clash become one
incident listing every excerpt. Mentions (places only named) merge by place alone, so the
mentions layer shows one marker per place with every sentence that names it.

Figures: fatalities and wounded are the largest figure any source gives, not the sum:
sources repeat the same toll, and ACLED takes the most reliable single report.

geopandas and pandas are imported by the functions that make and write tables: they take a
second to import, which `extract --format json` (incidents merged, no table) should not wait for.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import tempfile
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo.model import Event, Excerpt, Incident, Place

if TYPE_CHECKING:
    import geopandas as gpd

FORMATS = ("csv", "geojson", "gpkg")
COLUMNS = [
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "location",
    "admin1", "country", "latitude", "longitude", "geo_precision", "geocoded_by", "is_incident",
    "fatalities", "wounded", "source", "notes", "article_ids", "excerpts",
]  # fmt: skip
_DRIVERS = {"geojson": "GeoJSON", "gpkg": "GPKG"}
_LAYER = "incidents"


def build_incidents(events: list[Event], *, max_km: float = 10.0) -> list[Incident]:
    """Merge events telling the same thing into incidents, in a stable order."""
    groups: list[list[Event]] = []
    near = _Neighbours(max_km)
    for event in sorted(events, key=_order):
        bucket, place = _bucket(event), event.location.place
        for number in near.candidates(bucket, place):
            if _close(groups[number][0].location.place, place, max_km):
                groups[number].append(event)
                break
        else:
            near.add(bucket, place, len(groups))
            groups.append([event])
    return [_incident(group) for group in groups]


class _Neighbours:
    """The groups an event could merge with, found without comparing it with every group.

    Two events merge only within a bucket (same type and date, or both mentions) and with the
    same place name or places within `max_km`. A bucket of a few groups is scanned whole; a
    big one (every mention of a large corpus) through an index by name and by a grid cell of
    `max_km` degrees-ish. Candidates come in creation order, so the first that matches is the
    one a scan of every group would have found.
    """

    SCAN = 8
    """Up to this many groups, trying each costs less than looking up the grid."""

    def __init__(self, max_km: float):
        self.step = max(max_km, 0.001) / 110.0
        self.by_name: dict[tuple, list[int]] = {}
        self.by_cell: dict[tuple, list[int]] = {}
        self.by_bucket: dict[tuple, list[int]] = {}

    def add(self, bucket: tuple, place: Place, number: int) -> None:
        self.by_name.setdefault((bucket, place.name), []).append(number)
        self.by_cell.setdefault((bucket, *self._cell(place.lat, place.lon)), []).append(number)
        self.by_bucket.setdefault(bucket, []).append(number)

    def candidates(self, bucket: tuple, place: Place) -> list[int]:
        every = self.by_bucket.get(bucket, [])
        if len(every) <= self.SCAN:
            return every
        # Near the poles or the antimeridian the grid is no help: every group of the bucket.
        reach = math.ceil(1 / max(math.cos(math.radians(abs(place.lat) + 2 * self.step)), 0.02))
        if abs(place.lat) > 85 or abs(place.lon) + (reach + 1) * self.step >= 180:
            return every
        row, column = self._cell(place.lat, place.lon)
        found = set(self.by_name.get((bucket, place.name), ()))
        for dr in (-1, 0, 1):
            for dc in range(-reach, reach + 1):
                found.update(self.by_cell.get((bucket, row + dr, column + dc), ()))
        return sorted(found)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.step), math.floor(lon / self.step)


def _bucket(event: Event) -> tuple:
    """What two events must share to merge: whether an incident, and its type and date."""
    if event.is_incident:
        return (True, event.event_type, event.event_date)
    return (False,)


def _order(event: Event) -> tuple:
    place = event.location.place
    return (
        not event.is_incident,
        event.event_date or date.max,
        event.event_type,
        place.name,
        event.article_id,
        event.location.mention.start,
    )


def _close(a: Place, b: Place, max_km: float) -> bool:
    return a.name == b.name or _km(a.lat, a.lon, b.lat, b.lon) <= max_km


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _incident(group: list[Event]) -> Incident:
    """The incident of a group of events, which `build_incidents` keeps in `_order`.

    Its events share a type and date, or are all mentions: those carry the latest date.
    """
    first = min(group, key=lambda e: e.location.precision)
    place = first.location.place
    when = first.event_date
    if not first.is_incident:
        when = max((e.event_date for e in group if e.event_date), default=None)
    key = f"{place.name}|{round(place.lat, 2)}|{round(place.lon, 2)}|{when}|{first.event_type}"
    return Incident(
        id=hashlib.sha1(key.encode()).hexdigest()[:12],
        event_date=when,
        time_precision=min((e.time_precision for e in group if e.time_precision), default=0),
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        location=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geo_precision=first.location.precision,
        geocoded_by=first.location.provenance,
        is_incident=first.is_incident,
        fatalities=max((e.fatalities for e in group if e.fatalities is not None), default=None),
        wounded=max((e.wounded for e in group if e.wounded is not None), default=None),
        excerpts=list(dict.fromkeys(event.excerpt for event in group)),
    )


_EXCERPT_FIELDS = [f.name for f in fields(Excerpt)]


def excerpts_to_json(excerpts: list[Excerpt]) -> str:
    """The excerpts of an incident as a JSON string, one column of the table."""
    rows = [
        {
            **{name: getattr(e, name) for name in _EXCERPT_FIELDS},
            "published": e.published.isoformat() if e.published else None,
        }
        for e in excerpts
    ]
    return json.dumps(rows, ensure_ascii=False)


def excerpts_from_json(value: str | list) -> list[Excerpt]:
    """Read back what `excerpts_to_json` wrote (the dashboard's side panel does).

    Takes the string, or the list a GeoJSON reader has already decoded it to.
    """
    rows = json.loads(value) if isinstance(value, str) else value
    return [
        Excerpt(
            **{
                **row,
                "published": date.fromisoformat(row["published"]) if row["published"] else None,
                "highlights": tuple(tuple(span) for span in row["highlights"]),
            }
        )
        for row in rows
    ]


def to_geodataframe(incidents: list[Incident]) -> gpd.GeoDataFrame:
    """Incidents as an ACLED-like table of points (EPSG:4326), one row per incident."""
    import geopandas as gpd
    import pandas as pd

    rows = [
        {
            "event_id": i.id,
            "event_date": i.event_date.isoformat() if i.event_date else None,
            "time_precision": i.time_precision,
            "event_type": i.event_type,
            "sub_event_type": i.sub_event_type,
            "location": i.location,
            "admin1": i.admin1,
            "country": i.country,
            "latitude": i.lat,
            "longitude": i.lon,
            "geo_precision": i.geo_precision,
            "geocoded_by": i.geocoded_by,
            "is_incident": i.is_incident,
            "fatalities": i.fatalities,
            "wounded": i.wounded,
            "source": "; ".join(dict.fromkeys(e.source for e in i.excerpts if e.source)),
            "notes": i.excerpts[0].sentence if i.excerpts else "",
            "article_ids": "; ".join(dict.fromkeys(e.article_id for e in i.excerpts)),
            "excerpts": excerpts_to_json(i.excerpts),
        }
        for i in incidents
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("fatalities", "wounded"):
        frame[column] = frame[column].astype("Int64")
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"])
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def write_incidents(gdf: gpd.GeoDataFrame, target, format: str) -> None:
    """Write the table as csv, geojson or gpkg to a path or a binary buffer."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    if format == "csv":
        import pandas as pd

        data = pd.DataFrame(gdf.drop(columns="geometry")).to_csv(index=False).encode()
        _write_bytes(target, data)
    elif isinstance(target, str | Path):
        gdf.to_file(target, driver=_DRIVERS[format], layer=_LAYER if format == "gpkg" else None)
    else:
        target.write(incidents_to_bytes(gdf, format))


def incidents_to_bytes(gdf: gpd.GeoDataFrame, format: str) -> bytes:
    """The table in a format, as bytes (for download buttons)."""
    if format == "csv":
        buffer = io.BytesIO()
        write_incidents(gdf, buffer, format)
        return buffer.getvalue()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"incidents.{format}"
        write_incidents(gdf, path, format)
        return path.read_bytes()


def _write_bytes(target, data: bytes) -> None:
    if isinstance(target, str | Path):
        Path(target).write_bytes(data)
    else:
        target.write(data)
