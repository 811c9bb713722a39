"""URLs: fetch an http(s) page with urllib (a user agent, redirects followed, a timeout for the whole
download, a size cap) and read it by its content, HTML by default."""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

from ..errors import error
from ..record.types import RawArticle
from .base import USER_AGENT, ReadOptions, failed
from .decode import Payload, compression_of, decompress
from .dispatch import read_payload

URL = re.compile(r"^https?://", re.I)
CHUNK = 65_536


def is_url(item: str) -> bool:
    return bool(URL.match(item))


class _Fetched:
    def __init__(self, data: bytes, charset: str | None, content_type: str, final_url: str) -> None:
        self.data, self.charset, self.content_type, self.final_url = data, charset, content_type, final_url


class FetchError(Exception):
    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code, self.fields = code, fields


def fetch(url: str, options: ReadOptions) -> _Fetched:
    """Download ``url``; raise FetchError (PL010 unreachable or too slow, PL011 too big)."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,*/*;q=0.5",
        },
    )
    deadline = time.monotonic() + options.timeout
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise FetchError("PL011", path=url, cap=f"{options.max_bytes:,}")
            chunks: list[bytes] = []
            total = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError("PL010", path=url, reason=f"the download took longer than {options.timeout:g} s")
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > options.max_bytes:
                    raise FetchError("PL011", path=url, cap=f"{options.max_bytes:,}")
            return _Fetched(
                b"".join(chunks),
                response.headers.get_content_charset(),
                response.headers.get_content_type(),
                response.geturl(),
            )
    except urllib.error.HTTPError as exc:
        raise FetchError("PL010", path=url, reason=f"the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError("PL010", path=url, reason=f"no answer within {options.timeout:g} s") from exc
        raise FetchError("PL010", path=url, reason=str(reason)) from exc
    except TimeoutError as exc:
        raise FetchError("PL010", path=url, reason=f"no answer within {options.timeout:g} s") from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError("PL010", path=url, reason=f"{type(exc).__name__}: {exc}") from exc


def read_url(url: str, options: ReadOptions) -> Iterator[RawArticle]:
    """Articles from one URL: the page (or feed, or WARC) it serves."""
    source = {"url": url}
    try:
        got = fetch(url, options)
    except FetchError as exc:
        yield failed(source, "html", error(exc.code, **exc.fields))
        return
    if got.final_url and got.final_url != url:
        source["final_url"] = got.final_url
    hint = "html" if "html" in got.content_type else None
    payload = decompress(got.data, options.max_bytes) if compression_of(got.data[:16]) else Payload(got.data)
    yield from read_payload(payload, source, options, declared=got.charset, hint=hint)
