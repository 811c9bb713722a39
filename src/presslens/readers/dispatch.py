"""From bytes (a file, standard input, a download) to articles: decompress, reject binary, decode, sniff,
and hand the text to the reader of its format. Every call yields at least one article."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import ErrorInfo, error
from ..record.types import RawArticle
from .base import ReadOptions, cap_items, cap_text, failed, read_text, where
from .decode import HEAD, Payload, binary_reason, compression_of, decode_bytes, open_decompressed, read_capped
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .paths import open_regular
from .sniff import is_warc, sniff_text
from .warc import read_warc


def read_payload(
    payload: Payload,
    source: dict[str, str],
    options: ReadOptions,
    declared: str | None = None,
    hint: str | None = None,
) -> Iterator[RawArticle]:
    """Articles from decompressed bytes. ``declared`` is a charset from outside (HTTP); ``hint`` 'html'
    reads text that sniffs as plain text as HTML (a page served as text/html)."""
    data = payload.data
    notes: list[ErrorInfo] = []
    if payload.damage:
        notes.append(error("PL014", path=where(source), reason=f"{payload.compression} stream: {payload.damage}"))
    if payload.oversize:
        yield failed(source, "text", error("PL030", path=where(source), size=f">{options.max_bytes:,}", cap=f"{options.max_bytes:,}"))
        return
    if not data.strip():
        yield failed(source, "text", *notes, error("PL002", path=where(source)))
        return
    if is_warc(data[:16]):
        for article in cap_items(read_warc(io.BytesIO(data), source, options.max_bytes), source, options.items_cap("warc")):
            yield _finish(article, notes, options)
        return
    reason = binary_reason(data[:HEAD])
    if reason:
        yield failed(source, "text", *notes, error("PL003", path=where(source), reason=reason))
        return
    decoded = decode_bytes(data, declared)
    if decoded.replaced or decoded.mixed:
        notes.append(error("PL005", path=where(source), encoding=decoded.encoding, bad=decoded.replaced))
    text = decoded.text.lstrip("\ufeff")
    kind = sniff_text(text)
    if kind == "text" and hint == "html":
        kind = "html"
    if kind == "html":
        articles: Iterator[RawArticle] = iter([read_html(text, source, url=source.get("url"), max_chars=options.max_chars)])
    elif kind == "rss":
        articles = cap_items(read_feed(text, source, options.items_cap("feed")), source, options.items_cap("feed"))
    elif kind == "jsonl":
        articles = read_jsonl(text, source)
    else:
        articles = iter([read_text(text, source)])
    for article in articles:
        yield _finish(article, notes, options)


def _finish(article: RawArticle, notes: list[ErrorInfo], options: ReadOptions) -> RawArticle:
    if notes:
        article["errors"] = list(notes) + list(article.get("errors") or [])
    return cap_text(article, options.max_chars)


def read_bytes(data: bytes, source: dict[str, str], options: ReadOptions, declared: str | None = None, hint: str | None = None) -> Iterator[RawArticle]:
    """Articles from bytes held in memory (standard input, a download)."""
    kind = compression_of(data[:16])
    if kind is None:
        payload = Payload(data, oversize=len(data) > options.max_bytes)
    else:
        got = read_capped(open_decompressed(io.BytesIO(data), kind), options.max_bytes)
        payload = Payload(got.data, kind, got.oversize, got.damage)
    yield from read_payload(payload, source, options, declared, hint)


def read_file(path: Path, options: ReadOptions) -> Iterator[RawArticle]:
    """Articles from one file. WARC files are streamed, whatever their size; others are read whole up to
    the byte cap (after decompression)."""
    source = {"path": str(path)}
    fd, problem = open_regular(path)  # FIFOs, sockets, devices and link loops are refused unopened
    if fd is None:
        yield failed(source, "text", problem or error("PL001", path=path, reason="it could not be opened"))
        return
    with open(fd, "rb", closefd=True) as handle:
        try:
            head = handle.read(HEAD)
            kind = compression_of(head[:16])
            if kind is None:
                if is_warc(head[:16]):
                    handle.seek(0)
                    warc = cap_items(read_warc(handle, source, options.max_bytes), source, options.items_cap("warc"))
                    yield from (cap_text(a, options.max_chars) for a in warc)
                    return
                size = os.fstat(handle.fileno()).st_size
                if size > options.max_bytes:
                    yield failed(source, "text", error("PL030", path=path, size=f"{size:,}", cap=f"{options.max_bytes:,}"))
                    return
                reason = binary_reason(head)
                if reason:  # said before reading the rest of a large binary file
                    yield failed(source, "text", error("PL003", path=path, reason=reason))
                    return
                got = read_capped(handle, options.max_bytes, prefix=head)  # capped: devices report size 0
                payload = Payload(got.data, oversize=len(got.data) > options.max_bytes)
            else:
                handle.seek(0)
                stream = open_decompressed(handle, kind)
                got = read_capped(stream, HEAD)
                if is_warc(got.data[:16]):
                    handle.seek(0)
                    # fastwarc reads gzip and zstd itself; bz2 goes through Python's decompressor
                    warc_stream = handle if kind in ("gzip", "zstd") else open_decompressed(handle, kind)
                    warc = cap_items(read_warc(warc_stream, source, options.max_bytes), source, options.items_cap("warc"))
                    yield from (cap_text(a, options.max_chars) for a in warc)
                    return
                if got.oversize and not got.damage:
                    got = read_capped(stream, options.max_bytes, prefix=got.data)
                payload = Payload(got.data, kind, len(got.data) > options.max_bytes, got.damage)
        except OSError as exc:
            yield failed(source, "text", error("PL001", path=path, reason=exc.strerror or str(exc)))
            return
    yield from read_payload(payload, source, options)
