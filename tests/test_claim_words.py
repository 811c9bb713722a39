"""The claim words reach every claims module through the pipeline's config (``presslens.claim_words.v1``), not
through a table each module reads: a ``ClaimWords`` given to ``find_claims`` decides categories and qualifiers
alone."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from presslens.data import load
from presslens.extract.facts.claims import find_claims
from presslens.extract.facts.claimvalues import ClaimWords, claim_words

pytestmark = pytest.mark.model
TEXT = "Air strikes killed at least 12 people in the city on Monday, the health ministry said."


def test_the_words_given_decide_the_claim(nlp: Any) -> None:
    doc = nlp(TEXT)
    [default] = find_claims(doc, claim_words())
    assert (default["value"], default["category"], default["qualifier"]) == (12, "killed", "at least")
    assert "ministry" in default["source"]["text"]
    tables = copy.deepcopy(load("claim_nouns.json"))
    tables["categories"]["killed"] = {field: [] for field in tables["categories"]["killed"]}
    tables["qualifiers"] = {k: v for k, v in tables["qualifiers"].items() if k != "at least"}
    [other] = find_claims(doc, ClaimWords(tables))
    assert other["category"] != "killed" and other["qualifier"] != "at least"
    assert other["source"] == default["source"]  # the quote's speaker: the quotes component's, not a table's
    assert find_claims(doc, claim_words()) == [default]  # the package's words are untouched


def test_the_pipeline_builds_the_words_from_its_config(nlp: Any) -> None:
    assert nlp.get_pipe_config("presslens_claims")["words"] == {"@misc": "presslens.claim_words.v1"}
