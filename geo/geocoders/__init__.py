"""Geocoding services, each a geopy `Geocoder`, so any of them plugs into geopy's tools.

Every `Location` one of them returns carries in `raw` the keys of `PLACE_KEYS` (at least
"name", "kind" and "service"), so that the pipeline turns any answer into a `Place` the same
way, whichever service gave it.
"""

from __future__ import annotations

from geopy.location import Location

from geo.model import Place

PLACE_KEYS = ("name", "kind", "country", "admin1", "geonames_id", "population", "source")


def place_from_location(location: Location) -> Place:
    """Read the `Place` back from a Location that one of our geocoders returned."""
    raw = location.raw
    return Place(
        name=raw.get("name") or location.address,
        lat=location.latitude,
        lon=location.longitude,
        kind=raw.get("kind", ""),
        country=raw.get("country", ""),
        admin1=raw.get("admin1", ""),
        geonames_id=raw.get("geonames_id"),
        population=int(raw.get("population") or 0),
        source=raw.get("source") or raw.get("service", ""),
    )


def location_from_place(place: Place, *, service: str, query: str = "") -> Location:
    """Wrap a `Place` as a geopy Location whose `raw` says which service found it, and for what."""
    raw = {key: getattr(place, key) for key in PLACE_KEYS}
    raw.update(service=service, query=query)
    return Location(place.name, (place.lat, place.lon, 0.0), raw)
