"""Reading PolNeAR (brat standoff) for ``bench/attribution.py``: the gold attributions of a file, the raw
article of a text (its lines as the blocks; ``presslens.train.attribution.polnear`` reads them the same way for
training), and the map from article offsets back to the file's.

Data: ``../shared/data/polnear/<split>/text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (``T# Source|Cue|
Content START END[;START END] TEXT`` and ``E# Attribution[-no-source]:T.. Content:T.. Cue:T.. [Source:T..]``).
Where an article has several annotators, the first annotator file in name order is the gold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presslens.train.attribution.polnear import align, line_blocks, raw_of

MARKS = "\"'“”‘’«»"
DOUBLE = "\"“”«»"
Spans = list[tuple[int, int]]
load_article = raw_of  # the raw article of a text and each block's (file offset, line)


def parse_ann(path: Path) -> list[dict[str, Any]]:
    """The attributions of one brat file: content, source and cue spans (lists of (start, end))."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            pieces: Spans = []
            for piece in offsets.split(";"):
                try:
                    s, e = piece.split()
                    pieces.append((int(s), int(e)))
                except ValueError:
                    continue
            spans[parts[0]] = (label, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for args in events:
        roles: dict[str, Spans] = {}
        for arg in args:
            role, _, tid = arg.partition(":")
            if tid in spans:
                roles[role] = spans[tid][1]
        if "Content" not in roles or not roles["Content"]:
            continue
        out.append({"content": roles["Content"], "source": roles.get("Source"), "cue": roles.get("Cue")})
    return out


def gold_kind(text: str, pieces: Spans) -> str:
    """direct / mixed / indirect from the quote marks in a gold content."""
    body = " ".join(text[s:e] for s, e in pieces).strip()
    if body.lower().startswith("that "):
        body = body[5:].strip()
    core = body.rstrip(".,;:!? ")
    if not any(ch in DOUBLE or ch in "‘«" for ch in core):
        return "indirect"
    if core[:1] in DOUBLE + "‘" and (core[-1:] in DOUBLE + "’" or body.rstrip()[-1:] in DOUBLE + "’"):
        inner = core[1:-1] if core[-1:] in DOUBLE + "’" else core[1:]
        if not any(ch in DOUBLE for ch in inner.replace("“", "").replace("”", "")) or len(inner) > 0.8 * len(core):
            return "direct"
    return "mixed"


class OffsetMap:
    """Article offsets -> file offsets, block by block."""

    def __init__(self, record: dict[str, Any], lines: list[tuple[int, str]]) -> None:
        from presslens.structure import normalise_line

        self.blocks = line_blocks(record["article"]["blocks"])
        self.maps: list[list[int]] = []
        self.bad = 0
        art = record["article"]["text"]
        for block, (start, line) in zip(self.blocks, lines, strict=False):
            norm = art[block["start"] : block["end"]]
            if norm != normalise_line(line):
                self.bad += 1
            self.maps.append(align(norm, line, start))

    def __call__(self, pos: int, end: bool = False) -> int:
        for block, m in zip(self.blocks, self.maps, strict=False):
            if block["start"] <= pos <= block["end"]:
                k = pos - block["start"]
                if end and k > 0:
                    return m[k - 1] + 1
                return m[min(k, len(m) - 1)]
        return pos


def articles(split: str, limit: int | None, data: Path) -> list[tuple[str, Path, Path]]:
    base = data / split
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            out.append((txt.stem, txt, anns[0]))
    return out[:limit] if limit else out


def predictions(record: dict[str, Any], omap: OffsetMap) -> list[dict[str, Any]]:
    """The record's quotes in file offsets: content, kind, rule, group, the speaker's spans (its own and
    every mention of its entity) and the speaker's whole phrase (``phrase``, where the record gives one)."""
    ents = {e["id"]: e for e in record.get("entities", [])}
    preds = []
    for q in record.get("quotes", []):
        c = q["content"]
        pred: dict[str, Any] = {
            "content": [(omap(c["start"]), omap(c["end"], end=True))],
            "kind": q["kind"],
            "rule": q.get("rule"),
            "group": q.get("group", q["id"]),
        }
        sp: Spans = []
        if q.get("speaker"):
            s = q["speaker"]
            sp.append((omap(s["start"]), omap(s["end"], end=True)))
            ent = ents.get(s.get("entity") or "")
            for m in (ent or {}).get("mentions", []):
                sp.append((omap(m["start"]), omap(m["end"], end=True)))
            ph = s.get("phrase")
            if ph:
                pred["phrase"] = [(omap(ph["start"]), omap(ph["end"], end=True))]
        pred["speaker"] = sp
        preds.append(pred)
    return preds
