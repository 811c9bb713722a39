"""The local web UI and JSON API over a corpus database (FastAPI + Jinja2, server-rendered, nothing remote).

``create_app`` only wires: the views live in ``views/`` (``pages``: ``/``, ``/article/ID``, ``/entity/ID``,
``/story/ID``, ``/stories``; ``search_page``: ``/``, ``/compare``, ``/api/facets``; ``export``: ``/export/...``; ``sources``: ``/sources``, ``/api/sources``; ``api``: ``/api/...``, OpenAPI at
``/api/openapi.json``), what they share in ``deps``, what a page shows in ``annotate`` and ``charts``.

Security: the database is opened read-only for each request; templates autoescape every value (article text
is only ever passed as data); every response, errors included, carries a Content-Security-Policy that allows
only this server's own stylesheet (no script, no inline style, no remote anything) and the other headers of
``guard``, which also refuses Host names that are not loopback, the bound address or ``--allow-host``; SQL
parameters are bound in the store; numbers in query strings are range-checked (422, never a 500) and a
search past ``QueryLimits`` is refused (PL049 / PL050) before it reaches FTS5. ``serve`` binds 127.0.0.1
unless told otherwise, and stops on SIGTERM / Ctrl-C within a few seconds, interrupting running queries.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store.db import Store
from ..store.search import QueryLimits
from .deps import HERE
from .failures import http_error, interrupted, invalid_request
from .guard import CSP, SECURITY_HEADERS, Guard, allowed_hosts
from .views import api, article, export, pages, search_page, sources

__all__ = ["CSP", "SECURITY_HEADERS", "create_app", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
GRACE_SECONDS = 3  # after SIGTERM / Ctrl-C, in-flight requests get this long before they are cancelled


def create_app(
    db_path: str | Path, allow_hosts: Iterable[str] = (), bound: str | None = None, limits: QueryLimits | None = None,
) -> FastAPI:
    """The app for one corpus file (opened read-only per request; it must exist). Requests are answered
    for the loopback names, ``bound`` and ``allow_hosts`` only (see ``guard``)."""
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
    app.state.limits = limits or QueryLimits()
    app.state.stopping = threading.Event()  # set by SIGTERM / Ctrl-C: running queries are interrupted
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(Guard, hosts=allowed_hosts(bound, allow_hosts))
    app.include_router(search_page.router)
    app.include_router(article.router)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(sources.router)
    app.include_router(export.router)
    app.exception_handler(HTTPException)(http_error)
    app.exception_handler(RequestValidationError)(invalid_request)
    app.exception_handler(sqlite3.OperationalError)(interrupted)
    return app


def serve(
    db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, allow_hosts: Iterable[str] = (),
    limits: QueryLimits | None = None,
) -> None:
    """Run the web UI with uvicorn (blocking) until SIGTERM or Ctrl-C, which stop it within a few seconds."""
    from .stopping import run_server

    app = create_app(db_path, allow_hosts=allow_hosts, bound=host, limits=limits)
    run_server(app, host, port, GRACE_SECONDS)
