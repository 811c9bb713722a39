"""The bounds one article's analysis runs under (issue 13): names, defaults, environment variables.

Each is read from the environment when a batch is analysed, so the CLI's options (``--max-chars``,
``--max-sentence-tokens``, ``--time-budget``, ``--language``) reach worker processes too: the CLI sets the
variables before any worker starts. ``docs/limits.md`` lists them with what happens past each.

- ``max_chars``: the longest article analysed (PL004 past it: refused, nothing analysed);
- ``max_sentence_tokens``: the longest stretch of tokens without a sentence end that the parser gets; a
  longer one is cut there (a sentence start is set), so no sentence costs more than that;
- ``time_budget``: seconds one article (or one batch, before it is retried article by article) may take in
  the pipeline; past it the article gets PL016 and the run goes on (0: no budget);
- ``language``: ``auto`` (detect each article's language; English extractors run on English only) or an
  ISO 639-1 code every article is taken to be in (``en``: analyse everything as English).
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from ..readers.base import DEFAULT_MAX_CHARS

DEFAULT_MAX_SENTENCE_TOKENS = 300
DEFAULT_TIME_BUDGET = 20.0  # seconds
ENV = {
    "max_chars": "PRESSLENS_MAX_CHARS",
    "max_sentence_tokens": "PRESSLENS_MAX_SENTENCE_TOKENS",
    "time_budget": "PRESSLENS_TIME_BUDGET",
    "language": "PRESSLENS_LANGUAGE",
}


def _number(name: str, default: float) -> float:
    try:
        return float(os.environ[ENV[name]])
    except (KeyError, ValueError):
        return default


@dataclass(frozen=True)
class Limits:
    max_chars: int = DEFAULT_MAX_CHARS
    max_sentence_tokens: int = DEFAULT_MAX_SENTENCE_TOKENS
    time_budget: float = DEFAULT_TIME_BUDGET
    language: str = "auto"


def current() -> Limits:
    """The limits the environment sets now (defaults for what it leaves out or gets wrong)."""
    return Limits(
        max_chars=int(_number("max_chars", DEFAULT_MAX_CHARS)),
        max_sentence_tokens=max(10, int(_number("max_sentence_tokens", DEFAULT_MAX_SENTENCE_TOKENS))),
        time_budget=max(0.0, _number("time_budget", DEFAULT_TIME_BUDGET)),
        language=(os.environ.get(ENV["language"]) or "auto").strip().lower(),
    )


class OverBudget(BaseException):
    """Raised inside the pipeline when the time budget is spent (by SIGALRM). A BaseException, as
    KeyboardInterrupt is: an extractor's ``except Exception`` fallback must not take it for its own failure."""


WALL_FACTOR = 3.0  # the budget counts CPU seconds; wall time past this many budgets also ends the article


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``OverBudget`` in this thread once it has used ``seconds`` of CPU time, or once ``WALL_FACTOR``
    times that has passed on the clock (a wait that uses no CPU), and every half second after that (a raise
    that lands inside code that swallows it is followed by another). CPU time, so that a loaded machine does
    not fail ordinary articles. In the main thread by SIGPROF / SIGALRM, else (a Dask worker's task thread) by
    a timer thread that raises it asynchronously in this one. Either lands between two Python steps, so a long
    C call ends first; what never returns is bounded by the engine's worker deadline. Off for ``seconds`` <= 0."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_budget(seconds):
            yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(f"past the time budget of {seconds:g} s")

    previous = {sig: signal.signal(sig, on_alarm) for sig in (signal.SIGPROF, signal.SIGALRM)}
    try:  # armed inside: a first tick can land between the two calls
        signal.setitimer(signal.ITIMER_PROF, seconds, 0.5)
        signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR, 0.5)
        yield
    finally:  # a tick can land here, as the block ends just when the budget does: stop again, the next is 0.5 s away
        try:
            _disarm(previous)
        except OverBudget:
            _disarm(previous)


def _disarm(previous: dict[signal.Signals, Any]) -> None:
    """Stop the timers of ``time_budget`` and put the handlers back: the signals are blocked first, and ignored
    before they are unblocked, so one sent meanwhile is dropped instead of reaching the restored handler."""
    sigs = set(previous)
    signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.setitimer(signal.ITIMER_REAL, 0)
    for sig in sigs:
        signal.signal(sig, signal.SIG_IGN)  # drops one pending while blocked
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, sigs)


def _spent(clock: int | None, cpu0: float, wall0: float, seconds: float) -> bool:
    """Whether a thread has used ``seconds`` of its CPU clock, or ``WALL_FACTOR`` times that on the wall."""
    if time.monotonic() - wall0 >= seconds * WALL_FACTOR:
        return True
    return clock is not None and time.clock_gettime(clock) - cpu0 >= seconds


@contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    """``time_budget`` outside the main thread: ``PyThreadState_SetAsyncExc`` from a timer thread that polls
    this thread's CPU clock. The lock keeps the timer from raising once the block is left; one raised but not
    yet delivered is then cleared."""
    target = ctypes.c_ulong(threading.get_ident())
    clock: int | None = None
    cpu0 = 0.0
    try:
        own = time.pthread_getcpuclockid(threading.get_ident())
        cpu0, clock = time.clock_gettime(own), own
    except (AttributeError, OSError):  # no per-thread CPU clock here: the wall clock alone
        pass
    wall0 = time.monotonic()
    done = threading.Event()
    lock = threading.Lock()

    def fire() -> None:
        while not done.wait(min(0.1, seconds)):
            if not _spent(clock, cpu0, wall0, seconds):
                continue
            with lock:
                if done.is_set():
                    return
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(OverBudget))
            done.wait(0.5)

    timer = threading.Thread(target=fire, name="presslens-time-budget", daemon=True)
    timer.start()
    try:
        yield
    finally:
        while True:
            try:
                with lock:
                    done.set()
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
                break
            except OverBudget:  # delivered here, before the timer was stopped: stop it again
                continue
        timer.join()
