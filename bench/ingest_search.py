"""Ingest throughput against ``analyze`` alone, and search latency, on the BBC corpus (../shared/data/bbc).

    .venv/bin/python bench/ingest_search.py [--limit N] [--db FILE] [--repeat 5]

1. ``analyze`` alone: read and analyse every article, records discarded (articles/s).
2. ``ingest``: the same articles read, analysed and stored in a fresh SQLite file, stories rebuilt at the end
   (articles/s, and its ratio to 1.). The model is loaded and warmed before either is timed.
3. Search latency over the stored corpus: a fixed set of queries (words, names, phrases, prefixes, filters),
   each run ``--repeat`` times; prints the median and the 95th percentile in milliseconds.

Prints figures only; asserts nothing (timings are not tests).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from presslens.ingest import ingest
from presslens.pipeline import analyze, load_nlp
from presslens.readers import read_inputs
from presslens.store.db import Store
from presslens.store.search import Filters, search

ROOT = Path(__file__).resolve().parent.parent

BBC = ROOT.parent / "shared" / "data" / "bbc"

QUERIES: list[tuple[str, Filters]] = [
    ("election", Filters()),
    ("Blair", Filters()),
    ("Tony Blair", Filters()),
    ('"interest rates"', Filters()),
    ("economy growth", Filters()),
    ("film award", Filters()),
    ("champion*", Filters()),
    ("mobile phone", Filters()),
    ("Chelsea", Filters()),
    ("oil prices", Filters()),
    ("government -labour", Filters()),
    ("music OR album", Filters()),
    ("said", Filters()),
    ("the", Filters()),
    ("Microsoft", Filters()),
    ("World Cup", Filters()),
    ("tax", Filters(entity="Gordon Brown")),
    ("", Filters(speaker="Tony Blair")),
    ("", Filters(entity="Microsoft")),
    ("", Filters(event_type="ACCUSE")),
    ("police", Filters(event_type="COERCE")),
    ("court", Filters()),
    ("shares", Filters()),
    ("Iraq war", Filters()),
]


def files(limit: int | None) -> list[str]:
    found = sorted(str(p) for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    return found[:limit] if limit else found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only (default: all 2,225)")
    ap.add_argument("--db", default=None, help="corpus file to write (default: a temporary file)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--search-text-only", action="store_true",
        help="skip the timing of 1-2; store all 2,225 articles as text-only records (structure, no spaCy: empty "
        "entity/quote tables) and time search on them (FTS only: a quick check where the CPU is scarce)",
    )
    args = ap.parse_args()
    if not BBC.is_dir():
        print(f"skipped: {BBC} is absent (the BBC corpus lives in ../shared/data/bbc)")
        return
    paths = files(args.limit)
    if args.search_text_only:
        db = Path(tempfile.mkdtemp(prefix="presslens-bench-")) / "bbc-text.db"
        with Store.open(db) as store:
            recs = [text_only_record(raw) for raw in read_inputs(paths)]
            for i in range(0, len(recs), 256):
                store.insert_records([r for r in recs[i : i + 256] if r])
        time_search(db, args.repeat)
        return
    nlp = load_nlp()
    list(analyze(read_inputs(paths[:20]), nlp))  # warm up

    t0 = time.perf_counter()
    n_an = sum(1 for _ in analyze(read_inputs(paths), nlp))
    t_an = time.perf_counter() - t0

    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="presslens-bench-")) / "bbc.db"
    if db.exists():
        db.unlink()
    t0 = time.perf_counter()
    summary = ingest(paths, db, progress=False)
    t_in = time.perf_counter() - t0

    print(f"articles: {len(paths)} (analyze yielded {n_an}; ingest: {summary.text().splitlines()[0]})")
    print(f"analyze alone: {t_an:.1f} s, {n_an / t_an:.1f} articles/s")
    print(f"ingest:        {t_in:.1f} s, {summary.read / t_in:.1f} articles/s "
          f"({100 * (t_in - t_an) / t_an:+.1f}% time vs analyze alone; stories: {summary.stories})")

    time_search(db, args.repeat)


def text_only_record(raw: dict) -> dict | None:
    from presslens import SCHEMA
    from presslens.record import record_id
    from presslens.structure import build_article

    article, errors = build_article(raw)  # type: ignore[arg-type]
    if article is None:
        return None
    return {
        "id": record_id(article["text"]), "schema": SCHEMA, "source": raw["source"], "article": article,
        "entities": [], "quotes": [], "claims": [], "dates": [], "events": [], "framing": [], "errors": errors,
    }


def time_search(db: Path, repeat: int) -> None:
    with Store.open(db, readonly=True) as store:
        n = store.count_articles()
        timings: list[float] = []
        for _ in range(repeat):
            for q, f in QUERIES:
                t0 = time.perf_counter()
                search(store, q, f, limit=20)
                timings.append(1000 * (time.perf_counter() - t0))
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(
            f"search over {n} articles: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
            f"max {timings[-1]:.2f} ms ({len(QUERIES)} queries x {repeat})"
        )
    print(f"database: {db} ({db.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
