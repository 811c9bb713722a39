"""Server-side SVG charts as plain data (coordinates and labels); templates draw them, escaping every label.

- ``figures_chart``: the figures each outlet claimed, over time (x: publication date, y: the value, one
  colour per outlet, one panel per category).
- ``wording_chart``: loaded wording by outlet (bars: count per outlet and voice).
- ``timeline``: dots on a date axis, one row per outlet (an entity's quotes across outlets).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..readers.timefmt import iso_day

WIDTH = 640
ROW = 22
PAD_LEFT = 150
PAD_RIGHT = 20
N_COLOURS = 8


def _x(d: date | None, lo: date, hi: date) -> float:
    if d is None:
        return float(PAD_LEFT)
    span = max(1, (hi - lo).days)
    return PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) * (d - lo).days / span


def figures_chart(compare: dict[str, Any]) -> list[dict[str, Any]]:
    """One panel per claim category: points (x, y, outlet colour, label) over a shared date axis."""
    outlets = [o["outlet"] for o in compare.get("outlets") or []]
    colour = {o: i % N_COLOURS for i, o in enumerate(outlets)}
    by_cat: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for o in compare.get("outlets") or []:
        for c in o["claims"]:
            if c.get("value") is not None:
                by_cat.setdefault(c.get("category") or "other", []).append((o["outlet"], c))
    days = [d for pts in by_cat.values() for _, c in pts if (d := iso_day(c.get("published")))]
    lo, hi = (min(days), max(days)) if days else (date(2000, 1, 1), date(2000, 1, 2))
    panels = []
    height = 120
    for cat, pts in sorted(by_cat.items()):
        vmax = max(float(c["value"]) for _, c in pts) or 1.0
        points = []
        for outlet, c in pts:
            y = 10 + (height - 30) * (1 - float(c["value"]) / vmax)
            points.append({
                "x": round(_x(iso_day(c.get("published")), lo, hi), 1), "y": round(y, 1), "colour": colour[outlet],
                "label": f"{outlet}: {c.get('text')} ({c.get('published') or 'undated'})",
            })
        panels.append({
            "category": cat, "height": height, "width": WIDTH, "points": points, "vmax": vmax,
            "lo": lo.isoformat() if days else "", "hi": hi.isoformat() if days else "",
        })
    return panels


def wording_chart(compare: dict[str, Any]) -> dict[str, Any]:
    """Bars: loaded-wording count per outlet, split by voice."""
    rows = []
    voices = ("narrator", "reported", "quoted")
    top = 1
    for o in compare.get("outlets") or []:
        counts = {v: sum(w["n"] for w in o["wording"].get(v, [])) for v in voices}
        top = max(top, sum(counts.values()))
        rows.append((o["outlet"], counts))
    bars = []
    scale = (WIDTH - PAD_LEFT - PAD_RIGHT) / top
    for i, (outlet, counts) in enumerate(rows):
        x = float(PAD_LEFT)
        segs = []
        for v in voices:
            w = counts[v] * scale
            if counts[v]:
                segs.append({"x": round(x, 1), "w": round(w, 1), "voice": v, "n": counts[v]})
            x += w
        bars.append({"y": 5 + i * ROW, "outlet": outlet, "segments": segs, "total": sum(counts.values())})
    return {"width": WIDTH, "height": 10 + ROW * max(1, len(bars)), "bars": bars, "top": top}


def timeline(items: list[dict[str, Any]], label_key: str = "content_text") -> dict[str, Any]:
    """Dots per item on a date axis, one row per outlet."""
    outlets = list(dict.fromkeys(i.get("outlet") or "(unknown outlet)" for i in items))
    days = [d for i in items if (d := iso_day(i.get("published")))]
    lo, hi = (min(days), max(days)) if days else (date(2000, 1, 1), date(2000, 1, 2))
    dots = []
    for it in items:
        o = it.get("outlet") or "(unknown outlet)"
        row = outlets.index(o)
        dots.append({
            "x": round(_x(iso_day(it.get("published")), lo, hi), 1), "y": 12 + row * ROW, "colour": row % N_COLOURS,
            "label": f"{o}, {it.get('published') or 'undated'}: {it.get(label_key) or ''}"[:300],
        })
    return {
        "width": WIDTH, "height": 24 + ROW * max(1, len(outlets)),
        "rows": [{"y": 16 + i * ROW, "outlet": o} for i, o in enumerate(outlets)], "dots": dots,
        "lo": lo.isoformat() if days else "", "hi": hi.isoformat() if days else "",
    }
