"""The web UI in a real browser: Playwright driving Debian's chromium (/usr/bin/chromium) against a live
uvicorn server on 127.0.0.1. Opens /, searches, opens an article, checks the highlights, the hover text and
the quote panel, saves a screenshot under tests/artifacts/, and checks that a hostile article renders as
text (no script runs, no element is injected)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from corpus_articles import shared_corpus
from live_server import browser_page, live_server

ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture(scope="module")
def server():
    with live_server(shared_corpus()) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    with browser_page() as pg:
        dialogs: list[str] = []
        requests: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.on("request", lambda r: requests.append(r.url))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        yield pg
        outside = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
        assert requests and not outside, outside


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


def test_entity_page_groups_a_syndicated_quote(server, page):
    page.goto(server + "/?q=%22every+village%22")
    page.click("li.hit a.hit-title >> nth=0")
    page.locator("#quotes-panel a", has_text="all their quotes").first.click()
    page.wait_for_selector("ol.said")
    assert page.locator("h1").inner_text().startswith("Ana Ribeiro")
    worst = page.locator("ol.said > li", has_text="This is the worst flooding")
    assert worst.count() == 1
    assert worst.locator("p.outlets").inner_text() == "In 2 outlets: Coastal Wire · Daily Ledger"
    assert worst.locator("ul.carried a").count() == 2
    # the cue verb sits on the quote's (last) line, not on a line of its own
    cue = worst.locator("blockquote .cue-text").bounding_box()
    quote = worst.locator("blockquote").bounding_box()
    assert cue and quote and cue["height"] * 1.5 > quote["height"] and cue["y"] >= quote["y"]
    page.screenshot(path=str(ARTIFACTS / "entity.png"), full_page=True)
