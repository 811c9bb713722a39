"""What to follow: a SOURCES text file (``URL [outlet name]`` a line, ``#`` comments), an OPML file, or
URLs given on the command line. Invalid lines raise PL118 naming the line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import PresslensError

URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)


@dataclass(frozen=True)
class Source:
    url: str
    outlet: str | None = None


def parse_lines(text: str, path: str = "SOURCES") -> list[Source]:
    """Sources from text: one ``URL [outlet name]`` a line; blank lines and ``#`` comments are skipped."""
    out: list[Source] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        url, _, name = line.partition(" ")
        if not URL.match(url):
            raise PresslensError("PL118", path=path, line=number, reason=f"{url!r} is not an http(s) URL")
        out.append(Source(url, " ".join(name.split()) or None))
    return out


def parse_opml(text: str, path: str = "SOURCES") -> list[Source]:
    """Sources from OPML: every ``<outline xmlUrl=...>`` (its ``title`` or ``text`` is the outlet)."""
    try:
        root = ET.fromstring(text)  # noqa: S314 - a local file the user wrote
    except ET.ParseError as exc:
        raise PresslensError("PL118", path=path, line=exc.position[0], reason=f"the OPML is not well-formed XML: {exc}") from exc
    out: list[Source] = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if not url:
            continue
        if not URL.match(url):
            raise PresslensError("PL118", path=path, line="?", reason=f"outline xmlUrl {url!r} is not an http(s) URL")
        name = (node.get("title") or node.get("text") or "").strip()
        out.append(Source(url, name or None))
    return out


def read_sources(items: Iterable[str]) -> list[Source]:
    """Sources from command-line arguments: each is a URL, or a SOURCES file (text or OPML). Duplicates
    (the same URL twice) keep the first."""
    out: dict[str, Source] = {}
    for item in items:
        if URL.match(item):
            found = [Source(item)]
        else:
            path = Path(item)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise PresslensError("PL118", path=item, line=0, reason=f"the file cannot be read: {exc}") from exc
            head = text.lstrip()[:200].lower()
            found = parse_opml(text, item) if head.startswith("<?xml") or "<opml" in head else parse_lines(text, item)
        for src in found:
            out.setdefault(src.url, src)
    return list(out.values())
