"""Ingest (ingest.py and the corpus CLI commands): idempotent, every input accounted for, and crash-safe:
a run killed with SIGKILL inside a write transaction leaves no half-stored article, and a second run
completes the corpus with every article stored once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import presslens
from corpus_articles import ARTICLES, HOSTILE, write_corpus
from presslens.cli.corpus import (
    compare_command,
    export_command,
    ingest_command,
    search_command,
    serve_command,
)
from presslens.ingest import ingest
from presslens.store.db import Store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    f = tmp_path_factory.mktemp("articles")
    write_corpus(f)
    return f


def test_same_eleven_articles_twice_leaves_eleven(folder, tmp_path):
    db = tmp_path / "c.db"
    first = ingest([str(folder)], db, progress=False)
    assert (first.read, first.stored, first.present, first.failed) == (11, 11, 0, 0), first.text()
    second = ingest([str(folder)], db, progress=False)
    assert (second.read, second.stored, second.present, second.failed) == (11, 0, 11, 0), second.text()
    with Store.open(db, readonly=True) as s:
        assert s.count_articles() == 11
        assert set(s.orphan_rows().values()) == {0}


def test_cli_ingest_summary_exit_status_and_search_jsonl(folder, tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    result = runner.invoke(ingest_command, [str(folder), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "read 11, stored 11, already present 0, failed 0" in result.output
    result = runner.invoke(ingest_command, [str(folder), str(tmp_path / "missing.txt"), "--db", db, "--no-progress",
                                            "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "read 12, stored 0, already present 11, failed 1" in result.output
    assert "missing.txt: PL001" in result.output
    result = runner.invoke(search_command, ["floods", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert len(hits) == 3 and all({"id", "title", "outlet", "published"} <= h.keys() for h in hits)
    result = runner.invoke(search_command, ["--db", db, "--outlet", "Coastal Wire"])
    assert result.exit_code == 0 and result.output.startswith("3 matches"), result.output
    out = tmp_path / "c.gkg"
    result = runner.invoke(export_command, ["--db", db, "--format", "gkg", "--output", str(out)])
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 11, result.output
    result = runner.invoke(compare_command, ["Lisbon", "--db", db])
    assert result.exit_code == 0 and "== Daily Ledger" in result.output, result.output
    result = runner.invoke(search_command, ["x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "PL040" in result.output  # a read command on no corpus: cannot start


def test_serve_binds_localhost_by_default():
    from presslens.web.app import DEFAULT_HOST, DEFAULT_PORT

    defaults = {p.name: p.default for p in serve_command.params}
    assert defaults["host"] == DEFAULT_HOST == "127.0.0.1" and defaults["port"] == DEFAULT_PORT == 8000


DRIVER = r"""
import sys, time
from presslens.ingest import ingest
from presslens.store.db import Store

db, folder = sys.argv[1], sys.argv[2]
store = Store.open(db)
state = {"commits": 0}

def trace(sql):
    s = sql.strip().upper()
    if s == "COMMIT":
        state["commits"] += 1
    elif s.startswith("INSERT INTO ARTICLES") and state["commits"] >= 1:
        print("IN-TX", flush=True)  # inside the second batch's transaction, rows already written
        time.sleep(60)

store.conn.set_trace_callback(trace)
ingest([folder], store, batch_size=4, progress=False)
print("DONE", flush=True)
"""


def test_kill_9_inside_a_transaction_then_resume(tmp_path):
    folder = tmp_path / "articles"
    write_corpus(folder, ARTICLES + [HOSTILE])
    db = tmp_path / "c.db"
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    env = dict(os.environ)
    src = str(Path(presslens.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([src, env.get("PYTHONPATH", "")])
    proc = subprocess.Popen(
        [sys.executable, str(driver), str(db), str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.strip() == "IN-TX", (line, proc.stderr.read() if proc.stderr else "")
        # the second batch has begun writing: rows of its first article are in the open transaction
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with Store.open(db) as s:  # opening replays the WAL: only committed batches survive
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert s.count_articles() == 4  # the first batch, whole; nothing of the second
        assert set(s.orphan_rows().values()) == {0}
        stored_before = {r[0] for r in s.query("SELECT id FROM articles")}
    summary = ingest([str(folder)], db, batch_size=4, progress=False)
    assert (summary.read, summary.stored, summary.present, summary.failed) == (12, 8, 4, 0), summary.text()
    with Store.open(db, readonly=True) as s:
        assert s.count_articles() == 12
        assert stored_before <= {r[0] for r in s.query("SELECT id FROM articles")}
        assert set(s.orphan_rows().values()) == {0}
        for rec in s.iter_records():  # every article whole: each list fully in its table
            n = s.query("SELECT count(*) FROM mentions WHERE article_id = ?", (rec["id"],))[0][0]
            assert n == sum(len(e["mentions"]) for e in rec["entities"])
            assert s.query("SELECT count(*) FROM quotes WHERE article_id = ?", (rec["id"],))[0][0] == len(rec["quotes"])
