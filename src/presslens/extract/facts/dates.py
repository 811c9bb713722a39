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
Expressions that need the publication date get ``value`` null when the article has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from spacy.tokens import Doc

from ..common import DAY_NAME_LABELS, body_ranges, doc_text, governing_verb, is_future, is_past

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "several": 3, "couple of": 2, "a couple of": 2,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}
# when a part of the day begins (hour), to tell whether "Saturday night" lies after a publication at 08:13
PART_START = {"early": 0, "morning": 5, "afternoon": 12, "evening": 18, "night": 20, "late": 18, "tonight": 20}

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"
_EARLY = r"(?:(?P<early>[Ee]arly|[Ll]ate)\s+(?:on\s+)?)?"
_NUMW = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)"
_ORD = r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")"

# (kind, pattern); earlier patterns win where matches overlap
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("date", re.compile(_EARLY + r"(?:" + _WD + r",?\s+)?" + _DAY + r"\s+" + _MON + r",?\s+" + _YEAR + r"\b")),
    ("date", re.compile(_EARLY + r"(?:" + _WD + r",?\s+)?" + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b")),
    ("date", re.compile(_EARLY + r"(?:" + _WD + r",?\s+)?" + _MON + r"\s+" + _DAY + r"\b(?!,?\s*\d)(?!\s*%)")),
    ("date", re.compile(_EARLY + r"(?:" + _WD + r",?\s+)?" + _DAY + r"\s+" + _MON + r"(?![\w])")),
    ("month_year", re.compile(r"\b" + _MON + r",?\s+" + _YEAR + r"\b")),
    ("millennium", re.compile(
        r"(?i:\b(?:the\s+)?(?:(?P<part>beginning|start|end|turn)\s+of\s+the\s+)?(?P<ord>first|second|third)\s+millennium)\b")),
    ("century", re.compile(
        r"(?i:\b(?:the\s+)?(?:(?P<part>beginning|start|end|turn|middle)\s+of\s+the\s+|(?P<early>early|mid|late)[- ])?"
        + _ORD + r"[- ]century)\b")),
    ("decade", re.compile(r"(?i:\b(?:the\s+)?(?:(?P<early>early|mid|late)[- ])?)(?P<dec>1[0-9]\d|20\d)0s\b")),
    ("ago", re.compile(r"(?i:\b" + _NUMW + r"\s+(?P<unit>day|week|month|year)s?\s+ago)\b")),
    ("relative", re.compile(r"(?i:\b(?:(?P<ed>earlier|later)\s+)?(?P<rel>last|next|this|coming)\s+(?P<unit>week|month|year|weekend))\b")),
    ("deictic", re.compile(r"(?i:\b(?:(?P<early>early|late)\s+)?(?P<deic>today|tonight|yesterday|tomorrow|last night|this morning|this afternoon|this evening))\b")),
    ("weekday", re.compile(
        _EARLY + r"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?" + _WD + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
    ("month", re.compile(
        r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|by|from|during|through|last|next|this|early|late|mid)(?:\s+|-)"
        + r"(?P<core>(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December))"
        + r"\b(?!\s+\d)")),
    ("year", re.compile(r"\b" + _YEAR + r"\b(?![-–/]\d)(?!,\d)(?!\.\d)(?!\s*%)")),
]
YEAR_PREPS = frozenset({"in", "since", "until", "by", "from", "during", "of", "before", "after", "year", "early", "late", "mid", "through", "till"})


@dataclass
class Anchor:
    """The publication date (and time, when known) that relative expressions resolve against."""

    day: date
    hour: float | None = None

    @classmethod
    def parse(cls, published: str | None) -> Anchor | None:
        if not published:
            return None
        text = published.strip().replace("Z", "+00:00")
        try:
            if "T" in text or " " in text.strip():
                dt = datetime.fromisoformat(text.replace(" ", "T", 1))
                return cls(dt.date(), dt.hour + dt.minute / 60)
            return cls(date.fromisoformat(text[:10]))
        except ValueError:
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
            if m:
                try:
                    return cls(date(int(m[1]), int(m[2]), int(m[3])))
                except ValueError:
                    return None
            return None


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _shift_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def _month_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(anchor: date, wd: int, rel: str | None, future: bool) -> date:
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if rel == "last":
        return anchor - timedelta(days=back or 7)
    if rel == "next":
        return anchor + timedelta(days=ahead or 7)
    if future:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def _lean_year(candidate_month: int, candidate_day: int, anchor: date, future: bool, past: bool) -> int:
    """The year of a partial date: the publication year, or the one before when that would put it ahead
    of the publication in a past-tense (or not clearly future) clause."""
    d = _month_day(anchor.year, candidate_month, candidate_day) or date(anchor.year, candidate_month, 28)
    if d <= anchor or future:
        return anchor.year
    if past or (d - anchor).days > 90:
        return anchor.year - 1
    return anchor.year


def resolve(kind: str, g: dict[str, str | None], anchor: Anchor | None, future: bool = False, past: bool = False) -> tuple[str | None, str, dict[str, Any]]:
    """(value, granularity, extras) of one matched expression (``g``: the pattern's named groups)."""
    extra: dict[str, Any] = {}
    a = anchor.day if anchor else None
    if kind == "iso":
        d = _month_day(int(str(g["year"])), int(str(g["m"])), int(str(g["d"])))
        return (d.isoformat() if d else None), "day", extra
    if kind in ("date", "month_year", "month"):
        mon = MONTHS[str(g["mon"]).lower().rstrip(".")]
        if kind == "month_year":
            return f"{g['year']}-{mon:02d}", "month", extra
        if kind == "month":
            if a is None:
                return None, "month", extra
            year = a.year if (mon <= a.month or future) else a.year - 1
            return f"{year}-{mon:02d}", "month", extra
        day = int(str(g["day"]))
        if g.get("year"):
            d = _month_day(int(str(g["year"])), mon, day)
            return (d.isoformat() if d else None), "day", extra
        if a is None:
            return None, "day", extra
        d = _month_day(_lean_year(mon, day, a, future, past), mon, day)
        return (d.isoformat() if d else None), "day", extra
    if kind == "year":
        return str(g["year"]), "year", extra
    if kind == "decade":
        return str(g["dec"]), "decade", extra
    if kind == "century":
        ordinal = str(g["ord"]).lower()
        n = int(ordinal[:-2]) if ordinal[0].isdigit() else ORDINAL_WORDS[ordinal]
        part = g.get("part") or g.get("early")
        if part in ("beginning", "start", "early", "turn"):
            return f"{n - 1}0", "decade", extra  # the first decade: "the beginning of the 21st century" -> 200x
        if part in ("end", "late"):
            return f"{n - 1}9" if n > 1 else "09", "decade", extra
        return f"{n - 1}", "century", extra
    if kind == "millennium":
        n = {"first": 1, "second": 2, "third": 3}[str(g["ord"]).lower()]
        if g.get("part") in ("beginning", "start", "turn"):
            return f"{n - 1}0", "century", extra
        return f"{n - 1}", "millennium", extra
    if a is None:
        return None, {"ago": str(g.get("unit")), "relative": str(g.get("unit")), "deictic": "day", "weekday": "day"}.get(kind, "day"), extra
    if kind == "ago":
        word = str(g["n"]).lower()
        n = int(word) if word.isdigit() else SMALL.get(word, 1)
        unit = str(g["unit"]).lower()
        if unit == "day":
            return (a - timedelta(days=n)).isoformat(), "day", extra
        if unit == "week":
            return _iso_week(a - timedelta(weeks=n)), "week", extra
        if unit == "month":
            y, m = _shift_months(a, -n)
            return f"{y}-{m:02d}", "month", extra
        return str(a.year - n), "year", extra
    if kind == "relative":
        rel = str(g["rel"]).lower()
        step = {"last": -1, "next": 1, "coming": 1, "this": 0}[rel]
        unit = str(g["unit"]).lower()
        if unit == "year":
            return str(a.year + step), "year", extra
        if unit == "month":
            y, m = _shift_months(a, step)
            return f"{y}-{m:02d}", "month", extra
        if unit == "weekend":
            sat = _weekday(a, 5, rel if rel != "this" else None, future or rel in ("next", "coming"))
            return sat.isoformat(), "day", extra
        return _iso_week(a + timedelta(weeks=step)), "week", extra
    if kind == "deictic":
        word = str(g["deic"]).lower()
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        if word in ("tonight", "last night"):
            extra["part_of_day"] = "night"
        elif word.startswith("this "):
            extra["part_of_day"] = word[5:]
        return (a + timedelta(days=shift)).isoformat(), "day", extra
    if kind == "weekday":
        wd = WEEKDAYS.index(str(g["wd"]).lower())
        d = _weekday(a, wd, str(g["rel"]).lower() if g.get("rel") else None, future)
        if g.get("part"):
            extra["part_of_day"] = str(g["part"]).lower()
        return d.isoformat(), "day", extra
    return None, "day", extra


def _after_publication(value: str | None, granularity: str, extra: dict[str, Any], early: str | None, anchor: Anchor | None) -> bool:
    if value is None or anchor is None:
        return False
    a = anchor.day
    if granularity == "day":
        d = date.fromisoformat(value)
        if d > a:
            return True
        if d == a and anchor.hour is not None:
            part = extra.get("part_of_day") or ((early or "").lower() or None)
            if part == "early":
                return False
            return part is not None and PART_START.get(part, 0) > anchor.hour
        return False
    if granularity == "month":
        return value > f"{a.year}-{a.month:02d}"
    if granularity == "year":
        return int(value) > a.year
    if granularity == "week":
        return value > _iso_week(a)
    return False


_MONTH_NEEDLE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
# a cheap search that must succeed before a kind's (slower) patterns run over a block
NEEDLES: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"\d{4}-\d"),
    "date": _MONTH_NEEDLE,
    "month_year": _MONTH_NEEDLE,
    "month": _MONTH_NEEDLE,
    "millennium": re.compile(r"(?i)millenni"),
    "century": re.compile(r"(?i)century"),
    "decade": re.compile(r"\d0s\b"),
    "ago": re.compile(r"(?i)\bago\b"),
    "relative": re.compile(r"(?i)\b(?:last|next|this|coming)\s+(?:week|month|year)"),
    "deictic": re.compile(r"(?i)\b(?:today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "year": re.compile(r"\b(?:1[0-9]|20)\d\d\b"),
}


def _matches(text: str, start: int, end: int) -> list[tuple[int, int, str, dict[str, str | None]]]:
    """Non-overlapping pattern matches in text[start:end], earlier patterns first."""
    taken: list[tuple[int, int]] = []
    found = []
    chunk = text[start:end]
    present = {kind: bool(needle.search(chunk)) for kind, needle in NEEDLES.items()}
    for kind, pat in PATTERNS:
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


def _year_ok(doc: Doc, s: int, e: int) -> bool:
    """A bare four-digit number is a year when NER calls it a date or a temporal preposition precedes it."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    if tok.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    return tok.i > 0 and doc[tok.i - 1].lower_.rstrip("-") in YEAR_PREPS


def find_dates(doc: Doc) -> list[dict[str, Any]]:
    """Every temporal expression in the body, resolved: [{text, start, end, value, granularity, ...}]."""
    article = doc._.pl_article or {}
    anchor = Anchor.parse(article.get("published"))
    text = doc_text(doc)
    out: list[dict[str, Any]] = []
    for bstart, bend, bkind in body_ranges(doc):
        for s, e, kind, g in _matches(text, bstart, bend):
            if kind == "year" and not _year_ok(doc, s, e):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and any(t.ent_type_ in DAY_NAME_LABELS for t in span):
                continue  # "Black Monday", "Super Tuesday" (when NER calls them names): part of a name
            if kind == "weekday" and re.search(r"\b(?:Good|Black|Super|Ash|Holy|Bloody|Cyber|Maundy|Easter)\s+$", text[max(0, s - 8) : s]):
                continue  # "Good Friday Agreement", "Bloody Sunday": a named day, not a date
            future = past = False
            if span is not None and len(span):
                verb = governing_verb(span.root)
                future, past = is_future(verb), is_past(verb)
            value, granularity, extra = resolve(kind, g, anchor, future, past)
            if kind == "date" and _month_day(2000, MONTHS[str(g["mon"]).lower().rstrip(".")], int(str(g["day"]))) is None:
                continue  # an impossible calendar date ("February 30", "May 0")
            item: dict[str, Any] = {
                "text": text[s:e], "start": s, "end": e, "value": value, "granularity": granularity, "kind": kind,
            }
            item.update(extra)
            if future and kind in ("date", "month", "weekday", "relative", "deictic"):
                item["tense"] = "future"
            if bkind == "caption":
                item["block"] = "caption"
            if not future and _after_publication(value, granularity, extra, g.get("early"), anchor):
                item["flag"] = "after_publication"
            out.append(item)
    return out
