"""presslens watch against a local site that misbehaves on purpose (no traffic leaves 127.0.0.1)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.readers import ReadOptions
from presslens.store import sources as state
from presslens.store.db import Store
from presslens.watch.fetch import PoliteClient, Politeness
from presslens.watch.loop import PassSummary, Stopper, WatchSettings, run_pass
from presslens.watch.sources import read_sources
from watch_site import Site, conditional, gz, page, rss, sequence, serve, sitemap, slow

pytestmark = pytest.mark.model


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    httpd, _ = serve(s)
    s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    yield s
    httpd.shutdown()
    httpd.server_close()


def settings(**kw: float) -> WatchSettings:
    p = Politeness(contact="desk@example.org", delay=kw.pop("delay", 0.0), timeout=kw.pop("timeout", 2.0),
                   max_bytes=int(kw.pop("max_bytes", 200_000)), retries=int(kw.pop("retries", 2)),
                   backoff=0.05, max_wait=5.0)
    return WatchSettings(every=kw.pop("every", 900.0), fetchers=4, batch_size=8, politeness=p,
                         options=ReadOptions(max_bytes=200_000, timeout=2.0))


class Watcher:
    """A store and a polite client for one test; ``run`` does one pass."""

    def __init__(self, db: Path, urls: list[tuple[str, str | None]], cfg: WatchSettings) -> None:
        self.store = Store.open(db)
        state.ensure_tables(self.store.conn)
        state.sync_sources(self.store.conn, urls)
        self.cfg = cfg
        self.client = PoliteClient(cfg.politeness)

    def run(self, force: bool = False) -> PassSummary:
        return run_pass(self.store, self.client, self.cfg, Stopper(), force=force)

    def sources(self) -> dict[str, state.SourceRow]:
        return {s.url: s for s in state.list_sources(self.store.conn)}

    def close(self) -> None:
        self.client.close()
        self.store.close()


def feed_items(site: Site, prefix: str, n: int, seed: int = 0) -> list[dict[str, str]]:
    items = []
    for i in range(n):
        path = f"{prefix}/story-{i}.html"
        site.add(path, page(i, seed))
        items.append({"link": site.url(path), "title": f"Story {prefix} {i}", "summary": "A short summary."})
    return items


def test_sources_file_text_opml_and_errors(tmp_path: Path) -> None:
    text = tmp_path / "sources.txt"
    text.write_text("# desk list\nhttp://127.0.0.1:1/feed.xml Press Desk One\n\nhttp://127.0.0.1:1/b.xml  # no name\n")
    opml = tmp_path / "list.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline text="Wire" xmlUrl="http://127.0.0.1:1/w.xml"/>'
                    "</body></opml>")
    found = read_sources([str(text), str(opml), "http://127.0.0.1:1/feed.xml", "http://127.0.0.1:1/c.xml"])
    assert [(s.url, s.outlet) for s in found] == [
        ("http://127.0.0.1:1/feed.xml", "Press Desk One"), ("http://127.0.0.1:1/b.xml", None),
        ("http://127.0.0.1:1/w.xml", "Wire"), ("http://127.0.0.1:1/c.xml", None),
    ]
    bad = tmp_path / "bad.txt"
    bad.write_text("http://127.0.0.1:1/ok.xml\nftp://nope/feed\n")
    from presslens.errors import PresslensError

    with pytest.raises(PresslensError) as err:
        read_sources([str(bad)])
    assert err.value.code == "PL118" and "line 2" in str(err.value)


def test_one_pass_conditional_get_and_dedup(site: Site, tmp_path: Path) -> None:
    items = feed_items(site, "/a", 3)
    dup = dict(items[0], link=items[0]["link"] + "?utm_source=rss&utm_medium=feed")  # same canonical URL
    site.routes["/a/feed.xml"] = conditional(rss("Desk A", [*items, dup]), '"v1"')
    w = Watcher(tmp_path / "c.db", [(site.url("/a/feed.xml"), "Outlet A")], settings())
    first = w.run()
    assert (first.checked, first.queued, first.stored, first.failed_items) == (1, 3, 3, 0)
    assert site.paths()[:2] == ["/robots.txt", "/a/feed.xml"]  # robots first, once
    assert sorted(p for p in site.paths() if p.endswith(".html")) == [f"/a/story-{i}.html" for i in range(3)]
    ua = site.hits("/a/feed.xml")[0].headers["User-Agent"]
    assert ua.startswith("presslens/") and "desk@example.org" in ua
    second = w.run(force=True)
    assert (second.not_modified, second.queued, second.stored) == (1, 0, 0)
    assert site.hits("/a/feed.xml")[1].headers.get("If-None-Match") == '"v1"'
    assert site.hits("/a/feed.xml")[1].status == 304
    assert len(site.hits("/robots.txt")) == 1 and len(site.hits("/a/story-0.html")) == 1
    outlets = {r["outlet"] for r in w.store.query("SELECT outlet FROM articles")}
    assert w.store.count_articles() == 3 and outlets == {"Outlet A"}
    src = w.sources()[site.url("/a/feed.xml")]
    assert (src.kind, src.items, src.failures, src.etag) == ("feed", 3, 0, '"v1"')
    w.close()
    out = CliRunner().invoke(cli, ["sources", "--db", str(tmp_path / "c.db"), "--format", "json"])
    assert out.exit_code == 0, out.output
    health = json.loads(out.output)
    assert health[0]["items"] == 3 and health[0]["failures"] == 0 and health[0]["last_success"]


def test_misbehaving_sources_are_recorded_with_codes(site: Site, tmp_path: Path) -> None:
    ok = feed_items(site, "/ok", 1)
    body = rss("Flaky", ok).encode()
    site.routes["/flaky.xml"] = sequence((500, {}, b"oops"), (200, {"Content-Type": "application/rss+xml"}, body))
    limited = feed_items(site, "/lim", 1, seed=1)
    site.routes["/limited.xml"] = sequence(
        (429, {"Retry-After": "1"}, b"slow down"), (200, {"Content-Type": "application/rss+xml"}, rss("L", limited).encode())
    )
    site.routes["/slow.xml"] = slow(1.5, (200, {"Content-Type": "application/rss+xml"}, body))
    site.routes["/loop-a"] = lambda req: (302, {"Location": "/loop-b"}, b"")
    site.routes["/loop-b"] = lambda req: (302, {"Location": "/loop-a"}, b"")
    site.add("/big.xml", rss("Big", ok) + " " * 300_000, "application/rss+xml")
    site.add("/private/feed.xml", body, "application/rss+xml")
    site.add("/notfeed.html", "<html><head><title>Hi</title></head><body><p>No feeds here.</p></body></html>")
    maps = feed_items(site, "/map", 2, seed=3)
    site.add("/sitemap.xml.gz", gz(sitemap([m["link"] for m in maps])), "application/gzip")
    home = feed_items(site, "/home", 1, seed=5)
    assert len({page(0, 0), page(0, 1), page(0, 3), page(1, 3), page(0, 5)}) == 5
    site.add("/home/feed.xml", rss("Home", home), "application/rss+xml")
    site.add("/", '<html><head><link rel="alternate" type="application/rss+xml" href="/home/feed.xml"></head><body>x</body></html>')
    names = ["/flaky.xml", "/limited.xml", "/slow.xml", "/loop-a", "/big.xml", "/private/feed.xml", "/notfeed.html",
             "/sitemap.xml.gz", "/"]
    w = Watcher(tmp_path / "c.db", [(site.url(n), None) for n in names], settings(timeout=0.5, retries=1))
    summary = w.run()
    src = {url.split(str(site.port), 1)[1]: row for url, row in w.sources().items()}
    codes = {n: src[n].last_error_code if src[n].failures else None for n in names}
    assert codes == {"/flaky.xml": None, "/limited.xml": None, "/slow.xml": "PL112", "/loop-a": "PL113",
                     "/big.xml": "PL114", "/private/feed.xml": "PL115", "/notfeed.html": "PL116",
                     "/sitemap.xml.gz": None, "/": None}
    assert (src["/sitemap.xml.gz"].kind, src["/"].kind, src["/"].feeds) == ("sitemap", "page", json.dumps([site.url("/home/feed.xml")]))
    assert [r.status for r in site.hits("/flaky.xml")] == [500, 200]
    lim = site.hits("/limited.xml")
    assert [r.status for r in lim] == [429, 200] and lim[1].start - lim[0].start >= 0.95  # Retry-After honoured
    assert len(site.hits("/slow.xml")) == 2 and site.hits("/private/feed.xml") == []  # retried once; never asked
    assert summary.stored == 5 and summary.failed_sources == 5
    assert w.store.count_articles() == 5
    stored = {r["url"] for r in w.store.query("SELECT url FROM articles")}
    assert stored == {i["link"] for i in ok + limited + maps + home}
    failing = src["/slow.xml"]
    assert failing.failures == 1 and failing.next_check > state.now()  # backed off, not dropped
    assert site.url("/slow.xml") not in {s.url for s in state.due_sources(w.store.conn, state.now())}
    w.run(force=True)
    assert w.sources()[site.url("/slow.xml")].failures == 2  # still followed, its failures visible
    w.close()
    out = CliRunner().invoke(cli, ["sources", "--db", str(tmp_path / "c.db")])
    assert out.exit_code == 0 and "failing x2: PL112" in out.output and "PL115" in out.output, out.output


def test_watch_cli_rejects_bad_settings(tmp_path: Path) -> None:
    from presslens.cli.watch import parse_duration

    assert [parse_duration(t) for t in ("30s", "15m", "1h", "2d", "90")] == [30, 900, 3600, 172_800, 90]
    out = CliRunner().invoke(cli, ["watch", "http://127.0.0.1:1/feed.xml", "--db", str(tmp_path / "c.db"), "--every", "soon"])
    assert out.exit_code == 1 and "PL119" in out.output
    bad = tmp_path / "bad.txt"
    bad.write_text("not-a-url Outlet\n")
    out = CliRunner().invoke(cli, ["watch", str(bad), "--db", str(tmp_path / "c.db"), "--once"])
    assert out.exit_code == 1 and "PL118" in out.output and not (tmp_path / "c.db").exists()


def test_one_connection_per_host_with_delay(site: Site, tmp_path: Path) -> None:
    urls = []
    for seed, host in enumerate(("127.0.0.1", "localhost")):
        items = feed_items(site, f"/{host[:3]}", 3, seed=seed)
        for it in items:
            it["link"] = it["link"].replace("127.0.0.1", host)
        site.add(f"/{host[:3]}/feed.xml", rss(host, items), "application/rss+xml")
        urls.append((site.url(f"/{host[:3]}/feed.xml", host), host))
    w = Watcher(tmp_path / "c.db", urls, settings(delay=0.3))
    assert w.run().stored == 6
    for host in ("127.0.0.1", "localhost"):
        reqs = sorted((r for r in site.log if r.host == host), key=lambda r: r.start)
        assert [r.path for r in reqs][:2] == ["/robots.txt", f"/{host[:3]}/feed.xml"]
        assert len(reqs) == 5
        for before, after in zip(reqs, reqs[1:], strict=False):
            assert after.start >= before.end  # one at a time
            assert after.start - before.end >= 0.25  # the minimum delay per host
    w.close()


def test_updated_article_is_a_new_version(site: Site, tmp_path: Path) -> None:
    link = site.url("/u/story.html")
    pages = {"v": page(1, seed=9)}
    site.routes["/u/story.html"] = lambda req: (200, {"Content-Type": "text/html"}, pages["v"].encode())
    entry = {"link": link, "title": "Changing story", "summary": "First summary."}
    feeds = {"v": rss("U", [entry])}
    site.routes["/u/feed.xml"] = lambda req: (200, {"Content-Type": "application/rss+xml"}, feeds["v"].encode())
    w = Watcher(tmp_path / "c.db", [(site.url("/u/feed.xml"), "U")], settings())
    assert w.run().stored == 1
    assert w.run(force=True).queued == 0 and len(site.hits("/u/story.html")) == 1  # unchanged entry: not fetched
    pages["v"] = page(1, seed=9, extra="Update: the council later withdrew the plan after a second vote.")
    feeds["v"] = rss("U", [dict(entry, summary="Updated summary.")])
    again = w.run(force=True)
    assert (again.queued, again.stored) == (1, 1) and len(site.hits("/u/story.html")) == 2
    versions = state.versions_of(w.store.conn, link)
    assert [v[2] for v in versions] == [1, 2] and versions[1][1] == versions[0][0]
    assert w.store.count_articles() == 2
    w.close()


def test_watch_tables_survive_reopen(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        state.ensure_tables(store.conn)
        state.sync_sources(store.conn, [("http://127.0.0.1:1/a.xml", "A")])
    with Store.open(db) as store:
        state.ensure_tables(store.conn)  # idempotent
        assert [s.outlet for s in state.list_sources(store.conn)] == ["A"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM watch_items").fetchone()[0] == 0
    conn.close()
