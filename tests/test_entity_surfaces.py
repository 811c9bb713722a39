"""Entity names as other outlets' war and disaster coverage showed them broken (claims-dev's real excerpts, read
by hand; invented sentences of the same shapes here): a name with the bracket of its acronym left open, a time
zone other than GMT as a name, one city as a place and as a person. Through the real pipeline, offsets checked."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from presslens.record import check_offsets

pytestmark = pytest.mark.model


def entities(nlp: Any, body: str) -> list[dict[str, Any]]:
    rec = analyze_text(nlp, "Harbour Notes\n\n" + body)
    assert check_offsets(rec) == [], check_offsets(rec)
    return list(rec["entities"])


def test_a_name_does_not_keep_the_bracket_of_its_acronym_open(nlp: Any) -> None:
    ents = entities(nlp, "Officials of the Donetsk People's Republic (DPR) said two people were killed.")
    names = [e["name"] for e in ents]
    assert "Donetsk People's Republic" in names and not any("(" in n and ")" not in n for n in names)


@pytest.mark.parametrize("zone", ["BJT", "HKT", "KST", "PKT", "SAST"])
def test_a_time_zone_is_no_entity(nlp: Any, zone: str) -> None:
    ents = entities(nlp, f"The figure reached 1,912 as of 6:05 a.m. {zone} on Tuesday (2205 GMT on Monday), the institute said.")
    assert all(e["name"] not in (zone, "GMT") for e in ents)


def test_one_city_is_one_place_not_also_a_person(nlp: Any) -> None:
    ents = entities(nlp, "Fighting spread across Khartoum on Monday. Residents of Khartoum fled south. "
                         "Khartoum said nothing. In Khartoum, shops were shut.")
    khartoum = [e for e in ents if e["name"] == "Khartoum"]
    assert [e["label"] for e in khartoum] == ["GPE"]
