"""Server-side SVG charts as plain data (coordinates and labels); templates draw them, escaping every label.

- ``figures_chart``: one chart per main quantity of the compare figures table (x: as-of date, y: the value with
  its unit, one colour per outlet, a differing figure drawn hollow).
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


def _y_ticks(vmax: float) -> list[float]:
    """0, the middle and the top of a value axis, on round numbers."""
    if vmax <= 0:
        return [0.0, 1.0]
    step = 10 ** max(0, len(str(int(vmax))) - 1)
    top = (int(vmax / step) + 1) * step if vmax % step else vmax
    return [0.0, top / 2, float(top)]


def figures_chart(compare: dict[str, Any]) -> list[dict[str, Any]]:
    """One chart per main quantity of the figures table: x the as-of date, y the value (0 to a round top, with
    ticks), one point per outlet and date in the outlet's colour; a figure that differs is drawn hollow and
    thick. Every chart carries its axis titles and unit."""
    table = compare.get("figures") or {}
    outlets = [o["outlet"] for o in compare.get("outlets") or []]
    colour = {o: i % N_COLOURS for i, o in enumerate(outlets)}
    days = [d for r in table.get("rows") or [] if (d := iso_day(r.get("date")))]
    lo, hi = (min(days), max(days)) if days else (date(2000, 1, 1), date(2000, 1, 2))
    height, top_pad, bottom = 170, 14, 40
    charts = []
    for q in table.get("quantities") or []:
        cells = [(r, r["cells"][q["key"]]) for r in table["rows"] if q["key"] in r["cells"]]
        if not cells:
            continue
        ticks = _y_ticks(max(float(c["value"]) for _, c in cells))
        scale = (height - top_pad - bottom) / (ticks[-1] or 1.0)
        base = height - bottom
        charts.append({
            "key": q["key"], "label": q["label"], "unit": q.get("unit") or "", "width": WIDTH, "height": height,
            "x0": PAD_LEFT, "x1": WIDTH - PAD_RIGHT, "base": base,
            "ticks": [{"y": round(base - t * scale, 1), "label": _tick(t)} for t in ticks],
            "lo": lo.isoformat() if days else "", "hi": hi.isoformat() if days else "",
            "points": [{
                "x": round(_x(iso_day(r.get("date")), lo, hi), 1), "y": round(base - float(c["value"]) * scale, 1),
                "colour": colour.get(r["outlet"], 0), "differs": bool(c.get("differs")),
                "label": f"{r['outlet']}, {r.get('date') or 'undated'}: {c.get('qualifier') or ''} {_tick(float(c['value']))}"
                         f" (source: {c.get('source') or 'none'})" + (" - differs from the other outlets" if c.get("differs") else ""),
            } for r, c in cells],
        })
    return charts


def _tick(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


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
