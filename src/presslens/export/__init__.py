"""Exports of the corpus, one module per format: ``jsonl`` (the records as stored), ``parquet`` (typed nested
columns), ``gkg`` (GDELT GKG 2.1) and ``gdelt_events`` (GDELT 2.0 Events). ``tables`` loads the country codes
and word tables they map with. The store gives the records (``Store.iter_records``); nothing here runs SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PresslensError
from .gdelt_events import gdelt_event_lines
from .gkg import gkg_lines
from .jsonl import jsonl_lines

if TYPE_CHECKING:
    from ..store.db import Store

# text formats: the lines one record becomes (gdelt-events: one line per event, maybe none)
LINES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "jsonl": jsonl_lines,
    "gkg": gkg_lines,
    "gdelt-events": gdelt_event_lines,
}
FORMATS = ("jsonl", "parquet", "gkg", "gdelt-events")


def _write_lines(records: Iterable[dict[str, Any]], out: Path, lines_of: Callable[[dict[str, Any]], list[str]]) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            for line in lines_of(rec):
                fh.write(line + "\n")
            n += 1
    return n


def write_export(records: Iterable[dict[str, Any]], fmt: str, output: str | Path) -> int:
    """Write records to ``output`` in ``fmt``; return how many records were written."""
    if fmt not in FORMATS:
        raise PresslensError("PL048", format=fmt, choices=", ".join(FORMATS))
    out = Path(output)
    try:
        if fmt == "parquet":
            from .parquet import write_parquet

            return write_parquet(records, out)
        return _write_lines(records, out, LINES[fmt])
    except OSError as exc:
        raise PresslensError("PL047", path=out, reason=exc.strerror or str(exc)) from exc


def export(store: Store, fmt: str, output: str | Path) -> int:
    """Export every stored record (oldest first) to ``output``."""
    return write_export(store.iter_records(), fmt, output)
