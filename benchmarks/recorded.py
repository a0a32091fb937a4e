"""Save a benchmark's full output, or check it equals a saved one.

A faster version of a stage is shown to give identical output by saving every article's
output with the old code (`--save FILE`) and comparing with the new (`--compare FILE`); a
difference exits with status 1 after listing the first few articles that differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def save_or_compare(
    recorded: dict[str, object], *, save: Path | None, compare: Path | None, what: str
) -> None:
    """`recorded` maps an article id to its output: a list, or a dict of lists by part."""
    if save:
        save.write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
        print(f"{len(recorded)} articles' {what} written to {save}")
    if not compare:
        return
    expected = json.loads(compare.read_text(encoding="utf-8"))
    differ = [key for key in expected if expected[key] != recorded.get(key)]
    print(f"compared with {compare}: {len(differ)} of {len(expected)} articles differ")
    for key in differ[:5]:
        before, after = expected[key], recorded.get(key)
        parts = before if isinstance(before, dict) else {"": before}
        for part, items in parts.items():
            got = (after or {}).get(part, []) if part else (after or [])
            label = f"{key} {part}" if part else key
            print(f"  {label}: only before {[item for item in items if item not in got]}")
            print(f"  {label}: only after {[item for item in got if item not in items]}")
    if differ or set(expected) != set(recorded):
        sys.exit(1)
