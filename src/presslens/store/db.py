"""The corpus database: connection, migrations, and the one writer.

Every SQL statement of presslens lives in this package (``db``, ``search``, ``stories``, ``compare``,
``export``); views and the CLI call its functions and never ``connect()`` themselves.

- SQLite in WAL mode: one writer, concurrent readers. The web app opens the file read-only (``mode=ro`` and
  ``PRAGMA query_only``), so it cannot change the corpus whatever a request asks.
- ``insert_records`` is idempotent by record id and atomic per batch: rows are prepared first (a record that
  cannot be stored is reported, not half-written), then one ``BEGIN IMMEDIATE`` ... ``COMMIT`` writes the
  batch. A process killed at any moment leaves every article either fully stored or absent.
- Every value is a bound parameter; table and column names come only from constants in this package.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

from ..errors import PresslensError, error
from ..record.types import BODY_KINDS
from .names import corpus_entity_id
from .schema import MIGRATIONS, MIGRATIONS_TABLE

BUSY_TIMEOUT_MS = 10_000


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class InsertResult:
    stored: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    # (record id, ErrorInfo) for records that could not be stored
    failed: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@dataclass
class Prepared:
    """One record turned into rows, ready to write inside a transaction."""

    id: str
    article: tuple[Any, ...]
    search: tuple[str, str, str]
    rows: dict[str, list[tuple[Any, ...]]]
    entities: list[tuple[str, str, str, str | None]]
    aliases: list[tuple[str, str]]


INSERTS: dict[str, str] = {
    "blocks": 'INSERT INTO blocks (article_id, seq, kind, start, "end") VALUES (?,?,?,?,?)',
    "article_entities": (
        "INSERT INTO article_entities (article_id, local_id, entity_id, name, label, titles, n_mentions) "
        "VALUES (?,?,?,?,?,?,?)"
    ),
    "mentions": 'INSERT INTO mentions (article_id, local_id, entity_id, start, "end", text) VALUES (?,?,?,?,?,?)',
    "quotes": (
        "INSERT INTO quotes (article_id, local_id, kind, speaker_entity, speaker_text, speaker_start, speaker_end, "
        "cue_text, cue_start, cue_end, content_text, content_start, content_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
    ),
    "claims": (
        'INSERT INTO claims (article_id, local_id, value, category, object, qualifier, text, start, "end", '
        "source_entity, source_text) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    ),
    "dates": 'INSERT INTO dates (article_id, seq, text, start, "end", value, granularity) VALUES (?,?,?,?,?,?,?)',
    "events": (
        "INSERT INTO events (article_id, local_id, type, trigger_text, trigger_start, trigger_end, actor_entity, "
        "actor_text, target_entity, target_text, date, place_entity, place_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
    ),
    "framing": (
        'INSERT INTO framing (article_id, seq, text, start, "end", category, voice, speaker_entity, '
        "refers_to_entity) VALUES (?,?,?,?,?,?,?,?,?)"
    ),
    "signatures": "INSERT INTO signatures (article_id, shingles, words) VALUES (?,?,?)",
}

ARTICLE_INSERT = (
    "INSERT INTO articles (id, title, outlet, published, url, byline, source_path, source_url, source_format, "
    "text, n_words, record, errors, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _ref(node: Any, local: dict[str, str]) -> tuple[str | None, str | None]:
    """(corpus entity id, text) of a ``{"entity", "text"}`` reference, or (None, None)."""
    if not isinstance(node, dict):
        return None, None
    ent = node.get("entity")
    return (local.get(ent) if isinstance(ent, str) else None), node.get("text")


def prepare(record: dict[str, Any]) -> Prepared:
    """Turn one record into rows. Raises KeyError/TypeError/ValueError on a malformed record."""
    from .stories import signatures

    rid = str(record["id"])
    art = record["article"]
    text = str(art["text"])
    src = record.get("source") or {}
    local: dict[str, str] = {}
    rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in INSERTS}
    entities: list[tuple[str, str, str, str | None]] = []
    aliases: list[tuple[str, str]] = []
    for seq, b in enumerate(art.get("blocks") or []):
        rows["blocks"].append((rid, seq, b["kind"], int(b["start"]), int(b["end"])))
    for e in record.get("entities") or []:
        cid = corpus_entity_id(e["label"], e["name"])
        local[e["id"]] = cid
        entities.append((cid, e["name"], e["label"], e.get("country")))
        names = {e["name"], *(m["text"] for m in e.get("mentions") or []), *(e.get("aliases") or [])}
        aliases.extend((cid, n) for n in sorted(names) if n)
        mentions = e.get("mentions") or []
        rows["article_entities"].append(
            (rid, e["id"], cid, e["name"], e["label"], json.dumps(e.get("titles") or []), len(mentions))
        )
        for m in mentions:
            rows["mentions"].append((rid, e["id"], cid, int(m["start"]), int(m["end"]), m["text"]))
    quote_texts = []
    for q in record.get("quotes") or []:
        sp, cue, content = q.get("speaker"), q.get("cue"), q["content"]
        sp_ent, sp_text = _ref(sp, local)
        rows["quotes"].append(
            (
                rid, q["id"], q["kind"], sp_ent, sp_text,
                sp.get("start") if sp else None, sp.get("end") if sp else None,
                cue["text"] if cue else None, cue["start"] if cue else None, cue["end"] if cue else None,
                content["text"], int(content["start"]), int(content["end"]),
            )
        )
        quote_texts.append(content["text"])
    for c in record.get("claims") or []:
        s_ent, s_text = _ref(c.get("source"), local)
        value = c.get("value")
        rows["claims"].append(
            (
                rid, c["id"], float(value) if value is not None else None, c.get("category"), c.get("object"),
                c.get("qualifier"), c["text"], int(c["start"]), int(c["end"]), s_ent, s_text,
            )
        )
    for seq, d in enumerate(record.get("dates") or []):
        rows["dates"].append((rid, seq, d["text"], int(d["start"]), int(d["end"]), d.get("value"), d.get("granularity")))
    for ev in record.get("events") or []:
        trig = ev["trigger"]
        a_ent, a_text = _ref(ev.get("actor"), local)
        t_ent, t_text = _ref(ev.get("target"), local)
        p_ent, p_text = _ref(ev.get("place"), local)
        rows["events"].append(
            (
                rid, ev["id"], ev["type"], trig["text"], int(trig["start"]), int(trig["end"]),
                a_ent, a_text, t_ent, t_text, ev.get("date"), p_ent, p_text,
            )
        )
    for seq, f in enumerate(record.get("framing") or []):
        sp = f.get("speaker")
        ref = f.get("refers_to")
        rows["framing"].append(
            (
                rid, seq, f["text"], int(f["start"]), int(f["end"]), f["category"], f["voice"],
                local.get(sp) if isinstance(sp, str) else None, local.get(ref) if isinstance(ref, str) else None,
            )
        )
    body = "\n\n".join(text[b["start"] : b["end"]] for b in art.get("blocks") or [] if b["kind"] in BODY_KINDS)
    shingles, words = signatures(body or text)
    rows["signatures"].append((rid, shingles, words))
    article = (
        rid, art.get("title") or "", art.get("outlet"), art.get("published"), art.get("url") or src.get("url"),
        art.get("byline"), src.get("path"), src.get("url"), src.get("format"), text, len(text.split()),
        json.dumps(record, ensure_ascii=False), json.dumps(record.get("errors") or [], ensure_ascii=False), now(),
    )
    return Prepared(rid, article, (art.get("title") or "", text, "\n".join(quote_texts)), rows, entities, aliases)


class Store:
    """One open corpus database. Use ``Store.open(path)`` (writer) or ``Store.open(path, readonly=True)``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # -- opening -------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Store:
        p = Path(path)
        if readonly:
            if not p.is_file():
                raise PresslensError("PL040", path=p)
            uri = "file:" + quote(str(p.resolve())) + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
        else:
            if p.parent and not p.parent.exists():
                p.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(p), isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        store = cls(conn, p, readonly)
        try:
            if readonly:
                store.check_schema()
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
                store.migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise PresslensError("PL041", path=p, reason=str(exc)) from exc
        except PresslensError:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- migrations ----------------------------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        exists = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'").fetchone()
        if not exists:
            return []
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction; return their names."""
        self.conn.execute(MIGRATIONS_TABLE)
        done = set(self.applied_migrations())
        known = {m.name for m in MIGRATIONS}
        if done - known:
            raise PresslensError("PL041", path=self.path, reason=f"it has newer migrations {sorted(done - known)}")
        applied = []
        for m in MIGRATIONS:
            if m.name in done:
                continue
            with self.transaction():
                if self.conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (m.name,)).fetchone():
                    continue  # another process applied it meanwhile
                for stmt in m.statements:
                    self.conn.execute(stmt)
                self.conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (m.name, now()))
            applied.append(m.name)
        return applied

    def check_schema(self) -> None:
        done = set(self.applied_migrations())
        missing = [m.name for m in MIGRATIONS if m.name not in done]
        if missing:
            raise PresslensError("PL041", path=self.path, reason=f"migrations {missing} are not applied")

    # -- transactions --------------------------------------------------------------------------------------
    class _Tx:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def __enter__(self) -> sqlite3.Connection:
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
            if et is None:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")

    def transaction(self) -> Store._Tx:
        """``with store.transaction():`` one write transaction (BEGIN IMMEDIATE takes the write lock)."""
        if self.readonly:
            raise PresslensError("PL042", path=self.path)
        return Store._Tx(self.conn)

    # -- writing -------------------------------------------------------------------------------------------
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        batch = list(dict.fromkeys(ids))
        for i in range(0, len(batch), 500):
            chunk = batch[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def insert_records(self, records: Sequence[dict[str, Any]]) -> InsertResult:
        """Store a batch of records in one transaction; records already stored (by id) are skipped."""
        if self.readonly:
            raise PresslensError("PL042", path=self.path)
        result = InsertResult()
        prepared: list[Prepared] = []
        for rec in records:
            try:
                prepared.append(prepare(rec))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                info = error("PL043", id=rec.get("id"), reason=repr(exc))
                result.failed.append((str(rec.get("id")), {"code": info["code"], "message": info["message"]}))
        if not prepared:
            return result
        try:
            with self.transaction() as conn:
                present = self.existing_ids(p.id for p in prepared)
                for p in prepared:
                    if p.id in present:
                        result.present.append(p.id)
                        continue
                    present.add(p.id)
                    cur = conn.execute(ARTICLE_INSERT, p.article)
                    conn.execute(
                        "INSERT INTO search (rowid, title, text, quotes) VALUES (?,?,?,?)", (cur.lastrowid, *p.search)
                    )
                    conn.executemany("INSERT OR IGNORE INTO entities (id, name, label, country) VALUES (?,?,?,?)", p.entities)
                    conn.executemany("INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?,?)", p.aliases)
                    for table, rows in p.rows.items():
                        if rows:
                            conn.executemany(INSERTS[table], rows)
                    result.stored.append(p.id)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise PresslensError("PL044", path=self.path) from exc
            raise
        return result

    # -- reading -------------------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Run one read statement of this package with bound parameters."""
        return list(self.conn.execute(sql, params))

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, oldest publication first (undated last), then by id."""
        cur = self.conn.execute(
            "SELECT record FROM articles ORDER BY published IS NULL, published, id"
        )
        for row in cur:
            yield json.loads(row[0])

    def entity_map(self, article_id: str) -> dict[str, str]:
        """An article's local entity ids -> corpus entity ids."""
        return {
            r["local_id"]: r["entity_id"]
            for r in self.conn.execute(
                "SELECT local_id, entity_id FROM article_entities WHERE article_id = ?", (article_id,)
            )
        }

    def outlets(self) -> list[tuple[str, int]]:
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet"
            )
        ]

    def event_types(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT type FROM events ORDER BY type")]

    def stats(self) -> dict[str, int]:
        """Row counts of the main tables."""
        out = {}
        for table in ("articles", "entities", "quotes", "claims", "events", "framing", "stories"):
            out[table] = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        return out

    def orphan_rows(self) -> dict[str, int]:
        """Rows of article tables whose article is absent (always zero in a consistent database)."""
        from .schema import ARTICLE_TABLES

        out = {}
        for table in ARTICLE_TABLES:
            n = self.conn.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)"
            ).fetchone()[0]
            out[table] = int(n)
        n = self.conn.execute("SELECT count(*) FROM search WHERE rowid NOT IN (SELECT rowid FROM articles)").fetchone()[0]
        out["search"] = int(n)
        return out
