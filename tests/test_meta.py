"""--outlet and --meta on analyze and ingest (real CLI, real pipeline, real SQLite), and wire copy read as
blocks: its dateline and agency credit give no quote speaker, claim source or entity."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import analyze_text
from presslens.cli import cli
from presslens.readers import raw_article
from presslens.readers.meta import load_meta
from presslens.structure import build_article

WIRE = (
    "Ceasefire holds in Gaza\n\n"
    "GAZA CITY, May 12 (Reuters) - Israeli air strikes killed 12 people on Tuesday, the Gaza health ministry said.\n\n"
    "\u201cWe are burying our children,\u201d said Ahmed Saleh, a resident of the city.\n\n"
    "(Reporting by Nidal al-Mughrabi; Editing by Tom Hogue)\n"
)


def kinds(text: str, **fields: object) -> list[tuple[str, str]]:
    article, errors = build_article(raw_article({"path": "t.txt", "format": "text"}, text, **fields))
    assert article is not None, errors
    return [(b["kind"], article["text"][b["start"] : b["end"]]) for b in article["blocks"]]


def test_wire_dateline_is_a_block_and_the_text_is_kept() -> None:
    article, _ = build_article(raw_article({"path": "t.txt", "format": "text"}, WIRE))
    assert article is not None
    assert "GAZA CITY, May 12 (Reuters) - Israeli air strikes" in article["text"]
    got = kinds(WIRE)
    assert got[1] == ("dateline", "GAZA CITY, May 12 (Reuters) -")
    assert got[2][0] == "paragraph" and got[2][1].startswith("Israeli air strikes")
    assert got[-1] == ("byline", "(Reporting by Nidal al-Mughrabi; Editing by Tom Hogue)")


@pytest.mark.parametrize(
    "line, dateline",
    [
        ("MOSCOW, May 20. /TASS/. Russia's foreign ministry said on Monday it would respond.", "MOSCOW, May 20. /TASS/."),
        ("PTI | Tehran | Iran said on Monday it would respond.", "PTI | Tehran |"),
        ("BEIJING, May 20 (Xinhua) -- China called for calm on Monday.", "BEIJING, May 20 (Xinhua) --"),
        ("TEHRAN (IRNA) - The foreign minister spoke on Monday.", "TEHRAN (IRNA) -"),
        ("GAZA CITY, Gaza Strip (AP) \u2014 Palestinians returned home on Friday.", "GAZA CITY, Gaza Strip (AP) \u2014"),
    ],
)
def test_agency_datelines(line: str, dateline: str) -> None:
    got = kinds(f"Some title here\n\n{line}\n\nA second paragraph, with more words.")
    assert got[1] == ("dateline", dateline)


def test_boilerplate_label_is_never_the_outlet() -> None:
    article, _ = build_article(raw_article({"path": "t", "format": "text"},
                                           "Strikes resume\nNews ID: 90490\nSummary\nThe strikes resumed, officials said.\n"))
    assert article is not None and article["outlet"] is None
    given, _ = build_article(raw_article({"path": "t", "format": "text"}, "Strikes resume\nSummary\nThe strikes resumed.\n",
                                         outlet="Daily Star"))
    assert given is not None and given["outlet"] == "Daily Star"


@pytest.mark.model
def test_wire_blocks_give_no_speaker_source_or_entity(nlp: object) -> None:
    rec = analyze_text(nlp, WIRE)
    text = rec["article"]["text"]
    dl = next(b for b in rec["article"]["blocks"] if b["kind"] == "dateline")
    credit = next(b for b in rec["article"]["blocks"] if b["kind"] == "byline")
    for lo, hi in ((dl["start"], dl["end"]), (credit["start"], credit["end"])):
        for e in rec["entities"]:
            assert not any(lo <= m["start"] < hi for m in e["mentions"]), (e["name"], text[lo:hi])
        for q in rec["quotes"]:
            sp = q.get("speaker") or {}
            assert not (sp.get("start") is not None and lo <= sp["start"] < hi), q
        for c in rec.get("claims") or []:
            src = c.get("source") or {}
            assert not (src.get("start") is not None and lo <= src["start"] < hi), c
    assert not any(e["name"] in ("Reuters", "GAZA CITY") for e in rec["entities"])


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "a.txt"
    a.write_text("Talks resume in Cairo\n\nNegotiators met in Cairo on Monday, officials said.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Aid trucks enter Gaza\n\nForty aid trucks entered Gaza on Tuesday, the UN said.\n", encoding="utf-8")
    return a, b


def test_meta_file_errors_and_unmatched_lines(tmp_path: Path) -> None:
    from presslens.errors import PresslensError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"path": "a.txt"}\nnot json\n', encoding="utf-8")
    with pytest.raises(PresslensError) as info:
        load_meta(str(bad))
    assert info.value.code == "PL125"
    csv_file = tmp_path / "m.csv"
    csv_file.write_text("path,outlet,published\na.txt,Cairo Post,2024-05-01\nmissing.txt,Nobody,\n", encoding="utf-8")
    a, _ = _inputs(tmp_path)
    meta = load_meta(str(csv_file), outlet="Fallback")
    assert meta is not None
    got = meta.apply(raw_article({"path": str(a), "format": "text"}, "x"))
    assert got["outlet"] == "Cairo Post" and got["published"] == "2024-05-01"
    other = meta.apply(raw_article({"path": str(tmp_path / "zzz.txt"), "format": "text"}, "x"))
    assert other["outlet"] == "Fallback"
    assert [w["code"] for w in meta.unmatched()] == ["PL126"]
    assert meta.unmatched()[0]["severity"] == "warning"


@pytest.mark.model
def test_analyze_and_ingest_take_outlet_and_meta(tmp_path: Path) -> None:
    a, b = _inputs(tmp_path)
    meta = tmp_path / "meta.jsonl"
    meta.write_text(
        json.dumps({"path": "a.txt", "outlet": "Cairo Post", "published": "2024-05-01", "url": "https://cp.example/a"})
        + "\n" + json.dumps({"path": "gone.txt", "outlet": "Nobody"}) + "\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    res = runner.invoke(cli, ["analyze", str(a), str(b), "--meta", str(meta), "--outlet", "Wire Desk"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["article"]["outlet"] for r in recs] == ["Cairo Post", "Wire Desk"]
    assert recs[0]["article"]["published"] == "2024-05-01" and recs[0]["article"]["url"] == "https://cp.example/a"
    assert "PL126" in res.stderr and "gone.txt" in res.stderr
    db = tmp_path / "c.db"
    res = runner.invoke(cli, ["ingest", str(a), str(b), "--db", str(db), "--meta", str(meta), "--no-progress",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert any("PL126" in w["warning"] for w in summary["warnings"])
    with sqlite3.connect(db) as con:
        outlets = sorted(str(r[0]) for r in con.execute("SELECT outlet FROM articles"))
    assert outlets[0] == "Cairo Post"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,value\nx,y\n", encoding="utf-8")
    res = runner.invoke(cli, ["analyze", str(a), "--meta", str(bad)])
    assert res.exit_code == 1 and "PL125" in res.output
