"""Parquet shards of records, for corpus-scale runs (``--output DIR``).

One row per article: a few flat columns to filter on (id, title, outlet, published, source, counts, error
codes) and ``record``, the whole ``presslens.record/1`` as JSON text, so nothing is lost. Shards are named
by the input positions they hold (``part-0000000000-0000000031.parquet``), written to a temporary name and
renamed, so a worker killed while writing leaves no half shard behind. Read them all back with
``pyarrow.dataset.dataset(DIR)`` or ``pandas.read_parquet(DIR)``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import PresslensError

LISTS = ("entities", "quotes", "claims", "dates", "events", "framing")


def shard_name(first: int, last: int) -> str:
    return f"part-{first:010d}-{last:010d}.parquet"


def row(record: dict[str, Any]) -> dict[str, Any]:
    art = record.get("article") or {}
    src = record.get("source") or {}
    out: dict[str, Any] = {
        "id": record.get("id"),
        "title": art.get("title"),
        "outlet": art.get("outlet"),
        "published": art.get("published"),
        "source": src.get("path") or src.get("url"),
        "format": src.get("format"),
    }
    for name in LISTS:
        out[f"n_{name}"] = len(record.get(name) or [])
    out["error_codes"] = [e.get("code") for e in record.get("errors") or []]
    out["record"] = json.dumps(record, ensure_ascii=False)
    return out


def summary(record: dict[str, Any], shard: str) -> dict[str, Any]:
    """What a run with ``--output`` yields per article instead of the record: enough to count and report."""
    return {"id": record.get("id"), "source": record.get("source"), "errors": record.get("errors") or [], "shard": shard}


def write_shard(records: list[dict[str, Any]], directory: str | os.PathLike[str], name: str) -> str:
    """Write records as one Parquet file in ``directory``; returns its path."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise PresslensError("PL104", package="pyarrow", reason=str(exc)) from exc
    folder = Path(directory)
    path = folder / name
    tmp = folder / f".{name}.tmp-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist([row(r) for r in records]), tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise PresslensError("PL106", path=str(folder), reason=exc.strerror or str(exc)) from exc
    return str(path)


def remove_shard(directory: str | os.PathLike[str], name: str) -> None:
    """Remove a shard a failed task may have written before it died (its articles are retried)."""
    try:
        (Path(directory) / name).unlink()
    except OSError:
        pass


def read_records(directory: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every record in a folder of shards, in input order (for tests and small folders)."""
    import pyarrow.parquet as pq

    out: list[dict[str, Any]] = []
    for path in sorted(Path(directory).glob("part-*.parquet")):
        out.extend(json.loads(r) for r in pq.read_table(path, columns=["record"]).column("record").to_pylist())
    return out
