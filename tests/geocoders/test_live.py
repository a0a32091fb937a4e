"""Live services through geopy, against the test server."""

from __future__ import annotations

import pytest
from geopy.exc import ConfigurationError
from geopy.geocoders import Nominatim, Photon
from nominatim_server import nominatim_place

from geo.geocoders.errors import ServiceFault, UnknownServiceError
from geo.geocoders.live import build_service, nominatim_kind
from geo.geocoders.settings import GeocoderSettings, build_live


@pytest.mark.parametrize(
    ("category", "type", "addresstype", "rank", "kind"),
    [
        ("boundary", "administrative", "country", 4, "country"),
        ("boundary", "administrative", "state", 8, "admin1"),
        ("boundary", "administrative", "county", 12, "region"),
        ("place", "city", "city", 16, "city"),
        ("place", "town", "town", 16, "city"),
        ("place", "hamlet", "hamlet", 20, "village"),
        ("natural", "water", "water", 22, "lake"),
        ("natural", "peak", "peak", 18, "mountain"),
        ("highway", "trunk", "road", 26, "road"),
        ("historic", "castle", "historic", 30, "village"),
        ("boundary", "protected_area", "protected_area", 8, "admin1"),
    ],
)
def test_nominatim_classes_map_to_our_kinds(category, type, addresstype, rank, kind):
    raw = nominatim_place("X", 40.0, 45.0, category=category, type=type, rank=rank)
    raw["addresstype"] = addresstype
    assert nominatim_kind(raw) == kind


def test_any_geopy_service_is_built_by_name():
    service = build_service("photon", domain="127.0.0.1:9", scheme="http", user_agent="t")
    assert isinstance(service, Photon)
    assert service.domain == "127.0.0.1:9"


def test_an_unknown_service_is_a_configuration_error():
    with pytest.raises(UnknownServiceError, match="no geocoding service named 'atlantis'"):
        build_service("atlantis")
    with pytest.raises(ConfigurationError, match="cannot set up geocoding service 'photon'"):
        build_service("photon", no_such_option=1)


def test_the_public_nominatim_gets_our_user_agent_and_a_sane_timeout():
    live = build_live(GeocoderSettings(live=True))
    assert isinstance(live.service, Nominatim)
    assert live.service.domain == "nominatim.openstreetmap.org"
    assert live.service.headers["User-Agent"] == "incident-atlas/0.1 (+local)"
    assert live.service.timeout == 10.0
    assert live.min_delay == 1.0
    assert live.label == "Nominatim at nominatim.openstreetmap.org"


def test_answers_follow_our_raw_contract(live_settings, nominatim_server):
    live = build_live(live_settings)

    answer = live.geocode("Syunik")

    raw = answer.raw
    assert (raw["name"], raw["kind"], raw["country"], raw["admin1"]) == (
        "Syunik",
        "admin1",
        "AM",
        "Syunik",
    )
    assert (raw["service"], raw["query"]) == ("nominatim", "Syunik")
    assert raw["answer"]["osm_type"] == "node"
    assert live.geocode("Atlántida") is None
    assert live.geocode("Atlántida", exactly_one=False) == []


@pytest.mark.parametrize(
    "body",
    [b'[{"lat": "40.1", "lon": ', b'{"foo": 1}', b'[{"lat": "north", "lon": "east"}]', b'"text"'],
)
def test_malformed_answers_are_one_kind_of_fault(body, live_settings, nominatim_server):
    nominatim_server.mode, nominatim_server.malformed_body = "malformed", body
    live = build_live(live_settings)

    with pytest.raises(ServiceFault) as caught:
        live.geocode("Sotk")

    assert caught.value.kind == "malformed"


@pytest.mark.parametrize(
    ("mode", "kind", "status"),
    [("server-error", "server-error", 500), ("rate-limited", "rate-limited", 429)],
)
def test_http_errors_are_faults_with_their_status(
    mode, kind, status, live_settings, nominatim_server
):
    nominatim_server.mode, nominatim_server.retry_after = mode, "120"
    with pytest.raises(ServiceFault) as caught:
        build_live(live_settings).geocode("Sotk")
    assert (caught.value.kind, caught.value.status) == (kind, status)
    assert nominatim_server.count == 1


def test_an_option_the_service_does_not_take_is_our_error_not_a_fault(live_settings):
    with pytest.raises(TypeError, match="takes no option"):
        build_live(live_settings).geocode("Sotk", no_such_option=True)
