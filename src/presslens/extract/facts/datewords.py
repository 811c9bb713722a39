"""The words and patterns of temporal expressions (``data/date_words.json``), loaded once: ``date_words()``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...data import load

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"
_EARLY = r"(?:(?P<early>[Ee]arly|[Ll]ate)\s+(?:on\s+)?)?"
_NUMW = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)"
_MONTH_ABBREVIATIONS = r"Jan\.?|Feb\.?|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
Pattern = tuple[str, re.Pattern[str]]


@dataclass(frozen=True)
class DateWords:
    """What the dates extractor reads: the word tables, and the patterns made from them (``patterns``: (kind,
    pattern), earlier patterns win where matches overlap)."""

    weekdays: tuple[str, ...]
    months: dict[str, int]
    small_numbers: dict[str, int]
    ordinals: dict[str, int]
    part_of_day_start: dict[str, int]
    year_prepositions: frozenset[str]
    named_day: re.Pattern[str]
    patterns: list[Pattern] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DateWords:
        ordinals = {str(k): int(v) for k, v in data["ordinals"].items()}
        weekdays = tuple(str(w) for w in data["weekdays"])
        months = {str(k): int(v) for k, v in data["months"].items()}
        full_months = "|".join(m.capitalize() for m in list(months)[:12])
        named = "|".join(data["named_day_words"])
        return cls(
            weekdays=weekdays,
            months=months,
            small_numbers={str(k): int(v) for k, v in data["small_numbers"].items()},
            ordinals=ordinals,
            part_of_day_start={str(k): int(v) for k, v in data["part_of_day_start"].items()},
            year_prepositions=frozenset(data["year_prepositions"]),
            named_day=re.compile(rf"\b(?:{named})\s+$"),
            patterns=_patterns("|".join(w.capitalize() for w in weekdays), full_months, ordinals),
        )


def _patterns(weekdays: str, full_months: str, ordinals: dict[str, int]) -> list[Pattern]:
    wd = rf"(?P<wd>{weekdays})"
    mon = rf"(?P<mon>{full_months}|{_MONTH_ABBREVIATIONS})"
    ordinal = r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(ordinals, key=len, reverse=True)) + ")"
    return [
        ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
        ("date", re.compile(_EARLY + r"(?:" + wd + r",?\s+)?" + _DAY + r"\s+" + mon + r",?\s+" + _YEAR + r"\b")),
        ("date", re.compile(_EARLY + r"(?:" + wd + r",?\s+)?" + mon + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b")),
        ("date", re.compile(_EARLY + r"(?:" + wd + r",?\s+)?" + mon + r"\s+" + _DAY + r"\b(?!,?\s*\d)(?!\s*%)")),
        ("date", re.compile(_EARLY + r"(?:" + wd + r",?\s+)?" + _DAY + r"\s+" + mon + r"(?![\w])")),
        ("month_year", re.compile(r"\b" + mon + r",?\s+" + _YEAR + r"\b")),
        ("millennium", re.compile(
            r"(?i:\b(?:the\s+)?(?:(?P<part>beginning|start|end|turn)\s+of\s+the\s+)?(?P<ord>first|second|third)\s+millennium)\b")),
        ("century", re.compile(
            r"(?i:\b(?:the\s+)?(?:(?P<part>beginning|start|end|turn|middle)\s+of\s+the\s+|(?P<early>early|mid|late)[- ])?"
            + ordinal + r"[- ]century)\b")),
        ("decade", re.compile(r"(?i:\b(?:the\s+)?(?:(?P<early>early|mid|late)[- ])?)(?P<dec>1[0-9]\d|20\d)0s\b")),
        ("ago", re.compile(r"(?i:\b" + _NUMW + r"\s+(?P<unit>day|week|month|year)s?\s+ago)\b")),
        ("relative", re.compile(
            r"(?i:\b(?:(?P<ed>earlier|later)\s+)?(?P<rel>last|next|this|coming)\s+(?P<unit>week|month|year|weekend))\b")),
        ("deictic", re.compile(
            r"(?i:\b(?:(?P<early>early|late)\s+)?(?P<deic>today|tonight|yesterday|tomorrow|last night|this morning|this afternoon|this evening))\b")),
        ("weekday", re.compile(
            _EARLY + r"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?" + wd + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
        ("month", re.compile(
            r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|by|from|during|through|last|next|this|early|late|mid)(?:\s+|-)"
            + rf"(?P<core>(?P<mon>{full_months}))"
            + r"\b(?!\s+\d)")),
        ("year", re.compile(r"\b" + _YEAR + r"\b(?![-–/]\d)(?!,\d)(?!\.\d)(?!\s*%)")),
    ]


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


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    """The package's date words (``data/date_words.json``), loaded on first use."""
    return DateWords.from_data(load("date_words.json"))
