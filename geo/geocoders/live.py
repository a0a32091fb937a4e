"""Live geocoding services through geopy: any service geopy knows, by name, made polite.

`LiveGeocoder` wraps one geopy service with a rate limit, region bias and a sane timeout,
turns its answers into Locations that follow our raw contract (see `geo.geocoders`), and
turns every way it can fail into one `ServiceFault` whose `kind` the chain reports.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any

from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.exc import (
    ConfigurationError,
    GeocoderNotFound,
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocoders.errors import ServiceFault, UnknownServiceError

DEFAULT_USER_AGENT = "incident-atlas/0.1 (+local)"
DEFAULT_TIMEOUT = 10.0

# Armenia, Azerbaijan and their neighbours' border areas, as two (lat, lon) corners. A bias,
# not a bound: a place outside it can still be found.
SOUTH_CAUCASUS_VIEWBOX = ((38.2, 43.4), (42.0, 50.9))

NOMINATIM_QUERY_OPTIONS: dict[str, Any] = {
    "country_codes": ["am", "az"],
    "viewbox": SOUTH_CAUCASUS_VIEWBOX,
    "bounded": False,
    "language": "es",
    "addressdetails": True,
}

# Nominatim's addresstype (or place type) → our kind, for the kinds we know.
_NOMINATIM_KINDS = {
    "country": "country",
    "state": "admin1",
    "province": "admin1",
    "region": "region",
    "state_district": "region",
    "county": "region",
    "district": "region",
    "municipality": "region",
    "city": "city",
    "town": "city",
    "village": "village",
    "hamlet": "village",
    "isolated_dwelling": "village",
    "locality": "village",
    "suburb": "village",
    "neighbourhood": "village",
    "quarter": "village",
    "lake": "lake",
    "water": "lake",
    "reservoir": "lake",
    "peak": "mountain",
    "volcano": "mountain",
    "mountain_range": "mountain",
    "ridge": "mountain",
    "hill": "mountain",
    "road": "road",
}

# Of the query options, those a reverse look-up takes too.
_REVERSE_KEYS = ("language", "addressdetails")
_RETRY_AFTER_LIMIT = 5.0
# What geopy's parsing or ours raises on an answer of the wrong shape.
_MALFORMED = (AttributeError, IndexError, KeyError, TypeError, ValueError)


def build_service(name: str, **options: Any) -> Geocoder:
    """A geopy geocoder for the service `name` ("nominatim", "photon", ...) with `options`.

    Unless told otherwise it makes no retries of its own: geopy's default adapter retries a
    timed-out read twice, which triples the wait and breaks the service's rate limit.
    """
    try:
        cls = get_geocoder_for_service(name)
    except GeocoderNotFound as error:
        raise UnknownServiceError(f"geopy has no geocoding service named {name!r}") from error
    options.setdefault("adapter_factory", partial(RequestsAdapter, max_retries=0))
    try:
        return cls(**options)
    except TypeError as error:
        raise ConfigurationError(f"cannot set up geocoding service {name!r}: {error}") from error


def keywords_of(method: Callable[..., Any]) -> frozenset[str] | None:
    """The keyword arguments `method` takes; None if it takes any."""
    return _keywords(getattr(method, "__func__", method))


@functools.cache
def _keywords(function: Callable[..., Any]) -> frozenset[str] | None:
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return frozenset(p.name for p in parameters)


def nominatim_kind(raw: Mapping[str, Any]) -> str:
    """Our kind for a Nominatim answer, from its addresstype, then class/type, then rank."""
    category = raw.get("category") or raw.get("class")
    if category == "highway":
        return "road"
    for key in (raw.get("addresstype"), raw.get("type")):
        if key in _NOMINATIM_KINDS:
            return _NOMINATIM_KINDS[key]
    rank = int(raw.get("place_rank") or 30)
    for limit, kind in ((4, "country"), (8, "admin1"), (12, "region"), (16, "city")):
        if rank <= limit:
            return kind
    return "village"


class LiveGeocoder(Geocoder):
    """One geopy service, spaced by `min_delay` seconds between requests, biased by
    `query_options`, its answers in our raw contract and its failures as `ServiceFault`.

    `label` names the service in notices ("Nominatim at 127.0.0.1:8080"); `name` goes in
    each answer's raw "service"; `cache_key` tells its answers apart from another server's
    in the cache (default: `name`). A 429 whose Retry-After is at most `retry_after_limit`
    seconds is waited out and retried once.
    """

    def __init__(
        self,
        service: Geocoder,
        *,
        name: str,
        label: str,
        min_delay: float = 1.0,
        query_options: Mapping[str, Any] | None = None,
        retry_after_limit: float = _RETRY_AFTER_LIMIT,
        cache_key: str | None = None,
    ) -> None:
        # The HTTP is the wrapped service's; this wrapper needs only the cheap adapter.
        super().__init__(timeout=service.timeout, adapter_factory=URLLibAdapter)
        self.service = service
        self.name = name
        self.label = label
        self.cache_key = cache_key or name
        self.min_delay = min_delay
        self.query_options = dict(query_options or {})
        self.retry_after_limit = retry_after_limit
        self._spaced = _spacing(self.cache_key, min_delay)

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any):
        options = {**self.query_options, **kwargs}
        return self._ask(self.service.geocode, query, exactly_one=exactly_one, **options)

    def reverse(self, query, *, exactly_one: bool = True, **kwargs: Any):
        shared = {k: v for k, v in self.query_options.items() if k in _REVERSE_KEYS}
        return self._ask(
            self.service.reverse, query, exactly_one=exactly_one, **{**shared, **kwargs}
        )

    def _ask(self, call, query, *, exactly_one: bool, **options: Any):
        takes = keywords_of(call)
        unknown = sorted(set(options) - takes) if takes is not None else []
        if unknown:  # our mistake, not the service's: say so rather than blame its answer
            raise TypeError(f"{self.label} takes no option(s) {', '.join(unknown)}")
        answer = self._call_once_more_if_asked(call, query, exactly_one=exactly_one, **options)
        fetched_at = datetime.now(UTC).isoformat()
        try:
            if answer is None:
                return None if exactly_one else []
            answers = [answer] if exactly_one else list(answer)
            located = [self._to_contract(loc, query, fetched_at) for loc in answers]
        except _MALFORMED as error:
            raise ServiceFault(f"malformed answer: {error!r}", kind="malformed") from error
        return located[0] if exactly_one else located

    def _call_once_more_if_asked(self, call, query, **kwargs):
        try:
            return self._call(call, query, **kwargs)
        except ServiceFault as fault:
            wait = fault.retry_after
            if fault.kind != "rate-limited" or wait is None or wait > self.retry_after_limit:
                raise
            time.sleep(wait)
            return self._call(call, query, **kwargs)

    def _call(self, call, query, **kwargs):
        try:
            return self._spaced(call, query, **kwargs)
        except GeopyError as error:
            raise _fault(error) from error
        except _MALFORMED as error:
            raise ServiceFault(f"malformed answer: {error!r}", kind="malformed") from error
        except OSError as error:
            raise ServiceFault(str(error), kind=_network_kind(str(error))) from error
        except Exception as error:  # a third-party service's bug must not stop the run
            raise ServiceFault(repr(error), kind="failed") from error

    def _to_contract(self, location: Location, query, fetched_at: str) -> Location:
        raw = location.raw
        if not isinstance(raw, Mapping):
            raise TypeError(f"answer is {type(raw).__name__}, not an object")
        address = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
        nominatim = "place_rank" in raw or "osm_type" in raw
        contract = {
            "name": raw.get("name") or (location.address or "").split(",")[0].strip(),
            "kind": nominatim_kind(raw) if nominatim else "",
            "country": (address.get("country_code") or "").upper(),
            "admin1": address.get("state") or address.get("province") or "",
            "geonames_id": None,
            "population": 0,
            "source": self.name,
            "service": self.name,
            "query": query if isinstance(query, str) else str(query),
            "fetched_at": fetched_at,
            "answer": dict(raw),
        }
        latitude, longitude = float(location.latitude), float(location.longitude)
        return Location(location.address, (latitude, longitude, 0.0), contract)


_SPACINGS: dict[tuple[str, float], RateLimiter] = {}
_SPACINGS_LOCK = threading.Lock()


def _spacing(server: str, min_delay: float) -> RateLimiter:
    """One rate limit per server in this process, shared by every chain (dashboard sessions
    each build their own) and by both look-up directions."""
    with _SPACINGS_LOCK:
        key = (server, min_delay)
        if key not in _SPACINGS:
            _SPACINGS[key] = RateLimiter(
                _invoke, min_delay_seconds=min_delay, max_retries=0, swallow_exceptions=False
            )
        return _SPACINGS[key]


def _invoke(call, *args, **kwargs):
    return call(*args, **kwargs)


def _fault(error: GeopyError) -> ServiceFault:
    status = getattr(error.__cause__, "status_code", None)
    message = str(error)
    if isinstance(error, GeocoderRateLimited):
        return ServiceFault(message, kind="rate-limited", status=429, retry_after=error.retry_after)
    if status is not None and status >= 500:
        return ServiceFault(message, kind="server-error", status=status)
    if isinstance(error, GeocoderTimedOut):
        return ServiceFault(message, kind="timeout", status=status)
    if isinstance(error, GeocoderParseError):
        return ServiceFault(message, kind="malformed")
    if isinstance(error, GeocoderUnavailable):
        return ServiceFault(message, kind=_network_kind(message), status=status)
    if isinstance(error, GeocoderServiceError):
        return ServiceFault(message, kind="failed", status=status)
    return ServiceFault(message, kind="failed")


def _network_kind(message: str) -> str:
    lowered = message.lower()
    if "refused" in lowered:
        return "refused"
    return "offline"
