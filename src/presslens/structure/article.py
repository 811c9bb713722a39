"""The structured article: the classified units joined into the normalised text every offset points into,
with each block's kind and offsets, and the title, outlet and publication date the layout gave.

A raw article's text is split into units (``lines``), each unit gets a kind (``layout``); readers that know
the structure (HTML) pass it as ``raw["meta"]["parts"]`` and it is used as given. The normalised text is the
blocks' texts joined by blank lines.
"""

from __future__ import annotations

from ..errors import ErrorInfo, error
from ..record.types import Article, Block, RawArticle
from .layout import classify_units
from .lines import normalise_line, split_units
from .wire import split_wire


def _published(raw_value: str | None, extras: list[dict[str, str]]) -> str | None:
    """The publication date: the source's, else the dateline's, else the seed-shape date (+ its time)."""
    if raw_value:
        return raw_value
    seed_date = next((e["date"] for e in extras if "date" in e), None)
    seed_time = next((e["time"] for e in extras if "time" in e), None)
    dateline = next((e["published"] for e in extras if "published" in e), None)
    if dateline and (seed_date is None or dateline.startswith(seed_date)):
        return dateline
    if seed_date:
        return f"{seed_date}T{seed_time}" if seed_time else seed_date
    return dateline


def assemble(parts: list[tuple[str, str, str]]) -> tuple[str, list[Block]]:
    """Join block texts with blank lines (or the separator a part gives: a wire dateline and its paragraph
    are one space apart, as they were) and record each block's offsets."""
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, text, *sep in parts:
        if not text:
            continue
        if pieces:
            gap = sep[0] if sep and sep[0] else "\n\n"
            pieces.append(gap)
            pos += len(gap)
        blocks.append({"kind": kind, "start": pos, "end": pos + len(text)})
        pieces.append(text)
        pos += len(text)
    return "".join(pieces), blocks


def build_article(raw: RawArticle) -> tuple[Article | None, list[ErrorInfo]]:
    """Structure a raw article. Returns (None, errors) when there is no text to analyse."""
    where = str((raw.get("source") or {}).get("path") or (raw.get("source") or {}).get("url") or "input")
    text = raw.get("text") or ""
    title = normalise_line(raw.get("title") or "")
    meta = raw.get("meta") or {}
    given_parts = meta.get("parts") if isinstance(meta, dict) else None
    if isinstance(given_parts, list) and given_parts:
        classified = [
            piece
            for p in given_parts
            if (line := normalise_line(str(p.get("text", ""))))
            for piece in (split_wire("paragraph", line) if p.get("kind", "paragraph") == "paragraph" else
                          [(str(p.get("kind")), line, {})])
        ]
    else:
        units = split_units(text)
        if title and units and normalise_line(units[0]).lower() == title.lower():
            units = units[1:]
        classified = classify_units(units, has_title=bool(title), outlet=raw.get("outlet"))
    if title:
        classified.insert(0, ("title", title, {}))
    if not any(kind in ("paragraph", "caption") for kind, _, _ in classified):
        # no body found by layout: a one-line text is its own paragraph
        classified = [(("paragraph" if kind in ("heading", "meta") else kind), t, x) for kind, t, x in classified]
    if not any(kind == "paragraph" for kind, _, _ in classified) and not any(k == "caption" for k, _, _ in classified):
        return None, [error("PL013", path=where)]
    extras = [x for _, _, x in classified]
    article_title = next((t for kind, t, _ in classified if kind == "title"), "")
    outlet = raw.get("outlet") or next((x["outlet"] for x in extras if "outlet" in x), None)
    body, blocks = assemble([(kind, t, x.get("joined", "")) for kind, t, x in classified])
    article: Article = {
        "title": article_title,
        "outlet": outlet,
        "published": _published(raw.get("published"), extras),
        "byline": raw.get("byline") or next((t for kind, t, _ in classified if kind == "byline"), None),
        "url": (raw.get("source") or {}).get("url"),
        "text": body,
        "blocks": blocks,
    }
    return article, []
