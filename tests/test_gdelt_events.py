"""export/gdelt_events.py: a record's events as GDELT Events 2.0 rows (issue 4), and ``export --format
gdelt-events`` (issue 10)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from presslens.export import write_export
from presslens.export.gdelt_common import RowContext
from presslens.export.gdelt_events import (
    GDELT_EVENT_COLUMNS,
    actor_role,
    date_fields,
    gdelt_event_lines,
    gdelt_event_rows,
)
from presslens.export.tables import plover_to_cameo, quad_class
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
    assert first["IsRootEvent"] == "1" and first["GoldsteinScale"] == "-9.0" and first["AvgTone"] == "0"
    assert first["DATEADDED"] == "20210522081300" and first["SOURCEURL"] == "https://example.org/story"
    assert (first["Actor1Geo_Type"], first["Actor1Geo_FullName"], first["Actor1Geo_CountryCode"]) == ("1", "Israel", "IS")
    assert first["ActionGeo_Type"] == "0" and first["ActionGeo_FullName"] == ""  # no place: GDELT's 0
    second = row(1)
    assert second["SQLDATE"] == "20210522"  # a year-only date falls back to the publication day
    assert second["Actor1Name"] == "" and second["Actor2Name"] == "ISRAEL" and second["Actor2Code"] == ""
    assert (second["Actor1Geo_Type"], second["Actor2Geo_Type"]) == ("0", "0")
    assert (second["ActionGeo_Type"], second["ActionGeo_FullName"], second["ActionGeo_CountryCode"]) == (
        "4", "Tehran, Iran", "IR")
    assert (second["ActionGeo_Lat"], second["ActionGeo_Long"]) == ("35.6944", "51.4215")
    assert second["ActionGeo_FeatureID"] == "112931"  # GeoNames id of Tehran
    assert second["IsRootEvent"] == "0"
    assert (second["EventCode"], second["QuadClass"], second["GoldsteinScale"]) == ("140", "3", "-6.5")  # PROTEST


def test_fraction_date_is_gdelts() -> None:
    # GDELT: year + ((month - 1) * 30 + day) / 365, so 2018-12-31 is 2018.9890 (day-of-year would give 2019.0000)
    assert date_fields(datetime(2018, 12, 31)) == ["20181231", "201812", "2018", "2018.9890"]
    assert date_fields(datetime(2018, 10, 24))[3] == "2018.8055"  # as the real Events file writes that day


def test_dates_fall_back_to_publication_then_ingest_and_local_files_cite_their_path() -> None:
    undated = dict(RECORD, source={"path": "corpus/story.txt", "format": "text"},
                   article=dict(RECORD["article"], published=None))
    rows = gdelt_event_rows(undated, RowContext(seq=3, ingested="2026-12-01T23:10:53Z"))
    fields = dict(zip(GDELT_EVENT_COLUMNS, rows[1], strict=True))
    assert fields["SQLDATE"] == "20261201" and fields["DATEADDED"] == "20261201231053"
    assert fields["SOURCEURL"] == "corpus/story.txt"  # the codebook's citation for a document not online
    assert dict(zip(GDELT_EVENT_COLUMNS, rows[0], strict=True))["SQLDATE"] == "20210510"  # its own day


def test_actor_codes_are_country_plus_cameo_role() -> None:
    minister = {"id": "E9", "name": "Ana Ribeiro", "label": "PERSON", "country": "PT", "mentions": [],
                "titles": ["Interior Minister"]}
    police = {"id": "E8", "name": "Braga police", "label": "ORG", "country": None, "mentions": [], "titles": []}
    assert actor_role(minister) == "GOV" and actor_role(police) == "COP" and actor_role(RECORD["entities"][0]) == ""
    event = dict(RECORD["events"][0], actor={"entity": "E9", "text": "Ribeiro"}, target={"entity": "E8", "text": "x"})
    rec = dict(RECORD, entities=RECORD["entities"] + [minister, police], events=[event])
    fields = dict(zip(GDELT_EVENT_COLUMNS, gdelt_event_rows(rec)[0], strict=True))
    assert (fields["Actor1Code"], fields["Actor1CountryCode"], fields["Actor1Type1Code"]) == ("PRTGOV", "PRT", "GOV")
    assert (fields["Actor2Code"], fields["Actor2CountryCode"], fields["Actor2Type1Code"]) == ("COP", "", "COP")


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
    assert row["QuadClass"] == str(quad) == str(quad_class(code))


def test_the_table_maps_only_schema_types() -> None:
    assert set(plover_to_cameo()) == set(SCHEMA_TYPES)


def test_export_format_writes_one_line_per_event(tmp_path) -> None:
    out = tmp_path / "events.tsv"
    no_events = dict(RECORD, id="def456def456", events=[])
    assert write_export([RECORD, no_events], "gdelt-events", out) == 2
    assert out.read_text(encoding="utf-8").splitlines() == gdelt_event_lines(RECORD)
