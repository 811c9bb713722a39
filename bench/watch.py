"""End-to-end throughput of ``presslens watch`` against ``ingest`` of the same pages from disk (issue 16).

    .venv/bin/python bench/watch.py                          # 50 feeds, 2,000 items, --workers 1
    .venv/bin/python bench/watch.py --feeds 5 --items 60     # a quick check
    .venv/bin/python bench/watch.py --workers 2

A local server (a child process, on ``--hosts`` loopback addresses 127.0.0.1..N, one host per outlet group,
as a desk following many outlets has) serves ``--feeds`` RSS feeds listing ``--items`` invented article pages (summary
only, so every page is fetched). The same pages are written to a folder. Timed, each into a new corpus, the
pipeline loaded before the clock: ``ingest FOLDER`` and one ``watch --once`` pass (fetch, extract, analyse,
store; ``--delay 0`` since the server is ours). Prints items/s of each and watch/ingest (target >= 0.8).
Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from watch_site import Site, free_port, page, rss, serve_process  # noqa: E402


def build_site(site: Site, feeds: int, items: int, folder: Path, hosts: int = 1) -> list[tuple[str, str | None]]:
    """Feed f and its pages are on host 127.0.0.(1 + f % hosts)."""
    per = [[] for _ in range(feeds)]  # type: list[list[dict[str, str]]]
    for i in range(items):
        html = page(i, seed=77)
        path = f"/f{i % feeds}/story-{i}.html"
        site.add(path, html)
        (folder / f"story-{i}.html").write_text(html, encoding="utf-8")
        host = f"127.0.0.{1 + (i % feeds) % hosts}"
        per[i % feeds].append({"link": site.url(path, host), "title": f"Story {i}", "summary": "A short summary."})
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    sources = []
    for f, entries in enumerate(per):
        site.add(f"/f{f}/feed.xml", rss(f"Outlet {f}", entries), "application/rss+xml")
        sources.append((site.url(f"/f{f}/feed.xml", f"127.0.0.{1 + f % hosts}"), f"Outlet {f}"))
    return sources


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--fetchers", type=int, default=8)
    ap.add_argument("--hosts", type=int, default=10, help="loopback hosts 127.0.0.1..N the feeds are spread over")
    args = ap.parse_args()

    from presslens.ingest import ingest
    from presslens.pipeline import load_nlp
    from presslens.watch.fetch import Politeness
    from presslens.watch.loop import WatchSettings, watch

    site = Site()
    site.port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        sources = build_site(site, args.feeds, args.items, folder, args.hosts)
        server = serve_process(site, tuple(f"127.0.0.{1 + h}" for h in range(args.hosts)))
        load_nlp()  # paid once, before both clocks; then a warm-up run so that neither pays first-run costs
        warm = Path(tmp) / "warm"
        warm.mkdir()
        for i in range(min(16, args.items)):
            (warm / f"w{i}.html").write_text(page(i, seed=78), encoding="utf-8")
        ingest([str(warm)], Path(tmp) / "warm.db", workers=1, progress=False, build_story_groups=False)
        t0 = time.perf_counter()
        summary = ingest([str(folder)], Path(tmp) / "ingest.db", workers=args.workers, progress=False,
                         build_story_groups=False)
        t_ingest = time.perf_counter() - t0
        settings = WatchSettings(workers=args.workers, fetchers=args.fetchers,
                                 politeness=Politeness(contact="bench@example.org", delay=0.0))
        t0 = time.perf_counter()
        passes = watch(str(Path(tmp) / "watch.db"), sources, settings, once=True, report=lambda line: None)
        t_watch = time.perf_counter() - t0
        server.terminate()
        server.join(10)
    stored = passes[0].stored
    rate_i, rate_w = summary.stored / t_ingest, stored / t_watch
    print("| run | items stored | seconds | items/s |\n| --- | ---: | ---: | ---: |")
    print(f"| ingest from disk, --workers {args.workers} | {summary.stored} | {t_ingest:.1f} | {rate_i:.1f} |")
    print(f"| watch --once, {args.feeds} feeds, --workers {args.workers} | {stored} | {t_watch:.1f} | {rate_w:.1f} |")
    print(f"\nwatch / ingest throughput: {rate_w / rate_i:.2f} (target >= 0.80)")


if __name__ == "__main__":
    main()
