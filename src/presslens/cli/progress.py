"""The progress bar of long runs (``ingest``, ``analyze`` of many inputs) on stderr, and the coded lines the CLI
writes beside it.

``open_bar`` gives a ``Bar`` when the stream is a terminal (or ``--progress`` asks for one) and a ``Quiet``
otherwise; both take ``update(n)`` (articles done), ``note(line)`` (a line on the stream, an error or a warning,
written above the bar) and ``close()``. The bar shows the articles done, the total when it is known (one per input
file or URL: a JSONL or WARC file holding many articles pushes the count past it, and the bar then shows the count
alone), the percentage, the rate and the ETA. A thread redraws it every ``interval`` seconds (0.5 by default), so
the elapsed time, rate and ETA move even while one long article is analysed; it draws on one line with ``\\r`` and
fits the terminal's width.

``coded_lines`` turns a record's ``errors[]`` into the lines ``note`` writes: ``error: PL001: Cannot read ...`` and
``warning: PL005: ...`` (the input's path or URL before the message when the message does not name it).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

INTERVAL = 0.5  # seconds between two redraws: "at least every second"
BAR_CELLS = 24


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def render(desc: str, done: int, total: int | None, elapsed: float, width: int = 80) -> str:
    """One frame of the bar: ``ingest  45% [#########           ] 9/20 articles  3.2/s  ETA 0:03  (0:02)``,
    cut to ``width``. With no total (or the count past it): the count, the rate and the elapsed time."""
    rate = done / elapsed if elapsed > 0 else 0.0
    speed = f"{rate:.1f}/s" if rate < 100 else f"{rate:.0f}/s"
    if total and done <= total:
        fraction = done / total
        filled = int(round(fraction * BAR_CELLS))
        eta = _clock((total - done) / rate) if rate > 0 else "?"
        line = (f"{desc} {fraction:4.0%} [{'#' * filled}{' ' * (BAR_CELLS - filled)}] {done}/{total} articles  "
                f"{speed}  ETA {eta}  ({_clock(elapsed)})")
    else:
        line = f"{desc} {done} articles  {speed}  ({_clock(elapsed)})"
    return line[: max(10, width - 1)]


def _columns(stream: TextIO) -> int:
    """The width of the terminal ``stream`` writes to (stderr's own, when stdout goes to a file)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        columns = 0
    return columns if columns >= 20 else shutil.get_terminal_size((80, 24)).columns  # 0: a terminal of no size


class Quiet:
    """No bar (stderr is not a terminal, --no-progress, --quiet): ``note`` still writes its line."""

    def __init__(self, stream: TextIO, notes: bool = True) -> None:
        self.stream = stream
        self.notes = notes

    def update(self, n: int = 1) -> None:
        pass

    def note(self, line: str, warning: bool = False) -> None:
        if self.notes or not warning:
            self.stream.write(line + "\n")
            self.stream.flush()

    def close(self) -> None:
        pass


class Bar(Quiet):
    """The bar, redrawn by a thread every ``interval`` seconds and on every ``note``."""

    def __init__(self, stream: TextIO, total: int | None, desc: str = "", interval: float = INTERVAL,
                 notes: bool = True, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(stream, notes)
        self.total = total
        self.desc = desc
        self.done = 0
        self.clock = clock
        self.started = clock()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.width = _columns(stream)
        self.drawn = 0  # frames drawn
        self._draw()
        self.thread = threading.Thread(target=self._tick, args=(interval,), name="presslens-progress", daemon=True)
        self.thread.start()

    def _tick(self, interval: float) -> None:
        while not self.stopped.wait(interval):
            with self.lock:
                self._draw()

    def _draw(self) -> None:
        frame = render(self.desc, self.done, self.total, self.clock() - self.started, self.width)
        self.stream.write("\r" + frame.ljust(min(self.width - 1, 80)))
        self.stream.flush()
        self.drawn += 1

    def _clear(self) -> None:
        self.stream.write("\r" + " " * (self.width - 1) + "\r")

    def update(self, n: int = 1) -> None:
        with self.lock:
            self.done += n

    def note(self, line: str, warning: bool = False) -> None:
        if warning and not self.notes:
            return
        with self.lock:
            self._clear()
            self.stream.write(line + "\n")
            self._draw()

    def close(self) -> None:
        if self.stopped.is_set():
            return
        self.stopped.set()
        self.thread.join()
        with self.lock:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()


def open_bar(stream: TextIO, show: bool | None, total: int | None, desc: str, quiet: bool = False) -> Quiet:
    """A ``Bar`` when ``show`` (None: when ``stream`` is a terminal) and not ``quiet``, else a ``Quiet``.
    ``quiet`` also drops the warnings' lines (errors are always written)."""
    wanted = stream.isatty() if show is None else show
    if wanted and not quiet:
        return Bar(stream, total, desc, notes=True)
    return Quiet(stream, notes=not quiet)


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many inputs ``paths`` name (files, the files under folders, URLs); None with ``-`` (stdin)."""
    from ..readers import iter_files
    from ..readers.url import is_url

    total = 0
    for item in paths:
        if item == "-":
            return None
        path = Path(item)
        if not is_url(item) and path.is_dir():
            total += sum(1 for _ in iter_files(path))
        else:
            total += 1
    return total


def coded_lines(record: Mapping[str, Any]) -> list[tuple[str, bool]]:
    """``(line, is_warning)`` for each of a record's errors and warnings, as the CLI writes them on stderr."""
    src = record.get("source") or {}
    where = str(src.get("path") or src.get("url") or "")
    lines = []
    for e in record.get("errors") or ():
        warning = e.get("severity") == "warning"
        message = str(e.get("message"))
        said = message if not where or where in message else f"{where}: {message}"
        lines.append((f"{'warning' if warning else 'error'}: {e.get('code')}: {said}", warning))
    return lines


def report_errors(bar: Quiet, record: Mapping[str, Any]) -> None:
    """A record's errors and warnings, written on the bar's stream (above the bar)."""
    for line, warning in coded_lines(record):
        bar.note(line, warning=warning)


def report_record(bar: Quiet, record: Mapping[str, Any]) -> None:
    """One record done: the bar moves on, and its errors and warnings are written on the stream."""
    bar.update(1)
    report_errors(bar, record)
