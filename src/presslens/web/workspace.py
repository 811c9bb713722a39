"""What the search page draws beside its hits, as plain data the template escapes: links that add or remove a
filter, the date histogram (bars, each a link to its dates), the timeline per outlet (``charts.timeline``),
and a hit's snippet cut into plain and highlighted pieces.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from .charts import PAD_RIGHT, WIDTH, timeline

FILTER_KEYS = ("q", "outlet", "date_from", "date_to", "speaker", "entity", "event_type", "sort")
HIST_HEIGHT = 120
HIST_LEFT = 34
HIST_BOTTOM = 18


def url_with(params: Mapping[str, str], path: str = "/", /, **changes: str | None) -> str:
    """``path`` with the search's parameters, ``changes`` applied (None removes one), paging reset."""
    kept = {k: v for k, v in params.items() if k in FILTER_KEYS and v}
    for k, v in changes.items():
        if v:
            kept[k] = v
        else:
            kept.pop(k, None)
    return path + ("?" + urlencode(kept) if kept else "")


def snippet_pieces(snippet: str, marks: list[list[int]]) -> list[tuple[str, bool]]:
    """``snippet`` as (text, highlighted) pieces from ``marks`` ([start, end) offsets; out-of-range, empty
    and overlapping marks are clipped or dropped). The template escapes every piece."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted((int(m[0]), int(m[1])) for m in marks if len(m) == 2):
        start, end = max(start, at), min(end, len(snippet))
        if start >= end:
            continue
        if start > at:
            pieces.append((snippet[at:start], False))
        pieces.append((snippet[start:end], True))
        at = end
    if at < len(snippet):
        pieces.append((snippet[at:], False))
    return pieces


def _bin_range(value: str, unit: str) -> tuple[str, str]:
    """The first and last day of a histogram bin ('2024-03' -> 2024-03-01, 2024-03-31)."""
    if unit == "month" and len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value, value


def histogram(dates: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    """Bars of the date histogram (one per bin, in date order), each linking to the search over its dates."""
    bins = dates.get("bins") or []
    top = max((b["n"] for b in bins), default=1)
    inner = WIDTH - HIST_LEFT - PAD_RIGHT
    step = inner / max(1, len(bins))
    base = HIST_HEIGHT - HIST_BOTTOM
    bars = []
    for i, b in enumerate(bins):
        lo, hi = _bin_range(b["value"], dates.get("unit", "day"))
        h = (base - 8) * b["n"] / top
        bars.append({
            "x": round(HIST_LEFT + i * step, 1), "w": round(max(1.0, step - 1), 1), "y": round(base - h, 1),
            "h": round(h, 1), "label": f"{b['value']}: {b['n']} article{'' if b['n'] == 1 else 's'}",
            "href": url_with(params, date_from=lo, date_to=hi),
        })
    return {
        "width": WIDTH, "height": HIST_HEIGHT, "base": base, "x0": HIST_LEFT, "x1": WIDTH - PAD_RIGHT, "top": top,
        "bars": bars, "unit": dates.get("unit", "day"), "undated": dates.get("undated", 0),
        "lo": bins[0]["value"] if bins else "", "hi": bins[-1]["value"] if bins else "",
    }


def outlet_timeline(rows: list[dict[str, Any]], unit: str) -> dict[str, Any]:
    """``charts.timeline`` of the facets' timeline: a dot per outlet and bin, labelled with its count."""
    items = [
        {"outlet": r["outlet"], "published": _bin_range(b["value"], unit)[0],
         "label": f"{b['value']}: {b['n']} article{'' if b['n'] == 1 else 's'}"}
        for r in rows for b in r["bins"]
    ]
    return timeline(items, label_key="label")
