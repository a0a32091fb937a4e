"""Incident Atlas: the Streamlit dashboard. The work is done in `geo/`; this file only shows it."""

import functools
import gc
import hashlib
import os
from datetime import date
from pathlib import Path

import streamlit as st

st.set_page_config(page_title="Incident Atlas", page_icon="🗺️", layout="wide")

import streamlit_folium
from geopy.exc import ConfigurationError

from geo import view
from geo.articles import MAX_BYTES, SUFFIXES, articles_folder, default_folders, load_folders
from geo.gazetteer import PlaceTable
from geo.geocoders.errors import InvalidOverrideError
from geo.geocoders.live import DEFAULT_USER_AGENT
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.geocoders.settings import GeocoderSettings, build_geocoder
from geo.incidents import FORMATS, excerpts_from_json, incidents_to_bytes
from geo.library import ArticleStore, ResultCache
from geo.maps import (
    EVENT_COLOURS,
    MENTION_COLOUR,
    build_map,
    detach_rows,
    filter_script,
    grouping_for,
    install_assets,
)
from geo.model import PLACE_KINDS
from geo.overrides import OverrideTable
from geo.paths import PROJECT_ROOT, cache_dir, data_dir
from geo.pipeline import Pipeline, engine_version

PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
# Offline only; the server and user agent are what the form offers for going live.
DEFAULT_GEOCODER = (False, PUBLIC_NOMINATIM, DEFAULT_USER_AGENT)
ARTICLES_PER_PAGE = 10
# Incidents of one place the side panel shows at a time.
PANEL_PAGE = 5


@st.cache_resource
def vendor_assets() -> Path:
    return install_assets(PROJECT_ROOT / "static" / "vendor")


@st.cache_resource(show_spinner="Cargando la tabla de lugares…")
def place_table() -> PlaceTable:
    return PlaceTable.load()


@st.cache_resource(show_spinner=False)
def pipeline(settings: tuple, overrides_stamp: tuple) -> Pipeline:
    """One engine per geocoder choice and state of the manual fixes, shared by every session."""
    live, domain, user_agent = settings
    geocoder_settings = GeocoderSettings(
        live=live,
        domain=domain or None,
        user_agent=user_agent,
        cache_path=cache_dir() / "geocoding.sqlite",
        overrides_path=overrides_path(),
    )
    table = place_table()
    chain = build_geocoder(geocoder_settings, [PlaceTableGeocoder(table)])
    cache = ResultCache(
        cache_dir() / "results",
        version=engine_version(),
        settings=repr((settings, overrides_stamp)),
    )
    return Pipeline(table, chain, cache=cache)


@st.cache_resource
def article_store(folder: str) -> ArticleStore:
    """Opening the store first finishes or undoes any write a crash interrupted."""
    return ArticleStore(folder)


@st.cache_resource(show_spinner=False, max_entries=2)
def load_articles(folders: tuple[str, ...], fingerprint: str) -> tuple[list, list[str]]:
    """Read the article folders; `fingerprint` makes a changed file read again.

    A resource, not data: the articles are frozen, and copying ten thousand of them out of
    the cache on every rerun would cost more than everything else the rerun does.
    """
    articles, problems = load_folders([Path(folder) for folder in folders])
    return articles, [str(problem) for problem in problems]


@st.cache_resource(show_spinner=False, max_entries=4)
def choices(serial: int, _incidents) -> tuple[str, list[str], list[str]]:
    """The date grouping for these incidents (day, week or month), its layers, the event types."""
    dated = _incidents["is_incident"]
    grouping = grouping_for(_incidents.loc[dated, "event_date"])
    types = sorted(set(_incidents.loc[dated, "event_type"]))
    return grouping, view.incident_layers(_incidents, grouping), types


@st.cache_resource(show_spinner=False, max_entries=16)
def filtered(serial: int, filters: tuple, grouping: str, _incidents):
    """What the filters leave, worked out once per filter state of these incidents."""
    return view.filter_incidents(_incidents, grouping=grouping, **dict(filters))


