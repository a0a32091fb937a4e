"""The SQLite cache on real files, shared by several processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from geopy.location import Location

from geo.geocoders.cache import GeocodingCache
from geo.geocoders.errors import CacheError

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = {"language": "es", "country_codes": ["am", "az"]}


def sotk() -> Location:
    return Location("Sotk, Gegharkunik", (40.22, 45.94, 0.0), {"name": "Sotk", "kind": "village"})


def test_an_answer_survives_reopening(tmp_path):
    path = tmp_path / "geocoding.sqlite"
    when = datetime(2026, 11, 22, 19, 0, tzinfo=UTC)
    GeocodingCache(path).put("nominatim", "Sotk", OPTIONS, [sotk()], fetched_at=when)

    answer = GeocodingCache(path).get("nominatim", "Sotk", dict(reversed(OPTIONS.items())))

    (location,) = answer.locations
    assert (location.address, location.point, location.raw) == (
        sotk().address,
        sotk().point,
        sotk().raw,
    )
    assert answer.fetched_at == when


def test_service_query_and_options_all_tell_answers_apart(tmp_path):
    cache = GeocodingCache(tmp_path / "c.sqlite")
    cache.put("nominatim", "Sotk", OPTIONS, [sotk()])

    assert cache.get("photon", "Sotk", OPTIONS) is None
    assert cache.get("nominatim", "Sotk ", OPTIONS) is None
    assert cache.get("nominatim", "Sotk", {**OPTIONS, "language": "en"}) is None
    assert cache.get("nominatim", "Sotk", OPTIONS) is not None


def test_not_found_is_remembered(tmp_path):
    cache = GeocodingCache(tmp_path / "c.sqlite")
    cache.put("nominatim", "Atlántida", OPTIONS, [])

    assert (
        GeocodingCache(tmp_path / "c.sqlite").get("nominatim", "Atlántida", OPTIONS).locations == []
    )


WRITER = """
import sys
from geopy.location import Location
from geo.geocoders.cache import GeocodingCache
cache = GeocodingCache(sys.argv[1])
for i in range(60):
    name = f"{sys.argv[2]}-{i}"
    cache.put("nominatim", name, {}, [Location(name, (40.0, 45.0 + i / 100), {"name": name})])
    assert cache.get("nominatim", name, {}) is not None
"""


def test_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"w{n}"], cwd=ROOT)
        for n in range(3)
    ]

    assert [writer.wait(timeout=120) for writer in writers] == [0, 0, 0]
    assert len(GeocodingCache(path)) == 180
    (mode,) = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path):
    path = tmp_path / "geocoding.sqlite"
    path.write_text("garbage " * 1000)

    cache = GeocodingCache(path)

    (aside,) = tmp_path.glob("geocoding.sqlite.corrupt-*")
    assert aside.read_text().startswith("garbage")
    (notice,) = cache.notices
    assert str(path) in notice and aside.name in notice
    cache.put("nominatim", "Sotk", {}, [sotk()])
    assert len(cache) == 1


def test_a_damaged_database_is_set_aside(tmp_path):
    path = tmp_path / "geocoding.sqlite"
    cache = GeocodingCache(path)
    for i in range(300):
        cache.put("nominatim", f"name {i}", {}, [sotk()])
    cache.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xff" * 8192
    path.write_bytes(bytes(data))

    fresh = GeocodingCache(path)

    assert len(list(tmp_path.glob("geocoding.sqlite.corrupt-*"))) == 1
    assert len(fresh) == 0
    assert fresh.notices


def test_an_unopenable_cache_is_a_cache_error(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    with pytest.raises(CacheError, match="cannot open the geocoding cache"):
        GeocodingCache(blocker / "geocoding.sqlite")


def test_an_unreadable_row_is_a_cache_error(tmp_path):
    path = tmp_path / "c.sqlite"
    GeocodingCache(path).put("nominatim", "Sotk", {}, [sotk()])
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE answers SET locations = '[{\"address\": '")

    with pytest.raises(CacheError, match="unreadable answer"):
        GeocodingCache(path).get("nominatim", "Sotk", {})
