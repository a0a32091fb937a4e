"""Fixtures shared by the tests of every stage."""

from datetime import date

import pytest

from geo.incidents import to_geodataframe
from geo.model import Excerpt, Incident


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
