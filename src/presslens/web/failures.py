"""How a view's failure is answered: JSON under ``/api/`` (with the presslens code when there is one), the
error page elsewhere. An exception no view expected is answered by ``guard`` (500, headers on)."""

from __future__ import annotations

import sqlite3

from fastapi import HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from ..errors import PresslensError
from .deps import CodedHTTPException, page


async def http_error(request: Request, exc: HTTPException) -> Response:
    """An HTTP error: JSON under ``/api/`` (with the presslens code when there is one), the error page elsewhere."""
    code = getattr(exc, "code", None)
    if request.url.path.startswith("/api/"):
        body = {"detail": exc.detail, **({"code": code} if code else {})}
        return JSONResponse(body, status_code=exc.status_code)
    return page(request, "error.html", status=exc.status_code, status_code=exc.status_code, detail=exc.detail)


async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
    """A query-string value out of range or of the wrong type: 422, JSON under ``/api/``, the error page elsewhere."""
    where = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}" for e in exc.errors())
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": f"Invalid request ({where}).", "errors": jsonable_encoder(exc.errors())},
                            status_code=422)
    return page(request, "error.html", status=422, status_code=422, detail=f"Invalid request ({where}).")


async def interrupted(request: Request, exc: sqlite3.OperationalError) -> Response:
    """A request's SQL interrupted (past its time, or the server stopping): 503 with PL051; any other SQLite
    failure goes on to ``guard`` (500)."""
    if "interrupt" not in str(exc):
        raise exc
    return await http_error(request, CodedHTTPException(503, PresslensError("PL051")))
