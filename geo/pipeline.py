"""The whole engine in one call: articles → mentions → places → events → incidents."""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geopy.geocoders.base import Geocoder

from geo.events import detect_events
from geo.gazetteer import PlaceTable
from geo.geocoding import locate
from geo.incidents import build_incidents, to_geodataframe
from geo.library import ResultCache
from geo.model import Article, Event, LocatedMention, Mention, Problem
from geo.paths import PROJECT_ROOT
from geo.places import find_mentions

if TYPE_CHECKING:
    import geopandas as gpd

Progress = Callable[[int, int, Article], None]
_serials = itertools.count(1)


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
    serial: int = field(default_factory=lambda: next(_serials))
    """Never the same twice in a process: a cache key for what is derived from the incidents."""


BATCH = 16
"""Articles taken through each stage together: about 8% faster than one by one, as the code and
tables of one stage stay in the processor's caches until the batch is through it."""


def process_articles(
    articles: list[Article], table: PlaceTable, geocoder: Geocoder, *, named: bool = True
) -> list[ArticleResult]:
    """Each article's result, one stage at a time over all of `articles` (a `BATCH` of them);
    events of places merely `named` only when asked for."""
    mentions = [find_mentions(article, table) for article in articles]
    located = list(map(locate, articles, mentions, itertools.repeat(geocoder)))
    events = [detect_events(a, lms, named=named) for a, lms in zip(articles, located, strict=True)]
    return list(map(ArticleResult, articles, mentions, located, events))


def collect(results: list[ArticleResult]) -> PipelineResult:
    """Merge the events of every article into incidents."""
    events = [event for result in results for event in result.events]
    return PipelineResult(results, to_geodataframe(build_incidents(events)))


# Modules that only show, export or measure results: editing them leaves cached results valid.
_AFTER_RESULTS = frozenset(
    {
        "maps.py",
        "view.py",
        "cli.py",
        "corpus.py",
        "evaluate.py",
        "gazetteer_build.py",
        "__main__.py",
    }  # fmt: skip
)


@functools.cache
def engine_version() -> str:
    """A hash of the engine's code and shipped data: results cached under another are stale."""
    digest = hashlib.sha256()
    code = [p for p in (PROJECT_ROOT / "geo").rglob("*.py") if p.name not in _AFTER_RESULTS]
    for path in sorted([*code, *(PROJECT_ROOT / "data").glob("*.csv")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Pipeline:
    """Keeps each article's result, so that adding one article processes only that one.

    Articles are keyed by value, so an edited title or date is processed again. With a
    `cache`, results also outlive the process, except those made while the geocoder was
    reporting a fault (they would keep its degraded answers).
    """

    def __init__(
        self,
        table: PlaceTable,
        geocoder: Geocoder,
        *,
        cache: ResultCache | None = None,
        named: bool = True,
    ):
        self.table = table
        self.geocoder = geocoder
        self.cache = cache if named else None
        self.named = named
        """Whether places merely named become events too (the map shows them; `extract`
        prints incidents only). Results without them are neither cached nor read from a cache."""
        self._done: dict[Article, ArticleResult] = {}
        self._last: tuple[tuple[Article, ...], PipelineResult] | None = None

    def run(
        self, articles: Iterable[Article], *, progress: Progress | None = None
    ) -> PipelineResult:
        articles = list(articles)
        key = tuple(articles)
        if self._last and self._last[0] == key:
            return self._last[1]
        result = collect(self.results(articles, progress=progress))
        self._last = (key, result)
        return result

    def results(
        self, articles: Iterable[Article], *, progress: Progress | None = None
    ) -> list[ArticleResult]:
        """Each article's own result, without the incidents table `run` merges them into.

        For `extract`, which merges incidents alone (json: each article's apart) and so needs
        neither the mentions merged nor geopandas imported.
        """
        articles = list(articles)
        todo = [
            article
            for article in articles
            if article not in self._done and not self._cached(article)
        ]
        for start in range(0, len(todo), BATCH):
            for index, result in enumerate(self._process(todo[start : start + BATCH]), start + 1):
                self._done[result.article] = result
                if progress:
                    progress(index, len(todo), result.article)
        return [self._done[article] for article in articles]

    def _cached(self, article: Article) -> bool:
        if self.cache is None:
            return False
        found = self.cache.get(article.id)
        if isinstance(found, ArticleResult) and found.article == article:
            self._done[article] = found
            return True
        return False

    def _process(self, articles: list[Article]) -> list[ArticleResult]:
        notices = list(getattr(self.geocoder, "notices", ()))
        results = process_articles(articles, self.table, self.geocoder, named=self.named)
        unchanged = list(getattr(self.geocoder, "notices", ())) == notices
        if self.cache is not None and unchanged:
            for result in results:
                self.cache.put(result.article.id, result)
        return results


def run(
    articles: Iterable[Article],
    table: PlaceTable,
    geocoder: Geocoder,
    *,
    progress: Progress | None = None,
) -> PipelineResult:
    """Process `articles` once, with nothing kept for later."""
    return Pipeline(table, geocoder).run(articles, progress=progress)
