from datetime import date
from pathlib import Path

import pytest
from handmade import article, locate_by_find

from geo.dates import DAY, WEEK
from geo.events import (
    _TRIGGER_ALSO,
    _TRIGGER_NEEDLES,
    _TRIGGER_RES,
    MENTION,
    STATEMENT,
    detect_events,
)
from geo.text import fold

SEEDS = Path(__file__).parent.parent / "seeds"
PUBLISHED = date(2022, 8, 4)


def events_of(text, published=PUBLISHED):
    item = article(text, published)
    return detect_events(item, locate_by_find(item))


def incidents_of(text, published=PUBLISHED):
    return [e for e in events_of(text, published) if e.is_incident]


def test_without_named_places_the_incidents_are_the_same():
    """Only incidents asked for: no incident depends on the mentions left out."""
    texts = sorted((Path(__file__).parent / "gold" / "incidents" / "texts").glob("*.txt"))
    assert len(texts) > 100
    for path in texts:
        item = article(path.read_text(encoding="utf-8"), PUBLISHED, article_id=path.stem)
        located = locate_by_find(item)
        incidents = [e for e in detect_events(item, located) if e.is_incident]
        assert detect_events(item, located, named=False) == incidents, path.name


def seed(name, published):
    item = article((SEEDS / name).read_text(encoding="utf-8"), published, article_id=name)
    return item, detect_events(item, locate_by_find(item))


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Hubo combates en Sotk.", "Battles", "Armed clash"),
        ("Se registraron enfrentamientos cerca de Tegh.", "Battles", "Armed clash"),
        ("Un tiroteo estalló en Berdavan.", "Battles", "Armed clash"),
        ("Hubo un intercambio de disparos en Tavush.", "Battles", "Armed clash"),
        ("Las tropas violaron el alto el fuego en Tavush.", "Battles", "Armed clash"),
        ("Clashes broke out near Sotk.", "Battles", "Armed clash"),
        ("Fuego de artillería y morteros cayó sobre Jermuk.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("Bombardearon Goris con cohetes.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("Un ataque con drones alcanzó Sotk.", "Explosions/Remote violence", "Air/drone strike"),
        ("Un ataque aéreo golpeó Stepanakert.", "Explosions/Remote violence",
         "Air/drone strike"),
        ("Un soldado pisó una mina terrestre cerca de Tegh.", "Explosions/Remote violence",
         "Remote explosive/landmine/IED"),
        ("Soldados amenazaron al pastor de Verishen.", "Violence against civilians", "Attack"),
        ("Dispararon contra civiles en Sotk.", "Violence against civilians", "Attack"),
        ("Dos civiles heridos en Berdavan.", "Violence against civilians", "Attack"),
        ("Las tropas invadieron Syunik.", "Strategic developments",
         "Non-violent transfer of territory"),
        ("Los soldados cruzaron la frontera cerca de Tegh.", "Strategic developments",
         "Non-violent transfer of territory"),
        ("Las tropas avanzaron hacia el lago Sev.", "Strategic developments",
         "Non-violent transfer of territory"),
        ("Tomaron posiciones cerca de Sotk.", "Strategic developments",
         "Non-violent transfer of territory"),
        ("Instalaron un puesto militar cerca de Tegh.", "Strategic developments",
         "Headquarters or base established"),
        ("Activistas bloquearon el Paso Lachin.", "Strategic developments", "Other"),
        ("Capturaron a seis soldados cerca de Jermuk.", "Strategic developments", "Arrests"),
        ("Comenzaron a instalar posiciones de combate cerca de Tegh.", "Strategic developments",
         "Headquarters or base established"),
        ("Un dron azerbaiyano atacó un vehículo cerca de Kapan.", "Explosions/Remote violence",
         "Air/drone strike"),
        ("Las posiciones cerca de Sotk fueron sometidas a fuego con armas de pequeño calibre.",
         "Battles", "Armed clash"),
        ("Acusa a las tropas de haber disparado contra sus posiciones en Tegh.", "Battles",
         "Armed clash"),
        ("Las tropas lanzaron una ofensiva cerca de Tegh.", "Battles", "Armed clash"),
        ("Un soldado murió cerca de Tegh.", "Battles", "Armed clash"),
        ("Murieron dos soldados armenios cerca de Tegh.", "Battles", "Armed clash"),
        ("Armenian positions near Sotk came under fire.", "Battles", "Armed clash"),
        ("Armenian units fired on positions near Sotk.", "Battles", "Armed clash"),
        ("Otro militar resultó herido en la dirección de Tegh.", "Battles", "Armed clash"),
        ("Un agricultor de Verishen fue herido por disparos.", "Violence against civilians",
         "Attack"),
        ("El ejército liberó varias aldeas cerca de Aghdam.", "Battles",
         "Government regains territory"),
        ("The army recaptured several villages near Aghdam.", "Battles",
         "Government regains territory"),
        ("Miles de manifestantes se concentraron en Ereván.", "Protests", "Peaceful protest"),
        ("La policía detuvo a decenas de manifestantes en Ereván.", "Protests",
         "Protest with intervention"),
        ("Protesters rallied in Moscow on Monday.", "Protests", "Peaceful protest"),
        ("Hubo enfrentamientos entre manifestantes y la policía en Ereván.", "Riots",
         "Violent demonstration"),
        ("Las fuerzas especiales tomaron Shushi tras varios días de combates.", "Battles",
         "Government regains territory"),
        ("Las tropas azerbaiyanas entraron en Aghdam.", "Strategic developments",
         "Non-violent transfer of territory"),
        ("Armenia completó el traspaso de cuatro aldeas de Tavush.", "Strategic developments",
         "Non-violent transfer of territory"),
        ("El exdirigente fue detenido en Goris.", "Strategic developments", "Arrests"),
    ],
)  # fmt: skip
def test_triggers_map_to_acled_types(text, event_type, sub_event_type):
    [event] = incidents_of(text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


def test_shelling_that_hits_civilians_stays_remote_violence():
    [event] = incidents_of("La artillería bombardeó Sotk y dejó dos civiles heridos.")
    assert event.event_type == "Explosions/Remote violence"
    assert event.wounded == 2


def test_a_place_without_a_trigger_is_a_mention():
    [event] = events_of("Goris es una ciudad de la provincia.")
    assert not event.is_incident
    assert event.event_type == MENTION


def test_a_place_named_by_the_speaker_is_a_statement_not_an_incident():
    events = events_of("El portavoz en Moscú dijo que hubo combates en Sotk.")
    kinds = {e.location.place.name: (e.is_incident, e.sub_event_type) for e in events}
    assert kinds["Moscow"] == (False, STATEMENT)
    assert kinds["Sotk"] == (True, "Armed clash")


def test_a_speaker_after_the_quote_is_a_mention():
    events = events_of("«Los combates en Tegh continúan», dijo el Kremlin.")
    kinds = {e.location.place.name: e.is_incident for e in events}
    assert kinds == {"Tegh": True, "Moscow": False}


def test_an_actor_named_after_a_country_is_not_an_incident_location():
    events = events_of("Las tropas de Azerbaiyán abrieron fuego contra posiciones en Tegh.")
    kinds = {e.location.place.name: e.is_incident for e in events}
    assert kinds == {"Azerbaijan": False, "Tegh": True}


def test_a_country_is_a_location_only_after_a_locative_cue():
    assert [e.location.place.name for e in incidents_of("Hubo combates en Armenia.")] == ["Armenia"]
    assert incidents_of("Azerbaiyán acusó a Armenia de los combates.") == []


def test_a_country_gives_way_to_a_finer_place_in_its_clause():
    [event] = incidents_of("Hubo combates en Armenia, en particular cerca de Sotk.")
    assert event.location.place.name == "Sotk"


def test_a_province_only_situates_a_finer_place():
    [event] = incidents_of("Un soldado resultó herido por disparos cerca de Tegh, en Syunik.")
    assert event.location.place.name == "Tegh"
    assert event.wounded == 1


def test_a_dateline_is_not_where_things_happened():
    events = events_of("Ereván, 14 sep (EFE).- Hubo combates en Sotk.")
    kinds = {e.location.place.name: e.is_incident for e in events}
    assert kinds == {"Yerevan": False, "Sotk": True}


def test_an_attribution_after_the_report_is_a_mention():
    text = "Two soldiers were killed in clashes near Tegh, the ministry said from Baku."
    kinds = {e.location.place.name: e.is_incident for e in events_of(text)}
    assert kinds == {"Tegh": True, "Baku": False}


def test_a_relative_clause_sets_the_place_of_its_trigger():
    text = "Se conecta con Armenia por el Paso Lachin, donde tuvieron lugar los combates."
    [event] = incidents_of(text)
    assert event.location.place.name == "Lachin corridor"


def test_clauses_keep_triggers_to_their_own_places():
    text = "Bombardearon Sotk; los vecinos huyeron a Jermuk."
    assert [e.location.place.name for e in incidents_of(text)] == ["Sotk"]


@pytest.mark.parametrize(
    ("text", "fatalities", "wounded"),
    [
        ("Al menos un soldado murió en los combates cerca de Tegh.", 1, None),
        ("Los combates en Tegh dejaron 49 militares muertos.", 49, None),
        ("Combates en Tegh: dos heridos.", None, 2),
        ("Los combates en Tegh mataron a tres soldados e hirieron a 12.", 3, 12),
        ("Los combates en Tegh causaron muertes y heridos.", None, None),
        ("Cuatro militares armenios y tres azerbaiyanos murieron en combates en Tegh.", 7, None),
        ("Clashes near Tegh left two soldiers dead and five wounded.", 2, 5),
    ],
)
def test_figures_only_when_stated(text, fatalities, wounded):
    [event] = incidents_of(text)
    assert (event.fatalities, event.wounded) == (fatalities, wounded)


def test_date_of_the_clause_else_the_last_dated_event_else_publication_at_week():
    text = "El martes hubo combates en Sotk. Luego tomaron posiciones en Tegh."
    first, second = incidents_of(text)
    assert (first.event_date, first.time_precision) == (date(2022, 8, 2), DAY)
    assert (second.event_date, second.time_precision) == (date(2022, 8, 2), WEEK)
    [alone] = incidents_of("Tomaron posiciones en Tegh.")
    assert (alone.event_date, alone.time_precision) == (PUBLISHED, WEEK)


def test_the_day_before_counts_from_the_previous_sentences_event():
    text = "El 2 de agosto hubo combates en Sotk. El día anterior bombardearon Tegh."
    dates = {e.location.place.name: e.event_date for e in incidents_of(text)}
    assert dates == {"Sotk": date(2022, 8, 2), "Tegh": date(2022, 8, 1)}


def test_a_placeless_report_joins_the_one_place_with_the_same_dated_event():
    text = (
        "El miércoles murieron dos soldados en los combates. "
        "Los enfrentamientos del miércoles tuvieron lugar en Tegh."
    )
    events = incidents_of(text)
    assert {e.location.place.name for e in events} == {"Tegh"}
    assert sorted(e.fatalities or 0 for e in events) == [0, 2]


def test_every_located_mention_yields_an_event():
    item, events = seed("000_72a5ace2c57cf10c.txt", PUBLISHED)
    places = {lm.place.name for lm in locate_by_find(item)}
    assert {e.location.place.name for e in events} == places


def test_excerpt_highlights_the_place_names():
    [event] = events_of("Hubo combates en Sotk.")
    start, end = event.excerpt.highlights[0]
    assert event.excerpt.sentence[start:end] == "Sotk"


def test_sample_lachin_clash_on_wednesday_with_one_fatality():
    _, events = seed("000_72a5ace2c57cf10c.txt", PUBLISHED)
    lachin = [e for e in events if e.is_incident and e.location.place.name == "Lachin corridor"]
    assert {(e.event_type, e.event_date) for e in lachin} == {("Battles", date(2022, 8, 3))}
    assert max(e.fatalities or 0 for e in lachin) == 1
    karabakh = [e for e in events if e.is_incident and e.location.place.name == "Nagorno-Karabakh"]
    assert [(e.event_type, e.event_date) for e in karabakh] == [("Battles", date(2022, 8, 3))]


def test_sample_statements_are_not_incidents_at_moscow_or_brussels():
    _, events = seed("000_72a5ace2c57cf10c.txt", PUBLISHED)
    elsewhere = [e for e in events if e.location.place.name in ("Moscow", "European Union")]
    assert elsewhere and not any(e.is_incident for e in elsewhere)


def test_sample_may_2021_incursion_and_shepherd():
    _, events = seed("003_d53284755918ea0b.txt", date(2021, 5, 14))
    found = {(e.location.place.name, e.event_type, e.event_date) for e in events if e.is_incident}
    may12 = date(2021, 5, 12)
    assert found == {
        ("Syunik", "Strategic developments", may12),
        ("Gegharkunik", "Strategic developments", may12),
        ("Lake Sev", "Strategic developments", may12),
        ("Verishen", "Violence against civilians", may12),
    }


def test_without_a_publication_date_only_stated_years_date_events():
    events = incidents_of(
        "En 2020, el 27 de septiembre hubo combates en Tegh. Ayer cayeron cohetes en Sotk.", None
    )
    dates = {e.location.place.name: (e.event_date, e.time_precision) for e in events}
    assert dates == {"Tegh": (date(2020, 9, 27), DAY), "Sotk": (date(2020, 9, 27), WEEK)}


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        # where the speaker spoke, between the verb and "que"
        ("El primer ministro informó ante el Parlamento en Ereván que hubo combates en Sotk.",
         {"Sotk"}),
        # a second verb of the same speaker does not make the content a speaker's
        ("Bakú asegura que sus tropas tomaron el control de Tegh y anunció una operación.",
         {"Tegh"}),
        # a concessive clause keeps its place out of the trigger's clause
        ("Acusó a Azerbaiyán de bombardear Goris, pese a la tregua pactada en Moscú.", {"Goris"}),
    ],
)  # fmt: skip
def test_reported_speech_places(text, sites):
    assert {e.location.place.name for e in incidents_of(text)} == sites


