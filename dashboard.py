"""Incident Atlas: the Streamlit dashboard. The work is done in `geo/`; this file only shows it."""

from pathlib import Path

import streamlit as st

st.set_page_config(page_title="Incident Atlas", page_icon="🗺️", layout="wide")

from streamlit_folium import st_folium

from geo import view
from geo.articles import default_folders, load_folders
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.incidents import excerpts_from_json
from geo.maps import EVENT_COLOURS, MENTION_COLOUR, build_map, install_assets
from geo.pipeline import Pipeline

HERE = Path(__file__).parent


@st.cache_resource
def vendor_assets() -> Path:
    return install_assets(HERE / "static" / "vendor")


@st.cache_resource(show_spinner="Cargando la tabla de lugares…")
def pipeline() -> Pipeline:
    table = PlaceTable.load()
    return Pipeline(table, PlaceTableGeocoder(table))


@st.cache_data(show_spinner=False)
def load_articles(folders: tuple[str, ...], fingerprint: tuple) -> tuple[list, list[str]]:
    """Read the article folders; `fingerprint` makes a changed file read again."""
    articles, problems = load_folders([Path(folder) for folder in folders])
    return articles, [str(problem) for problem in problems]


def folder_fingerprint(folders: list[Path]) -> tuple:
    """Names, sizes and modification times: enough to notice an added, changed or removed file."""
    return tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.iterdir())
        if (stat := path.stat())
    )


def process(articles: list):
    """Run the engine, with a progress bar only while there are new articles to read."""
    bar = None

    def progress(done: int, total: int, article) -> None:
        nonlocal bar
        bar = bar or st.progress(0.0)
        bar.progress(done / total, text=f"Leyendo artículos nuevos… {done}/{total}")

    result = pipeline().run(articles, progress=progress)
    if bar is not None:
        bar.empty()
    return result.incidents


def sidebar_filters(incidents) -> dict:
    st.sidebar.header("Capas por fecha")
    layers = view.incident_layers(incidents)
    dated = [name for name in layers if name[:1].isdigit()]
    in_range = set(layers)
    if len(dated) > 1:
        first, last = view.date_bounds(dated)
        start, end = st.sidebar.slider(
            "Rango de fechas", first, last, (first, last), format="YYYY-MM-DD"
        )
        in_range = set(view.layers_in_range(layers, start, end)) | {
            name for name in layers if not name[:1].isdigit()
        }
    chosen = [
        name
        for name in layers
        if st.sidebar.checkbox(name, value=True, key=f"layer:{name}", disabled=name not in in_range)
        and name in in_range
    ]
    show_mentions = st.sidebar.toggle("Mostrar lugares solo mencionados", value=False)
    st.sidebar.html(legend())
    return {"layers": chosen, "show_mentions": show_mentions}


def legend() -> str:
    items = [*EVENT_COLOURS.items(), ("Lugar mencionado", MENTION_COLOUR)]
    rows = "".join(
        f'<div><span style="color:{colour}">●</span> {name}</div>' for name, colour in items
    )
    return (
        f"<div style='font-size:0.85rem'>{rows}<div>Borde continuo: lugar exacto; "
        "discontinuo: cerca de un lugar; punteado: provincia o mayor.</div></div>"
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
    for row in here.itertuples():
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
        for excerpt in excerpts_from_json(row.excerpts):
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
                if article is not None:
                    with st.expander("Leer el artículo completo"):
                        st.markdown(view.escape_markdown(article.text))


def main() -> None:
    vendor_assets()
    st.title("Incident Atlas")
    folders = default_folders()
    articles, problems = load_articles(tuple(map(str, folders)), folder_fingerprint(folders))
    for problem in problems:
        st.warning(problem, icon="⚠️")
    incidents = process(articles)
    if incidents.empty:
        st.info("Todavía no hay incidentes: añade artículos a la carpeta de artículos.")
        return

    filters = sidebar_filters(incidents)
    shown = view.filter_incidents(incidents, **filters)
    st.caption(f"{int(shown['is_incident'].sum())} incidentes visibles · {len(articles)} artículos")
    left, right = st.columns([3, 2])
    with left:
        clicked = st_folium(
            build_map(shown, show_mentions=filters["show_mentions"]),
            key="map",
            height=620,
            use_container_width=True,
            returned_objects=["last_object_clicked"],
        )
        click = (clicked or {}).get("last_object_clicked")
        if click and click != st.session_state.get("last_click"):
            st.session_state["last_click"] = click
            st.session_state["selected_place"] = view.place_at(shown, click["lat"], click["lng"])
    with right:
        side_panel(shown, {article.id: article for article in articles})


main()
