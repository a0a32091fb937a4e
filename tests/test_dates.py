from datetime import date

import pytest

from geo.dates import DAY, MONTH, UNKNOWN, WEEK, find_dates, read_number, resolve_date

THURSDAY = date(2022, 8, 4)
FRIDAY = date(2021, 5, 14)


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision"),
    [
        # absolute, year from the publication date
        ("ocurrió el 12 de mayo", FRIDAY, date(2021, 5, 12), DAY),
        ("informó el 14 de mayo de 2021", date(2021, 5, 15), date(2021, 5, 14), DAY),
        ("los ataques del 13 de septiembre", date(2022, 9, 20), date(2022, 9, 13), DAY),
        ("desde el primero de mayo", FRIDAY, date(2021, 5, 1), DAY),
        ("el miércoles 12 de mayo", FRIDAY, date(2021, 5, 12), DAY),
        # a month after the publication month is last year
        ("los combates del 13 de septiembre", FRIDAY, date(2020, 9, 13), DAY),
        ("en noviembre de 2020", FRIDAY, date(2020, 11, 15), MONTH),
        ("a principios de noviembre de 2020", THURSDAY, date(2020, 11, 5), MONTH),
        ("a mediados de julio", THURSDAY, date(2022, 7, 15), MONTH),
        ("a finales de octubre", THURSDAY, date(2021, 10, 25), MONTH),
        ("el 9/11/2020", THURSDAY, date(2020, 11, 9), DAY),
        ("el 2020-11-09", THURSDAY, date(2020, 11, 9), DAY),
        # relative
        ("El miércoles, el ministerio dijo", THURSDAY, date(2022, 8, 3), DAY),
        ("este lunes", THURSDAY, date(2022, 8, 1), DAY),
        ("dijo el jueves", THURSDAY, THURSDAY, DAY),
        ("el jueves pasado", THURSDAY, date(2022, 7, 28), DAY),
        ("el martes pasado", THURSDAY, date(2022, 8, 2), DAY),
        ("el pasado jueves", THURSDAY, date(2022, 7, 28), DAY),
        ("el pasado lunes", THURSDAY, date(2022, 8, 1), DAY),
        ("la noche del martes", THURSDAY, date(2022, 8, 2), DAY),
        ("el próximo lunes", THURSDAY, date(2022, 8, 8), DAY),
        ("ayer", THURSDAY, date(2022, 8, 3), DAY),
        ("anoche", THURSDAY, date(2022, 8, 3), DAY),
        ("anteayer", THURSDAY, date(2022, 8, 2), DAY),
        ("hoy", THURSDAY, THURSDAY, DAY),
        ("esta mañana", THURSDAY, THURSDAY, DAY),
        ("el día anterior", THURSDAY, date(2022, 8, 3), DAY),
        ("la noche anterior", THURSDAY, date(2022, 8, 3), DAY),
        ("la semana pasada", THURSDAY, date(2022, 7, 27), WEEK),
        ("el mes pasado", THURSDAY, date(2022, 7, 15), MONTH),
        ("hace tres días", THURSDAY, date(2022, 8, 1), DAY),
        ("hace 3 días", THURSDAY, date(2022, 8, 1), DAY),
        ("hace dos semanas", THURSDAY, date(2022, 7, 21), WEEK),
        ("hace veintiún días", THURSDAY, date(2022, 7, 14), DAY),
        # English
        ("on Wednesday", THURSDAY, date(2022, 8, 3), DAY),
        ("last Tuesday", THURSDAY, date(2022, 8, 2), DAY),
        ("yesterday", THURSDAY, date(2022, 8, 3), DAY),
        ("three days ago", THURSDAY, date(2022, 8, 1), DAY),
        ("on May 12, 2021", THURSDAY, date(2021, 5, 12), DAY),
        ("on 12 May", THURSDAY, date(2022, 5, 12), DAY),
        ("in early November 2020", THURSDAY, date(2020, 11, 5), MONTH),
        ("last week", THURSDAY, date(2022, 7, 27), WEEK),
    ],
)
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
