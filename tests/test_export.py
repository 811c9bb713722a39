"""Export (export/): jsonl gives back the records, parquet has typed columns, gkg has GKG 2.1's 27
columns as the codebook writes them, with our speaker attribution in V2EXTRASXML."""

from __future__ import annotations

import json
import re

import pytest

from corpus_articles import shared_corpus
from presslens.errors import PresslensError
from presslens.export import export, records_path, write_export
from presslens.export.gdelt_syntax import gkg_malformed, parse_quotations
from presslens.export.gkg import GKG_COLUMNS, gkg_row
from presslens.export.gkg_fields import quote_text
from presslens.store.db import Store


@pytest.fixture(scope="module")
def store():
    s = Store.open(shared_corpus(), readonly=True)
    yield s
    s.close()


@pytest.mark.model
def test_jsonl_gives_back_every_record(store, tmp_path):
    out = tmp_path / "c.jsonl"
    assert export(store, "jsonl", out) == 13
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len({r["id"] for r in records}) == 13
    assert all(r == store.get_record(r["id"]) for r in records)


@pytest.mark.model
def test_parquet_has_typed_nested_columns(store, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "c.parquet"
    assert export(store, "parquet", out) == 13
    table = pq.read_table(out)
    assert table.num_rows == 13
    assert {"id", "title", "outlet", "published", "text", "entities", "quotes", "claims"} <= set(table.schema.names)
    rows = table.to_pylist()
    annotated = next(r for r in rows if r["title"] == "Minister defends flood response in Braga")
    quote = next(q for q in annotated["quotes"] if q["id"] == "QT1")
    assert quote["cue"]["text"] == "told" and quote["speaker"]["text"] == "Ribeiro"


@pytest.mark.model
def test_gkg_columns_counts_and_attributed_quotations(store, tmp_path):
    out = tmp_path / "c.gkg"
    assert export(store, "gkg", out, with_records=True) == 13
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 13
    assert all(len(line.split("\t")) == len(GKG_COLUMNS) == 27 for line in lines)
    ids = [line.split("\t")[0] for line in lines]
    assert len(set(ids)) == 13 and all(re.fullmatch(r"\d{14}-\d+", i) for i in ids)
    side = [json.loads(line) for line in records_path(out).read_text(encoding="utf-8").splitlines()]
    assert [s["GKGRECORDID"] for s in side] == ids and side[0]["record"] == next(store.iter_records())
    rec = next(r for r in store.iter_records() if r["article"]["title"] == "Minister defends flood response in Braga")
    row = dict(zip(GKG_COLUMNS, gkg_row(rec), strict=True))
    assert row["GKGRECORDID"] == "20240306000000-0" and row["V2.1DATE"] == "20240306000000"
    assert row["V2SOURCECOMMONNAME"] == "Coastal Wire"
    assert row["V2SOURCECOLLECTIONIDENTIFIER"] == "2" and row["V2DOCUMENTIDENTIFIER"] == rec["source"]["path"]
    quotes = parse_quotations(row["V2.1QUOTATIONS"])
    qt1 = next(q for q in rec["quotes"] if q["id"] == "QT1")
    ours = next(q for q in quotes if q[:2] == (qt1["content"]["start"], len(qt1["content"]["text"])))
    assert ours[2] == "told" and ours[3] == qt1["content"]["text"]
    text = rec["article"]["text"]
    assert all(quote_text(text[o : o + n]) == q for o, n, _verb, q in quotes)  # every quotation points at its text
    assert f'<PL_QUOTE id="QT1" offset="{qt1["content"]["start"]}"' in row["V2EXTRASXML"]
    assert 'speaker="Ana Ribeiro"' in row["V2EXTRASXML"] and 'cue="told"' in row["V2EXTRASXML"]
    assert any(c.startswith("KILL#15#people#") for c in row["V1COUNTS"].split(";"))
    assert "KILL" in row["V1THEMES"].split(";")
    assert "15,people," in row["V2.1AMOUNTS"]
    assert "1#0#0#2024" not in row["V2.1ENHANCEDDATES"] and "3#3#2#2024#" in row["V2.1ENHANCEDDATES"]
    ana = next(e for e in rec["entities"] if e["name"] == "Ana Ribeiro")
    assert "ana ribeiro" in row["V1PERSONS"].split(";")
    assert f"Ana Ribeiro,{ana['mentions'][0]['start']}" in row["V2ENHANCEDPERSONS"].split(";")
    assert row["V1.5TONE"] == f"0,0,0,0,0,0,{len(text.split())}" and row["V2GCAM"] == f"wc:{len(text.split())}"
    assert '<PL_FRAME category="loaded" voice="reported" count="1"/>' in row["V2EXTRASXML"]
    assert row["V2EXTRASXML"].startswith("<PAGE_TITLE>Minister defends flood response in Braga</PAGE_TITLE>")
    assert all(not gkg_malformed(line.split("\t")) for line in lines)


@pytest.mark.model
def test_gkg_separators_in_text_cannot_break_columns(store):
    rec = next(r for r in store.iter_records() if r["article"]["outlet"] == "Evil Gazette")
    row = gkg_row(rec)
    assert len(row) == 27 and not any("\t" in v or "\n" in v for v in row)
    assert "&lt;script&gt;" in row[-1]


def test_unknown_format_and_unwritable_output(tmp_path):
    with pytest.raises(PresslensError) as err:
        write_export([], "csv", tmp_path / "x")
    assert err.value.code == "PL048"
    with pytest.raises(PresslensError) as err:
        write_export([], "jsonl", tmp_path / "no" / "such" / "dir" / "x.jsonl")
    assert err.value.code == "PL047"
