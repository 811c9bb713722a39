"""Layout: which kind of block each unit of an article is (title, dateline, outlet line, byline, caption,
heading, related-story box, paragraph), from layout evidence. The words it reads are data
(``data/layout_words.json``), loaded on first use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load
from .datelines import DATE_WORD, MONTHS, parse_dateline
from .lines import END_PUNCT, TRAILING
from .wire import is_wire_credit, split_wire, wire_dateline

SEED_TITLE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?\s+(.+)$", re.IGNORECASE)
PHOTO_WORDS = re.compile(
    r"\((?:photo|file|picture|image)\b|\bfile photo\b|\bphoto(?:graph)?(?: by|:)|\bpictured\b|\b(?:AFP|Reuters|AP|Getty Images|EPA)\s*(?:photo)?\)?\s*$|©",
)
CAPTION_TAIL = re.compile(rf"\b(?:on|in)\s+(?:{MONTHS})\.?\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}\.?$", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+")


@dataclass(frozen=True)
class LayoutWords:
    """The patterns made from ``data/layout_words.json``."""

    byline: re.Pattern[str]
    related_mark: re.Pattern[str]
    caption_verb: re.Pattern[str]  # a caption describes a photo: a subject, a present-tense verb, a place, a date
    stop_words: frozenset[str]
    boilerplate: frozenset[str]  # labels of a page's furniture ("Summary", "News ID"), never an outlet


@lru_cache(maxsize=1)
def layout() -> LayoutWords:
    data = load("layout_words.json")
    return LayoutWords(
        byline=re.compile(rf"^(?:{'|'.join(data['byline_openers'])})\s+[A-Z]", re.IGNORECASE),
        related_mark=re.compile(rf"^(?:{'|'.join(data['related_markers'])})\b\s*[:\-–—|]?", re.IGNORECASE),
        caption_verb=re.compile(rf"\b(?:{'|'.join(data['caption_verbs'])})\b"),
        stop_words=frozenset(data["stop_words"]),
        boilerplate=frozenset(data["boilerplate_labels"]),
    )


def content_words(line: str) -> set[str]:
    """The words of a line that carry content (longer than two letters, not stop words), folded."""
    stop = layout().stop_words
    return {w.lower().strip("'’") for w in WORD.findall(line) if w.lower() not in stop and len(w) > 2}


def is_boilerplate(line: str) -> bool:
    """A page-furniture label ("Summary", "News ID: 90490", "Share"): a known label, alone or before a colon."""
    head = line.split(":", 1)[0].strip().strip("|").strip().casefold()
    return head in layout().boilerplate


def is_outlet_line(line: str, outlet: str | None) -> bool:
    """A short line that names the outlet ("Press TV"), or repeats the outlet the source gave; never a
    boilerplate label, a line with a number or a colon in it, or a wire agency's credit."""
    if outlet and line.strip().lower() == outlet.strip().lower():
        return True
    words = line.split()
    return (
        not is_boilerplate(line)
        and not re.search(r"[\d:|]", line)
        and not is_wire_credit(line)
        and 1 <= len(words) <= 4
        and len(line) <= 40
        and not END_PUNCT.search(line)
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and not DATE_WORD.search(line)
    )


def is_caption(line: str) -> bool:
    """A header line that describes a photo: photo credits, a present-tense scene, or a line that ends on
    the full date the photo was taken ("... in the capital Tehran on May 19, 2021.")."""
    if PHOTO_WORDS.search(line):
        return True
    return bool(CAPTION_TAIL.search(line)) or bool(
        layout().caption_verb.search(line) and re.search(r"\((?:file|photo|reuters|afp|ap)\b", line, re.IGNORECASE)
    )


def is_headline_like(line: str) -> bool:
    """Short, no final sentence punctuation, starts upper-case: a title, heading or related headline."""
    stripped = line.rstrip(TRAILING)
    words = line.split()
    return (
        1 <= len(words) <= 16
        and len(line) <= 140
        and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"'“‘" or (line[:1].isalpha() and not line[:1].islower()))
        and not END_PUNCT.search(stripped)
    )


def classify_units(units: list[str], *, has_title: bool, outlet: str | None) -> list[tuple[str, str, dict[str, str]]]:
    """Give each unit a block kind. Returns (kind, text, extra) triples; extra carries what a unit told us
    (a dateline's ISO value, an outlet's name, the seed-shape date)."""
    out: list[tuple[str, str, dict[str, str]]] = []
    i = 0
    n = len(units)
    if not has_title and units:
        first = units[0]
        m = SEED_TITLE.match(first)
        if m:
            extra = {"date": m.group(1)}
            if m.group(2):
                extra["time"] = m.group(2)
            out.append(("title", m.group(3).strip(), extra))
            i = 1
        elif n > 1 and is_headline_like(first):
            out.append(("title", first, {}))
            i = 1
    # header zone: datelines, outlet lines, bylines, captions before the first paragraph
    seen_outlet = False
    while i < n:
        line = units[i]
        iso = parse_dateline(line)
        if iso:
            out.append(("dateline", line, {"published": iso}))
        elif is_wire_credit(line) or (layout().byline.match(line) and len(line) < 120):
            out.append(("byline", line, {}))
        elif not seen_outlet and is_outlet_line(line, outlet) and i + 1 < n:
            seen_outlet = True
            out.append(("meta", line, {"outlet": line}))
        elif is_boilerplate(line) and i + 1 < n:
            out.append(("meta", line, {}))
        elif is_caption(line) and i + 1 < n:
            out.append(("caption", line, {}))
        elif wire_dateline(line) and len(line) < 60 and len(split_wire("paragraph", line)) == 1:
            out.append(("dateline", line, {}))
        else:
            break
        i += 1
    # body
    while i < n:
        line = units[i]
        nxt = units[i + 1] if i + 1 < n else None
        if layout().related_mark.match(line) and len(line) < 200:
            out.append(("related", line, {}))
        elif PHOTO_WORDS.search(line) and len(line) < 300 and not line.startswith(("“", '"')):
            out.append(("caption", line, {}))
        elif nxt is not None and is_headline_like(line) and not line.startswith(("“", '"', "‘")):
            words = content_words(line)
            common = len(words & content_words(nxt))
            if common >= 3 and common / max(1, len(words)) >= 0.4 and not is_headline_like(nxt):
                # a headline whose summary follows and repeats it: a related-story box
                out.append(("related", line, {}))
                out.append(("related", nxt, {}))
                i += 2
                continue
            out.append(("heading", line, {}))
        else:
            out.extend(split_wire("paragraph", line))
        i += 1
    return out
