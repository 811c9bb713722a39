"""gdelt_events.py: a record's events as GDELT Events 2.0 rows (issue 4)."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.gdelt_events import GDELT_EVENT_COLUMNS, PLOVER_TO_CAMEO, gdelt_event_lines, gdelt_event_rows

RECORD: dict[str, Any] = {
    "id": "abc123abc123",
    "source": {"url": "https://example.org/story", "format": "html"},
    "article": {
        "published": "2021-05-22T08:13",
        "text": "x" * 200,
        "blocks": [{"kind": "title", "start": 0, "end": 10}, {"kind": "paragraph", "start": 12, "end": 100}],
    },
    "entities": [
        {"id": "E1", "name": "Israel", "label": "GPE", "country": "IL", "mentions": [], "titles": []},
        {"id": "E2", "name": "Gaza Strip", "label": "GPE", "country": "PS", "mentions": [], "titles": [],
         "coordinates": [31.42, 34.36]},
        {"id": "E3", "name": "Tehran", "label": "GPE", "country": "IR", "mentions": [], "titles": [],
         "coordinates": [35.6944, 51.4215]},
    ],
    "events": [
        {"id": "EV1", "type": "ASSAULT", "trigger": {"text": "x", "start": 20, "end": 21},
         "actor": {"entity": "E1", "text": "Israel"}, "target": {"entity": "E2", "text": "Gaza"},
         "date": "2021-05-10", "place": None},
        {"id": "EV2", "type": "PROTEST", "trigger": {"text": "x", "start": 150, "end": 151}, "actor": None,
         "target": {"entity": None, "text": "Israel"}, "date": "2021", "place": {"entity": "E3", "text": "Tehran"}},
    ],
}


def row(i: int) -> dict[str, str]:
    return dict(zip(GDELT_EVENT_COLUMNS, gdelt_event_rows(RECORD)[i], strict=True))


def test_columns_are_gdelt_2_order() -> None:
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(set(GDELT_EVENT_COLUMNS)) == 61
    assert GDELT_EVENT_COLUMNS[:2] == ["GLOBALEVENTID", "SQLDATE"]
    assert GDELT_EVENT_COLUMNS[26:30] == ["EventCode", "EventBaseCode", "EventRootCode", "QuadClass"]
    assert GDELT_EVENT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    assert {len(r) for r in gdelt_event_rows(RECORD)} == {61}


def test_fields_that_map() -> None:
    first = row(0)
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == ("20210510", "202105", "2021")
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor2CountryCode"]) == ("ISR", "ISRAEL", "PSE")
    assert (first["EventCode"], first["EventRootCode"], first["QuadClass"]) == ("180", "18", "4")
    assert first["IsRootEvent"] == "1" and first["GoldsteinScale"] == "" and first["AvgTone"] == ""
    assert first["DATEADDED"] == "20210522081300" and first["SOURCEURL"] == "https://example.org/story"
    second = row(1)
    assert second["SQLDATE"] == "20210522"  # a year-only date falls back to the publication day
    assert second["Actor1Name"] == "" and second["Actor2Name"] == "ISRAEL" and second["Actor2Code"] == ""
    assert (second["ActionGeo_Type"], second["ActionGeo_FullName"], second["ActionGeo_CountryCode"]) == ("4", "Tehran", "IR")
    assert (second["ActionGeo_Lat"], second["ActionGeo_Long"]) == ("35.6944", "51.4215")
    assert second["IsRootEvent"] == "0"


def test_ids_are_stable_and_lines_tab_separated() -> None:
    assert gdelt_event_rows(RECORD)[0][0] == gdelt_event_rows(RECORD)[0][0]
    assert gdelt_event_rows(RECORD)[0][0] != gdelt_event_rows(RECORD)[1][0]
    assert all(line.count("\t") == 60 for line in gdelt_event_lines(RECORD))


@pytest.mark.parametrize("plover", sorted(PLOVER_TO_CAMEO))
def test_every_plover_type_has_a_cameo_code(plover: str) -> None:
    code, quad = PLOVER_TO_CAMEO[plover]
    assert code.isdigit() and 3 <= len(code) <= 4 and quad in (1, 2, 3, 4)
