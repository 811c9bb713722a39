"""Exports of the corpus, one module per format: ``jsonl`` (the records as stored), ``parquet`` (typed nested
columns), ``gkg`` (GDELT GKG 2.1) and ``gdelt_events`` (GDELT 2.0 Events). ``tables`` loads the country codes
and word tables they map with. The store gives the records (``Store.iter_records_ingested``); nothing here
runs SQL. ``with_records`` (GDELT formats) also writes our full records, one JSON object a line keyed by the
GKGRECORDID of the record's GKG row, to ``OUTPUT.records.jsonl`` (docs/gdelt.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PresslensError
from .gdelt_common import RowContext, record_time, stamp
from .gdelt_events import gdelt_event_lines
from .gkg import gkg_lines
from .jsonl import jsonl_lines

if TYPE_CHECKING:
    from ..store.db import Store

# text formats: the lines one record becomes (gdelt-events: one line per event, maybe none)
LINES: dict[str, Callable[[dict[str, Any], RowContext], list[str]]] = {
    "jsonl": lambda rec, _ctx: jsonl_lines(rec),
    "gkg": gkg_lines,
    "gdelt-events": gdelt_event_lines,
}
FORMATS = ("jsonl", "parquet", "gkg", "gdelt-events")
GDELT_FORMATS = ("gkg", "gdelt-events")
Stored = tuple[dict[str, Any], str | None]


def records_path(output: str | Path) -> Path:
    """Where ``with_records`` writes the records beside ``output``."""
    return Path(f"{output}.records.jsonl")


def gkg_record_id(record: dict[str, Any], ctx: RowContext) -> str:
    """The GKGRECORDID of the record's GKG row (``YYYYMMDDHHMMSS-N``)."""
    return f"{stamp(record_time(record, ctx))}-{ctx.seq}"


def _write_lines(stored: Iterable[Stored], out: Path, fmt: str, side: Path | None, left_out: list[str]) -> int:
    n = 0
    lines_of = LINES[fmt]
    with ExitStack() as stack:
        fh = stack.enter_context(out.open("w", encoding="utf-8", newline="\n"))
        side_fh = stack.enter_context(side.open("w", encoding="utf-8", newline="\n")) if side else None
        for rec, ingested in stored:
            ctx = RowContext(seq=n, ingested=ingested)
            for line in lines_of(rec, ctx):
                fh.write(line + "\n")
            left_out += ctx.left_out
            if side_fh is not None:
                keyed = {"GKGRECORDID": gkg_record_id(rec, ctx), "record": rec}
                side_fh.write(json.dumps(keyed, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_export(
    records: Iterable[dict[str, Any]] | Iterable[Stored], fmt: str, output: str | Path, with_records: bool = False,
    left_out: list[str] | None = None,
) -> int:
    """Write records (or (record, ingested_at) pairs) to ``output`` in ``fmt``; return how many were written.
    ``left_out`` receives the ids of the items the format has no row for (gdelt-events: negated events)."""
    if fmt not in FORMATS:
        raise PresslensError("PL048", format=fmt, choices=", ".join(FORMATS))
    out = Path(output)
    stored = ((r, None) if isinstance(r, dict) else r for r in records)
    try:
        if fmt == "parquet":
            from .parquet import write_parquet

            return write_parquet((rec for rec, _ in stored), out)
        side = records_path(out) if with_records and fmt in GDELT_FORMATS else None
        return _write_lines(stored, out, fmt, side, left_out if left_out is not None else [])
    except OSError as exc:
        raise PresslensError("PL047", path=out, reason=exc.strerror or str(exc)) from exc


def export(store: Store, fmt: str, output: str | Path, with_records: bool = False,
           left_out: list[str] | None = None) -> int:
    """Export every stored record (oldest first) to ``output`` (``left_out``: as ``write_export``)."""
    return write_export(store.iter_records_ingested(), fmt, output, with_records=with_records, left_out=left_out)
