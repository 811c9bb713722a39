"""The same work on a Dask cluster: ``--engine dask [--scheduler ADDRESS]``.

Without an address, a ``LocalCluster`` of ``workers`` processes (one thread each) is started here. A worker
plugin loads the pipeline once per Dask worker: on a LocalCluster before the worker joins the scheduler, on
a remote one when it is registered or a worker joins (and ``load_nlp`` caches it, so a task on a worker
that joined later loads it on first use). The caller reads the inputs and submits batches, at most a few per
worker at a time; records come back in input order, or, with ``output``, each batch is written by its
worker as a Parquet shard and only a short summary per article comes back.

Faults: a worker that dies takes its tasks with it; Dask reports them as ``KilledWorker`` (on a
LocalCluster at once; on a remote scheduler after its ``distributed.scheduler.allowed-failures`` retries).
presslens then retries each of the batch's articles alone, once, and an article that fails again gets an
error record (PL100, or PL101 for an exception), exactly as with local workers.

A task stuck where the time budget cannot interrupt it (C code, a system call) is the caller's to end: with
a budget, it watches each task's age (``overdue.Watch``) and, past ``work.task_deadline``, cancels the task,
restarts its worker (the scheduler asks the worker's nanny; a worker without one is removed from the
cluster), submits again the other tasks that worker held, and treats the stuck batch like one whose worker
died: its articles go again one by one, and the one that stalls again gets PL016 ("recycled").
"""

from __future__ import annotations

import itertools
import logging
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from functools import partial
from types import TracebackType
from typing import Any

from ..errors import PresslensError
from ..pipeline.limits import Limits, current
from ..record.types import RawArticle
from .ordering import InOrder
from .overdue import Overdue, Watch
from .shards import remove_shard, shard_name, summary, write_shard
from .work import OVERDUE_GRACE_S, RunStats, Task, batched, task_deadline

log = logging.getLogger(__name__)
POLL_S = 1.0  # how often the caller looks at its tasks' age (with a time budget)
RESTART_TIMEOUT_S = 30.0  # for a nanny to stop a stuck worker (it asks, waits 4 s, then kills it)
REJOIN_S = 300.0  # for a restarted worker of a LocalCluster to load the pipeline and join again
_LOCK = threading.Lock()  # one analysis at a time per worker process, whatever its thread count


def _load(model: str | None) -> Any:
    from ..pipeline import load_nlp
    from .work import mark_worker, warm_up

    mark_worker()
    first = load_nlp.cache_info().currsize == 0
    nlp = load_nlp(model)
    if first:
        warm_up(nlp)
    return nlp


def analyze_on_worker(
    raws: list[RawArticle], model: str | None, use_zone: bool, output: str | None, shard: str, limits: Any = None
) -> dict[str, Any]:
    """The task: analyse a batch on a Dask worker under the caller's ``limits`` (its --time-budget too: the
    task's thread gets the same per-article deadline, PL016 past it); return its records (or write them as a
    shard)."""
    from .work import analyze_batch, peak_rss_bytes, rss_bytes

    with _LOCK:
        nlp = _load(model)
        records = analyze_batch(raws, nlp, use_zone=use_zone, limits=limits)
    try:
        from distributed import get_worker

        name = str(get_worker().name)
    except (ImportError, ValueError):
        name = "dask"
    out: dict[str, Any] = {"worker": name, "rss": rss_bytes(), "peak": peak_rss_bytes()}
    if output is None:
        out["records"] = records
    else:
        write_shard(records, output, shard)
        out["records"] = [summary(r, shard) for r in records]
    return out


def _error_shard(output: str, pos: int, rec: dict[str, Any]) -> dict[str, Any]:
    """An error record written as a shard of its own; its summary."""
    name = shard_name(pos, pos)
    write_shard([rec], output, name)
    return summary(rec, name)


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # the module still imports; DaskEngine.start raises PL104
    _PluginBase = object  # type: ignore[assignment,misc]


class PresslensPlugin(_PluginBase):  # type: ignore[misc,valid-type]
    """Loads the pipeline once when a worker starts (or joins), so the first task does not pay for it."""

    name = "presslens-pipeline"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        with _LOCK:
            _load(self.model)


