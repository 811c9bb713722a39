"""pipeline/model.py: the pinned pipeline loads once, its meta is checked, and a wrong pipeline says what to do."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.errors import PresslensError
from presslens.pipeline.model import EXPECTED_NAME, EXPECTED_VERSION, check_meta, load_nlp, resolve_model_name

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE", "CARDINAL")
PIPES = ["tok2vec", "tagger", "parser", "ner"]


def test_pinned_meta_passes() -> None:
    check_meta({"lang": "en", "name": EXPECTED_NAME, "version": EXPECTED_VERSION}, PIPES, LABELS, "m", pinned=True)


def test_wrong_version_of_pinned_pipeline_is_refused_with_remedy() -> None:
    with pytest.raises(PresslensError) as exc:
        check_meta({"lang": "en", "name": EXPECTED_NAME, "version": "3.7.1"}, PIPES, LABELS, "m", pinned=True)
    assert exc.value.code == "PL021"
    assert "PRESSLENS_MODEL" in str(exc.value) and "3.7.1" in str(exc.value)


def test_other_named_pipeline_may_have_another_version() -> None:
    check_meta({"lang": "en", "name": "core_web_lg", "version": "3.7.1"}, PIPES, LABELS, "en_core_web_lg", pinned=False)


@pytest.mark.parametrize(
    ("meta", "pipes", "labels", "needle"),
    [
        ({"lang": "de"}, PIPES, LABELS, "language"),
        ({"lang": "en"}, ["tok2vec", "tagger", "ner"], LABELS, "parser"),
        ({"lang": "en"}, PIPES, ("PERSON", "ORG"), "GPE"),
    ],
)
def test_unfit_pipelines_are_refused(meta: dict[str, Any], pipes: list[str], labels: tuple[str, ...], needle: str) -> None:
    with pytest.raises(PresslensError) as exc:
        check_meta(meta, pipes, labels, "x", pinned=False)
    assert needle in str(exc.value)


def test_missing_pipeline_name_gives_pl020(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PresslensError) as exc:
        load_nlp("no_such_pipeline_xyz")
    assert exc.value.code == "PL020"
    assert "--model" in str(exc.value)


def test_env_var_names_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSLENS_MODEL", "en_core_web_lg")
    assert resolve_model_name() == "en_core_web_lg"
    assert resolve_model_name("explicit") == "explicit"


@pytest.mark.model
def test_loaded_pipeline_is_the_pinned_one_and_cached(nlp: Any) -> None:
    assert nlp.meta["name"] == EXPECTED_NAME and nlp.meta["version"] == EXPECTED_VERSION
    assert load_nlp() is nlp
    for name in ("presslens_blocks", "presslens_entities", "presslens_quotes", "presslens_framing"):
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("presslens_blocks") < nlp.pipe_names.index("parser")