def test_a_dateline_without_a_dash_is_not_where_things_happened():
    events = events_of("Ereván, 23 jul (Prensa Latina) Hubo combates en Sotk.")
    assert {e.location.place.name: e.is_incident for e in events} == {
        "Yerevan": False,
        "Sotk": True,
    }


def test_a_place_far_from_the_events_is_not_their_site():
    text = "Los enfrentamientos, lejos de Stepanakert, se reanudaron cerca de Tegh."
    assert [e.location.place.name for e in incidents_of(text)] == ["Tegh"]


def test_a_clause_after_a_colon_tells_of_the_place_introduced_before_it():
    text = "Es el segundo ataque contra Ganyá: el domingo, un misil mató a diez personas."
    [event] = incidents_of(text)
    assert (event.location.place.name, event.event_type) == ("Ganja", "Explosions/Remote violence")
    assert (event.event_date, event.fatalities) == (date(2022, 7, 31), 10)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # the date of a concession is not the event's
        ("Acusó a Azerbaiyán de bombardear Goris, pese a la tregua pactada el sábado.",
         {"Goris": PUBLISHED}),
        # a date in a clause with its own event is that event's alone
        ("Los combates continuaron en Tegh, donde dos soldados murieron el domingo.",
         {"Tegh": PUBLISHED}),
        # "el 2 de agosto, cuando ...": the clause takes the date it refers to
        ("Informó de la invasión del 2 de agosto, cuando las tropas tomaron posiciones en Tegh.",
         {"Tegh": date(2022, 8, 2)}),
        # two dates in one clause: each place the one nearest to it
        ("Acusan a las tropas de atacar con drones el martes Sotk y de bombardear Tegh el lunes.",
         {"Sotk": date(2022, 8, 2), "Tegh": date(2022, 8, 1)}),
        # when the speaker spoke is not when things happened, if the sentence says that too
        ("El ministerio informó este jueves de que hubo combates en Sotk el martes.",
         {"Sotk": date(2022, 8, 2)}),
        # ... but it is the only date the sentence gives
        ("El martes, el ministerio dijo que hubo combates en Sotk.", {"Sotk": date(2022, 8, 2)}),
    ],
)  # fmt: skip
def test_which_date_of_the_sentence_dates_an_event(text, dates):
    assert {e.location.place.name: e.event_date for e in incidents_of(text)} == dates


