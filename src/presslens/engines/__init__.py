"""Where the work runs: this process, N local worker processes, or a Dask cluster.

``run_records`` is the one entry point ``analyze`` and ``ingest`` call. Whatever the engine, it yields one
record per input article, in input order, analysed with the pipeline loaded once per process and each batch
inside ``nlp.memory_zone()`` (bounded memory). A worker that dies never loses an article silently: the
article is retried once, then yields an error record (PL100). ``stats`` (optional) receives the counts and
each worker's memory readings; ``stats.read == stats.ok + stats.failed`` once the iterator is exhausted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import PresslensError
from ..readers import ReadOptions, read_inputs
from ..record.types import RawArticle
from .work import RunStats, WorkerStats, batched

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "RunStats", "WorkerStats", "check_settings", "run_in_process", "run_raws", "run_records", "run_to_shards"]


def check_settings(workers: int, engine: str, scheduler: str | None) -> None:
    """Raise PL105 for settings that cannot work."""
    if engine not in ENGINES:
        raise PresslensError("PL105", reason=f"unknown engine {engine!r} (choose {' or '.join(ENGINES)})")
    if workers < 1:
        raise PresslensError("PL105", reason=f"--workers must be 1 or more, not {workers}")
    if scheduler and engine != "dask":
        raise PresslensError("PL105", reason="--scheduler needs --engine dask")


def run_in_process(
    raws: Iterable[RawArticle], model: str | None, batch_size: int = 32, stats: RunStats | None = None
) -> Iterator[dict[str, Any]]:
    """Analyse in this process (``--workers 1``), one memory zone per batch."""
    from ..pipeline import load_nlp
    from .work import analyze_batch, peak_rss_bytes, rss_bytes, warm_up

    stats = stats if stats is not None else RunStats()
    nlp = load_nlp(model)
    warm_up(nlp)
    ws = stats.worker("main")
    ws.ready_rss = rss_bytes()
    for task in batched(raws, batch_size):
        stats.read += len(task.items)
        records = analyze_batch(task.raws, nlp)
        ws.add(len(records), rss_bytes(), peak_rss_bytes())
        for rec in records:
            stats.count(rec)
            yield rec


def run_raws(
    raws: Iterable[RawArticle],
    model: str | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    stats: RunStats | None = None,
) -> Iterator[dict[str, Any]]:
    """Records for raw articles already read (``ingest`` and tests may read themselves)."""
    check_settings(workers, engine, scheduler)
    stats = stats if stats is not None else RunStats()
    if engine == "dask":
        from .dask import DaskEngine

        with DaskEngine(model=model, workers=workers, scheduler=scheduler, batch_size=batch_size, stats=stats) as eng:
            yield from eng.run(raws)
    elif workers == 1:
        yield from run_in_process(raws, model, batch_size, stats)
    else:
        from .local import LocalEngine

        with LocalEngine(model=model, workers=workers, batch_size=batch_size, stats=stats) as local:
            yield from local.run(raws)


def run_records(
    inputs: Iterable[str],
    options: ReadOptions,
    model: str | None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    stats: RunStats | None = None,
) -> Iterator[dict[str, Any]]:
    """One record per article in ``inputs`` (paths, folders, URLs, ``-``), in input order.

    ``workers`` 1 runs in this process; N > 1 starts N worker processes; ``engine="dask"`` runs on the
    cluster at ``scheduler`` (a LocalCluster of ``workers`` processes when None). Inputs are read here and
    streamed to the workers in batches of ``batch_size``.
    """
    yield from run_raws(read_inputs(inputs, options), model, workers, engine, scheduler, batch_size, stats)


def run_to_shards(
    inputs: Iterable[str],
    options: ReadOptions,
    model: str | None,
    output: str,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    shard_size: int = 1024,
    stats: RunStats | None = None,
) -> Iterator[dict[str, Any]]:
    """Like ``run_records`` but write the records as Parquet shards in ``output`` (``--output DIR``) and yield
    a summary per article (``id``, ``source``, ``errors``, ``shard``). On Dask each worker writes its batches
    (so ``output`` must be reachable from every worker); locally this process writes ``shard_size`` records
    a shard."""
    from .shards import shard_name, summary, write_shard

    check_settings(workers, engine, scheduler)
    stats = stats if stats is not None else RunStats()
    raws = read_inputs(inputs, options)
    if engine == "dask":
        from .dask import DaskEngine

        with DaskEngine(model, workers, scheduler, batch_size, output=output, stats=stats) as eng:
            yield from eng.run(raws)
        return
    pending: list[dict[str, Any]] = []
    first = 0
    for rec in run_raws(raws, model, workers, engine, scheduler, batch_size, stats):
        pending.append(rec)
        if len(pending) >= shard_size:
            name = shard_name(first, first + len(pending) - 1)
            write_shard(pending, output, name)
            yield from (summary(r, name) for r in pending)
            first += len(pending)
            pending = []
    if pending:
        name = shard_name(first, first + len(pending) - 1)
        write_shard(pending, output, name)
        yield from (summary(r, name) for r in pending)
