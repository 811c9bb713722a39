"""Plain text: the decoded text passes through untouched (``structure`` reads the title and date lines)."""

from __future__ import annotations

from ..errors import error
from ..record.types import RawArticle
from .base import raw_article, where


def read_text(text: str, source: dict[str, str]) -> RawArticle:
    """One article from plain text; PL002 when there is nothing but white space."""
    src = dict(source, format="text")
    if not text.strip():
        return raw_article(src, None, errors=[error("PL002", path=where(src))])
    return raw_article(src, text)