def test_the_day_before_counts_from_the_story_when_the_sentence_before_has_no_date():
    text = (
        "El 2 de agosto hubo combates en Sotk. Luego cayeron cohetes en Jermuk. "
        "El día anterior un pastor fue herido en Verishen."
    )
    dates = {e.location.place.name: e.event_date for e in incidents_of(text)}
    assert dates["Verishen"] == date(2022, 8, 1)


def test_a_city_accused_of_the_event_is_an_actor_not_its_site():
    text = "El ministerio acusó a Ereván de haber disparado contra posiciones cerca de Tegh."
    assert [e.location.place.name for e in incidents_of(text)] == ["Tegh"]


def test_a_report_by_a_towns_own_people_is_about_that_town():
    text = "Las autoridades locales de Sotk dicen que varias casas fueron alcanzadas por morteros."
    [event] = incidents_of(text)
    assert (event.location.place.name, event.event_type) == ("Sotk", "Explosions/Remote violence")
    assert incidents_of("El ministro de Armenia dijo que hubo combates.") == []


def test_a_protest_is_where_people_gathered_not_what_they_protest_about():
    [event] = incidents_of(
        "La policía detuvo a 151 personas en Ereván que protestaban por la cesión de aldeas, "
        "una decisión que la oposición califica de capitulación ante Bakú."
    )
    assert event.location.place.name == "Yerevan"


