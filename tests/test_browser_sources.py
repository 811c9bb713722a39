"""The web UI's /sources page in a real browser (Playwright + /usr/bin/chromium), on a corpus that a real
`presslens watch --once` (a subprocess) filled from the local test site: each source with its health, the
failing one with its code, every value escaped (an outlet named with markup renders as text)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from live_server import browser_page as shared_page
from live_server import live_server
from watch_site import Site, page, rss, serve

ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = "Desk <script>alert('x')</script> & <b>Co</b>"

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Site]]:
    """A corpus filled by `presslens watch --once` from two good feeds and one failing source."""
    site = Site()
    httpd, _ = serve(site)
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    for f, name in enumerate(("a", "b")):
        entries = []
        for i in range(2):
            path = f"/{name}/story-{i}.html"
            site.add(path, page(i, seed=40 + f))
            entries.append({"link": site.url(path), "title": f"Story {name}{i}", "summary": "A short summary."})
        site.add(f"/{name}/feed.xml", rss(f"Feed {name}", entries), "application/rss+xml")
    site.routes["/broken.xml"] = lambda req: (500, {"Content-Type": "text/plain"}, b"down")
    tmp = tmp_path_factory.mktemp("watched")
    sources = tmp / "sources.txt"
    sources.write_text(
        f"# the desk's list\n{site.url('/a/feed.xml')} {HOSTILE}\n{site.url('/b/feed.xml')} Harbour Times\n"
        f"{site.url('/broken.xml')} Broken Wire\n", encoding="utf-8",
    )
    db = tmp / "corpus.db"
    exe = Path(sys.executable).with_name("presslens")
    run = subprocess.run(
        [str(exe), "watch", str(sources), "--db", str(db), "--once", "--delay", "0", "--retries", "0",
         "--contact", "desk@example.org"], capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "stored 4" in run.stderr, run.stderr[-3000:]
    yield db, site
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser_page(watched: tuple[Path, Site]) -> Iterator[tuple[str, Any]]:
    with live_server(watched[0]) as base, shared_page() as pg:
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        yield base, pg


def test_sources_page_shows_each_source_with_its_health(browser_page: tuple[str, Any], watched: tuple[Path, Site]) -> None:
    base, pg = browser_page
    site = watched[1]
    pg.goto(base + "/")
    pg.click("header nav a[href='/sources']")
    pg.wait_for_selector("table.sources")
    assert pg.title().startswith("Sources")
    rows = pg.locator("table.sources tbody tr")
    assert rows.count() == 3
    by_url = {}
    for i in range(3):
        row = rows.nth(i)
        by_url[row.locator("td.url").inner_text()] = {
            k: row.locator(f"td.{k}").inner_text() for k in ("outlet", "kind", "health", "items", "last-success",
                                                              "next-check", "last-error")
        }
    a, b, broken = (by_url[site.url(p)] for p in ("/a/feed.xml", "/b/feed.xml", "/broken.xml"))
    assert a["outlet"] == HOSTILE and b["outlet"] == "Harbour Times" and broken["outlet"] == "Broken Wire"
    assert (a["kind"], a["health"], a["items"], a["last-error"]) == ("feed", "ok", "2", "")
    assert b["items"] == "2" and b["last-success"].startswith("20") and b["next-check"].startswith("20")
    assert broken["health"] == "failing ×1" and broken["last-success"] == "never"
    assert broken["last-error"].startswith("PL111") and "HTTP 500" in broken["last-error"]
    assert "1 failing" in pg.locator("main p.meta").inner_text()
    # escaped: the outlet's markup is text, no element was injected, no script ran
    assert pg.evaluate("document.querySelectorAll('script, main b').length") == 0
    assert pg.dialogs == []  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "sources.png"), full_page=True)
    api = pg.request.get(base + "/api/sources").json()
    assert {r["url"]: r["failures"] for r in api} == {site.url("/a/feed.xml"): 0, site.url("/b/feed.xml"): 0,
                                                      site.url("/broken.xml"): 1}
