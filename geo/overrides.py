"""Manual fixes: the user's own answer for a name, kept in a readable CSV table in `data/`.

A fix applies at once and on every later run, is undone by removing its row (from the
dashboard or by hand), and outranks every geocoder. The file is rewritten atomically, and
rows that cannot be read are reported, skipped, and written back untouched.
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
import time
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocoders.errors import InvalidOverrideError
from geo.model import PLACE_KINDS, Problem
from geo.paths import data_dir
from geo.text import fold

DEFAULT_OVERRIDES_PATH = data_dir() / "overrides.csv"
FIELDS = ("name", "lat", "lon", "kind", "label", "note", "when")
PROVENANCE = "manual fix"
RECHECK_SECONDS = 0.1
"""How often at most a look-up looks at the file for changes made by other processes:
resolution asks for about ten names an article, and a stat of the file for each took half its
time. A save always looks first, so as not to write over another process's change."""


@dataclass(frozen=True)
class Override:
    """The place a user chose for `name` (matched accent- and case-blind)."""

    name: str
    lat: float
    lon: float
    kind: str = ""
    label: str = ""
    note: str = ""
    when: str = ""


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """Remembered: the chain asks for every name of every article."""
    return " ".join(fold(name).split())


class OverrideTable:
    """The fixes in the CSV file at `path`; re-read whenever another process changed it.

    A change saved through any table of this process is seen at once, one made by another
    process within `RECHECK_SECONDS`. `problems` lists the rows that could not be read, naming
    file and line. Rows keep their order in the file; unreadable ones are written back as they
    were.
    """

    _saves = 0
    """Saves made by the tables of this process: a table that has not seen the last one looks
    at the file again, however recently it did."""

    def __init__(self, path: str | Path = DEFAULT_OVERRIDES_PATH) -> None:
        self.path = Path(path)
        self.problems: list[Problem] = []
        self._rows: list[Override | list[str]] = []
        self._index: dict[str, Override] = {}
        self._stamp: tuple[int, int] | None = None
        self._readable = True
        self.refresh()

    def get(self, name: str) -> Override | None:
        self._refresh_when_due()
        return self._index.get(name_key(name)) if self._index else None

    def __iter__(self):
        self._refresh_when_due()
        return iter(list(self._index.values()))

    def __len__(self) -> int:
        self._refresh_when_due()
        return len(self._index)

    def set(
        self, name: str, lat: float, lon: float, *, kind: str = "", label: str = "", note: str = ""
    ) -> Override:
        """Save the fix for `name`, in place of an earlier one."""
        fix = Override(
            name=name.strip(),
            lat=float(lat),
            lon=float(lon),
            kind=kind,
            label=label.strip(),
            note=note.strip(),
            when=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        reason = _invalid(fix)
        if reason:
            raise InvalidOverrideError(f"cannot save a manual fix for {name!r}: {reason}")
        self.refresh()
        key = name_key(name)
        rows, replaced = [], False
        for row in self._rows:
            if isinstance(row, Override) and name_key(row.name) == key:
                if not replaced:
                    rows.append(fix)
                replaced = True
            else:
                rows.append(row)
        self._write(rows if replaced else [*rows, fix])
        return fix

    def remove(self, name: str) -> bool:
        """Undo the fix for `name`; False if there was none."""
        self.refresh()
        key = name_key(name)
        rows = [
            row
            for row in self._rows
            if not (isinstance(row, Override) and name_key(row.name) == key)
        ]
        if len(rows) == len(self._rows):
            return False
        self._write(rows)
        return True

    def _refresh_when_due(self) -> None:
        """`refresh`, unless it ran less than `RECHECK_SECONDS` ago and no table of this
        process has saved since."""
        if time.monotonic() < self._recheck_at and self._saves_seen == OverrideTable._saves:
            return
        self.refresh()

    def refresh(self) -> None:
        self._recheck_at = time.monotonic() + RECHECK_SECONDS
        self._saves_seen = OverrideTable._saves
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._rows, self._index, self.problems = [], {}, []
            self._stamp, self._readable = None, True
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            self._read()
            self._stamp = stamp

    def _read(self) -> None:
        rows: list[Override | list[str]] = []
        problems: list[Problem] = []
        self._readable = True
        try:
            with self.path.open(newline="", encoding="utf-8") as handle:
                reader = csv.reader(handle)
                header = next(reader, list(FIELDS))
                for cells in reader:
                    if not any(cell.strip() for cell in cells):
                        continue
                    fix, reason = _parse(header, cells)
                    if fix is None:
                        subject = f"{self.path}, line {reader.line_num}"
                        problems.append(Problem(subject, f"manual fix skipped: {reason}"))
                    rows.append(fix or cells)
        except (UnicodeDecodeError, csv.Error) as error:
            self._readable = False
            rows = []
            problems = [Problem(str(self.path), f"manual fixes not read ({error}); fix the file")]
        self._rows, self.problems = rows, problems
        self._index = {name_key(row.name): row for row in rows if isinstance(row, Override)}

    def _write(self, rows: list[Override | list[str]]) -> None:
        if not self._readable:
            raise InvalidOverrideError(f"{self.path} cannot be read; fix it by hand before saving")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(FIELDS)
                for row in rows:
                    writer.writerow(_cells(row) if isinstance(row, Override) else row)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        OverrideTable._saves += 1
        self._stamp = None
        self.refresh()


def _cells(fix: Override) -> list[str]:
    return [str(value) for value in astuple(fix)]


def _parse(header: list[str], cells: list[str]) -> tuple[Override | None, str]:
    if len(cells) > len(header):
        return None, f"{len(cells)} fields, but the header has {len(header)}"
    row = dict(zip(header, cells, strict=False))
    values = {key: (row.get(key) or "").strip() for key in FIELDS}
    try:
        lat, lon = float(values["lat"]), float(values["lon"])
    except ValueError:
        return None, f"lat/lon {values['lat']!r}, {values['lon']!r} are not numbers"
    fix = Override(
        values["name"], lat, lon, values["kind"], values["label"], values["note"], values["when"]
    )
    reason = _invalid(fix)
    return (None, reason) if reason else (fix, "")


def _invalid(fix: Override) -> str:
    if not name_key(fix.name):
        return "the name is empty"
    if not (math.isfinite(fix.lat) and -90 <= fix.lat <= 90):
        return f"latitude {fix.lat} is outside -90..90"
    if not (math.isfinite(fix.lon) and -180 <= fix.lon <= 180):
        return f"longitude {fix.lon} is outside -180..180"
    if fix.kind and fix.kind not in PLACE_KINDS:
        return f"kind {fix.kind!r} is not one of {', '.join(PLACE_KINDS)}"
    return ""


class OverrideGeocoder(Geocoder):
    """The manual fixes as a geopy geocoder, consulted first by the chain."""

    def __init__(self, table: OverrideTable) -> None:
        super().__init__(adapter_factory=URLLibAdapter)  # no HTTP of its own: the cheap one
        self.table = table

    def geocode(self, query: str, *, exactly_one: bool = True, **_hints):
        fix = self.table.get(query)
        if fix is None:
            return None if exactly_one else []
        raw = {
            "name": fix.label or fix.name,
            "kind": fix.kind,
            "country": "",
            "admin1": "",
            "geonames_id": None,
            "population": 0,
            "source": PROVENANCE,
            "service": PROVENANCE,
            "query": query,
            "note": fix.note,
            "fetched_at": fix.when,
        }
        location = Location(fix.label or fix.name, (fix.lat, fix.lon, 0.0), raw)
        return location if exactly_one else [location]