def _close_cluster(cluster: Any, recycled: bool) -> None:
    """Close ``cluster`` (a LocalCluster of ours). After a restart a nanny's new worker process may still be
    loading the pipeline, and closing its nanny waits until it has, for nothing: such processes are killed
    while the cluster closes (once its nanny is closing it does not start another)."""
    if not recycled:
        cluster.close()
        return

    def close() -> None:
        try:
            cluster.close()
        except Exception as exc:  # noqa: BLE001 - closing is best effort; the run's records are out
            log.warning("presslens: closing the LocalCluster: %r", exc)

    closer = threading.Thread(target=close, name="presslens-close-cluster", daemon=True)
    closer.start()
    while closer.is_alive():
        for nanny in list(getattr(cluster, "workers", {}).values()):
            proc = getattr(nanny, "process", None)
            pid = getattr(proc, "pid", None)
            if pid and getattr(getattr(proc, "status", None), "name", "") == "starting":
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        closer.join(0.2)


class DaskEngine:
    """A Dask client (and, without a scheduler address, a LocalCluster), used as a context manager."""

    def __init__(
        self,
        model: str | None = None,
        workers: int = 2,
        scheduler: str | None = None,
        batch_size: int = 32,
        output: str | None = None,
        use_zone: bool = True,
        stats: RunStats | None = None,
        max_inflight: int | None = None,
        limits: Limits | None = None,
        grace_s: float | None = None,
    ) -> None:
        if workers < 1:
            raise PresslensError("PL105", reason=f"--workers must be 1 or more, not {workers}")
        self.model = model
        self.n = workers
        self.scheduler = scheduler
        self.batch_size = max(1, batch_size)
        self.output = output
        self.use_zone = use_zone
        self.stats = stats if stats is not None else RunStats()
        self.max_inflight = max_inflight
        self.limits = limits or current()  # what this process's options set, sent with every task
        # past a task's worst case under the budget, before its worker is recycled
        self.grace_s = OVERDUE_GRACE_S if grace_s is None else grace_s
        self.client: Any = None
        self.cluster: Any = None
        self.run_id = uuid.uuid4().hex[:8]
        self._keys = itertools.count()
        self._rejoin: Any = None
        self._recycled = 0  # workers restarted by this engine

    def __enter__(self) -> DaskEngine:
        self.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def start(self) -> None:
        """Connect (or start a LocalCluster) and load the pipeline on every worker."""
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise PresslensError("PL104", package="dask[distributed]", reason=str(exc)) from exc
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout=30)
            except (OSError, TimeoutError, ValueError) as exc:
                raise PresslensError("PL103", address=self.scheduler, reason=str(exc) or type(exc).__name__) from exc
        else:
            # A task whose worker dies fails at once (presslens does the one retry itself, article by article),
            # and each worker holds only the task it runs, so a dying worker takes no queued task with it.
            # The plugin goes with each worker's own settings, so a worker (a restarted one too) loads the
            # pipeline before it joins the scheduler: no task waits on a worker still loading it. A restarted
            # worker may take that long to join again before the cluster gives it up (read when one leaves,
            # so set until close).
            self._rejoin = dask.config.set({"distributed.deploy.lost-worker-timeout": f"{REJOIN_S:g}s"})
            settings = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
            with dask.config.set(settings):
                self.cluster = LocalCluster(
                    n_workers=self.n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    scheduler_kwargs={"dashboard": False},
                    silence_logs=logging.CRITICAL,
                    plugins=(PresslensPlugin(self.model),),
                )
            self.client = Client(self.cluster)
            return
        self.client.register_plugin(PresslensPlugin(self.model))

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            _close_cluster(self.cluster, recycled=self._recycled > 0)
            self.cluster = None
        if self._rejoin is not None:
            self._rejoin.__exit__(None, None, None)
            self._rejoin = None

    def _n_workers(self) -> int:
        try:
            return max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))
        except Exception:  # noqa: BLE001
            return self.n

    def run(self, raws: Iterable[RawArticle]) -> Iterator[dict[str, Any]]:
        """One record per raw article, in input order (a summary per article when writing shards)."""
        if self.client is None:
            self.start()
        inflight_cap = self.max_inflight or 2 * self._n_workers() + 1
        max_ahead = self.batch_size * inflight_cap * 2
        books = InOrder(batched(raws, self.batch_size), self.stats)
        running: dict[Any, Task] = {}
        watch = Watch(POLL_S) if self.limits.time_budget > 0 else None
        while True:
            while len(running) < inflight_cap:
                # Retries run one at a time (first batches go on meanwhile): a retried article that shared a
                # worker with the poisonous one would die with it and be reported as failed although fine.
                if books.retry and not any(t.attempt for t in running.values()):
                    self._submit(books.retry.popleft(), running)
                    continue
                task = None if books.exhausted or books.ahead >= max_ahead else books.read()
                if task is None:
                    break
                self._submit(task, running)
            yield from books.ready()
            if not running:
                if books.over():
                    break
                continue
            for fut in self._finished(running, POLL_S if watch else None):
                self._collect(books, running.pop(fut), fut)
                fut.release()
            if watch is not None:
                self._recycle_overdue(books, running, watch)

    def _finished(self, running: dict[Any, Task], timeout: float | None) -> list[Any]:
        """The futures that are done, once one is (or ``timeout`` seconds have passed: maybe none)."""
        from distributed import wait

        try:
            done, _ = wait(list(running), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return []
        return list(done)

    def _submit(self, task: Task, running: dict[Any, Task]) -> None:
        shard = shard_name(task.positions[0], task.positions[-1])
        fut = self.client.submit(
            analyze_on_worker,
            task.raws,
            self.model,
            self.use_zone,
            self.output,
            shard,
            self.limits,
            key=f"presslens-{self.run_id}-{task.id}-{next(self._keys)}",
            pure=False,
        )
        running[fut] = task

    def _collect(self, books: InOrder, task: Task, fut: Any) -> None:
        """A finished task: its records; or, when its worker died or raised, a retry or error records."""
        from distributed import KilledWorker

        if fut.status == "finished":
            res = fut.result()
            books.finished(task, res["records"])
            self.stats.worker(res["worker"]).add(len(task.items), res["rss"], res["peak"])
            return
        exc = fut.exception()
        if isinstance(exc, PresslensError) and exc.code in ("PL104", "PL106"):
            raise exc
        killed = isinstance(exc, KilledWorker)
        self.stats.worker_deaths += int(killed)
        self._fail(books, task, "PL100" if killed else "PL101", repr(exc)[:300])

    def _fail(self, books: InOrder, task: Task, code: str, reason: str) -> None:
        """A retry of the task's articles one by one, or error records (written as shards with ``output``)."""
        if self.output:
            remove_shard(self.output, shard_name(task.positions[0], task.positions[-1]))
        keep = partial(_error_shard, self.output) if self.output else None
        books.failed(task, code, reason, keep)

    def _recycle_overdue(self, books: InOrder, running: dict[Any, Task], watch: Watch) -> None:
        """Cancel each task past its deadline, restart its worker, and submit again what else that worker held."""
        if not watch.due(time.monotonic()):
            return
        by_key = {fut.key: fut for fut in running}
        watch.update(self.client.processing(), set(by_key), time.monotonic())

        def deadline(key: str) -> float | None:
            return task_deadline(len(running[by_key[key]].items), self.limits.time_budget, self.grace_s)

        for late in watch.overdue(deadline, time.monotonic()):
            stuck = by_key[late.key]
            if stuck.done():  # it finished meanwhile: collected on the next round
                continue
            task = running.pop(stuck)
            held = [by_key[k] for k in late.others if not by_key[k].done()]
            self.client.cancel([stuck, *held])
            for fut in held:
                self._submit(running.pop(fut), running)
            self._restart(late)
            self._recycled += 1
            watch.forget(late.worker)
            self.stats.worker_deaths += 1
            reason = f"its Dask worker was still busy {late.age:.0f} s into the task and was recycled"
            self._fail(books, task, "PL016", reason)

    def _restart(self, late: Overdue) -> None:
        """Have the scheduler restart the worker through its nanny (a worker without one is removed), without
        waiting for the new worker to load the pipeline: the others go on meanwhile."""
        log.warning("presslens: task %s overran its deadline (%.0f s); restarting worker %s", late.key, late.age, late.worker)
        try:
            self.client.sync(
                self.client.scheduler.restart_workers,
                workers=[late.worker],
                timeout=RESTART_TIMEOUT_S,
                wait_for_workers=False,
                on_error="return",
                stimulus_id=f"presslens-overdue-{time.time()}",
            )
        except Exception as exc:  # noqa: BLE001 - the run goes on; the task is already cancelled
            log.warning("presslens: could not restart worker %s: %r", late.worker, exc)
