"""HTML pages: main text and metadata with trafilatura, the date from the page's meta (htmldate as fallback).

The text is the main content only, as paragraphs separated by blank lines: navigation, footers, share
bars, cookie banners, scripts and styles never reach it. ``meta.parts`` keeps the block kinds that the
HTML tells (sub-headings, photo captions, paragraphs) for ``structure``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import lxml.html
from lxml import etree

from ..errors import error
from ..types import RawArticle
from .base import clean_field, raw_article, where
from .timefmt import iso_published

Part = dict[str, str]

# Boilerplate that sometimes sits inside the main column; pruned when it is short (a wrapper div whose
# class merely mentions "social" must not take the article with it).
_BOILERPLATE = ("cookie", "consent", "gdpr", "share", "sharing", "social", "newsletter", "subscribe", "paywall", "advert", "promo")
_PRUNE_XPATH = [
    f"//*[not(self::html or self::body or self::main or self::article)]"
    f"[contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{word}')]"
    f"[string-length(normalize-space(.)) < 400]"
    for word in _BOILERPLATE
] + ["//nav", "//footer", "//aside", "//form", "//button", "//noscript", "//template", "//dialog", "//*[@role='navigation' or @role='banner' or @role='contentinfo' or @aria-hidden='true']"]

# <meta> names and properties that carry the publication time, most specific first.
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "original-publish-date",
    "date",
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')

_BLOCK_TAGS = {
    "p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "tr", "dd", "dt",
    "section", "article", "header", "ul", "ol", "table", "figure", "main", "address", "td", "th", "caption",
}  # fmt: skip
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "form", "button", "nav", "footer", "aside", "head", "title", "select", "textarea"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def squash(text: str) -> str:
    """Whitespace runs to one space, trimmed."""
    return " ".join(text.split())


def parse_html(markup: str) -> Any:
    """An lxml tree of a page or fragment (never raises; None when there is nothing to parse)."""
    markup = markup.lstrip("\ufeff")
    if not markup.strip():
        return None
    if markup.lstrip().startswith("<?xml"):
        markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup, count=1)
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError, TypeError):
        return None


def published_from_meta(tree: Any) -> str | None:
    """The publication time a page declares: <meta> tags, JSON-LD, <time itemprop=datePublished>."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_KEYS and key not in found and meta.get("content"):
            found[key] = meta.get("content")
    for key in _PUBLISHED_KEYS:
        if key in found:
            value = iso_published(found[key])
            if value:
                return value
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            match = _LD_DATE.search(script.text)
            if match and iso_published(match.group(1)):
                return iso_published(match.group(1))
    for node in tree.iter("time"):
        if (node.get("itemprop") or "").lower() == "datepublished" or "pubdate" in node.attrib:
            value = iso_published(node.get("datetime"))
            if value:
                return value
    return None


def _captions(tree: Any) -> dict[str, str]:
    """Image source -> the caption of its <figure> (trafilatura keeps images but drops <figcaption>)."""
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = next(figure.iter("figcaption"), None)
        if caption is None:
            continue
        text = squash(caption.text_content())
        for img in figure.iter("img"):
            src = img.get("src") or img.get("data-src")
            if src and text:
                captions.setdefault(src, text)
    return captions


def _body_parts(body: Any, title: str | None, captions: dict[str, str]) -> list[Part]:
    """Walk trafilatura's output tree (head, p, list/item, quote, graphic, ...) into typed parts."""
    parts: list[Part] = []
    if body is None:
        return parts
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            text = squash("".join(element.itertext()))
            if text and not (not parts and title and text.casefold() == title.casefold()):
                parts.append({"kind": "heading", "text": text})
        elif tag == "graphic":
            caption = captions.get(element.get("src") or "")
            if caption:
                parts.append({"kind": "caption", "text": caption})
        elif tag == "list":
            for item in element.iter("item"):
                text = squash("".join(item.itertext()))
                if text:
                    parts.append({"kind": "paragraph", "text": text})
        elif tag == "table":
            continue
        else:
            text = squash("".join(element.itertext()))
            if text:
                parts.append({"kind": "paragraph", "text": text})
        if element.tail and element.tail.strip():
            parts.append({"kind": "paragraph", "text": squash(element.tail)})
    return parts


def _dedupe_captions(parts: list[Part]) -> list[Part]:
    """A caption trafilatura also kept as a paragraph appears once, as a caption."""
    captions = {p["text"] for p in parts if p["kind"] == "caption"}
    return [p for p in parts if p["kind"] == "caption" or p["text"] not in captions]


def fragment_parts(markup: str) -> list[Part]:
    """Paragraphs (and headings, captions) of an HTML fragment such as a feed item's content."""
    tree = parse_html(f"<html><body>{markup}</body></html>")
    if tree is None:
        return []
    parts: list[Part] = []
    buffer: list[str] = []
    kind = ["paragraph"]

    def flush() -> None:
        text = squash("".join(buffer))
        buffer.clear()
        if text:
            parts.append({"kind": kind[0], "text": text})

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _DROP_TAGS or not isinstance(node.tag, str):
            if node.tail:
                buffer.append(node.tail)
            return
        block = tag in _BLOCK_TAGS
        if block or tag == "br":
            flush()
        if tag in {"h2", "h3", "h4", "h5", "h6"}:
            kind[0] = "heading"
        elif tag == "figcaption":
            kind[0] = "caption"
        if node.text:
            buffer.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
            kind[0] = "paragraph"
        if node.tail:
            buffer.append(node.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return parts


def text_parts(text: str) -> list[Part]:
    """Paragraphs of plain text separated by blank lines."""
    return [{"kind": "paragraph", "text": squash(p)} for p in re.split(r"\n\s*\n", text) if p.strip()]


def with_parts(parts: Iterable[Part]) -> tuple[str | None, dict[str, object]]:
    """The article text (parts joined by blank lines) and the meta that keeps the parts."""
    kept = [p for p in parts if p["text"]]
    if not kept:
        return None, {}
    return "\n\n".join(p["text"] for p in kept), {"parts": kept}


def read_html(markup: str, source: dict[str, str], url: str | None = None) -> RawArticle:
    """One article from one HTML page (PL007 when no main text is found)."""
    import htmldate
    import trafilatura

    src = dict(source, format="html")
    tree = parse_html(markup)
    if tree is None:
        return raw_article(src, None, errors=[error("PL007", path=where(src), reason="the page has no HTML elements")])
    published = published_from_meta(tree)
    captions = _captions(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=True,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
        prune_xpath=_PRUNE_XPATH,
    )
    title = outlet = byline = None
    parts: list[Part] = []
    if doc is not None:
        title = clean_field(getattr(doc, "title", None))
        outlet = clean_field(getattr(doc, "sitename", None))
        byline = clean_field(getattr(doc, "author", None))
        published = published or iso_published(getattr(doc, "date", None))
        parts = _dedupe_captions(_body_parts(getattr(doc, "body", None), title, captions))
    if published is None:
        fresh = parse_html(markup)
        if fresh is not None:
            published = iso_published(htmldate.find_date(fresh, url=url, original_date=True, extensive_search=True))
    if title is None:
        node = tree.find(".//title")
        title = clean_field(node.text_content()) if node is not None else None
    text, meta = with_parts(parts)
    raw = raw_article(src, text, title=title, outlet=outlet, published=published, byline=byline)
    if meta:
        raw["meta"] = meta
    if text is None:
        raw["errors"] = [error("PL007", path=where(src), reason="trafilatura found no main text")]
    return raw

