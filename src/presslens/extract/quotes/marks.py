"""Pairing quotation marks: where the quoted stretches of an article's body are.

Works on the article text and its body blocks only, never raises, and knows nothing of spaCy. Handles
``" "``, ``“ ”``, ``„ “``, ``« »``, ``‘ ’``, ``' '`` and ``‹ ›``; an apostrophe inside or at the end of a word
(``don’t``, ``Palestinians’ rights``, ``’90s``) is never taken for a mark unless a single quote is open and
the mark closes it. Unbalanced marks are repaired, not fatal:

- an opening mark with no closing mark in its paragraph closes at the paragraph's end; when the next
  paragraph opens with a mark (the news convention for a quote that runs over paragraphs) the span is
  flagged ``continues`` and the next paragraph's quote is flagged ``continued``;
- a second double opening mark while one is open closes the first one there (a forgotten closing mark);
- a closing mark with nothing open is ignored; an unclosed single mark is dropped (it was an apostrophe).

Double marks (and guillemets) make the top level; single marks inside them are nested (``level`` 2).
Single marks outside any double mark make a top-level span too (the British style, or a scare quote).

A paragraph with more than ``MAX_MARKS`` quotation marks (a quote storm, not prose) gets a linear pass
instead (issue 13): double marks only, each pair one span, no repairs across paragraphs. Every step here is
linear in the text's length.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import TypedDict

from .cues import load_cues

DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‚‹")
SINGLE_CLOSE = frozenset("’›")
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | {STRAIGHT_DOUBLE, STRAIGHT_SINGLE, "‟"}
OPEN_CONTEXT = frozenset(" \t\n([{—–-/\u00a0") | DOUBLE_OPEN | SINGLE_OPEN | {STRAIGHT_DOUBLE}
TRAILING_PUNCT = frozenset(".,;:!?…)]}—–-") | DOUBLE_CLOSE | SINGLE_CLOSE | {STRAIGHT_DOUBLE, STRAIGHT_SINGLE}
MAX_MARKS = 2_000  # quotation marks in one paragraph before the linear pass takes over


class Quoted(TypedDict):
    """A quoted stretch: ``start``/``end`` bound the words inside the marks (marks excluded)."""

    start: int
    end: int
    open: int | None  # offset of the opening mark
    close: int | None  # offset of the closing mark (None: closed at the paragraph's end)
    level: int  # 1: double marks or top-level single marks; 2: single marks inside double marks
    single: bool  # made by single marks
    block: int  # index of the body block it lies in
    continues: bool  # runs on into the next paragraph
    continued: bool  # carries on a quote from the paragraph before


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _before(text: str, i: int, lo: int) -> str:
    return text[i - 1] if i - 1 >= lo else " "


def _after(text: str, i: int, hi: int) -> str:
    return text[i + 1] if i + 1 < hi else " "


def _role(text: str, i: int, lo: int, hi: int, double_open: bool, single_open: bool, width: int = 1) -> str:
    """The role of the mark at ``i``: 'open', 'close' (each with 'd'/'s' for double/single) or '' (not a mark).

    ``width`` 2 reads two straight apostrophes (``''``) as one straight double mark."""
    ch = STRAIGHT_DOUBLE if width == 2 else text[i]
    prev, nxt = _before(text, i, lo), _after(text, i + width - 1, hi)
    opens_here = prev in OPEN_CONTEXT or prev.isspace()
    closes_here = not prev.isspace() and (nxt.isspace() or nxt in TRAILING_PUNCT or i + width >= hi)
    if ch in DOUBLE_OPEN or ch == "‟":
        if double_open and closes_here and not opens_here:
            return "close-d"  # “ typed for ”
        return "open-d"
    if ch in DOUBLE_CLOSE:
        if not double_open and opens_here and not nxt.isspace() and i + 1 < hi:
            return "open-d"  # ” typed for “ (or » « German style)
        return "close-d"
    if ch == STRAIGHT_DOUBLE:
        if opens_here and not closes_here:
            return "open-d"
        if closes_here and not opens_here:
            return "close-d"
        return "close-d" if double_open else "open-d"
    # single marks
    if ch in SINGLE_OPEN or (ch == STRAIGHT_SINGLE and opens_here):
        if _is_word(prev) and _is_word(nxt):
            return ""  # inside a word
        if nxt.isdigit() and _after(text, i + 1, hi).isdigit():
            return ""  # '90s
        if nxt.isspace() or i + 1 >= hi:
            return "close-s" if single_open else ""
        return "open-s"
    if ch in SINGLE_CLOSE or ch == STRAIGHT_SINGLE:
        if _is_word(prev) and _is_word(nxt):
            return ""  # don’t, O’Brien
        if single_open and not prev.isspace():
            return "close-s"
        return ""
    return ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    s, _ = _trim(text, start, end)
    return s < end and text[s] in (DOUBLE_OPEN | {STRAIGHT_DOUBLE, "‟"} | SINGLE_OPEN | {STRAIGHT_SINGLE})


def find_quoted(text: str, blocks: list[tuple[int, int]]) -> list[Quoted]:
    """Every quoted stretch inside the given (start, end) blocks, in text order. Never raises."""
    out: list[Quoted] = []
    carried = False  # the previous block ended inside a quote that continues here
    for bi, (lo, hi) in enumerate(blocks):
        lo, hi = max(0, lo), min(len(text), hi)
        if count_marks(text, lo, hi) > MAX_MARKS:
            _linear_pass(out, text, lo, hi, bi)
            carried = False
            continue
        d_open: int | None = None
        s_open: int | None = None
        s_level = 1
        d_continued = False
        d_width = 1
        i = lo
        while i < hi:
            ch = text[i]
            if ch not in ALL_MARKS:
                i += 1
                continue
            width = 2 if ch == STRAIGHT_SINGLE and i + 1 < hi and text[i + 1] == STRAIGHT_SINGLE else 1
            role = _role(text, i, lo, hi, d_open is not None, s_open is not None, width)
            if role == "open-d":
                if d_open is not None:
                    _emit(out, text, d_open, i, None, 1, False, bi, False, d_continued, d_width)
                    d_continued = False
                if d_open is None and carried and not out_has_block_quote(out, bi) and _first_mark(text, lo, hi) == i:
                    d_continued = True
                d_open = i
                d_width = width
                s_open = None
            elif role == "close-d":
                if d_open is not None:
                    _emit(out, text, d_open, i, i, 1, False, bi, False, d_continued, d_width)
                    d_open = None
                    d_continued = False
                    s_open = None
            elif role == "open-s":
                if s_open is None:
                    s_open = i
                    s_level = 2 if d_open is not None else 1
            elif role == "close-s":
                if s_open is not None:
                    _emit(out, text, s_open, i, i, s_level, True, bi, False, False)
                    s_open = None
            i += width
        carried = False
        if d_open is not None:
            nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
            continues = nxt is not None and _opens_with_mark(text, nxt[0], nxt[1])
            _emit(out, text, d_open, hi, None, 1, False, bi, continues, d_continued, d_width)
            carried = continues
    return out


def out_has_block_quote(out: list[Quoted], block: int) -> bool:
    """Whether ``out`` (in text order, so in block order) already holds a span of ``block``."""
    return bool(out) and out[-1]["block"] == block


def count_marks(text: str, lo: int, hi: int) -> int:
    """How many characters of ``text[lo:hi]`` are quotation marks (apostrophes included)."""
    return sum(text.count(mark, lo, hi) for mark in ALL_MARKS)


def _linear_pass(out: list[Quoted], text: str, lo: int, hi: int, block: int) -> None:
    """The spans of a paragraph crowded with marks, in one pass: double marks only (“ and „ and « open,
    ” and » close, a straight one opens or closes what is open); an opening mark while one is open starts
    again there; an unclosed one runs to the paragraph's end."""
    opened: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if ch in DOUBLE_OPEN or ch == "‟" or (ch == STRAIGHT_DOUBLE and opened is None):
            opened = i
        elif (ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE) and opened is not None:
            _emit(out, text, opened, i, i, 1, False, block, False, False)
            opened = None
    if opened is not None:
        _emit(out, text, opened, hi, None, 1, False, block, False, False)


