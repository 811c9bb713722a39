"""The local web UI and JSON API over a corpus database (FastAPI + Jinja2, server-rendered, nothing remote).

Pages: ``/`` (search with filters), ``/article/ID``, ``/entity/ID``, ``/story/ID``, ``/stories``.
API: ``/api/search``, ``/api/articles/ID``, ``/api/entities/ID``, ``/api/stories``, ``/api/stories/ID``,
``/api/compare``; the OpenAPI schema at ``/api/openapi.json``.

Security: the database is opened read-only for each request; templates autoescape every value (article text
is only ever passed as data); every response carries a Content-Security-Policy that allows only this
server's own stylesheet (no script, no inline style, no remote anything); SQL parameters are bound in the
store. ``serve`` binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from .. import __version__
from ..errors import PresslensError
from ..store.compare import compare
from ..store.db import Store
from ..store.entities import get_entity
from ..store.search import Filters, search
from ..store.stories import get_story, list_stories, stories_of
from .annotate import article_view, speaker_colours, speaker_key, speaker_name
from .charts import figures_chart, timeline, wording_chart

HERE = Path(__file__).parent
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PAGE_SIZE = 20
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class SearchHit(BaseModel):
    id: str
    title: str
    outlet: str | None
    published: str | None
    snippet: str
    n_quotes: int
    score: float | None


class SearchResult(BaseModel):
    query: str
    filters: dict[str, str]
    total: int
    offset: int
    hits: list[SearchHit]


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection to the app's corpus for one request."""
    s = Store.open(request.app.state.db, readonly=True)
    try:
        yield s
    finally:
        s.close()


def search_filters(
    outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
    speaker: str | None = None, entity: str | None = None, event_type: str | None = None,
) -> Filters:
    return Filters(outlet or None, date_from or None, date_to or None, speaker or None, entity or None, event_type or None)


StoreDep = Annotated[Store, Depends(open_store)]
FiltersDep = Annotated[Filters, Depends(search_filters)]


def create_app(db_path: str | Path) -> FastAPI:
    """The app for one corpus file (opened read-only per request; it must exist)."""
    db = Path(db_path)
    Store.open(db, readonly=True).close()  # fail now (PL040/PL041) rather than on the first request
    app = FastAPI(
        title="presslens",
        version=__version__,
        description="Search and read an analysed news corpus: who said what, on whose numbers, in whose words.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not here
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db = db
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers[k] = v
        return response

    def run_search(s: Store, q: str, f: Filters, limit: int, offset: int) -> tuple[list[Any], int]:
        try:
            return search(s, q, f, limit=limit, offset=offset)
        except PresslensError as exc:
            raise HTTPException(400, exc.info["message"]) from exc

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"version": __version__, **ctx}, status_code=status)

    def article_context(s: Store, article_id: str) -> dict[str, Any]:
        rec = s.get_record(article_id)
        if rec is None:
            raise HTTPException(404, f"There is no article {article_id!r} in this corpus.")
        return {"record": rec, "entity_map": s.entity_map(article_id), "stories": stories_of(s, article_id)}

    # -- pages ---------------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request, f: FiltersDep, s: StoreDep, q: str = "", offset: int = Query(0, ge=0)
    ) -> HTMLResponse:
        hits, total = run_search(s, q, f, PAGE_SIZE, offset)

        def page_url(at: int) -> str:
            params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
            return "/?" + urlencode({**params, "offset": max(0, at)})

        return page(
            request, "index.html", q=q, f=f, hits=hits, total=total, offset=offset, page_size=PAGE_SIZE,
            prev_url=page_url(offset - PAGE_SIZE) if offset > 0 else None,
            next_url=page_url(offset + PAGE_SIZE) if offset + PAGE_SIZE < total else None,
            outlets=s.outlets(), event_types=s.event_types(), stats=s.stats(), stories=list_stories(s, limit=8),
        )

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
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
        )

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, s: StoreDep) -> HTMLResponse:
        ent = get_entity(s, entity_id)
        if ent is None:
            raise HTTPException(404, f"There is no entity {entity_id!r} in this corpus.")
        return page(request, "entity.html", ent=ent, timeline=timeline(ent["quotes"]))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, s: StoreDep) -> HTMLResponse:
        return page(request, "stories.html", stories=list_stories(s, limit=500))

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, s: StoreDep) -> HTMLResponse:
        story = get_story(s, story_id)
        if story is None:
            raise HTTPException(404, f"There is no story {story_id!r} in this corpus.")
        cmp = compare(s, story_id=story_id)
        return page(
            request, "story.html", story=story, cmp=cmp, figures=figures_chart(cmp), wording=wording_chart(cmp),
            actor_names={a["entity_id"]: a["name"] for a in cmp["actors"]},
        )

    # -- API -----------------------------------------------------------------------------------------------
    @app.get("/api/search", response_model=SearchResult, tags=["search"])
    def api_search(
        f: FiltersDep, s: StoreDep, q: str = "", limit: int = Query(PAGE_SIZE, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> SearchResult:
        """Full-text search over titles, text and quotes, with filters; best match first."""
        hits, total = run_search(s, q, f, limit, offset)
        return SearchResult(
            query=q, filters=f.active(), total=total, offset=offset, hits=[SearchHit(**h.as_dict()) for h in hits]
        )

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str, s: StoreDep) -> dict[str, Any]:
        """The stored presslens.record/1, the corpus ids of its entities, and the stories it belongs to."""
        return article_context(s, article_id)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str, s: StoreDep) -> dict[str, Any]:
        """A corpus entity: aliases, its quotes across outlets, the figures sourced to it, its articles."""
        ent = get_entity(s, entity_id)
        if ent is None:
            raise HTTPException(404, f"There is no entity {entity_id!r} in this corpus.")
        return ent

    @app.get("/api/stories", tags=["stories"])
    def api_stories(
        s: StoreDep, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)
    ) -> list[dict[str, Any]]:
        """Stories (near-duplicates and same-event groups), those spanning most outlets first."""
        return list_stories(s, limit=limit, offset=offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str, s: StoreDep) -> dict[str, Any]:
        """A story's articles and the outlet comparison."""
        story = get_story(s, story_id)
        if story is None:
            raise HTTPException(404, f"There is no story {story_id!r} in this corpus.")
        return {**story, "compare": compare(s, story_id=story_id)}

    @app.get("/api/compare", tags=["stories"])
    def api_compare(s: StoreDep, story: str | None = None, q: str = "") -> dict[str, Any]:
        """Compare outlets over a story (``story``) or a query's matches (``q``)."""
        try:
            return compare(s, story_id=story, query=q)
        except PresslensError as exc:
            raise HTTPException(404 if exc.code == "PL046" else 400, exc.info["message"]) from exc

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, status_code=exc.status_code, detail=exc.detail)

    return app


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run the web UI with uvicorn (blocking)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
