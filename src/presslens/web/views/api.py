"""The JSON API: ``/api/search``, ``/api/articles/ID``, ``/api/entities/ID``, ``/api/stories``,
``/api/stories/ID``, ``/api/compare``; its OpenAPI schema is served at ``/api/openapi.json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from ...errors import PresslensError
from ...store.compare import compare
from ...store.search import MAX_OFFSET, SearchHit
from ...store.stories import list_stories
from ..deps import (
    PAGE_SIZE,
    CodedHTTPException,
    FiltersDep,
    StoreDep,
    article_context,
    entity_or_404,
    run_search,
    story_or_404,
)

router = APIRouter(prefix="/api")


class SearchResult(BaseModel):
    query: str
    filters: dict[str, str]
    total: int
    offset: int
    hits: list[SearchHit]


@router.get("/search", response_model=SearchResult, tags=["search"])
def api_search(
    request: Request, f: FiltersDep, s: StoreDep, q: str = "", limit: int = Query(PAGE_SIZE, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> SearchResult:
    """Full-text search over titles, text and quotes, with filters; best match first (``sort=date``: newest
    first). Spelling variants are folded (cease-fire = ceasefire, diacritics, speakers' and entities' name
    spellings); each hit's ``snippet`` is plain body text and ``marks`` the [start, end) of its matches in it.
    A query the engine cannot take gets 400 with its code: PL049 too long, PL050 too many terms, PL130-PL136
    nothing to search for, only exclusions, an unknown field, a bad date or range, event type or sort."""
    hits, total = run_search(s, q, f, limit, offset, request.app.state.limits)
    return SearchResult(query=q, filters=f.active(), total=total, offset=offset, hits=hits)


@router.get("/articles/{article_id}", tags=["articles"])
def api_article(article_id: str, s: StoreDep) -> dict[str, Any]:
    """The stored presslens.record/1, the corpus ids of its entities, and the stories it belongs to."""
    return article_context(s, article_id)


@router.get("/entities/{entity_id}", tags=["entities"])
def api_entity(entity_id: str, s: StoreDep) -> dict[str, Any]:
    """A corpus entity: aliases, its quotes across outlets, the figures sourced to it, its articles."""
    return entity_or_404(s, entity_id)


@router.get("/stories", tags=["stories"])
def api_stories(s: StoreDep, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> list[dict[str, Any]]:
    """Stories (near-duplicates and same-event groups), those spanning most outlets first."""
    return list_stories(s, limit=limit, offset=offset)


@router.get("/stories/{story_id}", tags=["stories"])
def api_story(story_id: str, s: StoreDep) -> dict[str, Any]:
    """A story's articles and the outlet comparison."""
    return {**story_or_404(s, story_id), "compare": compare(s, story_id=story_id)}


@router.get("/compare", tags=["stories"])
def api_compare(s: StoreDep, story: str | None = None, q: str = "") -> dict[str, Any]:
    """Compare outlets over a story (``story``) or a query's matches (``q``)."""
    try:
        return compare(s, story_id=story, query=q)
    except PresslensError as exc:
        raise CodedHTTPException(404 if exc.code == "PL046" else 400, exc) from exc
