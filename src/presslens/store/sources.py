"""The watch state in the corpus database: every SQL statement of ``presslens watch`` lives here.

Tables (created by ``ensure_tables`` on a writable store connection; independent of ``db.py``'s migrations
so that the coordinator can register ``WATCH_DDL`` as one more migration):

- ``watch_sources``: one followed URL (feed, sitemap or home page) with its outlet name, what it turned out
  to be, the feeds discovered on it, its HTTP validators (ETag / Last-Modified), last check, last success,
  next check, consecutive failures and the last error (code and message), items seen.
- ``watch_items``: one article URL (canonical: tracking parameters removed) found on a source. Its
  ``status`` is ``queued`` (found, not yet stored: a restarted watch processes it first), ``stored``,
  ``failed`` (retried on the next pass) or ``blocked`` (robots.txt). ``entry_hash`` is the hash of what the
  feed said about it (title, date, summary): when it changes the page is fetched again. ``content_hash`` is
  the stored article's record id.
- ``article_versions``: an updated article (same URL, new text) is stored as a new article whose row here
  names the article it replaces.

Every value is a bound parameter. Writes happen in the caller's single writer process, one transaction each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

WATCH_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS watch_sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        outlet TEXT,
        kind TEXT,
        feeds TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        last_check TEXT,
        last_success TEXT,
        next_check TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error_code TEXT,
        last_error TEXT,
        items INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS watch_items (
        url TEXT PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES watch_sources(id),
        link TEXT NOT NULL,
        title TEXT,
        published TEXT,
        summary TEXT,
        entry_hash TEXT,
        status TEXT NOT NULL,
        content_hash TEXT,
        article_id TEXT,
        versions INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS watch_items_status ON watch_items(status)",
    "CREATE INDEX IF NOT EXISTS watch_items_hash ON watch_items(content_hash)",
    # finds an article stored by a watch that was killed before it marked the item (see ``stored_by_link``)
    "CREATE INDEX IF NOT EXISTS articles_source_url ON articles(source_url)",
    """CREATE TABLE IF NOT EXISTS article_versions (
        article_id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        previous_id TEXT,
        version INTEGER NOT NULL,
        stored_at TEXT NOT NULL
    )""",
)

MAX_ATTEMPTS = 5  # an item whose page failed this often is given up (it stays listed with its error)

SOURCE_COLUMNS = (
    "id, url, outlet, kind, feeds, active, etag, last_modified, last_check, last_success, next_check, failures, "
    "last_error_code, last_error, items"
)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stamp(seconds: float) -> str:
    """A UTC time ``seconds`` from the epoch, as stored."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class SourceRow:
    id: int
    url: str
    outlet: str | None
    kind: str | None
    feeds: str | None
    active: int
    etag: str | None
    last_modified: str | None
    last_check: str | None
    last_success: str | None
    next_check: str | None
    failures: int
    last_error_code: str | None
    last_error: str | None
    items: int


@dataclass
class ItemRow:
    url: str
    source_id: int
    link: str
    title: str | None
    published: str | None
    summary: str | None
    entry_hash: str | None
    status: str
    content_hash: str | None
    article_id: str | None
    versions: int


@dataclass
class SourceUpdate:
    """What one check of a source changed."""

    id: int
    ok: bool
    kind: str | None = None
    feeds: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_check: str | None = None
    error_code: str | None = None
    error: str | None = None
    not_modified: bool = False


