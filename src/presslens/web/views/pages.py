"""The story pages: ``/stories`` (the list) and ``/story/ID`` (outlets side by side)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...store.compare import compare
from ...store.stories import list_stories
from ..charts import figures_chart, wording_chart
from ..deps import StoreDep, page, story_or_404

router = APIRouter()


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
