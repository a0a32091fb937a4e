import csv

import pytest

from geo.gazetteer import (
    ALIASES_FILE,
    PLACES_FILE,
    PlaceTable,
    distance_km,
    name_key,
    word_key,
)
from geo.gazetteer_build import _alt_names

TABLE = PlaceTable.load()


def kinds(name: str) -> set[tuple[str, str]]:
    return {(p.name, p.kind) for p in TABLE.candidates(name)}


@pytest.mark.parametrize("written", ["Syunik", "Siunik", "Sjunik", "Syunik'", "SYUNIK", "siunik"])
def test_syunik_spellings_find_the_province(written):
    assert ("Syunik", "admin1") in kinds(written)


@pytest.mark.parametrize("written", ["Gegharkunik", "Geghark'unik", "Gegharkunik'", "Gueghárkunik"])
def test_gegharkunik_spellings_find_the_province(written):
    assert ("Gegharkunik", "admin1") in kinds(written)


@pytest.mark.parametrize("written", ["Lachin", "Lachín", "Laçın", "Berdzor"])
def test_lachin_spellings_find_the_town(written):
    assert ("Laçın", "village") in kinds(written)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Najicheván", ("Nakhchivan Autonomous Republic", "admin1")),
        ("Nakhchivan", ("Nakhchivan Autonomous Republic", "admin1")),
        ("Ereván", ("Yerevan", "city")),
        ("Bakú", ("Baku", "city")),
        ("Nagorno-Karabaj", ("Nagorno-Karabakh", "region")),
        ("Alto Karabaj", ("Nagorno-Karabakh", "region")),
        ("Artsaj", ("Nagorno-Karabakh", "region")),
        ("Kremlin", ("Moscow", "city")),
        ("Jankendi", ("Khankendi", "village")),
        ("Ishjanasar", ("Mount Ishkhanasar", "mountain")),
        ("Sev Lich", ("Sev Lake", "lake")),
        ("Corredor de Lachín", ("Lachin corridor", "road")),
        ("Tiflis", ("Tbilisi", "city")),
        ("Kazajistán", ("Kazakhstan", "country")),
    ],
)
def test_spanish_and_regional_names(written, expected):
    assert expected in kinds(written)


def test_syunik_gegharkunik_tavush_are_also_villages():
    for name in ("Syunik", "Gegharkunik", "Tavush"):
        assert {"admin1", "village"} <= {kind for _, kind in kinds(name)}


def test_no_town_abroad_is_keyed_like_an_article_or_a_preposition():
    # France's Loos is "Los" once its double letter merges, Turkey's Of the English "of".
    assert not kinds("Los") and not kinds("Of")


def test_goris_and_gori_stay_apart():
    assert word_key("Goris") != word_key("Gori")
    assert ("Goris", "city") in kinds("Goris")


def test_transliteration_keys_merge_variants_only():
    assert name_key("Nagorno-Karabaj") == name_key("Nagorno Karabakh")
    assert word_key("Şuşa") == word_key("Shusha")
    assert word_key("Xankəndi") == word_key("Khankendi") == word_key("Jankendi")
    assert word_key("Sevan") != word_key("Sev")


def test_villages_of_the_border_are_in_the_table():
    for name, province in [
        ("Verishen", "Syunik"),
        ("Tegh", "Syunik"),
        ("Sotk", "Gegharkunik"),
        ("Chinari", "Tavush"),
        ("Kornidzor", "Syunik"),
    ]:
        assert any(p.admin1 == province for p in TABLE.candidates(name)), name


