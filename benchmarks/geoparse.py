"""Geoparser figures: scores on the gold, cold start, articles per second, peak memory.

    uv run python benchmarks/geoparse.py [--articles 3000] [--seed 7] [--save F | --compare F]

The corpus is generated from the gold articles' sentences with their places swapped for
random places of the table (see `corpus`), so that recognition and resolution meet real
sentence shapes and a wide range of names. Throughput counts
`find_mentions` + `locate` with the offline place-table geocoder, after start-up, on one core.

`--save` writes every mention and located mention (all their fields) of the gold texts, the
seeds, the incident texts, the corpus and a title-cased and a mixed copy of it to a file, and
`--compare` checks that the current code gives the same ones, so that a faster version can
be shown to give identical output.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recorded import save_or_compare  # noqa: E402

from geo.evaluate import load_gold, score  # noqa: E402
from geo.gazetteer import PlaceTable  # noqa: E402
from geo.geocoders.placetable import PlaceTableGeocoder  # noqa: E402
from geo.geocoders.settings import GeocoderSettings, build_geocoder  # noqa: E402
from geo.geocoding import locate  # noqa: E402
from geo.model import Article  # noqa: E402
from geo.overrides import OverrideTable  # noqa: E402
from geo.places import find_mentions  # noqa: E402
from geo.text import split_sentences  # noqa: E402

KINDS_BY_GOLD = {"village": "village", "city": "city", "admin1": "admin1", "country": "country"}


def corpus(table: PlaceTable, count: int, rng: random.Random) -> list[Article]:
    """Articles of ~2,500 characters made of the gold articles' sentences, shuffled, with
    each annotated village, town, province or country swapped for a random one of the
    region, so that the table is exercised beyond the gold's names."""
    pools: dict[str, list[str]] = {}
    for place in table.places:
        if place.country in ("AM", "AZ", "GE", "RU", "TR", "IR") or place.kind == "country":
            pools.setdefault(place.kind, []).append(place.name)
    sentences = []
    for item in load_gold():
        text = item.article.text
        for start, end in split_sentences(text):
            parts, cursor = [], start
            for m in item.mentions:
                if start <= m["start"] and m["end"] <= end and m["kind"] in KINDS_BY_GOLD:
                    parts += [text[cursor : m["start"]], rng.choice(pools[m["kind"]])]
                    cursor = m["end"]
            sentences.append("".join(parts) + text[cursor:end])
    articles = []
    for n in range(count):
        chosen: list[str] = []
        while sum(len(s) + 1 for s in chosen) < 2500:
            chosen.append(rng.choice(sentences))
        articles.append(Article(id=str(n), text="\n".join(chosen), title=""))
    return articles


def variants(articles: list[Article], rng: random.Random) -> list[Article]:
    """Copies of the corpus that take the rarer paths: every word capitalised (headlines,
    where many words look like names), and sentences upper- or lower-cased or glued together."""
    shaped = []
    for article in articles:
        shaped.append(
            dataclasses.replace(article, id=f"title{article.id}", text=article.text.title())
        )
        parts = []
        for line in article.text.split("\n"):
            form = rng.randrange(4)
            parts.append(line.upper() if form == 1 else line.lower() if form == 2 else line)
        glue = rng.choice([" ", "\n", "  ", ", "])
        shaped.append(dataclasses.replace(article, id=f"mixed{article.id}", text=glue.join(parts)))
    return shaped


def texts() -> list[Article]:
    """The gold texts, the seeds and the incident texts, whole."""
    found = [item.article for item in load_gold()]
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "gold" / "incidents" / "texts").glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        found.append(Article(id=f"{path.parent.name}/{path.name}", text=text, title=""))
    return found


def record(articles: list[Article], table: PlaceTable, geocoder) -> dict[str, list]:
    """Every field of every mention and located mention, by article id."""
    recorded = {}
    for article in articles:
        mentions = find_mentions(article, table)
        located = locate(article, mentions, geocoder)
        recorded[article.id] = {
            "mentions": [dataclasses.astuple(m) for m in mentions],
            "located": [
                [*dataclasses.astuple(lm.mention), lm.place and dataclasses.astuple(lm.place),
                 lm.precision, lm.provenance]
                for lm in located
            ],
        }  # fmt: skip
    return json.loads(json.dumps(recorded, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--save", type=Path, help="write every mention to this JSON file")
    parser.add_argument("--compare", type=Path, help="check every mention equals this JSON file")
    args = parser.parse_args()

    table = PlaceTable.load()
    geocoder = PlaceTableGeocoder(table)
    started = time.perf_counter() - START
    cold = time.perf_counter()
    PlaceTable.from_files()
    rebuild = time.perf_counter() - cold
    print(f"start-up (imports + cached table + geocoder): {started:.2f} s")
    print(f"table rebuilt from the CSV files (first run, no cache): {rebuild:.2f} s")
    print(f"table: {len(table.places)} places, {len(table.by_key)} names")

    print(f"gold ({len(load_gold())} articles): {score(load_gold(), table, geocoder).summary()}")

    articles = corpus(table, args.articles, random.Random(args.seed))
    chars = sum(len(a.text) for a in articles)
    mentions = 0
    began, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        mentions += len(locate(article, find_mentions(article, table), geocoder))
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"corpus: {len(articles)} articles, {chars / len(articles):.0f} chars each, "
        f"{mentions / len(articles):.1f} mentions each"
    )
    print(
        f"find_mentions + locate: {len(articles) / elapsed:.0f} articles/s wall clock, "
        f"{len(articles) / cpu:.0f} articles/s of CPU time ({cpu * 1000 / len(articles):.2f} ms "
        f"an article; the CPU figure is steadier on a shared machine)"
    )
    found = [find_mentions(article, table) for article in articles]
    cpu = time.process_time()
    for article in articles:
        find_mentions(article, table)
    recognition = time.process_time() - cpu
    cpu = time.process_time()
    for article, article_mentions in zip(articles, found, strict=True):
        locate(article, article_mentions, geocoder)
    resolution = time.process_time() - cpu
    print(
        f"  of which find_mentions {recognition * 1000 / len(articles):.2f} ms, "
        f"locate {resolution * 1000 / len(articles):.2f} ms an article (CPU time, second pass)"
    )
    with tempfile.TemporaryDirectory() as folder:
        settings = GeocoderSettings(overrides_path=Path(folder) / "overrides.csv")
        OverrideTable(settings.overrides_path).set("Xyzabad", 40.0, 45.0, kind="village")
        chain = build_geocoder(settings, [geocoder])
        cpu = time.process_time()
        for article, article_mentions in zip(articles, found, strict=True):
            locate(article, article_mentions, chain)
        chained = time.process_time() - cpu
    print(
        f"  locate through the chain of extract (one manual fix, then the place table): "
        f"{chained * 1000 / len(articles):.2f} ms an article"
    )
    for path in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        sample = Article(id=path.stem, text=path.read_text(encoding="utf-8"), title="")
        cpu = time.process_time()
        for _ in range(500):
            found = locate(sample, find_mentions(sample, table), geocoder)
        rate = 500 / (time.process_time() - cpu)
        print(
            f"  sample {path.name}: {len(sample.text)} chars, {len(found)} mentions, "
            f"{rate:.0f} articles/s of CPU time"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")
    if args.save or args.compare:
        every = texts() + articles + variants(articles, random.Random(args.seed))
        recorded = record(every, table, PlaceTableGeocoder(table))
        save_or_compare(recorded, save=args.save, compare=args.compare, what="mentions")


if __name__ == "__main__":
    main()
