"""What a source is and which article links it lists.

- An RSS/Atom feed (feedparser): one entry per item, with its link, title, date, summary or full content.
- A sitemap or sitemap index, plain or gzip-compressed (lxml, entities off, no network): one entry per
  ``<url>`` with its ``<lastmod>`` and Google News ``<news:title>`` / ``<news:publication_date>``; the
  child sitemaps of an index are fetched (at most ``MAX_CHILDREN``).
- A home page: its feeds are discovered with trafilatura (``<link rel="alternate">``, feed-like anchors)
  and fetched; without any, the sitemaps named in its robots.txt. Nothing found: PL116.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import feedparser
from lxml import etree

from ..errors import error
from .fetch import Fetched, FetchFailed, PoliteClient

MAX_CHILDREN = 50
MAX_FEEDS = 3
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass
class Entry:
    link: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    summary: str | None = None

    def digest(self) -> str:
        """What the source says about the item: a change means the page is fetched again."""
        key = "\x1f".join(x or "" for x in (self.title, self.published, self.updated, self.summary))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass
class Listing:
    kind: str  # feed | sitemap | page
    entries: list[Entry] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    title: str | None = None


def _text(data: bytes, charset: str | None) -> str:
    return data.decode(charset or "utf-8", "replace").lstrip("\ufeff")


def looks_like_sitemap(head: str) -> bool:
    return "<urlset" in head or "<sitemapindex" in head


def looks_like_feed(head: str) -> bool:
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _value(item: Any, key: str) -> str | None:
    value = item.get(key)
    return str(value).strip() if value else None


def feed_entries(data: bytes) -> tuple[list[Entry], str | None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # feedparser's updated/published mapping notice
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
        return _entries(parsed)


def _entries(parsed: Any) -> tuple[list[Entry], str | None]:
    entries = []
    for item in parsed.get("entries") or []:
        link = _value(item, "link")
        if not link:
            continue
        contents = [c.get("value") or "" for c in item.get("content") or []]
        summary = max([*contents, item.get("summary") or ""], key=len) or None
        entries.append(Entry(link, _value(item, "title"), _value(item, "published"), _value(item, "updated"), summary))
    return entries, _value(parsed.get("feed") or {}, "title")


def sitemap_entries(data: bytes) -> tuple[list[Entry], list[str]]:
    """(article entries, child sitemap URLs) of a sitemap or sitemap index."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    entries, children = [], []
    for node in root.iter(f"{SITEMAP_NS}sitemap", "sitemap"):
        loc = node.findtext(f"{SITEMAP_NS}loc") or node.findtext("loc")
        if loc and loc.strip().startswith("http"):
            children.append(loc.strip())
    for node in root.iter(f"{SITEMAP_NS}url", "url"):
        loc = (node.findtext(f"{SITEMAP_NS}loc") or node.findtext("loc") or "").strip()
        if not loc.startswith("http"):
            continue
        lastmod = node.findtext(f"{SITEMAP_NS}lastmod") or node.findtext("lastmod")
        title = node.findtext(f".//{NEWS_NS}title")
        published = node.findtext(f".//{NEWS_NS}publication_date")
        entries.append(Entry(loc, title, published, lastmod))
    return entries, children


def _sitemap(client: PoliteClient, first: Fetched) -> Listing:
    entries, children = sitemap_entries(first.data)
    seen = {first.url}
    for child in children[:MAX_CHILDREN]:
        if child in seen:
            continue
        seen.add(child)
        got = client.get(child)
        more, _ = sitemap_entries(got.data)  # an index of indexes is not followed further
        entries.extend(more)
    return Listing("sitemap", entries)


def _page(client: PoliteClient, got: Fetched, url: str) -> Listing:
    from trafilatura.feeds import FeedParameters, determine_feed
    from trafilatura.sitemaps import extract_robots_sitemaps

    parts = urlsplit(got.url)
    base = f"{parts.scheme}://{parts.netloc}"
    feeds = determine_feed(_text(got.data, got.charset), FeedParameters(base, parts.hostname or "", got.url))
    feeds = [f for f in feeds if f != url][:MAX_FEEDS]
    listing = Listing("page", feeds=feeds)
    for feed in feeds:
        fetched = client.get(feed)
        if looks_like_feed(_text(fetched.data[:2000], fetched.charset).lower()):
            found, listing.title = feed_entries(fetched.data)
            listing.entries.extend(found)
    if not feeds:
        maps = extract_robots_sitemaps(client.robots_text(got.url), base)[:MAX_FEEDS]
        listing.feeds = maps
        for sitemap in maps:
            listing.entries.extend(_sitemap(client, client.get(sitemap)).entries)
    if not listing.feeds:
        raise FetchFailed(error("PL116", url=url, reason="it is an HTML page without feed links or robots.txt sitemaps"))
    return listing


def listing_of(client: PoliteClient, url: str, got: Fetched) -> Listing:
    """The entries a fetched source lists (raises FetchFailed PL116 when it lists none)."""
    head = _text(got.data[:2000], got.charset).lower()
    if looks_like_sitemap(head):
        return _sitemap(client, got)
    if looks_like_feed(head):
        entries, title = feed_entries(got.data)
        return Listing("feed", entries, title=title)
    if "<html" in head or "<!doctype html" in head or "html" in got.content_type:
        return _page(client, got, url)
    raise FetchFailed(error("PL116", url=url, reason=f"its content ({got.content_type or 'no type'}) is not XML or HTML"))
