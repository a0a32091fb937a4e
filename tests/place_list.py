"""A tiny offline geocoder over a few Places, standing in for the real place table in tests
and benchmarks (it is not the project's place table)."""

from __future__ import annotations

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder

from geo.geocoders import location_from_place
from geo.model import Place
from geo.text import fold

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
