"""Score recognition and resolution against gold annotations.

A gold file (`tests/gold/*.json`) names its text file and lists every place-name string with
its offsets and, where known, the coordinate and where that coordinate comes from.
Recognition is scored by exact span; resolution by the share of gold places (countries left
out) that were found and put within 161 km, and of towns, villages, lakes and mountains put
within 25 km. A place missed by recognition counts as a resolution miss too.

    uv run python -m geo.evaluate [GOLD_DIR]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from geopy.geocoders.base import Geocoder

from geo.gazetteer import PlaceTable, distance_km
from geo.geocoders.placetable import PlaceTableGeocoder
from geo.geocoding import locate
from geo.model import Article
from geo.paths import PROJECT_ROOT
from geo.places import find_mentions

GOLD_DIR = PROJECT_ROOT / "tests" / "gold"
NEAR_KM, FAR_KM = 25.0, 161.0
LOCAL_KINDS = frozenset({"city", "village", "lake", "mountain"})


@dataclass
class GoldArticle:
    name: str
    article: Article
    mentions: list[dict]


@dataclass
class Scores:
    """Counts over all articles scored, and the misses that explain them."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    placed: int = 0
    within_far: int = 0
    resolved: int = 0
    """Of the `placed`, those found and given a point: the other reading of "resolved places
    within 161 km", which leaves out what the tool admits it cannot place."""
    local: int = 0
    within_near: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def share_within_far(self) -> float:
        return self.within_far / self.placed if self.placed else 0.0

    @property
    def share_of_resolved_within_far(self) -> float:
        return self.within_far / self.resolved if self.resolved else 0.0

    @property
    def share_within_near(self) -> float:
        return self.within_near / self.local if self.local else 0.0

    def summary(self) -> str:
        return (
            f"recognition P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} "
            f"(tp {self.true_positives}, fp {self.false_positives}, fn {self.false_negatives}); "
            f"non-country places within {FAR_KM:.0f} km {self.share_within_far:.1%} "
            f"({self.within_far}/{self.placed}; {self.share_of_resolved_within_far:.1%} of the "
            f"{self.resolved} resolved); towns, villages, lakes, mountains within "
            f"{NEAR_KM:.0f} km {self.share_within_near:.1%} ({self.within_near}/{self.local})"
        )


def load_gold(folder: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every gold file of the folder with the article text it annotates."""
    gold = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (PROJECT_ROOT / data["text_file"]).read_text(encoding="utf-8")
        article = Article(id=path.stem, text=text, title="", source=data.get("outlet", ""))
        gold.append(GoldArticle(path.stem, article, data["mentions"]))
    return gold


def score(
    gold: list[GoldArticle], table: PlaceTable, geocoder: Geocoder, scores: Scores | None = None
) -> Scores:
    """Run recognition and resolution on the gold articles and count how they did."""
    scores = scores or Scores()
    for item in gold:
        located = locate(item.article, find_mentions(item.article, table), geocoder)
        found = {(lm.mention.start, lm.mention.end): lm for lm in located}
        expected = {(m["start"], m["end"]): m for m in item.mentions}
        for span, lm in found.items():
            if span in expected:
                scores.true_positives += 1
            else:
                scores.false_positives += 1
                scores.misses.append(f"{item.name}: extra {lm.mention.text!r} at {span[0]}")
        for span, mention in expected.items():
            if span not in found:
                scores.false_negatives += 1
                scores.misses.append(f"{item.name}: missed {mention['text']!r} at {span[0]}")
            _score_place(item.name, mention, found.get(span), scores)
    return scores


def _score_place(name: str, mention: dict, located, scores: Scores) -> None:
    if mention.get("lat") is None or mention.get("kind") == "country":
        return
    place = located.place if located else None
    km = distance_km(mention["lat"], mention["lon"], place.lat, place.lon) if place else None
    scores.placed += 1
    scores.resolved += place is not None
    scores.within_far += km is not None and km <= FAR_KM
    if mention["kind"] in LOCAL_KINDS:
        scores.local += 1
        scores.within_near += km is not None and km <= NEAR_KM
    if km is None or km > NEAR_KM:
        where = f"{km:.0f} km off ({place.name})" if place else "unresolved"
        scores.misses.append(f"{name}: {mention['text']!r} at {mention['start']} {where}")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else GOLD_DIR
    table = PlaceTable.load()
    geocoder = PlaceTableGeocoder(table)
    gold = load_gold(folder)
    for item in gold:
        print(f"{item.name:24} {score([item], table, geocoder).summary()}")
    total = score(gold, table, geocoder)
    print(f"{'ALL':24} {total.summary()}")
    for miss in total.misses:
        print("  " + miss)


if __name__ == "__main__":
    main()
