"""What the pool engines (local processes, Dask) share: read inputs in batches, let batches finish in any
order, yield records in input order, and retry a failed batch article by article before an error record.

``InOrder`` keeps the books of one run: the batches read so far (``read_until``), the records done but not
yet yielded, the retries waiting, and the counts in ``RunStats``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from .work import RunStats, Task, split_or_fail

Record = dict[str, Any]


class InOrder:
    """The books of one run over ``tasks`` (from ``work.batched``)."""

    def __init__(self, tasks: Iterator[Task], stats: RunStats) -> None:
        self.tasks = tasks
        self.stats = stats
        self.retry: deque[Task] = deque()
        self.done: dict[int, Record] = {}
        self.next_pos = 0  # the next position to yield
        self.read_until = 0  # positions below this have been read
        self.exhausted = False
        self.next_id = 1 << 40  # ids for retry tasks, apart from first-try ids

    def read(self) -> Task | None:
        """The next batch of inputs, or None when they are all read."""
        task = next(self.tasks, None)
        if task is None:
            self.exhausted = True
            return None
        self.read_until = task.positions[-1] + 1
        self.stats.read += len(task.items)
        return task

    @property
    def ahead(self) -> int:
        """How many articles have been read past the oldest one not yet yielded."""
        return self.read_until - self.next_pos

    def finished(self, task: Task, records: list[Record]) -> None:
        for pos, rec in zip(task.positions, records, strict=True):
            self.done[pos] = rec

    def failed(self, task: Task, code: str, reason: str, keep: Callable[[int, Record], Record] | None = None) -> None:
        """A batch whose worker died (PL100) or raised (PL101): retry its articles alone, or, on their second
        failure, give each an error record (passed through ``keep`` first, e.g. to write it as a shard)."""
        again, failed = split_or_fail(task, code, reason, self.next_id)
        self.next_id += len(again)
        self.stats.retried += sum(len(t.items) for t in again)
        self.retry.extend(again)
        for pos, rec in failed:
            self.done[pos] = keep(pos, rec) if keep else rec

    def ready(self) -> Iterator[Record]:
        """The records that can be yielded now, in input order."""
        while self.next_pos in self.done:
            rec = self.done.pop(self.next_pos)
            self.stats.count(rec)
            self.next_pos += 1
            yield rec

    def over(self) -> bool:
        """Every input read and yielded, no retry left."""
        return self.exhausted and not self.retry and self.next_pos >= self.read_until
