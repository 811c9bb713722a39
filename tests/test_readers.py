"""read_inputs: the acceptance cases of issue 2 (sections 2 and 6), folders, standard input, and the rule
that every input yields a record and nothing raises."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from presslens.readers import ReadOptions, raw_article, read_inputs

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"
BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc"


def codes(article: dict) -> list[str]:
    return [e["code"] for e in article["errors"]]


def test_issue2_empty_binary_cp1252_give_three_records() -> None:
    """Issue 2 acceptance: an empty file, a binary file and a cp1252 file in one call give three records,
    the first two with errors, the third decoded."""
    inputs = [str(READERS / "empty.txt"), str(READERS / "binary.dat"), str(READERS / "windows-1252.txt")]
    articles = list(read_inputs(inputs))
    assert len(articles) == 3, articles
    empty, binary, cp1252 = articles
    assert empty["text"] is None and codes(empty) == ["PL002"]
    assert binary["text"] is None and codes(binary) == ["PL003"]
    assert cp1252["errors"] == []
    assert cp1252["text"].startswith("Museum \u201creopens\u201d after \u20ac 2m repairs")
    assert "caf\u00e9" in cp1252["text"]


def test_issue2_html_gives_body_alone_and_meta_date() -> None:
    """Issue 2 acceptance: a page with navigation, footer, cookie banner, share bar and scripts gives the
    body alone and the date from its meta."""
    [page] = read_inputs([str(READERS / "article.html")])
    text = page["text"]
    assert page["source"]["format"] == "html"
    assert page["published"] == "2023-03-14T09:30+01:00"
    assert text.startswith("The town of Saltmere opened a library")
    assert text.endswith("will open in the summer.")
    for boilerplate in ("Home", "Weather", "cookies", "Share on", "Copyright", "Privacy", "Most read",
                        "Storm closes", "TRACKING-SCRIPT-TEXT", "INLINE-SCRIPT-TEXT", "STYLE-TEXT", "steal()", "onclick"):
        assert boilerplate not in text, boilerplate


def test_issue2_rss_feed_of_two_items_gives_two_records() -> None:
    articles = list(read_inputs([str(READERS / "feed.rss")]))
    assert [a["title"] for a in articles] == ["Bridge reopens after flood repairs", "Council votes to keep night buses"]
    assert all(a["text"] and a["source"]["format"] == "rss" for a in articles)


def test_format_is_chosen_by_content_not_name(tmp_path: Path) -> None:
    disguised = {
        "page.txt": "article.html",
        "feed.html": "feed.rss",
        "news.xml": "articles.jsonl",
        "story.json": "windows-1252.txt",
        "archive.tar": "story.gz",
    }
    for name, fixture in disguised.items():
        shutil.copy(READERS / fixture, tmp_path / name)
    found = {Path(a["source"]["path"]).name: a["source"]["format"] for a in read_inputs([str(tmp_path)])}
    assert found == {"archive.tar": "text", "feed.html": "rss", "news.xml": "jsonl", "page.txt": "html", "story.json": "text"}


def test_folder_is_read_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("First story\n\nBody one.")
    (tmp_path / "b" / "c" / "d.txt").write_text("Deep story\n\nBody two.")
    (tmp_path / ".hidden").write_text("not news")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]")
    paths = [Path(a["source"]["path"]).relative_to(tmp_path).as_posix() for a in read_inputs([str(tmp_path)])]
    assert paths == ["a.txt", "b/c/d.txt"]


def test_empty_folder_and_missing_path_still_yield_records(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    empty, missing = read_inputs([str(tmp_path / "empty"), str(tmp_path / "nope.txt")])
    assert codes(empty) == ["PL002"]
    assert codes(missing) == ["PL001"] and "nope.txt" in missing["errors"][0]["message"]


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"date 2021-05-22 A headline\nBody text.\n"
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))
    [article] = read_inputs(["-"])
    assert article["source"] == {"path": "-", "format": "text"}
    assert article["text"] == "date 2021-05-22 A headline\nBody text.\n"


def test_per_article_cap_drops_text_with_pl004() -> None:
    [article] = read_inputs([str(READERS / "windows-1252.txt")], ReadOptions(max_chars=50))
    assert article["text"] is None and codes(article) == ["PL004"]


def test_per_file_byte_cap_gives_pl030(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    [article] = read_inputs([str(big)], ReadOptions(max_bytes=1000))
    assert article["text"] is None and codes(article) == ["PL030"]


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    import gzip

    bomb = tmp_path / "bomb"
    bomb.write_bytes(gzip.compress(b"a " * 5_000_000))
    [article] = read_inputs([str(bomb)], ReadOptions(max_bytes=100_000))
    assert codes(article) == ["PL030"]


def test_unexpected_reader_failure_becomes_pl032(monkeypatch: pytest.MonkeyPatch) -> None:
    import presslens.readers.dispatch as dispatch

    def explode(text: str, source: dict) -> dict:
        raise RuntimeError("boom")

    monkeypatch.setattr(dispatch, "read_text", explode)
    articles = list(read_inputs([str(READERS / "windows-1252.txt"), str(READERS / "empty.txt")]))
    assert [codes(a) for a in articles] == [["PL032"], ["PL002"]]
    assert "boom" in articles[0]["errors"][0]["message"]


def test_hostile_inputs_never_raise(tmp_path: Path) -> None:
    hostile = {
        "deep.html": "<html><body>" + "<div>" * 5000 + "deep text" + "</div>" * 5000 + "</body></html>",
        "script-only.html": "<html><head><script>alert(1)</script></head><body onload='x()'><script>evil()</script></body></html>",
        "broken.xml": "<?xml version='1.0'?><rss><channel><item><title>x</ti",
        "itemless.xml": "<?xml version='1.0'?><rss><channel><title>Gazette</title",
        "lonely.json": "{\"text\": ",
        "truncated.gz": None,
        "nul.txt": "text\x00with nul",
        "bom16.txt": None,
    }
    for name, content in hostile.items():
        if content is not None:
            (tmp_path / name).write_bytes(content.encode("utf-8"))
    import gzip

    words = " ".join(f"word{i * 7919 % 10007}" for i in range(3000))
    compressed = gzip.compress(("Story\n\n" + words).encode())
    (tmp_path / "truncated.gz").write_bytes(compressed[: len(compressed) // 2])
    (tmp_path / "bom16.txt").write_bytes("\ufeffUTF-16 story\n\nBody.".encode("utf-16-le"))
    articles = {Path(a["source"]["path"]).name: a for a in read_inputs([str(tmp_path)])}
    assert set(articles) == set(hostile)
    assert "PL003" in codes(articles["nul.txt"])
    assert articles["script-only.html"]["text"] is None and "PL007" in codes(articles["script-only.html"])
    assert articles["broken.xml"]["text"] is None and "PL013" in codes(articles["broken.xml"])
    assert "PL008" in codes(articles["itemless.xml"])
    assert "PL014" in codes(articles["truncated.gz"]) and articles["truncated.gz"]["text"].startswith("Story")
    assert articles["bom16.txt"]["text"] == "UTF-16 story\n\nBody."


def test_raw_article_has_every_key() -> None:
    article = raw_article({"path": "x", "format": "text"}, "body", title="T")
    assert set(article) == {"source", "text", "html", "title", "outlet", "published", "byline", "errors"}
    assert article["title"] == "T" and article["errors"] == []


@pytest.mark.shared
@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc is absent (a fresh clone has no shared data)")
def test_bbc_corpus_reads_as_text_without_errors() -> None:
    articles = list(read_inputs([str(BBC)]))
    assert len(articles) == 2225
    assert {a["source"]["format"] for a in articles} == {"text"}
    assert [a["source"]["path"] for a in articles if a["errors"]] == []
    mutu = next(a for a in articles if a["source"]["path"].endswith("sport/199.txt"))
    assert "\u00a315.8m" in mutu["text"]  # the one Latin-1 byte, read as a pound sign


def test_special_files_in_folders_and_devices_are_refused_unopened(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "story.txt").write_text("Story\n\nBody.")
    pipe, story = read_inputs([str(tmp_path)])
    assert Path(pipe["source"]["path"]).name == "pipe" and codes(pipe) == ["PL033"]
    assert story["text"] == "Story\n\nBody." and story["errors"] == []
    [zero] = read_inputs(["/dev/zero"], ReadOptions(max_bytes=10_000))
    assert codes(zero) == ["PL033"] and "character device" in zero["errors"][0]["message"]
