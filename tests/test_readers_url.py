"""readers.url: pages fetched from a server started here on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from presslens.readers import ReadOptions, read_inputs
from presslens.readers.base import USER_AGENT

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"
ARTICLE = (READERS / "article.html").read_bytes()
FEED = (READERS / "feed.rss").read_bytes()
CP1252_PAGE = (
    "<html><body><article>"
    + "<p>The caf\u00e9 on the quay \u201creopened\u201d on Monday after a \u20ac40,000 refit, its owner said.</p>" * 3
    + "</article></body></html>"
).encode("cp1252")


class Handler(BaseHTTPRequestHandler):
    release = threading.Event()
    seen_agents: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        pass

    def send(self, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self.send(ARTICLE)
        elif self.path == "/redirect":
            self.send(b"", status=302, headers={"Location": "/article"})
        elif self.path == "/feed":
            self.send(FEED, "application/rss+xml")
        elif self.path == "/cp1252":
            self.send(CP1252_PAGE, "text/html; charset=windows-1252")
        elif self.path == "/gzip":
            self.send(gzip.compress(ARTICLE), headers={"Content-Encoding": "gzip"})
        elif self.path == "/slow":
            self.release.wait(10)
            self.send(ARTICLE)
        elif self.path == "/big":
            self.send(b"<html><body>" + b"<p>filler text</p>" * 10_000 + b"</body></html>")
        elif self.path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"<p>filler text</p>" * 100)
        else:
            self.send(b"<html><body>Not here</body></html>", status=404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def codes(article: dict) -> list[str]:
    return [e["code"] for e in article["errors"]]


def test_page_is_read_as_html_with_user_agent(server: str) -> None:
    [article] = read_inputs([f"{server}/article"])
    assert article["source"] == {"url": f"{server}/article", "format": "html"}
    assert article["title"] == "Harbour town opens floating library"
    assert article["published"] == "2023-03-14T09:30+01:00"
    assert article["text"].startswith("The town of Saltmere")
    assert USER_AGENT in Handler.seen_agents


def test_redirect_is_followed(server: str) -> None:
    [article] = read_inputs([f"{server}/redirect"])
    assert article["source"]["url"] == f"{server}/redirect"
    assert article["source"]["final_url"] == f"{server}/article"
    assert article["title"] == "Harbour town opens floating library"


def test_feed_url_gives_its_items(server: str) -> None:
    articles = list(read_inputs([f"{server}/feed"]))
    assert [a["source"]["format"] for a in articles] == ["rss", "rss"]
    assert articles[0]["source"]["feed"] == f"{server}/feed"


def test_http_charset_and_gzip_body(server: str) -> None:
    cafe, zipped = read_inputs([f"{server}/cp1252", f"{server}/gzip"])
    assert "caf\u00e9 on the quay \u201creopened\u201d" in cafe["text"] and "\u20ac40,000" in cafe["text"]
    assert zipped["title"] == "Harbour town opens floating library"


def test_slow_server_times_out_with_pl010(server: str) -> None:
    [article] = read_inputs([f"{server}/slow"], ReadOptions(timeout=0.5))
    assert article["text"] is None and codes(article) == ["PL010"]
    assert "0.5 s" in article["errors"][0]["message"]


def test_too_big_downloads_are_pl011(server: str) -> None:
    options = ReadOptions(max_bytes=50_000)
    announced, streamed = read_inputs([f"{server}/big", f"{server}/big-unannounced"], options)
    assert codes(announced) == ["PL011"] and codes(streamed) == ["PL011"]


def test_http_error_and_unreachable_are_pl010(server: str) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    missing, unreachable = read_inputs([f"{server}/missing", f"http://127.0.0.1:{closed_port}/x"], ReadOptions(timeout=2))
    assert codes(missing) == ["PL010"] and "HTTP 404" in missing["errors"][0]["message"]
    assert codes(unreachable) == ["PL010"]
