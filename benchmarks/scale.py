"""How the pipeline, the map and the dashboard hold up at 100, 1,000 and 10,000 articles.

    uv run python benchmarks/scale.py                      # 100, 1000, 10000 articles
    uv run python benchmarks/scale.py --sizes 1000 --runs 5
    uv run python benchmarks/scale.py --sizes samples      # the two sample articles only
    uv run python benchmarks/scale.py --sizes 10000 --no-browser

For each size: a synthetic corpus (`geo.corpus`, seeded) is written to a scratch folder; the
offline pipeline runs in a fresh process with an empty result cache (cold), then in another
fresh process that finds every article's result in that cache (warm): articles/s and the
process's peak memory. Then the map of every incident: time to build and render it, and the
size of its HTML. Then the dashboard is started on the corpus (as `streamlit run dashboard.py`
does) and driven by headless Chromium that can reach nothing but 127.0.0.1: time from page
open to every marker drawn (clusters count their markers) in a new browser and again in the
same browser, from a sidebar date toggle to the redrawn map, from a marker click to its
excerpt in the side panel (medians of `--runs`), and the dashboard's memory. The dashboard's
first open, while its engine reads every article, is timed apart. Figures only: nothing here
passes or fails.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.articles import default_folders, load_folders  # noqa: E402
from geo.corpus import generate, write_corpus  # noqa: E402

# Offline as a machine with no network is: every name but 127.0.0.1 fails to resolve. (The
# browser tests refuse requests through Playwright's routing instead, which also lists them;
# but routing turns the browser's cache off and passes every request through the driver,
# which would time something no person's browser does.)
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def pipeline_run(folder: str, cache: str) -> dict:
    """One run of the engine over `folder` (and the samples), in this process."""
    from geo.gazetteer import PlaceTable
    from geo.geocoders.placetable import PlaceTableGeocoder
    from geo.library import ResultCache
    from geo.pipeline import Pipeline, engine_version

    articles, _ = load_folders(default_folders(folder))
    start = time.perf_counter()
    table = PlaceTable.load()
    loaded = time.perf_counter()
    engine = Pipeline(
        table,
        PlaceTableGeocoder(table),
        cache=ResultCache(cache, version=engine_version(), settings="benchmark"),
    )
    result = engine.run(articles)
    return {
        "articles": len(articles),
        "table_seconds": loaded - start,
        "seconds": time.perf_counter() - loaded,
        "incidents": int(result.incidents["is_incident"].sum()),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def fresh_process(folder: Path, cache: Path) -> dict:
    answer = subprocess.run(
        [sys.executable, __file__, "--pipeline-run", str(folder), str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def map_figures(folder: Path, cache: Path) -> dict:
    """Build and render the map of every incident (read back from the warm result cache)."""
    from geo.gazetteer import PlaceTable
    from geo.geocoders.placetable import PlaceTableGeocoder
    from geo.library import ResultCache
    from geo.maps import build_map
    from geo.pipeline import Pipeline, engine_version

    articles, _ = load_folders(default_folders(folder))
    table = PlaceTable.load()
    cached = ResultCache(cache, version=engine_version(), settings="benchmark")
    incidents = Pipeline(table, PlaceTableGeocoder(table), cache=cached).run(articles).incidents
    start = time.perf_counter()
    html = build_map(incidents).get_root().render()
    return {
        "map_seconds": time.perf_counter() - start,
        "html_mib": len(html.encode()) / 2**20,
        "incidents_frame": incidents,
    }


def browser_figures(folder: Path, incidents, runs: int, scratch: Path) -> dict:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from tests.browser.app import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, RunningApp, wait_for_markers

    shown = incidents[incidents["is_incident"]]
    total = len(shown)
    data = scratch / "data"
    data.mkdir(exist_ok=True)
    app = RunningApp(folder, data)
    figures: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, OFFLINE], headless=True
            )

            def new_page():
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                return context, context.new_page()

            context, page = new_page()
            start = time.perf_counter()
            page.goto(app.url)
            wait_for_markers(page, total, 1_800)
            figures["first_open_s"] = time.perf_counter() - start
            context.close()

            # A person's first visit: a new browser, nothing of the page in its cache.
            opens = []
            for _ in range(runs):
                context, page = new_page()
                start = time.perf_counter()
                page.goto(app.url)
                wait_for_markers(page, total, 120)
                opens.append(time.perf_counter() - start)
                context.close()
            figures["open_to_markers_s"] = statistics.median(opens)

            # Coming back: the same browser opens the page again.
            context, page = new_page()
            page.goto(app.url)
            wait_for_markers(page, total, 120)
            reopens = []
            for _ in range(runs):
                start = time.perf_counter()
                page.goto(app.url)
                wait_for_markers(page, total, 120)
                reopens.append(time.perf_counter() - start)
            figures["reopen_to_markers_s"] = statistics.median(reopens)

            # Toggles before clicks: a click zooms in, and then fewer markers are on screen.
            layer, on_layer = _busiest_layer(shown)
            toggles = []
            checkbox = (
                page.get_by_test_id("stSidebar")
                .get_by_test_id("stCheckbox")
                .filter(has_text=layer)
                .get_by_text(layer, exact=True)
            )
            for index in range(runs * 2):
                start = time.perf_counter()
                checkbox.click()
                wait_for_markers(page, total - on_layer if index % 2 == 0 else total, 60)
                toggles.append(time.perf_counter() - start)
            figures["toggle_to_redrawn_s"] = statistics.median(toggles)
            figures["toggled_layer"] = f"{layer} ({on_layer} incidents)"

            try:
                figures["click_to_excerpt_s"] = _clicks(page, shown, runs, MAP_FRAME)
            except (PlaywrightError, AssertionError) as error:
                # A marker that moved under the pointer (clusters re-forming): say so, go on.
                figures["click_to_excerpt_s"] = f"not measured: {str(error).splitlines()[0]}"
            browser.close()
        figures.update({f"dashboard_{k}_mib": v / 1024 for k, v in app.memory_kib().items()})
    finally:
        app.stop()
    return figures


def _busiest_layer(shown) -> tuple[str, int]:
    """The date layer with the most incidents, and how many it has."""
    from geo.maps import grouping_for, layer_name

    grouping = grouping_for(shown["event_date"])
    counts = shown["event_date"].map(lambda d: layer_name(d, grouping)).value_counts()
    return counts.index[0], int(counts.iloc[0])


# Bring one incident's circle into view: the cluster holding it zooms in or spreads out.
SHOW_INCIDENT = """
(className) => new Promise(resolve => {
    const map = window.map;
    for (const id in map._layers) {
        const cluster = map._layers[id];
        if (!cluster.zoomToShowLayer) { continue; }
        const circle = cluster.getLayers().find(c => c.options.className === className);
        if (circle) { cluster.zoomToShowLayer(circle, () => setTimeout(resolve, 500)); return; }
    }
    resolve();
})
"""


TEXT_SHOWN = """
(text) => document.body.innerText.replace(/\\s+/g, " ").includes(text.replace(/\\s+/g, " "))
"""


def _clicks(page, shown, runs: int, map_frame: str) -> float:
    """Click single markers at different places; time until each one's sentence shows."""
    from tests.browser.app import clickable_markers

    frame = page.frame_locator(map_frame)
    map_window = page.locator(map_frame).element_handle().content_frame()
    places = shown.drop_duplicates(["latitude", "longitude"])
    places = places.sample(min(runs * 4, len(places)), random_state=1)
    times = []
    for row in places.itertuples():
        if len(times) == runs:
            break
        sentence = json.loads(row.excerpts)[0]["sentence"]
        if page.evaluate(TEXT_SHOWN, sentence):
            continue  # already on the page (the same sentence elsewhere): nothing to time
        map_window.evaluate(SHOW_INCIDENT, f"incident-{row.event_id}")
        if row.event_id not in clickable_markers(page):
            continue  # under another circle or a control
        # The pointer rests on the circle first: the time runs from the press, as for a person
        # (Playwright's click spends a tenth of a second on its own checks before it).
        box = frame.locator(f"path.incident-{row.event_id}").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        start = time.perf_counter()
        page.mouse.down()
        page.mouse.up()
        # Checked on every frame the page draws: expect() would look only every 100-500 ms.
        page.wait_for_function(TEXT_SHOWN, arg=sentence, polling="raf", timeout=30_000)
        times.append(time.perf_counter() - start)
    return statistics.median(times) if times else float("nan")


