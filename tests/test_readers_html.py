"""readers.html: main text, metadata and block kinds from HTML pages; boilerplate never reaches the text."""

from __future__ import annotations

from pathlib import Path

from presslens.readers import read_inputs
from presslens.readers.html import fragment_parts, parse_html, published_from_meta, read_html

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"
BODY = "".join(
    f"<p>Paragraph {i} of the story about the new tram line, which the city council approved on Monday after a long debate.</p>"
    for i in range(1, 5)
)


def page(head: str = "", body: str = BODY) -> str:
    return f"<html><head><title>Tram line approved</title>{head}</head><body><article><h1>Tram line approved</h1>{body}</article></body></html>"


def test_fixture_metadata() -> None:
    article = read_html((READERS / "article.html").read_text(), {"path": "article.html"})
    assert article["title"] == "Harbour town opens floating library"
    assert article["outlet"] == "The Coastal Courier"
    assert article["byline"] == "Mara Lindqvist"
    assert article["published"] == "2023-03-14T09:30+01:00"
    assert article["html"] is None and article["errors"] == []


def test_fixture_parts_keep_heading_and_caption_and_join_to_text() -> None:
    article = read_html((READERS / "article.html").read_text(), {"path": "article.html"})
    parts = article["meta"]["parts"]  # type: ignore[typeddict-item]
    assert "\n\n".join(p["text"] for p in parts) == article["text"]
    kinds = [p["kind"] for p in parts]
    assert kinds == ["paragraph", "paragraph", "caption", "heading", "paragraph", "paragraph", "paragraph"]
    assert parts[2]["text"] == "The Paper Tide moored at Saltmere quay before its first voyage."
    assert parts[3]["text"] == "Funding from the fishing levy"
    assert "Harbour town opens floating library" not in article["text"]  # the title is not body text
    assert "By Mara Lindqvist" not in article["text"]


def test_boilerplate_inside_the_article_is_pruned() -> None:
    body = (
        '<div class="social-share">Share this story on Facebook, X and WhatsApp</div>'
        + BODY
        + '<div id="newsletter-signup">Sign up for our morning newsletter</div>'
        + '<div class="cookie-notice">This site uses cookies.</div>'
        + "<script>var leaked = 'SCRIPT-BODY';</script><p onclick=\"evil()\">Final paragraph with a handler attribute, which is plain text here.</p>"
    )
    text = read_html(page(body=body), {"path": "p.html"})["text"]
    assert text.startswith("Paragraph 1 of the story")
    for junk in ("Share this story", "newsletter", "cookies", "SCRIPT-BODY", "evil"):
        assert junk not in text
    assert text.endswith("plain text here.")


def test_a_wrapper_that_mentions_social_keeps_the_article() -> None:
    body = f'<div class="content social-enabled">{BODY}</div>'
    text = read_html(page(body=body), {"path": "p.html"})["text"]
    assert text.count("Paragraph") == 4


def test_published_from_json_ld_and_time() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-11-03T16:20:00Z"}</script>'
    assert read_html(page(head=ld), {"path": "p"})["published"] == "2022-11-03T16:20+00:00"
    tree = parse_html(page(body='<time itemprop="datePublished" datetime="2022-11-04">4 Nov</time>' + BODY))
    assert published_from_meta(tree) == "2022-11-04"


def test_htmldate_fallback_finds_a_date_without_meta() -> None:
    body = '<p class="date">Published: 7 June 2019</p>' + BODY
    article = read_html(page(body=body), {"path": "p"}, url="https://news.example/2019/06/07/tram-line")
    assert article["published"] == "2019-06-07"


def test_no_main_text_is_pl007_with_title_kept() -> None:
    article = read_html("<html><head><title>Front page</title></head><body><nav>Home | News</nav></body></html>", {"path": "f.html"})
    assert article["text"] is None
    assert [e["code"] for e in article["errors"]] == ["PL007"]
    assert article["title"] == "Front page"


def test_declared_charset_page_through_read_inputs(tmp_path: Path) -> None:
    markup = page(head='<meta charset="windows-1251">', body="<p>\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u043e\u0442\u043a\u0440\u044b\u043b \u043d\u043e\u0432\u0443\u044e \u0431\u0438\u0431\u043b\u0438\u043e\u0442\u0435\u043a\u0443 \u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a.</p>" * 3)
    (tmp_path / "ru.html").write_bytes(markup.encode("cp1251"))
    [article] = read_inputs([str(tmp_path / "ru.html")])
    assert "\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430" in article["text"]


def test_fragment_parts() -> None:
    parts = fragment_parts(
        "<p>One <b>bold</b> word.</p><h3>Sub</h3>Loose text<br>after a break"
        "<script>x()</script><figure><img src=a.jpg><figcaption>A caption</figcaption></figure><ul><li>Item</li></ul>"
    )
    assert parts == [
        {"kind": "paragraph", "text": "One bold word."},
        {"kind": "heading", "text": "Sub"},
        {"kind": "paragraph", "text": "Loose text"},
        {"kind": "paragraph", "text": "after a break"},
        {"kind": "caption", "text": "A caption"},
        {"kind": "paragraph", "text": "Item"},
    ]
    assert fragment_parts("") == []


def test_line_breaks_do_not_glue_words_and_hidden_text_is_dropped() -> None:
    body = BODY.replace("approved on Monday", "approved<br>on Monday") + (
        "<div style='display: none'>HIDDEN-STYLE injected text for machines only</div>"
        "<p hidden>HIDDEN-ATTRIBUTE paragraph</p><!-- COMMENT-TEXT -->"
    )
    text = read_html(page(body=body), {"path": "p"})["text"]
    assert "approved on Monday" in text and "approvedon" not in text
    for hidden in ("HIDDEN-STYLE", "HIDDEN-ATTRIBUTE", "COMMENT-TEXT"):
        assert hidden not in text


def test_caption_of_a_lazy_loaded_image() -> None:
    body = BODY + "<figure><picture><img data-src='lazy.jpg'></picture><figcaption>The mayor at the tram depot.</figcaption></figure>" + BODY
    parts = read_html(page(body=body), {"path": "p"})["meta"]["parts"]  # type: ignore[typeddict-item]
    assert {"kind": "caption", "text": "The mayor at the tram depot."} in parts


def test_fallbacks_when_trafilatura_finds_nothing() -> None:
    bare = "<html><body><nav>Home | News</nav>Bare body text, no paragraph tags, about the harbour reopening on Monday.<footer>(c) 2024</footer></body></html>"
    assert read_html(bare, {"path": "p"})["text"] == "Bare body text, no paragraph tags, about the harbour reopening on Monday."
    ld = '{"@type": "NewsArticle", "articleBody": "The harbour reopened on Monday.\\n\\nShips were \\"delighted\\", said the harbour master."}'
    app = f'<html><head><script type="application/ld+json">{ld}</script></head><body><div id="app"></div></body></html>'
    assert read_html(app, {"path": "p"})["text"] == 'The harbour reopened on Monday.\n\nShips were "delighted", said the harbour master.'
