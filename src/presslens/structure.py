"""The article's structure: normalised text and the blocks it is made of.

A raw article's text is split into units (lines, with hard-wrapped lines joined), then each unit gets a
kind from layout evidence: the title line (``date YYYY-MM-DD Title`` or "first line is the title"), a
dateline, an outlet line, a byline, a photo caption, a sub-heading, a related-story box (a headline and its
summary dropped into the article), and paragraphs. Readers that know the structure (HTML) pass it as
``raw["meta"]["parts"]`` and it is used as given.

The normalised text is the blocks' texts joined by blank lines; every offset in a record points into it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from .errors import ErrorInfo, error
from .types import Article, Block, RawArticle

SEED_TITLE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?\s+(.+)$", re.IGNORECASE)
MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
DATE_WORD = re.compile(rf"\b(?:{MONTHS}|{WEEKDAYS})\b\.?", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
ISO_DATE = re.compile(r"\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}\b")
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
DATELINE_NOISE = re.compile(
    r"\b(?:updated|published|posted|last|modified|on|at|gmt|utc|bst|est|edt|et|pt|cet|irst|local|time)\b|[,:|\-–—/().]",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(?:by|written by|reporting by|words by)\s+[A-Z]", re.IGNORECASE)
RELATED_MARK = re.compile(
    r"^(?:read more|related|see also|also read|more on this|recommended|read also|watch)\b\s*[:\-–—|]?", re.IGNORECASE
)
PHOTO_WORDS = re.compile(
    r"\((?:photo|file|picture|image)\b|\bfile photo\b|\bphoto(?:graph)?(?: by|:)|\bpictured\b|\b(?:AFP|Reuters|AP|Getty Images|EPA)\s*(?:photo)?\)?\s*$|©",
)
# A caption describes a photo: a subject, a present-tense verb, and most often a place and a date.
CAPTION_VERB = re.compile(
    r"\b(?:leaves|arrives|walk|walks|speaks|attends|gestures|looks|waves|walks|stands|sits|poses|holds|delivers|addresses|"
    r"meets|greets|shakes|listens|talks|prays|mourn|mourns|celebrate|celebrates|gather|gathers|march|marches|"
    r"protest|protests|rally|rallies|inspect|inspects|carry|carries|chant|chants|is seen|are seen|take part|takes part)\b"
)
CAPTION_TAIL = re.compile(rf"\b(?:on|in)\s+(?:{MONTHS})\.?\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}\.?$", re.IGNORECASE)
END_PUNCT = re.compile(r"[.!?;:…]$")
TRAILING = "\"'”’»)]} "
STOP = frozenset(
    "a an the of and or in on at to for from by with as is are was were be been it its this that their his her"
    " after before over against into about".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+")


def normalise_line(line: str) -> str:
    """NFC, no control characters, no-break spaces as spaces, runs of white space folded."""
    line = unicodedata.normalize("NFC", line)
    line = "".join(ch if (ch == "\t" or unicodedata.category(ch)[0] != "C") else " " for ch in line)
    return re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", line).strip()


def split_units(text: str) -> list[str]:
    """Non-empty lines, with hard-wrapped lines (no final punctuation, next starts lower-case) joined."""
    units: list[str] = []
    joinable = False
    for raw_line in re.split(r"\r\n|\r|\n|\u2028|\u2029", text):
        line = normalise_line(raw_line)
        if not line:
            joinable = False
            continue
        if units and joinable and line[:1].islower() and not END_PUNCT.search(units[-1].rstrip(TRAILING)):
            units[-1] = units[-1] + " " + line
        else:
            units.append(line)
        joinable = True
    return units


def content_words(line: str) -> set[str]:
    return {w.lower().strip("'’") for w in WORD.findall(line) if w.lower() not in STOP and len(w) > 2}


def parse_dateline(line: str) -> str | None:
    """The ISO date (and time) a dateline gives, or None when the line is not a dateline.

    A dateline is short and made almost only of date and time words ("Saturday, 22 May 2021 8:13 AM",
    "Updated: May 22, 2021 08:13 GMT", "2021-05-22 08:13").
    """
    if len(line) > 80 or not (YEAR.search(line) or ISO_DATE.search(line)):
        return None
    rest = ISO_DATE.sub(" ", line)
    rest = TIME.sub(" ", rest)
    rest = DATE_WORD.sub(" ", rest)
    rest = DATELINE_NOISE.sub(" ", rest)
    rest = re.sub(r"\b\d{1,4}(?:st|nd|rd|th)?\b", " ", rest)
    if rest.strip():
        return None
    try:
        from dateutil import parser as dateparser

        cleaned = re.sub(r"\b(?:updated|published|posted|last|modified)\b:?", " ", line, flags=re.IGNORECASE)
        cleaned = re.sub(r"\s*\|\s*", " ", cleaned)
        when = dateparser.parse(cleaned, fuzzy=True, default=datetime(1900, 1, 1, 0, 0))
    except (ValueError, OverflowError):
        return None
    if when.year == 1900:
        return None
    if TIME.search(line):
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.strftime("%Y-%m-%d")


def is_outlet_line(line: str, outlet: str | None) -> bool:
    """A short line that names the outlet ("Press TV"), or repeats the outlet the source gave."""
    if outlet and line.strip().lower() == outlet.strip().lower():
        return True
    words = line.split()
    return (
        1 <= len(words) <= 4
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
        CAPTION_VERB.search(line) and re.search(r"\((?:file|photo|reuters|afp|ap)\b", line, re.IGNORECASE)
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
        elif BYLINE.match(line) and len(line) < 120:
            out.append(("byline", line, {}))
        elif not seen_outlet and is_outlet_line(line, outlet) and i + 1 < n:
            seen_outlet = True
            out.append(("meta", line, {"outlet": line}))
        elif is_caption(line) and i + 1 < n:
            out.append(("caption", line, {}))
        else:
            break
        i += 1
    # body
    while i < n:
        line = units[i]
        nxt = units[i + 1] if i + 1 < n else None
        if RELATED_MARK.match(line) and len(line) < 200:
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
            out.append(("paragraph", line, {}))
        i += 1
    return out


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


def assemble(parts: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """Join block texts with blank lines and record each block's offsets."""
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, text in parts:
        if not text:
            continue
        if pieces:
            pieces.append("\n\n")
            pos += 2
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
        classified: list[tuple[str, str, dict[str, str]]] = [
            (str(p.get("kind", "paragraph")), normalise_line(str(p.get("text", ""))), {}) for p in given_parts
        ]
        classified = [c for c in classified if c[1]]
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
    body, blocks = assemble([(kind, t) for kind, t, _ in classified])
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


def body_blocks(article: Article, captions: bool = True) -> list[Block]:
    """The blocks later extractors read as body text: paragraphs, and captions when asked."""
    kinds = {"paragraph", "caption"} if captions else {"paragraph"}
    return [b for b in article["blocks"] if b["kind"] in kinds]