def test_a_name_of_a_movement_or_party_is_no_site():
    events = events_of("Los manifestantes del movimiento 'Tavush por la Patria' marcharon.")
    assert [e.is_incident for e in events] == [False]


def test_a_taking_carries_along_a_list_with_its_dates():
    events = incidents_of(
        "Las tropas azerbaiyanas entraron en Aghdam el 20 de noviembre y en Kalbajar el día 25.",
        published=date(2020, 12, 2),
    )
    assert {e.location.place.name: e.event_date for e in events} == {
        "Aghdam": date(2020, 11, 20),
        "Kalbajar": date(2020, 11, 25),
    }


def test_a_taking_carries_past_a_place_told_of_on_the_way_and_takes_the_news_date():
    events = incidents_of(
        "Las últimas familias salieron el jueves. Al día siguiente, unidades del Ejército "
        "entraron sin disparar un tiro en Aghdam, que los armenios tomaron en mayo de 1993, y "
        "en las aldeas de Tegh y Sotk.",
        published=date(2022, 8, 27),
    )
    assert {e.location.mention.text: e.event_date for e in events} == {
        "Aghdam": date(2022, 8, 26),
        "Tegh": date(2022, 8, 26),
        "Sotk": date(2022, 8, 26),
    }
    assert {e.sub_event_type for e in events} == {"Non-violent transfer of territory"}


