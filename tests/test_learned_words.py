"""Frequent words learned after a batch (``pipeline.learned_words``): kept past the memory zone, bounded, and
records the same as without them."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.engines.work import analyze_batch
from presslens.pipeline import learned_words
from presslens.readers import raw_article

TEXT = (
    "Quorvane council said on Tuesday that the Quorvane bridge would reopen. \"The Quorvane bridge is safe,\" "
    "the council's engineer, Mara Tellen, said. Quorvane residents said they were relieved; Quorvane traders said "
    "the closure had cost them dearly.\n\nThe Quorvane council will meet again on Friday."
)


def raw(text: str = TEXT) -> Any:
    return raw_article({"path": "quorvane.txt", "format": "text"}, text)


def test_frequent_words_outlive_the_zone_and_records_stay_the_same(nlp: Any) -> None:
    learned_words._LEARNED.pop(id(nlp.vocab), None)
    assert "Quorvane" not in nlp.vocab.strings
    first = analyze_batch([raw()], nlp)
    assert "Quorvane" in nlp.vocab.strings  # seen 6 times: learned, outside the zone
    assert "Tellen," not in nlp.vocab.strings  # seen once: freed with the zone
    assert "Quorvane" in learned_words._LEARNED[id(nlp.vocab)]
    assert analyze_batch([raw()], nlp) == first  # now from the tokenizer's cache: the same record


def test_nothing_is_learned_inside_a_zone_or_past_the_cap(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    learned_words._LEARNED.pop(id(nlp.vocab), None)
    with nlp.memory_zone():
        assert learned_words.learn_words(nlp, [TEXT]) == 0
    monkeypatch.setattr(learned_words, "MOST", 2)
    assert learned_words.learn_words(nlp, [TEXT]) == 2
    assert learned_words.learn_words(nlp, [TEXT, "zyx zyx zyx"]) == 0
    assert len(learned_words._LEARNED[id(nlp.vocab)]) == 2


def test_the_vocabulary_stops_growing_at_the_cap(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from invented_news import article

    def batch(seed: int) -> list[Any]:
        return [raw(article(i, seed=seed, paragraphs=2, unique_words=20)) for i in range(8)]

    learned = learned_words._LEARNED.setdefault(id(nlp.vocab), set())
    monkeypatch.setattr(learned_words, "MOST", len(learned) + 40)
    lexemes = sum(1 for _ in nlp.vocab)
    for seed in range(200, 203):
        analyze_batch(batch(seed), nlp)
    assert len(learned_words._LEARNED[id(nlp.vocab)]) <= learned_words.MOST
    grown = sum(1 for _ in nlp.vocab) - lexemes
    assert 0 < grown <= 40 * 4  # a chunk is a few tokens at most ("said," is two)
    at_cap = sum(1 for _ in nlp.vocab)
    analyze_batch(batch(300), nlp)
    assert sum(1 for _ in nlp.vocab) == at_cap
