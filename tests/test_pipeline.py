"""The engine's orchestration: each article processed once, whichever call asks first."""

from __future__ import annotations

from geo.articles import SEEDS, load_folder
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.library import ResultCache
from geo.pipeline import Pipeline


def test_results_are_each_articles_own_and_run_reuses_them():
    table = PlaceTable.load()
    articles, _ = load_folder(SEEDS)
    engine = Pipeline(table, PlaceTableGeocoder(table))
    results = engine.results(articles)
    assert [result.article for result in results] == articles
    assert all(result.events for result in results)
    merged = engine.run(articles)
    assert all(a is b for a, b in zip(merged.articles, results, strict=True))
    assert merged.incidents["is_incident"].any()


def test_an_engine_without_named_places_makes_the_same_incidents_and_caches_none(tmp_path):
    table = PlaceTable.load()
    articles, _ = load_folder(SEEDS)
    cache = ResultCache(tmp_path, version="1")
    full = Pipeline(table, PlaceTableGeocoder(table)).results(articles)
    lean = Pipeline(table, PlaceTableGeocoder(table), cache=cache, named=False).results(articles)
    for whole, incidents_only in zip(full, lean, strict=True):
        assert any(not event.is_incident for event in whole.events)
        assert incidents_only.events == [e for e in whole.events if e.is_incident]
    assert not list(tmp_path.iterdir())
