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
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocoders.errors import InvalidOverrideError
from geo.model import PLACE_KINDS, Problem
from geo.text import fold

DEFAULT_OVERRIDES_PATH = Path("data/overrides.csv")
FIELDS = ("name", "lat", "lon", "kind", "label", "note", "when")
PROVENANCE = "manual fix"


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


def name_key(name: str) -> str:
    return " ".join(fold(name).split())


class OverrideTable:
    """The fixes in the CSV file at `path`; re-read whenever another process changed it.

    `problems` lists the rows that could not be read, naming file and line.
    """

    def __init__(self, path: str | Path = DEFAULT_OVERRIDES_PATH) -> None:
        self.path = Path(path)
        self.problems: list[Problem] = []
        self._fixes: dict[str, Override] = {}
        self._unreadable: list[dict[str, str]] = []
        self._stamp: tuple[int, int] | None = None
        self._readable = True
        self.refresh()

    def get(self, name: str) -> Override | None:
        self.refresh()
        return self._fixes.get(name_key(name))

    def __iter__(self):
        self.refresh()
        return iter(list(self._fixes.values()))

    def __len__(self) -> int:
        self.refresh()
        return len(self._fixes)

    def set(
        self, name: str, lat: float, lon: float, *, kind: str = "", label: str = "", note: str = ""
    ) -> Override:
        """Save the fix for `name`, replacing an earlier one."""
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
        self._fixes[name_key(name)] = fix
        self._write()
        return fix

    def remove(self, name: str) -> bool:
        """Undo the fix for `name`; False if there was none."""
        self.refresh()
        if self._fixes.pop(name_key(name), None) is None:
            return False
        self._write()
        return True

    def refresh(self) -> None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._fixes, self._unreadable, self.problems, self._stamp = {}, [], [], None
            self._readable = True
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            self._read()
            self._stamp = stamp

    def _read(self) -> None:
        fixes: dict[str, Override] = {}
        unreadable: list[dict[str, str]] = []
        problems: list[Problem] = []
        self._readable = True
        try:
            with self.path.open(newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                for row in reader:
                    subject = f"{self.path}, line {reader.line_num}"
                    fix, reason = _parse(row)
                    if fix is None:
                        problems.append(Problem(subject, f"manual fix skipped: {reason}"))
                        unreadable.append(row)
                    else:
                        fixes[name_key(fix.name)] = fix
        except (UnicodeDecodeError, csv.Error) as error:
            self._readable = False
            fixes, unreadable = {}, []
            problems = [Problem(str(self.path), f"manual fixes not read ({error}); fix the file")]
        self._fixes, self._unreadable, self.problems = fixes, unreadable, problems

    def _write(self) -> None:
        if not self._readable:
            raise InvalidOverrideError(f"{self.path} cannot be read; fix it by hand before saving")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        rows = [asdict(fix) for fix in self._fixes.values()] + self._unreadable
        descriptor, temporary = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, FIELDS, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._stamp = None
        self.refresh()


def _parse(row: dict[str, str | None]) -> tuple[Override | None, str]:
    if None in row:
        return None, "more fields than the header has"
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
