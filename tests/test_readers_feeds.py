"""readers.feeds: RSS and Atom, one article per item."""

from __future__ import annotations

from pathlib import Path

from presslens.readers.feeds import read_feed

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"


def test_rss_items() -> None:
    first, second = read_feed((READERS / "feed.rss").read_text(), {"path": "feed.rss"})
    assert first["source"] == {"path": "feed.rss", "format": "rss", "item": "1", "url": "https://gazette.example/2024/04/bridge-reopens"}
    assert first["outlet"] == "Valley Gazette"
    assert first["published"] == "2024-04-09T07:45+02:00"
    assert first["byline"] == "Tomas Reyes"
    # content:encoded wins over the shorter description; its HTML becomes paragraphs, scripts dropped
    assert first["text"] == (
        "The Orrin bridge reopened to traffic on Monday, six months after floods washed away part of its eastern span."
        "\n\nCost of the work\n\nEngineers from the regional roads agency said the repairs cost 3.4 million euros."
    )
    assert [p["kind"] for p in first["meta"]["parts"]] == ["paragraph", "heading", "paragraph"]  # type: ignore[typeddict-item]
    assert second["byline"] == "Lena Ortiz"  # RSS <author>email (Name)</author>
    assert second["published"] == "2024-04-10T18:00+00:00"
    assert second["text"].split("\n\n")[1] == "Mayor Pia Lund said the buses carried 80,000 passengers last year."


def test_atom_entry() -> None:
    [entry] = read_feed((READERS / "feed.atom").read_text(), {"path": "feed.atom"})
    assert entry["title"] == "Ferry strike ends after pay deal"
    assert entry["outlet"] == "Northern Ledger"
    assert entry["source"]["url"] == "https://ledger.example/news/ferry-strike-ends"
    assert entry["published"] == "2024-05-02T09:15+01:00"  # published, not updated
    assert entry["byline"] == "Ola Berg"
    assert entry["text"].startswith("Ferry crews on the northern routes") and entry["text"].count("\n\n") == 1


def test_feed_fetched_from_a_url_keeps_the_feed_address() -> None:
    [entry] = read_feed((READERS / "feed.atom").read_text(), {"url": "https://ledger.example/feed"})
    assert entry["source"]["feed"] == "https://ledger.example/feed"
    assert entry["source"]["url"] == "https://ledger.example/news/ferry-strike-ends"


def test_feed_without_items_is_pl008() -> None:
    [article] = read_feed('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>', {"path": "e.xml"})
    assert article["text"] is None and article["outlet"] == "Empty"
    assert [e["code"] for e in article["errors"]] == ["PL008"]


def test_item_without_text_is_pl013_and_others_go_through() -> None:
    feed = (
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>Only a title</title></item>"
        "<item><title>Full</title><description>Plain summary text.\n\nSecond paragraph.</description></item>"
        "</channel></rss>"
    )
    empty, full = read_feed(feed, {"path": "f.xml"})
    assert empty["text"] is None and [e["code"] for e in empty["errors"]] == ["PL013"]
    assert full["text"] == "Plain summary text.\n\nSecond paragraph."


def test_declared_non_utf8_prolog_is_not_misread() -> None:
    feed = '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Caf\u00e9 News</title><item><title>\u201cQuoted\u201d</title><description>\u20ac5 levy</description></item></channel></rss>'
    [item] = read_feed(feed, {"path": "f.xml"})
    assert item["outlet"] == "Caf\u00e9 News" and item["title"] == "\u201cQuoted\u201d" and item["text"] == "\u20ac5 levy"


def test_entity_expansion_bomb_is_not_expanded() -> None:
    import time

    from presslens.readers.feeds import read_feed

    levels = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 7))  # 10^6 "lol": under expat's own amplification guard
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{levels}]>'
        "<rss version='2.0'><channel><title>Gazette</title><item><title>Item</title>"
        "<description>Body &lol6; of the item.</description></item></channel></rss>"
    )
    start = time.perf_counter()
    [item] = list(read_feed(bomb, {"path": "bomb.xml"}))
    assert time.perf_counter() - start < 2
    assert item["title"] == "Item" and len(item["text"] or "") < 1000
