"""readers.warc: each HTML response record of a WARC file (plain or compressed) is an article.

The WARC files are written here by hand, record by record, as the WARC 1.0 format describes them.
"""

from __future__ import annotations

import bz2
import gzip
import io
import uuid
from pathlib import Path

from presslens.readers import read_inputs
from presslens.readers.warc import read_warc

PARAGRAPH = "<p>The regional court ruled on {day} that the port expansion may go ahead, rejecting an appeal by fishermen.</p>"


def page(title: str, day: str) -> bytes:
    body = PARAGRAPH.format(day=day) * 3
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>".encode()


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK", extra: str = "") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    return head.encode() + body


def warc_record(uri: str, block: bytes, warc_type: str = "response", content_type: str = "application/http; msgtype=response") -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-01T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri + warc_type)}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def sample_records() -> list[bytes]:
    return [
        warc_record("https://port.example/", b"", "warcinfo", "application/warc-fields"),
        warc_record("https://port.example/news/1", b"GET /news/1 HTTP/1.1\r\nHost: port.example\r\n\r\n", "request", "application/http; msgtype=request"),
        warc_record("https://port.example/news/1", http_response(page("Court backs port expansion", "Monday"))),
        warc_record("https://port.example/logo.png", http_response(b"\x89PNG\r\n\x1a\n\0\0", "image/png")),
        warc_record("https://port.example/old", http_response(b"<html><body>Moved</body></html>", status="301 Moved Permanently", extra="Location: /news/1\r\n")),
        warc_record("https://port.example/news/2", http_response(page("Fishermen to appeal again", "Tuesday"))),
    ]


def codes(article: dict) -> list[str]:
    return [e["code"] for e in article["errors"]]


def test_plain_warc_gives_one_article_per_html_response(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"  # the name says nothing: the content does
    path.write_bytes(b"".join(sample_records()))
    articles = list(read_inputs([str(path)]))
    assert [a["source"]["url"] for a in articles] == ["https://port.example/news/1", "https://port.example/news/2"]
    assert [a["title"] for a in articles] == ["Court backs port expansion", "Fishermen to appeal again"]
    assert all(a["source"]["format"] == "warc" and a["source"]["path"] == str(path) and a["errors"] == [] for a in articles)
    assert articles[0]["text"].startswith("The regional court ruled on Monday")
    assert int(articles[1]["source"]["offset"]) > int(articles[0]["source"]["offset"])


def test_gzipped_warc_member_per_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in sample_records()))
    assert [a["title"] for a in read_inputs([str(path)])] == ["Court backs port expansion", "Fishermen to appeal again"]


def test_bz2_warc_goes_through_python_decompression(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.bz2"
    path.write_bytes(bz2.compress(b"".join(sample_records())))
    assert len([a for a in read_inputs([str(path)]) if a["text"]]) == 2


def test_http_encodings_and_charset_are_decoded() -> None:
    html = "<html><body><article>" + "<p>Le caf\u00e9 du port a rouvert ses portes lundi, a indiqu\u00e9 la mairie du village.</p>" * 3 + "</article></body></html>"
    body = gzip.compress(html.encode("cp1252"))
    chunked = hex(len(body))[2:].encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
    record = warc_record("https://village.example/cafe", head + chunked)
    [article] = read_warc(io.BytesIO(record), {"path": "v.warc"}, 10**6)
    assert article["text"].startswith("Le caf\u00e9 du port a rouvert"), article


def test_truncated_warc_keeps_earlier_records_and_reports_pl009(tmp_path: Path) -> None:
    data = b"".join(sample_records())
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-400])
    articles = list(read_inputs([str(path)]))
    assert articles[0]["title"] == "Court backs port expansion" and articles[0]["errors"] == []
    assert codes(articles[-1]) == ["PL009"] and articles[-1]["text"] is None


def test_garbage_after_the_version_line_is_pl009() -> None:
    [article] = read_warc(io.BytesIO(b"WARC/1.0\r\nnot a header line\r\n\r\njunk"), {"path": "g.warc"}, 10**6)
    assert codes(article) == ["PL009"]


def test_warc_without_html_is_pl031() -> None:
    records = [warc_record("https://port.example/logo.png", http_response(b"\x89PNG\r\n", "image/png"))]
    [article] = read_warc(io.BytesIO(b"".join(records)), {"path": "img.warc"}, 10**6)
    assert codes(article) == ["PL031"] and "1 response records" in article["errors"][0]["message"]


def test_resource_records_with_html_are_read() -> None:
    record = warc_record("file:///saved/page.html", page("Saved page", "Friday"), "resource", "text/html")
    [article] = read_warc(io.BytesIO(record), {"path": "r.warc"}, 10**6)
    assert article["title"] == "Saved page"
