"""What the views share: the read-only store of a request, search filters from the query string, the
templates, and the lookups that turn a missing thing into a 404 (or a bad query into a 400)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..errors import PresslensError
from ..store.db import Store
from ..store.entities import get_entity
from ..store.search import Filters, QueryLimits, SearchHit, search
from ..store.stories import get_story, stories_of

HERE = Path(__file__).parent
PAGE_SIZE = 20
QUERY_SECONDS = 20.0  # a request's SQL is interrupted past it (and at once when the server is stopping)
CHECK_EVERY = 200  # SQLite VM steps between two checks (a few per cent of a query's time)

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.autoescape = True


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection to the app's corpus for one request."""
    s = Store.open(request.app.state.db, readonly=True)
    stopping = request.app.state.stopping
    deadline = time.monotonic() + QUERY_SECONDS
    s.conn.set_progress_handler(lambda: int(stopping.is_set() or time.monotonic() > deadline), CHECK_EVERY)
    try:
        yield s
    finally:
        s.close()


def search_filters(
    outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
    speaker: str | None = None, entity: str | None = None, event_type: str | None = None, sort: str | None = None,
) -> Filters:
    """The search filters of a query string, empty values dropped (checked by the search: PL133-PL136)."""
    return Filters(
        outlet or None, date_from or None, date_to or None, speaker or None, entity or None, event_type or None,
        sort or None,
    )


StoreDep = Annotated[Store, Depends(open_store)]
FiltersDep = Annotated[Filters, Depends(search_filters)]


def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    """A rendered template (every value autoescaped)."""
    return templates.TemplateResponse(request, name, {"version": __version__, **ctx}, status_code=status)


class CodedHTTPException(HTTPException):
    """An HTTP error that carries a presslens error code (shown in API answers)."""

    def __init__(self, status: int, exc: PresslensError) -> None:
        super().__init__(status, exc.info["message"])
        self.code = exc.code


def run_search(
    s: Store, q: str, f: Filters, limit: int, offset: int, limits: QueryLimits | None = None,
) -> tuple[list[SearchHit], int]:
    """A search within ``limits`` (the app's: ``request.app.state.limits``): 400 with the code past them
    (PL049 / PL050), for a query or filter the engine cannot take (PL130-PL136: nothing to search for, only
    exclusions, an unknown field, a bad date or date range, an unknown event type or sort) or a bad query
    (PL045); 503 when the query was interrupted (PL051). ``exc.code`` and ``exc.detail`` are what a page
    shows beside the search box."""
    try:
        return search(s, q, f, limit=limit, offset=offset, limits=limits)
    except PresslensError as exc:
        raise CodedHTTPException(503 if exc.code == "PL051" else 400, exc) from exc


def article_context(s: Store, article_id: str) -> dict[str, Any]:
    """An article's stored record, the corpus ids of its entities and its stories (404 when absent)."""
    rec = s.get_record(article_id)
    if rec is None:
        raise HTTPException(404, f"There is no article {article_id!r} in this corpus.")
    return {"record": rec, "entity_map": s.entity_map(article_id), "stories": stories_of(s, article_id)}


def entity_or_404(s: Store, entity_id: str) -> dict[str, Any]:
    ent = get_entity(s, entity_id)
    if ent is None:
        raise HTTPException(404, f"There is no entity {entity_id!r} in this corpus.")
    return ent


def story_or_404(s: Store, story_id: str) -> dict[str, Any]:
    story = get_story(s, story_id)
    if story is None:
        raise HTTPException(404, f"There is no story {story_id!r} in this corpus.")
    return story
