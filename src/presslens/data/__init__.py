"""The word tables and lexicons presslens ships, one JSON file each, and the one loader that reads them.

Every table is read at most once per process, when an extractor first needs it (never at import):
``load("cues.json")``. The files document themselves (an ``about`` key); ``data/README.md`` lists them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The JSON object of ``presslens/data/<name>``, cached per process. Callers must not mutate it."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return dict(json.loads(text))
