"""record.py: every record validates against the JSON Schema and every span points at its exact characters.

This is the offsets check for every extractor (entities, quotes, claims, dates, events, framing), run on the
seed, the bundled examples, the test fixtures and a sample of the shared corpora.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES, FIXTURES, SEED_DIR, analyze_text
from presslens.pipeline import analyze
from presslens.readers import read_inputs
from presslens.record import check_offsets, iter_spans, record_id, validate

pytestmark = pytest.mark.model

EXTRACTED = ("entities", "quotes", "claims", "dates", "events", "framing")


def records_for(nlp: Any, paths: list[Path]) -> list[dict[str, Any]]:
    return list(analyze(read_inputs([str(p) for p in paths]), nlp))


def assert_sound(rec: dict[str, Any]) -> None:
    validate(rec)
    bad = check_offsets(rec)
    assert not bad, "\n".join(bad[:10])


def test_record_id_is_a_content_hash() -> None:
    assert record_id("same text") == record_id("same text")
    assert record_id("same text") != record_id("other text")


def test_seed_record_is_sound_and_every_extractor_fires(seed_record: dict[str, Any]) -> None:
    assert_sound(seed_record)
    assert seed_record["errors"] == []
    spans = iter_spans(seed_record)
    assert len(spans) > 50
    assert seed_record["entities"], "the seed has entities"


def test_examples_are_sound(nlp: Any) -> None:
    recs = records_for(nlp, [EXAMPLES])
    assert len(recs) >= 6  # a text, an HTML page, two feed items, two JSONL lines
    for rec in recs:
        assert_sound(rec)
        assert rec["errors"] == [], rec["errors"]


def test_fixtures_are_sound_even_when_they_fail(nlp: Any) -> None:
    files = [p for p in FIXTURES.rglob("*") if p.is_file()]
    if not files:
        pytest.skip("no fixture files yet")
    for rec in records_for(nlp, files):
        assert_sound(rec)


def test_hostile_and_odd_texts_are_sound(nlp: Any) -> None:
    texts = [
        'Title\n\n"An opening quote that never closes, said nobody.\n\nAnother paragraph " with " odd " marks.',
        "Title\n\n<script>alert(1)</script> The mayor said \u201cyes\u201d and \u00abno\u00bb and \u2018maybe\u2019.",
        "Only one line with no title",
        "T\n\n" + "word " * 3000,
    ]
    for text in texts:
        assert_sound(analyze_text(nlp, text))


@pytest.mark.shared
def test_shared_corpora_sample_is_sound(nlp: Any) -> None:
    if not DATA.exists():
        pytest.skip("../shared/data is absent")
    bbc = sorted((DATA / "bbc").rglob("*.txt"))[::200]
    polnear = sorted((DATA / "polnear" / "dev" / "text").glob("*.txt"))[:8]
    recs = records_for(nlp, bbc + polnear)
    assert len(recs) == len(bbc) + len(polnear)
    counts = {k: 0 for k in EXTRACTED}
    for rec in recs:
        assert_sound(rec)
        for k in EXTRACTED:
            counts[k] += len(rec[k])
    assert counts["entities"] > 0


def test_seed_is_read_in_its_shape() -> None:
    if not SEED_DIR.exists():
        pytest.skip("../shared/seed is absent")
    raw = next(iter(read_inputs([str(SEED_DIR / "article.txt")])))
    assert raw["source"]["format"] == "text"
