"""The local web UI and JSON API over a corpus database (FastAPI + Jinja2, server-rendered, nothing remote).

``create_app`` only wires: the views live in ``views/`` (``pages``: ``/``, ``/article/ID``, ``/entity/ID``,
``/story/ID``, ``/stories``; ``api``: ``/api/...``, OpenAPI at ``/api/openapi.json``), what they share in
``deps``, what a page shows in ``annotate`` and ``charts``.

Security: the database is opened read-only for each request; templates autoescape every value (article text
is only ever passed as data); every response carries a Content-Security-Policy that allows only this
server's own stylesheet (no script, no inline style, no remote anything); SQL parameters are bound in the
store. ``serve`` binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store.db import Store
from .deps import HERE, page
from .views import api, pages

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
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


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Every response carries ``SECURITY_HEADERS``."""
    response = await call_next(request)
    for k, v in SECURITY_HEADERS.items():
        response.headers[k] = v
    return response


async def http_error(request: Request, exc: HTTPException) -> Response:
    """An HTTP error: JSON under ``/api/``, the error page elsewhere."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    return page(request, "error.html", status=exc.status_code, status_code=exc.status_code, detail=exc.detail)


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
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.middleware("http")(security_headers)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.exception_handler(HTTPException)(http_error)
    return app


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run the web UI with uvicorn (blocking)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