def measure(size: str, args, scratch: Path) -> dict:
    if size == "samples":
        folder = scratch / "articles"
        folder.mkdir()
    else:
        folder = write_corpus(scratch / "articles", generate(int(size), seed=args.seed))
    cache = scratch / "results"
    cold = fresh_process(folder, cache)
    warm = fresh_process(folder, cache)
    figures = {
        "articles": cold["articles"],
        "incidents": cold["incidents"],
        "place_table_load_s": cold["table_seconds"],
        "cold_articles_per_s": cold["articles"] / cold["seconds"],
        "cold_peak_mib": cold["peak_mib"],
        "warm_articles_per_s": warm["articles"] / warm["seconds"],
        "warm_peak_mib": warm["peak_mib"],
    }
    maps = map_figures(folder, cache)
    incidents = maps.pop("incidents_frame")
    figures.update(maps)
    if not args.no_browser:
        figures.update(browser_figures(folder, incidents, args.runs, scratch))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="article counts, or 'samples'")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="browser runs per figure (median)")
    parser.add_argument("--no-browser", action="store_true", help="engine and map figures only")
    parser.add_argument("--pipeline-run", nargs=2, metavar=("FOLDER", "CACHE"), help="internal")
    args = parser.parse_args(argv)
    if args.pipeline_run:
        print(json.dumps(pipeline_run(*args.pipeline_run)))
        return 0
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory(prefix=f"scale-{size}-") as scratch:
            figures = measure(size.strip(), args, Path(scratch))
        print(f"== {size} ==", flush=True)
        for key, value in figures.items():
            shown = f"{value:.3f}" if isinstance(value, float) else value
            print(f"{key:>24}: {shown}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
