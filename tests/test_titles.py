"""extract/entities/titles.py: titles before a name and in appositions, on small invented texts (real pipeline)."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.extract.entities.entities import find_entities
from presslens.extract.entities.titles import clause_start


def titles_of(nlp: Any, text: str, name: str) -> list[str]:
    doc = nlp(text)
    for e in find_entities(doc):
        if e["name"] == name:
            return list(e["titles"])
    raise AssertionError(f"{name!r} not found in {[e['name'] for e in find_entities(doc)]}")


@pytest.mark.model
def test_org_and_role_noun_before_a_name(nlp: Any) -> None:
    text = ("Chief Commander of the Northern Guard Corps (NGC) Major General Omar Talib spoke on Monday. "
            "Later, NGC chief Major General Omar Talib left the stage. The NGC will meet again.")
    got = titles_of(nlp, text, "Omar Talib")
    assert "Major General" in got
    assert "Chief Commander of the Northern Guard Corps" in got
    assert "chief of the NGC" in got


@pytest.mark.model
def test_office_takes_its_portfolio_and_organisation(nlp: Any) -> None:
    assert "Foreign Secretary" in titles_of(nlp, "Foreign Secretary Jack Straw flew to Paris on Monday.", "Jack Straw")
    got = titles_of(nlp, "Bank of England Governor Mark Carney said rates would rise.", "Mark Carney")
    assert any(t.startswith("Governor of") and "Bank of England" in t for t in got), got


@pytest.mark.model
def test_apposition_drops_the_possessor_of_an_organisation(nlp: Any) -> None:
    text = ("The leader thanked General Qassem Soleimani, the former commander of the IRGC's Quds Force, "
            "for his efforts. The IRGC praised him.")
    assert "former commander of the Quds Force" in titles_of(nlp, text, "Qassem Soleimani")


def test_clause_start_stops_at_a_full_stop() -> None:
    import spacy

    doc = spacy.blank("en")("It rained . Major General Omar Talib spoke")
    assert clause_start(doc, 6) == 3
