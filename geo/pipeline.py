"""The whole engine in one call: articles → mentions → places → events → incidents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import geopandas as gpd
from geopy.geocoders.base import Geocoder

from geo.events import detect_events
from geo.gazetteer import PlaceTable
from geo.geocoding import locate
from geo.incidents import build_incidents, to_geodataframe
from geo.model import Article, Event, LocatedMention, Mention, Problem
from geo.places import find_mentions

Progress = Callable[[int, int, Article], None]


@dataclass(frozen=True)
class ArticleResult:
    """What the engine found in one article."""

    article: Article
    mentions: list[Mention]
    located: list[LocatedMention]
    events: list[Event]


@dataclass
class PipelineResult:
    articles: list[ArticleResult]
    incidents: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)


def process_article(article: Article, table: PlaceTable, geocoder: Geocoder) -> ArticleResult:
    mentions = find_mentions(article, table)
    located = locate(article, mentions, geocoder)
    return ArticleResult(article, mentions, located, detect_events(article, located))


def collect(results: list[ArticleResult]) -> PipelineResult:
    """Merge the events of every article into incidents."""
    events = [event for result in results for event in result.events]
    return PipelineResult(results, to_geodataframe(build_incidents(events)))


class Pipeline:
    """Keeps each article's result, so that adding one article processes only that one.

    Articles are keyed by value, so an edited title or date is processed again.
    """

    def __init__(self, table: PlaceTable, geocoder: Geocoder):
        self.table = table
        self.geocoder = geocoder
        self._done: dict[Article, ArticleResult] = {}
        self._last: tuple[tuple[Article, ...], PipelineResult] | None = None

    def run(
        self, articles: Iterable[Article], *, progress: Progress | None = None
    ) -> PipelineResult:
        articles = list(articles)
        key = tuple(articles)
        if self._last and self._last[0] == key:
            return self._last[1]
        todo = [article for article in articles if article not in self._done]
        for index, article in enumerate(todo, start=1):
            self._done[article] = process_article(article, self.table, self.geocoder)
            if progress:
                progress(index, len(todo), article)
        result = collect([self._done[article] for article in articles])
        self._last = (key, result)
        return result


def run(
    articles: Iterable[Article],
    table: PlaceTable,
    geocoder: Geocoder,
    *,
    progress: Progress | None = None,
) -> PipelineResult:
    """Process `articles` once, with nothing kept for later."""
    return Pipeline(table, geocoder).run(articles, progress=progress)
