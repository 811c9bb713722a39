"""The watched sources and their health, read-only: ``/sources`` (HTML) and ``/api/sources`` (JSON), the
same rows as ``presslens sources`` (``store.sources.source_health``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...store.sources import source_health
from ..deps import StoreDep, page

router = APIRouter()


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request, s: StoreDep) -> HTMLResponse:
    rows = source_health(s.conn)
    failing = sum(1 for r in rows if r["failures"])
    return page(request, "sources.html", sources=rows, failing=failing)


@router.get("/api/sources", tags=["sources"])
def api_sources(s: StoreDep) -> list[dict[str, Any]]:
    """Each source `presslens watch` follows, with its health: last success, items, failures, next check,
    last error."""
    return source_health(s.conn)
