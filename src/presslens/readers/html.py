"""HTML pages: main text and metadata with trafilatura, the date from the page's meta (htmldate as fallback).

The text is the main content only, as paragraphs separated by blank lines: navigation, footers, share
bars, cookie banners, scripts and styles never reach it. ``meta.parts`` keeps the block kinds that the
HTML tells (sub-headings, photo captions, paragraphs) for ``structure``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import lxml.html
from lxml import etree

from ..errors import error
from ..record.types import RawArticle
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
] + ["//*[@hidden]", "//*[contains(translate(@style, ' ', ''), 'display:none')]", "//nav", "//footer", "//aside", "//form", "//button", "//noscript", "//template", "//dialog", "//*[@role='navigation' or @role='banner' or @role='contentinfo' or @aria-hidden='true']"]

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
_LD_BODY = re.compile(r'"articleBody"\s*:\s*"((?:[^"\\]|\\.)*)"')
MAX_TAGS = 100_000  # tags past which a page is read block by block, without main-text extraction
_MIN_FALLBACK = 40  # characters of text a fallback must find to count as an article
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
    """Image source -> the caption of its <figure> (trafilatura keeps images but drops <figcaption>), and
    each caption under the key of its own text (a caption trafilatura kept as a paragraph)."""
    captions: dict[str, str] = {}
    for caption in tree.iter("figcaption"):
        text = squash(caption.text_content())
        if not text:
            continue
        captions.setdefault(text, text)
        figure = caption.getparent()
        while figure is not None and figure.tag != "figure":
            figure = figure.getparent()
        for img in (figure if figure is not None else caption).iter("img"):
            for src in (img.get("src"), img.get("data-src")):
                if src:
                    captions.setdefault(src, text)
    return captions


def _text_of(element: Any) -> str:
    """An element's text on one line; a line break (<lb/>) becomes a space, not a join of two words."""
    for node in element.iter("lb"):
        node.tail = " " + (node.tail or "")
    return squash("".join(element.itertext()))


def _body_parts(body: Any, title: str | None, captions: dict[str, str]) -> list[Part]:
    """Walk trafilatura's output tree (head, p, list/item, quote, graphic, ...) into typed parts."""
    parts: list[Part] = []
    if body is None:
        return parts
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            text = _text_of(element)
            if text and not (not parts and title and text.casefold() == title.casefold()):
                parts.append({"kind": "heading", "text": text})
        elif tag == "graphic":
            caption = captions.get(element.get("src") or "")
            if caption:
                parts.append({"kind": "caption", "text": caption})
        elif tag == "list":
            for item in element.iter("item"):
                text = _text_of(item)
                if text:
                    parts.append({"kind": "paragraph", "text": text})
        elif tag == "table":
            continue
        else:
            text = _text_of(element)
            if text:
                parts.append({"kind": "caption" if captions.get(text) == text else "paragraph", "text": text})
        if element.tail and element.tail.strip():
            parts.append({"kind": "paragraph", "text": squash(element.tail)})
    return parts


def _dedupe_captions(parts: list[Part]) -> list[Part]:
    """A caption that both its image and a paragraph brought in appears once."""
    kept: list[Part] = []
    seen: set[str] = set()
    for part in parts:
        if part["kind"] == "caption":
            if part["text"] in seen:
                continue
            seen.add(part["text"])
        kept.append(part)
    return kept


def walk_parts(root: Any, limit: int | None = None) -> list[Part]:
    """Paragraphs (and headings, captions) of an element, block by block; scripts, styles, navigation and
    forms are skipped. Iterative, so deeply nested markup cannot exhaust the stack. With ``limit``, the walk
    stops once the parts hold more than ``limit`` characters."""
    parts: list[Part] = []
    buffer: list[str] = []
    kind = "paragraph"
    total = 0

    def flush() -> None:
        nonlocal total
        text = squash("".join(buffer))
        buffer.clear()
        if text:
            parts.append({"kind": kind, "text": text})
            total += len(text) + 2

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        if limit is not None and total > limit:
            return parts
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _DROP_TAGS or not tag:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            if tag in {"h2", "h3", "h4", "h5", "h6"}:
                kind = "heading"
            elif tag == "figcaption":
                kind = "caption"
            if node.text:
                buffer.append(node.text)
            continue
        if tag in _BLOCK_TAGS:
            flush()
            kind = "paragraph"
        if node.tail and node is not root:
            buffer.append(node.tail)
    flush()
    return parts


