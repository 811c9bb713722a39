"""readers.base.read_text: plain text passes through untouched."""

from __future__ import annotations

from presslens.readers.base import read_text


def test_text_passes_through_untouched() -> None:
    text = "  date 2021-05-22 Title line\r\nSecond line\n\n\tIndented paragraph.\n"
    article = read_text(text, {"path": "a.txt"})
    assert article["text"] == text
    assert article["source"] == {"path": "a.txt", "format": "text"}
    assert article["errors"] == [] and article["title"] is None


def test_white_space_only_is_empty() -> None:
    article = read_text(" \n\t\n", {"path": "blank.txt"})
    assert article["text"] is None
    assert [e["code"] for e in article["errors"]] == ["PL002"]
    assert "blank.txt" in article["errors"][0]["message"]
