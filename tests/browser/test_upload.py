"""A person adds an article from the dashboard and reads its excerpt on the map."""

from __future__ import annotations

from playwright.sync_api import expect

from geo.articles import parse_article
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.pipeline import run
from tests.browser.conftest import MAP_FRAME, wait_until_idle

MARKERS = "path.leaflet-interactive[class*='incident-']"
ARTICLE = (
    "Tiroteo en Jermuk\n"
    "El 3 de marzo de 2023 soldados azerbaiyanos dispararon contra posiciones armenias "
    "cerca de Jermuk, en la provincia de Vayots Dzor.\n"
)


def incidents_in(path) -> int:
    """How many incidents the engine makes of the article alone: the map must gain as many."""
    table = PlaceTable.load()
    article = parse_article(path.name, path.read_bytes())
    incidents = run([article], table, PlaceTableGeocoder(table)).incidents
    assert incidents["is_incident"].sum() >= 1
    return int(incidents["is_incident"].sum())


def test_uploaded_article_shows_its_incident_and_excerpt(offline_page, app_factory, tmp_path):
    page, _ = offline_page
    app = app_factory()
    upload = tmp_path / "jermuk.txt"
    upload.write_text(ARTICLE, encoding="utf-8")

    page.goto(app.url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(MARKERS).first).to_be_visible(timeout=30_000)
    before = frame.locator(MARKERS).count()

    page.get_by_role("tab", name="Añadir artículos").click()
    wait_until_idle(page)
    page.locator("input[type=file]").set_input_files(str(upload))
    expect(page.get_by_text("jermuk.txt")).to_be_visible()
    page.get_by_label("Fuente (medio)").fill("Agencia de prueba")
    page.get_by_role("button", name="Añadir").click()
    expect(page.get_by_text("Añadidos: Tiroteo en Jermuk")).to_be_visible(timeout=30_000)
    assert (app.articles / "jermuk.txt").read_text(encoding="utf-8") == ARTICLE

    page.get_by_role("tab", name="Mapa").click()
    wait_until_idle(page)
    expect(frame.locator(MARKERS)).to_have_count(before + incidents_in(upload), timeout=30_000)
    for index in range(frame.locator(MARKERS).count()):
        frame.locator(MARKERS).nth(index).click(force=True)
        sentence = page.get_by_text("dispararon contra posiciones armenias", exact=False)
        try:
            expect(sentence.first).to_be_visible(timeout=3_000)
            break
        except AssertionError:
            continue
    expect(page.get_by_text("Agencia de prueba", exact=False).first).to_be_visible()
