"""The Dask caller's watch on its tasks' age: no task stuck on a worker can stall a run (issue 13).

Inside a Dask worker the time budget stops Python code (a timer thread raises ``OverBudget`` in the task's
thread), but not a task stuck in C code or in a system call. So the caller polls the scheduler's list of
tasks each worker is processing (``Client.processing``) and notes when it first saw each of its tasks there.
A task runs from then, or from when the task before it on the same worker left it (a worker may hold a
task it has not started yet); past its deadline (``work.task_deadline``) the engine recycles that worker.

Pure bookkeeping: the engine passes in the scheduler's lists and the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class Overdue:
    """A worker whose oldest task of ours is past its deadline: that task, how long it has run, and the
    other tasks of ours the worker holds (restarting it takes them too)."""

    worker: str
    key: str
    age: float
    others: list[str] = field(default_factory=list)


@dataclass
class _Seen:
    worker: str
    since: float


class Watch:
    """When each of our tasks was first seen processing, on which worker, and when each worker last freed one."""

    def __init__(self, every: float = 1.0) -> None:
        self.seen: dict[str, _Seen] = {}
        self.freed: dict[str, float] = {}
        self.every = every  # seconds between two looks at the scheduler
        self.polled = float("-inf")

    def due(self, now: float) -> bool:
        """Whether it is time to look at the scheduler's lists again."""
        return now - self.polled >= self.every

    def update(self, processing: dict[str, Iterable[str]], ours: set[str], now: float) -> None:
        """Take in the scheduler's ``{worker: [keys processing]}``; only keys in ``ours`` count."""
        self.polled = now
        where = {key: worker for worker, keys in processing.items() for key in keys if key in ours}
        for key, seen in list(self.seen.items()):
            if where.get(key) != seen.worker:  # done, cancelled or moved: its worker is free of it
                self.freed[seen.worker] = now
                del self.seen[key]
        for key, worker in where.items():
            if key not in self.seen:
                self.seen[key] = _Seen(worker, now)

    def started(self, key: str) -> float:
        """When the task ``key`` started running, as well as the caller can tell."""
        seen = self.seen[key]
        return max(seen.since, self.freed.get(seen.worker, seen.since))

    def overdue(self, deadline: Callable[[str], float | None], now: float) -> list[Overdue]:
        """The workers whose oldest task of ours has run past ``deadline(key)`` seconds (None: no deadline)."""
        by_worker: dict[str, list[str]] = {}
        for key, seen in self.seen.items():
            by_worker.setdefault(seen.worker, []).append(key)
        out = []
        for worker, keys in by_worker.items():
            keys.sort(key=lambda k: self.seen[k].since)
            oldest = keys[0]
            limit = deadline(oldest)
            age = now - self.started(oldest)
            if limit is not None and age > limit:
                out.append(Overdue(worker, oldest, age, keys[1:]))
        return out

    def forget(self, worker: str) -> None:
        """The worker was recycled: what it held is no longer watched."""
        self.seen = {key: seen for key, seen in self.seen.items() if seen.worker != worker}
        self.freed.pop(worker, None)
