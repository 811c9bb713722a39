"""Screenshots of every page of the web UI on the bundled examples: `make screenshots`.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots] [--width 1280] [--height 900] [--db FILE]
    .venv/bin/python bench/screenshots.py --list        # the pages it would shoot, without a browser

Builds a corpus from examples/ (and ../shared/seed/article.txt when ../shared is there) in a temporary folder
(or uses --db), serves it with the real server (presslens.web.app, uvicorn) on 127.0.0.1, and with Playwright
and /usr/bin/chromium saves OUT/{search,article,entity,story,stories,sources}.png at a fixed viewport. Every
request that does not go to 127.0.0.1 is blocked and counted (there should be none). Prints one line per page:
its path, HTTP status, load time and the PNG's size; exits 1 when a page does not answer 200 or a request
tried to leave 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
PAGES = ("search", "article", "entity", "story", "stories", "sources")
QUERY = "shelling OR ceasefire"


def inputs() -> list[str]:
    """The bundled examples, and the seed article when ../shared is beside the project."""
    return [str(EXAMPLES)] + ([str(SEED)] if SEED.is_file() else [])


def build_corpus(db: Path) -> None:
    from presslens.ingest import ingest

    summary = ingest(inputs(), db, progress=False)
    print(f"corpus {db}: {summary.text().splitlines()[0]}", file=sys.stderr)


def _first(store: Any, sql: str) -> str | None:
    rows = store.query(sql, {"examples": str(EXAMPLES) + "%"})
    return str(rows[0][0]) if rows else None


# the article and the speaker are taken from the bundled examples first (the seed is not ours to show)
BUNDLED = "JOIN articles a ON a.id = q.article_id AND a.source_path LIKE :examples"


def page_paths(db: Path, query: str = QUERY) -> dict[str, str]:
    """Each page's path on the server: the search for ``query``, the article with the most quotes, the speaker
    quoted most (both from examples/ when it has them), the story with the most outlets, the stories list and the sources page."""
    from urllib.parse import quote_plus

    from presslens.store.db import Store
    from presslens.store.stories import story_listing

    with Store.open(db, readonly=True) as store:
        article = _first(store, f"SELECT q.article_id FROM quotes q {BUNDLED} GROUP BY q.article_id "
                                "ORDER BY count(*) DESC, q.article_id")
        article = article or _first(store, "SELECT id FROM articles ORDER BY published DESC, id")
        entity = _first(store, f"SELECT q.speaker_entity FROM quotes q {BUNDLED} WHERE q.speaker_entity IS NOT NULL "
                               "GROUP BY q.speaker_entity ORDER BY count(*) DESC, q.speaker_entity")
        entity = entity or _first(store, "SELECT entity_id FROM article_entities GROUP BY entity_id "
                                         "ORDER BY count(*) DESC, entity_id")
        stories = story_listing(store)
    missing = [name for name, value in (("article", article), ("entity", entity), ("story", stories)) if not value]
    if missing:
        raise SystemExit(f"the corpus {db} has no {', '.join(missing)} to show: ingest more articles")
    paths = {
        "search": f"/?q={quote_plus(query)}",
        "article": f"/article/{article}",
        "entity": f"/entity/{entity}",
        "story": f"/story/{stories[0]['id']}",
        "stories": "/stories",
        "sources": "/sources",
    }
    assert tuple(paths) == PAGES
    return paths


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The real web UI over ``db`` on 127.0.0.1 (uvicorn in a thread), at the URL yielded."""
    from presslens.web.app import create_app
    from presslens.web.stopping import in_thread

    with in_thread(create_app(db)) as base:
        yield base


def shoot(base: str, paths: dict[str, str], out: Path, width: int, height: int) -> int:
    """Save each page's PNG in ``out``; print a line each; return how many pages failed."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    failed = 0

    def route(r: Any) -> None:
        if r.request.url.startswith(base + "/") or r.request.url == base:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", route)
            for name, path in paths.items():
                start = time.perf_counter()
                response = page.goto(base + path, wait_until="load")
                status = response.status if response is not None else 0
                target = out / f"{name}.png"
                page.screenshot(path=str(target))
                ms = (time.perf_counter() - start) * 1000
                failed += status != 200
                print(f"{name:8} {status}  {ms:7.0f} ms  {target.stat().st_size:>8} bytes  {path}")
        finally:
            browser.close()
    if blocked:
        print(f"blocked {len(blocked)} requests that left 127.0.0.1: {blocked[:5]}")
    return failed + len(blocked)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--db", type=Path, default=None, help="Use this corpus instead of building one.")
    ap.add_argument("--query", default=QUERY, help="The search page's query.")
    ap.add_argument("--list", action="store_true", help="Print the pages' paths and stop (no browser).")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "examples.db"
        if args.db is None:
            build_corpus(db)
        paths = page_paths(db, args.query)
        if args.list:
            for name, path in paths.items():
                print(f"{name:8} {path}")
            return 0
        with serving(db) as base:
            failed = shoot(base, paths, args.out, args.width, args.height)
    print(f"{len(paths) - failed}/{len(paths)} pages saved in {args.out}" if not failed else f"{failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