def test_what_a_clause_sets_in_an_earlier_year_is_history_not_an_incident():
    assert incidents_of("Shushi, que Azerbaiyán tomó en 2020, es hoy un símbolo.") == []
    assert incidents_of("Hubo combates en Sotk en 2022.", published=date(2022, 9, 14))


def test_a_place_inside_a_slogan_is_not_where_the_protest_was():
    text = 'Los manifestantes marcharon con carteles que decían "Syunik no se negocia".'
    assert incidents_of(text) == []


def test_a_place_outside_scare_quotes_around_the_trigger_is_still_a_site():
    [event] = incidents_of('Las tropas iniciaron una "operación antiterrorista" en Stepanakert.')
    assert event.location.place.name == "Stepanakert"


def test_an_english_capitals_dateline_names_no_site():
    events = events_of("GORIS, Armenia — Border guards detained a former official on Wednesday.")
    assert not any(e.is_incident and e.location.place.name == "Goris" for e in events)


def test_same_day_counts_from_the_date_last_written_when_no_incident_was_dated():
    events = incidents_of(
        "Armenia completó el pasado viernes la demarcación. Ese mismo día hubo combates en Sotk.",
        published=date(2024, 5, 27),
    )
    assert [(e.location.place.name, e.event_date) for e in events] == [("Sotk", date(2024, 5, 24))]


