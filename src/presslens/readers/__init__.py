"""Readers turn bytes into raw articles (or errors); they know nothing of spaCy.

``read_inputs`` takes paths, folders, URLs or ``-`` and yields one ``RawArticle`` per article, choosing the
reader by sniffing the content, never by the file name alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import error
from ..types import RawArticle

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class ReadOptions:
    max_chars: int = DEFAULT_MAX_CHARS  # per article, after decoding
    max_bytes: int = DEFAULT_MAX_BYTES  # per file or download
    timeout: float = 20.0  # seconds, for URLs


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


def read_inputs(inputs: Iterable[str], options: ReadOptions | None = None) -> Iterator[RawArticle]:
    """Placeholder: plain UTF-8 text files only (the readers issue replaces this)."""
    options = options or ReadOptions()
    for item in inputs:
        if item == "-":
            yield raw_article({"path": "-", "format": "text"}, sys.stdin.read())
            continue
        p = Path(item)
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                data = f.read_bytes()
            except OSError as exc:
                yield raw_article({"path": str(f), "format": "text"}, None, errors=[error("PL001", path=f, reason=exc.strerror)])
                continue
            yield raw_article({"path": str(f), "format": "text"}, data.decode("utf-8", "replace"))
