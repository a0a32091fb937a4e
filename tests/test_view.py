from datetime import date

import pytest

from geo import view
from geo.maps import UNDATED_LAYER
from geo.model import Excerpt


def test_layers_are_dates_in_order_then_undated(incidents):
    assert view.incident_layers(incidents) == ["2021-05-12", "2022-08-03", UNDATED_LAYER]


def test_filter_by_layer_and_mentions(incidents):
    shown = view.filter_incidents(incidents, layers=["2022-08-03"])
    assert list(shown["event_id"]) == ["a"]
    shown = view.filter_incidents(incidents, layers=["2022-08-03"], show_mentions=True)
    assert sorted(shown["event_id"]) == ["a", "d"]
    assert view.filter_incidents(incidents, layers=[]).empty


def test_filter_by_type_and_precision(incidents):
    every = ["2021-05-12", "2022-08-03", UNDATED_LAYER]
    assert view.filter_incidents(incidents, layers=every, event_types=["Protests"]).empty
    assert len(view.filter_incidents(incidents, layers=every, precisions=[1])) == 3
    assert view.filter_incidents(incidents, layers=every, precisions=[3]).empty


def test_date_range_keeps_dated_layers_only():
    layers = ["2021-05-12", "2022-08-03", UNDATED_LAYER]
    assert view.date_bounds(layers) == (date(2021, 5, 12), date(2022, 8, 3))
    assert view.layers_in_range(layers, date(2022, 1, 1), date(2022, 12, 31)) == ["2022-08-03"]


def test_click_selects_nearest_place(incidents):
    assert view.place_at(incidents, 39.61, 46.49) == (39.6, 46.5)
    assert list(view.incidents_at(incidents, (39.5, 46.0))["event_id"]) == ["b"]
    assert view.place_at(incidents.iloc[0:0], 39.6, 46.5) is None


@pytest.mark.parametrize(
    "text",
    [
        "[clic](javascript:alert(1))",
        "![x](http://example.invalid/x.png)",
        "<script>alert(1)</script>",
        "$x^2$ y :red[rojo] **negrita** `código`",
    ],
)
def test_escaped_markdown_has_no_active_syntax(text):
    escaped = view.escape_markdown(text)
    # Every ASCII punctuation mark is backslash-escaped, so none can open a construct.
    for position, char in enumerate(escaped):
        if char in "[]()!<>$:*`":
            assert escaped[position - 1] == "\\"


def test_excerpt_highlights_place_names():
    excerpt = Excerpt(
        "a", "t", None, "", "", "Tropas cerca de Syunik y Gegharkunik.", ((16, 22), (25, 36))
    )
    assert view.excerpt_markdown(excerpt) == ("Tropas cerca de **Syunik** y **Gegharkunik**\\.")


def test_casualties_say_unknown_when_not_stated():
    assert view.casualties_text(None, float("nan")) == "víctimas: sin datos"
    assert view.casualties_text(1, None) == "1 muertos"
    assert view.casualties_text(49, 3) == "49 muertos, 3 heridos"


def test_sidebar_layers_and_filters_agree_with_the_map_grouping():
    from tests.test_maps import many_incidents

    incidents = many_incidents(300, days=100)
    layers = view.incident_layers(incidents)
    assert layers[0] == "2022-W01" and all("-W" in name for name in layers)
    shown = view.filter_incidents(incidents, layers=layers[:2])
    weeks = shown["event_date"].map(lambda d: date.fromisoformat(d).isocalendar()[:2])
    assert set(weeks) == {(2022, 1), (2022, 2)}
    assert view.date_bounds(layers) == (date(2022, 1, 3), date(2022, 4, 17))
    assert view.layers_in_range(layers, date(2022, 1, 9), date(2022, 1, 10)) == layers[:2]


def test_article_keeps_its_paragraphs_and_stays_inert():
    text = "Título\n\nPrimer párrafo con [enlace](javascript:x).\nSegundo <b>párrafo</b>."
    assert view.article_markdown(text) == (
        "Título\n\nPrimer párrafo con \\[enlace\\]\\(javascript\\:x\\)\\.\n\n"
        "Segundo \\<b\\>párrafo\\<\\/b\\>\\."
    )
