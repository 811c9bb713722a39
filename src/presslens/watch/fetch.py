"""The polite HTTP client every watch request goes through (httpx, connections reused).

- robots.txt is fetched once per host (cached for ``robots_ttl`` seconds) and obeyed for our User-Agent;
  a robots.txt that answers 4xx allows everything, one that cannot be fetched disallows the host for five
  minutes.
- One request per host at a time, and at least ``delay`` seconds between two requests to the same host.
- The User-Agent names presslens and the contact the user sets (``--contact``).
- Conditional GET: the caller passes the stored ETag / Last-Modified and gets ``not_modified`` on 304.
- Errors, 429 and 503 are retried with exponential backoff (``backoff`` * 2**n); a Retry-After is honoured
  when it is at most ``max_wait`` seconds, and reported (PL117) with its wait otherwise.
- Every response has a timeout and a size cap (after decompression); redirects are followed by hand, at
  most ``max_redirects``, each hop checked against robots.txt.
Failures raise ``FetchFailed`` with a coded error (PL110-PL117) and, for rate limits, the wait asked for.
"""

from __future__ import annotations

import gzip
import io
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import ErrorInfo, error

RETRY_STATUSES = {429, 500, 502, 503, 504}
DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
ROBOTS_RETRY = 300.0  # seconds before a robots.txt that could not be fetched is asked for again


@dataclass(frozen=True)
class Politeness:
    contact: str = "unset"
    delay: float = 2.0
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 2.0
    max_wait: float = 120.0
    robots_ttl: float = 86_400.0

    @property
    def user_agent(self) -> str:
        return f"presslens/{__version__} (news monitoring; contact: {self.contact})"


