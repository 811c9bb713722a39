"""Which paths may be opened: regular files only, told by ``os.stat`` before anything is opened (a FIFO
blocks its reader, a device never ends), and folder walks that stay inside the folder unless asked.

``check_path`` says why a path cannot be read (PL001, PL033, PL034) or None; ``walk_folder`` yields the
files of a folder tree, each with the error that refuses it (PL033, PL034, PL035) or None.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import ErrorInfo, error

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is ('a named pipe (FIFO)', ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _link_error(path: Path, exc: OSError) -> ErrorInfo | None:
    """PL034 when ``path`` is a link that cannot be followed (a loop, a missing target), else None."""
    if exc.errno == errno.ELOOP:
        return error("PL034", path=path, reason="the links form a loop")
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return error("PL034", path=path, reason=f"its target {os.readlink(path)!r} does not exist")
    except OSError:
        return None
    return None


def check_path(path: Path) -> ErrorInfo | None:
    """Why ``path`` cannot be read as one file (it is not opened), or None when it is a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _link_error(path, exc) or error("PL001", path=path, reason=exc.strerror or str(exc))
    kind = kind_of(mode)
    if kind is not None:
        return error("PL033", path=path, kind=kind)
    return None


def open_regular(path: Path) -> tuple[int | None, ErrorInfo | None]:
    """A read-only descriptor of a regular file, or the error: the path is checked with ``stat`` first, opened
    without blocking (a file swapped for a FIFO in between cannot block) and checked again on the descriptor."""
    problem = check_path(path)
    if problem is not None:
        return None, problem
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, error("PL001", path=path, reason=exc.strerror or str(exc))
    kind = kind_of(os.fstat(fd).st_mode)
    if kind is not None:
        os.close(fd)
        return None, error("PL033", path=path, kind=kind)
    os.set_blocking(fd, True)
    return fd, None


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _entry_error(path: Path, root: str, follow_links: bool) -> ErrorInfo | None:
    """Why a file found by the walk is refused, or None."""
    try:
        is_link = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError as exc:
        return error("PL001", path=path, reason=exc.strerror or str(exc))
    if is_link:
        try:
            target = os.path.realpath(path, strict=True)
        except OSError as exc:
            return _link_error(path, exc) or error("PL001", path=path, reason=exc.strerror or str(exc))
        if not follow_links and not _inside(target, root):
            return error("PL035", path=path, target=target)
    return check_path(path)


def walk_folder(folder: Path, follow_links: bool = False) -> Iterator[tuple[Path, ErrorInfo | None]]:
    """Files under ``folder``, recursively and sorted, hidden ones skipped, each with the error that refuses
    it or None. Links inside the tree are read; links out of it are refused (PL035) unless ``follow_links``;
    a folder is never walked twice (no loops); an unreadable subfolder is reported (PL001)."""
    root = os.path.realpath(folder)
    seen = {root}
    problems: list[OSError] = []
    for current, dirs, files in os.walk(folder, followlinks=follow_links, onerror=problems.append):
        while problems:
            exc = problems.pop()
            yield Path(exc.filename or current), error("PL001", path=exc.filename or current, reason=exc.strerror or str(exc))
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            path = Path(current) / name
            real = os.path.realpath(path)
            if os.path.islink(path) and not _inside(real, root) and not follow_links:
                yield path, error("PL035", path=path, target=real)
            elif real not in seen and (follow_links or not os.path.islink(path)):
                seen.add(real)
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(current) / name
                yield path, _entry_error(path, root, follow_links)
    while problems:
        exc = problems.pop()
        yield Path(exc.filename or folder), error("PL001", path=exc.filename or folder, reason=exc.strerror or str(exc))
