"""Choose a reader by the content, never by the file name: cheap checks on the first few kilobytes."""

from __future__ import annotations

import json
import re
from typing import Literal

Sniffed = Literal["text", "html", "rss", "jsonl", "warc"]

_PROLOG = re.compile(r"^(?:\s*(?:<\?[^>]*\?>|<!--.*?-->|<!(?!--)[^>]*>))*\s*", re.S)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|a|h[1-6]|table|ul|br|img|script|style|link)[\s>/]",
    re.I,
)
_FEED_ROOTS = {"rss", "rdf:rdf", "rdf", "feed"}
_HTML_ROOTS = {"html", "head", "body"}


def is_warc(head: bytes) -> bool:
    """A WARC file (after decompression) starts with its version line."""
    return head.lstrip(b"\r\n")[:7] in (b"WARC/1.", b"WARC/0.") or head.startswith(b"WARC/")


def sniff_text(text: str) -> Sniffed:
    """'html', 'rss', 'jsonl' or 'text' for decoded content (WARC is told apart on bytes, by ``is_warc``)."""
    head = text[:8192].lstrip("\ufeff \t\r\n")
    if not head:
        return "text"
    first = head[0]
    if first in "{[":
        return "jsonl" if _looks_json(text, head) else "text"
    if first == "<":
        body = _PROLOG.sub("", head, count=1)
        tag = _FIRST_TAG.match(body)
        root = tag.group(1).lower() if tag else ""
        if root in _FEED_ROOTS:
            return "rss"
        if root in _HTML_ROOTS:
            return "html"
        low = head.lower()
        if "<rss" in low or "<rdf:rdf" in low or ("<feed" in low and "http://www.w3.org/2005/atom" in low):
            return "rss"
        if _HTML_TAG.search(head) or (root and head.startswith("<?xml")):
            return "html"  # other XML (NewsML, a sitemap): the HTML reader takes the text out of the markup
        return "text"
    # A page with junk (a BOM-less byte, a server warning) before the markup.
    if _HTML_TAG.search(head[:1024]) and re.search(r"<(?:!doctype\s+html|html|body)[\s>]", head[:1024], re.I):
        return "html"
    return "text"


def _looks_json(text: str, head: str) -> bool:
    """One JSON object a line (JSONL), or a JSON document holding an object or a list of objects."""
    lines = [line for line in text.lstrip("\ufeff \t\r\n").split("\n", 6)[:6] if line.strip()][:5]
    if head[0] == "{":
        for line in lines:
            try:
                if isinstance(json.loads(line), dict):
                    return True
            except (ValueError, RecursionError):
                continue
    if len(text) <= 50_000_000:
        try:
            value = json.loads(text)
        except RecursionError:
            return True  # JSON nested too deeply: the JSONL reader says so, line by line (PL006)
        except ValueError:
            return False
        return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value))
    return False
