"""The search page ``/`` as a workspace: hits (highlighted snippets, sort by relevance or date), the facets of
every match beside them (each value a link adding its filter; active filters removable), the date histogram,
the timeline per outlet, the map of places, links to compare and export the results; ``/api/facets`` (the
facets as JSON) and ``/compare`` (the compare tables over the results)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ...errors import PresslensError
from ...store.compare import compare
from ...store.facets import NO_OUTLET, TOP, facets
from ...store.search import MAX_OFFSET, Filters
from ...store.stories import list_stories
from ..charts import figures_chart, wording_chart
from ..deps import PAGE_SIZE, CodedHTTPException, FiltersDep, StoreDep, page, run_search
from ..workspace import histogram, outlet_timeline, snippet_pieces, url_with
from ..worldmap import world_map

router = APIRouter()
FILTER_LABELS = {
    "outlet": "outlet", "date_from": "from", "date_to": "to", "speaker": "speaker", "entity": "entity",
    "event_type": "event",
}


def coded_http(exc: PresslensError) -> CodedHTTPException:
    """A search's coded error as HTTP: 503 when the query was interrupted (PL051), else 400."""
    return CodedHTTPException(503 if exc.code == "PL051" else 400, exc)


def run_facets(request: Request, s: Any, q: str, f: Filters, top: int = TOP) -> dict[str, Any]:
    """``store.facets`` with the app's limits: 400 with the code for a query refused, 503 when interrupted."""
    try:
        return facets(s, q, f, top=top, limits=request.app.state.limits)
    except PresslensError as exc:
        raise coded_http(exc) from exc


def workspace(request: Request, q: str, f: Filters, fc: dict[str, Any]) -> dict[str, Any]:
    """The facets as links (add a filter; remove an active one), histogram, timeline and map."""
    params = dict(request.query_params)

    def add(key: str, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {**v, "href": url_with(params, **{key: str(v["value"])}) if v["value"] != NO_OUTLET else None}
            for v in values
        ]

    terms = {
        voice: [{**t, "href": url_with(params, q=f'{q} "{t["value"]}"'.strip())} for t in items]
        for voice, items in fc["terms"].items()
    }
    return {
        "outlet_facet": add("outlet", fc["outlets"]), "speaker_facet": add("speaker", fc["speakers"]),
        "entity_facet": add("entity", fc["entities"]), "event_facet": add("event_type", fc["events"]),
        "place_facet": add("entity", fc["places"][:TOP]), "term_facet": terms, "sample": fc["sample"],
        "active": [
            {"label": FILTER_LABELS[k], "value": v, "href": url_with(params, **{k: None})}
            for k, v in f.active().items() if k in FILTER_LABELS
        ],
        "hist": histogram(fc["dates"], params),
        "timeline": outlet_timeline(fc["timeline"], fc["dates"]["unit"]),
        "world": world_map(fc["places"], lambda p: url_with(params, entity=str(p["value"]))),
        "sort_links": {k: url_with(params, sort=k if k != "relevance" else None) for k in ("relevance", "date")},
        "compare_url": url_with(params, "/compare"),
        "export_urls": {
            f"{kind}.{fmt}": url_with(params, f"/export/{kind}.{fmt}")
            for kind in ("hits", "quotes", "claims") for fmt in ("csv", "jsonl")
        },
    }


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(
    request: Request, f: FiltersDep, s: StoreDep, q: str = "", offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> HTMLResponse:
    common: dict[str, Any] = {"q": q, "f": f, "outlets": s.outlets(), "event_types": s.event_types(), "stats": s.stats()}
    try:
        hits, total = run_search(s, q, f, PAGE_SIZE, offset, request.app.state.limits)
        fc = run_facets(request, s, q, f)
    except HTTPException as exc:
        if exc.status_code != 400:
            raise
        return page(request, "index.html", 400, **common, error=exc.detail, hits=[], total=0, offset=0)
    params = dict(request.query_params)
    return page(
        request, "index.html", **common, hits=hits, total=total, offset=offset, page_size=PAGE_SIZE,
        pieces={h.id: snippet_pieces(h.snippet, h.marks) for h in hits},
        prev_url=url_with(params, offset=str(max(0, offset - PAGE_SIZE))) if offset > 0 else None,
        next_url=url_with(params, offset=str(offset + PAGE_SIZE)) if offset + PAGE_SIZE < total else None,
        stories=list_stories(s, limit=8), **workspace(request, q, f, fc),
    )


@router.get("/api/facets", tags=["search"])
def api_facets(request: Request, f: FiltersDep, s: StoreDep, q: str = "", top: int = Query(TOP, ge=1, le=100)) -> dict[str, Any]:
    """The facets of every article matching the query and filters: outlets, date histogram (by day or month),
    timeline per outlet, speakers, entities, places (with coordinates), event types, loaded terms by voice."""
    return {"query": q, "filters": f.active(), **run_facets(request, s, q, f, top)}


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(request: Request, f: FiltersDep, s: StoreDep, q: str = "") -> HTMLResponse:
    """The story page's comparison tables over the results of a search."""
    try:
        cmp = compare(s, query=q, filters=f)
    except PresslensError as exc:
        raise coded_http(exc) from exc
    return page(
        request, "compare.html", q=q, f=f, cmp=cmp, figures=figures_chart(cmp), wording=wording_chart(cmp),
        back_url=url_with(dict(request.query_params)),
    )
