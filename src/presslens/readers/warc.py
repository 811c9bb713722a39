"""WARC files, plain or compressed (fastwarc): each HTML response (or resource) record is an article with
its target URI. Records read before damage are kept, and the damage is reported (PL009)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from ..errors import error
from ..record.types import RawArticle
from .base import raw_article, where
from .decode import ByteStream, binary_reason, decode_bytes, decompress
from .html import read_html
from .sniff import sniff_text


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        low = content_type.lower()
        return "html" in low
    head = body[:2048]
    return binary_reason(head) is None and sniff_text(head.decode("latin-1")) == "html"


def read_warc(stream: ByteStream, source: dict[str, str], max_bytes: int) -> Iterator[RawArticle]:
    """One article per HTML response record; PL009 when the file is damaged, PL031 when it holds no HTML."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    src = dict(source, format="warc")
    found = 0
    seen = 0
    damage: str | None = None
    try:
        records = ArchiveIterator(
            cast(Any, stream),
            record_types=WarcRecordType.response | WarcRecordType.resource,
            parse_http=True,
            auto_decode="all",
            fsspec_args=False,
        )
        for record in records:
            seen += 1
            uri = (record.headers.get("WARC-Target-URI") or "").strip("<> ")
            item = dict(src, offset=str(record.stream_pos))
            if uri:
                item["url"] = uri
            if record.record_type == WarcRecordType.response:
                if record.http_headers is None:
                    damage = f"the record at byte {record.stream_pos} has no readable HTTP headers"
                    continue
                status = record.http_headers.status_code or 0
                if not 200 <= status < 300:
                    continue
                content_type = record.http_content_type
            else:
                content_type = record.headers.get("Content-Type")
            expected = record.content_length
            body = record.reader.read(max_bytes + 1)
            if len(body) > max_bytes:
                yield raw_article(item, None, errors=[error("PL030", path=where(item), size=f">{max_bytes:,}", cap=f"{max_bytes:,}")])
                found += 1
                continue
            if not _is_html(content_type, body):
                continue
            found += 1
            errors = []
            if expected and len(body) < expected:
                damage = f"the record at byte {record.stream_pos} ends after {len(body)} of {expected} bytes"
                errors.append(error("PL014", path=where(item), reason=f"{len(body)} of {expected} bytes"))
            payload = decompress(body, max_bytes)
            decoded = decode_bytes(payload.data, record.http_charset if record.record_type == WarcRecordType.response else None)
            if decoded.replaced or decoded.mixed:
                errors.append(error("PL005", path=where(item), encoding=decoded.encoding, bad=decoded.replaced))
            article = read_html(decoded.text, item, url=uri or None)
            article["source"]["format"] = "warc"
            article["errors"] = errors + list(article["errors"])
            yield article
    except (OSError, ValueError) as exc:
        damage = str(exc) or type(exc).__name__
    if damage:
        yield raw_article(src, None, errors=[error("PL009", path=where(src), reason=damage)])
    elif not found:
        reason = f"{seen} response records, none of them an HTML page" if seen else "no response records"
        yield raw_article(src, None, errors=[error("PL031", path=where(src), reason=reason)])
