"""An event's negation and modality survive into what people read and what they export (issue 14): "I don't
agree to a truce" reads as "not AGREE" in ``analyze --format text`` and the Parquet export keeps ``negated`` and
``modality``; GDELT Events, whose rows have no negation, writes no row for a negated event and ``presslens
export`` says how many it left out. The records come from the real pipeline on an invented article."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from conftest import analyze_text
from presslens.cli import cli
from presslens.export import write_export
from presslens.export.gdelt_common import RowContext
from presslens.export.gdelt_events import GDELT_EVENT_COLUMNS, gdelt_event_rows
from presslens.record.events import event_label
from presslens.summary import render_text

BODY = (
    "Truce talks stall\n\n"
    "\"I don't agree to a truce,\" Omar Haddad told reporters on Monday. "
    "The Teral army may attack Lakeside. Hamas did not sign the agreement."
)


def test_event_label_reads_negation_and_modality() -> None:
    assert event_label({"type": "AGREE", "negated": False, "modality": "asserted"}) == "AGREE"
    assert event_label({"type": "AGREE", "negated": True, "modality": "asserted"}) == "not AGREE"
    assert event_label({"type": "ASSAULT", "negated": False, "modality": "possible"}) == "ASSAULT (possible)"
    assert event_label({"type": "AID", "negated": True, "modality": "intended"}) == "not AID (intended)"
    assert event_label({"type": "REQUEST"}) == "REQUEST"  # a record without the fields reads as asserted


@pytest.fixture(scope="module")
def record(nlp: Any) -> dict[str, Any]:
    rec = analyze_text(nlp, BODY, published="2024-05-06")
    agree = [e for e in rec["events"] if e["type"] == "AGREE"]
    assert agree and all(e["negated"] for e in agree), rec["events"]
    assert any(e["modality"] == "possible" for e in rec["events"]), rec["events"]
    return rec


@pytest.mark.model
def test_text_output_shows_not_agree_and_the_modality(record: dict[str, Any]) -> None:
    text = render_text(record)
    events = text[text.index("   events (") :].splitlines()[1:]
    agree = [line for line in events if "“agree”" in line]
    assert len(agree) == 1 and agree[0].split()[:2] == ["not", "AGREE"], events
    assert any(line.split()[:2] == ["ASSAULT", "(possible)"] and "“attack”" in line for line in events), events
    assert not any(line.split()[0] == "AGREE" for line in events), events


@pytest.mark.model
def test_parquet_keeps_negated_and_modality(record: dict[str, Any], tmp_path: Any) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert write_export([record], "parquet", out) == 1
    table = pq.read_table(out)
    fields = {f.name: str(f.type) for f in table.schema.field("events").type.value_type}
    assert fields["negated"] == "bool" and fields["modality"] == "string"
    [row] = table.to_pylist()
    got = [(e["type"], e["trigger"]["text"], e["negated"], e["modality"]) for e in row["events"]]
    want = [(e["type"], e["trigger"]["text"], e["negated"], e["modality"]) for e in record["events"]]
    assert got == want and ("AGREE", "agree", True, "asserted") in got


@pytest.mark.model
def test_gdelt_events_writes_no_row_for_a_negated_event(record: dict[str, Any], tmp_path: Any) -> None:
    ctx = RowContext()
    rows = [dict(zip(GDELT_EVENT_COLUMNS, r, strict=True)) for r in gdelt_event_rows(record, ctx)]
    negated = [e for e in record["events"] if e["negated"]]
    assert len(rows) == len(record["events"]) - len(negated) >= 1
    assert ctx.left_out == [f"{record['id']}:{e['id']}" for e in negated]
    left_out: list[str] = []
    assert write_export([record], "gdelt-events", tmp_path / "e.CSV", left_out=left_out) == 1
    assert left_out == ctx.left_out and len((tmp_path / "e.CSV").read_text(encoding="utf-8").splitlines()) == len(rows)


@pytest.mark.model
def test_export_says_how_many_negated_events_it_left_out(record: dict[str, Any], tmp_path: Any) -> None:
    from presslens.store.db import Store

    db = tmp_path / "c.db"
    with Store.open(db) as store:
        store.insert_records([record])
    n = sum(e["negated"] for e in record["events"])
    out = tmp_path / "c.export.CSV"
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "gdelt-events", "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert f"left out {n} negated event" in res.stderr and "wrote 1 article" in res.stderr, res.stderr
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "jsonl", "--output", str(tmp_path / "c.jsonl")])
    assert res.exit_code == 0 and "left out" not in res.stderr, res.output
