"""extract/quotes/marks.py: pairing quotation marks (pure functions, no model)."""

from __future__ import annotations

from presslens.extract.quotes.marks import find_quoted, top_level


def spans(text: str, blocks: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[q["start"] : q["end"]] for q in top_level(find_quoted(text, blocks or [(0, len(text))]))]


def test_curly_straight_and_mixed_marks() -> None:
    assert spans('“One,” he said. "Two." She said “three."') == ["One,", "Two.", "three."]


def test_apostrophes_inside_and_after_words() -> None:
    text = "“The Palestinians’ rights can’t wait for the ’90s,” he said."
    assert spans(text) == ["The Palestinians’ rights can’t wait for the ’90s,"]


def test_single_marks_top_level_and_nested() -> None:
    text = "‘We will win,’ she said. “He told me ‘never’ twice.”"
    found = find_quoted(text, [(0, len(text))])
    assert [(text[q["start"] : q["end"]], q["level"]) for q in found] == [
        ("We will win,", 1),
        ("never", 2),
        ("He told me ‘never’ twice.", 1),
    ]
    assert spans(text) == ["We will win,", "He told me ‘never’ twice."]


def test_guillemets_and_doubled_apostrophes() -> None:
    assert spans("« Nous gagnerons », a-t-il dit.") == ["Nous gagnerons"]
    assert spans("He said, ''It is all lies.'' Then he left.") == ["It is all lies."]


def test_quote_running_over_paragraphs() -> None:
    text = "“First part of the quote\n\n“second part,” he said."
    blocks = [(0, 24), (26, len(text))]
    found = find_quoted(text, blocks)
    assert [(text[q["start"] : q["end"]], q["continues"], q["continued"]) for q in found] == [
        ("First part of the quote", True, False),
        ("second part,", False, True),
    ]


def test_unbalanced_marks_do_not_raise() -> None:
    for text in ['"', "“”", "”stray", "He said “unclosed", "a ‘b c", "''", "«", '"a" "b', "’’’"]:
        find_quoted(text, [(0, len(text))])
    assert spans("He said “this never closes") == ["this never closes"]
    assert spans("He said “one “two” three") == ["one", "two"]


def test_empty_and_out_of_range_blocks() -> None:
    assert find_quoted("", []) == []
    assert find_quoted("abc", [(0, 0), (2, 99)]) == []


def test_sentence_end_skips_abbreviations_and_parentheses() -> None:
    from presslens.extract.quotes.marks import sentence_end

    text = "said Rep. Jim McDermott (D-Wash.) on Friday. Then U.S. officials left."
    ends = [i for i in range(len(text)) if sentence_end(text, i, 0)]
    assert [text[: i + 1].split()[-1] for i in ends] == ["Friday.", "left."]


def test_trim_drops_that_and_edge_punctuation() -> None:
    from presslens.extract.quotes.marks import trim

    text = " that the plan will fail, "
    s, e = trim(text, 0, len(text))
    assert text[s:e] == "the plan will fail"
    assert trim("thatcher rules.", 0, 15) == (0, 14)
