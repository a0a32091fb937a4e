"""The synthetic corpus: the same for a seed, a manifest the loader accepts, incidents found."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from geo.articles import load_folder
from geo.corpus import generate, main, place_phrases, write_corpus
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.pipeline import run


@pytest.fixture(scope="module")
def table():
    return PlaceTable.load()


def test_same_seed_same_corpus_other_seed_other_corpus(table):
    first = generate(20, seed=3, table=table)
    assert first == generate(20, seed=3, table=table)
    assert [a.text for a in first] != [a.text for a in generate(20, seed=4, table=table)]


def test_articles_are_distinct_long_and_dated_in_the_span(table):
    articles = generate(50, seed=1, start=date(2023, 3, 1), days=30, length=2500, table=table)
    assert len({a.text for a in articles}) == 50
    assert all(2400 <= len(a.text) <= 3200 for a in articles)
    assert all(date(2023, 3, 1) <= a.published < date(2023, 3, 31) for a in articles)


def test_places_are_named_as_the_table_knows_them(table):
    phrases = place_phrases(table)
    assert len(phrases) > 100
    cue_words = ("la aldea de ", "la ciudad de ", "la provincia de ", "el ")
    for phrase in phrases[:200]:
        name = next(phrase.removeprefix(cue) for cue in cue_words if phrase.startswith(cue))
        assert table.candidates(name), phrase


def test_written_folder_loads_with_its_manifest(tmp_path, table):
    articles = generate(30, seed=2, table=table)
    write_corpus(tmp_path, articles)
    with open(tmp_path / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["file"] for row in rows] == [a.name for a in articles]
    loaded, problems = load_folder(tmp_path)
    assert problems == []
    by_title = {a.title: a for a in loaded}
    for article in articles:
        assert by_title[article.title].published == article.published
        assert by_title[article.title].text == article.text


def test_engine_finds_incidents_of_every_kind(tmp_path, table):
    articles, _ = load_folder(write_corpus(tmp_path, generate(60, seed=5, table=table)))
    incidents = run(articles, table, PlaceTableGeocoder(table)).incidents
    found = incidents[incidents["is_incident"]]
    assert len(found) >= len(articles)
    assert set(found["event_type"]) >= {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
    }
    assert set(found["country"]) <= {"AM", "AZ"}
    assert found["event_date"].notna().all()


def test_command_line_writes_the_folder(tmp_path, capsys):
    assert main(["--articles", "5", "--seed", "1", "--out", str(tmp_path / "c")]) == 0
    assert len(list((tmp_path / "c").glob("*.txt"))) == 5
    assert "5 articles" in capsys.readouterr().out
