"""Publication times as ISO 8601 strings: a date, or a date and time (seconds only when not zero, with
the offset when the source gives one)."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")


def format_datetime(value: datetime) -> str:
    """'2021-05-22T08:13', '2021-05-22T08:13:05', '2021-05-22T08:13+04:30'."""
    text = value.strftime("%Y-%m-%dT%H:%M")
    if value.second or value.microsecond:
        text += value.strftime(":%S")
    if value.utcoffset() is not None:
        offset = value.strftime("%z")
        text += f"{offset[:3]}:{offset[3:5]}" if offset not in ("+0000", "-0000") else "+00:00"
    return text


def iso_published(value: object) -> str | None:
    """Normalise a date or time from HTML meta, a feed or JSON to ISO 8601, or None when it is not one."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return format_datetime(datetime(*value[:6]))
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text or len(text) > 64:
        return None
    if _DATE_ONLY.match(text) or text.isdigit():
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            if _DATE_ONLY.match(text):
                return None
    try:
        return format_datetime(datetime.fromisoformat(text.replace(" ", "T", 1) if _looks_iso(text) else text))
    except ValueError:
        pass
    compact = _COMPACT.match(text)
    if compact:
        parts = [int(p) for p in compact.groups() if p]
        try:
            moment = datetime(*parts)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return moment.date().isoformat() if len(parts) == 3 else format_datetime(moment)
    try:
        return format_datetime(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def iso_day(value: str | None) -> date | None:
    """The day of an ISO 8601 date or date-time string ('2021-05-22', '2021-05-22T08:13'), or None for a
    shorter prefix ('2021-05'), nothing, or not a date."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _looks_iso(text: str) -> bool:
    return bool(re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text))
