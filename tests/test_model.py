import dataclasses
import pickle

from geo.model import LocatedMention, Mention, Place, new_located, new_mention


def test_new_mention_makes_the_same_record_as_the_constructor():
    made = new_mention("a", "Goris", 10, 15, "cerca de")
    expected = Mention("a", "Goris", 10, 15, "cerca de")
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert set(vars(made)) == {f.name for f in dataclasses.fields(Mention)}
    assert pickle.loads(pickle.dumps(made)) == expected


def test_new_located_makes_the_same_record_as_the_constructor():
    mention = Mention("a", "Goris", 10, 15)
    place = Place("Goris", 39.51, 46.34, "city", "AM", "Syunik", 174875, 20379, "GeoNames")
    made = new_located(mention, place, 1, "place table")
    expected = LocatedMention(mention, place, 1, "place table")
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert set(vars(made)) == {f.name for f in dataclasses.fields(LocatedMention)}
    assert pickle.loads(pickle.dumps(made)) == expected
