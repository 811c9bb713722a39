"""Typed shapes of what flows between stages. Plain dicts (TypedDict) so they serialise as they are."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from ..errors import ErrorInfo

Format = Literal["text", "html", "rss", "warc", "jsonl"]
BlockKind = Literal["title", "dateline", "outlet", "byline", "caption", "heading", "related", "paragraph", "meta"]
BODY_KINDS: frozenset[str] = frozenset({"paragraph", "caption"})


class RawArticle(TypedDict):
    """What a reader yields: the article before structure, or an error.

    ``text`` is plain text (from a text file, JSONL or a feed's text), ``html`` the page when the source is
    HTML. Readers fill what the source carries; structure fills the rest.
    """

    source: dict[str, str]  # {"path" or "url": ..., "format": Format}
    text: str | None
    html: str | None
    title: str | None
    outlet: str | None
    published: str | None
    byline: str | None
    errors: list[ErrorInfo]
    # paragraphs as the source delimits them, when a reader knows them (HTML, feeds)
    meta: NotRequired[dict[str, object]]


class Span(TypedDict):
    text: str
    start: int
    end: int


class Block(TypedDict):
    kind: str
    start: int
    end: int


class Article(TypedDict):
    title: str
    outlet: str | None
    published: str | None
    byline: NotRequired[str | None]
    url: NotRequired[str | None]
    text: str
    blocks: list[Block]


class Mention(TypedDict):
    start: int
    end: int
    text: str
    kind: NotRequired[str]  # "name" | "nominal"


class Entity(TypedDict):
    id: str
    name: str
    label: str
    mentions: list[Mention]
    titles: list[str]
    country: str | None
    aliases: NotRequired[list[str]]
    coordinates: NotRequired[list[float] | None]
    countries: NotRequired[list[str]]  # every claimant, for contested places
