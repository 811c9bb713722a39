"""Full-text search (FTS5 over titles, text and quotes) with filters, every value a bound parameter.

The query language is deliberately small and never raises on odd input: words are ANDed, ``"a phrase"``
matches a phrase, ``word*`` a prefix, ``-word`` excludes, ``OR`` between two terms allows either. Every
term is quoted before it reaches FTS5, so punctuation in a query cannot become FTS5 syntax.

Filters: outlet (exact, case-insensitive), published date range (ISO prefixes, inclusive), speaker (a
quoted speaker's name, canonical or as written), entity (a corpus entity id or a name or alias), event type
(PLOVER). With no query, filters list the corpus newest first.

Limits (issue 13), checked before the query is parsed or reaches FTS5: a query longer than
``QueryLimits.max_chars`` characters is refused with PL049, one with more than ``max_terms`` words (in
phrases too) with PL050; ``offset`` is capped at ``MAX_OFFSET`` (SQLite's integers end at 2**63).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import PresslensError

if TYPE_CHECKING:
    from .db import Store

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+")
MAX_OFFSET = 1_000_000_000
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 32


@dataclass(frozen=True)
class QueryLimits:
    """The longest query (characters) and the most terms (words) a search takes."""

    max_chars: int = MAX_QUERY_CHARS
    max_terms: int = MAX_QUERY_TERMS


def check_query(query: str, limits: QueryLimits | None = None) -> None:
    """PL049 / PL050 when ``query`` is past the limits; cheap (one length, one bounded scan)."""
    lim = limits or QueryLimits()
    if len(query) > lim.max_chars:
        raise PresslensError("PL049", size=len(query), cap=lim.max_chars)
    count = 0
    for _ in WORD.finditer(query):
        count += 1
        if count > lim.max_terms:
            raise PresslensError("PL050", cap=lim.max_terms)


@dataclass
class Filters:
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    speaker: str | None = None
    entity: str | None = None
    event_type: str | None = None
    sort: str | None = None  # "relevance" (default with a query) or "date" (newest first)

    def active(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


@dataclass
class SearchHit:
    id: str
    title: str
    outlet: str | None
    published: str | None
    snippet: str
    n_quotes: int
    score: float | None
    marks: list[list[int]] = field(default_factory=list)  # [start, end) of each highlight in ``snippet``

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(query: str) -> str:
    """Translate the user's query into a safe FTS5 MATCH expression ('' when nothing is searchable)."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for m in TOKEN.finditer(query):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word is not None:
            if word == "OR" and positive:
                pending_or = True
                continue
            neg = "-" if word.startswith("-") and len(word) > 1 else ""
            word = word[1:] if neg else word
            prefix = word.endswith("*")
            core = re.sub(r"[^\w'’.-]+", " ", word.rstrip("*")).strip()
            if not re.search(r"\w", core):
                continue
            term = " ".join(_quote(p) for p in core.split())
            if len(core.split()) > 1:
                term = "(" + term + ")"
            if prefix and len(core.split()) == 1:
                term += "*"
        else:
            core = " ".join(re.sub(r"[^\w'’.-]+", " ", phrase or "").split())
            if not re.search(r"\w", core):
                continue
            term = _quote(core)
        if neg:
            negative.append(term)
        elif pending_or and positive:
            positive[-1] = f"({positive[-1]} OR {term})"
        else:
            positive.append(term)
        pending_or = False
    if not positive:
        return ""
    expr = " AND ".join(positive)
    for term in negative:
        expr = f"{expr} NOT {term}"
    return expr


