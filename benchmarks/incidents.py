"""Incident precision/recall and date accuracy on the gold in tests/gold/incidents/.

    uv run python benchmarks/incidents.py [-v] [--pipeline] [NAME ...]

By default places are found by hand (tests/handmade.py: whole-word matches with approximate
coordinates), so the figures measure event detection, dating and merging alone, not
recognition or geocoding; `--pipeline` finds and geocodes them with the project's place
table instead (geo.places + geo.geocoding), end to end. An incident matches a gold one when
its event type and date are equal and its place is the same or within 10 km. Date accuracy
is over the incidents that match on place and type, whatever their date.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from handmade import locate_by_find  # noqa: E402

from geo.events import detect_events  # noqa: E402
from geo.gazetteer import PlaceTable  # noqa: E402
from geo.geocoders.placetable import PlaceTableGeocoder  # noqa: E402
from geo.geocoding import locate  # noqa: E402
from geo.incidents import _km, build_incidents  # noqa: E402
from geo.model import Article  # noqa: E402
from geo.places import find_mentions  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "incidents"
MAX_KM = 10.0


def _near(incident, gold) -> bool:
    return incident.location == gold["location"] or (
        _km(incident.lat, incident.lon, gold["latitude"], gold["longitude"]) <= MAX_KM
    )


def _named(incident, names: list[str]) -> bool:
    return incident.location.lower() in {n.lower() for n in names}


def _match(predicted, golds, *, with_date: bool) -> list[tuple]:
    pairs, free = [], list(predicted)
    for gold in golds:
        for incident in free:
            same_date = incident.event_date == date.fromisoformat(gold["event_date"])
            if incident.event_type == gold["event_type"] and _near(incident, gold):
                if with_date and not same_date:
                    continue
                pairs.append((incident, gold))
                free.remove(incident)
                break
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every incident")
    parser.add_argument("--pipeline", action="store_true", help="recognise and geocode places")
    parser.add_argument("names", nargs="*", help="score only these gold files (stems)")
    args = parser.parse_args()
    find = locate_by_find
    if args.pipeline:
        table = PlaceTable.load()
        geocoder = PlaceTableGeocoder(table)

        def find(article):
            return locate(article, find_mentions(article, table), geocoder)

    totals = dict(gold=0, predicted=0, matched=0, placed=0, dated=0, figures=0, figures_ok=0,
                  leaks=0)  # fmt: skip
    elapsed = 0.0
    for path in sorted(GOLD.glob("*.json")):
        if args.names and path.stem not in args.names:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = Article(
            id=path.stem,
            text=(ROOT / gold["text"]).read_text(encoding="utf-8"),
            title=gold["title"],
            published=date.fromisoformat(gold["published"]),
            source=gold["source"],
        )
        located = find(article)
        started = time.perf_counter()
        incidents = build_incidents(detect_events(article, located))
        elapsed += time.perf_counter() - started
        predicted = [i for i in incidents if i.is_incident]
        matched = _match(predicted, gold["incidents"], with_date=True)
        placed = _match(predicted, gold["incidents"], with_date=False)
        dated = sum(i.event_date == date.fromisoformat(g["event_date"]) for i, g in placed)
        figures = [(i, g) for i, g in matched if "fatalities" in g]
        leaks = [i for i in predicted if _named(i, gold["not_incidents"])]
        for key, value in (("gold", len(gold["incidents"])), ("predicted", len(predicted)),
                           ("matched", len(matched)), ("placed", len(placed)), ("dated", dated),
                           ("figures", len(figures)), ("leaks", len(leaks)),
                           ("figures_ok", sum(i.fatalities == g["fatalities"]
                                              for i, g in figures))):  # fmt: skip
            totals[key] += value
        print(
            f"{path.stem:26} gold {len(gold['incidents']):2}  predicted {len(predicted):2}  "
            f"matched {len(matched):2}  statements as incidents {len(leaks)}"
        )
        if args.verbose:
            hits = {id(i) for i, _ in matched}
            for i in predicted:
                mark = "ok " if id(i) in hits else "XX "
                print(f"   {mark}{i.location:18} {i.event_type:28} {i.event_date} "
                      f"p{i.time_precision} fat={i.fatalities} wnd={i.wounded}")  # fmt: skip
            found = {id(g) for _, g in matched}
            for g in gold["incidents"]:
                if id(g) not in found:
                    print(f"   missed {g['location']:15} {g['event_type']:28} {g['event_date']}")
    precision = totals["matched"] / totals["predicted"] if totals["predicted"] else 0.0
    recall = totals["matched"] / totals["gold"] if totals["gold"] else 0.0
    print(
        f"\nincidents (place+type+date): precision {precision:.2f} "
        f"({totals['matched']}/{totals['predicted']}), recall {recall:.2f} "
        f"({totals['matched']}/{totals['gold']})"
    )
    if totals["placed"]:
        print(
            f"date accuracy on place+type matches: {totals['dated'] / totals['placed']:.2f} "
            f"({totals['dated']}/{totals['placed']})"
        )
    tolls = f"{totals['figures_ok']}/{totals['figures']}"
    print(f"fatalities exact on matched gold with a toll: {tolls}")
    print(f"statements or actors wrongly made incidents: {totals['leaks']}")
    print(f"detect_events + build_incidents: {elapsed * 1000:.1f} ms for all texts")


if __name__ == "__main__":
    main()
