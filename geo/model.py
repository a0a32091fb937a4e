"""The plain records passed between the pipeline's stages.

articles → mentions → located mentions → events → incidents. Each stage takes
the records of the one before and returns its own; none of them knows about
Streamlit or folium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# ACLED-style precision codes: 1 the exact place, 2 near a place or part of a
# region, 3 a province or larger.
GEO_EXACT, GEO_NEAR, GEO_REGION = 1, 2, 3

# Kinds of place, ordered roughly from smallest to largest.
PLACE_KINDS = (
    "village",
    "city",
    "lake",
    "sea",
    "mountain",
    "river",
    "road",
    "admin1",
    "region",
    "country",
)
# Populated places (GeoNames tells a city from a village by population only) and areas.
SETTLEMENT_KINDS = frozenset({"city", "village"})
AREA_KINDS = frozenset({"admin1", "region"})


@dataclass(frozen=True)
class Article:
    """One news text with what is known about it; `id` is a hash of the text."""

    id: str
    text: str
    title: str
    published: date | None = None
    source: str = ""
    url: str = ""
    path: Path | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Something the user must be told about, naming what it concerns."""

    subject: str
    reason: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.reason}"


@dataclass(frozen=True)
class Place:
    """A row of the place table: one named location with where its coordinate comes from."""

    name: str
    lat: float
    lon: float
    kind: str
    country: str = ""
    admin1: str = ""
    geonames_id: int | None = None
    population: int = 0
    source: str = ""


@dataclass(frozen=True)
class Mention:
    """A place name as written in an article, with exact character offsets."""

    article_id: str
    text: str
    start: int
    end: int
    cue: str = ""
    """The Spanish cue that introduced it ("provincia", "lago", "cerca de", ...), if any."""


_new = object.__new__


def new_mention(article_id: str, text: str, start: int, end: int, cue: str) -> Mention:
    """`Mention(...)` at half the cost, for recognition's inner loop.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`; filling the
    instance's dict directly makes the same object. Every field must be given.
    """
    mention = _new(Mention)
    state = mention.__dict__
    state["article_id"], state["text"], state["start"] = article_id, text, start
    state["end"], state["cue"] = end, cue
    return mention


@dataclass(frozen=True)
class LocatedMention:
    """A mention with the place it was resolved to; `place` is None when unresolved."""

    mention: Mention
    place: Place | None
    precision: int = GEO_REGION
    provenance: str = ""
    """How the place was found: "place table", "cache", "nominatim", "manual fix", ..."""


def new_located(
    mention: Mention, place: Place | None, precision: int, provenance: str
) -> LocatedMention:
    """`LocatedMention(...)` at half the cost, for resolution's inner loop (see `new_mention`)."""
    located = _new(LocatedMention)
    state = located.__dict__
    state["mention"], state["place"] = mention, place
    state["precision"], state["provenance"] = precision, provenance
    return located


def new_record(cls, **fields):
    """`cls(**fields)` of a frozen dataclass at a third to half the cost, for the event stage's
    inner loop (see `new_mention`). Every field must be given, those with defaults too."""
    record = _new(cls)
    record.__dict__.update(fields)
    return record


@dataclass(frozen=True)
class Excerpt:
    """A sentence of an article that names a place, and where the article came from."""

    article_id: str
    title: str
    published: date | None
    source: str
    url: str
    sentence: str
    highlights: tuple[tuple[int, int], ...] = ()
    """Spans within `sentence` of the place names it contains."""


@dataclass(frozen=True)
class Event:
    """Something that happened at a place on a date, as one clause of one article tells it."""

    article_id: str
    location: LocatedMention
    event_type: str
    sub_event_type: str
    event_date: date | None
    time_precision: int
    """ACLED time precision: 1 day, 2 week, 3 month or vaguer; 0 unknown."""
    excerpt: Excerpt
    fatalities: int | None = None
    wounded: int | None = None
    is_incident: bool = True
    """False for a place only named (in a statement made elsewhere, say)."""


@dataclass
class Incident:
    """One event on the map, merged from every article that reports it."""

    id: str
    event_date: date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    location: str
    admin1: str
    country: str
    lat: float
    lon: float
    geo_precision: int
    geocoded_by: str
    is_incident: bool = True
    fatalities: int | None = None
    wounded: int | None = None
    excerpts: list[Excerpt] = field(default_factory=list)
