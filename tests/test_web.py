"""The web UI and API (web/app.py, views/, annotate.py, charts.py) with FastAPI's TestClient on a real corpus file."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from corpus_articles import shared_corpus
from presslens.errors import PresslensError
from presslens.web.annotate import Mark, pieces
from presslens.web.app import CSP, create_app


def test_pieces_cut_overlapping_marks():
    text = "He said the regime lies."
    marks = [Mark(8, 24, ["quote"], "q", anchor="q-1"), Mark(12, 18, ["frame"], "f")]
    marks.append(Mark(8, 12, ["quote"], "q2", anchor="q-2"))
    got = [(p.text, p.css, p.anchors) for p in pieces(text, 0, len(text), marks)]
    assert got == [
        ("He said ", "", []), ("the ", "quote", ["q-1", "q-2"]), ("regime", "quote frame", []), (" lies.", "quote", []),
    ]


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(shared_corpus()), base_url="http://127.0.0.1")


def article_id(client, query):
    return client.get("/api/search", params={"q": query}).json()["hits"][0]["id"]


def test_missing_database_fails_at_start(tmp_path):
    with pytest.raises(PresslensError):
        create_app(tmp_path / "none.db")


@pytest.mark.model
def test_index_lists_and_searches_with_security_headers(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP and "script-src 'none'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "13 articles" in r.text
    r = client.get("/", params={"q": "floods", "outlet": "Daily Ledger"})
    results = r.text[r.text.index('<section class="results"') : r.text.index("</section>")]
    assert r.status_code == 200 and "Floods kill at least 12 in northern Portugal" in results
    assert "Portugal floods leave at least 12 dead" not in results
    assert "<script" not in r.text and "cdn" not in r.text.lower()


@pytest.mark.model
def test_article_page_highlights_and_panels(client):
    aid = article_id(client, '"every village"')
    r = client.get(f"/article/{aid}")
    assert r.status_code == 200
    html = r.text
    assert '<a class="anchor" id="q-QT1"></a>' in html
    after = html[html.index('id="q-QT1"></a>') :]
    quote = re.search(r'<span class="quote (sp\d)[^"]*" title="([^"]*)">', after)
    assert quote, after[:500]
    assert "speaker Ana Ribeiro" in quote.group(2) and "cue told" in quote.group(2)
    assert 'class="cue"' in html and f'class="speaker {quote.group(1)}"' in html
    assert re.search(r'class="[^"]*claim[^"]*" title="[^"]*Figure: killed at least 15 people; source Ana Ribeiro', html)
    assert re.search(r'<span class="[^"]*\bdate\b[^"]*" title="[^"]*Date: 2024-03-02', html)
    assert re.search(r'<span class="[^"]*voice-reported[^"]*" title="[^"]*voice reported', html)
    assert 'class="ent ent-PERSON"' in html
    assert re.search(r'<a class="anchor" id="e-VT1"></a><span class="[^"]*\bevent\b[^"]*" title="[^"]*Event: REQUEST; actor Rui[^"]*">demanded</span><small class="ev-tag">REQUEST</small>', html)
    assert '<a href="#e-VT1"><b class="ev-label">REQUEST</b>' in html
    assert 'id="quotes-panel"' in html and "We reached every village within six hours" in html
    assert re.search(r'href="/entity/e[0-9a-f]{12}">Ana Ribeiro</a>', html)


@pytest.mark.model
def test_hostile_markup_is_escaped(client):
    aid = article_id(client, "council budget")
    html = client.get(f"/article/{aid}").text
    assert "<script" not in html and "<img" not in html and "<b>bold" not in html and "<a href=\"javascript" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
    r = client.get("/", params={"q": "council"})
    assert "<script" not in r.text and "&lt;script&gt;" in r.text
    r = client.get("/", params={"q": '<script>alert(1)</script>"'})
    assert r.status_code == 200 and "<script>alert(1)" not in r.text


@pytest.mark.model
def test_entity_story_and_stories_pages(client):
    ent = client.get("/api/search", params={"q": '"every village"'}).json()["hits"][0]["id"]
    html = client.get(f"/article/{ent}").text
    eid = re.search(r'href="/entity/(e[0-9a-f]{12})">Ana Ribeiro</a>', html).group(1)
    r = client.get(f"/entity/{eid}")
    assert r.status_code == 200 and "What Ana Ribeiro said" in r.text and "<svg" in r.text
    data = client.get(f"/api/entities/{eid}").json()
    assert data["name"] == "Ana Ribeiro" and any(q["local_id"] == "QT1" for q in data["quotes"])
    # the quote both flood wires carried is one item, with both outlets and both links, its cue on its line
    [worst] = [g for g in data["said"] if "worst flooding" in g["content_text"]]
    assert worst["outlets"] == ["Coastal Wire", "Daily Ledger"] and len(worst["carried"]) == 2
    assert sum("worst flooding" in q["content_text"] for q in data["quotes"]) == 2
    said = r.text[r.text.index('<ol class="said">') :]
    assert said.count("This is the worst flooding") == 1 and "In 2 outlets: Coastal Wire · Daily Ledger" in said
    assert re.search(r"<blockquote>This is the worst flooding[^<]*<span class=\"cue-text\">— told</span></blockquote>", said)
    stories = client.get("/api/stories").json()
    assert stories
    r = client.get(f"/story/{stories[0]['id']}")
    assert r.status_code == 200 and r.text.count('class="column"') == stories[0]["n_outlets"]
    assert "<svg" in r.text
    assert client.get("/stories").status_code == 200


@pytest.mark.model
def test_api_mirrors_pages_and_has_openapi(client):
    r = client.get("/api/search", params={"q": "floods", "limit": 2})
    body = r.json()
    assert r.status_code == 200 and body["total"] >= 3 and len(body["hits"]) == 2
    aid = body["hits"][0]["id"]
    rec = client.get(f"/api/articles/{aid}").json()
    assert rec["record"]["id"] == aid and rec["record"]["schema"] == "presslens.record/1"
    spec = client.get("/api/openapi.json").json()
    assert {"/api/search", "/api/articles/{article_id}", "/api/entities/{entity_id}", "/api/stories/{story_id}"} <= set(
        spec["paths"]
    )
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/article/nope").status_code == 404
    assert client.get("/api/compare", params={"story": "s000"}).status_code == 404


@pytest.mark.model
def test_the_app_does_not_write_the_database(client):
    path = shared_corpus()
    before = path.read_bytes()
    for url in ("/", "/?q=floods", "/stories", "/api/search?q=Lisbon"):
        client.get(url)
    assert path.read_bytes() == before
