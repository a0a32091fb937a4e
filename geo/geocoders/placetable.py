"""An offline geopy geocoder over the project's place table.

Ranking is what makes a gazetteer answer right: a name is often shared ("Syunik" is a
province and a village, there are two Vardenis, GeoNames knows "Goris" as a name of Gori in
Georgia too). Candidates are scored by the feature kind the text suggests ("provincia de X"),
the distance to the article's region (`near`), the table's focus countries and population.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.gazetteer import FOCUS_COUNTRIES, PlaceTable, distance_km, name_key
from geo.geocoders import location_from_place, place_from_location
from geo.model import AREA_KINDS, PLACE_KINDS, SETTLEMENT_KINDS, Place

SERVICE = "place table"

# Kinds that answer the same question: a "localidad" cue fits a city or a village.
_FAMILIES = (
    SETTLEMENT_KINDS,
    AREA_KINDS,
    frozenset({"lake", "mountain", "river", "road"}),
)
_NEAR_SCALE_KM = 150.0
_BIG_CITY = 300_000
_MAX_NEAR_KM = 1500.0
_ANSWERS_KEPT = 100_000
_UNASKED = object()


class PlaceTableGeocoder(Geocoder):
    """Geocode names and reverse-geocode points against the place table, with no network.

    `place_answers` answers what `geocode` does as `Place`s, with no Location in between: the
    pipeline asks it thousands of times an article batch.
    """

    def __init__(self, table: PlaceTable | None = None) -> None:
        super().__init__(adapter_factory=URLLibAdapter)  # no HTTP of its own: the cheap one
        self.table = table if table is not None else PlaceTable.load()
        self._answers: dict[tuple, Location | list[Location] | None] = {}
        self._ranked: dict[tuple, tuple[int, ...]] = {}
        self._as_answered: dict[int, tuple[Place, str]] = {}
        self._place_answers: dict[tuple, tuple[tuple[Place, str], ...]] = {}
        self._near: tuple = (None, None)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        feature_kind: str | None = None,
        near: tuple[float, float] | None = None,
        country_codes: Sequence[str] | str | None = None,
    ) -> Location | list[Location] | None:
        """The places named `query`, best first; hints are keyword-only and all optional.

        `feature_kind` is one of `geo.model.PLACE_KINDS` (a kind the table does not hold, such
        as "river", has no answer here rather than a same-named town); `near` a (lat, lon) of
        the article's region; `country_codes` ISO 3166-1 alpha-2 codes to restrict the answer to.
        """
        ranked = self._rank_cached(query, feature_kind, self._rounded(near), country_codes)
        answer_key = (query, exactly_one, ranked)
        answer = self._answers.get(answer_key, _UNASKED)
        if answer is not _UNASKED:
            return answer
        if len(self._answers) >= _ANSWERS_KEPT:
            self._answers.clear()
        found = [self.table.places[i] for i in (ranked[:1] if exactly_one else ranked)]
        locations = [location_from_place(p, service=SERVICE, query=query) for p in found]
        answer = (locations[0] if exactly_one else locations) if locations else None
        self._answers[answer_key] = answer
        return answer

    def place_answers(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        feature_kind: str | None = None,
        near: tuple[float, float] | None = None,
        country_codes: Sequence[str] | str | None = None,
    ) -> tuple[tuple[Place, str], ...]:
        """What `geocode` answers, as (place, service) pairs: each the `Place` read back from
        its Location (`geo.geocoders.place_from_location`) and the service that found it."""
        near = self._rounded(near)
        if country_codes is None:  # the pipeline's questions: answered from memory
            answer_key = (query, exactly_one, feature_kind, near)
            found = self._place_answers.get(answer_key)
            if found is None:
                if len(self._place_answers) >= _ANSWERS_KEPT:
                    self._place_answers.clear()
                found = self._place_answers[answer_key] = self._found(
                    query, exactly_one, feature_kind, near, None
                )
            return found
        return self._found(query, exactly_one, feature_kind, near, country_codes)

    def _found(
        self,
        query: str,
        exactly_one: bool,
        feature_kind: str | None,
        near: tuple[float, float] | None,
        country_codes: Sequence[str] | str | None,
    ) -> tuple[tuple[Place, str], ...]:
        ranked = self._rank_cached(query, feature_kind, near, country_codes)
        as_answered = self._as_answered
        return tuple(
            as_answered.get(i) or self._answered(i) for i in ranked[: 1 if exactly_one else None]
        )

    def reverse(self, query, *, exactly_one: bool = True) -> Location | list[Location] | None:
        """The nearest populated places (or, failing that, any places) to a point."""
        point = Point(query)
        pool = [p for p in self.table.places if p.kind in SETTLEMENT_KINDS]
        nearest = sorted(
            pool or self.table.places,
            key=lambda p: distance_km(point.latitude, point.longitude, p.lat, p.lon),
        )[: 1 if exactly_one else 10]
        if not nearest:
            return None
        locations = [location_from_place(p, service=SERVICE, query=str(point)) for p in nearest]
        return locations[0] if exactly_one else locations

    def _rounded(self, near: tuple[float, float] | None) -> tuple[float, float] | None:
        """The region to half a degree, which lets answers be reused; remembered, as an article
        asks with one region throughout."""
        if not near:
            return None
        if near != self._near[0]:
            self._near = (near, (round(near[0] * 2) / 2, round(near[1] * 2) / 2))
        return self._near[1]

    def _rank_cached(
        self,
        query: str,
        feature_kind: str | None,
        near: tuple[float, float] | None,
        country_codes: Sequence[str] | str | None,
    ) -> tuple[int, ...]:
        """Row indexes of the places named `query`, best first, remembered; `near` comes
        rounded by `_rounded`."""
        if country_codes:
            codes = [country_codes] if isinstance(country_codes, str) else country_codes
            codes = tuple(sorted(c.upper() for c in codes))
        else:
            codes = ()
        rank_key = (query, feature_kind, near, codes)
        ranked = self._ranked.get(rank_key)
        if ranked is None:
            if len(self._ranked) >= _ANSWERS_KEPT:
                self._ranked.clear()
            if feature_kind and feature_kind not in PLACE_KINDS:
                ranked = ()
            else:
                ranked = self._rank(name_key(query), feature_kind, near, codes)
            self._ranked[rank_key] = ranked
        return ranked

    def _rank(
        self,
        key: str,
        feature_kind: str | None,
        near: tuple[float, float] | None,
        codes: tuple[str, ...],
    ) -> tuple[int, ...]:
        places = self.table.places
        indexes = self.table.indexes(key)
        if codes:
            indexes = [i for i in indexes if places[i].country in codes]
        if len(indexes) < 2:
            return tuple(indexes)  # most names name one place: nothing to score
        table = self.table
        if feature_kind != "village" and any(
            places[i].population >= _BIG_CITY and table.is_own_name(key, i) for i in indexes
        ):
            # A big city's own name is not the name of a village at home that GeoNames lists
            # under it only as a variant or a former name: "Karachi" is no Qaraçı, "Shiraz" no
            # Vosketap, even in an article about Baku.
            indexes = [
                i
                for i in indexes
                if places[i].country not in FOCUS_COUNTRIES or table.is_own_name(key, i)
            ]
        ranked = sorted(
            indexes,
            key=lambda i: _score(places[i], feature_kind, near, table.is_own_name(key, i)),
            reverse=True,
        )
        return tuple(ranked)

    def _answered(self, index: int) -> tuple[Place, str]:
        location = location_from_place(self.table.places[index], service=SERVICE)
        self._as_answered[index] = answered = (place_from_location(location), SERVICE)
        return answered


# Most Spanish-language news of the region is written in Spain (EFE, Europa Press and the papers
# that print them): of two towns abroad of one name, Spain's wins unless the other is more than
# twice its size ("Valencia" is Spain's 824,000, not Venezuela's 1.6 million).
_SPANISH_NEWS_HOME, _SPANISH_NEWS_PRIOR = "ES", math.log10(2.0)


def _score(
    place: Place, feature_kind: str | None, near: tuple[float, float] | None, own_name: bool
) -> float:
    population = place.population / 10 if place.kind in AREA_KINDS else place.population
    score = math.log10(population + 10)
    if place.country in FOCUS_COUNTRIES:
        score += 1.5
    elif not own_name:
        # Abroad, a name found only among GeoNames' variants is a weak sign: a tenth of the
        # population ("White House" is Washington, also a variant of Casablanca's).
        score -= 1.0
    if place.country == _SPANISH_NEWS_HOME:
        score += _SPANISH_NEWS_PRIOR
    if not place.source.startswith("GeoNames"):
        score += 1.0  # the hand table holds what the region's news names
    if feature_kind:
        if place.kind == feature_kind:
            score += 10.0
        elif feature_kind in SETTLEMENT_KINDS and place.kind in SETTLEMENT_KINDS:
            # City or village is only a population threshold of GeoNames, while the writer's
            # "ciudad" or "pueblo" is their own; a namesake far away must not win on it: the
            # exact kind is worth less than the focus countries' bonus ("la ciudad de Jermuk"
            # is the Armenian town of 4,000, not the Turkish Çermik of 20,000, also "Jermuk").
            score += 9.7
        elif any(feature_kind in f and place.kind in f for f in _FAMILIES):
            score += 6.0
    if near:
        km = distance_km(near[0], near[1], place.lat, place.lon)
        score -= min(km, _MAX_NEAR_KM) / _NEAR_SCALE_KM
    return score