def _filter_sql(f: Filters, params: dict[str, Any]) -> list[str]:
    where: list[str] = []
    if f.outlet:
        where.append("a.outlet = :outlet COLLATE NOCASE")
        params["outlet"] = f.outlet
    if f.date_from:
        where.append("a.published >= :date_from")
        params["date_from"] = f.date_from
    if f.date_to:
        where.append("substr(a.published, 1, length(:date_to)) <= :date_to")
        params["date_to"] = f.date_to
    if f.speaker:
        where.append(
            "EXISTS (SELECT 1 FROM quotes q LEFT JOIN entities se ON se.id = q.speaker_entity "
            "WHERE q.article_id = a.id AND (se.name = :speaker COLLATE NOCASE OR q.speaker_text = :speaker COLLATE NOCASE "
            "OR q.speaker_entity = :speaker OR EXISTS (SELECT 1 FROM entity_aliases al "
            "WHERE al.entity_id = q.speaker_entity AND al.alias = :speaker COLLATE NOCASE)))"
        )
        params["speaker"] = f.speaker
    if f.entity:
        where.append(
            "EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id AND (ae.entity_id = :entity "
            "OR ae.name = :entity COLLATE NOCASE OR EXISTS (SELECT 1 FROM entity_aliases al "
            "WHERE al.entity_id = ae.entity_id AND al.alias = :entity COLLATE NOCASE)))"
        )
        params["entity"] = f.entity
    if f.event_type:
        where.append("EXISTS (SELECT 1 FROM events ev WHERE ev.article_id = a.id AND ev.type = :event_type COLLATE NOCASE)")
        params["event_type"] = f.event_type
    return where


def match_sql(query: str, f: Filters, params: dict[str, Any]) -> tuple[str, bool]:
    """The ``FROM ... WHERE ...`` clause of the articles matching ``query`` and ``f`` (alias ``a`` is the
    articles table; when ranked, ``search`` is the FTS5 table), with its values added to ``params``, and
    whether it is ranked by FTS5. ``SELECT a.id {clause}`` lists the matching ids (facets, exports)."""
    where = _filter_sql(f, params)
    match = fts_query(query)
    if match:
        params["match"] = match
        cond = " AND ".join(["search MATCH :match", *where])
        return f"FROM search JOIN articles a ON a.rowid = search.rowid WHERE {cond}", True
    if query.strip() and not where:
        return "FROM articles a WHERE 0", False
    return f"FROM articles a WHERE {' AND '.join(where) or '1'}", False


def search(
    store: Store, query: str = "", filters: Filters | None = None, limit: int = 20, offset: int = 0,
    limits: QueryLimits | None = None,
) -> tuple[list[SearchHit], int]:
    """(hits, total matches). Best match first for a query; newest first without one. PL049 / PL050 for a
    query past ``limits``."""
    check_query(query, limits)
    f = filters or Filters()
    params: dict[str, Any] = {"limit": min(max(0, int(limit)), MAX_OFFSET), "offset": min(max(0, int(offset)), MAX_OFFSET)}
    base, ranked = match_sql(query, f, params)
    quotes_n = "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
    if ranked:
        sql = (
            f"SELECT a.id, a.title, a.outlet, a.published, snippet(search, 1, '[', ']', ' … ', 16) AS snippet, "
            f"{quotes_n} AS n_quotes, bm25(search, 10.0, 1.0, 3.0) AS score {base} "
            f"ORDER BY {'a.published IS NULL, a.published DESC, score' if f.sort == 'date' else 'score, a.published DESC'}, "
            "a.id LIMIT :limit OFFSET :offset"
        )
    else:
        sql = (
            f"SELECT a.id, a.title, a.outlet, a.published, substr(a.text, length(a.title) + 1, 200) AS snippet, "
            f"{quotes_n} AS n_quotes, NULL AS score {base} "
            "ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT :limit OFFSET :offset"
        )
    try:
        rows = store.query(sql, params)
        total = int(store.query(f"SELECT count(*) {base}", params)[0][0])
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise PresslensError("PL051") from exc
        raise PresslensError("PL045", query=query, reason=str(exc)) from exc
    hits = [
        SearchHit(r["id"], r["title"], r["outlet"], r["published"], " ".join((r["snippet"] or "").split()), r["n_quotes"], r["score"])
        for r in rows
    ]
    return hits, total


def entity_search(store: Store, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """Corpus entities whose name or an alias starts with ``name`` (case-insensitive), most mentioned first."""
    rows = store.query(
        "SELECT e.id, e.name, e.label, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS n_articles "
        "FROM entities e WHERE e.id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE :p ESCAPE '\\') "
        "ORDER BY n_articles DESC, e.name LIMIT :limit",
        {"p": name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", "limit": limit},
    )
    return [dict(r) for r in rows]
