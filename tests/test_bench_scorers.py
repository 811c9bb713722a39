"""bench/attribution.py's token-overlap figures (Citron's overlap metric), bench/agreement.py, the PolNeAR
annotators' agreement the docs quote as the ceiling, and bench/attribution_candidates.py's break-even."""

from __future__ import annotations

import agreement
import attribution
import attribution_candidates

from conftest import need_shared

TEXT = "Officials said the talks would resume on Monday, and Ali said: no deal yet."


def span(phrase: str) -> list[tuple[int, int]]:
    start = TEXT.index(phrase)
    return [(start, start + len(phrase))]


def test_tokens_are_words_and_marks_inside_the_spans_counted_once() -> None:
    both = attribution.tokens(TEXT, [span("the talks would"), span("talks would resume")])
    assert sorted(TEXT[i : i + 2] for i in both) == ["re", "ta", "th", "wo"]
    assert len(attribution.tokens(TEXT, [span("Monday, and")])) == 3  # the comma is a token


def test_token_overlap_counts_precision_against_gold_and_recall_against_prediction() -> None:
    tally = attribution.Tally()
    gold = [{"content": span("the talks would resume on Monday"), "source": span("Officials")},
            {"content": span("no deal yet"), "source": span("Ali")}]
    pred = [{"content": span("talks would resume on Monday, and Ali"), "speaker": span("Officials") + span("Ali")}]
    tally.add_tokens(TEXT, pred, gold)
    content, source = tally.token_counts["content"], tally.token_counts["source"]
    assert content == [5, 8, 9]  # talks would resume on Monday; of 8 predicted; of 6 + 3 gold
    assert source == [1, 1, 2]  # only the speaker's own span (the first), not its entity's other mentions
    res = tally.result("dev", 1)["tokens"]
    assert res["content"]["precision"] == round(5 / 8, 4) and res["content"]["recall"] == round(5 / 9, 4)


def test_the_annotators_agreement_is_the_figure_the_docs_quote() -> None:
    need_shared(attribution.DATA / "train" / "text", "the agreement needs PolNeAR train beside the project")
    res = agreement.agreement("train")
    assert res["articles"] == 16
    assert (res["content"]["f1"], res["tokens"]["content"]["f1"], res["speaker_accuracy"]) == (0.7976, 0.9097, 0.9297)


def test_candidates_raise_f1_only_above_the_break_even_precision() -> None:
    tp, n_pred, n_gold = 600, 800, 1000
    f1 = attribution.prf(tp, n_pred, tp, n_gold)["f1"]
    even = attribution_candidates.break_even(f1)
    for hits, added in ((40, 100), (30, 100), (34, 100), (33, 100)):
        after = attribution.prf(tp + hits, n_pred + added, tp + hits, n_gold)["f1"]
        assert (after > f1) == (hits / added > even), (hits, added, even)


def test_candidate_bands_and_tallies() -> None:
    assert [attribution_candidates.band(x) for x in (0.1, 0.19999, 0.2, 0.45, 0.599)] == ["0.1", "0.1", "0.2", "0.4", "0.5"]
    rows = [("0.4", True), ("0.4", False), ("0.5", False), ("0.4", True)]
    assert attribution_candidates.tally(rows) == {"0.4": [2, 3], "0.5": [0, 1]}
