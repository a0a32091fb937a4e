"""Date accuracy and speed: geo.dates rules against dateparser on tests/gold/dates.tsv.

    uv run python benchmarks/dates.py [-v]

dateparser gets its best settings for news (Spanish and English, the publication date as
RELATIVE_BASE, dates from the past) and `search_dates`, since the forms sit inside clauses.
"""

from __future__ import annotations

import argparse
import time
import warnings
from datetime import date, datetime
from pathlib import Path

from dateparser.search import search_dates

from geo.dates import resolve_date

CASES = Path(__file__).resolve().parent.parent / "tests" / "gold" / "dates.tsv"


def _dateparser(text: str, published: date) -> date | None:
    settings = {
        "RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
    }
    found = search_dates(text, languages=["es", "en"], settings=settings)
    return found[0][1].date() if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="show each case")
    args = parser.parse_args()
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines()[2:] if line]
    cases = []
    for line in lines:
        text, published, expected, _ = line.split("\t")
        cases.append((text, date.fromisoformat(published), date.fromisoformat(expected)))
    warnings.simplefilter("ignore")
    _dateparser("hoy", date(2022, 1, 1))  # load its language data before timing
    for name, resolve in (("geo.dates", lambda t, p: resolve_date(t, p)[0]),
                          ("dateparser", _dateparser)):  # fmt: skip
        started = time.perf_counter()
        results = [resolve(text, published) for text, published, _ in cases]
        elapsed = (time.perf_counter() - started) / len(cases) * 1000
        right = sum(got == expected for got, (_, _, expected) in zip(results, cases, strict=True))
        print(f"{name:11} {right}/{len(cases)} dates right, {elapsed:.2f} ms per expression")
        if args.verbose:
            for got, (text, _, expected) in zip(results, cases, strict=True):
                if got != expected:
                    print(f"    {text!r}: got {got}, expected {expected}")


if __name__ == "__main__":
    main()
