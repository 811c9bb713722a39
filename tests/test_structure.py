"""structure/: blocks from layout evidence, and the seed's structure as gold says."""

from __future__ import annotations

from typing import Any

from conftest import fold
from presslens.readers import raw_article
from presslens.structure import build_article, parse_dateline, split_units


def blocks_of(text: str, **fields: Any) -> list[tuple[str, str]]:
    article, errors = build_article(raw_article({"path": "t.txt", "format": "text"}, text, **fields))
    assert article is not None, errors
    return [(b["kind"], article["text"][b["start"] : b["end"]]) for b in article["blocks"]]


def test_seed_shape_title_line_gives_title_and_date() -> None:
    text = " date 2020-01-02 A Title Here\nFirst paragraph of the story, with a full sentence.\n"
    article, _ = build_article(raw_article({"path": "t", "format": "text"}, text))
    assert article is not None
    assert article["title"] == "A Title Here"
    assert article["published"] == "2020-01-02"
    assert [b["kind"] for b in article["blocks"]] == ["title", "paragraph"]


def test_first_line_title_shape_bbc_like() -> None:
    got = blocks_of("Labour plans pay rise\n\nMaternity pay is to rise, ministers said.\n\nMore follows here.")
    assert got == [
        ("title", "Labour plans pay rise"),
        ("paragraph", "Maternity pay is to rise, ministers said."),
        ("paragraph", "More follows here."),
    ]


def test_dateline_outlet_byline_caption_in_header() -> None:
    text = (
        "Storm hits coast\n"
        "Monday, 3 June 2024 14:05\n"
        "Coast News\n"
        "By Ann Lee\n"
        "Residents walk through flooded streets in Portby on June 2, 2024.\n"
        "The storm flooded hundreds of homes, officials said.\n"
    )
    article, _ = build_article(raw_article({"path": "t", "format": "text"}, text))
    assert article is not None
    kinds = [b["kind"] for b in article["blocks"]]
    assert kinds == ["title", "dateline", "meta", "byline", "caption", "paragraph"]
    assert article["published"] == "2024-06-03T14:05"
    assert article["outlet"] == "Coast News"
    assert article["byline"] == "By Ann Lee"


def test_related_box_versus_heading() -> None:
    text = (
        "Main title of the story\n"
        "The first paragraph says what happened in full sentences.\n"
        "Farmers protest new water rules\n"
        "Farmers protest against new water rules that they say will ruin harvests across the valley.\n"
        "What happens next\n"
        "The minister will meet union leaders next week to discuss the plan.\n"
    )
    kinds = [k for k, _ in blocks_of(text)]
    assert kinds == ["title", "paragraph", "related", "related", "heading", "paragraph"]


def test_hard_wrapped_lines_are_joined() -> None:
    units = split_units("The minister said the plan\nwould go ahead next week.\nA new paragraph.")
    assert units == ["The minister said the plan would go ahead next week.", "A new paragraph."]


def test_normalisation_folds_space_and_controls() -> None:
    got = blocks_of("Title\n\nA\u00a0paragraph\twith   odd\x07 spacing.")
    assert got[1] == ("paragraph", "A paragraph with odd spacing.")


def test_parse_dateline_accepts_dates_and_rejects_sentences() -> None:
    assert parse_dateline("Saturday, 22 May 2021 8:13 AM") == "2021-05-22T08:13"
    assert parse_dateline("Updated: May 22, 2021") == "2021-05-22"
    assert parse_dateline("2021-05-22 08:13") == "2021-05-22T08:13"
    assert parse_dateline("Police said 14 people were arrested in May 2021.") is None
    assert parse_dateline("Press TV") is None


def test_source_title_is_prepended_and_not_repeated() -> None:
    got = blocks_of("Budget passes\n\nLawmakers approved the budget on Wednesday.", title="Budget passes")
    assert got == [("title", "Budget passes"), ("paragraph", "Lawmakers approved the budget on Wednesday.")]


def test_parts_from_a_reader_are_used_as_given() -> None:
    raw = raw_article({"path": "p.html", "format": "html"}, "x", title="T")
    raw["meta"] = {"parts": [{"kind": "paragraph", "text": "One."}, {"kind": "heading", "text": "Sub"}, {"kind": "paragraph", "text": "Two."}]}
    article, _ = build_article(raw)
    assert article is not None
    assert [b["kind"] for b in article["blocks"]] == ["title", "paragraph", "heading", "paragraph"]


def test_empty_text_is_an_error_not_an_article() -> None:
    article, errors = build_article(raw_article({"path": "e.txt", "format": "text"}, "  \n \n"))
    assert article is None
    assert errors and errors[0]["code"] == "PL013"


def test_seed_structure_matches_gold(seed_gold: dict[str, Any]) -> None:
    from conftest import SEED_DIR

    text = (SEED_DIR / "article.txt").read_text(encoding="utf-8")
    article, _ = build_article(raw_article({"path": "article.txt", "format": "text"}, text))
    assert article is not None
    gold = seed_gold["article"]
    assert fold(article["title"]) == fold(gold["title"])
    assert article["published"] == gold["published"]
    assert article["outlet"] == gold["outlet"]
    blocks = [(b["kind"], fold(article["text"][b["start"] : b["end"]])) for b in article["blocks"]]
    assert ("caption", fold(gold["caption"])) in blocks
    for heading in gold["headings"]:
        assert ("heading", fold(heading)) in blocks
    assert ("related", fold(gold["related_story"]["title"])) in blocks
    paragraphs = [t for k, t in blocks if k == "paragraph"]
    for line in gold["not_body"]:
        assert all(fold(line) not in p for p in paragraphs), line


def test_short_heading_sharing_one_word_with_next_paragraph_is_a_heading() -> None:
    text = (
        "Strike halts port\n"
        "Dock workers walked off the job on Friday, the union said.\n"
        "Talks to resume\n"
        "The ministry said mediators would meet both sides for talks on Monday.\n"
    )
    assert [k for k, _ in blocks_of(text)] == ["title", "paragraph", "heading", "paragraph"]
