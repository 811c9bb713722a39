"""A real GDELT reader on our exports and on GDELT's own files (issue 15): gdelt-py (the GDELT client on PyPI)
and pandas with GDELT's column names load every row; every field has the codebook's syntax; each quotation's
offset and length point at the quote in the article text. The real files in ../shared/data/gdelt/ go through
the same functions (export/gdelt_readers.py)."""

from __future__ import annotations

import pytest

from conftest import DATA, need_shared
from corpus_articles import shared_corpus
from presslens.export import export, records_path
from presslens.export.gdelt_readers import (
    file_bytes,
    gdeltpy_loaded,
    pandas_frame,
    quotation_report,
    record_texts,
    syntax_report,
)
from presslens.store.db import Store

GDELT = DATA / "gdelt"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("gdelt")
    with Store.open(shared_corpus(), readonly=True) as store:
        assert export(store, "gkg", out / "c.gkg.csv", with_records=True) == 13
        assert export(store, "gdelt-events", out / "c.export.CSV") == 13
    return out


@pytest.mark.model
def test_gdelt_py_and_pandas_load_every_gkg_row_and_quotations_point_at_text(exported) -> None:
    data = file_bytes(exported / "c.gkg.csv")
    frame = pandas_frame(data, "gkg")
    assert len(frame) == 13 and list(frame.columns)[:2] == ["GKGRECORDID", "V2.1DATE"]
    assert gdeltpy_loaded(data, "gkg") == 13
    report = syntax_report(data, "gkg")
    assert report["rows"] == 13 and report["malformed_fields"] == 0, report["by_column"]
    quotes = quotation_report(data, record_texts(records_path(exported / "c.gkg.csv")))
    assert quotes["quotations"] >= 10 and quotes["unparsed"] == 0
    assert quotes["point_at_text"] == quotes["parsed"] == quotes["quotations"]


@pytest.mark.model
def test_gdelt_py_and_pandas_load_every_event_row(exported) -> None:
    data = file_bytes(exported / "c.export.CSV")
    rows = data.decode("utf-8").count("\n")
    assert rows >= 5
    frame = pandas_frame(data, "events")
    assert len(frame) == rows and set(frame["QuadClass"]) <= {"1", "2", "3", "4"}
    assert gdeltpy_loaded(data, "events") == rows
    report = syntax_report(data, "events")
    assert report["malformed_fields"] == 0 and report["inconsistent"] == {}, report


def test_the_real_gdelt_files_through_the_same_readers() -> None:
    for name in ("20230702153000.gkg.csv.zip", "20191024143000.export.CSV"):
        need_shared(GDELT / name, "the readers are checked on GDELT's own files")
    gkg = file_bytes(GDELT / "20230702153000.gkg.csv.zip")
    assert gdeltpy_loaded(gkg, "gkg") == len(pandas_frame(gkg, "gkg")) == 951
    report = syntax_report(gkg, "gkg")
    # one real row has a nine-field V1 location ("0#Georgia, , Georgia#GG#GG#42#.5#1#GG"): GDELT's own slip
    assert report["malformed_rows"] <= 1 and set(report["by_column"]) <= {"V1LOCATIONS", "V2ENHANCEDLOCATIONS"}
    quotes = quotation_report(gkg, None)
    assert quotes["quotations"] == quotes["parsed"] > 100 and quotes["unparsed"] == 0
    events = file_bytes(GDELT / "20191024143000.export.CSV")
    assert gdeltpy_loaded(events, "events") == len(pandas_frame(events, "events")) == 2111
    report = syntax_report(events, "events")
    assert report["malformed_fields"] == 0 and report["inconsistent"] == {}


@pytest.mark.model
def test_the_export_command_writes_the_records_beside_the_gkg_file(tmp_path) -> None:
    from click.testing import CliRunner

    from presslens.cli.corpus import export_command

    out = tmp_path / "c.gkg.csv"
    args = ["--db", str(shared_corpus()), "--format", "gkg", "--output", str(out), "--with-records"]
    result = CliRunner().invoke(export_command, args)
    assert result.exit_code == 0, result.output
    ids = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()]
    assert list(record_texts(records_path(out))) == ids and len(ids) == 13
