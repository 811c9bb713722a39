"""export/gdelt_events.py: a record's events as GDELT Events 2.0 rows (issue 4), and ``export --format
gdelt-events`` (issue 10)."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.export import write_export
from presslens.export.gdelt_events import GDELT_EVENT_COLUMNS, gdelt_event_lines, gdelt_event_rows
from presslens.export.tables import plover_to_cameo
from presslens.record import schema

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


def test_ids_are_pinned_and_lines_tab_separated() -> None:
    # GLOBALEVENTID: the first 48 bits of sha256("RECORD_ID:EVENT_ID"), pinned so that a change is seen
    assert [r[0] for r in gdelt_event_rows(RECORD)] == ["111858523380062", "226589683710587"]
    assert all(line.count("\t") == 60 for line in gdelt_event_lines(RECORD))


SCHEMA_TYPES: list[str] = schema()["properties"]["events"]["items"]["properties"]["type"]["enum"]


def test_the_schema_names_the_sixteen_plover_types() -> None:
    assert len(SCHEMA_TYPES) == 16 and len(set(SCHEMA_TYPES)) == 16


@pytest.mark.parametrize("plover", SCHEMA_TYPES)
def test_every_plover_type_of_the_schema_has_a_cameo_code(plover: str) -> None:
    assert plover in plover_to_cameo(), f"data/plover_cameo.json has no CAMEO code for {plover}"
    code, quad = plover_to_cameo()[plover]
    assert code.isdigit() and 3 <= len(code) <= 4 and quad in (1, 2, 3, 4)
    event = dict(RECORD["events"][0], type=plover)
    row = dict(zip(GDELT_EVENT_COLUMNS, gdelt_event_rows(dict(RECORD, events=[event]))[0], strict=True))
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (code, code[:3], code[:2])
    assert row["QuadClass"] == str(quad)


def test_the_table_maps_only_schema_types() -> None:
    assert set(plover_to_cameo()) == set(SCHEMA_TYPES)


def test_export_format_writes_one_line_per_event(tmp_path) -> None:
    out = tmp_path / "events.tsv"
    no_events = dict(RECORD, id="def456def456", events=[])
    assert write_export([RECORD, no_events], "gdelt-events", out) == 2
    assert out.read_text(encoding="utf-8").splitlines() == gdelt_event_lines(RECORD)
