"""The presslens command as a user runs it: analyze (jsonl/json/text), exit status, info."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT, SEED_DIR
from presslens.cli import cli

pytestmark = pytest.mark.model
PRESSLENS = [sys.executable, "-m", "presslens.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*PRESSLENS, *args], input=stdin, capture_output=True, cwd=ROOT, timeout=300)


def test_info_json_names_a_loadable_pipeline() -> None:
    result = CliRunner().invoke(cli, ["info", "--format", "json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert {"version", "spacy_model"} <= info.keys()
    import spacy

    assert spacy.load(info["spacy_model"]).meta["name"] == "core_web_md"


def test_analyze_examples_jsonl_one_record_per_article() -> None:
    proc = run("analyze", str(EXAMPLES), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    recs = [json.loads(line) for line in lines]
    formats = {r["source"]["format"] for r in recs}
    assert {"text", "html", "rss", "jsonl"} <= formats, formats
    assert all(r["schema"] == "presslens.record/1" for r in recs)


def test_bad_inputs_each_get_a_record_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    cp1252 = tmp_path / "story.txt"
    cp1252.write_bytes("Caf\u00e9 prices rise\n\nThe owner said \u201cprices rose by \u20ac2\u201d on Monday.".encode("cp1252"))
    proc = run("analyze", str(empty), str(binary), str(cp1252), "--format", "jsonl")
    assert proc.returncode == 1, proc.stderr.decode()
    recs = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(recs) == 3
    assert recs[0]["errors"] and recs[1]["errors"]
    assert recs[2]["errors"] == []
    assert "\u20ac2" in recs[2]["article"]["text"] and "Caf\u00e9" in recs[2]["article"]["title"]


def test_missing_path_is_a_record_with_an_error() -> None:
    proc = run("analyze", "/no/such/file.txt")
    assert proc.returncode == 1
    rec = json.loads(proc.stdout.decode().splitlines()[0])
    assert rec["errors"][0]["code"] == "PL001"


def test_stdin_and_text_format() -> None:
    proc = run("analyze", "-", "--format", "text", stdin=b"Mayor resigns\n\nThe mayor of Portby resigned on Monday, officials said.")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "== Mayor resigns" in proc.stdout.decode()


def test_seed_json_format() -> None:
    if not SEED_DIR.exists():
        pytest.skip("../shared/seed is absent")
    proc = run("analyze", str(SEED_DIR / "article.txt"), "--format", "json")
    assert proc.returncode == 0
    recs = json.loads(proc.stdout.decode())
    assert recs[0]["article"]["published"] == "2021-05-22T08:13"
    assert recs[0]["article"]["outlet"] == "Press TV"


def test_train_framing_then_analyze_with_the_model(tmp_path: Path) -> None:
    from conftest import FIXTURES

    out = tmp_path / "framing-model"
    proc = run("train", "framing", "--data", str(FIXTURES / "framing"), "--output", str(out), "--iterations", "3")
    assert proc.returncode == 0, proc.stderr.decode()
    assert (out / "meta.json").exists() or any(out.iterdir())
    story = tmp_path / "story.txt"
    story.write_text("Minister slams rivals\n\nThe minister called the rivals traitors, officials said on Monday.", encoding="utf-8")
    proc = run("analyze", str(story), "--framing-model", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    rec = json.loads(proc.stdout.decode().splitlines()[0])
    assert rec["errors"] == []


def test_workers_give_the_same_records_in_order() -> None:
    one = run("analyze", str(EXAMPLES))
    two = run("analyze", str(EXAMPLES), "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr.decode()
    assert one.stdout == two.stdout


def test_ingest_twice_then_search_jsonl(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    first = run("ingest", str(EXAMPLES), "--db", str(db), "--format", "json")
    assert first.returncode == 0, first.stderr.decode()
    second = run("ingest", str(EXAMPLES), "--db", str(db), "--format", "json")
    assert second.returncode == 0, second.stderr.decode()
    s1, s2 = json.loads(first.stdout), json.loads(second.stdout)
    n = 9  # the six articles of examples/ and the three outlets of examples/story/
    assert s1["stored"] == n and s2["stored"] == 0 and s2["already_present"] == n, (s1, s2)
    hits = run("search", "ceasefire", "--db", str(db), "--format", "jsonl")
    assert hits.returncode == 0, hits.stderr.decode()
    rows = [json.loads(x) for x in hits.stdout.decode().splitlines()]
    assert rows and {"id", "title", "outlet", "published"} <= rows[0].keys()
    assert any("Ceasefire" in r["title"] for r in rows)
