"""Our own geocoding errors, placed in geopy's hierarchy so that callers catching geopy's
exceptions also catch ours."""

from __future__ import annotations

from geopy.exc import ConfigurationError, GeocoderServiceError, GeopyError


class AtlasGeocodingError(GeopyError):
    """Base of every error raised by the project's geocoders."""


class UnknownServiceError(AtlasGeocodingError, ConfigurationError):
    """A live service was asked for by a name geopy does not know."""


class CacheError(AtlasGeocodingError):
    """The geocoding cache could not be read or written."""


class InvalidOverrideError(AtlasGeocodingError, ValueError):
    """A manual fix was given a name or coordinate that cannot be stored."""


class ServiceFault(AtlasGeocodingError, GeocoderServiceError):
    """A live service failed in a way that should make the chain fall back to other sources.

    `kind` is one of "timeout", "rate-limited", "server-error", "refused", "offline",
    "malformed" or "failed"; `status` the HTTP status if there was one;
    `retry_after` the seconds the service asked us to wait (HTTP 429).
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after
