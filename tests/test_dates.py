from datetime import date
from pathlib import Path

import pytest

from geo.dates import (
    DATE_CUES,
    DAY,
    FIGURE_FORMS,
    UNKNOWN,
    find_dates,
    read_number,
    resolve_date,
)
from geo.text import split_sentences

THURSDAY = date(2022, 8, 4)
FRIDAY = date(2021, 5, 14)


CASES = Path(__file__).parent / "gold" / "dates.tsv"


def _cases():
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines()[2:] if line]
    for line in lines:
        text, published, expected, precision = line.split("\t")
        yield text, date.fromisoformat(published), date.fromisoformat(expected), int(precision)


@pytest.mark.parametrize(("text", "published", "expected", "precision"), list(_cases()))
def test_each_form(text, published, expected, precision):
    assert resolve_date(text, published) == (expected, precision)


def test_a_year_the_sentence_names_wins_over_the_publication_year():
    assert resolve_date("En 2020, el 27 de septiembre comenzó la guerra", THURSDAY) == (
        date(2020, 9, 27),
        DAY,
    )


def test_a_year_passed_in_serves_when_there_is_no_publication_date():
    assert resolve_date("el 12 de mayo", None) == (None, UNKNOWN)
    assert resolve_date("el 12 de mayo", None, year=2021) == (date(2021, 5, 12), DAY)


def test_relative_forms_need_a_publication_date():
    assert resolve_date("el miércoles", None) == (None, UNKNOWN)
    assert resolve_date("ayer", None) == (None, UNKNOWN)


def test_the_day_before_counts_from_the_anchor_event():
    assert resolve_date("El día anterior", FRIDAY, anchor=date(2021, 5, 12)) == (
        date(2021, 5, 11),
        DAY,
    )
    found = find_dates("El día anterior", FRIDAY, anchor=date(2021, 5, 12))
    assert found[0].anchored


def test_the_next_day_counts_on_from_the_anchor_event_only():
    for text in ("Al día siguiente", "un día después", "The next day"):
        assert resolve_date(text, FRIDAY, anchor=date(2021, 5, 12)) == (date(2021, 5, 13), DAY)
        assert resolve_date(text, FRIDAY) == (None, UNKNOWN)


def test_a_weekday_without_an_article_is_not_a_date_in_spanish():
    assert find_dates("Santo Domingo y Plaza de Mayo", THURSDAY) == []


def test_spans_are_exact_and_in_order():
    text = "El miércoles, tras los combates del 1 de agosto, dijo que ayer hubo calma"
    found = find_dates(text, THURSDAY)
    assert [text[d.start : d.end] for d in found] == ["El miércoles", "1 de agosto", "ayer"]
    assert [d.date for d in found] == [date(2022, 8, 3), date(2022, 8, 1), date(2022, 8, 3)]


@pytest.mark.parametrize(
    ("words", "value"),
    [("un", 1), ("49", 49), ("6.500", 6500), ("treinta y dos", 32), ("doscientos", 200),
     ("veintiún", 21), ("three", 3), ("dozens", None)],
)  # fmt: skip
def test_read_number(words, value):
    assert read_number(words) == value


def test_an_abbreviated_month_needs_a_day_beside_it():
    assert find_dates("jugaron en mar abierto y el 5 mayo", THURSDAY)[0].text == "5 mayo"
    assert find_dates("el equipo ganó el 5 sep", THURSDAY)[0].date == date(2021, 9, 5)
    assert [d.text for d in find_dates("en mar abierto", THURSDAY)] == []


ROOT = Path(__file__).parent.parent
TEXTS = [*sorted((ROOT / "seeds").glob("*.txt")),
         *sorted((ROOT / "tests" / "gold" / "incidents" / "texts").glob("*.txt"))]  # fmt: skip
EVERY_FORM = {*set().union(*DATE_CUES.values()), *FIGURE_FORMS, "digits"}


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_a_form_skipped_for_want_of_its_words_would_have_found_nothing(path):
    text = path.read_text(encoding="utf-8")
    for start, end in split_sentences(text):
        sentence = text[start:end]
        assert find_dates(sentence, THURSDAY) == find_dates(sentence, THURSDAY, forms=EVERY_FORM)
