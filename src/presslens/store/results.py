"""The rows of a search's results for export: its hits, their quotes, their claims (bounded; values as stored).

``result_rows(store, kind, query, filters)`` gives (columns, rows) for ``kind`` in ``KINDS``: ``hits`` in
the search's order (``Filters.sort``), at most ``MAX_HITS``; ``quotes`` and ``claims`` of the matching
articles (at most ``MAX_HITS`` articles, ``MAX_ROWS`` rows), by article then position in its text. Offsets
(``start``, ``end``) point into the article's text as everywhere in presslens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .facets import coded_sql_errors
from .search import Filters, QueryLimits, match_sql, search

if TYPE_CHECKING:
    from .db import Store

MAX_HITS = 5_000
MAX_ROWS = 50_000
KINDS = ("hits", "quotes", "claims")

HIT_COLUMNS = ["id", "title", "outlet", "published", "url", "n_quotes", "score", "snippet"]
QUOTES = (
    "WITH m(id) AS MATERIALIZED (SELECT a.id {clause} LIMIT :cap) "
    "SELECT q.article_id, a.outlet, a.published, a.title, q.local_id AS quote_id, q.kind, "
    "coalesce(e.name, q.speaker_text) AS speaker, q.speaker_entity, q.speaker_text, q.cue_text AS cue, "
    "q.content_text AS content, q.content_start AS start, q.content_end AS \"end\" "
    "FROM m JOIN articles a ON a.id = m.id JOIN quotes q ON q.article_id = m.id "
    "LEFT JOIN entities e ON e.id = q.speaker_entity "
    "ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.content_start LIMIT :rows"
)
CLAIMS = (
    "WITH m(id) AS MATERIALIZED (SELECT a.id {clause} LIMIT :cap) "
    "SELECT c.article_id, a.outlet, a.published, a.title, c.local_id AS claim_id, c.value, c.category, c.object, "
    "c.qualifier, coalesce(e.name, c.source_text) AS source, c.source_entity, c.text, c.start, c.\"end\" "
    "FROM m JOIN articles a ON a.id = m.id JOIN claims c ON c.article_id = m.id "
    "LEFT JOIN entities e ON e.id = c.source_entity "
    "ORDER BY a.published IS NULL, a.published DESC, c.article_id, c.start LIMIT :rows"
)


def result_rows(
    store: Store, kind: str, query: str = "", filters: Filters | None = None, limits: QueryLimits | None = None,
    cap: int = MAX_HITS,
) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows) of ``kind`` ("hits", "quotes" or "claims") for a search; PL049 / PL050 / PL045 / PL051
    as ``search``. ``kind`` must be one of ``KINDS`` (the caller checks)."""
    f = filters or Filters()
    cap = max(1, min(int(cap), MAX_HITS))
    if kind == "hits":
        hits, _ = search(store, query, f, limit=cap, limits=limits)
        urls = _urls(store, [h.id for h in hits])
        rows = [{k: v for k, v in {**h.as_dict(), "url": urls.get(h.id)}.items() if k in HIT_COLUMNS} for h in hits]
        return HIT_COLUMNS, rows
    search(store, query, f, limit=0, limits=limits)  # the same checks (limits, a query FTS5 refuses) first
    params: dict[str, Any] = {"cap": cap, "rows": MAX_ROWS}
    clause, _ = match_sql(query, f, params)
    sql = (QUOTES if kind == "quotes" else CLAIMS).format(clause=clause)
    with coded_sql_errors(query):
        cur = store.conn.execute(sql, params)
        columns = [d[0] for d in cur.description]
        return columns, [dict(zip(columns, r, strict=True)) for r in cur.fetchall()]


def _urls(store: Store, ids: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for at in range(0, len(ids), 500):
        part = ids[at : at + 500]
        for r in store.query(f"SELECT id, url FROM articles WHERE id IN ({','.join('?' * len(part))})", part):
            out[r["id"]] = r["url"]
    return out
