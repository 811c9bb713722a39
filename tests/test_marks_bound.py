"""The quote-mark finder's bound (issue 13): a paragraph crowded with marks gets a linear pass, and every
step is linear in the text's length. No model needed."""

from __future__ import annotations

import random

from presslens.extract.quotes.marks import MAX_MARKS, Quoted, count_marks, find_quoted, top_level


def test_a_quote_storm_paragraph_gets_the_linear_pass_with_exact_offsets() -> None:
    text = "Storm\n\n" + "\u201ca\u201d " * 50_000 + '"bb" tail "open'
    blocks = [(0, 5), (7, len(text))]
    assert count_marks(text, 7, len(text)) > MAX_MARKS
    spans = find_quoted(text, blocks)
    assert len(spans) == 50_002
    assert all(text[q["start"] : q["end"]] == "a" for q in spans[:50_000])
    assert text[spans[-2]["start"] : spans[-2]["end"]] == "bb"
    assert spans[-1]["close"] is None and text[spans[-1]["start"] : spans[-1]["end"]] == "open"
    assert all(q["block"] == 1 and q["level"] == 1 and not q["single"] for q in spans)


def test_below_the_bound_the_full_rules_and_the_linear_pass_agree_on_plain_pairs() -> None:
    text = "\u201ca\u201d " * 200
    full = find_quoted(text, [(0, len(text))])
    assert count_marks(text, 0, len(text)) <= MAX_MARKS
    assert [(q["start"], q["end"]) for q in full] == [(1 + 4 * i, 2 + 4 * i) for i in range(200)]


def _top_level_reference(quoted: list[Quoted]) -> list[Quoted]:
    doubles = [q for q in quoted if q["level"] == 1 and not q["single"]]
    singles = [q for q in quoted if q["level"] == 1 and q["single"]
               and not any(d["start"] <= q["start"] and q["end"] <= d["end"] for d in doubles)]  # fmt: skip
    return sorted(doubles + singles, key=lambda q: q["start"])


def test_top_level_is_the_all_pairs_rule_without_the_pairs() -> None:
    rng = random.Random(13)
    for _ in range(200):
        quoted: list[Quoted] = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 200)
            quoted.append({"start": start, "end": start + rng.randint(1, 60), "open": None, "close": None,
                           "level": rng.choice([1, 1, 2]), "single": rng.random() < 0.5, "block": 0,
                           "continues": False, "continued": False})  # fmt: skip
        assert top_level(quoted) == _top_level_reference(quoted)
