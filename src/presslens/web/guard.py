"""The server's guard, outermost around the app (issue 13): every response carries the security headers,
errors included (a 500 is answered here, as the error page or JSON, with them); a request whose Host header
is not an allowed name is refused with 400 before it reaches a view (DNS rebinding: a page on another
site whose name was re-pointed at 127.0.0.1 must not read the corpus).

Allowed hosts: the loopback names (``127.0.0.1``, ``localhost``, ``::1``), the bound address, and the names
given with ``serve --allow-host``. A request without a Host header (HTTP/1.0) is refused too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from html import escape
from typing import Any

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
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
_RAW_HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
_OURS = {k for k, _ in _RAW_HEADERS}

log = logging.getLogger("presslens.web")


def host_name(header: str) -> str:
    """The name in a Host header, without its port and IPv6 brackets, lower-case."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(bound: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    names = {*LOOPBACK_HOSTS, *(host_name(e) for e in extra if e.strip())}
    if bound and bound not in ("0.0.0.0", "::"):  # noqa: S104 - a wildcard bind is not a name anyone sends
        names.add(host_name(bound))
    return frozenset(names)


def _with_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [h for h in headers if h[0].lower() not in _OURS] + _RAW_HEADERS


def _error_body(path: str, status: int, message: str) -> tuple[bytes, bytes]:
    if path.startswith("/api/"):
        return json.dumps({"detail": message}).encode(), b"application/json"
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status} · presslens</title>'
        f'<link rel="stylesheet" href="/static/style.css"></head><body><main><h1>{status}</h1>'
        f'<p class="error">{escape(message)}</p><p><a href="/">Back to search</a></p></main></body></html>'
    )
    return html.encode(), b"text/html; charset=utf-8"


class Guard:
    """ASGI middleware: Host check, security headers on every response, a headed 500 for any exception."""

    def __init__(self, app: Any, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def _refuse(self, scope: dict[str, Any], send: Any, status: int, message: str) -> None:
        body, ctype = _error_body(scope.get("path", ""), status, message)
        headers = _with_headers([(b"content-type", ctype), (b"content-length", str(len(body)).encode())])
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), "")
        if host_name(host) not in self.hosts:
            shown = host[:100] or "(none)"
            await self._refuse(scope, send, 400, f"The Host header {shown!r} is not a name this server answers to. "
                               "Open it as http://127.0.0.1:PORT/, or start it with `presslens serve --allow-host NAME`.")
            return
        started = False

        async def guarded_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": _with_headers(list(message.get("headers", [])))}
            await send(message)

        try:
            await self.app(scope, receive, guarded_send)
        except Exception:
            log.exception("error answering %s", scope.get("path"))
            if not started:
                await self._refuse(scope, send, 500, "The server failed to answer this request. "
                                   "Its log says why; reload the page, or restart `presslens serve`.")
