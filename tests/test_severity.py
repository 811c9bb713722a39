"""Errors with a severity (issue 10): an `error` fails the article (exit status 1, counted failed); a `warning`
leaves the record good (stored, counted ok, exit status 0). The input with a warning here is a gzip file whose
trailer was cut off: its whole text is read, and the reader notes the truncation (PL014)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from presslens.engines.work import RunStats
from presslens.errors import MESSAGES, WARNINGS, error, is_failed, only, severity, severity_of
from presslens.readers import raw_article
from presslens.record import error_record

STORY = (
    "Harbour pilots end strike in Portby\n\n"
    "Harbour pilots in Portby returned to work on Tuesday after a two-day strike, the port authority said.\n\n"
    '"The ships are moving again," said Mara Quint, a spokeswoman for the authority.'
)


def test_each_code_has_one_severity_and_the_warnings_are_known() -> None:
    assert WARNINGS == {"PL005", "PL014", "PL017", "PL037", "PL061", "PL126"}
    assert WARNINGS <= MESSAGES.keys()
    assert {code for code in MESSAGES if severity(code) == "warning"} == WARNINGS
    assert error("PL014", path="x", reason="y")["severity"] == "warning"
    assert error("PL001", path="x", reason="y")["severity"] == "error"


def test_only_errors_fail_a_record() -> None:
    warning, failure = error("PL005", path="x", encoding="cp1252", bad=1), error("PL002", path="x")
    assert not is_failed({"errors": []})
    assert not is_failed({"errors": [warning]})
    assert is_failed({"errors": [warning, failure]})
    assert only([warning, failure], "warning") == [warning] and only([warning, failure], "error") == [failure]
    # a record stored before severities existed carries none: its code decides
    assert severity_of({"code": "PL061", "message": "m"}) == "warning"
    assert is_failed({"errors": [{"code": "PL001", "message": "m"}]})


def test_engine_counts_a_warning_as_ok() -> None:
    stats = RunStats(read=3)
    for errors in ([], [error("PL014", path="x", reason="y")], [error("PL002", path="x")]):
        stats.count({"errors": errors})
    assert (stats.ok, stats.failed, stats.warned) == (2, 1, 1) and stats.adds_up()


def test_an_error_record_keeps_its_id() -> None:
    # the id hashes the source and what the errors say, not their severity: the same id as before severities
    errors = [error("PL002", path="x.txt")]
    rec = error_record(raw_article({"path": "x.txt", "format": "text"}, None, errors=errors), errors)
    assert rec["id"] == "err-7be475d70f305f4d83fb"


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(STORY.encode("utf-8"))[:-6])  # the CRC and size trailer lost
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return {"cut": cut, "empty": empty}


def analyze(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "presslens.cli", "analyze", *args], capture_output=True, cwd=ROOT,
                          timeout=300)


@pytest.mark.model
def test_analyze_exits_0_on_a_warning_and_1_on_an_error(inputs: dict[str, Path]) -> None:
    proc = analyze(str(inputs["cut"]))
    assert proc.returncode == 0, proc.stderr.decode()
    rec = json.loads(proc.stdout)
    assert [(e["code"], e["severity"]) for e in rec["errors"]] == [("PL014", "warning")]
    assert rec["article"]["text"].endswith("said Mara Quint, a spokeswoman for the authority.")
    assert rec["quotes"], "the record is analysed like any other"
    proc = analyze(str(inputs["cut"]), "--format", "text")
    assert proc.returncode == 0 and "   WARNING PL014: " in proc.stdout.decode()
    proc = analyze(str(inputs["cut"]), str(inputs["empty"]))
    assert proc.returncode == 1, proc.stderr.decode()
    codes = [[(e["code"], e["severity"]) for e in json.loads(line)["errors"]] for line in proc.stdout.splitlines()]
    assert codes == [[("PL014", "warning")], [("PL002", "error")]]


@pytest.mark.model
def test_ingest_stores_a_warned_article_and_does_not_count_it_failed(inputs: dict[str, Path], tmp_path: Path) -> None:
    from presslens.cli.corpus import ingest_command
    from presslens.store.db import Store

    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(ingest_command, [str(inputs["cut"]), "--db", db, "--no-progress", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)  # the warning is also on stderr
    assert (summary["read"], summary["stored"], summary["failed"], summary["warned"]) == (1, 1, 0, 1), summary
    assert summary["reasons"] == [] and summary["warnings"][0]["warning"].startswith("PL014: ")
    with Store.open(db, readonly=True) as store:
        [rec] = list(store.iter_records())
    assert rec["errors"][0]["severity"] == "warning"
    from fastapi.testclient import TestClient

    from presslens.web.app import create_app

    page = TestClient(create_app(db), base_url="http://127.0.0.1").get(f"/article/{rec['id']}").text
    assert "<h2>Warnings</h2>" in page and "<code>PL014</code>" in page and "<h2>Errors</h2>" not in page
    result = CliRunner().invoke(ingest_command, [str(inputs["cut"]), str(inputs["empty"]), "--db", db, "--no-progress"])
    assert result.exit_code == 1, result.output
    assert "read 2, stored 0, already present 1, failed 1" in result.output
    assert "failed: " in result.output and "PL002" in result.output
