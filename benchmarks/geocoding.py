"""Requests made on a cold and a warm cache, and geocoding throughput through the chain.

    uv run python benchmarks/geocoding.py [--names FILE] [--min-delay SECONDS]

Everything runs against the test Nominatim server on 127.0.0.1 and a throw-away cache; the
offline geocoder is the tests' small place list (not the project's place table), grown to
1,000 synthetic places for the throughput figure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from nominatim_server import NominatimServer, nominatim_place  # noqa: E402
from place_list import FIXTURE_PLACES, PlaceListGeocoder  # noqa: E402

from geo.geocoders.settings import GeocoderSettings, build_geocoder  # noqa: E402
from geo.model import Place  # noqa: E402

# Names as articles about the region write them: some in the offline list, some only on the
# server, some nowhere.
DEFAULT_NAMES = [
    "Ereván",
    "Goris",
    "Jermuk",
    "Vardenis",
    "Sotk",
    "Kapan",
    "Sisian",
    "Ishkhanasar",
    "Lago Sev",
    "Syunik",
    "Gegharkunik",
    "Tavush",
    "Najicheván",
    "Lachin",
    "Shushi",
    "Stepanakert",
    "Ganja",
    "Bakú",
    "Kalbajar",
    "Zangezur",
    "Atlántida",
    "Nowhereville",
]


def server_places(names: list[str]) -> dict[str, list[dict]]:
    known = {place.name for place in FIXTURE_PLACES}
    answers = {}
    for index, name in enumerate(names):
        if name not in known and index % 7 != 6:  # every seventh name is unknown everywhere
            answers[name.lower()] = [nominatim_place(name, 39.0 + index / 100, 45.0 + index / 100)]
    return answers


def cold_and_warm(names: list[str], min_delay: float, folder: Path) -> None:
    server = NominatimServer(server_places(names)).start()
    settings = GeocoderSettings(
        live=True,
        domain=server.domain,
        scheme="http",
        min_delay=min_delay,
        cache_path=folder / "geocoding.sqlite",
        overrides_path=folder / "overrides.csv",
    )
    offline = [PlaceListGeocoder()]
    for label in ("cold cache", "warm cache"):
        before = server.count
        started = time.perf_counter()
        answers = build_geocoder(settings, offline).geocode_many(names)
        elapsed = time.perf_counter() - started
        found = sum(answer is not None for answer in answers.values())
        print(
            f"{label}: {len(answers)} distinct names, {found} found, "
            f"{server.count - before} requests to the server, {elapsed:.2f} s "
            f"(min delay {min_delay:g} s)"
        )
    server.go_away()


def throughput(folder: Path) -> None:
    places = [Place(f"Lugar {n:04d}", 39 + n / 1000, 45 + n / 1000, "village") for n in range(1000)]
    names = [place.name for place in places]
    offline = [PlaceListGeocoder(places)]
    settings = GeocoderSettings(overrides_path=folder / "none.csv")
    chain = build_geocoder(settings, offline)
    started = time.perf_counter()
    answers = chain.geocode_many(names)
    elapsed = time.perf_counter() - started
    assert all(answer is not None for answer in answers.values())
    print(
        f"offline chain: 1,000 distinct names in {elapsed * 1000:.0f} ms "
        f"({elapsed * 1e6 / 1000:.0f} µs a name)"
    )

    missing = [f"Sitio {n:04d}" for n in range(1000)]
    server = NominatimServer(
        {name.lower(): [nominatim_place(name, 40.0, 45.0)] for name in missing}
    ).start()
    live = GeocoderSettings(
        live=True,
        domain=server.domain,
        scheme="http",
        min_delay=0.0,
        cache_path=folder / "throughput.sqlite",
        overrides_path=folder / "none.csv",
    )
    for label in ("live, cold cache", "live, warm cache"):
        started = time.perf_counter()
        build_geocoder(live, offline).geocode_many(missing)
        elapsed = time.perf_counter() - started
        print(
            f"{label}: 1,000 names the offline list lacks in {elapsed:.2f} s, "
            f"{server.count} requests so far (no rate limit: local server)"
        )
    server.go_away()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=Path, help="file of place names, one a line")
    parser.add_argument("--min-delay", type=float, default=0.0, help="seconds between requests")
    args = parser.parse_args()
    names = (
        [
            line.strip()
            for line in args.names.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        if args.names
        else DEFAULT_NAMES
    )
    with tempfile.TemporaryDirectory() as folder:
        cold_and_warm(names, args.min_delay, Path(folder))
        throughput(Path(folder))


if __name__ == "__main__":
    main()
