"""Where the project keeps what it ships and what the user makes.

`data/` holds the shipped place tables; the user's manual fixes and every cache go under the
data folder too, which `INCIDENT_ATLAS_DATA` moves elsewhere (the tests give each run its own).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA = PROJECT_ROOT / "data"
ENV_DATA = "INCIDENT_ATLAS_DATA"


def data_dir() -> Path:
    """The folder for the user's fixes and the caches: $INCIDENT_ATLAS_DATA, else data/."""
    return Path(os.environ.get(ENV_DATA) or SHIPPED_DATA).expanduser()


def cache_dir() -> Path:
    return data_dir() / "cache"
