"""The web UI in a real browser: Playwright driving Debian's chromium (/usr/bin/chromium) against a live
uvicorn server on 127.0.0.1. Opens /, searches, opens an article, checks the highlights, the hover text and
the quote panel, saves a screenshot under tests/artifacts/, and checks that a hostile article renders as
text (no script runs, no element is injected)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from corpus_articles import shared_corpus

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
    "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.model]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    import uvicorn

    from presslens.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(shared_corpus()), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        pg = browser.new_page(viewport={"width": 1300, "height": 1000})
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_search_open_article_highlights_and_quote_panel(server, page):
    page.goto(server + "/")
    assert page.title().startswith("Search")
    page.fill("input[name=q]", '"every village"')
    page.click("form.search button[type=submit]")
    page.wait_for_selector("li.hit a.hit-title")
    assert "q=%22every+village%22" in page.url
    page.click("li.hit a.hit-title >> nth=0")
    page.wait_for_selector("article#article")
    assert page.locator("h1.block-title").inner_text() == "Minister defends flood response in Braga"
    quotes = page.locator("article .quote")
    assert quotes.count() >= 1
    for cls in ("ent", "claim", "date", "cue", "frame"):
        assert page.locator(f"article .{cls}").count() >= 1, cls
    first = page.locator("#q-QT1 + span.quote")
    first.hover()
    tip = first.get_attribute("title") or ""
    assert "speaker Ana Ribeiro" in tip and "cue told" in tip
    colour = first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    panel = page.locator("#quotes-panel li.quote-item")
    assert panel.count() >= 1
    assert "We reached every village within six hours" in page.locator("#quotes-panel").inner_text()
    page.locator("#quotes-panel a[href='#q-QT1']").click()
    assert page.url.endswith("#q-QT1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    assert (ARTIFACTS / "article.png").stat().st_size > 10_000


def test_hostile_article_renders_as_text(server, page):
    page.goto(server + "/?q=council+budget")
    page.click("li.hit a.hit-title >> nth=0")
    page.wait_for_selector("article#article")
    title = page.locator("h1.block-title").inner_text()
    assert title == "Council <script>alert('pwned')</script> meeting <b>bold</b>"
    body = page.locator("article#article").inner_text()
    assert "<img src=x onerror=" in body
    assert page.evaluate("document.querySelectorAll('script, img, article b, article a[href^=javascript]').length") == 0
    assert page.evaluate("document.body.innerHTML.includes('owned') && !document.body.innerText.startsWith('owned')")
    assert page.dialogs == []  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)


def test_story_page_shows_outlets_side_by_side(server, page):
    page.goto(server + "/stories")
    page.click("ol.stories a >> nth=0")
    page.wait_for_selector("section.columns")
    assert page.locator("section.columns .column").count() >= 2
    assert page.locator("svg.chart").count() >= 1
