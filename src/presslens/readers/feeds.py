"""RSS and Atom feeds (feedparser): one article per item, from its full content or else its summary, with
the item's link, date and author; the feed's title is the outlet."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from ..errors import error
from ..record.types import RawArticle
from .base import clean_field, raw_article, where
from .html import fragment_parts, text_parts, with_parts
from .timefmt import iso_published

_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")
# A DOCTYPE's internal subset declares entities, which the XML parser would expand ("billion laughs"); feeds
# need none, so it is removed before parsing (an undefined entity then stays as text).
_INTERNAL_DTD = re.compile(r"<!DOCTYPE[^\[>]{0,1000}\[.*?\]\s*>", re.S | re.I)
HEAD_CHARS = 65_536
_ITEM_END = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)


def first_items(text: str, most: int) -> str:
    """The feed without its items past the first ``most`` (and the one after it, so that the reader still sees
    that there are more): the text up to that item's end, then what follows the last item (the closing tags).
    feedparser builds every item before the first is read, so a 20,000-item feed would cost minutes and a
    gigabyte for the few thousand a run takes."""
    cut = last = None
    for count, match in enumerate(_ITEM_END.finditer(text), 1):
        if count == most + 1:
            cut = match.end()
        last = match.end()
    if cut is None or last is None or cut == last:
        return text
    return text[:cut] + text[last:]


def _best_content(entry: Any) -> tuple[str, str]:
    """(value, mime type) of the item's fullest text: content:encoded / atom content, else the summary."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        candidates.append((value, content.get("type") or "text/html"))
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    candidates.append((summary, detail.get("type") or "text/html"))
    candidates = [c for c in candidates if c[0].strip()]
    if not candidates:
        return "", "text/plain"
    return max(candidates, key=lambda c: len(c[0]))


def _item_parts(value: str, mime: str) -> list[dict[str, str]]:
    """Markup becomes paragraphs by its blocks; text without tags keeps its blank-line paragraphs."""
    if _MARKUP.search(value):
        return fragment_parts(value)
    return text_parts(html.unescape(value) if "html" in mime else value)


_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")
_EMAIL = re.compile(r"^\s*\S+@\S+\s*$")


def _byline(entry: Any) -> str | None:
    """The item's author: RSS writes 'email (Name)', Atom <author><name>, Dublin Core dc:creator."""
    author = entry.get("author")
    if isinstance(author, str):
        match = _EMAIL_NAME.match(author)
        if match:
            return clean_field(match.group("name"))
        if _EMAIL.match(author):
            return None
    names = [str(a["name"]) for a in entry.get("authors") or [] if isinstance(a, dict) and a.get("name")]
    if names:
        return clean_field(", ".join(dict.fromkeys(names)))
    return clean_field(entry.get("author"))


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        value = iso_published(entry.get(key))
        if value:
            return value
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            return iso_published(entry.get(key))
    return None


def read_feed(text: str, source: dict[str, str], most: int | None = None) -> Iterator[RawArticle]:
    """One article per feed item (the first ``most`` and one more, when given); PL008 when the feed has none."""
    src = dict(source, format="rss")
    text = _INTERNAL_DTD.sub("", text[:HEAD_CHARS], count=1) + text[HEAD_CHARS:]  # no entity expansion bombs
    if most is not None:
        text = first_items(text, most)
    data = re.sub(r"^\s*<\?xml[^>]*\?>", '<?xml version="1.0" encoding="utf-8"?>', text, count=1).encode("utf-8")
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=True,
        resolve_relative_uris=False,
    )
    feed = parsed.get("feed") or {}
    outlet = clean_field(feed.get("title"))
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"the XML is malformed: {problem}" if problem else "no <item> or <entry> elements"
        yield raw_article(src, None, outlet=outlet, errors=[error("PL008", path=where(src), reason=reason)])
        return
    for index, entry in enumerate(entries, 1):
        item_src = dict(src, item=str(index))
        link = clean_field(entry.get("link"))
        if link:
            if "url" in item_src and "path" not in item_src:
                item_src["feed"] = item_src["url"]
            item_src["url"] = link
        value, mime = _best_content(entry)
        body, meta = with_parts(_item_parts(value, mime))
        raw = raw_article(
            item_src,
            body,
            title=clean_field(entry.get("title")),
            outlet=outlet,
            published=_published(entry),
            byline=_byline(entry),
        )
        if meta:
            raw["meta"] = meta
        if body is None:
            raw["errors"] = [error("PL013", path=where(item_src))]
        yield raw
