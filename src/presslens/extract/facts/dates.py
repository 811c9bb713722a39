"""Temporal expressions in the body, resolved against the publication date and time.

``find_dates(doc)`` scans paragraphs and captions (never the dateline or title) with patterns for absolute
and partial dates ("May 19, 2021", "May 10", "19 May"), months and years, weekdays with parts of the day
("Saturday night", "early on Saturday"), deictic words ("yesterday"), relative periods ("last year",
"next week", "two days ago"), decades and centuries ("the beginning of the 21st century"). Each is resolved
with ``resolve`` into an ISO 8601 prefix and a granularity:

  day "2021-05-21" · week "2021-W20" · month "2021-05" · year "2020" · decade "199" (the 1990s)
  · century "20" (2000-2099) · millennium "2"

Partial dates take the publication year and lean to the past (news reports what happened); a clause in the
future tense ("will meet on Friday") leans to the future. A value after the publication time is kept and
flagged ``"flag": "after_publication"`` (a sign of a time-zone or reporting inconsistency), never moved.
Expressions that need the publication date get ``value`` null when the article has none. The words and
patterns are data (``datewords``: ``data/date_words.json``); resolution is ``dateresolve``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...record.types import Date
from ..common import DAY_NAME_LABELS, body_ranges, doc_text, governing_verb, is_future, is_past
from .dateresolve import Anchor, after_publication, month_day, resolve
from .datewords import NEEDLES, DateWords, date_words

__all__ = ["Anchor", "find_dates", "resolve"]


def _matches(
    text: str, start: int, end: int, words: DateWords | None = None
) -> list[tuple[int, int, str, dict[str, str | None]]]:
    """Non-overlapping pattern matches in text[start:end], earlier patterns first."""
    taken: list[tuple[int, int]] = []
    found = []
    chunk = text[start:end]
    present = {kind: bool(needle.search(chunk)) for kind, needle in NEEDLES.items()}
    for kind, pat in (words or date_words()).patterns:
        if not present[kind]:
            continue
        for m in pat.finditer(chunk):
            core = "core" if "core" in pat.groupindex else 0
            s, e = m.start(core) + start, m.end(core) + start
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m.groupdict()))
    return sorted(found)


def _year_ok(doc: Doc, s: int, e: int, words: DateWords) -> bool:
    """A bare four-digit number is a year when NER calls it a date or a temporal preposition precedes it."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    if tok.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    return tok.i > 0 and doc[tok.i - 1].lower_.rstrip("-") in words.year_prepositions


def find_dates(doc: Doc, words: DateWords | None = None) -> list[Date]:
    """Every temporal expression in the body, resolved: [{text, start, end, value, granularity, ...}]."""
    words = words or date_words()
    article = doc._.pl_article or {}
    anchor = Anchor.parse(article.get("published"))
    text = doc_text(doc)
    out: list[Date] = []
    for bstart, bend, bkind in body_ranges(doc):
        for s, e, kind, g in _matches(text, bstart, bend, words):
            if kind == "year" and not _year_ok(doc, s, e, words):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and any(t.ent_type_ in DAY_NAME_LABELS for t in span):
                continue  # "Black Monday", "Super Tuesday" (when NER calls them names): part of a name
            if kind == "weekday" and words.named_day.search(text[max(0, s - 8) : s]):
                continue  # "Good Friday Agreement", "Bloody Sunday": a named day, not a date
            future = past = False
            if span is not None and len(span):
                verb = governing_verb(span.root)
                future, past = is_future(verb), is_past(verb)
            value, granularity, extra = resolve(kind, g, anchor, future, past, words)
            if kind == "date" and month_day(2000, words.months[str(g["mon"]).lower().rstrip(".")], int(str(g["day"]))) is None:
                continue  # an impossible calendar date ("February 30", "May 0")
            item: Date = {
                "text": text[s:e], "start": s, "end": e, "value": value, "granularity": granularity, "kind": kind,
            }
            item.update(extra)  # type: ignore[typeddict-item]  # part_of_day
            if future and kind in ("date", "month", "weekday", "relative", "deictic"):
                item["tense"] = "future"
            if bkind == "caption":
                item["block"] = "caption"
            if not future and after_publication(value, granularity, extra, g.get("early"), anchor, words):
                item["flag"] = "after_publication"
            out.append(item)
    return out
