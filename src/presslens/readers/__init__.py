"""Readers turn bytes into raw articles (or errors); they know nothing of spaCy.

``read_inputs`` takes paths, folders (recursively), http(s) URLs or ``-`` (standard input) and yields one
``RawArticle`` per article, choosing the reader by sniffing the content, never by the file name alone:

- ``decode``: compression by magic bytes, binary detection, tolerant text decoding;
- ``sniff``: which format the content is;
- ``text``, ``html``, ``feeds``, ``warc``, ``jsonl``: one reader per format;
- ``url``: fetching pages; ``dispatch``: bytes to the right reader.

Every input yields at least one article; one that cannot be read carries ``text=None`` and a coded error.
Nothing raises out of ``read_inputs`` for a bad input.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import error
from ..record.types import RawArticle
from .base import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ReadOptions, failed, raw_article
from .dispatch import read_bytes, read_file
from .url import is_url, read_url

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "ReadOptions", "raw_article", "read_inputs", "iter_files"]


def iter_files(folder: Path) -> Iterator[Path]:
    """Regular files under ``folder``, recursively, sorted, skipping hidden files and folders; links to
    folders are not followed (no loops)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.is_file():  # no sockets, pipes or devices
                yield path


def _guarded(articles: Iterator[RawArticle], source: dict[str, str]) -> Iterator[RawArticle]:
    """Pass articles through; an unexpected exception becomes one more article carrying PL032."""
    try:
        yield from articles
    except Exception as exc:  # noqa: BLE001 - hostile input must never stop a run
        where = source.get("path") or source.get("url") or "input"
        yield failed(source, "text", error("PL032", path=where, reason=f"{type(exc).__name__}: {exc}"))


def _read_stdin(options: ReadOptions) -> Iterator[RawArticle]:
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    if stream is None:  # a text stream without bytes (tests, some embedders)
        data = sys.stdin.read().encode("utf-8")
    else:
        data = stream.read(options.max_bytes + 1)
    yield from read_bytes(data, {"path": "-"}, options)


def read_inputs(inputs: Iterable[str], options: ReadOptions | None = None) -> Iterator[RawArticle]:
    """Yield the articles of every input, in order: at least one per file, URL or ``-``."""
    options = options or ReadOptions()
    for item in inputs:
        if item == "-":
            yield from _guarded(_read_stdin(options), {"path": "-"})
            continue
        if is_url(item):
            yield from _guarded(read_url(item, options), {"url": item})
            continue
        path = Path(item)
        if path.is_dir():
            files = iter_files(path)
            first = next(files, None)
            if first is None:
                yield failed({"path": item}, "text", error("PL002", path=item))
                continue
            for file in (first, *files):
                yield from _guarded(read_file(file, options), {"path": str(file)})
            continue
        yield from _guarded(read_file(path, options), {"path": item})
