import io
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from handmade import article, locate_by_find

from geo.articles import load_folder
from geo.corpus import generate, write_corpus
from geo.events import detect_events
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.incidents import (
    COLUMNS,
    FORMATS,
    _Neighbours,
    build_incidents,
    excerpts_from_json,
    incidents_to_bytes,
    to_geodataframe,
    write_incidents,
)
from geo.pipeline import Pipeline

EFE = article(
    "El miércoles, dos soldados murieron en combates cerca de Sotk. "
    "El portavoz del ministerio en Ereván dijo que la situación es tensa.",
    date(2022, 9, 15),
    article_id="efe",
    source="EFE",
    title="Combates en Sotk",
)
RFERL = article(
    "Los combates del miércoles en Sotk dejaron tres militares muertos, según la agencia.",
    date(2022, 9, 15),
    article_id="rferl",
    source="RFE/RL",
    title="Sotk",
)
# A few km from Sotk (approximate), the same day and type: the same clash.
NEAR_SOTK = {"Sotk village": ("Sotk village", 40.24, 45.98, "village", "AM", "Gegharkunik")}


def events_of(*items, places=None):
    return [e for item in items for e in detect_events(item, locate_by_find(item, places))]


def test_two_articles_on_one_clash_make_one_incident_with_both_sources():
    incidents = [i for i in build_incidents(events_of(EFE, RFERL)) if i.is_incident]
    [clash] = incidents
    assert (clash.location, clash.event_date, clash.event_type) == (
        "Sotk",
        date(2022, 9, 14),
        "Battles",
    )
    assert [e.article_id for e in clash.excerpts] == ["efe", "rferl"]
    assert clash.fatalities == 3


def test_places_a_few_km_apart_merge_but_other_dates_or_types_do_not():
    near = article("Los combates del miércoles en Sotk village.", date(2022, 9, 15), "b")
    events = events_of(EFE) + events_of(near, places=NEAR_SOTK)
    assert len([i for i in build_incidents(events) if i.is_incident]) == 1
    assert len([i for i in build_incidents(events, max_km=1.0) if i.is_incident]) == 2
    other_day = article("Los combates del martes en Sotk.", date(2022, 9, 15), "c")
    shelling = article("El miércoles bombardearon Sotk.", date(2022, 9, 15), "d")
    incidents = build_incidents(events_of(EFE, other_day, shelling))
    assert len([i for i in incidents if i.is_incident]) == 3


def test_the_same_excerpt_is_listed_once_and_ids_are_stable():
    first = build_incidents(events_of(EFE, EFE))
    again = build_incidents(events_of(EFE))
    assert [i.id for i in first] == [i.id for i in again]
    assert all(len(i.excerpts) == 1 for i in first)


def test_mentions_merge_by_place_whatever_the_date():
    later = article("Ereván dijo que todo está en calma.", date(2022, 9, 20), "later")
    [yerevan] = [i for i in build_incidents(events_of(EFE, later)) if i.location == "Yerevan"]
    assert not yerevan.is_incident
    assert len(yerevan.excerpts) == 2


@pytest.fixture(scope="module")
def corpus_events(tmp_path_factory):
    """The events of 150 generated articles: buckets of a few groups and one of hundreds."""
    table = PlaceTable.load()
    folder = write_corpus(tmp_path_factory.mktemp("corpus"), generate(150, seed=7, table=table))
    articles, _ = load_folder(folder)
    results = Pipeline(table, PlaceTableGeocoder(table)).results(articles)
    return [event for result in results for event in result.events]


@pytest.mark.parametrize("max_km", [1.0, 10.0, 60.0])
def test_the_place_index_merges_as_trying_every_group(corpus_events, max_km, monkeypatch):
    monkeypatch.setattr(_Neighbours, "SCAN", 10**9)
    scanned = build_incidents(corpus_events, max_km=max_km)
    monkeypatch.setattr(_Neighbours, "SCAN", 0)
    indexed = build_incidents(corpus_events, max_km=max_km)
    assert indexed == scanned
    assert len(scanned) < len(corpus_events)


def test_leaving_out_the_mentions_changes_no_incident(corpus_events):
    every = build_incidents(corpus_events)
    alone = build_incidents([event for event in corpus_events if event.is_incident])
    assert alone == [incident for incident in every if incident.is_incident]
    assert len(alone) < len(every)


def test_geodataframe_has_the_acled_columns_and_points():
    gdf = to_geodataframe(build_incidents(events_of(EFE, RFERL)))
    assert list(gdf.columns) == [*COLUMNS, "geometry"]
    assert gdf.crs.to_epsg() == 4326
    row = gdf[gdf["is_incident"]].iloc[0]
    assert (row["event_date"], row["fatalities"], row["source"]) == ("2022-09-14", 3, "EFE; RFE/RL")
    assert (row.geometry.x, row.geometry.y) == (row["longitude"], row["latitude"])
    assert excerpts_from_json(row["excerpts"])[0].title == "Combates en Sotk"
    assert row["notes"].startswith("El miércoles, dos soldados")


def test_an_empty_table_still_has_its_columns():
    gdf = to_geodataframe([])
    assert list(gdf.columns) == [*COLUMNS, "geometry"]
    assert len(incidents_to_bytes(gdf, "csv")) > 0


def _read(data: bytes, format: str, folder) -> pd.DataFrame:
    if format == "csv":
        return pd.read_csv(io.BytesIO(data), dtype={"event_id": str})
    path = folder / f"read.{format}"
    path.write_bytes(data)
    return gpd.read_file(path)


@pytest.mark.parametrize("format", FORMATS)
def test_each_format_round_trips(format, tmp_path):
    gdf = to_geodataframe(build_incidents(events_of(EFE, RFERL)))
    path = tmp_path / f"incidents.{format}"
    write_incidents(gdf, path, format)
    for data in (path.read_bytes(), incidents_to_bytes(gdf, format)):
        back = _read(data, format, tmp_path)
        assert list(back["event_id"]) == list(gdf["event_id"])
        assert [str(d)[:10] for d in back["event_date"]] == list(gdf["event_date"])
        assert list(back["latitude"]) == list(gdf["latitude"])
        assert list(back["fatalities"].fillna(-1)) == list(gdf["fatalities"].fillna(-1))
        for text, original in zip(back["excerpts"], gdf["excerpts"], strict=True):
            assert excerpts_from_json(text) == excerpts_from_json(original)


def test_writing_to_a_buffer_and_unknown_formats(tmp_path):
    gdf = to_geodataframe(build_incidents(events_of(EFE)))
    buffer = io.BytesIO()
    write_incidents(gdf, buffer, "gpkg")
    assert (
        _read(buffer.getvalue(), "gpkg", tmp_path)["event_id"].tolist() == gdf["event_id"].tolist()
    )
    with pytest.raises(ValueError, match="unknown format 'shp'"):
        incidents_to_bytes(gdf, "shp")
