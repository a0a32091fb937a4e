"""The geocoder the pipeline uses: manual fixes, then the offline place table(s), then a live
service behind a persistent cache.

The cache sits in front of the live service only: the offline table is fast, and a cached
"not found" from a service must not hide a place the table knows. When the live service
fails, the chain falls back to what it has and says so once per kind of fault, never with a
traceback; what is cached stays usable all the while.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocoders.cache import GeocodingCache
from geo.geocoders.errors import CacheError, ServiceFault
from geo.geocoders.live import LiveGeocoder, keywords_of
from geo.model import Place

Progress = Callable[[int, int, str], None]

DEFAULT_COOLDOWN = 60.0


class ChainGeocoder(Geocoder):
    """Ask `overrides`, then each of `offline`, then `live` (through `cache`) until one answers.

    Every answer's raw carries "provenance": "manual fix", the offline geocoder's service
    ("place table"), "cache", or the live service's name. Notices for the user are collected
    in `notices` and passed to `on_notice` as they happen. After a 429 the live service is
    left alone for its Retry-After (at least `cooldown` seconds); after any other fault, for
    the rest of this chain's life.
    """

    def __init__(
        self,
        offline: Sequence[Geocoder] = (),
        *,
        live: LiveGeocoder | None = None,
        cache: GeocodingCache | None = None,
        overrides: Geocoder | None = None,
        on_notice: Callable[[str], None] | None = None,
        cooldown: float = DEFAULT_COOLDOWN,
    ) -> None:
        super().__init__(adapter_factory=URLLibAdapter)  # no HTTP of its own: the cheap one
        self.offline = list(offline)
        self.live = live
        self.cache = cache
        self.overrides = overrides
        self.on_notice = on_notice
        self.cooldown = cooldown
        self.notices: list[str] = []
        self._faults_told: set[str] = set()
        self._live_paused_until = 0.0
        for notice in cache.notices if cache is not None else ():
            self.notify(notice)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        feature_kind: str | None = None,
        near: tuple[float, float] | None = None,
        **kwargs: Any,
    ):
        """Geocode `query`; `feature_kind` and `near` guide the offline geocoders that take them,
        other keyword arguments go to every source that takes them."""
        if not query.strip():
            return None if exactly_one else []
        if self.overrides is not None:
            found = self.overrides.geocode(query, exactly_one=exactly_one)
            if found:
                return _annotated(found, query, "manual fix")
        hints = {"feature_kind": feature_kind, "near": near, **kwargs}
        for geocoder in self.offline:
            hinted = _accepted(geocoder.geocode, hints)
            found = geocoder.geocode(query, exactly_one=exactly_one, **hinted)
            if found:
                return _annotated(found, query, None)
        return self._ask_live("geocode", " ".join(query.split()), exactly_one, kwargs)

    def place_answers(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        feature_kind: str | None = None,
        near: tuple[float, float] | None = None,
    ) -> Sequence[tuple[Place, str]] | None:
        """What `geocode` answers, as (place, service) pairs, when no manual fix names `query`
        and the first offline geocoder answers it through its own `place_answers` (the place
        table does, with no Location in between); None when `geocode` must be asked."""
        answers = getattr(self.offline[0], "place_answers", None) if self.offline else None
        if answers is None or not query.strip():
            return None
        if self.overrides is not None and self.overrides.geocode(query, exactly_one=exactly_one):
            return None
        return answers(query, exactly_one=exactly_one, feature_kind=feature_kind, near=near) or None

    def reverse(self, query, *, exactly_one: bool = True, **kwargs: Any):
        """The place at a point: from the offline geocoders that can tell, else the live one."""
        for geocoder in self.offline:
            if not hasattr(geocoder, "reverse"):
                continue
            hinted = _accepted(geocoder.reverse, kwargs)
            found = geocoder.reverse(query, exactly_one=exactly_one, **hinted)
            if found:
                return _annotated(found, str(query), None)
        return self._ask_live("reverse", self._coerce_point_to_string(query), exactly_one, kwargs)

    def geocode_many(
        self, queries: Iterable[str], *, progress: Progress | None = None, **kwargs: Any
    ) -> dict[str, Location | None]:
        """Geocode each distinct query once, calling `progress(done, total, query)` after each."""
        distinct = list(dict.fromkeys(queries))
        answers: dict[str, Location | None] = {}
        for done, query in enumerate(distinct, start=1):
            answers[query] = self.geocode(query, **kwargs)
            if progress:
                progress(done, len(distinct), query)
        return answers

    def _ask_live(self, method: str, query: str, exactly_one: bool, kwargs: dict[str, Any]):
        nothing = None if exactly_one else []
        if self.live is None:
            return nothing
        options = {"method": method, "exactly_one": exactly_one}
        options.update(self.live.query_options, **kwargs)
        key = query.casefold()  # services ignore case; asking twice for "SOTK" would be waste
        cached = self._cached(key, options)
        if cached is not None:
            if not cached.locations:
                return nothing
            located = [_annotated(loc, query, "cache") for loc in cached.locations]
            return located[0] if exactly_one else located
        if time.monotonic() < self._live_paused_until:
            return nothing
        try:
            answer = getattr(self.live, method)(query, exactly_one=exactly_one, **kwargs)
        except ServiceFault as fault:
            self._pause_live(fault)
            return nothing
        if exactly_one:
            self._store(key, options, [answer] if answer else [])
        else:
            self._store(key, options, answer)
        return _annotated(answer, query, self.live.name) if answer else nothing

    def _cached(self, query: str, options: dict[str, Any]):
        if self.cache is None:
            return None
        try:
            return self.cache.get(self.live.cache_key, query, options)
        except CacheError as error:
            self._drop_cache(error)
            return None

    def _store(self, query: str, options: dict[str, Any], locations: list[Location]) -> None:
        if self.cache is None:
            return
        try:
            self.cache.put(self.live.cache_key, query, options, locations)
        except CacheError as error:
            self._drop_cache(error)

    def _drop_cache(self, error: CacheError) -> None:
        self.cache = None
        self.notify(
            f"{str(error).rstrip('.')}; answers from the rest of this run will not be saved."
        )

    def _pause_live(self, fault: ServiceFault) -> None:
        if fault.kind == "rate-limited":
            pause = max(fault.retry_after or 0.0, self.cooldown)
            self._live_paused_until = time.monotonic() + pause
        else:
            pause = math.inf
            self._live_paused_until = math.inf
        if fault.kind not in self._faults_told:
            self._faults_told.add(fault.kind)
            self.notify(fault_notice(self.live, fault, pause, has_offline=bool(self.offline)))

    def notify(self, message: str) -> None:
        """Tell the user something about this run (also used for problems found by others)."""
        self.notices.append(message)
        if self.on_notice:
            self.on_notice(message)


def fault_notice(
    live: LiveGeocoder, fault: ServiceFault, pause: float, *, has_offline: bool
) -> str:
    """The one sentence a user reads when `live` fails with `fault`."""
    fallback = "the offline place table" if has_offline else "no geocoder"
    if math.isinf(pause):
        then = f"using {fallback} only for the rest of this run."
    else:
        then = f"not asking it again for {pause:g} s; using {fallback} meanwhile."
    what = {
        "timeout": f"timed out after {live.service.timeout:g} s",
        "rate-limited": "asked us to slow down (HTTP 429"
        + (f", Retry-After {fault.retry_after:g} s)" if fault.retry_after is not None else ")"),
        "server-error": f"answered with a server error (HTTP {fault.status})",
        "refused": "refused the connection (is the server running?)",
        "offline": "cannot be reached (no network?)",
        "malformed": "sent an answer that is not valid geocoding JSON",
    }.get(fault.kind, f"failed ({fault})")
    return f"{live.label} {what}; {then}"


def _accepted(method: Callable[..., Any], hints: dict[str, Any]) -> dict[str, Any]:
    """The hints `method` takes, so that a plain geopy geocoder can sit in the chain too."""
    takes = keywords_of(method)
    return {k: v for k, v in hints.items() if v is not None and (takes is None or k in takes)}


def _annotated(found, query: str, provenance: str | None):
    """The answer(s) with provenance in raw; None keeps the source's own "service"."""
    if isinstance(found, list):
        return [_annotated(location, query, provenance) for location in found]
    raw = dict(found.raw)
    raw["provenance"] = provenance or raw.get("service", "")
    raw.setdefault("query", query)
    return Location(found.address, found.point, raw)
