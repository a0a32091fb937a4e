"""Shared fixtures."""

from __future__ import annotations

import pytest
from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from nominatim_server import NominatimServer, nominatim_place

from geo.geocoders import location_from_place
from geo.geocoders.settings import GeocoderSettings
from geo.model import Place
from geo.text import fold

# Answers of the test Nominatim server: places the small offline table below lacks.
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

FIXTURE_PLACES = (
    Place("Ereván", 40.1811, 44.5136, "city", country="AM", admin1="Yerevan"),
    Place("Goris", 39.5111, 46.3419, "city", country="AM", admin1="Syunik"),
    Place("Jermuk", 39.8411, 45.6703, "city", country="AM", admin1="Vayots Dzor"),
    Place("Vardenis", 40.1833, 45.7333, "city", country="AM", admin1="Gegharkunik"),
    Place("Vardenis", 40.9700, 44.0500, "village", country="AM", admin1="Aragatsotn"),
)


class PlaceListGeocoder(Geocoder):
    """A few Places as an offline geopy geocoder, standing in for the real place table."""

    def __init__(self, places=FIXTURE_PLACES) -> None:
        super().__init__(adapter_factory=URLLibAdapter)
        self.places = tuple(places)
        self.index: dict[str, list[Place]] = {}
        for place in self.places:
            self.index.setdefault(fold(place.name), []).append(place)

    def geocode(self, query, *, exactly_one=True, feature_kind=None, near=None, country_codes=None):
        found = [
            place
            for place in self.index.get(fold(query.strip()), [])
            if feature_kind is None or place.kind == feature_kind
        ]
        locations = [location_from_place(p, service="place table", query=query) for p in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations


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