def _tx(conn: sqlite3.Connection) -> Any:
    class Tx:
        def __enter__(self) -> sqlite3.Connection:
            conn.execute("BEGIN IMMEDIATE")
            return conn

        def __exit__(self, et: object, ev: object, tb: object) -> None:
            conn.execute("COMMIT" if et is None else "ROLLBACK")

    return Tx()


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the watch tables if they are missing (idempotent)."""
    with _tx(conn):
        for stmt in WATCH_DDL:
            conn.execute(stmt)


def sync_sources(conn: sqlite3.Connection, sources: Iterable[tuple[str, str | None]]) -> list[int]:
    """Make the followed sources exactly ``sources`` (url, outlet): new ones are added, names updated, the
    rest marked inactive (their history is kept). Returns the active ids in the given order."""
    ids: list[int] = []
    with _tx(conn):
        conn.execute("UPDATE watch_sources SET active = 0")
        for url, outlet in sources:
            conn.execute(
                "INSERT INTO watch_sources (url, outlet, added_at) VALUES (?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET outlet = COALESCE(excluded.outlet, outlet), active = 1",
                (url, outlet, now()),
            )
            conn.execute("UPDATE watch_sources SET active = 1 WHERE url = ?", (url,))
            ids.append(int(conn.execute("SELECT id FROM watch_sources WHERE url = ?", (url,)).fetchone()[0]))
    return ids


def list_sources(conn: sqlite3.Connection, active_only: bool = False) -> list[SourceRow]:
    where = " WHERE active = 1" if active_only else ""
    rows = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM watch_sources{where} ORDER BY id").fetchall()
    return [SourceRow(*tuple(r)) for r in rows]


def due_sources(conn: sqlite3.Connection, at: str) -> list[SourceRow]:
    """Active sources whose next check is at or before ``at`` (never checked ones first)."""
    rows = conn.execute(
        f"SELECT {SOURCE_COLUMNS} FROM watch_sources WHERE active = 1 AND (next_check IS NULL OR next_check <= ?) "
        "ORDER BY next_check IS NOT NULL, next_check, id",
        (at,),
    ).fetchall()
    return [SourceRow(*tuple(r)) for r in rows]


def next_due(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT min(next_check) FROM watch_sources WHERE active = 1").fetchone()
    return row[0] if row else None


ITEM_COLUMNS = "url, source_id, link, title, published, summary, entry_hash, status, content_hash, article_id, versions"


def _rows_in(conn: sqlite3.Connection, sql: str, values: Sequence[str]) -> Iterator[sqlite3.Row]:
    """Rows of ``sql`` (with one ``{marks}`` for an IN list) over ``values``, 500 at a time."""
    for i in range(0, len(values), 500):
        chunk = list(values[i : i + 500])
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)


def known_items(conn: sqlite3.Connection, urls: Sequence[str]) -> dict[str, ItemRow]:
    """The stored state of these canonical URLs."""
    sql = f"SELECT {ITEM_COLUMNS} FROM watch_items WHERE url IN ({{marks}})"
    return {r[0]: ItemRow(*tuple(r)) for r in _rows_in(conn, sql, urls)}


def stored_by_link(conn: sqlite3.Connection, links: Sequence[str]) -> dict[str, str]:
    """The newest article stored from each of these item links (source URL), if any."""
    sql = "SELECT source_url, id FROM articles WHERE source_url IN ({marks}) ORDER BY rowid"
    return {r[0]: r[1] for r in _rows_in(conn, sql, links)}


def pending_items(conn: sqlite3.Connection) -> list[ItemRow]:
    """Items found but not stored (queued, or failed on fewer than ``MAX_ATTEMPTS`` passes), oldest first."""
    rows = conn.execute(
        f"SELECT {ITEM_COLUMNS} FROM watch_items WHERE status = 'queued' OR (status = 'failed' AND attempts < ?) "
        "ORDER BY first_seen, rowid",
        (MAX_ATTEMPTS,),
    ).fetchall()
    return [ItemRow(*tuple(r)) for r in rows]


def record_check(conn: sqlite3.Connection, update: SourceUpdate, queued: Sequence[ItemRow]) -> None:
    """One transaction: a source's check result and the items it queued (new ones, or changed entries)."""
    at = now()
    with _tx(conn):
        if update.ok:
            conn.execute(
                "UPDATE watch_sources SET kind = COALESCE(?, kind), feeds = COALESCE(?, feeds), etag = ?, "
                "last_modified = ?, last_check = ?, last_success = ?, next_check = ?, failures = 0 WHERE id = ?",
                (update.kind, update.feeds, update.etag, update.last_modified, at, at, update.next_check, update.id),
            )
        else:
            conn.execute(
                "UPDATE watch_sources SET last_check = ?, next_check = ?, failures = failures + 1, "
                "last_error_code = ?, last_error = ? WHERE id = ?",
                (at, update.next_check, update.error_code, update.error, update.id),
            )
        for it in queued:
            conn.execute(
                "INSERT INTO watch_items (url, source_id, link, title, published, summary, entry_hash, status, "
                "first_seen, last_seen) VALUES (?,?,?,?,?,?,?,'queued',?,?) ON CONFLICT(url) DO UPDATE SET "
                "status = 'queued', link = excluded.link, title = excluded.title, published = excluded.published, "
                "summary = excluded.summary, entry_hash = excluded.entry_hash, last_seen = excluded.last_seen",
                (it.url, it.source_id, it.link, it.title, it.published, it.summary, it.entry_hash, at, at),
            )