def test_people_fleeing_across_a_border_take_no_territory():
    assert incidents_of("Más de 70.000 personas cruzaron la frontera hacia Goris.") == []
    [event] = incidents_of("Las tropas cruzaron la frontera cerca de Goris.")
    assert event.sub_event_type == "Non-violent transfer of territory"


def test_a_headline_repeats_what_the_body_dates_at_the_same_place():
    text = (
        "Stepanakert bajo el fuego\n\n"
        "El martes, la artillería bombardeó las afueras de Stepanakert."
    )
    events = incidents_of(text, published=date(2023, 9, 21))
    assert [(e.event_type, e.event_date) for e in events] == [
        ("Explosions/Remote violence", date(2023, 9, 19))
    ]


def test_a_headline_alone_still_reports_its_incident():
    [event] = incidents_of("Combates en Sotk\n\nEl Gobierno no dio detalles.")
    assert event.location.place.name == "Sotk"


def test_the_town_an_article_is_about_is_where_la_ciudad_was_shelled():
    text = (
        "Jermuk es un balneario. En Jermuk viven cuatro mil personas. "
        "Hubo drones sobre Sotk el martes. Los obuses cayeron sobre Jermuk el miércoles. "
        "El jueves, la artillería volvió a golpear las colinas que rodean la ciudad."
    )
    events = incidents_of(text, published=date(2022, 9, 16))
    shelled = {(e.location.place.name, e.event_date) for e in events}
    assert ("Jermuk", date(2022, 9, 15)) in shelled
    assert ("Sotk", date(2022, 9, 15)) not in shelled


def test_who_wields_the_weapon_or_is_asked_to_act_is_no_site():
    events = incidents_of(
        "El martes, los drones de Bakú atacaron Goris.", published=date(2022, 9, 14)
    )
    assert [e.location.place.name for e in events] == ["Goris"]
    assert not any(
        e.location.place.name == "Moscow"
        for e in incidents_of("Ereván denunció una invasión y pidió a Moscú que actúe.")
    )


def test_a_place_brokering_a_truce_is_no_site():
    events = incidents_of("Fighting went on in Stepanakert despite a Moscow-brokered truce.")
    assert [e.location.place.name for e in events] == ["Stepanakert"]


@pytest.mark.parametrize(
    ("text", "published", "not_its_date"),
    [
        # An agreement's date dates the agreement.
        ("Hubo combates en Tegh, que violan el acuerdo de alto el fuego de noviembre de 2020.",
         date(2022, 3, 26), date(2020, 11, 15)),
        # A clause after a semicolon tells its own.
        ("Bombardearon Sotk; los separatistas aceptaron el 20 de septiembre disolverse.",
         date(2023, 9, 26), date(2023, 9, 20)),
    ],
)  # fmt: skip
def test_a_date_that_belongs_to_something_else_dates_no_event(text, published, not_its_date):
    [event] = incidents_of(text, published=published)
    assert event.event_date != not_its_date


