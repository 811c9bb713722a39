"""Resolving a matched temporal expression against the publication date: ``resolve(kind, groups, anchor)``
-> (ISO 8601 prefix, granularity, extras)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .datewords import DateWords, date_words

Groups = dict[str, str | None]
Resolved = tuple[str | None, str, dict[str, Any]]


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


def month_day(year: int, month: int, day: int) -> date | None:
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
    d = month_day(anchor.year, candidate_month, candidate_day) or date(anchor.year, candidate_month, 28)
    if d <= anchor or future:
        return anchor.year
    if past or (d - anchor).days > 90:
        return anchor.year - 1
    return anchor.year


def resolve(
    kind: str, g: Groups, anchor: Anchor | None, future: bool = False, past: bool = False, words: DateWords | None = None
) -> Resolved:
    """(value, granularity, extras) of one matched expression (``g``: the pattern's named groups)."""
    words = words or date_words()
    if kind in ("iso", "date", "month_year", "month"):
        return _calendar(kind, g, anchor, future, past, words)
    if kind in ("year", "decade", "century", "millennium"):
        return _period(kind, g, words)
    if anchor is None:
        return None, {"ago": str(g.get("unit")), "relative": str(g.get("unit")), "deictic": "day", "weekday": "day"}.get(kind, "day"), {}
    if kind in ("ago", "relative"):
        return _relative(kind, g, anchor.day, future, words)
    return _day_words(kind, g, anchor.day, future, words)


def _calendar(kind: str, g: Groups, anchor: Anchor | None, future: bool, past: bool, words: DateWords) -> Resolved:
    """A calendar date or month, whole ("May 19, 2021") or partial ("May 19", "in May": the year leans)."""
    extra: dict[str, Any] = {}
    a = anchor.day if anchor else None
    if kind == "iso":
        d = month_day(int(str(g["year"])), int(str(g["m"])), int(str(g["d"])))
        return (d.isoformat() if d else None), "day", extra
    mon = words.months[str(g["mon"]).lower().rstrip(".")]
    if kind == "month_year":
        return f"{g['year']}-{mon:02d}", "month", extra
    if kind == "month":
        if a is None:
            return None, "month", extra
        year = a.year if (mon <= a.month or future) else a.year - 1
        return f"{year}-{mon:02d}", "month", extra
    day = int(str(g["day"]))
    if g.get("year"):
        d = month_day(int(str(g["year"])), mon, day)
        return (d.isoformat() if d else None), "day", extra
    if a is None:
        return None, "day", extra
    d = month_day(_lean_year(mon, day, a, future, past), mon, day)
    return (d.isoformat() if d else None), "day", extra


def _period(kind: str, g: Groups, words: DateWords) -> Resolved:
    """A year, decade, century or millennium: the ISO prefix of the years it covers."""
    extra: dict[str, Any] = {}
    if kind == "year":
        return str(g["year"]), "year", extra
    if kind == "decade":
        return str(g["dec"]), "decade", extra
    if kind == "century":
        ordinal = str(g["ord"]).lower()
        n = int(ordinal[:-2]) if ordinal[0].isdigit() else words.ordinals[ordinal]
        part = g.get("part") or g.get("early")
        if part in ("beginning", "start", "early", "turn"):
            return f"{n - 1}0", "decade", extra  # the first decade: "the beginning of the 21st century" -> 200x
        if part in ("end", "late"):
            return f"{n - 1}9" if n > 1 else "09", "decade", extra
        return f"{n - 1}", "century", extra
    n = {"first": 1, "second": 2, "third": 3}[str(g["ord"]).lower()]
    if g.get("part") in ("beginning", "start", "turn"):
        return f"{n - 1}0", "century", extra
    return f"{n - 1}", "millennium", extra


def _relative(kind: str, g: Groups, a: date, future: bool, words: DateWords) -> Resolved:
    """A period counted from the publication: "two days ago", "last year", "next week", "this weekend"."""
    extra: dict[str, Any] = {}
    if kind == "ago":
        word = str(g["n"]).lower()
        n = int(word) if word.isdigit() else words.small_numbers.get(word, 1)
        unit = str(g["unit"]).lower()
        if unit == "day":
            return (a - timedelta(days=n)).isoformat(), "day", extra
        if unit == "week":
            return _iso_week(a - timedelta(weeks=n)), "week", extra
        if unit == "month":
            y, m = _shift_months(a, -n)
            return f"{y}-{m:02d}", "month", extra
        return str(a.year - n), "year", extra
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


def _day_words(kind: str, g: Groups, a: date, future: bool, words: DateWords) -> Resolved:
    """A day named from the publication: "yesterday", "tonight", "last Saturday", "Friday morning"."""
    extra: dict[str, Any] = {}
    if kind == "deictic":
        word = str(g["deic"]).lower()
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        if word in ("tonight", "last night"):
            extra["part_of_day"] = "night"
        elif word.startswith("this "):
            extra["part_of_day"] = word[5:]
        return (a + timedelta(days=shift)).isoformat(), "day", extra
    if kind == "weekday":
        wd = words.weekdays.index(str(g["wd"]).lower())
        d = _weekday(a, wd, str(g["rel"]).lower() if g.get("rel") else None, future)
        if g.get("part"):
            extra["part_of_day"] = str(g["part"]).lower()
        return d.isoformat(), "day", extra
    return None, "day", extra


def after_publication(
    value: str | None, granularity: str, extra: dict[str, Any], early: str | None, anchor: Anchor | None,
    words: DateWords | None = None,
) -> bool:
    """Whether a resolved value lies after the publication (a sign of a time-zone or reporting slip)."""
    words = words or date_words()
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
            return part is not None and words.part_of_day_start.get(part, 0) > anchor.hour
        return False
    if granularity == "month":
        return value > f"{a.year}-{a.month:02d}"
    if granularity == "year":
        return int(value) > a.year
    if granularity == "week":
        return value > _iso_week(a)
    return False
