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

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import error
from ..record.types import RawArticle
from .base import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_MAX_ITEMS, ReadOptions, failed, raw_article
from .dispatch import read_bytes, read_file
from .paths import walk_folder
from .url import is_url, read_url

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "DEFAULT_MAX_ITEMS", "ReadOptions", "raw_article", "read_inputs", "iter_files"]


def iter_files(folder: Path, follow_links: bool = False) -> Iterator[Path]:
    """Readable regular files under ``folder``, recursively, sorted, skipping hidden files and folders and
    everything ``walk_folder`` refuses (special files, broken links, links out of the tree)."""
    for path, problem in walk_folder(folder, follow_links):
        if problem is None:
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
    """Yield the articles of every input, in order: at least one per file, URL or ``-``; with the metadata of
    ``options.meta`` (``--outlet``, ``--meta``, see ``meta``) filled in."""
    options = options or ReadOptions()
    if options.meta is not None:
        yield from options.meta.over(_read_all(inputs, options))
    else:
        yield from _read_all(inputs, options)


def _read_all(inputs: Iterable[str], options: ReadOptions) -> Iterator[RawArticle]:
    for item in inputs:
        if item == "-":
            yield from _guarded(_read_stdin(options), {"path": "-"})
            continue
        if is_url(item):
            yield from _guarded(read_url(item, options), {"url": item})
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, options)
            continue
        yield from _guarded(read_file(path, options), {"path": item})


def _read_folder(folder: Path, options: ReadOptions) -> Iterator[RawArticle]:
    """Every file of a folder tree; a refused one (special file, broken link, link out) yields its error."""
    empty = True
    for path, problem in walk_folder(folder, options.follow_links):
        empty = False
        if problem is not None:
            yield failed({"path": str(path)}, "text", problem)
        else:
            yield from _guarded(read_file(path, options), {"path": str(path)})
    if empty:
        yield failed({"path": str(folder)}, "text", error("PL002", path=str(folder)))
