"""Bounded memory: a worker's memory stays flat however many articles stream through it (issue 7).

Each batch runs inside ``nlp.memory_zone()``: the strings and lexemes spaCy adds for a batch's new words
are freed when the batch ends, and no record stays behind in the worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from invented_news import article
from presslens.engines import RunStats
from presslens.readers import raw_article


def _raws(count: int, seed: int, unique_words: int) -> Iterator[Any]:
    for i in range(count):
        text = article(i, seed=seed, paragraphs=2, unique_words=unique_words)
        yield raw_article({"path": f"invented-{seed}-{i}.txt", "format": "text"}, text)


def _vocab_size(nlp: Any) -> tuple[int, int]:
    return len(nlp.vocab.strings), sum(1 for _ in nlp.vocab)


@pytest.mark.model
def test_memory_zone_frees_the_words_each_batch_adds(monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.engines.work import analyze_batch, warm_up
    from presslens.pipeline import learned_words, load_nlp

    nlp = load_nlp()
    warm_up(nlp)
    # the frequent words kept past the zone are bounded apart (tests/test_learned_words.py): none here
    monkeypatch.setattr(learned_words, "MOST", len(learned_words._LEARNED.get(id(nlp.vocab), ())))
    before = _vocab_size(nlp)
    for seed in range(3):
        records = analyze_batch(list(_raws(8, seed + 100, unique_words=20)), nlp)
        assert len(records) == 8 and not any(r["errors"] for r in records)
        assert records[0]["article"]["text"].startswith(records[0]["article"]["title"])  # usable after the zone
    assert _vocab_size(nlp) == before
    # the control: without the zone the same kind of batch leaves its new words in the vocabulary
    analyze_batch(list(_raws(8, 999, unique_words=20)), nlp, use_zone=False)
    strings, lexemes = _vocab_size(nlp)
    assert strings > before[0] + 100 and lexemes > before[1] + 100


@pytest.mark.model
def test_worker_memory_stays_flat_after_warm_up() -> None:
    """400 invented articles, each with 40 never-seen names, through one worker process; its RSS after each
    batch of 10 is read: the largest reading after the first quarter is within 10% of that quarter's end."""
    from presslens.engines.local import LocalEngine

    stats = RunStats()
    count = 400
    with LocalEngine(None, workers=1, batch_size=10, stats=stats) as engine:
        n = sum(1 for _ in engine.run(_raws(count, seed=7, unique_words=40)))
    assert n == count and stats.adds_up() and stats.failed == 0
    [worker] = stats.workers.values()
    readings = [rss for _, rss in worker.samples]
    assert len(readings) == count // 10
    growth = worker.growth()
    assert growth is not None
    assert growth < 0.10, f"RSS grew {growth:.1%} after warm-up: {[r >> 20 for r in readings]} MiB"
