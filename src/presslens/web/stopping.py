"""``serve``'s uvicorn server, stopped by SIGTERM or Ctrl-C within a few seconds even under load.

uvicorn alone waits for every open connection and running request; a long query in a worker thread cannot
be cancelled and keeps the process alive. Here the first SIGTERM / Ctrl-C sets the app's ``stopping``
event (every request's SQLite connection checks it in its progress handler, so a running query is
interrupted), stops accepting connections, and gives in-flight requests ``grace`` seconds; a second Ctrl-C
quits at once. The signal is not re-raised afterwards: ``serve`` returns and the command exits 0.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

import uvicorn


class StoppableServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, stopping: threading.Event) -> None:
        super().__init__(config)
        self.stopping = stopping

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.stopping.set()
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True
        self.should_exit = True

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        old = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in old.items():
                signal.signal(sig, handler)


def run_server(app: Any, host: str, port: int, grace: float) -> None:
    config = uvicorn.Config(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=int(grace))
    StoppableServer(config, app.state.stopping).run()
