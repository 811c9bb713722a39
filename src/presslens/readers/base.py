"""What every reader shares: options, the RawArticle builder, the per-article size cap."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ErrorInfo, error
from ..record.types import RawArticle

if TYPE_CHECKING:
    from .meta import ArticleMeta

DEFAULT_MAX_CHARS = 200_000  # the longest article analysed (a long read is 20-60 k; issue 13)
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_MAX_ITEMS = 5_000  # items taken from one WARC file per run (and from a feed, when set)
DEFAULT_FEED_ITEMS = 500  # items taken from one feed per run unless set: a real feed holds tens (issue 13)
DEFAULT_TIMEOUT = 20.0
USER_AGENT = "presslens/0.1 (+https://pypi.org/project/presslens/; news analysis)"


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class ReadOptions:
    """Limits for reading. Defaults come from PRESSLENS_MAX_CHARS / PRESSLENS_MAX_BYTES / PRESSLENS_MAX_ITEMS /
    PRESSLENS_TIMEOUT / PRESSLENS_FOLLOW_LINKS.

    - ``max_bytes``: the largest input read, in bytes after decompression (PL030 past it);
    - ``max_chars``: the largest article text, in characters (PL004 past it);
    - ``max_items``: the most items taken from one feed or WARC file (PL036 once past it); unset (None, no
      PRESSLENS_MAX_ITEMS), ``DEFAULT_FEED_ITEMS`` for a feed and ``DEFAULT_MAX_ITEMS`` for a WARC file;
    - ``follow_links``: a folder walk follows links that lead out of the folder (else PL035).
    """

    max_chars: int = field(default_factory=lambda: int(_env_number("PRESSLENS_MAX_CHARS", DEFAULT_MAX_CHARS)))
    max_bytes: int = field(default_factory=lambda: int(_env_number("PRESSLENS_MAX_BYTES", DEFAULT_MAX_BYTES)))
    timeout: float = field(default_factory=lambda: _env_number("PRESSLENS_TIMEOUT", DEFAULT_TIMEOUT))
    max_items: int | None = field(default_factory=lambda: _env_items())
    follow_links: bool = field(default_factory=lambda: _env_flag("PRESSLENS_FOLLOW_LINKS"))
    meta: ArticleMeta | None = field(default=None, compare=False)  # --outlet / --meta (readers/meta.py)

    def items_cap(self, kind: str) -> int:
        """The most items taken from one input of ``kind`` ("feed" or "warc")."""
        if self.max_items is not None:
            return self.max_items
        return DEFAULT_FEED_ITEMS if kind == "feed" else DEFAULT_MAX_ITEMS


def _env_items() -> int | None:
    value = _env_number("PRESSLENS_MAX_ITEMS", -1)
    return int(value) if value >= 0 else None


def raw_article(source: dict[str, str], text: str | None = None, **fields: object) -> RawArticle:
    """A RawArticle with every key present."""
    raw: RawArticle = {
        "source": source,
        "text": text,
        "html": None,
        "title": None,
        "outlet": None,
        "published": None,
        "byline": None,
        "errors": [],
    }
    raw.update(fields)  # type: ignore[typeddict-item]
    return raw


def where(source: dict[str, str]) -> str:
    """How an error message names the input: path (with item/line/offset) or URL."""
    base = source.get("path") or source.get("url") or "input"
    for key in ("line", "item", "offset"):
        if key in source:
            return f"{base} ({key} {source[key]})"
    return base


def failed(source: dict[str, str], fmt: str, *errors: ErrorInfo, **fields: object) -> RawArticle:
    """A RawArticle without text that carries the errors saying why."""
    return raw_article(dict(source, format=fmt), None, errors=list(errors), **fields)


def cap_text(raw: RawArticle, max_chars: int) -> RawArticle:
    """Drop an article's text above the per-article cap and say so (PL004)."""
    text = raw.get("text")
    if text is not None and len(text) > max_chars:
        raw["text"] = None
        raw.pop("meta", None)
        raw["errors"] = list(raw.get("errors") or []) + [
            error("PL004", path=where(raw["source"]), size=f"{len(text):,}", cap=f"{max_chars:,}")
        ]
    return raw


def cap_items(articles: Iterator[RawArticle], source: dict[str, str], max_items: int) -> Iterator[RawArticle]:
    """The first ``max_items`` items of a feed or WARC file; one more record with PL036 when there are more.
    Records about the whole file (no ``item`` or ``offset`` in their source) pass and do not count."""
    count = 0
    for article in articles:
        src = article.get("source") or {}
        if "item" in src or "offset" in src:
            count += 1
            if count > max_items:
                close = getattr(articles, "close", None)
                if close is not None:
                    close()
                yield failed(source, src.get("format") or "text", error("PL036", path=where(source), cap=f"{max_items:,}"))
                return
        yield article


def clean_field(value: object) -> str | None:
    """A metadata value as one line of text, or None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def read_text(text: str, source: dict[str, str]) -> RawArticle:
    """Plain text: one article, the decoded text untouched (``structure`` reads the title and date lines);
    PL002 when there is nothing but white space."""
    src = dict(source, format="text")
    if not text.strip():
        return raw_article(src, None, errors=[error("PL002", path=where(src))])
    return raw_article(src, text)