@st.cache_resource(show_spinner="Preparando el mapa…", max_entries=2)
def incident_map(serial: int, grouping: str, _incidents) -> dict:
    """The map of every incident as the map component takes it, built once per result.

    The filters act in the browser (`geo.maps.filter_script`), so a sidebar change leaves the
    map's code alone: the component stays mounted and keeps its view. Worked out here, not by
    st_folium on every rerun, which at 10,000 incidents spends a tenth of a second on a
    megabyte of script (a click would pay it too). The pieces come from streamlit-folium's
    own helpers (version pinned in uv.lock), as st_folium puts them together.
    """
    fmap = build_map(_incidents, grouping=grouping)
    detach_rows(fmap, PROJECT_ROOT / "static" / "maps", "/app/static/maps")
    fmap.get_root().render()
    links = [fmap, *fmap._children.values()]
    script = streamlit_folium._get_map_string(fmap)
    return {
        "script": script,
        "header": streamlit_folium._get_header(fmap),
        "html": streamlit_folium._get_html(fmap),
        "id": streamlit_folium.get_full_id(fmap),
        "key": "map-" + hashlib.sha256(script.encode()).hexdigest()[:16],
        "js_links": list(dict.fromkeys(src for e in links for _, src in assets(e, "js"))),
        "css_links": list(dict.fromkeys(url for e in links for _, url in assets(e, "css"))),
    }


def assets(element, kind: str) -> list:
    return getattr(element, f"default_{kind}", [])


def map_component(code: dict, filters: dict) -> dict | None:
    """The map, mounted once per result; returns its last click as st_folium would."""
    return streamlit_folium._component_func(
        **code,
        height=620,
        width=None,
        returned_objects=["last_object_clicked"],
        default={"last_object_clicked": None},
        zoom=None,
        center=None,
        # streamlit-folium runs this code whenever it changes, on the mounted map.
        feature_group=filter_script("window.map", **filters),
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        wrap_longitude=False,
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def settle(serial: int) -> None:
    """Take what is alive now (articles, place table, the engine's results) out of the garbage
    collector's sight, once per result. At 10,000 articles that is millions of objects, and
    each full collection walked them all: 0.7 s, as often as every other click. Frozen objects
    are still freed when nothing refers to them; only their cycles would stay."""
    gc.freeze()


def overrides_path() -> Path:
    return data_dir() / "overrides.csv"


def file_stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_size, stat.st_mtime_ns)


