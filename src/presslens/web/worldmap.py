"""The search page's map, drawn offline: the world outline shipped as ``static/world.svg`` (Natural Earth
1:110m, public domain; made by ``bench/world_outline.py``, served by this server, cached by the browser)
under one point per place of the results.

The projection is the outline's own equirectangular one (``data/world.json``): x = (lon + 180) * scale,
y = (lat_top - lat) * scale.
A point's area follows its number of articles; its link (when given) filters the search to the place.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..data import load

MAX_RADIUS = 9.0
MIN_RADIUS = 2.5


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) of a point in the outline's coordinates (latitudes clamped to the outline's range)."""
    w = load("world.json")
    lat = max(w["lat_bottom"], min(w["lat_top"], lat))
    return round((lon + 180.0) * w["scale"], 1), round((w["lat_top"] - lat) * w["scale"], 1)


def world_map(places: list[dict[str, Any]], link: Callable[[dict[str, Any]], str | None] | None = None) -> dict[str, Any]:
    """The outline's size and a point per place that has ``coordinates``; each point has
    ``x``, ``y``, ``r``, ``label`` ("Name: N articles") and ``href`` (``link(place)``, or None)."""
    w = load("world.json")
    located = [p for p in places if p.get("coordinates")]
    top = max((int(p["n"]) for p in located), default=1)
    points = []
    for p in sorted(located, key=lambda p: -int(p["n"])):  # biggest first, so small points stay on top
        x, y = project(float(p["coordinates"][0]), float(p["coordinates"][1]))
        r = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(int(p["n"]) / top)
        n = int(p["n"])
        points.append({
            "x": x, "y": y, "r": round(r, 1), "label": f"{p['value']}: {n} article{'' if n == 1 else 's'}",
            "href": link(p) if link else None,
        })
    return {
        "width": w["width"], "height": w["height"], "points": points,
        "unplaced": [p["value"] for p in places if not p.get("coordinates")],
    }
