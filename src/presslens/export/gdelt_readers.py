"""Reading GDELT files the way GDELT's users do, for bench/gdelt_check.py and the tests: a real GDELT client
(``gdelt-py``, pinned in the dev extra), pandas with GDELT's documented column names, the field syntax of
export/gdelt_syntax.py, and the quotation round trip (each quotation's offset and length point at its text).
The same functions read the real files in ../shared/data/gdelt/ and our exports."""

from __future__ import annotations

import csv
import json
import logging
import zipfile
from pathlib import Path
from typing import Any

from .gdelt_events import GDELT_EVENT_COLUMNS
from .gdelt_syntax import event_consistency, event_malformed, gkg_malformed, parse_quotations, read_rows
from .gkg import GKG_COLUMNS
from .gkg_fields import quote_text


def file_bytes(path: str | Path) -> bytes:
    """A GDELT file's bytes (a ``.zip`` holds one file, as GDELT ships them)."""
    p = Path(path)
    if p.suffix == ".zip":
        with zipfile.ZipFile(p) as z:
            return z.read(z.namelist()[0])
    return p.read_bytes()


def gdeltpy_loaded(data: bytes, kind: str) -> int:
    """How many rows ``gdelt-py`` parses into its public models (GKGRecord, Event) without an error."""
    logging.getLogger("py_gdelt").setLevel(logging.ERROR)
    if kind == "gkg":
        from py_gdelt.models.gkg import GKGRecord
        from py_gdelt.parsers.gkg import GKGParser

        parsed: Any = GKGParser().parse(data)
        model: Any = GKGRecord
    else:
        from py_gdelt.models.events import Event
        from py_gdelt.parsers.events import EventsParser

        parsed, model = EventsParser().parse(data), Event
    n = 0
    for raw in parsed:
        try:
            model.from_raw(raw)
        except Exception:  # noqa: BLE001 - a row the reader cannot model is what we count
            continue
        n += 1
    return n


def pandas_frame(data: bytes, kind: str) -> Any:
    """The file as a pandas DataFrame with GDELT's column names (every field a string); raises on a row
    with the wrong number of fields."""
    import io

    import pandas as pd

    names = list(GKG_COLUMNS) if kind == "gkg" else GDELT_EVENT_COLUMNS
    return pd.read_csv(io.BytesIO(data), sep="\t", header=None, names=names, dtype=str, quoting=csv.QUOTE_NONE,
                       keep_default_na=False, encoding="utf-8", encoding_errors="replace", on_bad_lines="error")


def syntax_report(data: bytes, kind: str) -> dict[str, Any]:
    """Rows, rows and fields that break the codebook's syntax (by column), and (Events) inconsistent fields."""
    rows = read_rows(data.decode("utf-8", errors="replace").split("\n"))
    check = gkg_malformed if kind == "gkg" else event_malformed
    bad: dict[str, int] = {}
    inconsistent: dict[str, int] = {}
    bad_rows = 0
    for row in rows:
        cols = check(row)
        bad_rows += bool(cols)
        for c in cols:
            bad[c] = bad.get(c, 0) + 1
        if kind != "gkg" and not cols:
            for c in event_consistency(row):
                inconsistent[c] = inconsistent.get(c, 0) + 1
    return {"rows": len(rows), "malformed_rows": bad_rows, "malformed_fields": sum(bad.values()), "by_column": bad,
            "inconsistent": inconsistent}


def quotation_report(data: bytes, texts: dict[str, str] | None) -> dict[str, int]:
    """Quotations that parse as ``Offset|Length|Verb|Quote``, and (given each GKGRECORDID's article text)
    how many point at their text: ``text[offset:offset + length]`` is the quote."""
    out = {"quotations": 0, "parsed": 0, "unparsed": 0, "point_at_text": 0}
    for row in read_rows(data.decode("utf-8", errors="replace").split("\n")):
        value = row[GKG_COLUMNS.index("V2.1QUOTATIONS")] if len(row) == len(GKG_COLUMNS) else ""
        if not value:
            continue
        try:
            quotes = parse_quotations(value)
        except ValueError:
            out["unparsed"] += value.count("#") + 1
            continue
        out["quotations"] += len(quotes)
        out["parsed"] += len(quotes)
        text = (texts or {}).get(row[0])
        if text is not None:
            out["point_at_text"] += sum(quote_text(text[o : o + n]) == q for o, n, _verb, q in quotes)
    return out


def record_texts(records_path: str | Path) -> dict[str, str]:
    """GKGRECORDID -> article text, from an ``export --with-records`` side file."""
    out = {}
    with Path(records_path).open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            out[item["GKGRECORDID"]] = item["record"]["article"]["text"]
    return out
