"""What the fact components (dates, claims, events) add to analysis time, on a sample of BBC News.

    .venv/bin/python bench/facts.py [--limit 100] [--rounds 3] [--json]

Data: ``../shared/data/bbc/<topic>/NNN.txt`` (title line, blank line, body). The sample takes the first
``limit / 5`` files of each of the five topic folders, in name order, so every run reads the same articles.

The same loaded pipeline analyses the sample with all components, and with ``presslens_dates``,
``presslens_claims`` and ``presslens_events`` disabled (``nlp.select_pipes``); the rounds alternate the two
and each keeps its fastest time (the least disturbed by other work on the machine). The figure is

    overhead = (time with facts - time without) / time without

Issue 4 allows at most 15%. The script also counts what the components found (dates, claims, events per
article) and prints the time they take by themselves, measured by calling their functions on the processed
docs. It prints a reason and exits 0 when the data folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "bbc"
FACTS = ["presslens_dates", "presslens_claims", "presslens_events"]


def sample(limit: int) -> list[Path]:
    topics = sorted(p for p in DATA.iterdir() if p.is_dir())
    per = max(1, limit // max(1, len(topics)))
    files: list[Path] = []
    for topic in topics:
        files.extend(sorted(topic.glob("*.txt"))[:per])
    return files[:limit]


def run(nlp: Any, files: list[Path], disable: list[str]) -> tuple[float, list[dict[str, Any]]]:
    from presslens.pipeline import analyze
    from presslens.readers import read_inputs

    raws = list(read_inputs([str(f) for f in files]))
    start = time.perf_counter()
    with nlp.select_pipes(disable=disable):
        records = list(analyze(iter(raws), nlp))
    return time.perf_counter() - start, records


def own_time(nlp: Any, files: list[Path]) -> float:
    """Seconds the three fact functions take by themselves on the processed docs."""
    from presslens.extract.claims import find_claims
    from presslens.extract.dates import find_dates
    from presslens.extract.events import find_events
    from presslens.pipeline import make_doc
    from presslens.readers import read_inputs

    docs = []
    with nlp.select_pipes(disable=FACTS + ["presslens_framing"]):
        for raw in read_inputs([str(f) for f in files]):
            doc, _ = make_doc(nlp, raw)
            if doc is not None:
                docs.append(nlp(doc))
    start = time.perf_counter()
    for doc in docs:
        doc._.pl_dates = find_dates(doc)
        doc._.pl_claims = find_claims(doc)
        doc._.pl_events = find_events(doc)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles in the sample (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each configuration (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the BBC corpus lives in ../shared/data/bbc)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from presslens.model import load_nlp

    nlp = load_nlp()
    files = sample(args.limit)
    run(nlp, files[:5], [])  # warm up (vectors, lexicons, caches)
    with_facts: list[float] = []
    without: list[float] = []
    records: list[dict[str, Any]] = []
    for _ in range(args.rounds):
        t, records = run(nlp, files, [])
        with_facts.append(t)
        t, _ = run(nlp, files, FACTS)
        without.append(t)
    best_with, best_without = min(with_facts), min(without)
    own = own_time(nlp, files)
    n = max(1, len(records))
    figures = {
        "articles": len(files),
        "rounds": args.rounds,
        "seconds_with_facts": round(best_with, 3),
        "seconds_without_facts": round(best_without, 3),
        "overhead": round((best_with - best_without) / best_without, 4),
        "facts_own_seconds": round(own, 3),
        "facts_own_share": round(own / best_without, 4),
        "dates_per_article": round(sum(len(r["dates"]) for r in records) / n, 2),
        "claims_per_article": round(sum(len(r["claims"]) for r in records) / n, 2),
        "events_per_article": round(sum(len(r["events"]) for r in records) / n, 2),
        "errors": sum(len(r["errors"]) for r in records),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{figures['articles']} BBC articles, best of {args.rounds} rounds each")
        print(f"  with dates/claims/events:    {best_with:.2f} s")
        print(f"  without them:                {best_without:.2f} s")
        print(f"  overhead:                    {100 * figures['overhead']:.1f}%  (issue 4 allows 15%)")
        print(f"  their functions by themselves: {own:.2f} s ({100 * figures['facts_own_share']:.1f}% of the rest)")
        print(
            f"  per article: {figures['dates_per_article']} dates, {figures['claims_per_article']} claims, "
            f"{figures['events_per_article']} events; {figures['errors']} errors"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
