"""What `presslens watch` does not fetch or analyse twice (issue 16), and `--engine dask`: fetching in the
watch process, the analysis on a Dask LocalCluster, on the local test site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from presslens.ingest import ingest
from presslens.store import sources as state
from test_watch import Watcher, feed_items, settings
from watch_site import Site, page, rss, serve

pytestmark = pytest.mark.model

LONG = " ".join(["The harbour authority opened the new pier to ferries on Tuesday after two years of work."] * 12)


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    httpd, _ = serve(s)
    s.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    yield s
    httpd.shutdown()
    httpd.server_close()


def test_same_canonical_url_in_two_feeds_is_fetched_once(site: Site, tmp_path: Path) -> None:
    items = feed_items(site, "/x", 2, seed=21)
    tracked = [dict(it, link=it["link"] + "?utm_source=feed&fbclid=abc#top") for it in items]
    site.add("/one.xml", rss("One", items), "application/rss+xml")
    site.add("/two.xml", rss("Two", tracked), "application/rss+xml")
    w = Watcher(tmp_path / "c.db", [(site.url("/one.xml"), "One"), (site.url("/two.xml"), "Two")], settings())
    first = w.run()
    assert (first.checked, first.queued, first.stored) == (2, 2, 2)
    assert [len(site.hits(f"/x/story-{i}.html")) for i in range(2)] == [1, 1]
    assert w.store.count_articles() == 2
    w.close()


def test_url_already_in_the_corpus_is_not_fetched(site: Site, tmp_path: Path) -> None:
    """An article `ingest` stored from a URL: the watch item with that canonical URL is marked, not fetched."""
    items = feed_items(site, "/y", 2, seed=22)
    db = tmp_path / "c.db"
    summary = ingest([items[0]["link"]], db, progress=False, build_story_groups=False)
    assert summary.stored == 1 and len(site.hits("/y/story-0.html")) == 1
    site.add("/feed.xml", rss("Y", [dict(items[0], link=items[0]["link"] + "?utm_campaign=x"), items[1]]),
             "application/rss+xml")
    w = Watcher(db, [(site.url("/feed.xml"), "Y")], settings())
    got = w.run()
    assert (got.queued, got.stored, got.present) == (2, 1, 1)
    assert len(site.hits("/y/story-0.html")) == 1 and len(site.hits("/y/story-1.html")) == 1
    assert w.store.count_articles() == 2
    assert {i.url: i.status for i in state.known_items(w.store.conn, [state_url(items[0]["link"])]).values()} == {
        state_url(items[0]["link"]): "stored"
    }
    w.close()


def state_url(link: str) -> str:
    from presslens.watch.items import canonical

    return canonical(link)


def test_same_content_hash_is_not_analysed_again(site: Site, tmp_path: Path) -> None:
    """The content hash is the record id of the text: a full-text feed entry's is known without any fetch; a
    summary-only item at a new URL must be fetched to learn it, then is not analysed or stored again."""
    full = {"link": site.url("/z/full-a.html"), "title": "Pier opens", "content": f"<p>{LONG}</p>"}
    same = dict(full, link=site.url("/z/full-b.html"))  # another URL, the same full text in the feed
    site.add("/z/copy-1.html", page(3, seed=23))
    site.add("/z/copy-2.html", page(3, seed=23))  # the same page under a second URL
    site.add("/full.xml", rss("Full", [full]), "application/rss+xml")
    site.add("/copies.xml", rss("Copies", [
        same, {"link": site.url("/z/copy-1.html"), "title": "Copy", "summary": "Short."},
    ]), "application/rss+xml")
    w = Watcher(tmp_path / "c.db", [(site.url("/full.xml"), "Z")], settings())
    assert w.run().stored == 1
    state.sync_sources(w.store.conn, [(site.url("/copies.xml"), "Z")])
    second = w.run()
    assert (second.stored, second.present) == (1, 1)  # copy-1 stored; full-b already there by its hash
    site.add("/more.xml", rss("More", [{"link": site.url("/z/copy-2.html"), "title": "Copy", "summary": "Short."}]),
             "application/rss+xml")
    state.sync_sources(w.store.conn, [(site.url("/more.xml"), "Z")])
    third = w.run()
    assert (third.stored, third.present) == (0, 1)
    assert site.hits("/z/full-a.html") == [] and site.hits("/z/full-b.html") == []  # full text: never fetched
    assert len(site.hits("/z/copy-1.html")) == 1 and len(site.hits("/z/copy-2.html")) == 1  # fetched once each
    assert w.store.count_articles() == 2
    w.close()


def test_engine_dask_fetches_here_and_analyses_on_the_cluster(site: Site, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    import logging

    from distributed import LocalCluster

    items = feed_items(site, "/d", 4, seed=24)
    site.add("/d/feed.xml", rss("D", items), "application/rss+xml")
    local = Watcher(tmp_path / "local.db", [(site.url("/d/feed.xml"), "D")], settings())
    assert local.run().stored == 4
    local_ids = sorted(r["id"] for r in local.store.query("SELECT id FROM articles"))
    local.close()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster:
        cfg = settings()
        cfg.engine, cfg.scheduler = "dask", cluster.scheduler_address
        w = Watcher(tmp_path / "dask.db", [(site.url("/d/feed.xml"), "D")], cfg)
        got = w.run(force=True)
        prefixes = dict(cluster.scheduler.task_prefixes)
    assert (got.stored, got.failed_items) == (4, 0)
    assert "presslens" in prefixes  # the analysis ran as tasks on the cluster
    assert sorted(r["id"] for r in w.store.query("SELECT id FROM articles")) == local_ids
    # the pages were fetched by the watch's own polite client: once each by this run, with its User-Agent
    assert all(len(site.hits(f"/d/story-{i}.html")) == 2 for i in range(4))
    assert all(r.headers["User-Agent"].startswith("presslens/") for r in site.hits("/d/story-0.html"))
    w.close()