def item_done(
    conn: sqlite3.Connection,
    results: Sequence[tuple[ItemRow, str, str | None, str | None]],
) -> None:
    """One transaction for a stored batch: (item, status, article id, "CODE: message") per item. An article
    id different from the item's previous one is a new version linked to the old."""
    at = now()
    with _tx(conn):
        for it, status, article_id, err in results:
            code = err.split(":", 1)[0] if err else None
            if status == "stored" and article_id:
                if it.article_id and it.article_id != article_id:
                    conn.execute(
                        "INSERT OR IGNORE INTO article_versions (article_id, url, previous_id, version, stored_at) "
                        "VALUES (?,?,?,?,?)",
                        (article_id, it.url, it.article_id, it.versions + 1, at),
                    )
                    versions = it.versions + 1
                elif not it.article_id:
                    conn.execute(
                        "INSERT OR IGNORE INTO article_versions (article_id, url, previous_id, version, stored_at) "
                        "VALUES (?,?,NULL,1,?)",
                        (article_id, it.url, at),
                    )
                    versions = 1
                else:
                    versions = it.versions
                new = conn.execute(
                    "UPDATE watch_items SET status = 'stored', content_hash = ?, article_id = ?, versions = ?, "
                    "error_code = NULL, error = NULL, last_seen = ? WHERE url = ? AND status != 'stored'",
                    (article_id, article_id, versions, at, it.url),
                ).rowcount
                if new and not it.article_id:
                    conn.execute("UPDATE watch_sources SET items = items + 1 WHERE id = ?", (it.source_id,))
            else:
                conn.execute(
                    "UPDATE watch_items SET status = ?, attempts = attempts + 1, error_code = ?, error = ?, "
                    "last_seen = ? WHERE url = ?",
                    (status, code, err, at, it.url),
                )


def versions_of(conn: sqlite3.Connection, url: str) -> list[tuple[str, str | None, int]]:
    """(article id, previous id, version) of every stored version of a canonical URL, oldest first."""
    return [
        (r[0], r[1], int(r[2]))
        for r in conn.execute(
            "SELECT article_id, previous_id, version FROM article_versions WHERE url = ? ORDER BY version", (url,)
        )
    ]


def item_counts(conn: sqlite3.Connection) -> dict[int, dict[str, int]]:
    """Per source id: items by status."""
    out: dict[int, dict[str, int]] = {}
    for sid, status, n in conn.execute("SELECT source_id, status, count(*) FROM watch_items GROUP BY source_id, status"):
        out.setdefault(int(sid), {})[str(status)] = int(n)
    return out


def item_errors(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """(url, status, error code) of every item that is not stored."""
    return [
        (r[0], r[1], r[2])
        for r in conn.execute("SELECT url, status, error_code FROM watch_items WHERE status != 'stored' ORDER BY url")
    ]


def source_health(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Each followed source with its health (``presslens sources``, the web UI's /sources); [] for a corpus
    never watched. Read-only."""
    try:
        rows = list_sources(conn)
        counts = item_counts(conn)
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return []  # never watched: no watch tables
    out = []
    for r in rows:
        c = counts.get(r.id, {})
        out.append({
            "url": r.url, "outlet": r.outlet, "kind": r.kind, "active": bool(r.active), "last_check": r.last_check,
            "last_success": r.last_success, "next_check": r.next_check, "items": r.items,
            "queued": c.get("queued", 0), "failed_items": c.get("failed", 0), "blocked_items": c.get("blocked", 0),
            "failures": r.failures, "last_error_code": r.last_error_code if r.failures else None,
            "last_error": r.last_error if r.failures else None,
        })
    return out
