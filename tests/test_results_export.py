"""The search workspace over HTTP (FastAPI's TestClient, real SQLite corpus of invented articles): facets as
links that add a filter and chips that remove it, /api/facets, /compare over the results, and the exports
of hits, quotes and claims (CSV injection-safe, attachments, bounded)."""

from __future__ import annotations

import csv
import io
import json
from html import unescape

import pytest
from fastapi.testclient import TestClient

from presslens.store.search import QueryLimits
from presslens.web.app import create_app
from presslens.web.views.export import safe_cell
from presslens.web.workspace import snippet_pieces, url_with
from workspace_corpus import HOSTILE_OUTLET, build


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build(tmp_path_factory.mktemp("workspace") / "corpus.db")
    return TestClient(create_app(db, limits=QueryLimits(max_terms=8)), base_url="http://127.0.0.1")


def test_facet_values_link_to_their_filter_and_chips_remove_it(client):
    html = client.get("/", params={"q": "ceasefire"}).text
    assert 'href="/?q=ceasefire&amp;outlet=North+Star"' in html
    assert 'href="/?q=ceasefire&amp;speaker=Amina+Sow"' in html
    assert 'href="/?q=ceasefire&amp;event_type=AGREE"' in html
    assert 'href="/?q=ceasefire&amp;entity=Cairo"' in html  # a place (list and map point)
    assert 'href="/?q=ceasefire+%22regime%22"' in html  # a loaded word narrows the query
    r = client.get("/", params={"q": "ceasefire", "outlet": "North Star", "offset": "0"})
    assert "2 articles" in r.text
    assert 'class="chip" href="/?q=ceasefire"' in r.text  # removes the outlet, keeps the query


def test_page_draws_histogram_timeline_and_map_points(client):
    html = client.get("/", params={"q": "ceasefire"}).text
    hist = html[html.index('id="histogram"') : html.index("</svg>", html.index('id="histogram"'))]
    assert hist.count('<rect class="bar"') == 3
    assert 'href="/?q=ceasefire&amp;date_from=2024-01-01&amp;date_to=2024-01-31"' in hist
    assert html.count('<circle class="place"') == 3  # Cairo, France, Paris
    assert '/static/world.svg"' in html
    assert 'class="chart timeline"' in html
    assert client.get("/static/world.svg").headers["content-type"].startswith("image/svg+xml")


def test_hostile_outlet_and_a_refused_query_render_as_text(client):
    html = client.get("/", params={"q": "budget"}).text
    assert "<b>Gazette</b>" not in html and "&lt;b&gt;Gazette&lt;/b&gt;" in html
    assert 'id="histogram"' not in html and "No dated match." in html  # the budget article is undated
    r = client.get("/", params={"q": "a b c d e f g h i j"})
    assert r.status_code == 400
    error = r.text[r.text.index('id="query-error"') :].split("</p>")[0]
    assert "8" in error and 'name="q" value="a b c d e f g h i j"' in r.text  # the message beside the box


def test_snippet_pieces_escape_and_sort_order_links():
    assert snippet_pieces("a <b> c", [[2, 5]]) == [("a ", False), ("<b>", True), (" c", False)]
    assert snippet_pieces("abc", [[5, 9], [1, 1]]) == [("abc", False)]
    assert url_with({"q": "x", "offset": "20", "junk": "1"}, sort="date") == "/?q=x&sort=date"
    assert url_with({"q": "x", "sort": "date"}, "/export/hits.csv", sort=None) == "/export/hits.csv?q=x"


def test_api_facets(client):
    r = client.get("/api/facets", params={"q": "ceasefire", "top": 1})
    body = r.json()
    assert r.status_code == 200 and body["total"] == 4 and len(body["outlets"]) == 1
    assert client.get("/api/facets", params={"top": 0}).status_code == 422
    assert client.get("/api/facets", params={"q": "a b c d e f g h i j"}).json()["code"] == "PL050"


def test_compare_these_opens_the_tables_over_the_results(client):
    html = client.get("/", params={"q": "ceasefire"}).text
    assert 'href="/compare?q=ceasefire" id="compare-these"' in html
    r = client.get("/compare", params={"q": "ceasefire", "outlet": "South Wire"})
    assert r.status_code == 200
    assert "2 best-matching articles" in r.text and "Forces to pull back" in r.text
    assert "Cease-fire holds a second day" not in r.text  # North Star is filtered out
    assert 'class="columns"' in r.text


def test_export_hits_quotes_claims_as_csv_and_jsonl(client):
    r = client.get("/export/hits.csv", params={"q": "ceasefire", "sort": "date"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="presslens-hits.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["id"] for x in rows] == ["a4", "a3", "a2", "a1"]  # newest first
    assert rows[0]["url"] == "https://news.invalid/a4"
    quotes = list(csv.DictReader(io.StringIO(client.get("/export/quotes.csv", params={"q": "ceasefire"}).text)))
    assert {q["speaker"] for q in quotes} == {"Amina Sow", "Bo Lind"}
    assert "'=HYPERLINK(1) is not a plan" in [q["content"] for q in quotes]  # formula neutralised
    lines = client.get("/export/quotes.jsonl", params={"q": "ceasefire"}).text.splitlines()
    assert "=HYPERLINK(1) is not a plan" in [json.loads(x)["content"] for x in lines]  # JSON keeps the value
    claims = [json.loads(x) for x in client.get("/export/claims.jsonl", params={"q": "ceasefire"}).text.splitlines()]
    assert [(c["article_id"], c["value"], c["text"]) for c in claims] == [("a1", 12.0, "At least 12 people were killed")]
    hostile = list(csv.DictReader(io.StringIO(client.get("/export/hits.csv", params={"q": "budget"}).text)))
    assert hostile[0]["outlet"] == "'" + HOSTILE_OUTLET
    assert client.get("/export/secrets.csv").status_code == 404
    assert client.get("/export/hits.xlsx").status_code == 404
    assert client.get("/export/hits.csv", params={"q": "a b c d e f g h i j"}).status_code == 400


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_prefixes_formula_starts(cell):
    assert safe_cell(cell) == "'" + cell and safe_cell(3) == 3 and unescape(safe_cell("ok")) == "ok"
