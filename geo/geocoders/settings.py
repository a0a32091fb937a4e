"""How the user chooses a geocoder (offline only, or offline + a live service), the same way
from the dashboard and from every CLI command, and the `geocode` command itself."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopy.exc import ConfigurationError
from geopy.geocoders.base import Geocoder

from geo.geocoders import place_from_location
from geo.geocoders.cache import DEFAULT_CACHE_PATH, GeocodingCache
from geo.geocoders.chain import ChainGeocoder
from geo.geocoders.errors import CacheError
from geo.geocoders.live import (
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    NOMINATIM_QUERY_OPTIONS,
    LiveGeocoder,
    build_service,
)
from geo.model import PLACE_KINDS
from geo.overrides import DEFAULT_OVERRIDES_PATH, OverrideGeocoder, OverrideTable


@dataclass
class GeocoderSettings:
    """`live` False means the offline place table (and manual fixes) only.

    `options` go to the geopy service's constructor (api_key=..., say); `query_options`
    to each of its look-ups (None: region bias and Spanish for Nominatim, nothing otherwise).
    """

    live: bool = False
    service: str = "nominatim"
    domain: str | None = None
    scheme: str | None = None
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = DEFAULT_TIMEOUT
    min_delay: float = 1.0
    cache_path: Path = DEFAULT_CACHE_PATH
    overrides_path: Path = DEFAULT_OVERRIDES_PATH
    options: dict[str, Any] = field(default_factory=dict)
    query_options: dict[str, Any] | None = None


def build_live(settings: GeocoderSettings) -> LiveGeocoder:
    """The live service `settings` describe, rate-limited and region-biased."""
    options = {"user_agent": settings.user_agent, "timeout": settings.timeout, **settings.options}
    if settings.domain:
        options["domain"] = settings.domain
    if settings.scheme:
        options["scheme"] = settings.scheme
    service = build_service(settings.service, **options)
    name = settings.service.lower()
    domain = getattr(service, "domain", None) or settings.domain
    label = type(service).__name__ + (f" at {domain}" if domain else "")
    query_options = settings.query_options
    if query_options is None:
        query_options = dict(NOMINATIM_QUERY_OPTIONS) if name == "nominatim" else {}
    return LiveGeocoder(
        service,
        name=name,
        label=label,
        min_delay=settings.min_delay,
        query_options=query_options,
        cache_key=f"{name}:{service.scheme}://{domain}" if domain else name,
    )


def build_geocoder(
    settings: GeocoderSettings,
    offline: Sequence[Geocoder],
    *,
    on_notice: Callable[[str], None] | None = None,
) -> ChainGeocoder:
    """The chain for `settings`: manual fixes, `offline`, then the live service if enabled."""
    overrides = OverrideTable(settings.overrides_path)
    live = build_live(settings) if settings.live else None
    cache, unusable = None, None
    if live is not None:
        try:
            cache = GeocodingCache(settings.cache_path)
        except CacheError as error:
            unusable = f"{error}; live answers will not be saved in this run."
    chain = ChainGeocoder(
        offline, live=live, cache=cache, overrides=OverrideGeocoder(overrides), on_notice=on_notice
    )
    for problem in [*overrides.problems, unusable]:
        if problem:
            chain.notify(str(problem))
    return chain


def add_geocoder_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every command that geocodes takes (`geocode`, `extract`)."""
    group = parser.add_argument_group("geocoding")
    group.add_argument("--offline", action="store_true", help="never ask a live service")
    group.add_argument(
        "--service", help="live geopy service to back the place table (e.g. nominatim)"
    )
    group.add_argument("--domain", help="HOST[:PORT] of the service (default: its public server)")
    group.add_argument("--scheme", choices=("http", "https"), help="default: https")
    group.add_argument("--user-agent", default=DEFAULT_USER_AGENT, help="sent to the service")
    group.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds")
    group.add_argument(
        "--min-delay", type=float, default=1.0, help="seconds between requests (default: 1)"
    )
    group.add_argument("--cache", type=Path, default=DEFAULT_CACHE_PATH, help="SQLite cache file")
    group.add_argument(
        "--overrides", type=Path, default=DEFAULT_OVERRIDES_PATH, help="CSV of manual fixes"
    )
    group.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra option for the service's constructor (e.g. api_key=...); repeatable",
    )


def settings_from_args(args: argparse.Namespace) -> GeocoderSettings:
    """Live when a service or domain is named, unless --offline."""
    options = {}
    for item in args.option:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ConfigurationError(f"--option {item!r} is not KEY=VALUE")
        options[key] = value
    return GeocoderSettings(
        live=not args.offline and bool(args.service or args.domain),
        service=args.service or "nominatim",
        domain=args.domain,
        scheme=args.scheme,
        user_agent=args.user_agent,
        timeout=args.timeout,
        min_delay=args.min_delay,
        cache_path=args.cache,
        overrides_path=args.overrides,
        options=options,
    )


def add_geocode_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `python -m geo geocode QUERY...`."""
    parser.add_argument("query", nargs="+", help="place name(s) to geocode")
    parser.add_argument("--kind", choices=PLACE_KINDS, help="the kind of place meant")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_geocoder_arguments(parser)


def geocode_command(args: argparse.Namespace, offline: Sequence[Geocoder]) -> int:
    """Print where each query is; 0 if all were found, 1 if some were not, 2 on bad options."""
    try:
        chain = build_geocoder(
            settings_from_args(args), offline, on_notice=lambda text: print(text, file=sys.stderr)
        )
    except ConfigurationError as error:
        print(f"geocode: {error}", file=sys.stderr)
        return 2
    results = [_result(query, chain.geocode(query, feature_kind=args.kind)) for query in args.query]
    if args.format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(_text(result))
    return 0 if all(result["found"] for result in results) else 1


def _result(query: str, location) -> dict[str, Any]:
    if location is None:
        return {"query": query, "found": False}
    place = place_from_location(location)
    return {
        "query": query,
        "found": True,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "kind": place.kind,
        "country": place.country,
        "admin1": place.admin1,
        "address": location.address,
        "provenance": location.raw.get("provenance", ""),
        "service": location.raw.get("service", ""),
        "fetched_at": location.raw.get("fetched_at"),
    }


def _text(result: dict[str, Any]) -> str:
    if not result["found"]:
        return f"{result['query']}: not found"
    return (
        f"{result['query']}: {result['name']} ({result['kind'] or 'place'}) "
        f"{result['lat']:.5f}, {result['lon']:.5f} [{result['provenance']}]"
    )