def fragment_parts(markup: str) -> list[Part]:
    """Paragraphs (and headings, captions) of an HTML fragment such as a feed item's content."""
    tree = parse_html(f"<html><body>{markup}</body></html>")
    if tree is None:
        return []
    body = tree.find("body")
    return walk_parts(body if body is not None else tree)


def _fallback_parts(markup: str) -> list[Part]:
    """When trafilatura finds nothing: the JSON-LD articleBody, else the page's text without its
    boilerplate (navigation, header, footer, asides, forms, scripts), if there is a sentence of it."""
    tree = parse_html(markup)
    if tree is None:
        return []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            match = _LD_BODY.search(script.text)
            if match:
                try:
                    body_text = json.loads(f'"{match.group(1)}"')
                except ValueError:
                    continue
                if len(body_text.strip()) >= _MIN_FALLBACK:
                    return text_parts(body_text)
    for path in [*_PRUNE_XPATH, "//header"]:
        for node in tree.xpath(path):
            if node.getparent() is not None:
                node.drop_tree()
    body = tree.find("body")
    parts = walk_parts(body if body is not None else tree)
    return parts if sum(len(p["text"]) for p in parts) >= _MIN_FALLBACK else []


def text_parts(text: str) -> list[Part]:
    """Paragraphs of plain text separated by blank lines."""
    return [{"kind": "paragraph", "text": squash(p)} for p in re.split(r"\n\s*\n", text) if p.strip()]


def with_parts(parts: Iterable[Part]) -> tuple[str | None, dict[str, object]]:
    """The article text (parts joined by blank lines) and the meta that keeps the parts."""
    kept = [p for p in parts if p["text"]]
    if not kept:
        return None, {}
    return "\n\n".join(p["text"] for p in kept), {"parts": kept}


def _read_huge(tree: Any, src: dict[str, str], tags: int, max_chars: int | None) -> RawArticle:
    """A page past ``MAX_TAGS``: its blocks in one linear walk, up to just past ``max_chars`` characters (the
    caller's cap then says PL004), without trafilatura or htmldate, whose time and memory grow faster."""
    node = tree.find(".//title")
    body = tree.find("body")
    text, meta = with_parts(walk_parts(body if body is not None else tree, max_chars))
    raw = raw_article(
        src,
        text,
        title=clean_field(node.text_content()) if node is not None else None,
        published=published_from_meta(tree),
        errors=[error("PL037", path=where(src), count=f"{tags:,}", cap=f"{MAX_TAGS:,}")],
    )
    if meta:
        raw["meta"] = meta
    if text is None:
        raw["errors"].append(error("PL007", path=where(src), reason="the page's blocks hold no text"))
    return raw


def read_html(markup: str, source: dict[str, str], url: str | None = None, max_chars: int | None = None) -> RawArticle:
    """One article from one HTML page (PL007 when no main text is found). A page with more than ``MAX_TAGS``
    tags is read block by block (PL037), its walk stopped past ``max_chars`` characters."""
    import htmldate
    import trafilatura

    src = dict(source, format="html")
    tree = parse_html(markup)
    if tree is None:
        return raw_article(src, None, errors=[error("PL007", path=where(src), reason="the page has no HTML elements")])
    tags = markup.count("<")
    if tags > MAX_TAGS:
        return _read_huge(tree, src, tags, max_chars)
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
    if not parts:
        parts = _fallback_parts(markup)
    text, meta = with_parts(parts)
    raw = raw_article(src, text, title=title, outlet=outlet, published=published, byline=byline)
    if meta:
        raw["meta"] = meta
    if text is None:
        raw["errors"] = [error("PL007", path=where(src), reason="trafilatura found no main text")]
    return raw

