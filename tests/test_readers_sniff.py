"""readers.sniff: the format comes from the content."""

from __future__ import annotations

import pytest

from presslens.readers.sniff import is_warc, sniff_text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("\n  <html lang='en'><p>x", "html"),
        ("<!-- saved page --><div class='story'><p>Body</p></div>", "html"),
        ('<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "rss"),
        ('<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><feed xmlns="http://www.w3.org/2005/Atom">', "rss"),
        ("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", "rss"),
        ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>', "html"),
        ('<?xml version="1.0"?><newsMessage><itemSet><headline>Harbour</headline></itemSet></newsMessage>', "html"),
        ('{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ('{"title": "broken\n{"text": "b"}\n', "jsonl"),  # a bad first line: the next line tells
        ('[{"text": "a"}, {"text": "b"}]', "jsonl"),
        ('{\n  "text": "pretty"\n}\n', "jsonl"),
        ("{not json at all} says the headline\n\nBody.", "text"),
        ("[Updated] Headline\n\nBody.", "text"),
        ("date 2021-05-22 Title\nBody", "text"),
        ("Headline\n\nA <b> in prose and 3 < 4 > 2.", "text"),
        ("<3 the valentines story\n\nBody.", "text"),
        ("", "text"),
    ],
)
def test_sniff_text(text: str, kind: str) -> None:
    assert sniff_text(text) == kind


def test_sniff_a_long_first_jsonl_line() -> None:
    line = '{"text": "' + "word " * 5000 + '"}'
    assert sniff_text(line + "\n" + line) == "jsonl"


def test_is_warc() -> None:
    assert is_warc(b"WARC/1.0\r\nWARC-Type: warcinfo")
    assert is_warc(b"WARC/1.1\r\n")
    assert not is_warc(b"WARCRAFT fan news")
