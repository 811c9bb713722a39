"""Items: canonical URLs, and the raw article of an item, from the feed's full text or from its page."""

from __future__ import annotations

from ..errors import ErrorInfo, error
from ..readers import ReadOptions, raw_article
from ..readers.dispatch import read_bytes
from ..readers.html import fragment_parts, with_parts
from ..record.types import RawArticle
from ..store.sources import ItemRow
from .fetch import Fetched, FetchFailed, PoliteClient

FULL_TEXT_WORDS = 150  # a feed entry with at least this many words is the article; shorter is a summary


def canonical(url: str) -> str:
    """The URL with its fragment and tracking parameters (utm_*, fbclid, ...) removed (courlan)."""
    from courlan import normalize_url

    try:
        return str(normalize_url(url.strip(), strict=True))
    except (ValueError, TypeError, AttributeError):
        return url.strip()


def _words(markup: str | None) -> int:
    if not markup:
        return 0
    body, _ = with_parts(fragment_parts(markup))
    return len((body or "").split())


def is_full_text(item: ItemRow, min_words: int = FULL_TEXT_WORDS) -> bool:
    return _words(item.summary) >= min_words


def _fill(raw: RawArticle, item: ItemRow, outlet: str | None) -> RawArticle:
    """Feed metadata where the page has none; the user's outlet name always wins."""
    raw["source"] = dict(raw["source"], watch=item.url)
    if outlet:
        raw["outlet"] = outlet
    if not raw.get("title") and item.title:
        raw["title"] = item.title
    if not raw.get("published") and item.published:
        from ..readers.timefmt import iso_published

        raw["published"] = iso_published(item.published) or None
    return raw


def from_feed(item: ItemRow, outlet: str | None) -> RawArticle:
    """The article carried in full by the feed entry."""
    body, meta = with_parts(fragment_parts(item.summary or ""))
    raw = raw_article({"url": item.link, "format": "rss"}, body, title=item.title)
    if meta:
        raw["meta"] = meta
    if body is None:
        raw["errors"] = [error("PL013", path=item.link)]
    return _fill(raw, item, outlet)


def fetch_page(client: PoliteClient, item: ItemRow) -> Fetched | ErrorInfo:
    """The item's page (in a fetch thread: I/O only), or the coded error of its fetch."""
    try:
        return client.get(item.link)
    except FetchFailed as exc:
        return exc.info


def from_page(item: ItemRow, got: Fetched | ErrorInfo, outlet: str | None, options: ReadOptions) -> RawArticle:
    """The article read from a fetched page (in the main thread, as ``ingest`` reads files); a failed fetch
    is a raw article without text that carries its code."""
    if not isinstance(got, Fetched):
        return _fill(raw_article({"url": item.link, "format": "html"}, None, errors=[got]), item, outlet)
    source = {"url": item.link}
    if got.url != item.link:
        source["final_url"] = got.url
    raw = next(iter(read_bytes(got.data, source, options, declared=got.charset, hint="html")))
    return _fill(raw, item, outlet)
