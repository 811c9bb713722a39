"""extract/facts/places.py: countries behind nationality words, aliases and metonyms (issue 4)."""

from __future__ import annotations

import pytest

from presslens.data import load as load_data
from presslens.extract.common import EntityIndex
from presslens.extract.facts.places import event_actors


def test_event_actors_data_names_real_countries() -> None:
    data = load_data("event_actors.json")
    for table in ("country_aliases", "metonyms"):
        for word, country in data[table].items():
            assert word == word.lower(), word
            assert country is None or event_actors().country_code(country) is not None, (table, word, country)
    assert "regime" in data["government_nouns"] and "people" in data["actor_nouns"]


@pytest.mark.parametrize(
    "text, metonyms, expected",
    [
        ("Israeli", False, "Israel"),
        ("American", False, "United States"),
        ("US", False, "United States"),
        ("the UK", False, "United Kingdom"),
        ("Egypt", False, "Egypt"),
        ("Tel Aviv", False, None),
        ("Tel Aviv", True, "Israel"),
        ("the Kremlin", True, "Russia"),
        ("Salami", True, None),
        ("Dutch", False, "Netherlands"),  # data/event_actors.json nationality_names
        ("Netherlands", False, "The Netherlands"),
        ("Korean", False, "South Korea"),  # data/demonyms.json likeliest
        ("Kurdish", False, None),
    ],
)
def test_country_name(text: str, metonyms: bool, expected: str | None) -> None:
    assert event_actors().country_name(text, metonyms=metonyms) == expected


def test_country_ref_prefers_the_article_entity() -> None:
    index = EntityIndex(
        [{"id": "E7", "name": "United States", "label": "GPE", "mentions": [{"start": 0, "end": 2, "text": "US"}],
          "titles": [], "country": "US"}]
    )
    assert event_actors().country_ref(index, "United States") == {"entity": "E7", "text": "United States"}
    assert event_actors().country_ref(index, "Israel") == {"entity": None, "text": "Israel"}
    assert event_actors().country_ref(index, "Palestinian Territory") == {"entity": None, "text": "Palestine"}
