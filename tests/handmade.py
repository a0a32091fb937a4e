"""Located mentions made by hand, so event tests do not depend on recognition or geocoding.

Coordinates are approximate (to about 0.01°), read from GeoNames and OpenStreetMap by eye;
they only need to be in the right place within a few km.
"""

from __future__ import annotations

import re
from datetime import date

from geo.model import GEO_EXACT, GEO_REGION, Article, LocatedMention, Mention, Place

# name as written -> (canonical name, lat, lon, kind, country code, admin1)
PLACES: dict[str, tuple[str, float, float, str, str, str]] = {
    "Paso Lachin": ("Lachin corridor", 39.63, 46.55, "road", "AZ", "Lachin"),
    "corredor de Lachin": ("Lachin corridor", 39.63, 46.55, "road", "AZ", "Lachin"),
    "Lachin corridor": ("Lachin corridor", 39.63, 46.55, "road", "AZ", "Lachin"),
    "Nagorno-Karabaj": ("Nagorno-Karabakh", 39.82, 46.75, "region", "AZ", ""),
    "Nagorno Karabaj": ("Nagorno-Karabakh", 39.82, 46.75, "region", "AZ", ""),
    "Syunik": ("Syunik", 39.21, 46.41, "admin1", "AM", "Syunik"),
    "Gegharkunik": ("Gegharkunik", 40.35, 45.13, "admin1", "AM", "Gegharkunik"),
    "Tavush": ("Tavush", 40.88, 45.15, "admin1", "AM", "Tavush"),
    "lago Sev": ("Lake Sev", 39.53, 46.02, "lake", "AM", "Syunik"),
    "Verishen": ("Verishen", 39.54, 46.32, "village", "AM", "Syunik"),
    "Sotk": ("Sotk", 40.22, 45.94, "village", "AM", "Gegharkunik"),
    "Jermuk": ("Jermuk", 39.84, 45.67, "city", "AM", "Vayots Dzor"),
    "Goris": ("Goris", 39.51, 46.34, "city", "AM", "Syunik"),
    "Kapan": ("Kapan", 39.21, 46.41, "city", "AM", "Syunik"),
    "Tegh": ("Tegh", 39.56, 46.48, "village", "AM", "Syunik"),
    "Berdavan": ("Berdavan", 41.20, 45.00, "village", "AM", "Tavush"),
    "Shushi": ("Shusha", 39.76, 46.75, "city", "AZ", "Shusha"),
    "Stepanakert": ("Stepanakert", 39.82, 46.75, "city", "AZ", "Khankendi"),
    "Vardenis": ("Vardenis", 40.18, 45.72, "city", "AM", "Gegharkunik"),
    "Kalbajar": ("Kalbajar", 40.11, 46.04, "city", "AZ", "Kalbajar"),
    "Aghdam": ("Aghdam", 39.99, 46.93, "city", "AZ", "Aghdam"),
    "Ganyá": ("Ganja", 40.68, 46.36, "city", "AZ", "Ganja"),
    "París": ("Paris", 48.86, 2.35, "city", "FR", "Ile-de-France"),
    "Baku": ("Baku", 40.38, 49.89, "city", "AZ", "Baku"),
    "Moscow": ("Moscow", 55.75, 37.62, "city", "RU", "Moscow"),
    "Turquía": ("Turkey", 38.96, 35.24, "country", "TR", ""),
    "Ankara": ("Ankara", 39.93, 32.86, "city", "TR", "Ankara"),
    "Ereván": ("Yerevan", 40.18, 44.51, "city", "AM", "Yerevan"),
    "Bakú": ("Baku", 40.38, 49.89, "city", "AZ", "Baku"),
    "Moscú": ("Moscow", 55.75, 37.62, "city", "RU", "Moscow"),
    "Kremlin": ("Moscow", 55.75, 37.62, "city", "RU", "Moscow"),
    "Bruselas": ("Brussels", 50.85, 4.35, "city", "BE", "Brussels"),
    "Unión Europea": ("European Union", 50.85, 4.35, "region", "", ""),
    "Armenia": ("Armenia", 40.07, 45.04, "country", "AM", ""),
    "Azerbaiyán": ("Azerbaijan", 40.14, 47.58, "country", "AZ", ""),
    "Rusia": ("Russia", 61.52, 105.32, "country", "RU", ""),
}

# Canonical name -> population, for the big cities (GeoNames', rounded).
POPULATIONS = {
    "Yerevan": 1_093_000,
    "Baku": 2_300_000,
    "Moscow": 12_500_000,
    "Ankara": 3_500_000,
    "Paris": 2_100_000,
    "Brussels": 1_000_000,
}


def locate_by_find(
    article: Article, places: dict[str, tuple] | None = None
) -> list[LocatedMention]:
    """Every whole-word occurrence of a known name in the article, located by hand."""
    table = PLACES if places is None else places
    located = []
    for written, (name, lat, lon, kind, country, admin1) in table.items():
        for match in re.finditer(rf"(?<!\w){re.escape(written)}(?!\w)", article.text):
            place = Place(
                name, lat, lon, kind, country=country, admin1=admin1,
                population=POPULATIONS.get(name, 0), source="hand",
            )  # fmt: skip
            precision = GEO_REGION if kind in ("admin1", "region", "country") else GEO_EXACT
            mention = Mention(article.id, written, match.start(), match.end())
            located.append(LocatedMention(mention, place, precision, provenance="hand"))
    # A longer name wins over a shorter one inside it ("Paso Lachin" over nothing shorter yet).
    located.sort(key=lambda lm: (lm.mention.start, -lm.mention.end))
    kept: list[LocatedMention] = []
    for lm in located:
        if not kept or lm.mention.start >= kept[-1].mention.end:
            kept.append(lm)
    return kept


def article(text: str, published: date | None, article_id: str = "a1", **meta) -> Article:
    return Article(
        id=article_id, text=text, title=meta.pop("title", "t"), published=published, **meta
    )
