"""JSONL: one article object a line (``text``; optionally ``title``, ``url``, ``published``, ``outlet``,
``byline``). A line that is not such an object yields a record with PL006 for that line; the others still
go through. A JSON document holding one object or a list of objects is read the same way.

Accepted aliases: ``content``/``body`` for text, ``html`` (read as an HTML page when there is no text),
``headline`` for title, ``link`` for url, ``date``/``published_at``/``datetime`` for published,
``source``/``site``/``sitename`` for outlet, ``author``/``authors`` for byline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import error
from ..record.types import RawArticle
from .base import clean_field, raw_article, where
from .html import read_html
from .timefmt import iso_published

_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "datetime", "pubdate"),
    "outlet": ("outlet", "source", "site", "sitename"),
    "byline": ("byline", "author", "authors"),
}


def _first(obj: dict[str, Any], field: str) -> Any:
    for key in _ALIASES[field]:
        value = obj.get(key)
        if value not in (None, "", []):
            return value
    return None


def _byline(value: Any) -> str | None:
    if isinstance(value, list):
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        return clean_field(", ".join(str(n) for n in names if n))
    if isinstance(value, dict):
        return clean_field(value.get("name"))
    return clean_field(value)


def article_from_object(obj: Any, source: dict[str, str]) -> RawArticle:
    """One article from one decoded JSON value."""
    src = dict(source, format="jsonl")
    line = source.get("line", "?")
    if not isinstance(obj, dict):
        return raw_article(src, None, errors=[error("PL006", path=source.get("path") or source.get("url"), line=line, reason=f"a JSON {type(obj).__name__}, not an object")])
    url = _first(obj, "url")
    if isinstance(url, str) and url.strip():
        src["url"] = url.strip()
    outlet = _first(obj, "outlet")
    fields = {
        "title": clean_field(_first(obj, "title")),
        "outlet": clean_field(outlet.get("name") if isinstance(outlet, dict) else outlet),
        "published": iso_published(_first(obj, "published")),
        "byline": _byline(_first(obj, "byline")),
    }
    text = _first(obj, "text")
    if text is None and isinstance(obj.get("html"), str):
        page = read_html(obj["html"], src, url=src.get("url"))
        page["source"]["format"] = "jsonl"
        for key, value in fields.items():
            if value:
                page[key] = value  # type: ignore[literal-required]
        return page
    if not isinstance(text, str):
        reason = "no \"text\" field" if text is None else f"\"text\" is a JSON {type(text).__name__}, not a string"
        return raw_article(src, None, errors=[error("PL006", path=source.get("path") or source.get("url"), line=line, reason=reason)], **fields)
    if not text.strip():
        return raw_article(src, None, errors=[error("PL013", path=where(src))], **fields)
    return raw_article(src, text, **fields)


def _lines(text: str) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield number, line


def read_jsonl(text: str, source: dict[str, str]) -> Iterator[RawArticle]:
    """One article per line (or per object of a JSON document)."""
    stripped = text.strip()
    if not stripped:
        yield raw_article(dict(source, format="jsonl"), None, errors=[error("PL002", path=where(source))])
        return
    if stripped[0] == "[" or (stripped[0] == "{" and "\n" in stripped and _whole_document(stripped)):
        try:
            value = json.loads(stripped)
        except (ValueError, RecursionError):  # RecursionError: nested too deeply; read line by line below
            value = None
        if isinstance(value, (list, dict)):
            items = value if isinstance(value, list) else [value]
            for index, obj in enumerate(items, 1):
                yield article_from_object(obj, dict(source, item=str(index)))
            if not items:
                yield raw_article(dict(source, format="jsonl"), None, errors=[error("PL002", path=where(source))])
            return
    for number, line in _lines(text):
        src = dict(source, line=str(number))
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply to be an article" if isinstance(exc, RecursionError) else f"not JSON: {exc}"
            yield raw_article(dict(src, format="jsonl"), None, errors=[error("PL006", path=source.get("path") or source.get("url"), line=number, reason=reason)])
            continue
        yield article_from_object(obj, src)


def _whole_document(text: str) -> bool:
    """A pretty-printed JSON document rather than JSONL: its first line alone is not JSON."""
    try:
        json.loads(text.split("\n", 1)[0])
    except (ValueError, RecursionError):
        return True
    return False
