"""Text tables the terminal shows: columns fitted to its width, and search hits with their highlighted snippets.

``fit`` sizes the columns to their widest cell and, when the row is wider than the terminal, shrinks the
columns marked flexible (widest first, never under their floor), cutting a cell that no longer fits with ``…``
(and a line still too wide at the floors is cut at the width).
``highlight`` renders a snippet's marks (``SearchHit.marks``: ``[start, end)`` offsets into the plain snippet):
bold on a terminal, ``[brackets]`` otherwise (so a file or a pipe still shows what matched).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from typing import Any

GAP = "  "
ELLIPSIS = "…"
BOLD, RESET = "\x1b[1m", "\x1b[0m"


UNBOUNDED = 10_000  # a pipe or a file: nothing is cut


def terminal_width() -> int:
    """The width tables are fitted to: COLUMNS when set, else the terminal's columns when stdout is one, else
    unbounded (a file or a pipe keeps whole titles and outlets)."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return UNBOUNDED


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, ending with ``…`` when cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)].rstrip() + ELLIPSIS if width > 0 else ""


def widths(rows: Sequence[Sequence[str]], width: int, floors: Sequence[int | None]) -> list[int]:
    """Column widths for ``rows`` within ``width`` characters (with two spaces between columns). A column whose
    floor is None keeps its natural width; the others shrink, widest first, down to their floor."""
    cols = [max((len(r[i]) for r in rows), default=0) for i in range(len(floors))]
    excess = sum(cols) + len(GAP) * (len(cols) - 1) - width
    while excess > 0:
        room = [(cols[i] - f, i) for i, f in enumerate(floors) if f is not None and cols[i] > f]
        if not room:
            break
        _, widest = max((cols[i], i) for _, i in room)
        cols[widest] -= 1
        excess -= 1
    return cols


def fit(rows: Sequence[Sequence[str]], width: int, floors: Sequence[int | None]) -> list[str]:
    """``rows`` as lines of columns fitted to ``width`` (see ``widths``); the last column is not padded."""
    cols = widths(rows, width, floors)
    lines = []
    for r in rows:
        cells = [cut(c, w) for c, w in zip(r, cols, strict=True)]
        lines.append(GAP.join(c.ljust(w) for c, w in zip(cells[:-1], cols, strict=False)) + GAP * (len(cells) > 1)
                     + cells[-1])
    return [cut(line.rstrip(), width) for line in lines]


def _marked(snippet: str, marks: Sequence[Sequence[int]], width: int, opened: str, closed: str) -> tuple[str, int]:
    """``snippet`` cut to ``width`` with its marks wrapped, and how many marks were drawn."""
    text = cut(snippet, width)
    keep = len(text) - (1 if text != snippet else 0)
    out, at, drawn = [], 0, 0
    for start, end in sorted((int(m[0]), int(m[1])) for m in marks):
        start, end = max(start, at), min(end, keep)
        if start >= end:
            continue
        out += [text[at:start], opened, text[start:end], closed]
        at, drawn = end, drawn + 1
    out.append(text[at:])
    return "".join(out), drawn


def highlight(snippet: str, marks: Sequence[Sequence[int]], width: int, bold: bool) -> str:
    """``snippet`` with each mark in bold (a terminal) or in [brackets], in at most ``width`` visible characters
    (the brackets count; bold takes no room)."""
    opened, closed = (BOLD, RESET) if bold else ("[", "]")
    room = width
    while True:
        line, drawn = _marked(snippet, marks, room, opened, closed)
        if bold or room <= 1 or len(line) <= width:
            return line
        room -= max(1, len(line) - width)


def search_table(hits: Sequence[Any], total: int, width: int, bold: bool) -> list[str]:
    """The search command's table: a count, then per hit its id, date, outlet and title (fitted to ``width``)
    and under it the snippet with its highlights."""
    lines = [f"{total} match{'es' if total != 1 else ''}"]
    if not hits:
        return lines
    rows = [["id", "published", "outlet", "title"]]
    rows += [[h.id, (h.published or "undated")[:16], h.outlet or "?", h.title or "(untitled)"] for h in hits]
    table = fit(rows, width, [None, 10, 10, 12])
    lines.append(table[0])
    for hit, line in zip(hits, table[1:], strict=True):
        lines.append(line)
        if hit.snippet:
            lines.append("    " + highlight(hit.snippet, hit.marks or [], width - 4, bold))
    return lines
