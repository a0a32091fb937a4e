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
    """What the engine found in one article; cached per article between runs."""

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


def run(
    articles: Iterable[Article],
    table: PlaceTable,
    geocoder: Geocoder,
    *,
    progress: Progress | None = None,
) -> PipelineResult:
    """Process every article, then merge their events into incidents."""
    articles = list(articles)
    results = []
    for index, article in enumerate(articles, start=1):
        results.append(process_article(article, table, geocoder))
        if progress:
            progress(index, len(articles), article)
    return collect(results)


def collect(results: list[ArticleResult]) -> PipelineResult:
    events = [event for result in results for event in result.events]
    return PipelineResult(results, to_geodataframe(build_incidents(events)))