def _first_mark(text: str, lo: int, hi: int) -> int:
    s, _ = _trim(text, lo, hi)
    return s


def _emit(
    out: list[Quoted],
    text: str,
    open_at: int,
    end_at: int,
    close_at: int | None,
    level: int,
    single: bool,
    block: int,
    continues: bool,
    continued: bool,
    width: int = 1,
) -> None:
    start, end = _trim(text, open_at + width, end_at)
    if end <= start:
        return
    out.append(
        {
            "start": start,
            "end": end,
            "open": open_at,
            "close": close_at,
            "level": level,
            "single": single,
            "block": block,
            "continues": continues,
            "continued": continued,
        }
    )


def top_level(quoted: list[Quoted]) -> list[Quoted]:
    """The top-level quoted stretches (double marks, and single marks outside any double mark)."""
    doubles = sorted((q for q in quoted if q["level"] == 1 and not q["single"]), key=lambda q: q["start"])
    starts = [d["start"] for d in doubles]
    reach: list[int] = []  # reach[k]: the furthest end of doubles[0..k] (inside one iff it reaches q's end)
    for d in doubles:
        reach.append(max(d["end"], reach[-1]) if reach else d["end"])

    def inside_a_double(q: Quoted) -> bool:
        k = bisect_right(starts, q["start"]) - 1
        return k >= 0 and reach[k] >= q["end"]

    singles = [q for q in quoted if q["level"] == 1 and q["single"] and not inside_a_double(q)]
    return sorted(doubles + singles, key=lambda q: q["start"])


