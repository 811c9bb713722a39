"""A search hit's snippet: plain text from the article's body (not the title again, not the dateline, byline or
page furniture before it), around the densest run of matches, with ``marks``: the [start, end) offsets of the
matches within the snippet. FTS5's ``highlight()`` says where the matches are (``OPEN``/``CLOSE`` around each);
the body is where the record's structure blocks say its paragraphs are, or, for a record without blocks, after
the title and the short furniture lines that follow it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters: highlight()'s markers, never in the snippet
WIDTH = 240  # characters of article text in a snippet
LEAD = 60  # at most this much text before the first match shown
BODY_KINDS = frozenset({"paragraph"})  # a "heading" may be furniture (a wire line before the body)
FURNITURE = re.compile(r"\||\b(?:news id|publish(?:ed)? date|updated|last modified|posted|by)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?\"”’)]$")
JOINABLE_GAP = re.compile(r"[\s\-‐‑–]*")  # between two marks shown as one ("cease-fire", "heavy rain")
MAX_SKIPPED_LINES = 8
MARKER = re.compile(f"[{OPEN}{CLOSE}]")
SPACES = re.compile(r"\s+")

Span = tuple[int, int]
Block = tuple[str, int, int]  # kind, start, end


def parse_marks(marked: str, text: str) -> list[Span]:
    """The [start, end) spans in ``text`` that ``marked`` (``text`` with OPEN/CLOSE inserted) marks; none when
    ``marked`` is not ``text`` with markers (a text that holds the markers itself)."""
    if marked.replace(OPEN, "").replace(CLOSE, "") != text:
        return []
    spans: list[Span] = []
    start = -1
    for n, m in enumerate(MARKER.finditer(marked)):
        pos = m.start() - n  # the markers before this one are not in ``text``
        if m.group() == OPEN:
            start = pos
        elif start >= 0:
            spans.append((start, pos))
            start = -1
    return spans


def body_start(text: str, title: str, blocks: Sequence[Block]) -> int:
    """Where the article's body begins: its first paragraph block; without blocks, after the first lines that
    repeat the title or look like datelines, bylines or page furniture ("PTI | Tehran | Updated ...")."""
    paragraphs = [start for kind, start, _ in blocks if kind in BODY_KINDS]
    if paragraphs:
        return min(paragraphs)
    pos = 0
    for _ in range(MAX_SKIPPED_LINES):
        end = text.find("\n", pos)
        if end < 0:
            break
        line = text[pos:end].strip()
        furniture = not line or (title and title.strip() in line and len(line) < len(title) + 40) or (
            len(line) < 120 and (FURNITURE.search(line) or not SENTENCE_END.search(line))
        )
        if not furniture:
            break
        pos = end + 1
    return pos if text[pos:].strip() else 0


def _body_spans(spans: list[Span], start: int, blocks: Sequence[Block]) -> list[Span]:
    """The spans in the body: after ``start`` and, when there are paragraph blocks, inside one."""
    body = [(s, e) for kind, s, e in blocks if kind in BODY_KINDS]
    return [sp for sp in spans if sp[0] >= start and (not body or any(s <= sp[0] and sp[1] <= e for s, e in body))]


def _window(text: str, spans: list[Span], start: int) -> tuple[int, int]:
    """[from, to) of the text to show: from a little before the densest run of matches, at a word or sentence
    boundary, to about WIDTH characters on at a word boundary."""
    ws = start
    if spans:
        reach = WIDTH - LEAD
        best = max(spans, key=lambda a: (sum(1 for s in spans if a[0] <= s[0] and s[1] <= a[0] + reach), -a[0]))
        ws = max(start, best[0] - LEAD)
        lead = text[ws : best[0]]
        sentence = max(lead.rfind(". "), lead.rfind("\n"))
        if sentence >= 0:
            ws += sentence + 1
        elif ws > start and not text[ws - 1].isspace():
            space = lead.find(" ")
            ws = ws + space + 1 if space >= 0 else best[0]
    we = min(len(text), ws + WIDTH)
    if we < len(text):
        cut = text.rfind(" ", ws, we)
        floor = max((s[1] for s in spans if s[0] < we), default=ws)
        we = cut if cut > max(ws, floor) else we
    return ws, we


def _collapse(segment: str) -> tuple[str, Callable[[int], int]]:
    """``segment`` with each run of white space one space (none at the ends), and where an offset of
    ``segment`` lands in it."""
    plain = " ".join(segment.split())
    runs = [(m.start(), m.end()) for m in SPACES.finditer(segment)]

    def where(k: int) -> int:
        removed = 0
        for a, b in runs:
            if a >= k:
                break
            kept = 0 if a == 0 else 1  # a leading run goes, any other is one space
            removed += min(b, k) - a - (kept if b <= k else min(kept, k - a))
        return max(0, min(k - removed, len(plain)))

    return plain, where


def make_snippet(text: str, title: str, blocks: Sequence[Block], marked: str | None = None) -> tuple[str, list[list[int]]]:
    """(snippet, marks) of one hit: ``marked`` is ``text`` as ``highlight()`` gave it (None: no query)."""
    start = body_start(text, title, blocks)
    spans = _body_spans(parse_marks(marked, text), start, blocks) if marked else []
    ws, we = _window(text, spans, start)
    plain, where = _collapse(text[ws:we])
    head = "… " if ws > start and plain else ""
    tail = " …" if we < len(text) and plain else ""
    marks: list[list[int]] = []
    for s, e in spans:
        if s < ws or e > we:
            continue
        ms, me = where(s - ws) + len(head), where(e - ws) + len(head)
        if me <= ms:
            continue
        if marks and JOINABLE_GAP.fullmatch(head + plain, marks[-1][1], ms):
            marks[-1][1] = me
        else:
            marks.append([ms, me])
    return head + plain + tail, marks
