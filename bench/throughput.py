"""Throughput and memory of presslens against bare spaCy on the same pipeline (issues 2 and 7).

    .venv/bin/python bench/throughput.py                # all of ../shared/data/bbc/ (2,225 articles), 3 runs
    .venv/bin/python bench/throughput.py --limit 200 --repeat 1 --configs bare1,pl1

Configurations (each timed over the same articles, the median of ``--repeat`` runs, interleaved so that a
busy machine slows them alike):

- ``bare1``/``bare2``: ``nlp.pipe`` of the same spaCy pipeline presslens runs on (without presslens's
  components) over the articles' texts, ``n_process`` 1 and 2. Texts are read before the clock starts.
- ``pl1``: presslens with ``--workers 1`` (in this process): reading, structure, every presslens component,
  records, one memory zone per batch.
- ``pl2``: presslens with ``--workers 2`` (two spawned worker processes, started before the clock).
- ``dask2``: presslens on a Dask LocalCluster of two single-thread workers (started before the clock).

Worker start-up (loading the pipeline) is timed apart: it is paid once per run, not per article.
Memory: each worker's RSS after every batch; peak, and growth after warm-up (largest reading after the first
quarter of the run over the reading at its end). Prints a Markdown table and the issue-2 figure
(presslens time / bare spaCy time - 1, one process). Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc"
CONFIGS = ("bare1", "bare2", "pl1", "pl2", "dask2")
LABELS = {
    "bare1": ("bare spaCy, nlp.pipe", 1),
    "bare2": ("bare spaCy, nlp.pipe n_process=2", 2),
    "pl1": ("presslens --workers 1", 1),
    "pl2": ("presslens --workers 2", 2),
    "dask2": ("presslens --engine dask (LocalCluster, 2 workers)", 2),
}


def find_paths(data: Path, limit: int | None) -> list[str]:
    """The corpus's .txt files, sorted; with ``limit``, that many spread evenly over it (all five topics)."""
    paths = sorted(str(p) for p in data.rglob("*.txt"))
    if not limit or limit >= len(paths):
        return paths
    return [paths[i * len(paths) // limit] for i in range(limit)]


def mib(n: float | None) -> str:
    return "-" if not n else f"{n / 2**20:,.0f} MiB"


def pct(x: float | None) -> str:
    return "-" if x is None else f"{x:+.1%}"


class Bench:
    def __init__(self, paths: list[str], model: str | None, batch_size: int) -> None:
        from presslens.readers import ReadOptions, read_inputs

        self.paths = paths
        self.model = model
        self.batch_size = batch_size
        self.options = ReadOptions()
        raws = list(read_inputs(paths, self.options))
        self.texts = [r.get("text") or "" for r in raws]
        self.words = sum(len(t.split()) for t in self.texts)
        self.times: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}  # CPU seconds of this process (1-process configurations only)
        self.memory: dict[str, list[tuple[int, float | None]]] = {}  # config -> (peak RSS, growth) per worker-run
        self.startup: dict[str, float] = {}
        self._bare: Any = None
        self._local: Any = None
        self._dask: Any = None

    # -- set-up, not timed ---------------------------------------------------------------------------
    def bare(self) -> Any:
        if self._bare is None:
            import spacy

            from presslens.pipeline.model import resolve_model_name

            t = time.perf_counter()
            self._bare = spacy.load(resolve_model_name(self.model))
            list(self._bare.pipe(self.texts[:4]))
            self.startup["bare1"] = time.perf_counter() - t
        return self._bare

    def local(self) -> Any:
        if self._local is None:
            from presslens.engines.local import LocalEngine

            t = time.perf_counter()
            self._local = LocalEngine(self.model, workers=2, batch_size=self.batch_size)
            self._local.start()
            self.startup["pl2"] = time.perf_counter() - t
        return self._local

    def dask(self) -> Any:
        if self._dask is None:
            from presslens.engines.dask import DaskEngine

            t = time.perf_counter()
            self._dask = DaskEngine(self.model, workers=2, batch_size=self.batch_size)
            self._dask.start()
            self.startup["dask2"] = time.perf_counter() - t
        return self._dask

    def close(self) -> None:
        if self._local is not None:
            self._local.close()
        if self._dask is not None:
            self._dask.close()

    # -- the timed runs ------------------------------------------------------------------------------
    def _count(self, it: Any) -> int:
        return sum(1 for _ in it)

    def run(self, config: str) -> float:
        from presslens.engines import RunStats, run_raws
        from presslens.readers import read_inputs

        stats = RunStats()
        runner: Callable[[], int]
        if config in ("bare1", "bare2"):
            nlp = self.bare()
            n_process = 2 if config == "bare2" else 1
            runner = lambda: self._count(nlp.pipe(self.texts, batch_size=self.batch_size, n_process=n_process))  # noqa: E731
        elif config == "pl1":
            if "pl1" not in self.startup:
                from presslens.pipeline import load_nlp

                t = time.perf_counter()
                load_nlp(self.model)
                self.startup["pl1"] = time.perf_counter() - t
            runner = lambda: self._count(  # noqa: E731
                run_raws(read_inputs(self.paths, self.options), self.model, 1, batch_size=self.batch_size, stats=stats)
            )
        elif config == "pl2":
            engine = self.local()
            engine.stats = stats
            runner = lambda: self._count(engine.run(read_inputs(self.paths, self.options)))  # noqa: E731
        elif config == "dask2":
            dengine = self.dask()
            dengine.stats = stats
            runner = lambda: self._count(dengine.run(read_inputs(self.paths, self.options)))  # noqa: E731
        else:
            raise SystemExit(f"unknown configuration {config!r}: choose from {', '.join(CONFIGS)}")
        t, c = time.perf_counter(), time.process_time()
        n = runner()
        elapsed = time.perf_counter() - t
        if config in ("bare1", "pl1"):
            self.cpu.setdefault(config, []).append(time.process_time() - c)
        if n != len(self.texts):
            raise SystemExit(f"{config}: {n} records for {len(self.texts)} articles")
        if config.startswith(("pl", "dask")) and not stats.adds_up():
            raise SystemExit(f"{config}: counts do not add up: {stats}")
        self.times.setdefault(config, []).append(elapsed)
        for ws in stats.workers.values():
            if ws.samples:
                self.memory.setdefault(config, []).append((ws.peak_rss, ws.growth()))
        return elapsed

    # -- the report ----------------------------------------------------------------------------------
    def median(self, config: str) -> float | None:
        ts = self.times.get(config)
        return statistics.median(ts) if ts else None

    def table(self, repeat: int) -> str:
        n = len(self.texts)
        lines = [
            f"{n:,} articles, {self.words:,} words (whitespace-separated); median of {repeat} run(s); "
            f"batch size {self.batch_size}; pipeline {self.pipeline_name()}; {os.cpu_count()} CPU(s).",
            "",
            "| configuration | processes | median s | articles/s | words/s | vs bare spaCy, same processes "
            "| vs its 1-process run | peak RSS per worker | RSS growth after warm-up |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for config in CONFIGS:
            t = self.median(config)
            if t is None:
                continue
            label, procs = LABELS[config]
            bare = self.median("bare2" if procs == 2 else "bare1")
            one = self.median({"bare2": "bare1", "pl2": "pl1", "dask2": "pl1"}.get(config, config))
            vs_bare = f"{bare / t:.2f}x" if bare and not config.startswith("bare") else "-"
            vs_one = f"{one / t:.2f}x" if one and procs > 1 else "-"
            mem = self.memory.get(config, [])
            peak = max((m[0] for m in mem), default=0)
            growths = [g for _, g in mem if g is not None]
            growth = max(growths) if growths else None
            note = " (this process)" if config == "pl1" and peak else ""
            lines.append(
                f"| {label} | {procs} | {t:.1f} | {n / t:.1f} | {self.words / t:,.0f} | {vs_bare} | {vs_one} "
                f"| {mib(peak)}{note} | {pct(growth)} |"
            )
        lines.append("")
        b1, p1 = self.median("bare1"), self.median("pl1")
        if b1 and p1:
            lines.append(f"Issue 2: presslens time / bare spaCy time - 1 at 1 process = {p1 / b1 - 1:+.1%} (target: at most +25%).")
            lines.append(f"Issue 7: presslens throughput / bare spaCy throughput at 1 process = {b1 / p1:.2f} (target: 0.8 or more).")
        cb, cp = (statistics.median(self.cpu[k]) if self.cpu.get(k) else None for k in ("bare1", "pl1"))
        if cb and cp:
            lines.append(
                f"Same in CPU seconds of the one process (less sensitive to other load on the machine): "
                f"bare {cb:.1f} s, presslens {cp:.1f} s, presslens / bare - 1 = {cp / cb - 1:+.1%}."
            )
        b2, p2 = self.median("bare2"), self.median("pl2")
        if b2 and p2:
            lines.append(f"Issue 7: same at 2 processes = {b2 / p2:.2f}.")
        if p1 and p2:
            lines.append(f"Issue 7: 2 workers / 1 worker = {p1 / p2:.2f}x (target: 1.7x or more).")
        if p1:
            per_day = n / p1 * 86_400
            lines.append(
                f"One worker: {n / p1:.1f} articles/s = {per_day:,.0f} BBC-length articles a day; "
                f"a million a day needs about {1_000_000 / per_day:.1f} such workers (cores) at perfect scaling."
            )
        if self.startup:
            lines.append(
                "Start-up, not in the times above: "
                + ", ".join(f"{LABELS[k][0]} {v:.1f} s" for k, v in self.startup.items() if k in LABELS)
                + "."
            )
        return "\n".join(lines)

    def pipeline_name(self) -> str:
        try:
            from presslens.pipeline import load_nlp

            meta = load_nlp(self.model).meta
            return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
        except Exception:  # noqa: BLE001
            return self.model or "default"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of .txt articles (default: ../shared/data/bbc)")
    parser.add_argument("--limit", type=int, default=None, help="only N articles, spread evenly over the corpus")
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration; the median is reported")
    parser.add_argument("--configs", default=",".join(CONFIGS), help=f"comma-separated subset of {','.join(CONFIGS)}")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: presslens's pinned one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw times and readings here")
    args = parser.parse_args(argv)

    if not args.data.is_dir():
        print(f"skipped: {args.data} is absent (the BBC corpus lives in ../shared/data/bbc, outside the repo)")
        return 0
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    for c in configs:
        if c not in CONFIGS:
            parser.error(f"unknown configuration {c!r}: choose from {', '.join(CONFIGS)}")
    paths = find_paths(args.data, args.limit)
    bench = Bench(paths, args.model, args.batch_size)
    print(f"# {len(paths)} articles from {args.data}; configurations {', '.join(configs)}; {args.repeat} run(s)", file=sys.stderr)
    try:
        for r in range(args.repeat):
            for config in configs:
                elapsed = bench.run(config)
                print(f"  run {r + 1} {config}: {elapsed:.1f} s ({len(paths) / elapsed:.1f} articles/s)", file=sys.stderr, flush=True)
    finally:
        bench.close()
    print(bench.table(args.repeat))
    if args.json:
        args.json.write_text(
            json.dumps({"articles": len(paths), "words": bench.words, "times": bench.times, "cpu": bench.cpu, "startup": bench.startup,
                        "memory": bench.memory}, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
