"""The corpus database: connection, migrations, and the one writer.

Every SQL statement of presslens lives in this package (``db``, ``rows``, ``schema``, ``search``, ``stories``,
``entities``, ``compare``); views, exports and the CLI call its functions and never ``connect()`` themselves.
Every write goes through ``Store``: ``insert_records`` (articles and all their rows) and ``replace_stories``.

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
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

from ..errors import ErrorInfo, PresslensError, error
from .names import name_key
from .rows import ALIAS_INSERT, ARTICLE_INSERT, ENTITY_INSERT, INSERTS, SEARCH_INSERT, Prepared, now, prepare
from .schema import ARTICLE_TABLES, MIGRATIONS, MIGRATIONS_TABLE

BUSY_TIMEOUT_MS = 10_000
STORY_INSERT = "INSERT INTO stories (id, kind, title, size, n_outlets, first_published, last_published) VALUES (?,?,?,?,?,?,?)"
STORY_MEMBER_INSERT = "INSERT INTO story_articles (story_id, article_id) VALUES (?,?)"


@dataclass
class InsertResult:
    stored: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    # (record id, ErrorInfo) for records that could not be stored
    failed: list[tuple[str, ErrorInfo]] = field(default_factory=list)


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
        conn.create_function("presslens_name_key", 1, name_key, deterministic=True)  # migration 0003
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
        """For a read-only store: PL041 unless every migration is applied. A corpus of an earlier version (no
        unknown migration, at least the first) is upgraded first by a short writer, or PL137 says how."""
        done = set(self.applied_migrations())
        missing = [m.name for m in MIGRATIONS if m.name not in done]
        if missing and done and not done - {m.name for m in MIGRATIONS}:
            try:
                Store.open(self.path).close()
            except (PresslensError, sqlite3.Error, OSError) as exc:
                raise PresslensError("PL137", path=self.path, missing=missing, reason=str(exc)) from exc
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
        """Store a batch of records in one transaction; records already stored (by id) are skipped. Rows are
        prepared (and story signatures computed) before the transaction begins."""
        if self.readonly:
            raise PresslensError("PL042", path=self.path)
        result = InsertResult()
        prepared: list[Prepared] = []
        for rec in records:
            try:
                prepared.append(prepare(rec))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                result.failed.append((str(rec.get("id")), error("PL043", id=rec.get("id"), reason=repr(exc))))
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
                    self._write(conn, p)
                    result.stored.append(p.id)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise PresslensError("PL044", path=self.path) from exc
            raise
        return result

    @staticmethod
    def _write(conn: sqlite3.Connection, p: Prepared) -> None:
        """One prepared record's rows, inside the caller's transaction."""
        cur = conn.execute(ARTICLE_INSERT, p.article)
        conn.execute(SEARCH_INSERT, (cur.lastrowid, *p.search))
        conn.executemany(ENTITY_INSERT, p.entities)
        conn.executemany(ALIAS_INSERT, p.aliases)
        for table, rows in p.rows.items():
            if rows:
                conn.executemany(INSERTS[table], rows)

    def replace_stories(self, stories: Sequence[tuple[Any, ...]], members: Sequence[tuple[str, str]]) -> None:
        """Replace every story (rows of ``stories``) and its members (story id, article id), in one transaction."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM stories")
            conn.executemany(STORY_INSERT, stories)
            conn.executemany(STORY_MEMBER_INSERT, members)

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

    def iter_records_ingested(self) -> Iterator[tuple[dict[str, Any], str]]:
        """Every stored record with the time it was ingested (ISO, UTC), in ``iter_records``'s order."""
        cur = self.conn.execute(
            "SELECT record, ingested_at FROM articles ORDER BY published IS NULL, published, id"
        )
        for row in cur:
            yield json.loads(row[0]), str(row[1])

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
        out = {}
        for table in ARTICLE_TABLES:
            n = self.conn.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)"
            ).fetchone()[0]
            out[table] = int(n)
        n = self.conn.execute("SELECT count(*) FROM search WHERE rowid NOT IN (SELECT rowid FROM articles)").fetchone()[0]
        out["search"] = int(n)
        return out
