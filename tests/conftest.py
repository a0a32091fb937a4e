"""Fixtures shared by the tests of every stage."""

from __future__ import annotations

from datetime import date

import pytest
from nominatim_server import NominatimServer, nominatim_place
from place_list import PlaceListGeocoder

from geo.geocoders.settings import GeocoderSettings
from geo.incidents import to_geodataframe
from geo.model import Excerpt, Incident

# Answers of the test Nominatim server: places the fixture place list lacks.
SERVER_PLACES = {
    "sotk": [nominatim_place("Sotk", 40.2203, 45.9403, state="Gegharkunik")],
    "lago sev": [
        nominatim_place(
            "Lago Sev", 39.4310, 46.0830, category="natural", type="water", rank=22, state="Syunik"
        )
    ],
    "syunik": [
        nominatim_place(
            "Syunik",
            39.5130,
            46.3400,
            category="boundary",
            type="administrative",
            addresstype="state",
            rank=8,
            state="Syunik",
        )
    ],
}


@pytest.fixture
def offline_geocoder() -> PlaceListGeocoder:
    return PlaceListGeocoder()


@pytest.fixture
def live_settings(nominatim_server, tmp_path) -> GeocoderSettings:
    """Offline + live against the test server, with no spacing between requests."""
    return GeocoderSettings(
        live=True,
        domain=nominatim_server.domain,
        scheme="http",
        timeout=2.0,
        min_delay=0.0,
        cache_path=tmp_path / "cache" / "geocoding.sqlite",
        overrides_path=tmp_path / "overrides.csv",
    )


@pytest.fixture
def nominatim_server():
    server = NominatimServer(SERVER_PLACES).start()
    yield server
    server.go_away()


def make_incident(
    event_id, when, *, lat=39.6, lon=46.5, is_incident=True, location="Lachin corridor"
):
    excerpt = Excerpt("a1", "Título", date(2022, 8, 4), "Fuente", "", f"Frase de {location}.")
    return Incident(
        id=event_id,
        event_date=when,
        time_precision=1 if when else 0,
        event_type="Battles",
        sub_event_type="Armed clash",
        location=location,
        admin1="",
        country="AZ",
        lat=lat,
        lon=lon,
        geo_precision=1,
        geocoded_by="place table",
        is_incident=is_incident,
        fatalities=1,
        excerpts=[excerpt],
    )


@pytest.fixture
def incidents():
    return to_geodataframe(
        [
            make_incident("a", date(2022, 8, 3)),
            make_incident("b", date(2021, 5, 12), lat=39.5, lon=46.0, location="Lago Sev"),
            make_incident("c", None, lat=40.3, lon=45.1, location="Gegharkunik"),
            make_incident("d", None, lat=55.75, lon=37.62, location="Moscú", is_incident=False),
        ]
    )
