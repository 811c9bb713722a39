"""readers.jsonl: one article object a line; a bad line fails alone."""

from __future__ import annotations

from pathlib import Path

from presslens.readers.jsonl import read_jsonl

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"


def codes(article: dict) -> list[str]:
    return [e["code"] for e in article["errors"]]


def test_fixture_with_one_bad_line() -> None:
    first, bad, third = read_jsonl((READERS / "articles.jsonl").read_text(), {"path": "a.jsonl"})
    assert first["source"] == {"path": "a.jsonl", "line": "1", "format": "jsonl", "url": "https://coastwire.example/wind-farm"}
    assert first["title"] == "Wind farm approved off the cape"
    assert first["outlet"] == "Coast Wire" and first["byline"] == "Ines Kaur"
    assert first["published"] == "2024-02-12T11:05+00:00"
    assert first["text"].endswith("Construction is due to start next spring.")
    assert bad["text"] is None and codes(bad) == ["PL006"] and "line 2" in bad["errors"][0]["message"]
    assert bad["source"]["line"] == "2"
    assert third["title"] == "School library opens" and third["errors"] == []


def test_line_numbers_count_blank_lines_and_objects_are_checked() -> None:
    text = '{"text": "one"}\n\n[1, 2]\n{"title": "no text"}\n{"text": 5}\n{"text": "   "}\n'
    articles = list(read_jsonl(text, {"path": "x.jsonl"}))
    assert [a["source"]["line"] for a in articles] == ["1", "3", "4", "5", "6"]
    assert [codes(a) for a in articles] == [[], ["PL006"], ["PL006"], ["PL006"], ["PL013"]]
    assert articles[2]["title"] == "no text"  # what the line did carry is kept


def test_aliases_and_author_lists() -> None:
    line = '{"headline": "H", "content": "Body.", "link": "https://x.example/a", "date": "2020-01-02", "source": {"name": "Wire"}, "authors": [{"name": "A One"}, "B Two"]}'
    [article] = read_jsonl(line, {"path": "x"})
    assert (article["title"], article["text"], article["source"]["url"]) == ("H", "Body.", "https://x.example/a")
    assert (article["published"], article["outlet"], article["byline"]) == ("2020-01-02", "Wire", "A One, B Two")


def test_html_field_is_read_as_a_page() -> None:
    paragraph = "<p>The port handled a record number of containers last year, its operator said on Tuesday.</p>"
    line = '{"html": "<html><body><article>' + paragraph * 3 + '</article></body></html>", "title": "Port record"}'
    [article] = read_jsonl(line, {"path": "x"})
    assert article["source"]["format"] == "jsonl" and article["title"] == "Port record"
    assert article["text"].startswith("The port handled")


def test_json_document_with_a_list_or_pretty_object() -> None:
    items = list(read_jsonl('[{"text": "a"}, {"text": "b"}]', {"path": "x"}))
    assert [(a["text"], a["source"]["item"]) for a in items] == [("a", "1"), ("b", "2")]
    [pretty] = read_jsonl('{\n  "text": "pretty",\n  "title": "P"\n}\n', {"path": "x"})
    assert pretty["text"] == "pretty" and pretty["title"] == "P"


def test_unparseable_date_is_dropped() -> None:
    [article] = read_jsonl('{"text": "x", "published": "last Tuesday"}', {"path": "x"})
    assert article["published"] is None and article["text"] == "x"


def test_json_nested_too_deeply_is_pl006_not_a_reader_bug(tmp_path) -> None:
    from presslens.readers import read_inputs

    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "Story body."}\n' + "[" * 100_000 + "\n")
    good, deep = read_inputs([str(path)])
    assert good["text"] == "Story body." and good["errors"] == []
    assert [e["code"] for e in deep["errors"]] == ["PL006"] and "nested too deeply" in deep["errors"][0]["message"]
    document = tmp_path / "deep.json"
    document.write_text("[" * 100_000)
    [only] = read_inputs([str(document)])
    assert [e["code"] for e in only["errors"]] == ["PL006"]
