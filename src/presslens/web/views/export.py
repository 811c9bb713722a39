"""Export a search's results: ``/export/{hits,quotes,claims}.{csv,jsonl}`` with the page's query and filters,
as an attachment. Bounded by ``store.results`` (``MAX_HITS`` articles, ``MAX_ROWS`` rows). In CSV, a text cell
that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) is prefixed
with an apostrophe; JSON Lines keeps the values as stored."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from ...errors import PresslensError
from ...store.results import KINDS, result_rows
from ..deps import FiltersDep, StoreDep
from .search_page import coded_http

router = APIRouter()
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting with a formula character gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for r in rows:
        w.writerow([safe_cell(r.get(c)) for c in columns])
    return buf.getvalue()


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@router.get("/export/{kind}.{fmt}", include_in_schema=False)
def export(request: Request, kind: str, fmt: str, f: FiltersDep, s: StoreDep, q: str = "") -> Response:
    """The results' hits, quotes or claims as CSV or JSON Lines (an attachment named after them)."""
    if kind not in KINDS or fmt not in FORMATS:
        raise HTTPException(404, f"No export {kind}.{fmt}: use /export/{{{','.join(KINDS)}}}.{{csv,jsonl}}.")
    try:
        columns, rows = result_rows(s, kind, q, f, limits=request.app.state.limits)
    except PresslensError as exc:
        raise coded_http(exc) from exc
    body = to_csv(columns, rows) if fmt == "csv" else to_jsonl(rows)
    return Response(
        body, media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="presslens-{kind}.{fmt}"'},
    )
