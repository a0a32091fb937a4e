import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocoders import place_from_location
from geo.geocoders.placetable import SERVICE, PlaceTableGeocoder, _score

GEOCODER = PlaceTableGeocoder()


def best(query: str, **hints):
    return place_from_location(GEOCODER.geocode(query, **hints))


def test_is_a_geopy_geocoder_returning_locations_that_say_where_they_come_from():
    location = GEOCODER.geocode("Goris")
    assert isinstance(GEOCODER, Geocoder) and isinstance(location, Location)
    assert location.raw["service"] == SERVICE and location.raw["query"] == "Goris"
    assert (location.latitude, location.longitude) == pytest.approx((39.511, 46.342), abs=0.01)


@pytest.mark.parametrize("query", ["Syunik", "Gegharkunik", "Tavush"])
def test_a_bare_province_name_lands_on_the_province_not_the_village(query):
    assert best(query).kind == "admin1"
    assert best(query, feature_kind="admin1").kind == "admin1"
    assert best(query, feature_kind="region").kind == "admin1"


def test_a_village_cue_picks_the_village_of_that_name():
    village = best("Syunik", feature_kind="village")
    assert (village.kind, village.geonames_id) == ("village", 13132983)


def test_of_two_vardenis_the_larger():
    assert best("Vardenis").geonames_id == 616108


def test_goris_is_not_gori():
    assert best("Goris").country == "AM"
    assert best("Goris", country_codes=["ge"]).name == "Gori"


def test_the_cue_decides_between_town_lake_and_road():
    assert best("Sevan").kind == "city"
    assert best("Sevan", feature_kind="lake").name == "Lake Sevan"
    assert best("Lachin", feature_kind="road").name == "Lachin corridor"
    assert best("Ishkhanasar", feature_kind="mountain").kind == "mountain"


def test_the_articles_region_picks_the_nearer_of_same_named_villages():
    vanadzor, meghri = (40.81, 44.50), (38.90, 46.24)
    assert best("Agarak", near=meghri).admin1 == "Syunik"
    assert best("Agarak", near=vanadzor).admin1 == "Lori"


def test_the_conflict_region_wins_over_a_bigger_same_named_city_abroad():
    assert best("Shushí").country == "AZ"  # not Shush, Iran, four times its size
    assert best("Armenia").kind == "country"  # not Armenia, Colombia


def test_all_answers_best_first():
    answers = GEOCODER.geocode("Agarak", exactly_one=False)
    assert len(answers) >= 3
    assert answers[0].raw["population"] >= answers[-1].raw["population"]


def test_unknown_names_and_kinds_the_table_lacks_have_no_answer():
    assert GEOCODER.geocode("Xyzabad") is None
    assert GEOCODER.geocode("Caspio", feature_kind="bay") is None


def test_reverse_finds_the_nearest_town():
    assert GEOCODER.reverse((39.512, 46.341)).raw["name"] == "Goris"
    nearest = GEOCODER.reverse("40.18, 45.73", exactly_one=False)
    assert nearest[0].raw["geonames_id"] == 616108 and len(nearest) == 10


@pytest.mark.parametrize(
    "hints",
    [
        {},
        {"exactly_one": False},
        {"feature_kind": "village"},
        {"feature_kind": "village", "exactly_one": False},
        {"feature_kind": "river"},
        {"near": (40.2, 45.7)},
        {"near": (40.2, 45.7), "exactly_one": False, "feature_kind": "city"},
        {"country_codes": "ge"},
        {"country_codes": ["AM", "az"], "exactly_one": False},
    ],
)
@pytest.mark.parametrize("query", ["Goris", "Syunik", "Vardenis", "Agarak", "Aras", "Xyzabad"])
def test_place_answers_are_the_places_geocode_answers(query, hints):
    geocoder = PlaceTableGeocoder(GEOCODER.table)
    for _ in range(2):  # answered afresh, then from memory
        found = geocoder.geocode(query, **hints)
        locations = found if isinstance(found, list) else [found] if found else []
        expected = [(place_from_location(loc), loc.raw["service"]) for loc in locations]
        assert list(geocoder.place_answers(query, **hints)) == expected


def test_a_town_cue_keeps_the_regions_town_over_a_bigger_namesake_abroad():
    assert best("Jermuk", feature_kind="city").country == "AM"


def test_abroad_a_name_of_our_own_beats_a_geonames_variant_of_a_bigger_city():
    assert GEOCODER.geocode("White House").raw["name"] == "Washington"
    assert GEOCODER.geocode("Novorossiysk").raw["name"] == "Novorossiysk"


@pytest.mark.parametrize(
    ("query", "name"),
    [("Daguestán", "Dagestan"), ("Abjasia", "Abkhazia"), ("Osetia del Sur", "South Ossetia"),
     ("Javajeti", "Javakheti"), ("Crimea", "Crimea"), ("Donbás", "Donbas")],
)  # fmt: skip
def test_the_neighbours_breakaway_and_border_regions_have_their_spanish_names(query, name):
    found = GEOCODER.geocode(query)
    assert (found.raw["name"], found.raw["kind"]) == (name, "region")


def test_spains_prior_adds_to_the_penalty_of_a_name_found_only_among_variants():
    valencia = next(p for p in GEOCODER.table.places if p.name == "Valencia" and p.country == "ES")
    own, variant = (_score(valencia, None, None, own_name=flag) for flag in (True, False))
    assert own - variant == pytest.approx(1.0)
