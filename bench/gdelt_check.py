"""Check presslens's GDELT exports against GDELT's real files, column by column (issue 15).

    .venv/bin/python bench/gdelt_check.py --ingest ../shared/data/bbc/politics       # + the seed, a fresh db
    .venv/bin/python bench/gdelt_check.py --db corpus.db                               # an existing corpus
    .venv/bin/python bench/gdelt_check.py --ingest DIR --json out/gdelt.json

With ``--ingest`` the folders (and ``../shared/seed/article.txt`` unless ``--no-seed``) are ingested into a
new temporary database. Then ``export --format gkg --with-records`` and ``--format gdelt-events`` run (the
CLI, as a user runs them), and each file, ours and the real ones in ../shared/data/gdelt/, goes through the
same readers (export/gdelt_readers.py): rows that gdelt-py (the GDELT client on PyPI) loads into its models,
rows pandas loads with GDELT's column names, fields that break the codebook's syntax (by column) and, for
Events, fields inconsistent with the others (FractionDate, QuadClass, Goldstein, geo type 0); for GKG the
quotations that parse as ``Offset|Length|Verb|Quote`` and (ours) that point at their text. Figures only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL_GKG = SHARED / "data" / "gdelt" / "20230702153000.gkg.csv.zip"
REAL_EVENTS = SHARED / "data" / "gdelt" / "20191024143000.export.CSV"
SEED = SHARED / "seed" / "article.txt"
PRESSLENS = Path(sys.executable).parent / "presslens"


def report(path: Path, kind: str, records: Path | None = None) -> dict[str, Any]:
    from presslens.export.gdelt_readers import (
        file_bytes,
        gdeltpy_loaded,
        pandas_frame,
        quotation_report,
        record_texts,
        syntax_report,
    )

    data = file_bytes(path)
    out: dict[str, Any] = {"file": str(path), **syntax_report(data, kind)}
    out["gdelt_py_loaded"] = gdeltpy_loaded(data, kind)
    try:
        out["pandas_loaded"] = len(pandas_frame(data, kind))
    except Exception as exc:  # noqa: BLE001 - a file pandas refuses is a figure too
        out["pandas_loaded"], out["pandas_error"] = 0, str(exc)[:200]
    if kind == "gkg":
        out["quotations"] = quotation_report(data, record_texts(records) if records else None)
    return out


def run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    said = [ln for ln in (done.stdout + done.stderr).splitlines() if ln.strip()]
    print(f"$ {' '.join(cmd)}\n  " + "\n  ".join(said[:3]))


def line(name: str, r: dict[str, Any]) -> str:
    text = (f"{name:<12} rows {r['rows']:>5}  gdelt-py {r['gdelt_py_loaded']:>5}  pandas {r['pandas_loaded']:>5}  "
            f"malformed rows {r['malformed_rows']} fields {r['malformed_fields']} {r['by_column'] or ''}")
    if r.get("inconsistent") is not None and "quotations" not in r:
        text += f"  inconsistent {sum(r['inconsistent'].values())} {r['inconsistent'] or ''}"
    if "quotations" in r:
        q = r["quotations"]
        text += f"  quotations {q['quotations']} parsed {q['parsed']} unparsed {q['unparsed']}"
        if name.startswith("ours"):
            text += f" point at text {q['point_at_text']}"
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ingest", nargs="*", default=None, help="folders/files to ingest into a fresh db")
    ap.add_argument("--no-seed", action="store_true", help="do not add ../shared/seed/article.txt")
    ap.add_argument("--db", default=None, help="an existing corpus instead of --ingest")
    ap.add_argument("--json", default=None, help="write the figures here too")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (db and exports)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="presslens-gdelt-"))
    db = Path(args.db) if args.db else tmp / "corpus.db"
    if not args.db:
        paths = list(args.ingest or []) + ([] if args.no_seed or not SEED.exists() else [str(SEED)])
        if not paths:
            raise SystemExit("give --ingest PATHS or --db FILE")
        t0 = time.perf_counter()
        run([str(PRESSLENS), "ingest", "--db", str(db), "--no-progress", *paths])
        print(f"  ingest {time.perf_counter() - t0:.1f} s")
    gkg, events = tmp / "corpus.gkg.csv", tmp / "corpus.export.CSV"
    run([str(PRESSLENS), "export", "--db", str(db), "--format", "gkg", "--output", str(gkg), "--with-records"])
    run([str(PRESSLENS), "export", "--db", str(db), "--format", "gdelt-events", "--output", str(events)])
    figures: dict[str, Any] = {
        "ours_gkg": report(gkg, "gkg", Path(f"{gkg}.records.jsonl")),
        "ours_events": report(events, "events"),
    }
    if REAL_GKG.exists():
        figures["real_gkg"] = report(REAL_GKG, "gkg")
    if REAL_EVENTS.exists():
        figures["real_events"] = report(REAL_EVENTS, "events")
    for name, r in figures.items():
        print(line(name, r))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if args.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
