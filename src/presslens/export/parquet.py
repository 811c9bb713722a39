"""Parquet: one row per article, with the record's lists as typed nested columns."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _span_struct() -> Any:
    import pyarrow as pa

    return pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])


def _ref_struct() -> Any:
    import pyarrow as pa

    return pa.struct([("entity", pa.string()), ("text", pa.string())])


def parquet_schema() -> Any:
    import pyarrow as pa

    span, ref = _span_struct(), _ref_struct()
    speaker = pa.struct([("entity", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    return pa.schema(
        [
            ("id", pa.string()), ("schema", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
            ("published", pa.string()), ("url", pa.string()), ("source_path", pa.string()),
            ("source_format", pa.string()), ("text", pa.string()),
            ("blocks", pa.list_(pa.struct([("kind", pa.string()), ("start", pa.int64()), ("end", pa.int64())]))),
            ("entities", pa.list_(pa.struct([
                ("id", pa.string()), ("name", pa.string()), ("label", pa.string()), ("country", pa.string()),
                ("titles", pa.list_(pa.string())), ("mentions", pa.list_(span)),
            ]))),
            ("quotes", pa.list_(pa.struct([
                ("id", pa.string()), ("kind", pa.string()), ("speaker", speaker), ("cue", span), ("content", span),
            ]))),
            ("claims", pa.list_(pa.struct([
                ("id", pa.string()), ("value", pa.float64()), ("category", pa.string()), ("object", pa.string()),
                ("qualifier", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                ("source", ref),
            ]))),
            ("dates", pa.list_(pa.struct([
                ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("value", pa.string()),
                ("granularity", pa.string()),
            ]))),
            ("events", pa.list_(pa.struct([
                ("id", pa.string()), ("type", pa.string()), ("trigger", span), ("actor", ref), ("target", ref),
                ("date", pa.string()), ("place", ref), ("negated", pa.bool_()), ("modality", pa.string()),
            ]))),
            ("framing", pa.list_(pa.struct([
                ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("category", pa.string()),
                ("voice", pa.string()), ("speaker", pa.string()), ("refers_to", pa.string()),
            ]))),
            ("errors", pa.list_(pa.struct([("code", pa.string()), ("message", pa.string()), ("severity", pa.string())]))),
        ]
    )


def parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    art = record["article"]
    src = record.get("source") or {}
    return {
        "id": record["id"], "schema": record.get("schema"), "title": art.get("title"), "outlet": art.get("outlet"),
        "published": art.get("published"), "url": art.get("url") or src.get("url"), "source_path": src.get("path"),
        "source_format": src.get("format"), "text": art.get("text"), "blocks": art.get("blocks") or [],
        **{k: record.get(k) or [] for k in ("entities", "quotes", "claims", "dates", "events", "framing", "errors")},
    }


def write_parquet(records: Iterable[dict[str, Any]], out: Path, batch: int = 500) -> int:
    """Write records as one Parquet file, ``batch`` rows a row group; return how many were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        rows: list[dict[str, Any]] = []
        for rec in records:
            rows.append(parquet_row(rec))
            n += 1
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return n
