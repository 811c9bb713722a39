"""Search page latency with facets on the BBC corpus (../shared/data/bbc, 2,225 articles): what an analyst waits for.

    .venv/bin/python bench/search.py --db /tmp/bbc.db [--repeat 3]      # reuse a corpus
    .venv/bin/python bench/search.py [--limit N]                        # ingest the BBC articles first (slow)

Runs a fixed list of realistic queries (words, names, phrases, prefixes, exclusions, filters, sorts) through
the same code path as the page: FastAPI's TestClient over the real app (``GET /`` renders hits, facets,
histogram, timeline and map; ``GET /api/facets`` the facets alone; ``GET /export/hits.csv`` an export).
One warm-up request first (templates compiled, data files read once per process; printed apart).
Prints the median and the 95th percentile in milliseconds per endpoint, and the target (page: median
< 100 ms, p95 < 300 ms). Asserts nothing (timings are not tests).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "bbc"

QUERIES: list[dict[str, str]] = [
    {"q": "election"}, {"q": "Blair"}, {"q": "Tony Blair"}, {"q": '"interest rates"'}, {"q": "economy growth"},
    {"q": "film award"}, {"q": "champion*"}, {"q": "mobile phone"}, {"q": "Chelsea"}, {"q": "oil prices"},
    {"q": "government -labour"}, {"q": "music OR album"}, {"q": "said"}, {"q": "the"}, {"q": "Microsoft"},
    {"q": "World Cup"}, {"q": "tax", "entity": "Gordon Brown"}, {"speaker": "Tony Blair"}, {"entity": "Microsoft"},
    {"event_type": "ACCUSE"}, {"q": "police", "event_type": "COERCE"}, {"q": "court", "sort": "date"},
    {"q": "shares", "sort": "date"}, {"q": "Iraq war"}, {"q": "cease-fire"}, {"q": "Iraq", "entity": "Baghdad"},
    {},
]
ENDPOINTS = ("/", "/api/facets", "/export/hits.csv")
TARGET = {"/": (100.0, 300.0)}


def corpus(db: Path | None, limit: int | None) -> Path:
    """``db`` when it exists, else a fresh corpus of the BBC articles (the first ``limit`` of them)."""
    if db is not None and db.exists():
        return db
    from presslens.ingest import ingest

    if not BBC.is_dir():
        raise SystemExit(f"{BBC} is absent: pass --db with a corpus, or put the BBC articles there")
    paths = sorted(str(p) for p in BBC.rglob("*.txt"))[:limit]
    out = db or Path(tempfile.mkdtemp(prefix="presslens-bench-")) / "bbc.db"
    t = time.perf_counter()
    summary = ingest(paths, out, progress=False)
    print(f"ingested {summary.stored} articles into {out} in {time.perf_counter() - t:.0f} s")
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="a corpus database to reuse (built from the BBC articles when absent)")
    ap.add_argument("--limit", type=int, help="ingest only the first N BBC articles")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from presslens.store.db import Store
    from presslens.web.app import create_app

    db = corpus(args.db, args.limit)
    with Store.open(db, readonly=True) as s:
        n_articles = s.count_articles()
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        run(client, n_articles, db, args.repeat)


def run(client: Any, n_articles: int, db: Path, repeat: int) -> None:
    t = time.perf_counter()
    client.get("/")  # templates compiled, data files read
    print(f"{n_articles} articles in {db}; warm-up request: {(time.perf_counter() - t) * 1000:.0f} ms")
    timings: dict[str, list[float]] = {e: [] for e in ENDPOINTS}
    slowest: dict[str, tuple[float, str]] = {e: (0.0, "") for e in ENDPOINTS}
    for _ in range(repeat):
        for params in QUERIES:
            for endpoint in ENDPOINTS:
                url = endpoint + ("?" + urlencode(params) if params else "")
                t = time.perf_counter()
                r = client.get(url)
                ms = (time.perf_counter() - t) * 1000
                if r.status_code != 200:
                    print(f"  {url}: HTTP {r.status_code} {r.text[:200]}")
                timings[endpoint].append(ms)
                slowest[endpoint] = max(slowest[endpoint], (ms, url))
    print(f"{len(QUERIES)} queries x {repeat} runs per endpoint")
    for endpoint, values in timings.items():
        med, p95 = statistics.median(values), pct(values, 95)
        line = f"{endpoint:<18} median {med:7.1f} ms   p95 {p95:7.1f} ms   slowest {slowest[endpoint][0]:.0f} ms {slowest[endpoint][1]}"
        if endpoint in TARGET:
            goal = TARGET[endpoint]
            line += f"   (target median < {goal[0]:.0f}, p95 < {goal[1]:.0f}: {'met' if med < goal[0] and p95 < goal[1] else 'NOT met'})"
        print(line)


if __name__ == "__main__":
    main()