# ---- text helpers the quote rules share --------------------------------------------------------
SENT_END = frozenset(".!?")
TRIM_LEAD = frozenset({"that", ",", ":", ";", "-", "—", "–"})
TRIM_TAIL = frozenset({",", ".", ";", ":", "-", "—", "–"})


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip white space, a leading 'that' (with the comma of an aside after it: "that, if elected, ...") and
    commas, and trailing commas and full stops."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start].isspace():
            start += 1
            changed = True
        for lead in TRIM_LEAD:
            after = start + len(lead)
            if text.startswith(lead, start) and after < end and (not lead.isalpha() or text[after].isspace() or text[after] == ","):
                start += len(lead)
                changed = True
        while end > start and (text[end - 1].isspace() or text[end - 1] in TRIM_TAIL):
            end -= 1
            changed = True
    return start, end


def sentence_end(text: str, i: int, lo: int, abbreviations: frozenset[str] | None = None) -> bool:
    """Whether the character at ``i`` ends a sentence: . ! ? followed by a space, not an abbreviation's
    full stop ("Rep.", "U.S.", "(D-Wash.)"; the cue lexicon's ``abbreviations``) and not inside parentheses."""
    if text[i] not in SENT_END or (i + 1 < len(text) and not text[i + 1].isspace()):
        return False
    if text[i] == ".":
        if abbreviations is None:
            abbreviations = load_cues().abbreviations
        longest = _longest(abbreviations) + 1  # a longer word is no abbreviation: no need to read it all
        j = i
        while j > lo and (text[j - 1].isalpha() or text[j - 1] == ".") and i - j <= longest:
            j -= 1
        word = text[j:i].lower()
        if word in abbreviations or (len(word) == 1 and word.isalpha()):
            return False
        if _depth(text, lo, i) > 0:
            return False
    return True


@lru_cache(maxsize=8)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


_DEPTHS: list[tuple[str, array[int]]] = []  # the last long text's bracket depths (one text at a time)


def _depth(text: str, lo: int, i: int) -> int:
    """Opening minus closing round brackets in ``text[lo:i]``: counted for a short stretch, else the difference of
    two prefix sums of the text (built once per text), so that a long paragraph is not counted again per stop."""
    if i - lo <= 2_000:
        return text.count("(", lo, i) - text.count(")", lo, i)
    if not _DEPTHS or _DEPTHS[0][0] is not text:
        steps = {"(": 1, ")": -1}
        _DEPTHS[:] = [(text, array("i", accumulate((steps.get(ch, 0) for ch in text), initial=0)))]
    depth = _DEPTHS[0][1]
    return depth[i] - depth[lo]
