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
does) and driven by headless Chromium with every request off 127.0.0.1 refused: time from
page open to every marker drawn (clusters count their markers), from a marker click to its
excerpt in the side panel, from a sidebar date toggle to the redrawn map (medians of `--runs`),
and the dashboard's memory. The dashboard's first open, while its engine reads every article,
is timed apart. Figures only: nothing here passes or fails.
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
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.app import (
        CHROMIUM,
        CHROMIUM_ARGS,
        MAP_FRAME,
        RunningApp,
        only_local,
        wait_for_markers,
    )

    shown = incidents[incidents["is_incident"]]
    total = len(shown)
    data = scratch / "data"
    data.mkdir(exist_ok=True)
    app = RunningApp(folder, data)
    figures: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            only_local(context)
            page = context.new_page()

            start = time.perf_counter()
            page.goto(app.url)
            wait_for_markers(page, total, 1_800)
            figures["first_open_s"] = time.perf_counter() - start

            opens = []
            for _ in range(runs):
                start = time.perf_counter()
                page.goto(app.url)
                wait_for_markers(page, total, 120)
                opens.append(time.perf_counter() - start)
            figures["open_to_markers_s"] = statistics.median(opens)

            try:
                figures["click_to_excerpt_s"] = _clicks(page, shown, runs, expect, MAP_FRAME)
            except (PlaywrightError, AssertionError) as error:
                # A marker that moved under the pointer (clusters re-forming): say so, go on.
                figures["click_to_excerpt_s"] = f"not measured: {str(error).splitlines()[0]}"

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


def _clicks(page, shown, runs: int, expect, map_frame: str) -> float:
    """Click single markers at different places; time until each one's sentence shows."""
    from tests.browser.app import clickable_markers, open_cluster

    frame = page.frame_locator(map_frame)
    # Zoom in by clicking the largest cluster until single circles are on screen.
    for _ in range(8):
        if len(clickable_markers(page)) >= runs + 1 or not open_cluster(page, largest=False):
            break
    by_id = shown.set_index("event_id")
    times, seen = [], set()
    for event_id in clickable_markers(page):
        if len(times) == runs:
            break
        row = by_id.loc[event_id]
        place = (row["latitude"], row["longitude"])
        if place in seen:
            continue
        seen.add(place)
        sentence = json.loads(row["excerpts"])[0]["sentence"]
        start = time.perf_counter()
        frame.locator(f"path.incident-{event_id}").click(force=True)
        expect(page.get_by_text(sentence).first).to_be_visible(timeout=30_000)
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
