"""A running `presslens watch` killed with -9 between fetch and store, or stopped with SIGTERM, then restarted:
every item is stored once, and what was stored is not fetched again."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from watch_site import Site, page, rss, serve

pytestmark = pytest.mark.model

N = 40


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    httpd, _ = serve(s)
    s.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    items = []
    for i in range(N):
        s.add(f"/k/{i}.html", page(i, seed=21))
        items.append({"link": s.url(f"/k/{i}.html"), "title": f"Item {i}", "summary": "Short."})
    s.add("/k/feed.xml", rss("Kill desk", items), "application/rss+xml")
    yield s
    httpd.shutdown()
    httpd.server_close()


def start(sources: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "presslens.cli", "watch", str(sources), "--db", str(db), "--delay", "0",
           "--contact", "test@example.org", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def wait_for(db: Path, proc: subprocess.Popen[bytes], limit: float = 240.0) -> None:
    """Until the first batch is stored (some articles, not all)."""
    deadline = time.monotonic() + limit
    while count(db, "SELECT count(*) FROM articles") == 0:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the watch stored nothing in time"
        time.sleep(0.05)


def check_complete(site: Site, db: Path, stored_before: set[str]) -> None:
    assert count(db, "SELECT count(*) FROM articles") == N
    assert count(db, "SELECT count(DISTINCT url) FROM articles") == N
    assert count(db, "SELECT count(*) FROM watch_items WHERE status = 'stored'") == N
    for i in range(N):
        hits = len(site.hits(f"/k/{i}.html"))
        url = site.url(f"/k/{i}.html")
        assert hits == 1 if url in stored_before else hits in (1, 2), (url, hits)  # stored: never fetched again


def stored_urls(db: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return {r[0] for r in conn.execute("SELECT url FROM articles")}
    finally:
        conn.close()


def test_kill_9_between_fetch_and_store_then_restart(site: Site, tmp_path: Path) -> None:
    sources, db = tmp_path / "sources.txt", tmp_path / "c.db"
    sources.write_text(f"{site.url('/k/feed.xml')} Kill Desk\n")
    proc = start(sources, db, "--once")
    wait_for(db, proc)
    proc.kill()
    proc.wait(30)
    before = stored_urls(db)
    assert 0 < len(before) < N  # killed mid-run: fetched items were not all stored
    fetched = sum(len(site.hits(f"/k/{i}.html")) for i in range(N))
    assert fetched > len(before)  # some were fetched and not stored
    again = start(sources, db, "--once")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    check_complete(site, db, before)
    assert len(site.hits("/k/feed.xml")) == 1  # the source was checked once: its items were queued durably


def test_sigterm_finishes_the_write_and_stops(site: Site, tmp_path: Path) -> None:
    sources, db = tmp_path / "sources.txt", tmp_path / "c.db"
    sources.write_text(f"{site.url('/k/feed.xml')}\n")
    proc = start(sources, db, "--every", "1h")
    wait_for(db, proc)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert "pass 1:" in err.decode() and "(stopped)" in err.decode()
    stored = count(db, "SELECT count(*) FROM articles")
    assert stored == count(db, "SELECT count(*) FROM watch_items WHERE status = 'stored'")
    before = stored_urls(db)
    again = start(sources, db, "--once")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    check_complete(site, db, before)
