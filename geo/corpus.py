"""A synthetic Spanish news corpus of any size, the same for the same seed.

Real articles are few and cannot be shared, so the scale benchmark and the large-corpus
tests read generated ones: places drawn from the place table (villages and towns of
Armenia and Azerbaijan behind a Spanish cue, provinces, districts, corridors, lakes,
mountains), incidents told with varied templates (clashes, shelling, drones, incursions,
civilians threatened), statements made in capitals and ceasefire talk (mentions, not
incidents), and dates in the forms `geo.dates` reads, relative to a publication date
spread over a chosen span. Each article is about `length` characters.

    python -m geo.corpus --articles 1000 --seed 1 --out /tmp/corpus-1000

writes `00000.txt`... and an `articles.csv` manifest (file, title, published, source, url),
so that `INCIDENT_ATLAS_ARTICLES=/tmp/corpus-1000 streamlit run dashboard.py` shows it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from geo.articles import MANIFEST
from geo.gazetteer import PlaceTable, is_latin_name
from geo.manifest import COLUMNS

FOCUS = ("AM", "AZ")
MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
NUMBERS = ("un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")
SOURCES = ("Agencia Sintética", "Diario de Prueba", "Noticias Generadas", "Crónica Simulada")
CAPITALS = ("Ereván", "Bakú", "Moscú")
# Spanish words that open the name of a feature in the table ("Corredor de Lachin").
FEATURE_WORDS = ("Corredor", "Lago", "Monte", "Puente", "Paso")

INCIDENTS = (
    "Se registraron intensos combates cerca de {place} {when}, según fuentes militares.",
    "Las tropas de ambos países intercambiaron disparos en {place} {when}.",
    "{When} se produjeron enfrentamientos armados en {place}, con {n} soldados heridos.",
    "La artillería azerbaiyana bombardeó posiciones en {place} {when}.",
    "Varios proyectiles de mortero cayeron en {place} {when} sin causar víctimas.",
    "Un dron atacó un puesto de observación en {place} {when}.",
    "{When}, un ataque con drones alcanzó un vehículo militar cerca de {place}.",
    "Soldados avanzaron y tomaron posiciones en {place} {when}.",
    "Una unidad militar cruzó la frontera y se adentró en {place} {when}.",
    "Militares amenazaron a un pastor en {place} {when}.",
    "{When} hombres armados dispararon contra agricultores en {place}.",
    "Un civil resultó herido por disparos en {place} {when}.",
)
STATEMENTS = (
    "En {capital}, el Ministerio de Relaciones Exteriores dijo que respeta el alto el fuego.",
    "El portavoz del gobierno en {capital} afirmó {when} que las negociaciones continúan.",
    "Desde {capital}, los diplomáticos pidieron calma y diálogo a ambas partes.",
    "Las conversaciones sobre el alto el fuego se reanudarán en {capital}, informaron {when}.",
)
MENTIONS = (
    "Los vecinos de {place} siguen con atención las noticias que llegan de la frontera.",
    "En {place} las escuelas abrieron con normalidad esta temporada.",
    "Los periodistas que viajaron a {place} hablaron con las familias de la zona.",
    "La carretera que une {place} con la capital fue reparada el año pasado.",
)
FILLERS = (
    "La situación en la frontera sigue siendo tensa desde hace meses.",
    "Los observadores internacionales no pudieron confirmar las cifras de manera independiente.",
    "Ambas partes se acusan mutuamente de provocar la escalada.",
    "Los analistas advierten de que un incidente menor puede desencadenar una crisis mayor.",
    "Las familias de la zona describen noches sin dormir y escuelas cerradas.",
    "Los mediadores internacionales insisten en la necesidad de delimitar la frontera.",
    "El conflicto, que dura décadas, ha dejado miles de desplazados.",
    "Las autoridades locales prometieron reforzar los refugios para la población.",
    "Periodistas que visitaron la zona describieron trincheras recién excavadas.",
    "Organizaciones humanitarias reclaman acceso seguro para entregar ayuda.",
    "Según los expertos, la falta de una frontera delimitada alimenta la desconfianza.",
    "Los precios de los alimentos subieron en las zonas cercanas a la línea de contacto.",
    "Varias organizaciones pidieron una investigación independiente de lo ocurrido.",
    "Los habitantes de la región recuerdan episodios similares en años anteriores.",
    "La comunidad internacional sigue de cerca la evolución de los acontecimientos.",
    "Los partidos de la oposición criticaron la gestión de la crisis por parte del gobierno.",
    "La prensa local publicó fotografías de casas dañadas y ventanas rotas.",
    "Los agricultores temen no poder recoger la cosecha antes del invierno.",
    "Un grupo de voluntarios organizó la entrega de mantas y alimentos.",
    "Las conversaciones de paz se han estancado en varias ocasiones durante el último año.",
)
HEADLINES = (
    "Nuevos incidentes en la frontera",
    "Tensión en la línea de contacto",
    "Denuncian violaciones del alto el fuego",
    "Escalada militar en la región",
    "Informe semanal sobre la frontera",
)


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article with the manifest row it goes with."""

    name: str
    title: str
    published: date
    source: str
    text: str


