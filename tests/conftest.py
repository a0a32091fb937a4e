"""Shared fixtures."""

from __future__ import annotations

import pytest
from nominatim_server import NominatimServer, nominatim_place
from place_list import PlaceListGeocoder

from geo.geocoders.settings import GeocoderSettings

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
