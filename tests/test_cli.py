"""`python -m geo` as another tool would call it: a real process, real files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def geo(*args: str, data: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "INCIDENT_ATLAS_DATA": str(data), **(env or {})},
        timeout=120,
    )


def test_extract_json_contract(tmp_path):
    done = geo("extract", *map(str, SEEDS), "--format", "json", data=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    document = json.loads(done.stdout)
    assert [Path(a["path"]).name for a in document["articles"]] == [p.name for p in SEEDS]
    for article, path in zip(document["articles"], SEEDS, strict=True):
        text = path.read_text(encoding="utf-8")
        assert article["published"]
        assert article["mentions"] and article["incidents"]
        for mention in article["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
            assert set(mention) == {
                "text", "start", "end", "name", "lat", "lon", "kind", "precision", "geonames_id",
            }  # fmt: skip
        for incident in article["incidents"]:
            assert set(incident) == {"name", "lat", "lon", "date", "type", "excerpt"}
            assert incident["excerpt"] in text


def test_extract_json_is_laid_out_as_json_dumps_lays_it_out(tmp_path):
    odd = tmp_path / "comillas.txt"
    odd.write_text(
        'Un "dron" atacó Jermuk ayer.\nEl pueblo de Xyzqwe\\ sigue «aislado».\t¿Qué pasó?',
        encoding="utf-8",
    )
    placeless = tmp_path / "nada.txt"
    placeless.write_text("Nada que ver aquí.", encoding="utf-8")
    for files in ([*SEEDS, odd, placeless], [tmp_path / "missing.txt"]):
        done = geo("extract", *map(str, files), "--published", "2023-03-04", data=tmp_path)
        printed = done.stdout.decode()
        document = json.loads(printed)
        assert printed == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert document == {"articles": []}


def test_extract_json_never_imports_geopandas(tmp_path):
    """Its import was most of a cold start, and the json document needs no table."""
    done = geo("extract", str(SEEDS[0]), data=tmp_path, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert done.returncode == 0, done.stderr.decode()
    imported = done.stderr.decode()
    assert "geo.events" in imported and "pandas" not in imported


def test_published_option_dates_relative_expressions(tmp_path):
    article = tmp_path / "nota.txt"
    article.write_text("Ayer hubo combates en Jermuk, informó el ministerio.", encoding="utf-8")
    done = geo("extract", str(article), "--published", "2023-03-04", data=tmp_path)
    incidents = json.loads(done.stdout)["articles"][0]["incidents"]
    assert [(i["name"], i["date"]) for i in incidents] == [("Jermuk", "2023-03-03")]


def test_unreadable_file_is_reported_and_the_rest_processed(tmp_path):
    empty = tmp_path / "vacio.txt"
    empty.write_bytes(b"")
    done = geo("extract", str(empty), str(SEEDS[0]), "--format", "geojson", data=tmp_path)
    assert done.returncode == 1
    assert "vacio.txt" in done.stderr.decode() and "empty" in done.stderr.decode()
    features = json.loads(done.stdout)["features"]
    assert features and all(f["geometry"]["type"] == "Point" for f in features)


def test_extract_csv_prints_incidents(tmp_path):
    done = geo("extract", *map(str, SEEDS), "--format", "csv", data=tmp_path)
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode())))
    assert {row["event_date"] for row in rows} >= {"2022-08-03", "2021-05-12"}


def test_export_gpkg_needs_and_writes_a_file(tmp_path):
    assert geo("export", "--format", "gpkg", data=tmp_path).returncode == 2
    target = tmp_path / "incidentes.gpkg"
    done = geo(
        "export", str(ROOT / "seeds"), "--format", "gpkg", "--output", str(target), data=tmp_path
    )
    assert done.returncode == 0, done.stderr.decode()
    assert len(gpd.read_file(target)) >= 4


def test_geocode_offline_json(tmp_path):
    done = geo("geocode", "Ereván", "Lago Sev", "--format", "json", data=tmp_path)
    answers = json.loads(done.stdout)
    assert [a["name"] for a in answers] == ["Yerevan", "Sev Lake"]
    assert all(a["provenance"] == "place table" for a in answers)
