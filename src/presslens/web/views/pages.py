"""The HTML pages: ``/`` (search with filters), ``/article/ID``, ``/entity/ID``, ``/stories``, ``/story/ID``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...errors import only
from ...store.compare import compare
from ...store.search import MAX_OFFSET
from ...store.stories import list_stories
from ..annotate import article_view, speaker_colours, speaker_key, speaker_name
from ..charts import figures_chart, timeline, wording_chart
from ..deps import (
    PAGE_SIZE,
    FiltersDep,
    StoreDep,
    article_context,
    entity_or_404,
    page,
    run_search,
    story_or_404,
)

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


@router.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: str, s: StoreDep) -> HTMLResponse:
    ctx = article_context(s, article_id)
    rec = ctx["record"]
    colours = speaker_colours(rec)
    quotes = [
        {**q, "colour": colours[speaker_key(q)], "speaker_name": speaker_name(rec, q)} for q in rec.get("quotes") or []
    ]
    framing_by_voice: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, fr in enumerate(rec.get("framing") or []):
        framing_by_voice.setdefault(fr["voice"], []).append((i, fr))
    ents = {e["id"]: e for e in rec.get("entities") or []}
    return page(
        request, "article.html", rec=rec, blocks=article_view(rec), quotes=quotes, ents=ents,
        framing_by_voice=framing_by_voice, entity_map=ctx["entity_map"], stories=ctx["stories"],
        errors=only(rec.get("errors"), "error"), warnings=only(rec.get("errors"), "warning"),
    )


@router.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, entity_id: str, s: StoreDep) -> HTMLResponse:
    ent = entity_or_404(s, entity_id)
    return page(request, "entity.html", ent=ent, timeline=timeline(ent["quotes"]))


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, s: StoreDep) -> HTMLResponse:
    return page(request, "stories.html", stories=list_stories(s, limit=500))


@router.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, story_id: str, s: StoreDep) -> HTMLResponse:
    story = story_or_404(s, story_id)
    cmp = compare(s, story_id=story_id)
    return page(
        request, "story.html", story=story, cmp=cmp, figures=figures_chart(cmp), wording=wording_chart(cmp),
        actor_names={a["entity_id"]: a["name"] for a in cmp["actors"]},
    )
