"""`python -m geo`: the engine from the command line, for scripts and other tools.

python -m geo extract FILE... [--published YYYY-MM-DD] [--format json|geojson|csv]
python -m geo export [FOLDER...] --format csv|geojson|gpkg [--output PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from geopy.exc import ConfigurationError

from geo.articles import (
    MANIFEST,
    ArticleError,
    default_folders,
    load_folders,
    manifest_entries,
    parse_article,
    read_limited,
)
from geo.gazetteer import PlaceTable
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.geocoders.settings import (
    add_geocode_arguments,
    add_geocoder_arguments,
    build_geocoder,
    geocode_command,
    settings_from_args,
)
from geo.incidents import FORMATS, build_incidents, incidents_to_bytes, to_geodataframe
from geo.manifest import parse_date
from geo.model import Article, Incident, Problem
from geo.pipeline import ArticleResult, Pipeline


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except ConfigurationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="places and incidents of article files")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--published", type=_iso_date, help="publication date (YYYY-MM-DD)")
    extract.add_argument("--format", choices=("json", "geojson", "csv"), default="json")
    add_geocoder_arguments(extract)
    extract.set_defaults(handler=extract_command)

    export = commands.add_parser("export", help="every incident of the article folders")
    export.add_argument("folders", nargs="*", type=Path, metavar="FOLDER")
    export.add_argument("--format", choices=FORMATS, default="csv")
    export.add_argument("--output", type=Path, help="file to write (required for gpkg)")
    export.add_argument("--mentions", action="store_true", help="also places only named")
    add_geocoder_arguments(export)
    export.set_defaults(handler=export_command)

    geocode = commands.add_parser("geocode", help="where a place name is")
    add_geocode_arguments(geocode)
    geocode.set_defaults(
        handler=lambda args: geocode_command(args, [PlaceTableGeocoder(PlaceTable.load())])
    )
    return parser


def _iso_date(value: str):
    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2022-08-04") from error


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)


def read_file(path: Path, manifests: dict[str, dict] | None = None) -> Article:
    """One article file, with its row of the manifest beside it when there is one.

    `manifests` keeps each folder's manifest read once, for a call per file of a big folder;
    folders are named by string, as hashing a new `Path` for each file cost a tenth of reading.
    """
    data = read_limited(path)
    manifests = {} if manifests is None else manifests
    folder = os.path.dirname(path)
    entries = manifests.get(folder)
    if entries is None:
        entries = manifests[folder] = manifest_entries(Path(folder, MANIFEST))[0]
    return parse_article(path.name, data, path=path, metadata=entries.get(path.name))


def pipeline_for(args: argparse.Namespace) -> Pipeline:
    """The engine with the geocoder the options ask for; its notices go to stderr. Places
    merely named become events only for `export --mentions`."""
    table = PlaceTable.load()
    chain = build_geocoder(
        settings_from_args(args),
        [PlaceTableGeocoder(table)],
        on_notice=lambda text: print(f"notice: {text}", file=sys.stderr),
    )
    return Pipeline(table, chain, named=getattr(args, "mentions", False))


def extract_command(args: argparse.Namespace) -> int:
    articles, failed = read_files(args.files, published=args.published)
    with collector_paused():
        # The engine and its results are gone by the end of this line, while the collector is
        # still paused: back, its first round would walk every object they hold (1% of the run).
        write_extracted(pipeline_for(args).results(articles), args.format)
    return 1 if failed else 0


def write_extracted(results: list[ArticleResult], output_format: str) -> None:
    """Print the places and incidents of `results` in the format `extract` was asked for; the
    results' events are incidents only (`pipeline_for`)."""
    if output_format == "json":
        print(extract_json(results, [build_incidents(r.events) for r in results]))
    else:
        incidents = build_incidents([event for r in results for event in r.events])
        sys.stdout.buffer.write(incidents_to_bytes(to_geodataframe(incidents), output_format))


