"""A persistent SQLite cache of live geocoding answers, so that a place is asked for once, ever.

Answers are keyed by (service, query, options); "not found" is cached too, so that a name no
service knows is not asked for again on every run. Several processes (dashboard sessions,
the CLI) may share one file: it runs in WAL mode with a busy timeout. A file that is not a
readable database is set aside, never deleted, and a fresh one started.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from geopy.location import Location

from geo.geocoders.errors import CacheError
from geo.paths import cache_dir

DEFAULT_CACHE_PATH = cache_dir() / "geocoding.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL,
    query TEXT NOT NULL,
    options TEXT NOT NULL,
    locations TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (service, query, options)
)
"""


@dataclass(frozen=True)
class CachedAnswer:
    """What a service answered, and when; `locations` is empty for "not found"."""

    locations: list[Location]
    fetched_at: datetime


def options_key(options: Mapping[str, object]) -> str:
    """The same options in any order give the same key."""
    return json.dumps(options, sort_keys=True, ensure_ascii=False, default=str)


class GeocodingCache:
    """Answers of live services, stored in SQLite at `path` (created on first use).

    What the user should hear about (a corrupt file set aside) is kept in `notices`, for the
    chain to pass on.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_CACHE_PATH,
        *,
        timeout: float = 10.0,
    ) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.notices: list[str] = []
        self._lock = threading.Lock()
        self._connection = self._open()

    def get(self, service: str, query: str, options: Mapping[str, object]) -> CachedAnswer | None:
        """The cached answer, or None when this question was never answered."""
        with self._lock:
            try:
                row = self._connection.execute(
                    "SELECT locations, fetched_at FROM answers"
                    " WHERE service = ? AND query = ? AND options = ?",
                    (service, query, options_key(options)),
                ).fetchone()
            except sqlite3.Error as error:
                raise CacheError(f"cannot read the geocoding cache {self.path}: {error}") from error
        if row is None:
            return None
        try:
            locations = [
                Location(item["address"], tuple(item["point"]), item["raw"])
                for item in json.loads(row[0])
            ]
            return CachedAnswer(locations, datetime.fromisoformat(row[1]))
        except (KeyError, TypeError, ValueError) as error:
            raise CacheError(f"unreadable answer in the geocoding cache {self.path}") from error

    def put(
        self,
        service: str,
        query: str,
        options: Mapping[str, object],
        locations: list[Location],
        *,
        fetched_at: datetime | None = None,
    ) -> None:
        """Store an answer (an empty list for "not found"), replacing an older one."""
        fetched_at = fetched_at or datetime.now(UTC)
        payload = json.dumps(
            [
                {"address": loc.address, "point": list(loc.point), "raw": loc.raw}
                for loc in locations
            ],
            ensure_ascii=False,
            default=str,
        )
        with self._lock:
            try:
                with self._connection:
                    self._connection.execute(
                        "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                        (service, query, options_key(options), payload, fetched_at.isoformat()),
                    )
            except sqlite3.Error as error:
                message = f"cannot write the geocoding cache {self.path}: {error}"
                raise CacheError(message) from error

    def __len__(self) -> int:
        with self._lock:
            return self._connection.execute("SELECT count(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return self._connect()
            except sqlite3.DatabaseError as error:
                if not _is_corruption(error):
                    raise
                aside = self._set_aside()
                self.notices.append(
                    f"The geocoding cache {self.path} was unreadable ({error}); it was moved to "
                    f"{aside.name} and a fresh cache started. Names will be looked up again."
                )
                return self._connect()
        except (OSError, sqlite3.Error) as error:
            raise CacheError(f"cannot open the geocoding cache {self.path}: {error}") from error

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False)
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            connection.execute("PRAGMA journal_mode = WAL")
            (verdict,) = connection.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise _CorruptFile(verdict)
            with connection:
                connection.execute(_SCHEMA)
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def _set_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = self.path.with_name(self.path.name + suffix)
            # Missing: another process set it aside first, or there was no journal.
            with contextlib.suppress(FileNotFoundError):
                source.replace(aside.with_name(aside.name + suffix))
        return aside


class _CorruptFile(sqlite3.DatabaseError):
    """The file opens as a database but its integrity check fails."""


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    return isinstance(error, _CorruptFile) or getattr(error, "sqlite_errorcode", None) in (
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
    )
