"""The options shared by the CLI commands, and the `geocode` command itself."""

from __future__ import annotations

import argparse
import json

from geo.geocoders.settings import (
    add_geocode_arguments,
    add_geocoder_arguments,
    geocode_command,
    settings_from_args,
)
from geo.paths import cache_dir


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_geocoder_arguments(parser)
    return parser.parse_args(argv)


def test_offline_by_default():
    settings = settings_from_args(parse())
    assert settings.live is False
    assert settings.cache_path == cache_dir() / "geocoding.sqlite"


def test_a_named_service_or_domain_turns_live_on_unless_offline():
    settings = settings_from_args(
        parse("--domain", "localhost:8080", "--scheme", "http", "--option", "proxies=")
    )
    assert (settings.live, settings.service, settings.domain, settings.scheme) == (
        True,
        "nominatim",
        "localhost:8080",
        "http",
    )
    assert settings.options == {"proxies": ""}
    assert settings_from_args(parse("--service", "photon")).live is True
    assert settings_from_args(parse("--service", "photon", "--offline")).live is False


def run_geocode(capsys, *argv: str, offline=()) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    add_geocode_arguments(parser)
    code = geocode_command(parser.parse_args(argv), offline)
    out, err = capsys.readouterr()
    return code, out, err


def test_geocode_prints_json_with_provenance(capsys, tmp_path, offline_geocoder, nominatim_server):
    cache = str(tmp_path / "cache.sqlite")
    argv = [
        "Goris",
        "Sotk",
        "Atlántida",
        "--format",
        "json",
        "--cache",
        cache,
        "--overrides",
        str(tmp_path / "o.csv"),
        "--domain",
        nominatim_server.domain,
        "--scheme",
        "http",
        "--min-delay",
        "0",
    ]

    code, out, err = run_geocode(capsys, *argv, offline=[offline_geocoder])

    goris, sotk, nowhere = json.loads(out)
    assert code == 1  # one name was not found
    assert (goris["provenance"], goris["kind"], goris["admin1"]) == (
        "place table",
        "city",
        "Syunik",
    )
    assert (sotk["provenance"], sotk["lat"], sotk["lon"]) == ("nominatim", 40.2203, 45.9403)
    assert nowhere == {"query": "Atlántida", "found": False}
    assert err == ""


def test_geocode_tells_faults_on_stderr_and_keeps_going(
    capsys, tmp_path, offline_geocoder, nominatim_server
):
    nominatim_server.go_away()
    argv = [
        "Goris",
        "Sotk",
        "--cache",
        str(tmp_path / "c.sqlite"),
        "--overrides",
        str(tmp_path / "o.csv"),
        "--domain",
        nominatim_server.domain,
        "--scheme",
        "http",
    ]

    code, out, err = run_geocode(capsys, *argv, offline=[offline_geocoder])

    assert code == 1
    assert out.splitlines() == [
        "Goris: Goris (city) 39.51110, 46.34190 [place table]",
        "Sotk: not found",
    ]
    assert err.count("refused the connection") == 1


def test_geocode_rejects_an_unknown_service(capsys, tmp_path):
    code, out, err = run_geocode(
        capsys, "Goris", "--service", "atlantis", "--overrides", str(tmp_path / "o.csv")
    )
    assert code == 2
    assert err == "geocode: geopy has no geocoding service named 'atlantis'\n"
