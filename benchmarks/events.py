"""Event detection speed: ms per article and articles per second for `detect_events`.

    uv run python benchmarks/events.py [--articles 400] [--seed 7] [--save F | --compare F]

The corpus is made of the sentences of the seed and gold incident texts, shuffled into
articles of ~2,500 characters, some of them split into lines (so that a line without a full
stop is a heading) and one in ten without a publication date; places are found and geocoded
once with the offline place table (not timed). `--save` writes every event's fields to a
file and `--compare` checks that the current code produces the same ones, so that a faster
version can be shown to give identical output.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recorded import save_or_compare  # noqa: E402

from geo.events import detect_events  # noqa: E402
from geo.gazetteer import PlaceTable  # noqa: E402
from geo.geocoders.placetable import PlaceTableGeocoder  # noqa: E402
from geo.geocoding import locate  # noqa: E402
from geo.model import Article  # noqa: E402
from geo.places import find_mentions  # noqa: E402
from geo.text import split_sentences  # noqa: E402

TEXTS = [*sorted((ROOT / "seeds").glob("*.txt")),
         *sorted((ROOT / "tests" / "gold" / "incidents" / "texts").glob("*.txt"))]  # fmt: skip
SIZE = 2500


def corpus(count: int, rng: random.Random) -> list[Article]:
    sentences = []
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        sentences += [text[s:e] for s, e in split_sentences(text)]
    articles = []
    for number in range(count):
        parts, size = [], 0
        while size < SIZE:
            sentence = rng.choice(sentences)
            parts.append(sentence + ("\n" if rng.random() < 0.2 else " "))
            size += len(sentence) + 1
        published = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
        if rng.random() < 0.1:
            published = None
        text = "".join(parts).rstrip()
        articles.append(Article(id=f"a{number}", text=text, title="", published=published))
    return articles


def record(events) -> list:
    return [
        [
            e.article_id,
            e.location.mention.start,
            e.location.mention.end,
            e.location.place.name,
            e.location.place.kind,
            e.location.place.lat,
            e.location.place.lon,
            e.event_type,
            e.sub_event_type,
            str(e.event_date),
            e.time_precision,
            e.fatalities,
            e.wounded,
            e.is_incident,
            e.excerpt.sentence,
            [list(span) for span in e.excerpt.highlights],
        ]
        for e in events
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is kept")
    parser.add_argument("--save", type=Path, help="write the events to this JSON file")
    parser.add_argument("--compare", type=Path, help="check the events equal this JSON file")
    args = parser.parse_args()
    articles = corpus(args.articles, random.Random(args.seed))
    table = PlaceTable.load()
    geocoder = PlaceTableGeocoder(table)
    located = [locate(a, find_mentions(a, table), geocoder) for a in articles]
    best = float("inf")
    for _ in range(args.repeat):
        started = time.process_time()
        results = [detect_events(a, lm) for a, lm in zip(articles, located, strict=True)]
        best = min(best, time.process_time() - started)
    chars = sum(len(a.text) for a in articles) / len(articles)
    events = sum(len(r) for r in results)
    print(f"{len(articles)} articles of ~{chars:.0f} characters, {events} events")
    print(f"detect_events: {best / len(articles) * 1000:.3f} ms per article, "
          f"{len(articles) / best:.0f} articles/s (CPU time, best of {args.repeat})")  # fmt: skip
    recorded = {a.id: record(r) for a, r in zip(articles, results, strict=True)}
    save_or_compare(recorded, save=args.save, compare=args.compare, what="events")


if __name__ == "__main__":
    main()
