"""The corpus database (store/db.py, schema.py, names.py): migrations, idempotent atomic inserts, read-only."""

from __future__ import annotations

import json
import sqlite3

import pytest

from corpus_articles import ANNOTATED, ARTICLES, analyse, annotate, shared_corpus
from presslens.errors import PresslensError
from presslens.store.db import Store
from presslens.store.names import corpus_entity_id, normalise_name
from presslens.store.schema import MIGRATIONS


def test_migrations_are_recorded_and_applied_once(tmp_path):
    db = tmp_path / "c.db"
    with Store.open(db) as s:
        assert s.applied_migrations() == [m.name for m in MIGRATIONS]
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store.open(db) as s:
        assert s.migrate() == []
        assert s.applied_migrations() == [m.name for m in MIGRATIONS]


def test_unknown_newer_migration_is_refused(tmp_path):
    db = tmp_path / "c.db"
    with Store.open(db) as s:
        s.conn.execute("INSERT INTO _migrations (name, applied_at) VALUES ('9999_future', 'now')")
    with pytest.raises(PresslensError) as err:
        Store.open(db)
    assert err.value.code == "PL041"


def test_missing_database_read_only_says_how_to_make_one(tmp_path):
    with pytest.raises(PresslensError) as err:
        Store.open(tmp_path / "nope.db", readonly=True)
    assert err.value.code == "PL040"
    assert "presslens ingest" in str(err.value)


def test_not_a_database_is_reported(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(PresslensError) as err:
        Store.open(bad, readonly=True)
    assert err.value.code == "PL041"


def test_names_normalise_to_one_corpus_entity():
    assert normalise_name("The Bank of Portugal") == normalise_name("bank of  Portugal")
    assert normalise_name("Ribeiro's") == "ribeiro"
    assert corpus_entity_id("ORG", "the Bank of Portugal") == corpus_entity_id("ORG", "Bank of Portugal")
    assert corpus_entity_id("ORG", "Portugal") != corpus_entity_id("GPE", "Portugal")


@pytest.mark.model
def test_insert_is_idempotent_by_id_and_stores_every_list(tmp_path):
    records = analyse(ARTICLES[:3]) + [annotate(analyse([ANNOTATED])[0])]
    with Store.open(tmp_path / "c.db") as s:
        first = s.insert_records(records)
        assert len(first.stored) == 4 and not first.present
        again = s.insert_records(records + records[:1])
        assert again.stored == [] and len(again.present) == 5
        assert s.count_articles() == 4
        assert s.orphan_rows() == dict.fromkeys(s.orphan_rows(), 0)
        for rec in records:
            stored = s.get_record(rec["id"])
            assert stored == json.loads(json.dumps(rec))
            for table, key in (("quotes", "quotes"), ("claims", "claims"), ("dates", "dates"), ("events", "events"),
                               ("framing", "framing"), ("article_entities", "entities")):
                n = s.query(f"SELECT count(*) FROM {table} WHERE article_id = ?", (rec["id"],))[0][0]
                assert n == len(rec[key]), (table, rec["id"])
            n = s.query("SELECT count(*) FROM mentions WHERE article_id = ?", (rec["id"],))[0][0]
            assert n == sum(len(e["mentions"]) for e in rec["entities"])


@pytest.mark.model
def test_malformed_record_fails_alone_with_a_code(tmp_path):
    good, other = analyse(ARTICLES[3:5])
    bad = json.loads(json.dumps(other))
    bad["id"] = "badbadbadbad"
    del bad["article"]["text"]
    with Store.open(tmp_path / "c.db") as s:
        result = s.insert_records([good, bad])
        assert result.stored == [good["id"]]
        assert [(rid, e["code"]) for rid, e in result.failed] == [("badbadbadbad", "PL043")]
        assert s.count_articles() == 1


@pytest.mark.model
def test_same_person_across_articles_is_one_corpus_entity():
    with Store.open(shared_corpus(), readonly=True) as s:
        rows = s.query(
            "SELECT DISTINCT entity_id, count(DISTINCT article_id) FROM article_entities WHERE name = 'Ana Ribeiro' "
            "GROUP BY entity_id"
        )
        assert len(rows) == 1 and rows[0][1] >= 3
        aliases = {r[0] for r in s.query("SELECT alias FROM entity_aliases WHERE entity_id = ?", (rows[0][0],))}
        assert "Ana Ribeiro" in aliases


@pytest.mark.model
def test_read_only_store_refuses_writes():
    with Store.open(shared_corpus(), readonly=True) as s:
        with pytest.raises(PresslensError) as err:
            s.insert_records([{"id": "x"}])
        assert err.value.code == "PL042"
        with pytest.raises(sqlite3.OperationalError):
            s.conn.execute("DELETE FROM articles")
        assert s.count_articles() == 13
