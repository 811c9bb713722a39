"""Whose words: every character of the article belongs to one voice.

- **narrator**: the outlet's own words (the default);
- **quoted**: inside a direct quote, or inside the quoted fragments of a mixed quote, with its speaker;
- **reported**: the content of an indirect quote, or the part of a mixed quote outside its fragments: the
  outlet's paraphrase of a speaker.

Built on ``doc._.pl_quotes`` (items with ``kind``, ``speaker`` {entity, text, ...}, ``content`` {start, end}
and, for mixed quotes, ``fragments`` [{start, end}]). Where quotes overlap, quoted beats reported beats
narrator, and among equals the innermost (shortest) quote wins. The quotation marks that open and close a
quoted stretch belong to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypedDict

from spacy.tokens import Doc

from ..common import Intervals, doc_text

Voice = Literal["narrator", "quoted", "reported"]
PRIORITY: dict[str, int] = {"narrator": 0, "reported": 1, "quoted": 2}
QUOTE_MARKS = "\"'“”‘’«»„‟‹›"
_FRAGMENT_RE = re.compile(r"[\"“«„]([^\"“”«»„]{1,400}?)[\"”»‟]")


class VoiceSegment(TypedDict):
    start: int
    end: int
    voice: str
    speaker: str | None  # entity id of the speaker, when quoted or reported
    speaker_text: str | None
    quote: str | None  # id of the quote that owns the stretch


class _Region(TypedDict):
    start: int
    end: int
    voice: str
    speaker: str | None
    speaker_text: str | None
    quote: str | None


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a quoted stretch over the quotation marks (and a closing comma or stop) right around it."""
    s, e = start, end
    while s > 0 and text[s - 1] in QUOTE_MARKS:
        s -= 1
    k = e
    while k < len(text) and text[k] in ",.;:!?":
        k += 1
    if k < len(text) and text[k] in QUOTE_MARKS:
        e = k + 1
    elif e < len(text) and text[e] in QUOTE_MARKS:
        e += 1
    return s, e


def _fragments(text: str, quote: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The quoted parts of a mixed quote: its ``fragments``, else the marked stretches inside its content."""
    frags = quote.get("fragments")
    if frags:
        return [(int(f["start"]), int(f["end"])) for f in frags if f and f.get("end", 0) > f.get("start", 0)]
    content = quote.get("content") or {}
    cs, ce = int(content.get("start", 0)), int(content.get("end", 0))
    # the content may stop just inside a closing mark: look one character beyond
    window = text[cs : min(len(text), ce + 1)]
    return [(cs + m.start(1), cs + m.end(1)) for m in _FRAGMENT_RE.finditer(window)]


def quote_regions(text: str, quotes: Iterable[Mapping[str, Any]]) -> list[_Region]:
    """The stretches each quote claims, with their voice."""
    regions: list[_Region] = []
    for i, q in enumerate(quotes):
        content = q.get("content") or {}
        try:
            cs, ce = int(content["start"]), int(content["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if not 0 <= cs < ce <= len(text):
            continue
        speaker = q.get("speaker") or {}
        sp_id = speaker.get("entity") if isinstance(speaker, Mapping) else None
        sp_text = speaker.get("text") if isinstance(speaker, Mapping) else None
        qid = str(q.get("id") or f"Q{i + 1}")
        kind = q.get("kind")
        base = {"speaker": sp_id, "speaker_text": sp_text, "quote": qid}
        if kind == "direct":
            s, e = _with_marks(text, cs, ce)
            regions.append({"start": s, "end": e, "voice": "quoted", **base})  # type: ignore[typeddict-item]
        elif kind == "mixed":
            regions.append({"start": cs, "end": ce, "voice": "reported", **base})  # type: ignore[typeddict-item]
            for fs, fe in _fragments(text, q):
                if 0 <= fs < fe <= len(text):
                    s, e = _with_marks(text, fs, fe)
                    regions.append({"start": s, "end": e, "voice": "quoted", **base})  # type: ignore[typeddict-item]
        else:  # indirect, or an unknown kind: the outlet's paraphrase
            regions.append({"start": cs, "end": ce, "voice": "reported", **base})  # type: ignore[typeddict-item]
    return regions


def voice_segments(text: str, quotes: Iterable[Mapping[str, Any]]) -> list[VoiceSegment]:
    """Partition ``text`` (every character, in order, no gaps) into stretches of one voice."""
    n = len(text)
    regions = quote_regions(text, quotes)
    if n == 0:
        return []
    cuts = sorted({0, n, *(r["start"] for r in regions), *(r["end"] for r in regions)})
    holding = Intervals((r["start"], r["end"]) for r in regions)  # the regions over ``a``, in their order
    segments: list[VoiceSegment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        best: _Region | None = None
        for r in (regions[k] for k in holding.holding(a)):
            if r["start"] <= a and b <= r["end"]:
                if best is None or (PRIORITY[r["voice"]], best["end"] - best["start"]) > (
                    PRIORITY[best["voice"]],
                    r["end"] - r["start"],
                ):
                    best = r
        if best is None:
            seg: VoiceSegment = {"start": a, "end": b, "voice": "narrator", "speaker": None,
                                 "speaker_text": None, "quote": None}
        else:
            seg = {"start": a, "end": b, "voice": best["voice"], "speaker": best["speaker"],
                   "speaker_text": best["speaker_text"], "quote": best["quote"]}
        last = segments[-1] if segments else None
        if last and (last["voice"], last["quote"]) == (seg["voice"], seg["quote"]) and last["end"] == a:
            last["end"] = b
        else:
            segments.append(seg)
    return segments


def find_voice(doc: Doc) -> list[VoiceSegment]:
    """The voice segments of a processed Doc, from ``doc._.pl_quotes``."""
    return voice_segments(doc_text(doc), doc._.pl_quotes or [])


class VoiceIndex:
    """Look up the voice of any character range, by the segment it overlaps most."""

    def __init__(self, segments: Sequence[VoiceSegment]) -> None:
        self.segments = list(segments)
        self._starts = [s["start"] for s in self.segments]

    def at(self, start: int, end: int | None = None) -> VoiceSegment:
        end = start + 1 if end is None or end <= start else end
        if not self.segments:
            return {"start": start, "end": end, "voice": "narrator", "speaker": None, "speaker_text": None,
                    "quote": None}
        i = max(0, bisect_right(self._starts, start) - 1)
        best, best_overlap = self.segments[i], -1
        while i < len(self.segments) and self.segments[i]["start"] < end:
            seg = self.segments[i]
            overlap = min(end, seg["end"]) - max(start, seg["start"])
            # on a tie the stronger voice wins: a loaded phrase half inside a quote is the speaker's
            if overlap > best_overlap or (overlap == best_overlap and PRIORITY[seg["voice"]] > PRIORITY[best["voice"]]):
                best, best_overlap = seg, overlap
            i += 1
        return best