def folder_fingerprint(folders: list[Path]) -> str:
    """Names, sizes and modification times: enough to notice an added, changed or removed file.

    A digest, so that the article cache compares one short string on every rerun.
    """
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                digest.update(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def geocoder_choice() -> tuple:
    """The sidebar's geocoder form; applied only on submit, so typing does not re-run the map."""
    with st.sidebar.form("geocoder"):
        st.subheader("Geocodificador")
        mode = st.radio(
            "Fuente de coordenadas",
            ["Sin conexión (tabla de lugares)", "Tabla de lugares + Nominatim"],
            help="Sin conexión no usa la red. Con Nominatim, los nombres que la tabla no conoce "
            "se consultan en el servidor (1 petición por segundo) y se guardan en caché.",
        )
        domain = st.text_input("Servidor Nominatim", value=PUBLIC_NOMINATIM)
        user_agent = st.text_input("Identificación (user agent)", value=DEFAULT_USER_AGENT)
        if st.form_submit_button("Aplicar"):
            st.session_state["geocoder"] = (mode.startswith("Tabla"), domain.strip(), user_agent)
    return st.session_state.get("geocoder", DEFAULT_GEOCODER)


def process(articles: list) -> tuple:
    """Run the engine, with a progress bar only while there are new articles to read."""
    try:
        engine = pipeline(geocoder_choice(), file_stamp(overrides_path()))
    except ConfigurationError as error:
        st.error(
            view.escape_markdown(f"No se pudo configurar el geocodificador: {error}.")
            + " Se usa la tabla de lugares."
        )
        st.session_state["geocoder"] = DEFAULT_GEOCODER
        engine = pipeline(st.session_state["geocoder"], file_stamp(overrides_path()))
    bar = None

    def progress(done: int, total: int, article) -> None:
        nonlocal bar
        bar = bar or st.progress(0.0)
        bar.progress(done / total, text=f"Leyendo artículos nuevos… {done}/{total}")

    result = engine.run(articles, progress=progress)
    if bar is not None:
        bar.empty()
    return result, list(getattr(engine.geocoder, "notices", []))


def sidebar_filters(layers: list[str], types: list[str], box) -> dict:
    box.header("Capas por fecha")
    dated = [name for name in layers if name[:1].isdigit()]
    in_range = set(layers)
    if len(dated) > 1:
        first, last = view.date_bounds(dated)
        start, end = box.slider("Rango de fechas", first, last, (first, last), format="YYYY-MM-DD")
        in_range = set(view.layers_in_range(layers, start, end)) | {
            name for name in layers if not name[:1].isdigit()
        }
    chosen = [
        name
        for name in layers
        if box.checkbox(name, value=True, key=f"layer:{name}", disabled=name not in in_range)
        and name in in_range
    ]
    show_mentions = box.toggle("Mostrar lugares solo mencionados", value=False)

    box.header("Filtros")
    event_types = box.multiselect("Tipo de evento", types, default=types)
    precisions = box.multiselect(
        "Precisión geográfica",
        [1, 2, 3],
        default=[1, 2, 3],
        format_func=lambda p: f"{p}: {view.PRECISION_LABELS[p]}",
    )
    box.html(legend())
    box.caption("Lugares: [GeoNames](https://www.geonames.org/) (CC BY 4.0) y tabla propia.")
    return {
        "layers": tuple(chosen),
        "event_types": tuple(event_types),
        "precisions": tuple(precisions),
        "show_mentions": show_mentions,
    }


def legend() -> str:
    items = [*EVENT_COLOURS.items(), ("Lugar mencionado", MENTION_COLOUR)]
    rows = "".join(
        f'<div><span style="color:{colour}">●</span> {name}</div>' for name, colour in items
    )
    return (
        f"<div style='font-size:0.85rem'>{rows}<div>Tamaño: víctimas mortales. Borde continuo: "
        "lugar exacto; discontinuo: cerca de un lugar; punteado: provincia o mayor.</div></div>"
    )


def side_panel(shown, articles: dict) -> None:
    place = st.session_state.get("selected_place")
    if place is None:
        st.info("Haz clic en un marcador del mapa para leer aquí las frases que nombran el lugar.")
        return
    here = view.incidents_at(shown, place)
    if here.empty:
        st.info("El lugar seleccionado está oculto por los filtros actuales.")
        return
    first = here.iloc[0]
    st.subheader(view.escape_markdown(first["location"]))
    precision = int(first["geo_precision"])
    st.caption(
        f"{first['latitude']:.4f}, {first['longitude']:.4f} · precisión {precision} "
        f"({view.PRECISION_LABELS.get(precision, '')}) · geocodificado por "
        f"{view.escape_markdown(first['geocoded_by'])}"
    )
    # Pages: a village of a large corpus can hold hundreds of incidents, and drawing all
    # their excerpts would make every click wait for them.
    pages = -(-len(here) // PANEL_PAGE)
    page = 1
    if pages > 1:
        page = st.number_input(
            f"{len(here)} entradas en este lugar · página (de {pages})",
            min_value=1,
            max_value=pages,
            value=1,
            key=f"panel-page:{place}",
        )
    names = set()
    for row in here.iloc[(page - 1) * PANEL_PAGE : page * PANEL_PAGE].itertuples():
        what = (row.sub_event_type or row.event_type) if row.is_incident else "Lugar mencionado"
        facts = [view.layer_name(row.event_date)]
        if row.is_incident:
            facts.append(
                f"precisión temporal: {view.TIME_PRECISION_LABELS[int(row.time_precision)]}"
            )
            facts.append(view.casualties_text(row.fatalities, row.wounded))
        st.markdown(
            f"**{view.escape_markdown(what)}** · " + view.escape_markdown(" · ".join(facts))
        )
        for index, excerpt in enumerate(excerpts_from_json(row.excerpts)):
            names |= view.highlighted_names(excerpt)
            with st.container(border=True):
                st.markdown(view.excerpt_markdown(excerpt))
                published = excerpt.published.isoformat() if excerpt.published else "sin fecha"
                st.caption(
                    f"{view.escape_markdown(excerpt.title)} · {published} · "
                    f"{view.escape_markdown(excerpt.source or 'fuente desconocida')}"
                )
                if excerpt.url:
                    st.link_button("Abrir la fuente original", excerpt.url)
                article = articles.get(excerpt.article_id)
                if article is None:
                    continue
                # Lazy, like the fix form: a closed expander costs the click nothing.
                with st.expander(
                    "Leer el artículo completo",
                    key=f"article:{row.event_id}:{index}",
                    on_change="rerun",
                ) as full_text:
                    if full_text.open:
                        st.markdown(view.article_markdown(article.text))
    fix_form(view.names_for_place(names, first, place_table()), first)


def fix_form(names: list[str], place) -> None:
    """Put a name somewhere else: another candidate of the table, or typed coordinates."""
    if not names:
        return
    box = st.expander("¿Ubicación equivocada? Corregirla", key="fix:open", on_change="rerun")
    if not box.open:
        return
    with box, st.form("fix"):
        name = st.selectbox("Nombre tal como aparece en el texto", names)
        candidates = place_table().candidates(name)
        options = ["Coordenadas escritas abajo"] + [
            f"{c.name} ({c.kind}, {c.country}) {c.lat:.4f}, {c.lon:.4f}" for c in candidates
        ]
        choice = st.selectbox(
            "Lugar correcto", range(len(options)), format_func=options.__getitem__
        )
        lat = st.number_input("Latitud", value=float(place["latitude"]), format="%.5f")
        lon = st.number_input("Longitud", value=float(place["longitude"]), format="%.5f")
        kind = st.selectbox("Tipo de lugar", PLACE_KINDS, index=PLACE_KINDS.index("village"))
        if st.form_submit_button("Guardar la corrección"):
            chosen = candidates[choice - 1] if choice else None
            try:
                OverrideTable(overrides_path()).set(
                    name,
                    chosen.lat if chosen else lat,
                    chosen.lon if chosen else lon,
                    kind=chosen.kind if chosen else kind,
                    label=chosen.name if chosen else name,
                    note="corregido en el panel",
                )
            except InvalidOverrideError as error:
                st.error(view.escape_markdown(error))
                return
            st.session_state.pop("selected_place", None)
            st.toast(view.escape_markdown(f"Corrección guardada para «{name}»."))
            st.rerun()


def fixes_tab() -> None:
    table = OverrideTable(overrides_path())
    for problem in table.problems:
        st.warning(view.escape_markdown(problem))
    fixes = list(table)
    if not fixes:
        st.info(
            "No hay correcciones. Para corregir un lugar, haz clic en su marcador y usa "
            "«¿Ubicación equivocada?» en el panel lateral."
        )
        return
    st.caption(view.escape_markdown(f"Guardadas en {overrides_path()}"))
    for fix in fixes:
        left, right = st.columns([4, 1])
        left.markdown(
            view.escape_markdown(
                f"{fix.name} → {fix.label or fix.name} ({fix.lat:.4f}, {fix.lon:.4f})"
            )
        )
        if right.button("Deshacer", key=f"undo:{fix.name}"):
            table.remove(fix.name)
            st.rerun()


def add_articles_tab(known: list) -> None:
    store = article_store(str(articles_folder()))
    limit = f"{MAX_BYTES // (1024 * 1024)} MB"
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            f"Archivos ({', '.join(SUFFIXES)}; hasta {limit} cada uno)",
            type=[suffix.lstrip(".") for suffix in SUFFIXES],
            accept_multiple_files=True,
        )
        text = st.text_area("…o pega aquí el texto de un artículo", height=150)
        title = st.text_input("Título")
        published = st.date_input("Fecha de publicación", value=None, max_value=date.today())
        source = st.text_input("Fuente (medio)")
        url = st.text_input("Dirección (http o https)")
        submitted = st.form_submit_button("Añadir")
    if not submitted:
        st.caption(view.escape_markdown(f"Los artículos se guardan en {store.folder}."))
        return
    metadata = {"title": title, "published": published, "source": source, "url": url}
    added, problems = [], []
    for upload in files or []:
        article, trouble = store.add(upload.name, upload.getvalue(), **metadata, known=known)
        added += [article] if article else []
        problems += trouble
    if text.strip():
        article, trouble = store.add_text(text, **metadata, known=known)
        added += [article] if article else []
        problems += trouble
    if not files and not text.strip():
        st.warning("Elige un archivo o pega un texto.")
    for problem in problems:
        st.warning(view.escape_markdown(problem))
    if added:
        st.success(view.escape_markdown(f"Añadidos: {', '.join(a.title for a in added)}"))


def articles_tab(articles: list) -> None:
    store = article_store(str(articles_folder()))
    folder = str(store.folder)
    own = {a.id for a in articles if a.path and os.path.dirname(a.path) == folder}
    st.caption(
        view.escape_markdown(f"{len(articles)} artículos; {len(own)} tuyos en {store.folder}.")
    )
    # Pages: every article drawn at once is thousands of forms sent on every rerun.
    pages = max(1, -(-len(articles) // ARTICLES_PER_PAGE))
    page = 1
    if pages > 1:
        page = st.number_input(f"Página (de {pages})", min_value=1, max_value=pages, value=1)
    start = (page - 1) * ARTICLES_PER_PAGE
    for article in articles[start : start + ARTICLES_PER_PAGE]:
        published = article.published.isoformat() if article.published else "sin fecha"
        with st.expander(view.escape_markdown(f"{article.title} · {published}")):
            st.caption(
                view.escape_markdown(f"{article.source or 'fuente desconocida'} · {article.path}")
            )
            for note in article.notes:
                st.caption(view.escape_markdown(note))
            if article.id not in own:
                continue
            with st.form(f"edit:{article.id}"):
                title = st.text_input("Título", value=article.title)
                when = st.date_input("Fecha de publicación", value=article.published)
                source = st.text_input("Fuente", value=article.source)
                url = st.text_input("Dirección", value=article.url)
                save, delete = st.columns(2)
                if save.form_submit_button("Guardar"):
                    problems = store.update_metadata(
                        article.id, title=title, published=when, source=source, url=url
                    )
                    for problem in problems:
                        st.warning(view.escape_markdown(problem))
                    st.rerun()
                if delete.form_submit_button("Borrar el artículo"):
                    for problem in store.delete(article.id):
                        st.warning(view.escape_markdown(problem))
                    st.rerun()


def map_tab(result, articles: list, sidebar_box, *, is_open: bool) -> None:
    """The map and its side panel when the tab `is_open`; the sidebar's filters always, so
    that they keep their state while another tab is open."""
    incidents = result.incidents
    grouping, layers, types = choices(result.serial, incidents)
    filters = sidebar_filters(layers, types, sidebar_box)
    if not is_open:
        return
    shown = filtered(result.serial, tuple(filters.items()), grouping, incidents)
    code = incident_map(result.serial, grouping, incidents)
    count = int(shown["is_incident"].sum())
    st.caption(f"{count} incidentes visibles · {len(articles)} artículos")
    every = {"event_types": set(types), "precisions": {1, 2, 3}}
    in_browser = {
        name: None if name in every and set(value) >= every[name] else value
        for name, value in filters.items()
    }
    map_and_panel(code, in_browser, shown, {article.id: article for article in articles})


@st.fragment
def map_and_panel(code: dict, filters: dict, shown, articles: dict) -> None:
    """A click reruns only this: the map stays as it is and the side panel follows."""
    left, right = st.columns([3, 2])
    with left:
        clicked = map_component(code, filters)
        click = (clicked or {}).get("last_object_clicked")
        if click and click != st.session_state.get("last_click"):
            st.session_state["last_click"] = click
            st.session_state["selected_place"] = view.place_at(shown, click["lat"], click["lng"])
        downloads = st.columns(len(FORMATS))
        for column, fmt in zip(downloads, FORMATS, strict=True):
            column.download_button(
                f"Descargar {fmt.upper()}",
                data=functools.partial(incidents_to_bytes, shown, fmt),
                file_name=f"incidentes.{fmt}",
                disabled=shown.empty,
                key=f"download:{fmt}",
            )
    with right:
        side_panel(shown, articles)


def main() -> None:
    vendor_assets()
    st.title("Incident Atlas")
    folders = default_folders()
    articles, problems = load_articles(tuple(map(str, folders)), folder_fingerprint(folders))
    filters_box = st.sidebar.container()
    result, notices = process(articles)
    settle(result.serial)
    for message in [*problems, *notices]:
        st.warning(view.escape_markdown(message), icon="⚠️")
    undated = [a.title for a in articles if a.published is None]
    if undated:
        st.info(
            f"{len(undated)} artículo(s) sin fecha de publicación: sus fechas relativas "
            f"(«el miércoles», «ayer») quedan sin resolver. Añádela en «Artículos»."
        )

    # Keyed, so that the tab a person works in stays open when the script re-runs.
    tabs = st.tabs(
        ["Mapa", "Añadir artículos", "Artículos", "Correcciones"], key="tab", on_change="rerun"
    )
    # Only the open tab runs: the others' forms would be a hundred elements on every rerun.
    with tabs[0]:
        if result.incidents.empty:
            st.info("Todavía no hay incidentes: añade artículos en la pestaña «Añadir artículos».")
        else:
            map_tab(result, articles, filters_box, is_open=tabs[0].open)
    with tabs[1]:
        if tabs[1].open:
            add_articles_tab(articles)
    with tabs[2]:
        if tabs[2].open:
            articles_tab(articles)
    with tabs[3]:
        if tabs[3].open:
            fixes_tab()


main()
