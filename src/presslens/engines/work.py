"""What every engine does with one batch of raw articles, wherever it runs.

A batch is analysed inside ``nlp.memory_zone()``: the strings and lexemes spaCy adds for the batch's words
are freed when the batch is done, so a worker's memory stays flat over any number of articles. Records are
plain dicts built inside the zone, so nothing in them points into freed memory.

Also here: batching with input positions, worker memory readings, and the test-only fault hook.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ErrorInfo, error, is_failed, only
from ..record import error_record
from ..record.types import RawArticle

# Set by a worker process (local or Dask) at start; the fault hook fires only there, never in the caller.
_IN_WORKER = False

# Test-only fault injection: PRESSLENS_FAULT_INJECT="kill:MARKER" makes a worker process SIGKILL itself when
# a batch holds an article whose text contains MARKER ("exit:MARKER" calls os._exit(70) instead; "hang:MARKER"
# blocks SIGALRM and sleeps, a worker the time budget cannot interrupt). It does nothing outside worker
# processes and when the variable is unset.
FAULT_ENV = "PRESSLENS_FAULT_INJECT"

WARM_UP_TEXT = (
    "Warm-up headline\n\nThe minister said on Monday that 12 people were hurt in London, police told Reuters. "
    '"We will act," she said.'
)


def mark_worker() -> None:
    """Declare this process a worker (enables the test-only fault hook)."""
    global _IN_WORKER
    _IN_WORKER = True


def maybe_inject_fault(raws: list[RawArticle]) -> None:
    """Kill this worker when the test hook asks for it (see ``FAULT_ENV``)."""
    spec = os.environ.get(FAULT_ENV)
    if not _IN_WORKER or not spec or ":" not in spec:
        return
    how, marker = spec.split(":", 1)
    if not any(marker in (raw.get("text") or raw.get("html") or "") for raw in raws):
        return
    sys.stdout.flush()
    if how == "exit":
        os._exit(70)
    if how == "hang":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    os.kill(os.getpid(), signal.SIGKILL)


def rss_bytes() -> int:
    """Resident set size of this process now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def peak_rss_bytes() -> int:
    """Peak resident set size of this process so far: VmHWM, which (unlike ``ru_maxrss``) does not carry the
    parent's peak into a process started by fork and exec (spawn)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) * (1 if sys.platform == "darwin" else 1024)


def warm_up(nlp: Any) -> None:
    """Run one small article outside any memory zone, so components that build things lazily on first use
    keep them (what a zone creates is freed when it closes); without a time budget, which loading those
    things (the gazetteer: seconds) is not to count against."""
    from ..pipeline import analyze
    from ..pipeline.limits import Limits
    from ..readers import raw_article

    list(analyze([raw_article({"path": "<warm-up>", "format": "text"}, WARM_UP_TEXT)], nlp, limits=Limits(time_budget=0)))


def analyze_batch(raws: list[RawArticle], nlp: Any, use_zone: bool = True, limits: Any = None) -> list[dict[str, Any]]:
    """One record per raw article, in order, computed inside a spaCy memory zone, under ``limits`` (a
    ``pipeline.limits.Limits``; default: what this process's environment sets)."""
    from ..pipeline import analyze
    from ..pipeline.learned_words import learn_words

    maybe_inject_fault(raws)
    if not use_zone:
        return list(analyze(raws, nlp, batch_size=max(1, len(raws)), limits=limits))
    with nlp.memory_zone():
        records = list(analyze(raws, nlp, batch_size=max(1, len(raws)), limits=limits))
    learn_words(nlp, (raw.get("text") for raw in raws))  # the batch's frequent words, kept past the zone
    return records


@dataclass
class Task:
    """A batch of raw articles with their input positions, and how many times it has been tried."""

    id: int
    items: list[tuple[int, RawArticle]]
    attempt: int = 0

    @property
    def raws(self) -> list[RawArticle]:
        return [raw for _, raw in self.items]

    @property
    def positions(self) -> list[int]:
        return [pos for pos, _ in self.items]


def batched(raws: Iterable[RawArticle], size: int, start_id: int = 0) -> Iterator[Task]:
    """Tasks of ``size`` raw articles each, numbered, with each article's position in the input."""
    size = max(1, size)
    items: list[tuple[int, RawArticle]] = []
    task_id = start_id
    for pos, raw in enumerate(raws):
        items.append((pos, raw))
        if len(items) >= size:
            yield Task(task_id, items)
            task_id += 1
            items = []
    if items:
        yield Task(task_id, items)


def path_of(raw: RawArticle) -> str:
    src = raw.get("source") or {}
    return str(src.get("path") or src.get("url") or "<input>")


def failed_record(raw: RawArticle, code: str, reason: str, attempts: int) -> dict[str, Any]:
    """The error record of an article that could not be analysed after its retry."""
    errs: list[ErrorInfo] = list(raw.get("errors") or [])
    errs.append(error(code, path=path_of(raw), reason=reason, attempts=attempts))
    return error_record(raw, errs)


OVERDUE_GRACE_S = 10.0  # beyond a task's worst case under the time budget, before its worker is recycled


def task_deadline(items: int, budget: float, grace: float = OVERDUE_GRACE_S) -> float | None:
    """Seconds a worker may spend on a task of ``items`` articles before the engine recycles it: the time
    budget of the batch plus one budget per article (its retry one by one), and a grace; None: no budget.
    Inside the worker the budget stops Python code on time; this bounds code that cannot be interrupted."""
    return budget * (items + 1) + grace if budget > 0 else None


def split_or_fail(task: Task, code: str, reason: str, next_id: int) -> tuple[list[Task], list[tuple[int, dict[str, Any]]]]:
    """What to do with a task whose worker died, raised or overran its deadline: a first failure retries each
    article alone (so one poisonous article cannot take its batch-mates down with it); a second failure gives
    error records. An article alone past its deadline (PL016) fails at once: a retry would stall a worker again.

    Returns (tasks to run again, (position, error record) pairs).
    """
    if task.attempt == 0 and not (code == "PL016" and len(task.items) == 1):
        return [Task(next_id + i, [item], attempt=1) for i, item in enumerate(task.items)], []
    return [], [(pos, failed_record(raw, code, reason, task.attempt + 1)) for pos, raw in task.items]


@dataclass
class WorkerStats:
    """Memory of one worker over a run: (articles done so far, RSS bytes) after each batch, and the peak."""

    samples: list[tuple[int, int]] = field(default_factory=list)
    peak_rss: int = 0
    ready_rss: int = 0
    articles: int = 0

    def add(self, n: int, rss: int, peak: int) -> None:
        self.articles += n
        self.samples.append((self.articles, rss))
        self.peak_rss = max(self.peak_rss, peak, rss)

    def growth(self) -> float | None:
        """Relative RSS growth after warm-up: the largest reading in the last three quarters of the run over
        the reading at the end of the first quarter (None with fewer than 4 readings)."""
        if len(self.samples) < 4:
            return None
        base = self.samples[len(self.samples) // 4][1]
        later = max(r for _, r in self.samples[len(self.samples) // 4 :])
        return (later - base) / base if base else None


@dataclass
class RunStats:
    """Counts of one run; ``read == ok + failed`` always holds once the run is over."""

    read: int = 0
    ok: int = 0  # records without errors (warnings allowed)
    failed: int = 0  # records with an error
    warned: int = 0  # records with a warning, whether ok or failed
    retried: int = 0  # articles sent again after their worker died or raised
    worker_deaths: int = 0
    workers: dict[str, WorkerStats] = field(default_factory=dict)

    def count(self, record: dict[str, Any]) -> None:
        if is_failed(record):
            self.failed += 1
        else:
            self.ok += 1
        if only(record.get("errors"), "warning"):
            self.warned += 1

    def worker(self, name: str) -> WorkerStats:
        return self.workers.setdefault(name, WorkerStats())

    def adds_up(self) -> bool:
        return self.read == self.ok + self.failed
