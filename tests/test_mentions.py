"""extract/entities/mentions.py: trimming, role/name splits, curated places and acronyms, on invented texts."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.extract.entities.gazetteer import gazetteer
from presslens.extract.entities.mentions import acronym_of, collect, name_ranges
from presslens.extract.entities.namewords import name_words


def mention_set(nlp: Any, text: str) -> list[tuple[str, str]]:
    mentions, _ = collect(nlp(text), name_words(), gazetteer())
    return [(m.text, m.label) for m in mentions]


@pytest.mark.model
def test_the_and_possessives_are_trimmed(nlp: Any) -> None:
    got = mention_set(nlp, "Crowds gathered in the Gaza Strip as Iran’s envoy arrived.")
    assert ("Gaza Strip", "GPE") in got
    assert any(text == "Iran" for text, _ in got)


@pytest.mark.model
def test_possessive_that_belongs_to_the_name_is_kept(nlp: Any) -> None:
    got = mention_set(nlp, "\"They should seize the moment,\" Mr Prettejohn, Lloyd's chief executive, said.")
    assert ("Lloyd's", "ORG") in got, got
    got = mention_set(nlp, "The IRGC's Quds Force and the IRGC said so.")
    assert not any(text.endswith("'s") for text, _ in got), got


@pytest.mark.model
def test_parenthesised_acronym_is_defined_and_every_use_linked(nlp: Any) -> None:
    doc = nlp("The Coastal Fisheries Board (CFB) met on Monday. CFB members voted, and the CFB's chair resigned.")
    mentions, defs = collect(doc, name_words(), gazetteer())
    assert defs == {"CFB": "Coastal Fisheries Board"}
    assert [m.text for m in mentions if m.text == "CFB"] == ["CFB", "CFB", "CFB"]
    assert all(m.label == "ORG" for m in mentions if m.text == "CFB")


@pytest.mark.model
def test_curated_place_spacy_misses_is_found(nlp: Any) -> None:
    got = mention_set(nlp, "Settlers moved into homes in Sheikh Jarrah last week.")
    assert ("Sheikh Jarrah", "LOC") in got


def test_acronym_of_needs_one_expansion() -> None:
    from presslens.extract.entities.mentions import Ment

    acr = Ment(0, 3, 0, 1, "ORG", "NHS")
    nhs = Ment(10, 33, 2, 5, "ORG", "National Health Service")
    other = Ment(40, 62, 6, 9, "ORG", "National Housing Scheme")
    assert acronym_of(acr, [acr, nhs], name_words()) is nhs
    assert acronym_of(acr, [acr, nhs, other], name_words()) is None
    us = Ment(0, 4, 0, 1, "GPE", "U.S.")
    senate = Ment(5, 16, 1, 3, "ORG", "U.S. Senate")
    assert acronym_of(us, [us, senate], name_words()) is None


@pytest.mark.model
def test_only_name_bearing_blocks_are_read(nlp: Any) -> None:
    doc = nlp("Press TV\nHossein Salami spoke.")
    doc._.pl_article = {"text": doc.text, "blocks": [{"kind": "meta", "start": 0, "end": 8},
                                                     {"kind": "paragraph", "start": 9, "end": len(doc.text)}]}
    assert name_ranges(doc) == [(9, len(doc.text))]
    mentions, _ = collect(doc, name_words(), gazetteer())
    assert all(m.start >= 9 for m in mentions)
