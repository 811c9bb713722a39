"""readers.paths: special files and link loops refused without being opened, folder walks that stay in
their tree, unreadable files with their error (issue 13)."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from presslens.readers import ReadOptions, iter_files, read_inputs


def codes(article: dict) -> list[str]:
    return [e["code"] for e in article["errors"]]


def read_all(*paths: Path, options: ReadOptions | None = None) -> list[dict]:
    """read_inputs in a thread: a reader that blocks on a FIFO fails the test instead of hanging it."""
    out: list[dict] = []
    worker = threading.Thread(target=lambda: out.extend(read_inputs([str(p) for p in paths], options)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "read_inputs blocked"
    return out


def test_fifo_given_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)  # no writer: opening it for reading would block for ever
    [article] = read_all(fifo)
    assert article["text"] is None and codes(article) == ["PL033"]
    assert "named pipe" in article["errors"][0]["message"] and str(fifo) in article["errors"][0]["message"]


def test_socket_and_device_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    try:
        sock, null = read_all(path, Path("/dev/null"))
    finally:
        server.close()
    assert codes(sock) == ["PL033"] and "socket" in sock["errors"][0]["message"]
    assert codes(null) == ["PL033"] and "character device" in null["errors"][0]["message"]


def test_symlink_loop_and_dangling_link_get_pl034(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "gone").symlink_to(tmp_path / "missing.txt")
    loop, dangling = read_all(tmp_path / "a", tmp_path / "gone")
    assert codes(loop) == ["PL034"] and "loop" in loop["errors"][0]["message"]
    assert codes(dangling) == ["PL034"] and "missing.txt" in dangling["errors"][0]["message"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_gets_pl001(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Story\n\nBody.")
    locked.chmod(0)
    [article] = read_all(locked)
    assert codes(article) == ["PL001"] and "ermission" in article["errors"][0]["message"]


def test_folder_walk_stays_in_its_tree_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Outside story\n\nNot in the tree.")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "story.txt").write_text("Inside story\n\nIn the tree.")
    (tree / "alias.txt").symlink_to(tree / "sub" / "story.txt")  # a link inside the tree: read
    (tree / "out.txt").symlink_to(outside / "secret.txt")  # a file link out: refused
    (tree / "outdir").symlink_to(outside)  # a folder link out: refused
    (tree / "sub" / "up").symlink_to(tree)  # a loop back to the top: never walked twice
    articles = read_all(tree)
    got = {Path(a["source"]["path"]).relative_to(tree).as_posix(): codes(a) for a in articles}
    assert got == {"alias.txt": [], "out.txt": ["PL035"], "outdir": ["PL035"], "sub/story.txt": []}
    assert all("Outside" not in (a["text"] or "") for a in articles)
    assert [p.name for p in iter_files(tree)] == ["alias.txt", "story.txt"]

    followed = read_all(tree, options=ReadOptions(follow_links=True))
    texts = sorted(a["text"].split("\n")[0] for a in followed if a["text"])
    assert texts == ["Inside story", "Inside story", "Outside story", "Outside story"]
    assert all(not a["errors"] for a in followed)
