"""The search page ``/``: full-text search with filters over the corpus."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...store.search import MAX_OFFSET
from ...store.stories import list_stories
from ..deps import PAGE_SIZE, FiltersDep, StoreDep, page, run_search

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(
    request: Request, f: FiltersDep, s: StoreDep, q: str = "", offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> HTMLResponse:
    hits, total = run_search(s, q, f, PAGE_SIZE, offset, request.app.state.limits)

    def page_url(at: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
        return "/?" + urlencode({**params, "offset": max(0, at)})

    return page(
        request, "index.html", q=q, f=f, hits=hits, total=total, offset=offset, page_size=PAGE_SIZE,
        prev_url=page_url(offset - PAGE_SIZE) if offset > 0 else None,
        next_url=page_url(offset + PAGE_SIZE) if offset + PAGE_SIZE < total else None,
        outlets=s.outlets(), event_types=s.event_types(), stats=s.stats(), stories=list_stories(s, limit=8),
    )
