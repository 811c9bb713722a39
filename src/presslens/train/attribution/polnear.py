"""PolNeAR v1.0 read the way presslens sees an article.

A split folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (brat standoff: ``T# Source|Cue|
Content START END[;START END] TEXT`` and ``E# Attribution:T.. Content:T.. Cue:T.. [Source:T..]``). Where an
article has several annotator files, the first in name order is the gold (as ``bench/attribution.py``).

Each text becomes presslens's structured article with its lines as the blocks (first line: the title), and
``FileMap`` maps file offsets to article offsets and back, so gold spans land on the characters the pipeline
reads.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import PresslensError

Pieces = list[tuple[int, int]]


class DataError(PresslensError):
    """Training data that cannot be used (PL094); the message says what the folder needs."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__("PL094", path=str(path), reason=reason)


@dataclass
class Gold:
    """One attribution: content, cue and source as lists of (start, end) character pieces."""

    content: Pieces
    cue: Pieces = field(default_factory=list)
    source: Pieces = field(default_factory=list)


def read_ann(path: Path) -> list[Gold]:
    """The attributions of one brat file that have a content."""
    spans: dict[str, Pieces] = {}
    events: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            pieces: Pieces = []
            for piece in offsets.split(";"):
                bits = piece.split()
                if len(bits) == 2 and bits[0].isdigit() and bits[1].isdigit():
                    pieces.append((int(bits[0]), int(bits[1])))
            spans[parts[0]] = pieces
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for args in events:
        roles: dict[str, Pieces] = {}
        for arg in args:
            role, _, tid = arg.partition(":")
            roles[role] = spans.get(tid, [])
        if roles.get("Content"):
            out.append(Gold(roles["Content"], roles.get("Cue", []), roles.get("Source", [])))
    return out


def split_items(data: Path, split: str, limit: int | None = None) -> list[tuple[str, Path, Path]]:
    """(name, text file, gold annotation file) of a split, in name order; PL091 when there is none."""
    base = Path(data) / split
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            out.append((txt.stem, txt, anns[0]))
    if not out:
        raise DataError(base, "it holds no text/NAME.txt with an attributions/NAME_*.ann")
    return out[:limit] if limit else out


def data_digest(items: list[tuple[str, Path, Path]]) -> str:
    """sha256 over the names and bytes of the text and annotation files used."""
    h = hashlib.sha256()
    for name, txt, ann in items:
        for path in (txt, ann):
            h.update(f"{name}/{path.parent.name}/{path.name}\n".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def raw_of(text: str, name: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The raw article of a PolNeAR text (lines as blocks) and each block's (file offset, line)."""
    from ...readers import raw_article

    parts: list[dict[str, str]] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            parts.append({"kind": "title" if not parts else "paragraph", "text": line})
            lines.append((pos, line))
        pos += len(line) + 1
    raw = raw_article({"path": name, "format": "text"}, text, meta={"parts": parts})
    return dict(raw), lines


def line_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article's blocks one per input line: a wire dateline split off its paragraph (one space between
    them, ``structure/wire.py``) is joined back to it, so block i is line i of the file."""
    out: list[dict[str, Any]] = []
    for b in blocks:
        if out and b["start"] == out[-1]["end"] + 1:
            out[-1] = {**out[-1], "end": b["end"]}
        else:
            out.append(dict(b))
    return out


def align(norm: str, orig: str, orig_start: int) -> list[int]:
    """For each character of a normalised line, its offset in the file (plus one entry for the end)."""
    out: list[int] = []
    j = 0
    for ch in norm:
        while j < len(orig) and orig[j] != ch and orig[j].isspace():
            j += 1
        if ch == " ":
            out.append(orig_start + j)
            while j < len(orig) and orig[j].isspace():
                j += 1
            continue
        out.append(orig_start + min(j, len(orig)))
        j += 1
    out.append(orig_start + min(j, len(orig)))
    return out


class FileMap:
    """Article offsets <-> file offsets, block by block."""

    def __init__(self, blocks: list[dict[str, Any]], article_text: str, lines: list[tuple[int, str]]) -> None:
        self.starts = [int(b["start"]) for b in blocks]
        self.ends = [int(b["end"]) for b in blocks]
        self.maps = [
            align(article_text[s:e], line, fs) for s, e, (fs, line) in zip(self.starts, self.ends, lines, strict=False)
        ]
        self.file_starts = [m[0] for m in self.maps]

    def to_file(self, pos: int, end: bool = False) -> int:
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        m = self.maps[i]
        k = min(max(pos - self.starts[i], 0), len(m) - 1)
        return m[k - 1] + 1 if end and k > 0 else m[k]

    def to_article(self, pos: int, end: bool = False) -> int:
        """The article offset of a file offset (an end offset maps its last character, plus one)."""
        target = pos - 1 if end else pos
        i = max(0, bisect.bisect_right(self.file_starts, target) - 1)
        m = self.maps[i]
        k = min(bisect.bisect_left(m, target), len(m) - 1)
        return self.starts[i] + k + (1 if end else 0)

    def pieces(self, pieces: Pieces) -> Pieces:
        out = [(self.to_article(s), self.to_article(e, end=True)) for s, e in pieces if e > s]
        return [(s, e) for s, e in out if e > s]


def load_article(txt: Path, name: str) -> tuple[dict[str, Any], FileMap] | None:
    """presslens's structured article for a PolNeAR text and its offset map; None when it has no body."""
    from ...structure import build_article

    text = txt.read_text(encoding="utf-8")
    raw, lines = raw_of(text, name)
    article, _ = build_article(raw)  # type: ignore[arg-type]
    if article is None:
        return None
    return dict(article), FileMap(line_blocks([dict(b) for b in article["blocks"]]), article["text"], lines)
