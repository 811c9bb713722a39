"""Datelines: a short line made almost only of date and time words gives the publication date (and time)."""

from __future__ import annotations

import re
from datetime import datetime

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