def test_every_hand_row_is_sourced_named_and_in_the_region():
    with open(PLACES_FILE, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 30
    for row in rows:
        assert row["source"].strip(), row["name"]
        assert row["alt_names"].strip(), row["name"]
        if row["country"] in ("AM", "AZ"):
            assert 38.3 < float(row["lat"]) < 41.95 and 43.4 < float(row["lon"]) < 50.9
        if row["kind"] == "admin1":
            assert row["iso_3166_2"].startswith(row["country"] + "-")


def test_every_alias_points_at_a_place_in_the_table():
    ids = {p.geonames_id for p in TABLE.places}
    with open(ALIASES_FILE, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert int(row["geonames_id"]) in ids, row


def test_villages_know_their_province_by_name():
    verishen = TABLE.candidates("Verishen")[0]
    assert (verishen.admin1, verishen.country, verishen.geonames_id) == ("Syunik", "AM", 174717)


def test_common_words_and_important_names():
    assert TABLE.is_common(name_key("Para")) and TABLE.is_common(name_key("Gran"))
    assert not TABLE.is_common(name_key("Goris"))
    assert TABLE.any_important(name_key("Armenia"))
    assert not TABLE.any_important(name_key("Para"))


def test_a_variant_of_several_common_words_is_still_an_important_name():
    # "habana" is a frequent word, but "La Habana" together names the capital.
    assert TABLE.is_common(name_key("La Habana"))
    assert TABLE.any_important(name_key("La Habana"))


def test_hand_made_villages_know_their_province_by_iso_code():
    kinds = {p.source.startswith("GeoNames"): p.admin1 for p in TABLE.candidates("Gizilhajili")}
    assert kinds[False] == "Gazakh District"
    assert [p.admin1 for p in TABLE.candidates("Kut") if p.country == "AM"] == ["Gegharkunik"]


def test_load_is_cached_per_process():
    assert PlaceTable.load() is TABLE


def test_a_table_builds_from_small_files(tmp_path):
    (tmp_path / "g.csv").write_text(
        "geonames_id,name,kind,country,admin1,lat,lon,population,capital,alt_names,source\n"
        "1,Aldeita,village,AM,08,39.5,46.3,100,0,Aldeíta Vieja,GeoNames 1\n",
        encoding="utf-8",
    )
    (tmp_path / "p.csv").write_text(
        "name,kind,country,iso_3166_2,geonames_admin1,lat,lon,population,alt_names,source\n"
        "Provincia Uno,admin1,AM,AM-XX,AM.08,39.2,46.4,5000,Uno,hand\n",
        encoding="utf-8",
    )
    (tmp_path / "a.csv").write_text("geonames_id,alt_names,note\n1,Aldeyta,test\n", "utf-8")
    table = PlaceTable.from_files(
        tmp_path / "g.csv", tmp_path / "p.csv", tmp_path / "a.csv", tmp_path / "missing.txt"
    )
    assert [p.admin1 for p in table.candidates("Aldeyta")] == ["Provincia Uno"]
    assert table.candidates("aldeita vieja")[0].geonames_id == 1
    assert table.longest_name["aldeita"] == 2
    assert table.candidates("Uno")[0].kind == "admin1"


def test_extract_keeps_latin_names_and_drops_codes():
    names = ["Yerevan", "EVN", "Ереван", "Ereván", "A Ge Da Mu", "erevan", "Jerewan"]
    assert _alt_names(names, "Yerevan") == ["Ereván", "Jerewan"]


def test_distance_km():
    goris, kapan = (39.51111, 46.34168), (39.20762, 46.40678)
    assert 33 < distance_km(*goris, *kapan) < 35


def test_the_cached_table_is_the_table_the_files_make():
    fresh = PlaceTable.from_files()
    assert fresh.by_key == TABLE.by_key and fresh.places == TABLE.places
    assert fresh.important_keys == TABLE.important_keys


def test_frequent_words_are_known_by_their_keys():
    for word in ("Monday", "Hoy", "Ya", "Press", "Which"):
        assert TABLE.is_common(name_key(word)), word


def test_frequent_names_are_not_common_words_but_names_that_are_words_are():
    # wordfreq counts "sevilla" as often as a word; a dictionary writes it only capitalised.
    for name in ("Sevilla", "Miami", "Seattle", "Glasgow"):
        assert not TABLE.is_common(name_key(name)), name
    # Towns named by a word: "rosario" is a rosary, "encrucijada" a crossroads.
    for name in ("Rosario", "Mesa", "Encrucijada", "Esperanza"):
        assert TABLE.is_common(name_key(name)), name


def test_azerbaijani_schwa_is_also_read_as_a():
    # GeoNames has Bilasuvar as "Pushkino", with the variant "Biləsuvar".
    assert 148340 in {p.geonames_id for p in TABLE.candidates("Bilasuvar")}
    assert 148340 in {p.geonames_id for p in TABLE.candidates("Biləsuvar")}


def test_common_words_are_kept_as_spelt_as_well_as_by_key():
    assert "armas" in TABLE.common_spellings and "armash" not in TABLE.common_spellings
    assert word_key("Armash") in TABLE.common_words  # the key is the word's


@pytest.mark.parametrize("written", ["Zangilan", "Zangelan", "Zanguelán"])
def test_spanish_gue_spellings_find_zangilan(written):
    assert "Zangilan District" in {p.name for p in TABLE.candidates(written)}


@pytest.mark.parametrize(
    ("written", "place"),
    [
        ("Khudavang", "Dadivank"),
        ("Bargushat", "Vorotan River"),
        ("Khudafarin", "Khudafarin Reservoir"),
        ("Jachén", "Khachen River"),
    ],
)
def test_the_regions_monasteries_rivers_and_reservoirs_go_by_their_other_names(written, place):
    assert place in {p.name for p in TABLE.candidates(written)}


def test_the_gulf_is_the_persian_gulf_unless_another_gulf_is_named():
    assert ("Persian Gulf", "sea") in kinds("Gulf")
    assert kinds("Gulf of Mexico") == {("Gulf of Mexico", "sea")}