@dataclass
class Fetched:
    url: str
    status: int
    data: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchFailed(Exception):
    def __init__(self, info: ErrorInfo, retry_after: float | None = None, retryable: bool = False) -> None:
        super().__init__(f"{info['code']}: {info['message']}")
        self.info, self.retry_after, self.retryable = info, retry_after, retryable

    @property
    def code(self) -> str:
        return self.info["code"]


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_text: str = ""
    robots_at: float = 0.0


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _ungzip(data: bytes, cap: int, url: str) -> bytes:
    """A gzip-compressed body (a .xml.gz sitemap) decompressed up to the cap."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        try:
            out = handle.read(cap + 1)
        except (OSError, EOFError) as exc:
            raise FetchFailed(error("PL110", url=url, reason=f"the gzip body is damaged: {exc}")) from exc
    if len(out) > cap:
        raise FetchFailed(error("PL114", url=url, cap=f"{cap:,}"))
    return out


class PoliteClient:
    """One per watch process; thread-safe (fetch threads share it)."""

    def __init__(self, politeness: Politeness, sleep: Callable[[float], None] = time.sleep) -> None:
        self.p = politeness
        self.sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._guard = threading.Lock()
        try:
            import h2  # noqa: F401

            http2 = True
        except ImportError:
            http2 = False
        self.http = httpx.Client(
            http2=http2,
            timeout=httpx.Timeout(politeness.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": politeness.user_agent},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )

    def close(self) -> None:
        self.http.close()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._guard:
            return self._hosts.setdefault(key, _Host())

    # -- one request, under the host's lock and delay ------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        host = self._host(url)
        with host.lock:
            wait = host.last + self.p.delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                return self._read(url, headers)
            finally:
                host.last = time.monotonic()

    def _read(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        deadline = time.monotonic() + self.p.timeout
        cap = self.p.max_bytes
        try:
            with self.http.stream("GET", url, headers=headers) as resp:
                length = resp.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > cap and "content-encoding" not in resp.headers:
                    raise FetchFailed(error("PL114", url=url, cap=f"{cap:,}"))
                chunks: list[bytes] = []
                total = 0
                for chunk in resp.iter_bytes():
                    total += len(chunk)
                    if total > cap:
                        raise FetchFailed(error("PL114", url=url, cap=f"{cap:,}"))
                    if time.monotonic() > deadline:
                        raise FetchFailed(error("PL112", url=url, timeout=self.p.timeout), retryable=True)
                    chunks.append(chunk)
                return resp, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchFailed(error("PL112", url=url, timeout=self.p.timeout), retryable=True) from exc
        except httpx.HTTPError as exc:
            raise FetchFailed(error("PL110", url=url, reason=f"{type(exc).__name__}: {exc}"), retryable=True) from exc

    # -- robots.txt ----------------------------------------------------------------------------------------
    def robots_text(self, url: str) -> str:
        """The host's robots.txt text (fetched and cached), '' when it has none."""
        self.allowed(url)
        return self._host(url).robots_text

    def allowed(self, url: str) -> bool:
        host = self._host(url)
        if host.robots is None or time.monotonic() - host.robots_at > self.p.robots_ttl:
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            parser = urllib.robotparser.RobotFileParser(robots_url)
            text, kept = "", time.monotonic()
            try:
                resp, body = self._request(robots_url, {})
                if 200 <= resp.status_code < 300:
                    text = body.decode("utf-8", "replace")
                    parser.parse(text.splitlines())
                elif 400 <= resp.status_code < 500:
                    parser.parse([])  # no robots.txt: everything is allowed
                else:
                    parser.parse(DISALLOW_ALL)
                    kept -= self.p.robots_ttl - ROBOTS_RETRY
            except FetchFailed:
                parser.parse(DISALLOW_ALL)  # unreachable robots.txt: nothing is fetched for now (RFC 9309)
                kept -= self.p.robots_ttl - ROBOTS_RETRY
            host.robots, host.robots_text, host.robots_at = parser, text, kept
        return host.robots.can_fetch(self.p.user_agent, url)

    # -- the public call -----------------------------------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` politely, retrying what may pass; raise FetchFailed with a code otherwise."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._get_once(url, etag, last_modified, attempt)
            except FetchFailed as exc:
                if attempt > self.p.retries or not exc.retryable:
                    raise
                wait = self.p.backoff * 2 ** (attempt - 1)
                if exc.retry_after is not None:
                    if exc.retry_after > self.p.max_wait:
                        raise
                    wait = max(wait, exc.retry_after)
                self.sleep(min(wait, self.p.max_wait))

    def _get_once(self, url: str, etag: str | None, last_modified: str | None, attempt: int) -> Fetched:
        headers = {"Accept": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/html;q=0.8,*/*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, seen = url, [url]
        for _ in range(self.p.max_redirects + 1):
            if not self.allowed(current):
                raise FetchFailed(error("PL115", url=current, agent=self.p.user_agent))
            resp, body = self._request(current, headers)
            if resp.status_code in (301, 302, 303, 307, 308) and resp.headers.get("Location"):
                current = urljoin(current, resp.headers["Location"])
                if current in seen:
                    raise FetchFailed(error("PL113", url=url, reason=f"a loop back to {current}"))
                seen.append(current)
                continue
            return self._result(url, current, resp, body, attempt)
        raise FetchFailed(error("PL113", url=url, reason=f"more than {self.p.max_redirects} redirects"))

    def _result(self, url: str, final: str, resp: httpx.Response, body: bytes, attempt: int) -> Fetched:
        status = resp.status_code
        if status in (429, 503):
            wait = retry_after_seconds(resp.headers.get("Retry-After"))
            shown = f"{wait:.0f} s" if wait is not None else "not given"
            raise FetchFailed(error("PL117", url=url, status=status, wait=shown), retry_after=wait, retryable=True)
        if status >= 400 or status not in (200, 203, 304):
            info = error("PL111", url=url, status=status, attempts=attempt)
            raise FetchFailed(info, retryable=status in RETRY_STATUSES)
        if body[:2] == b"\x1f\x8b":
            body = _ungzip(body, self.p.max_bytes, url)
        ctype = resp.headers.get("Content-Type", "")
        charset = None
        if "charset=" in ctype:
            charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"') or None
        return Fetched(
            final, status, body, ctype.split(";")[0].strip().lower(), charset,
            resp.headers.get("ETag"), resp.headers.get("Last-Modified"),
        )