def test_what_goes_on_daily_or_since_a_vague_date_is_no_event_but_since_a_day_is():
    assert incidents_of("Goris ha sido bombardeada casi a diario.") == []
    assert incidents_of("Sotk está bajo el fuego desde finales de septiembre.") == []
    [event] = incidents_of(
        "Unos activistas mantienen bloqueado desde el lunes el corredor de Lachin.",
        published=date(2022, 12, 13),
    )
    assert event.event_date == date(2022, 12, 12)


def test_a_dateline_in_parentheses_names_no_site():
    events = incidents_of("(Bruselas) – Las autoridades deben levantar el bloqueo del Paso Lachin.")
    assert "Brussels" not in {e.location.place.name for e in events}


def test_weapons_traded_are_no_attack_and_last_year_is_history():
    assert (
        incidents_of("Tel Aviv es el principal proveedor de drones de Bakú, dijo en Goris.") == []
    )
    assert incidents_of("El año pasado, tras una ofensiva, Azerbaiyán recuperó Stepanakert.") == []


def test_a_place_that_decides_or_acts_is_a_government_not_a_site():
    events = incidents_of(
        "Tras el tiroteo junto al Paso Lachin, Bakú cerró el paso el 15 de junio."
    )
    assert [e.location.place.name for e in events] == ["Lachin corridor"]


def test_troops_entering_a_village_on_a_day_and_places_passing_to_control_are_transfers():
    [event] = incidents_of(
        "Los militares azerbaiyanos entraron el jueves en la aldea de Tegh.",
        published=date(2022, 3, 26),
    )
    assert (event.sub_event_type, event.event_date) == (
        "Non-violent transfer of territory",
        date(2022, 3, 24),
    )
    [event] = incidents_of("Kalbajar pasó a control azerbaiyano el 25 de noviembre.")
    assert event.sub_event_type == "Non-violent transfer of territory"


def test_the_backdrop_of_what_is_told_is_no_event():
    events = incidents_of("Hubo combates en Tegh, en plena ofensiva rusa en Rusia.")
    assert [e.location.place.name for e in events] == ["Tegh"]
    assert incidents_of("Las tropas se desplegaron en Tegh, en plena ofensiva rusa en Rusia.") == []


def test_a_running_total_since_a_day_is_no_new_event():
    text = (
        "Las autoridades cifraron en 16 los soldados muertos, lo que eleva a 604 el total "
        "desde el 27 de septiembre en Tegh."
    )
    assert incidents_of(text, published=date(2020, 10, 14)) == []
    [event] = incidents_of(
        "Unos activistas mantienen bloqueado desde el lunes el corredor de Lachin.",
        published=date(2022, 12, 13),
    )
    assert event.event_date == date(2022, 12, 12)


GOLD_TEXTS = sorted((Path(__file__).parent / "gold" / "incidents" / "texts").glob("*.txt"))


def test_every_trigger_match_holds_one_of_the_strings_it_is_searched_for_by():
    matched = 0
    for path in [*sorted(SEEDS.glob("*.txt")), *GOLD_TEXTS]:
        folded = fold(path.read_text(encoding="utf-8"))
        for rank, (_, _, pattern) in enumerate(_TRIGGER_RES):
            for match in pattern.finditer(folded):
                matched += 1
                assert any(needle in match[0] for needle in _TRIGGER_NEEDLES[rank]), match[0]
                also = _TRIGGER_ALSO.get(rank, ("",))
                assert any(needle in match[0] for needle in also), match[0]
    assert matched > 100


