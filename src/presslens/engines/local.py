"""Worker processes on this machine: ``--workers N``.

The caller (the parent) reads the inputs and cuts them into batches; N worker processes, started with
``spawn`` (or ``forkserver``), each load the pipeline once (``presslens.pipeline.load_nlp``, which registers the
Doc extensions in that process) and analyse one batch at a time inside ``nlp.memory_zone()``. Records come
back in input order.

Each worker talks to the parent over its own pipe, and the parent watches each worker's process sentinel,
so a worker that dies (killed, out of memory, a crash in a C extension) is noticed at once and never holds a
lock the others need. Its batch is retried article by article in a fresh worker; an article whose worker
dies again is reported as failed with an error record (PL100). Every input gets exactly one record.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from types import TracebackType
from typing import Any

from ..errors import PresslensError
from ..pipeline.limits import current
from ..record.types import RawArticle
from .ordering import InOrder
from .work import OVERDUE_GRACE_S, RunStats, Task, batched, task_deadline

START_TIMEOUT_S = 300.0  # loading a transformer pipeline on a busy machine can take a while
MAX_START_FAILURES = 3


def _worker_main(conn: Connection, model: str | None, name: str, use_zone: bool) -> None:
    """A worker's life: load the pipeline once, then analyse batches until told to stop."""
    from .work import analyze_batch, mark_worker, peak_rss_bytes, rss_bytes, warm_up

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    mark_worker()
    try:
        from ..pipeline import load_nlp

        nlp = load_nlp(model)
        warm_up(nlp)
    except BaseException as exc:  # noqa: BLE001 - report why, then stop
        conn.send(("fatal", name, str(exc)))
        return
    conn.send(("ready", name, rss_bytes(), peak_rss_bytes()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):  # the parent went away
            return
        if msg is None:
            return
        task_id, raws = msg
        try:
            records = analyze_batch(raws, nlp, use_zone=use_zone)
        except Exception as exc:  # noqa: BLE001 - analyze() never raises for an input; this is a bug
            conn.send(("error", task_id, repr(exc)[:500]))
            continue
        conn.send(("done", task_id, records, rss_bytes(), peak_rss_bytes()))


class _Worker:
    def __init__(self, ctx: Any, name: str, model: str | None, use_zone: bool) -> None:
        self.name = name
        parent_end, child_end = ctx.Pipe(duplex=True)
        self.conn: Connection = parent_end
        self.proc = ctx.Process(
            target=_worker_main, args=(child_end, model, name, use_zone), name=f"presslens-{name}", daemon=True
        )
        self.proc.start()
        child_end.close()
        self.ready = False
        self.task: Task | None = None
        self.deadline: float | None = None  # time.monotonic() past which the task is overdue
        self.overdue = False

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def stop(self, timeout: float = 10.0) -> None:
        if self.task is not None:  # the run was abandoned mid-batch: nobody wants that batch's records
            self.proc.terminate()
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(timeout)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(5)
        self.conn.close()


class LocalEngine:
    """A pool of N worker processes, each holding the pipeline, used as a context manager::

        with LocalEngine(model=None, workers=2) as engine:
            for record in engine.run(raws):
                ...

    ``start`` (called by ``__enter__``) waits until every worker has loaded the pipeline, so a benchmark can
    time ``run`` alone. ``stats`` holds the run's counts and each worker's memory readings.
    """

    def __init__(
        self,
        model: str | None = None,
        workers: int = 2,
        batch_size: int = 32,
        start_method: str = "spawn",
        max_ahead: int | None = None,
        use_zone: bool = True,
        stats: RunStats | None = None,
    ) -> None:
        if workers < 1:
            raise PresslensError("PL105", reason=f"--workers must be 1 or more, not {workers}")
        if start_method not in ("spawn", "forkserver"):
            raise PresslensError("PL105", reason=f"start method {start_method!r}: use spawn or forkserver")
        self.model = model
        self.n = workers
        self.batch_size = max(1, batch_size)
        self.ctx = mp.get_context(start_method)
        # how many articles may be read past the oldest one not yet yielded (bounds the parent's memory)
        self.max_ahead = max_ahead or self.batch_size * workers * 4
        self.use_zone = use_zone
        self.stats = stats if stats is not None else RunStats()
        self.workers: dict[str, _Worker] = {}
        self._spawned = 0
        self._start_failures = 0

    # -- lifecycle -----------------------------------------------------------------------------------
    def __enter__(self) -> LocalEngine:
        self.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        self._spawned += 1
        w = _Worker(self.ctx, f"w{self._spawned}", self.model, self.use_zone)
        self.workers[w.name] = w
        return w

    def start(self) -> None:
        """Start the workers and wait until each has loaded the pipeline."""
        while len(self.workers) < self.n:
            self._spawn()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not all(w.ready for w in self.workers.values()):
            if time.monotonic() > deadline:
                self.close()
                raise PresslensError("PL102", reason=f"the workers did not load the pipeline in {START_TIMEOUT_S:.0f} s")
            self._poll(timeout=1.0, on_done=None)

    def close(self) -> None:
        for w in list(self.workers.values()):
            w.stop()
        self.workers.clear()

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (tests kill one of them)."""
        return [w.pid for w in self.workers.values() if w.pid is not None and w.proc.is_alive()]

    # -- messages ------------------------------------------------------------------------------------
    def _poll(self, timeout: float, on_done: Any) -> None:
        """Wait for messages and deaths, and handle them. ``on_done(worker, msg)`` gets task results."""
        by_conn = {w.conn: w for w in self.workers.values()}
        by_sentinel = {w.proc.sentinel: w for w in self.workers.values()}
        ready = wait(list(by_conn) + list(by_sentinel), timeout)
        dead: list[_Worker] = []
        for obj in ready:
            if obj in by_conn:
                w = by_conn[obj]  # type: ignore[index]
                try:
                    msg = w.conn.recv()
                except (EOFError, OSError):
                    dead.append(w)
                    continue
                self._handle(w, msg, on_done)
            else:
                w = by_sentinel[obj]  # type: ignore[index]
                if w.conn.poll():  # a last message sent before it exited
                    try:
                        self._handle(w, w.conn.recv(), on_done)
                    except (EOFError, OSError):
                        pass
                dead.append(w)
        for w in dead:
            if w.name in self.workers:
                self._bury(w, on_done)

    def _handle(self, w: _Worker, msg: tuple[Any, ...], on_done: Any) -> None:
        kind = msg[0]
        if kind == "ready":
            w.ready = True
            self._start_failures = 0
            ws = self.stats.worker(w.name)
            ws.ready_rss = msg[2]
            ws.peak_rss = max(ws.peak_rss, msg[3])
        elif kind == "fatal":
            self.close()
            raise PresslensError("PL102", reason=msg[2])
        elif on_done is not None:
            on_done(w, msg)

    def _bury(self, w: _Worker, on_done: Any) -> None:
        """A worker died: hand its task back for a retry and start a replacement."""
        code = w.proc.exitcode
        del self.workers[w.name]
        try:
            w.conn.close()
        except OSError:
            pass
        if not w.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                self.close()
                raise PresslensError("PL102", reason=f"workers exited while loading the pipeline (exit code {code})")
        self.stats.worker_deaths += 1
        if w.task is not None and on_done is not None:
            if w.overdue:
                on_done(w, ("overdue", w.task.id, "its worker was still busy past the task's deadline and was recycled"))
            else:
                on_done(w, ("died", w.task.id, f"exit code {code}"))
        self._spawn()

    def _recycle_overdue(self) -> None:
        """Kill each worker whose task is past its deadline (it is buried, and replaced, by ``_poll``)."""
        now = time.monotonic()
        for w in self.workers.values():
            if w.task is not None and w.deadline is not None and now > w.deadline and not w.overdue:
                w.overdue = True
                w.proc.kill()

    # -- the run -------------------------------------------------------------------------------------
    def run(self, raws: Iterable[RawArticle]) -> Iterator[dict[str, Any]]:
        """One record per raw article, in input order."""
        if not self.workers:
            self.start()
        books = InOrder(batched(raws, self.batch_size), self.stats)

        def on_done(w: _Worker, msg: tuple[Any, ...]) -> None:
            self._on_done(books, w, msg)

        while True:
            self._hand_out(books)
            yield from books.ready()
            busy = any(w.task is not None for w in self.workers.values())
            if books.over() and not busy:
                break
            self._poll(timeout=1.0, on_done=on_done)
            self._recycle_overdue()

    def _hand_out(self, books: InOrder) -> None:
        """Give work to idle workers: retries first, then new batches while the window allows."""
        for w in list(self.workers.values()):
            if not w.ready or w.task is not None:
                continue
            task: Task | None = None
            if books.retry:
                task = books.retry.popleft()
            elif not books.exhausted and books.ahead < self.max_ahead:
                task = books.read()
            if task is None:
                continue
            w.task = task
            limit = task_deadline(len(task.items), current().time_budget, OVERDUE_GRACE_S)
            w.deadline = None if limit is None else time.monotonic() + limit
            try:
                w.conn.send((task.id, task.raws))
            except (OSError, ValueError):
                pass  # it died; its sentinel tells us below and the task is retried

    def _on_done(self, books: InOrder, w: _Worker, msg: tuple[Any, ...]) -> None:
        """A worker's task ended: its records, or (it died or raised) a retry or error records."""
        task = w.task
        if task is None or task.id != msg[1]:
            return
        w.task = None
        if msg[0] == "done":
            books.finished(task, msg[2])
            self.stats.worker(w.name).add(len(task.items), msg[3], msg[4])
            return
        books.failed(task, {"died": "PL100", "overdue": "PL016"}.get(msg[0], "PL101"), msg[2])
