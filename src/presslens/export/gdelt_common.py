"""What the GKG and Events exports share: a row's context (its sequence number in the file and the record's
ingest time, which the store knows and the record does not), GDELT's ``YYYYMMDDHHMMSS`` timestamps, the
record's URL, and the cleaning of free text for GDELT's delimited fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
SEPARATOR_CHARS = "\t\r\n;#,|<>"


@dataclass(frozen=True)
class RowContext:
    """``seq``: the record's 0-based position in the export; ``ingested``: when it was stored (ISO, UTC);
    ``left_out``: where the rows of a format leave an item of the record out, its id is added here
    (``record-id:event-id``) so that the export can say so."""

    seq: int = 0
    ingested: str | None = None
    left_out: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def _separators(keep: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(c for c in SEPARATOR_CHARS if c not in keep)) + "]+")


def clean(text: Any, keep: str = "") -> str:
    """Free text for a delimited GDELT field: tabs, new lines and ``;#,|<>`` (but ``keep``) become spaces."""
    return " ".join(_separators(keep).sub(" ", str(text or "")).split())


def gdelt_time(value: str | None) -> datetime | None:
    """An ISO date or time as a UTC datetime (a missing month or day is the first), or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed
    except ValueError:
        pass
    m = _ISO.match(value)
    if not m:
        return None
    parts = [int(g) if g else d for g, d in zip(m.groups(), (0, 1, 1, 0, 0, 0), strict=True)]
    try:
        return datetime(*parts)  # type: ignore[arg-type]
    except ValueError:
        return None


def record_time(record: dict[str, Any], ctx: RowContext) -> datetime | None:
    """The record's publication time, else its ingest time."""
    return gdelt_time((record.get("article") or {}).get("published")) or gdelt_time(ctx.ingested)


def stamp(when: datetime | None) -> str:
    return when.strftime("%Y%m%d%H%M%S") if when else ""


def record_url(record: dict[str, Any]) -> str:
    """The record's http(s) URL (the article's, else the source's), or ''."""
    for value in ((record.get("article") or {}).get("url"), (record.get("source") or {}).get("url")):
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            return value.strip()
    return ""


def citation(record: dict[str, Any]) -> str:
    """What GDELT's codebooks put where a document has no URL: a textual citation (here the source path)."""
    return clean((record.get("source") or {}).get("path"), keep=",;")
