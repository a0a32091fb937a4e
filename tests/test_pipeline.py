"""The engine's orchestration: each article processed once, whichever call asks first."""

from __future__ import annotations

from geo.articles import SEEDS, load_folder
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
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
