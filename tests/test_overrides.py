"""Manual fixes in a readable CSV table on disk."""

from __future__ import annotations

import csv

import pytest

from geo.geocoders.errors import InvalidOverrideError
from geo.overrides import OverrideGeocoder, OverrideTable


def test_a_fix_is_saved_readably_and_read_back_by_a_new_table(tmp_path):
    path = tmp_path / "data" / "overrides.csv"
    OverrideTable(path).set("Lago Sev", 39.43, 46.08, kind="lake", note="Sev Lich, not Sevan")

    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fix = OverrideTable(path).get("lago  SEV")

    assert [(r["name"], r["lat"], r["lon"], r["kind"]) for r in rows] == [
        ("Lago Sev", "39.43", "46.08", "lake")
    ]
    assert rows[0]["when"]
    assert (fix.lat, fix.lon, fix.note) == (39.43, 46.08, "Sev Lich, not Sevan")
    assert list(tmp_path.glob("data/.*.tmp")) == []


def test_names_match_without_accents_or_case(tmp_path):
    table = OverrideTable(tmp_path / "o.csv")
    table.set("Ereván", 40.18, 44.51, kind="city")

    location = OverrideGeocoder(table).geocode("EREVAN")

    assert (location.latitude, location.raw["service"]) == (
        40.18,
        "manual fix",
    )


def test_undo_removes_the_row(tmp_path):
    path = tmp_path / "o.csv"
    table = OverrideTable(path)
    table.set("Goris", 39.5, 46.3)
    table.set("Jermuk", 39.8, 45.7)

    assert table.remove("goris") is True
    assert table.remove("goris") is False
    assert [fix.name for fix in OverrideTable(path)] == ["Jermuk"]
    assert OverrideGeocoder(OverrideTable(path)).geocode("Goris") is None


def test_a_change_by_another_process_is_seen(tmp_path):
    path = tmp_path / "o.csv"
    reader = OverrideTable(path)
    assert reader.get("Goris") is None

    OverrideTable(path).set("Goris", 39.5, 46.3)

    assert reader.get("Goris").lat == 39.5


def _edited_by_hand(path, monkeypatch, recheck_seconds: float) -> OverrideTable:
    """A table that has looked at `path`, which another process then gives a fix for Goris."""
    monkeypatch.setattr("geo.overrides.RECHECK_SECONDS", recheck_seconds)
    table = OverrideTable(path)
    assert table.get("Goris") is None
    path.write_text("name,lat,lon\nGoris,39.5,46.3\n", encoding="utf-8")
    return table


def test_a_hand_edit_is_seen_once_the_recheck_interval_has_passed(tmp_path, monkeypatch):
    table = _edited_by_hand(tmp_path / "o.csv", monkeypatch, recheck_seconds=0.0)

    assert table.get("Goris").lat == 39.5


def test_a_save_keeps_a_fix_another_process_made_just_before(tmp_path, monkeypatch):
    path = tmp_path / "o.csv"
    table = _edited_by_hand(path, monkeypatch, recheck_seconds=3600.0)

    table.set("Jermuk", 39.8, 45.7)

    assert sorted(fix.name for fix in OverrideTable(path)) == ["Goris", "Jermuk"]


def test_malformed_rows_are_reported_skipped_and_kept(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(
        "name,lat,lon,kind,label,note,when\n"
        "Goris,39.5,46.3,city,,,\n"
        "Jermuk,north,45.7,city,,,\n"
        ",40.0,45.0,,,,\n"
        "Sotk,40.2,45.9,hamlet,,,\n"
        "Vardenis,95,45.7,,,,\n",
        encoding="utf-8",
    )

    table = OverrideTable(path)
    table.set("Sisian", 39.52, 46.03, kind="city")

    assert [str(p) for p in table.problems] == [
        f"{path}, line 3: manual fix skipped: lat/lon 'north', '45.7' are not numbers",
        f"{path}, line 4: manual fix skipped: the name is empty",
        f"{path}, line 5: manual fix skipped: kind 'hamlet' is not one of village, city, lake, "
        "sea, mountain, river, road, admin1, region, country",
        f"{path}, line 6: manual fix skipped: latitude 95.0 is outside -90..90",
    ]
    assert sorted(fix.name for fix in table) == ["Goris", "Sisian"]
    text = path.read_text(encoding="utf-8")
    assert "Jermuk,north,45.7" in text and "Vardenis,95,45.7" in text


@pytest.mark.parametrize(
    ("name", "lat", "lon"), [("", 40.0, 45.0), ("Goris", 91.0, 45.0), ("Goris", 40.0, float("nan"))]
)
def test_an_impossible_fix_is_refused(tmp_path, name, lat, lon):
    table = OverrideTable(tmp_path / "o.csv")
    with pytest.raises(InvalidOverrideError):
        table.set(name, lat, lon)
    assert not (tmp_path / "o.csv").exists()


def test_an_unreadable_file_is_reported_and_never_overwritten(tmp_path):
    path = tmp_path / "o.csv"
    path.write_bytes(b"name,lat,lon\n\xff\xfe,1,2\n")

    table = OverrideTable(path)

    (problem,) = table.problems
    assert problem.subject == str(path)
    with pytest.raises(InvalidOverrideError):
        table.set("Goris", 39.5, 46.3)
    assert path.read_bytes() == b"name,lat,lon\n\xff\xfe,1,2\n"
