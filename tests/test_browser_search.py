"""The search workspace in a real browser (Playwright driving /usr/bin/chromium against a live uvicorn on
127.0.0.1, over a real SQLite corpus of invented articles built in the test): facets filter when clicked and
chips remove them, the map draws its points over the shipped outline, the CSV export downloads, sort changes
the order, no request leaves 127.0.0.1, and a hostile title renders as text."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from live_server import browser_page, live_server
from workspace_corpus import HOSTILE_TITLE, build

ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with live_server(build(tmp_path_factory.mktemp("browser-search") / "corpus.db")) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    with browser_page() as pg:
        pg.requests = []  # type: ignore[attr-defined]
        pg.dialogs = []  # type: ignore[attr-defined]
        pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        pg.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname == "127.0.0.1"
                 else route.abort())
        yield pg
        hosts = {urlparse(u).hostname for u in pg.requests}  # type: ignore[attr-defined]
        assert hosts == {"127.0.0.1"}, hosts


def titles(page):
    return page.locator("li.hit a.hit-title").all_inner_texts()


def test_facets_filter_when_clicked_and_chips_remove_the_filter(server, page):
    page.goto(server + "/?q=ceasefire")
    assert len(titles(page)) == 4
    page.click("#facet-outlet a[data-value='South Wire']")
    page.wait_for_selector("#active-filters a.chip")
    assert "outlet=South+Wire" in page.url
    assert sorted(titles(page)) == ["A year on in Cairo", "Forces to pull back"]
    assert page.locator("#facet-outlet li").count() == 1
    page.click("#facet-speaker a[data-value='Bo Lind']")
    page.wait_for_url("**speaker=Bo+Lind**")
    assert titles(page) == ["Forces to pull back"]
    page.click("#active-filters a.chip >> text=outlet")
    page.wait_for_load_state()
    assert "outlet=" not in page.url and "speaker=Bo+Lind" in page.url
    assert titles(page) == ["Forces to pull back"]


def test_the_map_draws_points_over_the_shipped_outline(server, page):
    page.goto(server + "/?q=ceasefire")
    points = page.locator("svg#worldmap circle.place")
    assert points.count() == 3
    box = page.locator("svg#worldmap").bounding_box()
    for i in range(3):
        p = points.nth(i).bounding_box()
        assert p and box and p["width"] > 2 and box["x"] <= p["x"] <= box["x"] + box["width"]
    assert any(u.endswith("/static/world.svg") for u in page.requests)  # type: ignore[attr-defined]
    assert page.request.get(server + "/static/world.svg").ok
    page.locator("svg#worldmap a:has(circle.place:has(title:text('Paris')))").click()
    page.wait_for_url("**entity=Paris**")
    assert titles(page) == ["Forces to pull back"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/?q=ceasefire")
    page.screenshot(path=str(ARTIFACTS / "search-workspace.png"), full_page=True)


def test_the_date_histogram_filters_by_its_bin(server, page):
    page.goto(server + "/?q=ceasefire")
    page.locator("svg#histogram a").first.click()
    page.wait_for_url("**date_to=2024-01-31**")
    assert sorted(titles(page)) == ["Cease-fire holds a second day", "Ceasefire talks open in Cairo"]


def test_csv_export_downloads(server, page):
    page.goto(server + "/?q=ceasefire")
    with page.expect_download() as info:
        page.click("a.export >> text=hits.csv")
    download = info.value
    assert download.suggested_filename == "presslens-hits.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("id,title,outlet,published") and len(text.splitlines()) == 5
    with page.expect_download() as info:
        page.click("a.export >> text=quotes.csv")
    assert "'=HYPERLINK(1) is not a plan" in Path(info.value.path()).read_text(encoding="utf-8")


def test_sort_changes_the_order(server, page):
    page.goto(server + "/?q=ceasefire")
    best = titles(page)
    # the two with the word in their title rank first, whichever spelling (folded: cease-fire is ceasefire)
    assert set(best[:2]) == {"Ceasefire talks open in Cairo", "Cease-fire holds a second day"}
    page.click("#sort-date")
    page.wait_for_url("**sort=date**")
    newest = titles(page)
    assert newest == ["A year on in Cairo", "Forces to pull back", "Cease-fire holds a second day",
                      "Ceasefire talks open in Cairo"]
    assert page.locator("select[name=sort]").input_value() == "date"
    page.click("#sort-relevance")
    page.wait_for_load_state()
    assert titles(page) == best


def test_compare_these_opens_the_compare_tables(server, page):
    page.goto(server + "/?q=ceasefire")
    page.click("#compare-these")
    page.wait_for_selector("section.columns")
    assert page.locator("section.columns .column").count() == 2


def test_a_hostile_title_renders_as_text(server, page):
    page.goto(server + "/?q=budget")
    assert titles(page) == [HOSTILE_TITLE]
    assert page.evaluate("document.querySelectorAll('script, img, li.hit b').length") == 0
    assert "<b>Gazette</b>" in page.locator("#facet-outlet").inner_text()
    assert page.dialogs == []  # type: ignore[attr-defined]
