"""The compare tables as the terminal and a spreadsheet show them: fixed-width text and CSV.

A cell reads ``value qualifier (source, as of date)``; a figure that differs from the other outlets' for the
same quantity ends with ``*`` (text) or has ``differs`` = 1 (CSV).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .figures import number

DIFFERS = "*"
CSV_COLUMNS = ("table", "outlet", "date", "column", "value", "qualifier", "source", "as_of", "differs", "others",
               "voice", "text", "article")


def cell_text(cell: dict[str, Any] | None) -> str:
    if not cell:
        return "-"
    head = " ".join(x for x in (cell.get("qualifier") or "", number(cell["value"])) if x)
    where = ", ".join(x for x in (cell.get("source") or "no source", f"as of {cell['as_of']}" if cell.get("as_of") else "") if x)
    return f"{head} ({where})" + (f" {DIFFERS}" if cell.get("differs") else "")


def _grid(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*header).rstrip(), fmt.format(*("-" * w for w in widths)), *(fmt.format(*r).rstrip() for r in rows)]


def figures_text(table: dict[str, Any]) -> list[str]:
    """The figures table: one row per outlet and date, one column per main quantity."""
    if not table.get("rows"):
        return ["figures: none claimed"]
    quantities = table["quantities"]
    header = ["outlet", "date", *(q["label"] for q in quantities)]
    rows = [[r["outlet"], r["date"] or "undated", *(cell_text(r["cells"].get(q["key"])) for q in quantities)]
            for r in table["rows"]]
    lines = ["figures, by outlet and date:", *_grid(header, rows)]
    if any(c.get("differs") for r in table["rows"] for c in r["cells"].values()):
        lines.append(f"{DIFFERS} differs from the other outlets' figure for the same quantity on the same day")
    return lines


def calls_text(table: dict[str, Any]) -> list[str]:
    """What each outlet calls the main actors: loaded terms (by voice), then names."""
    actors = table.get("actors") or []
    if not actors:
        return []

    def cell(c: dict[str, Any] | None) -> str:
        if not c:
            return "-"
        terms = [f"{t['text']} [{t['voice']}]" for t in c["terms"]]
        return "; ".join([*terms, *c["names"]]) or "-"

    header = ["outlet", *(a["name"] for a in actors)]
    rows = [[r["outlet"], *(cell(r["cells"].get(a["entity_id"])) for a in actors)] for r in table["rows"]]
    return ["what each outlet calls the main actors (loaded terms [voice]; names):", *_grid(header, rows)]


def compare_csv(result: dict[str, Any]) -> str:
    """Both tables as one CSV: a ``table`` column says which (figures, calls); one line per cell."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    labels = {q["key"]: q["label"] for q in result["figures"]["quantities"]}
    for r in result["figures"]["rows"]:
        for key, c in r["cells"].items():
            w.writerow(["figures", r["outlet"], r["date"] or "", labels.get(key, key), number(c["value"]),
                        c.get("qualifier") or "", c.get("source") or "", c.get("as_of") or "", int(bool(c.get("differs"))),
                        " ".join(number(v) for v in c.get("others") or []), "", c.get("text") or "", c.get("article") or ""])
    names = {a["entity_id"]: a["name"] for a in result["calls"]["actors"]}
    for r in result["calls"]["rows"]:
        for ent, c in r["cells"].items():
            for t in c["terms"]:
                w.writerow(["calls", r["outlet"], "", names.get(ent, ent), t["n"], "", "", "", "", "", t["voice"], t["text"], ""])
            for n in c["names"]:
                w.writerow(["calls", r["outlet"], "", names.get(ent, ent), "", "", "", "", "", "", "name", n, ""])
    return out.getvalue()
