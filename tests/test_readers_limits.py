"""Input limits of issue 13: the most items taken from one feed or WARC (PL036), pages too large for
main-text extraction read block by block (PL037) and still capped by --max-chars (PL004)."""

from __future__ import annotations

import io
from pathlib import Path

from presslens.readers import DEFAULT_MAX_ITEMS, ReadOptions, read_inputs
from presslens.readers.base import DEFAULT_FEED_ITEMS


def codes(article: dict) -> list[str]:
    return [e["code"] for e in article["errors"]]


def atom(items: int) -> str:
    entries = "".join(
        f"<entry><title>Item {i}</title><link href='https://example.org/{i}'/><id>urn:{i}</id>"
        f"<updated>2021-05-0{i % 9 + 1}T10:00:00Z</updated><content type='html'>&lt;p&gt;Body of item {i}.&lt;/p&gt;</content></entry>"
        for i in range(items)
    )
    return f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Gazette</title>{entries}</feed>"


def test_feed_items_past_the_cap_are_skipped_with_pl036(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(atom(12))
    articles = list(read_inputs([str(path)], ReadOptions(max_items=5)))
    assert [a["title"] for a in articles[:5]] == [f"Item {i}" for i in range(5)]
    assert len(articles) == 6 and articles[-1]["text"] is None and codes(articles[-1]) == ["PL036"]
    assert "first 5 were read" in articles[-1]["errors"][0]["message"] and "--max-items" in articles[-1]["errors"][0]["message"]
    assert len(list(read_inputs([str(path)], ReadOptions(max_items=12)))) == 12  # at the cap: nothing said
    assert DEFAULT_MAX_ITEMS >= 1000
    big = tmp_path / "big.xml"
    big.write_text(atom(DEFAULT_FEED_ITEMS + 3))
    unset = list(read_inputs([str(big)], ReadOptions(max_items=None)))  # the default for a feed
    assert len(unset) == DEFAULT_FEED_ITEMS + 1 and codes(unset[-1]) == ["PL036"]


def test_feed_parser_gets_only_the_items_a_run_takes() -> None:
    from presslens.readers.feeds import first_items, read_feed

    feed = atom(40)
    cut = first_items(feed, 5)
    assert "Item 5<" in cut and "Item 6<" not in cut and cut.endswith("</feed>")  # the cap, one more, the closing tag
    assert [a["title"] for a in read_feed(feed, {"path": "f.xml"}, most=5)] == [f"Item {i}" for i in range(6)]
    assert next(iter(read_feed(feed, {"path": "f.xml"}, most=5)))["outlet"] == "Gazette"
    rss = "<rss version='2.0'><channel><title>Post</title>" + "".join(f"<item><title>N{i}</title><description>Body {i}.</description></item>" for i in range(9)) + "</channel></rss>"
    assert [a["title"] for a in read_feed(rss, {"path": "r.xml"}, most=2)] == ["N0", "N1", "N2"]
    assert first_items(rss, 8) == rss and first_items(rss, 20) == rss  # nothing past the cap: the text as it is


def test_warc_records_past_the_cap_are_skipped_with_pl036(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    for i in range(4):
        body = f"<html><head><title>Page {i}</title></head><body><article><p>{'Text of the page. ' * 20}{i}</p></article></body></html>".encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/" + str(i) + "\r\n"
            "WARC-Record-ID: <urn:uuid:0000000" + str(i) + "-0000-0000-0000-000000000000>\r\n"
            "WARC-Date: 2021-05-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            "Content-Length: " + str(len(http)) + "\r\n\r\n"
        ).encode()
        buffer.write(head + http + b"\r\n\r\n")
    path = tmp_path / "pages.warc"
    path.write_bytes(buffer.getvalue())
    articles = list(read_inputs([str(path)], ReadOptions(max_items=3)))
    assert [codes(a) for a in articles] == [[], [], [], ["PL036"]]
    assert len(list(read_inputs([str(path)]))) == 4


def test_page_with_too_many_tags_is_read_block_by_block_with_pl037(tmp_path: Path) -> None:
    from presslens.readers.html import MAX_TAGS

    paragraphs = MAX_TAGS // 2 + 10
    page = "<html><head><title>Long page</title></head><body><nav>Menu</nav>" + "<p>A paragraph.</p>" * paragraphs + "</body></html>"
    path = tmp_path / "long.html"
    path.write_text(page)
    [article] = read_inputs([str(path)], ReadOptions(max_chars=10_000_000))
    assert codes(article) == ["PL037"] and article["title"] == "Long page"
    assert article["text"].count("A paragraph.") == paragraphs and "Menu" not in article["text"]
    [capped] = read_inputs([str(path)], ReadOptions(max_chars=5_000))
    assert capped["text"] is None and codes(capped) == ["PL037", "PL004"]