def place_phrases(table: PlaceTable) -> list[str]:
    """How the articles name the region's places: with the cue a Spanish text would use."""
    phrases = []
    for index, place in enumerate(table.places):
        names = table.names[index]
        if place.country not in FOCUS or not is_latin_name(place.name):
            continue
        if place.kind == "village":
            phrases.append(f"la aldea de {place.name}")
        elif place.kind == "city":
            phrases.append(f"la ciudad de {place.name}")
        elif place.kind == "admin1":
            phrases.append(f"la provincia de {place.name.removesuffix(' District')}")
        else:
            spanish = [n for n in names if n.startswith(FEATURE_WORDS)]
            if spanish:
                phrases.append(f"el {spanish[0]}")
    return phrases


def generate(
    count: int,
    *,
    seed: int = 0,
    start: date = date(2022, 1, 1),
    days: int = 365,
    length: int = 2500,
    table: PlaceTable | None = None,
) -> list[SyntheticArticle]:
    """`count` distinct articles published between `start` and `start + days`."""
    table = table or PlaceTable.load()
    phrases = place_phrases(table)
    capitals = [name for name in CAPITALS if table.candidates(name)]
    rng = random.Random(seed)
    seen: set[str] = set()
    articles = []
    while len(articles) < count:
        published = start + timedelta(days=rng.randrange(days))
        text = _article(rng, published, phrases, capitals, length)
        digest = hashlib.sha1(text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        number = len(articles)
        articles.append(
            SyntheticArticle(
                name=f"{number:05d}.txt",
                title=f"{rng.choice(HEADLINES)} ({number})",
                published=published,
                source=rng.choice(SOURCES),
                text=text,
            )
        )
    return articles


def _article(
    rng: random.Random, published: date, phrases: list[str], capitals: list[str], length: int
) -> str:
    """One or two incidents, places only named, statements, and background up to `length`."""
    incidents = [
        rng.choice(INCIDENTS).format(
            place=rng.choice(phrases), when=(when := _when(rng, published)),
            When=when[:1].upper() + when[1:], n=rng.choice(NUMBERS),
        )
        for _ in range(rng.choice((1, 1, 1, 1, 2)))
    ]  # fmt: skip
    others = [rng.choice(MENTIONS).format(place=rng.choice(phrases)) for _ in range(2)]
    others += [
        rng.choice(STATEMENTS).format(capital=capital, when=_when(rng, published))
        for capital in rng.sample(capitals, k=min(2, len(capitals)))
    ]
    size = sum(len(sentence) + 1 for sentence in incidents + others)
    while size < length:
        others.append(rng.choice(FILLERS))
        size += len(others[-1]) + 1
    rng.shuffle(others)
    sentences = incidents + others
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(paragraphs) + "\n"


def _when(rng: random.Random, published: date) -> str:
    """A date expression for a day up to three weeks before `published`."""
    back = rng.randrange(21)
    day = published - timedelta(days=back)
    form = rng.randrange(6)
    if back == 0:
        return rng.choice(("hoy", "esta mañana"))
    if back == 1:
        return rng.choice(("ayer", "anoche"))
    if form == 0 and back < 7:
        return f"el {WEEKDAYS[day.weekday()]}"
    if form == 1 and back < 11:
        return f"hace {NUMBERS[back - 1]} días"
    if form == 2:
        return f"el {day.day} de {MONTHS[day.month - 1]} de {day.year}"
    return f"el {day.day} de {MONTHS[day.month - 1]}"


def write_corpus(folder: Path | str, articles: list[SyntheticArticle]) -> Path:
    """The articles as .txt files in `folder`, with their `articles.csv` manifest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / article.name).write_text(article.text, encoding="utf-8")
    with open(folder / MANIFEST, "w", encoding="utf-8", newline="") as manifest:
        writer = csv.writer(manifest, lineterminator="\n")
        writer.writerow(COLUMNS)
        for article in articles:
            writer.writerow(
                (article.name, article.title, article.published.isoformat(), article.source, "")
            )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same corpus")
    parser.add_argument("--out", type=Path, required=True, help="folder to write")
    parser.add_argument(
        "--start", type=date.fromisoformat, default=date(2022, 1, 1), help="first publication day"
    )
    parser.add_argument("--days", type=int, default=365, help="span of publication dates")
    args = parser.parse_args(argv)
    articles = generate(args.articles, seed=args.seed, start=args.start, days=args.days)
    write_corpus(args.out, articles)
    print(f"{len(articles)} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