def test_a_place_before_a_second_verb_takes_the_event_told_before_it():
    events = incidents_of(
        "Las tropas rompieron las líneas armenias en torno a Tegh y bombardearon Sotk.",
        published=date(2023, 9, 20),
    )
    assert {e.location.mention.text: e.event_type for e in events} == {
        "Tegh": "Battles",
        "Sotk": "Explosions/Remote violence",
    }
    # Without a second verb the most specific event stays: a mortar round hurt the civilian.
    [event] = incidents_of("Un civil resultó herido en Tegh por el impacto de un mortero.")
    assert event.event_type == "Explosions/Remote violence"


def test_a_crowd_gathering_is_a_protest():
    for text in (
        "Tens of thousands gathered in Sotk on May 9.",
        "Miles de personas se congregaron en Sotk el 9 de mayo.",
    ):
        [event] = incidents_of(text, published=date(2024, 5, 28))
        assert (event.event_type, event.event_date) == ("Protests", date(2024, 5, 9)), text
    assert incidents_of("Pashinián y Aliyev se reunieron en Sotk el lunes.") == []


def test_what_a_protest_is_for_or_against_is_not_where_it_is():
    assert incidents_of("Cientos de personas protestaron para pedir protección para Tegh.") == []
    [event] = incidents_of("Miles de personas protestaron en Ereván contra la cesión de Tegh.")
    assert (event.location.mention.text, event.event_type) == ("Ereván", "Protests")


def test_armed_events_are_placed_in_the_conflicts_lands_and_crowds_anywhere():
    text = (
        "Los combates estallaron horas después de que los presidentes regresaran de la cumbre"
        " en Washington. Bakú recuperó Karabaj en 2023 tras una ofensiva en Stepanakert."
    )
    assert {e.location.mention.text for e in incidents_of(text)} <= {"Karabaj", "Stepanakert"}
    protests = incidents_of("Miles de personas se manifestaron en Ereván y en Madrid.")
    assert {e.event_type for e in protests} == {"Protests"}
    assert {e.location.mention.text for e in protests} & {"Ereván", "Madrid"}


def test_where_the_wounded_were_taken_is_not_where_it_happened():
    text = "Un soldado fue herido por disparos en Sotk y trasladado al hospital de Vardenis."
    assert [e.location.mention.text for e in incidents_of(text)] == ["Sotk"]
    text = "A soldier was wounded by fire in Sotk and was later transferred to Vardenis."
    assert [e.location.mention.text for e in incidents_of(text)] == ["Sotk"]


def test_a_region_only_situates_incidents_of_its_kind_told_at_finer_places():
    text = (
        "Los combates en Nagorno Karabaj continuaron el lunes. El martes hubo combates en"
        " Stepanakert."
    )
    assert [e.location.mention.text for e in incidents_of(text)] == ["Stepanakert"]
    alone = incidents_of("Los combates en Nagorno Karabaj continuaron el lunes.")
    assert [e.location.mention.text for e in alone] == ["Nagorno Karabaj"]


def test_a_blockade_is_an_event_when_it_starts_and_a_protest_when_residents_block():
    assert incidents_of("Tras diez meses de bloqueo del corredor de Lachin, todo cambió.") == []
    started = incidents_of("El lunes, activistas bloquearon el corredor de Lachin.")
    assert [(e.location.mention.text, e.event_type) for e in started] == [
        ("corredor de Lachin", "Strategic developments")
    ]
    protest = incidents_of("El lunes, los vecinos de Sotk bloquearon la carretera.")
    assert [(e.location.mention.text, e.event_type) for e in protest] == [("Sotk", "Protests")]


def test_the_places_a_road_links_are_not_where_it_is_blocked():
    text = "El lunes, los vecinos de Sotk bloquearon la carretera que une Ereván con Jermuk."
    assert [e.location.mention.text for e in incidents_of(text)] == ["Sotk"]
    text = "On Monday residents of Sotk blocked the Goris-Kapan highway in protest."
    assert [e.location.mention.text for e in incidents_of(text)] == ["Sotk"]
