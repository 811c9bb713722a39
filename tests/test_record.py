"""record/: every record validates against the JSON Schema and every span points at its exact characters;
records are checked at the boundary (pipeline.analyze); the typed shapes say what the schema says.

This is the offsets check for every extractor (entities, quotes, claims, dates, events, framing), run on the
seed, the bundled examples, the test fixtures and a sample of the shared corpora.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES, FIXTURES, SEED_DIR, analyze_text, need_shared
from presslens.pipeline import analyze
from presslens.readers import read_inputs
from presslens.record import check_offsets, iter_spans, record_id, schema, schema_problem, validate
from presslens.record import types as record_types

EXTRACTED = ("entities", "quotes", "claims", "dates", "events", "framing")


def records_for(nlp: Any, paths: list[Path]) -> list[dict[str, Any]]:
    return list(analyze(read_inputs([str(p) for p in paths]), nlp))


def assert_sound(rec: dict[str, Any]) -> None:
    validate(rec)
    bad = check_offsets(rec)
    assert not bad, "\n".join(bad[:10])


def test_typed_shapes_say_what_the_schema_says() -> None:
    props = schema()["properties"]
    assert set(record_types.Record.__required_keys__) == set(schema()["required"])
    shapes = {"entities": record_types.Entity, "quotes": record_types.Quote, "claims": record_types.Claim,
              "dates": record_types.Date, "events": record_types.Event}
    for key, shape in shapes.items():
        required = set(props[key]["items"]["required"])
        assert required <= shape.__required_keys__, (key, required - shape.__required_keys__)
        assert required <= set(shape.__annotations__), key
    framing = set(props["framing"]["items"]["required"])
    assert framing <= set(record_types.Framing.__annotations__)


def test_an_invalid_record_never_leaves_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    from presslens.pipeline import run as analyze_module
    from presslens.readers import raw_article

    real = analyze_module.to_record

    def broken(doc: Any, raw: Any) -> dict[str, Any]:
        return {**real(doc, raw), "quotes": [{"id": "Q1", "kind": "shouted"}]}

    monkeypatch.setattr(analyze_module, "to_record", broken)
    raw = raw_article({"path": "broken.txt", "format": "text"}, "Title\n\nA paragraph of text.")
    rec = next(iter(analyze([raw], spacy.blank("en"))))
    assert rec["id"].startswith("err-") and schema_problem(rec) is None
    assert [e["code"] for e in rec["errors"]] == ["PL012"] and "quotes/0" in rec["errors"][0]["message"]


def test_a_valid_record_is_left_as_it_is() -> None:
    import spacy

    from presslens.readers import raw_article

    raw = raw_article({"path": "fine.txt", "format": "text"}, "Title\n\nA paragraph of text.")
    rec = next(iter(analyze([raw], spacy.blank("en"))))
    assert not rec["id"].startswith("err-") and rec["errors"] == [] and schema_problem(rec) is None


def test_the_compiled_check_agrees_with_the_reference_validator() -> None:
    import jsonschema
    import spacy

    from presslens.readers import raw_article

    reference = jsonschema.validators.validator_for(schema())
    reference.check_schema(schema())
    raw = raw_article({"path": "fine.txt", "format": "text"}, "Title\n\nA paragraph of text.")
    rec = dict(next(iter(analyze([raw], spacy.blank("en")))))
    variants = [rec, {**rec, "schema": "presslens.record/2"}, {**rec, "quotes": [{"id": "Q1", "kind": "direct"}]},
                {**rec, "article": {**rec["article"], "published": "in May"}},
                {**rec, "errors": [{"code": "X1", "message": "too short"}]}, {**rec, "source": {"format": "text"}}]
    verdicts = [(schema_problem(v) is None, reference(schema()).is_valid(v)) for v in variants]
    assert all(mine == ref for mine, ref in verdicts), verdicts
    assert [mine for mine, _ in verdicts] == [True, False, False, False, False, False]


def test_record_id_is_a_content_hash() -> None:
    assert record_id("same text") == record_id("same text")
    assert record_id("same text") != record_id("other text")


@pytest.mark.model
def test_seed_record_is_sound_and_every_extractor_fires(seed_record: dict[str, Any]) -> None:
    assert_sound(seed_record)
    assert seed_record["errors"] == []
    spans = iter_spans(seed_record)
    assert len(spans) > 50
    assert seed_record["entities"], "the seed has entities"


@pytest.mark.model
def test_examples_are_sound(nlp: Any) -> None:
    recs = records_for(nlp, [EXAMPLES])
    assert len(recs) >= 6  # a text, an HTML page, two feed items, two JSONL lines
    for rec in recs:
        assert_sound(rec)
        assert rec["errors"] == [], rec["errors"]


@pytest.mark.model
def test_fixtures_are_sound_even_when_they_fail(nlp: Any) -> None:
    files = [p for p in FIXTURES.rglob("*") if p.is_file()]
    if not files:
        pytest.skip("no fixture files yet")
    for rec in records_for(nlp, files):
        assert_sound(rec)


@pytest.mark.model
def test_hostile_and_odd_texts_are_sound(nlp: Any) -> None:
    texts = [
        'Title\n\n"An opening quote that never closes, said nobody.\n\nAnother paragraph " with " odd " marks.',
        "Title\n\n<script>alert(1)</script> The mayor said \u201cyes\u201d and \u00abno\u00bb and \u2018maybe\u2019.",
        "Only one line with no title",
        "T\n\n" + "word " * 3000,
    ]
    for text in texts:
        assert_sound(analyze_text(nlp, text))


@pytest.mark.model
@pytest.mark.shared
def test_shared_corpora_sample_is_sound(nlp: Any) -> None:
    need_shared(DATA, "the corpus sample needs ../shared/data")
    bbc = sorted((DATA / "bbc").rglob("*.txt"))[::200]
    polnear = sorted((DATA / "polnear" / "dev" / "text").glob("*.txt"))[:8]
    claims = sorted((DATA / "claims-dev" / "articles").glob("*"))[::5]
    recs = records_for(nlp, bbc + polnear + claims)
    assert len(recs) == len(bbc) + len(polnear) + len(claims)
    counts = {k: 0 for k in EXTRACTED}
    for rec in recs:
        assert_sound(rec)
        for k in EXTRACTED:
            counts[k] += len(rec[k])
    assert counts["entities"] > 0


def test_seed_is_read_in_its_shape() -> None:
    need_shared(SEED_DIR, "the seed is read from ../shared/seed")
    raw = next(iter(read_inputs([str(SEED_DIR / "article.txt")])))
    assert raw["source"]["format"] == "text"


def test_a_run_without_white_space_too_long_to_tokenise_is_refused_with_its_code(nlp: Any) -> None:
    """A hundred thousand brackets cost spaCy's tokenizer quadratic time (it hung the fuzz test): PL038, at once."""
    import time

    from presslens.pipeline import analyze
    from presslens.pipeline.run import LONGEST_RUN
    from presslens.readers import raw_article

    text = "Floods close the river road.\n" + "[" * 100_000 + "\nThe road reopened on Monday."
    start = time.perf_counter()
    record = next(iter(analyze([raw_article({"path": "brackets.txt", "format": "text"}, text)], nlp)))
    assert time.perf_counter() - start < 30
    assert [e["code"] for e in record["errors"]] == ["PL038"] and record["errors"][0]["severity"] == "error"
    fine = "Floods close the river road. " + "x" * LONGEST_RUN + " The road reopened on Monday."
    ok = next(iter(analyze([raw_article({"path": "long-word.txt", "format": "text"}, fine)], nlp)))
    assert ok["errors"] == [] and ok["article"]["text"]
