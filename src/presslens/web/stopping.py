"""``serve``'s uvicorn server, stopped by SIGTERM or Ctrl-C within a few seconds even under load.

uvicorn alone waits for every open connection and running request; a long query in a worker thread cannot
be cancelled and keeps the process alive. Here the first SIGTERM / Ctrl-C sets the app's ``stopping``
event (every request's SQLite connection checks it in its progress handler, so a running query is
interrupted), stops accepting connections, and gives in-flight requests ``grace`` seconds; a second Ctrl-C
quits at once. The signal is not re-raised afterwards: ``serve`` returns and the command exits 0.

The port is bound here first and the bound socket handed to uvicorn: a port in use is a coded error (PL162,
with a free port to use instead) before uvicorn prints anything.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import signal
import socket
import threading
import time
from collections.abc import Iterator
from types import FrameType
from typing import Any

import uvicorn

from ..errors import PresslensError


class StoppableServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, stopping: threading.Event) -> None:
        super().__init__(config)
        self.stopping = stopping

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.stopping.set()
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True
        self.should_exit = True

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if sockets and self.started:  # uvicorn says where it listens only for the sockets it binds itself
            host, port = sockets[0].getsockname()[:2]
            shown = f"[{host}]" if ":" in host else host
            logging.getLogger("uvicorn.error").info("Serving on http://%s:%d/ (Ctrl-C to stop)", shown, port)

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


def _bound(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (options as uvicorn's own), or why not: PL162 (in use), PL163."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise PresslensError("PL163", host=host, port=port, reason=f"the address is unknown ({exc})") from exc
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a port left in TIME_WAIT is free, as for uvicorn
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        if exc.errno == errno.EADDRINUSE:
            raise PresslensError("PL162", host=host, port=port, reason=reason, free=free_port(host, port)) from exc
        raise PresslensError("PL163", host=host, port=port, reason=reason) from exc
    return sock


def free_port(host: str, port: int, tries: int = 50) -> str:
    """The first port after ``port`` that ``host`` can bind now (a suggestion), or ``PORT`` if none is."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        try:
            _bound(host, candidate).close()
        except PresslensError:
            continue
        return str(candidate)
    return "PORT"


def run_server(app: Any, host: str, port: int, grace: float) -> None:
    """Serve ``app`` on ``host:port``. The port is bound before uvicorn starts, so a port in use is PL162 (and
    any other bind failure PL163) before anything is printed, never uvicorn's traceback."""
    sock = _bound(host, port)
    config = uvicorn.Config(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=int(grace))
    try:
        StoppableServer(config, app.state.stopping).run(sockets=[sock])
    finally:
        sock.close()


@contextlib.contextmanager
def in_thread(app: Any, host: str = "127.0.0.1", port: int = 0, timeout: float = 60.0) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on ``host:port`` (0: a free port, bound here so no other program
    takes it first) for the ``with`` block; yields its URL (``make screenshots``, browser tests)."""
    sock = _bound(host, port)
    port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server on {host}:{port} did not start within {timeout:.0f} s")
            time.sleep(0.05)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