@contextlib.contextmanager
def collector_paused():
    """No cyclic garbage collection for a while, then as before: extract makes thousands of
    objects an article and keeps them, which the collector would walk again and again for the
    few cycles among them (1-5% of extract's time). What was made meanwhile is best freed
    before the end: the collector's first round after it walks whatever is left."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_files(paths: list[Path], *, published: date | None = None) -> tuple[list[Article], int]:
    """The articles of `paths` that can be read, and how many cannot (each named on stderr)."""
    articles, failed, manifests = [], 0, {}
    for path in paths:
        try:
            article = read_file(path, manifests)
        except (ArticleError, OSError) as error:
            print(f"error: {path}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
            failed += 1
            continue
        articles.append(replace(article, published=published) if published else article)
    return articles, failed


def extract_json(results: list[ArticleResult], incidents: list[list[Incident]]) -> str:
    """The `extract --format json` document: each article's places and its own incidents.

    Laid out as `json.dumps(document, ensure_ascii=False, indent=2)` lays it out, at several
    times its speed: with an indent `json` encodes value by value in Python; here an article's
    mentions, and its incidents, are one call of the C encoder, whose item separator makes
    their lines.
    """
    if not results:
        return '{\n  "articles": []\n}'
    articles = ",\n".join(map(_article_json, results, incidents))
    return '{\n  "articles": [\n' + articles + "\n  ]\n}"


_VALUE = json.JSONEncoder(ensure_ascii=False).encode
_ITEM = ",\n" + " " * 10
_ROWS = json.JSONEncoder(ensure_ascii=False, separators=(_ITEM, ": ")).encode


def _article_json(result: ArticleResult, incidents: list[Incident]) -> str:
    """One article of the document, with `incidents` merged from its events (incidents only)."""
    article = result.article
    mentions = [
        {
            "text": located.mention.text,
            "start": located.mention.start,
            "end": located.mention.end,
            "name": located.place.name if located.place else None,
            "lat": located.place.lat if located.place else None,
            "lon": located.place.lon if located.place else None,
            "kind": located.place.kind if located.place else None,
            "precision": located.precision if located.place else None,
            "geonames_id": located.place.geonames_id if located.place else None,
        }
        for located in result.located
    ]
    shown = [
        {
            "name": incident.location,
            "lat": incident.lat,
            "lon": incident.lon,
            "date": incident.event_date.isoformat() if incident.event_date else None,
            "type": incident.event_type,
            "excerpt": incident.excerpts[0].sentence if incident.excerpts else "",
        }
        for incident in incidents
    ]
    path = str(article.path) if article.path else None
    published = article.published.isoformat() if article.published else None
    return (
        "    {\n"
        f'      "path": {_VALUE(path)},\n'
        f'      "published": {_VALUE(published)},\n'
        f'      "mentions": {_rows(mentions)},\n'
        f'      "incidents": {_rows(shown)}\n'
        "    }"
    )


def _rows(rows: list[dict]) -> str:
    """A list of dicts of plain values, at the depth of an article's mentions and incidents.

    Encoded at once, the dicts come apart by the item separator too; only there does it stand
    between "}" and "{", as a string escapes its line breaks.
    """
    if not rows:
        return "[]"
    items = _ROWS(rows)[2:-2].replace("}" + _ITEM + "{", "\n        },\n        {\n          ")
    return "[\n        {\n          " + items + "\n        }\n      ]"


def export_command(args: argparse.Namespace) -> int:
    if args.format == "gpkg" and args.output is None:
        print("error: --format gpkg needs --output FILE.gpkg", file=sys.stderr)
        return 2
    articles, problems = load_folders(args.folders or default_folders())
    _report(problems)
    incidents = pipeline_for(args).run(articles).incidents
    data = incidents_to_bytes(incidents, args.format)
    if args.output:
        args.output.write_bytes(data)
        print(f"{len(incidents)} incidents written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0
