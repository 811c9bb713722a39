"""The article page in a real browser (Playwright + /usr/bin/chromium) over a corpus built here from invented
articles: the legend and toggles at the top, each toggle switching its marks off, names marked only on hover
or when switched on, an event link jumping to its trigger with its negation shown, the original URL linked
only when it is http(s), hostile text rendered as text, and no request leaving 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from live_server import browser_page, live_server

ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.model]

ARTICLES = [
    {
        "title": "Truce talks stall in Teral",
        "outlet": "Harbour Times",
        "published": "2024-05-06",
        "url": "https://news.example.org/truce-talks?id=7&lang=en",
        "text": (
            "Truce talks between the Teral government and the rebels stalled on Monday, officials said.\n\n"
            "\"I don't agree to a truce,\" rebel commander Omar Haddad told reporters in Lakeside. "
            "The regime's army may attack Lakeside, the rebels said.\n\n"
            "At least 40 people were killed in the fighting last week, according to the Red Crescent. "
            "Foreign Minister Lina Sato said the government was ready to talk."
        ),
    },
    {
        "title": "Council <script>alert('pwned')</script> meeting <b>bold</b>",
        "outlet": "Evil Gazette",
        "published": "2024-05-07",
        "url": "javascript:alert(document.domain)",
        "text": (
            "The council met on Monday <img src=x onerror=\"alert('xss')\"> to discuss the <script>document.body."
            "innerHTML='owned'</script> budget.\n\n"
            "\"We will <a href=\"javascript:alert(1)\" onclick=\"alert(2)\">spend</a> 5 million euros on roads,\" "
            "said councillor John Harper at the Town Hall."
        ),
    },
]


def write_articles(folder: Path) -> Path:
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from presslens.ingest import ingest

    folder = tmp_path_factory.mktemp("article-page")
    db = folder / "corpus.db"
    summary = ingest([str(write_articles(folder))], db, progress=False, build_story_groups=False)
    assert summary.stored == len(ARTICLES), summary.text()
    return db


@pytest.fixture(scope="module")
def records(corpus: Path) -> dict[str, dict[str, Any]]:
    from presslens.store.db import Store

    with Store.open(corpus, readonly=True) as store:
        return {r["article"]["title"]: r for r in store.iter_records()}


@pytest.fixture(scope="module")
def server(corpus: Path) -> Iterator[str]:
    with live_server(corpus) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with browser_page() as pg:
        pg.requests = []
        pg.dialogs = []
        pg.on("request", lambda r: pg.requests.append(r.url))
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        yield pg
        outside = [u for u in pg.requests if urlsplit(u).hostname != "127.0.0.1"]
        assert pg.requests and not outside, outside


def open_article(page: Any, server: str, rec: dict[str, Any], fragment: str = "") -> None:
    page.goto(f"{server}/article/{rec['id']}{fragment}")
    page.wait_for_selector("article#article")
    assert not [u for u in page.requests if urlsplit(u).hostname != "127.0.0.1"], page.requests


def style(page: Any, selector: str, prop: str) -> str:
    return str(page.locator(selector).first.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')"))


def test_legend_and_toggles_are_at_the_top(server, page, records):
    open_article(page, server, records[ARTICLES[0]["title"]])
    legend = page.locator("fieldset#legend").bounding_box()
    title = page.locator("article h1.block-title").bounding_box()
    assert legend and title and legend["y"] + legend["height"] <= title["y"]
    boxes = page.locator("fieldset#legend input[type=checkbox]")
    ids = [boxes.nth(i).get_attribute("id") for i in range(boxes.count())]
    assert ids == ["show-ent", "show-quote", "show-claim", "show-date", "show-event", "show-frame"]
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())] == [False] + [True] * 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-toggles.png"), full_page=True)


def test_each_toggle_switches_its_marks_off(server, page, records):
    open_article(page, server, records[ARTICLES[0]["title"]])
    tag = page.locator("article .ev-tag").first
    assert tag.is_visible()
    page.uncheck("#show-event")
    assert not tag.is_visible() and style(page, "article .event", "border-top-style") == "none"
    page.check("#show-event")
    assert tag.is_visible() and style(page, "article .event", "border-top-style") == "dashed"
    checks = [  # (toggle, a mark it governs, css property, value while on, value while off)
        ("show-quote", "article .quote", "background-color", None, "rgba(0, 0, 0, 0)"),
        ("show-claim", "article .claim", "outline-style", "solid", "none"),
        ("show-date", "article .date:not(.ent)", "text-decoration-line", "underline", "none"),
        ("show-frame", "article .frame", "box-shadow", None, "none"),
    ]
    for toggle, selector, prop, on, off in checks:
        before = style(page, selector, prop)
        assert before != off and (on is None or before == on), (toggle, before)
        page.uncheck(f"#{toggle}")
        assert style(page, selector, prop) == off, toggle
        page.check(f"#{toggle}")
        assert style(page, selector, prop) == before, toggle


def test_names_are_marked_on_hover_or_when_switched_on(server, page, records):
    open_article(page, server, records[ARTICLES[0]["title"]])
    name = "article .ent:not(.date):not(.cue):not(.event)"
    page.mouse.move(0, 0)
    assert style(page, name, "text-decoration-line") == "none"
    page.locator(name).first.hover()
    assert style(page, name, "text-decoration-line") == "underline"
    page.mouse.move(0, 0)
    page.check("#show-ent")
    assert page.locator(name).count() >= 2
    assert {style(page, f"{name} >> nth={i}", "text-decoration-line") for i in range(2)} == {"underline"}
    page.uncheck("#show-ent")
    assert style(page, name, "text-decoration-line") == "none"


def test_event_link_jumps_to_its_trigger_and_reads_not_agree(server, page, records):
    rec = records[ARTICLES[0]["title"]]
    [agree] = [e for e in rec["events"] if e["type"] == "AGREE"]
    assert agree["negated"] is True and agree["trigger"]["text"] == "agree"
    open_article(page, server, rec)
    link = page.locator(f"#events-panel a[href='#e-{agree['id']}']")
    assert link.inner_text().startswith("not AGREE")
    assert page.locator("#events-panel").inner_text().count("ASSAULT (possible)") == 1
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    link.click()
    assert page.url.endswith(f"#e-{agree['id']}")
    span = page.locator(f"a.anchor#e-{agree['id']} + span")
    assert span.inner_text() == "agree" and "event-negated" in (span.get_attribute("class") or "")
    assert "Event: not AGREE" in (span.get_attribute("title") or "")
    assert span.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    top = span.evaluate("el => el.getBoundingClientRect().top")
    assert 0 < top < page.viewport_size["height"] / 2
    assert span.evaluate("el => el.nextElementSibling.textContent") == "not AGREE"
    # the date panel jumps the same way
    page.locator("#dates-panel a[href='#d-0']").click()
    assert page.locator("a.anchor#d-0 + span").evaluate("el => getComputedStyle(el).outlineStyle") == "solid"


def test_original_url_is_linked_only_when_http(server, page, records):
    open_article(page, server, records[ARTICLES[0]["title"]])
    link = page.locator("article a.original")
    assert link.count() == 1 and link.get_attribute("href") == ARTICLES[0]["url"]
    assert set((link.get_attribute("rel") or "").split()) == {"noopener", "noreferrer"}
    open_article(page, server, records[ARTICLES[1]["title"]])
    assert page.locator("article a.original").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.locator("article .unlinked-url").inner_text() == ARTICLES[1]["url"]


def test_hostile_article_renders_as_text(server, page, records):
    open_article(page, server, records[ARTICLES[1]["title"]])
    assert page.locator("article h1.block-title").inner_text() == ARTICLES[1]["title"]
    body = page.locator("article#article").inner_text()
    assert "<img src=x onerror=" in body and "<script>document.body.innerHTML='owned'</script>" in body
    assert page.evaluate("document.querySelectorAll('script, img, article b, article a[onclick]').length") == 0
    assert page.locator("article#article").is_visible() and page.dialogs == []
    page.screenshot(path=str(ARTIFACTS / "article-hostile.png"), full_page=True)
