"""What the fact components (dates, claims, events) add to analysis time, on a sample of BBC News.

    .venv/bin/python bench/facts.py [--limit 100] [--rounds 3] [--json]

Data: ``../shared/data/bbc/<topic>/NNN.txt`` (title line, blank line, body). The sample takes the first
``limit / 5`` files of each of the five topic folders, in name order, so every run reads the same articles.

Times are CPU seconds of this process (``time.process_time``: every thread of it, none of other jobs), so
a machine shared with other work inflates them far less than wall-clock time. Two figures over ``--rounds``
rounds:

- **in-pipeline share** (the figure issue 4's 15% limit is checked against): the full pipeline analyses the
  sample with ``presslens_dates``, ``presslens_claims`` and ``presslens_events`` wrapped in timers, so
  ``overhead = time inside the three / (total time - time inside the three)``, both taken in the same run.
  Both come from the same run, so load changes between runs do not move it; the median round is reported.
- **end-to-end difference**: the same pipeline with the three disabled (``nlp.select_pipes``), the rounds
  alternating (and alternating which goes first); ``(best with - best without) / best without``. It moves
  by several percent from run to run (cache and memory effects of whatever else runs), so it is printed
  for reference only.

It also counts what the components found per article. It prints a reason and exits 0 when the data folder
is absent.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
    start = time.process_time()
    with nlp.select_pipes(disable=disable):
        records = list(analyze(iter(raws), nlp))
    return time.process_time() - start, records


@contextmanager
def timed(nlp: Any, names: list[str]) -> Iterator[dict[str, float]]:
    """Wrap the named components in timers for the duration of the block (seconds per component)."""
    spent = {name: 0.0 for name in names}
    original = list(nlp._components)  # noqa: SLF001 - a bench may swap callables; restored below

    def wrap(name: str, proc: Any) -> Any:
        def call(doc: Any) -> Any:
            start = time.process_time()
            out = proc(doc)
            spent[name] += time.process_time() - start
            return out

        return call

    nlp._components[:] = [(n, wrap(n, p) if n in names else p) for n, p in original]  # noqa: SLF001
    try:
        yield spent
    finally:
        nlp._components[:] = original  # noqa: SLF001


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles in the sample (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each configuration (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the BBC corpus lives in ../shared/data/bbc)")
        return 0
    from presslens.pipeline import load_nlp

    nlp = load_nlp()
    files = sample(args.limit)
    run(nlp, files[:5], [])  # warm up (vectors, lexicons, caches)
    shares: list[tuple[float, float, float]] = []  # (overhead, seconds inside the three, total seconds)
    with_facts: list[float] = []
    without: list[float] = []
    records: list[dict[str, Any]] = []
    for i in range(args.rounds):
        if i % 2:  # alternate which configuration goes first, so neither always runs on a warmer machine
            without.append(run(nlp, files, FACTS)[0])
        with timed(nlp, FACTS) as spent:
            total, records = run(nlp, files, [])
        inside = sum(spent.values())
        shares.append((inside / (total - inside), inside, total))
        with_facts.append(total)
        if not i % 2:
            without.append(run(nlp, files, FACTS)[0])
    share, inside, total = sorted(shares)[len(shares) // 2]  # the median round
    best_with, best_without = min(with_facts), min(without)
    n = max(1, len(records))
    figures = {
        "articles": len(files),
        "rounds": args.rounds,
        "overhead": round(share, 4),
        "seconds_in_facts": round(inside, 3),
        "seconds_total": round(total, 3),
        "end_to_end_with": round(best_with, 3),
        "end_to_end_without": round(best_without, 3),
        "end_to_end_overhead": round((best_with - best_without) / best_without, 4),
        "dates_per_article": round(sum(len(r["dates"]) for r in records) / n, 2),
        "claims_per_article": round(sum(len(r["claims"]) for r in records) / n, 2),
        "events_per_article": round(sum(len(r["events"]) for r in records) / n, 2),
        "errors": sum(len(r["errors"]) for r in records),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{figures['articles']} BBC articles, {args.rounds} rounds")
        print(
            f"  in-pipeline (CPU): {inside:.2f} s inside dates/claims/events of {total:.2f} s in all: "
            f"overhead {100 * share:.1f}% (issue 4 allows 15%)"
        )
        print(
            f"  end-to-end (CPU, for reference): {best_with:.2f} s with, {best_without:.2f} s without: "
            f"{100 * figures['end_to_end_overhead']:.1f}%"
        )
        print(
            f"  per article: {figures['dates_per_article']} dates, {figures['claims_per_article']} claims, "
            f"{figures['events_per_article']} events; {figures['errors']} errors"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
