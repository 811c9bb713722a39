"""A local news site for the watch tests and bench: feeds, sitemaps and pages we invent, served on 127.0.0.1
by http.server in a thread, with routes that misbehave on purpose. Every request is logged (host, path,
start, end, request headers) so that tests can check what was fetched, how often and in what order."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

from invented_news import article

Reply = tuple[int, dict[str, str], bytes]
Route = Callable[["Request"], Reply]


@dataclass
class Request:
    host: str
    path: str
    headers: dict[str, str]
    start: float
    end: float = 0.0
    status: int = 0


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path == path]

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.log]

    def add(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda req: (200, {"Content-Type": ctype, **headers}, data)


def serve(site: Site, port: int = 0, address: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path
            req = Request(self.headers.get("Host", "").split(":")[0], path, dict(self.headers.items()), time.monotonic())
            with site.lock:
                site.log.append(req)
            route = site.routes.get(path)
            status, headers, body = route(req) if route else (404, {"Content-Type": "text/plain"}, b"not here")
            req.status = status
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            req.end = time.monotonic()

    httpd = ThreadingHTTPServer((address, port), Handler)
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # type: ignore[method-assign] - resets are on purpose
    site.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    if not port:
        thread.start()
    return httpd, thread


# -- content -----------------------------------------------------------------------------------------------
def page(i: int, seed: int = 0, extra: str = "") -> str:
    """An invented article page (title line first, then paragraphs)."""
    lines = article(i, seed=seed, paragraphs=4).split("\n")
    title, paras = lines[0], [p for p in lines[1:] if p.strip()]
    if extra:
        paras.append(extra)
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
        f"<body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
    )


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each item has link, title and optionally summary, content, date."""
    out = []
    for it in items:
        parts = [f"<title>{escape(it['title'])}</title>", f"<link>{escape(it['link'])}</link>"]
        if it.get("summary"):
            parts.append(f"<description>{escape(it['summary'])}</description>")
        if it.get("content"):
            parts.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        parts.append(f"<pubDate>{it.get('date') or formatdate(1_700_000_000, usegmt=True)}</pubDate>")
        out.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>http://example.invalid/</link>{''.join(out)}</channel></rss>"
    )


def sitemap(urls: list[str]) -> str:
    locs = "".join(f"<url><loc>{escape(u)}</loc><lastmod>2026-11-30</lastmod></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'


def gz(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"))


def conditional(body: str, etag: str, ctype: str = "application/rss+xml") -> Route:
    """200 with an ETag, 304 when the request carries it."""

    def route(req: Request) -> Reply:
        if req.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": ctype, "ETag": etag, "Last-Modified": formatdate(1_700_000_000, usegmt=True)}, body.encode()

    return route


def sequence(*replies: Reply) -> Route:
    """The replies in turn; the last one repeats."""
    state = {"n": 0}

    def route(req: Request) -> Reply:
        n = min(state["n"], len(replies) - 1)
        state["n"] += 1
        return replies[n]

    return route


def slow(seconds: float, reply: Reply) -> Route:
    def route(req: Request) -> Reply:
        time.sleep(seconds)
        return reply

    return route


def free_port() -> int:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    httpd.server_close()
    return int(httpd.server_address[1])


def serve_process(site: Site, addresses: tuple[str, ...] = ("127.0.0.1",)) -> Any:
    """The site (routes built, ``site.port`` set with ``free_port``) served by a forked child process on
    each loopback address (127.0.0.N: one host each): the bench's server does not share our GIL.
    ``terminate()`` the process when done; it logs nothing here."""
    import multiprocessing

    ready = multiprocessing.get_context("fork").Event()

    def child() -> None:
        servers = [serve(site, site.port, address) for address in addresses]
        for server, _ in servers[1:]:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        ready.set()
        servers[0][0].serve_forever()

    proc = multiprocessing.get_context("fork").Process(target=child, daemon=True)
    proc.start()
    ready.wait(10)
    return proc
