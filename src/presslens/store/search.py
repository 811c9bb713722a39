"""Full-text search (FTS5 over titles, text and quotes) with filters, every value a bound parameter.

The query language and its folding of spelling variants (cease-fire = ceasefire = cease fire, al-Quds =
alQuds, diacritics) are ``query``'s; snippets from the body with the matches' offsets are ``snippets``'s.

Filters: outlet (exact, case-insensitive), published date range (ISO dates or prefixes, inclusive), speaker
(a quoted speaker's name, as written, canonical, an alias, or a spelling of one: "Ismail Haniya" finds the
articles quoting "Ismail Haniyeh", through ``names.name_key``), entity (a corpus entity id, a name, an alias
or a spelling of one), event type (PLOVER), sort ("relevance", the default with a query, or "date", newest
first). With no query, filters list the corpus newest first.

A query or filter the engine cannot take is refused with its code, never answered with a silent empty
result: PL130 nothing to search for (``*``, ``(((``), PL131 only exclusions, PL132 an unknown field
(``author:x``; ``title:``, ``text:`` and ``quotes:`` exist), PL133 a date that is not one, PL134 a date range
that ends before it starts, PL135 an event type that is not PLOVER's, PL136 an unknown sort.

Limits (issue 13), checked before the query is parsed or reaches FTS5: a query longer than
``QueryLimits.max_chars`` characters is refused with PL049, one with more than ``max_terms`` words (in
phrases too) with PL050; ``offset`` is capped at ``MAX_OFFSET`` (SQLite's integers end at 2**63).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..data import load
from ..errors import PresslensError
from .names import name_key
from .query import fts_query, match_expression
from .snippets import CLOSE, OPEN, Block, make_snippet

__all__ = ["Filters", "QueryLimits", "SearchHit", "check_filters", "fts_query", "match_sql", "search"]

if TYPE_CHECKING:
    from .db import Store

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


SORTS = ("relevance", "date")
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?)?)?")


def _check_date(name: str, value: str) -> str:
    m = DATE.fullmatch(value.strip())
    try:
        if not m:
            raise ValueError(value)
        y, mo, d, h, mi, sec = (int(g) if g else (1 if k < 3 else 0) for k, g in enumerate(m.groups()))
        datetime(y, mo, d, h, mi, sec)
    except ValueError as exc:
        raise PresslensError("PL133", name=name, value=value) from exc
    return value.strip()


@lru_cache(maxsize=1)
def event_types() -> tuple[str, ...]:
    """The PLOVER event types (``data/triggers.json``)."""
    return tuple(load("triggers.json")["types"])


def check_filters(f: Filters) -> Filters:
    """``f`` with its values checked and normalised (event type upper case, sort lower case): PL133 for a date
    that is not an ISO date, PL134 for a range that ends before it starts, PL135 for an event type that is not
    PLOVER's, PL136 for an unknown sort."""
    out = replace(f)
    if f.date_from:
        out.date_from = _check_date("from", f.date_from)
    if f.date_to:
        out.date_to = _check_date("to", f.date_to)
    if out.date_from and out.date_to and out.date_from[: len(out.date_to)] > out.date_to:
        raise PresslensError("PL134", date_from=out.date_from, date_to=out.date_to)
    if f.event_type:
        out.event_type = f.event_type.strip().upper()
        if out.event_type not in event_types():
            raise PresslensError("PL135", value=f.event_type, choices=", ".join(event_types()))
    if f.sort:
        out.sort = f.sort.strip().lower()
        if out.sort not in SORTS:
            raise PresslensError("PL136", value=f.sort, choices=", ".join(SORTS))
    return out


def _named(param: str, name: str, params: dict[str, Any]) -> str:
    """The subquery of the corpus entities with ``name`` as a name or alias, or a spelling of one (the same
    name key), its values bound as ``:param`` and ``:param_key``."""
    params[param] = name
    params[f"{param}_key"] = name_key(name) or None
    return (
        f"(SELECT al.entity_id FROM entity_aliases al WHERE al.alias = :{param} COLLATE NOCASE "
        f"OR al.key = :{param}_key)"
    )


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
    # each filter is one subquery over its table's indexes, run once (not once per article)
    if f.speaker:  # the speaker as written or by corpus id, or any entity named so (name, alias or spelling)
        where.append(
            "a.id IN (SELECT q.article_id FROM quotes q WHERE q.speaker_entity = :speaker "
            "OR q.speaker_text = :speaker COLLATE NOCASE OR q.speaker_key = :speaker_key "
            f"OR q.speaker_entity IN {_named('speaker', f.speaker, params)})"
        )
    if f.entity:  # an entity's names are among its aliases
        where.append(
            "a.id IN (SELECT ae.article_id FROM article_entities ae WHERE ae.entity_id = :entity "
            f"OR ae.entity_id IN {_named('entity', f.entity, params)})"
        )
    if f.event_type:
        where.append("a.id IN (SELECT ev.article_id FROM events ev WHERE ev.type = :event_type)")
        params["event_type"] = f.event_type
    return where


def match_sql(query: str, f: Filters, params: dict[str, Any]) -> tuple[str, bool]:
    """The ``FROM ... WHERE ...`` clause of the articles matching ``query`` and ``f`` (alias ``a`` is the
    articles table; when ranked, ``search`` is the FTS5 table), with its values added to ``params``, and
    whether it is ranked by FTS5. ``SELECT a.id {clause}`` lists the matching ids (facets, exports).
    A query or filter the engine cannot take raises its code (PL130-PL136, see ``query.match_expression``
    and ``check_filters``)."""
    where = _filter_sql(check_filters(f), params)
    match = match_expression(query)
    if match:
        params["match"] = match
        cond = " AND ".join(["search MATCH :match", *where])
        return f"FROM search JOIN articles a ON a.rowid = search.rowid WHERE {cond}", True
    return f"FROM articles a WHERE {' AND '.join(where) or '1'}", False


def search(
    store: Store, query: str = "", filters: Filters | None = None, limit: int = 20, offset: int = 0,
    limits: QueryLimits | None = None,
) -> tuple[list[SearchHit], int]:
    """(hits, total matches). Best match first for a query (``Filters.sort`` "date": newest first); newest
    first without one. PL049 / PL050 for a query past ``limits``, PL130-PL136 for a query or filter the
    engine cannot take (never a silent empty result)."""
    check_query(query, limits)
    f = check_filters(filters or Filters())
    params: dict[str, Any] = {"limit": min(max(0, int(limit)), MAX_OFFSET), "offset": min(max(0, int(offset)), MAX_OFFSET)}
    base, ranked = match_sql(query, f, params)
    by_date = "a.published IS NULL, a.published DESC"
    if ranked:
        score = "bm25(search, 10.0, 1.0, 3.0)"
        order = f"{by_date}, score" if f.sort == "date" else f"score, {by_date}"
    else:
        score, order = "NULL", by_date
    sql = (
        f"SELECT a.rowid AS rowid, a.id, a.title, a.outlet, a.published, {score} AS score {base} "
        f"ORDER BY {order}, a.id LIMIT :limit OFFSET :offset"
    )
    try:
        rows = store.query(sql, params)
        if params["offset"] == 0 and len(rows) < params["limit"]:
            total = len(rows)
        else:
            total = int(store.query(f"SELECT count(*) {base}", params)[0][0])
        details = _page_details(store, [r["rowid"] for r in rows], params.get("match"))
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise PresslensError("PL051") from exc
        raise PresslensError("PL045", query=query, reason=str(exc)) from exc
    hits = []
    for r in rows:
        text, n_quotes, blocks, marked = details[r["rowid"]]
        snippet, marks = make_snippet(text, r["title"], blocks, marked)
        hits.append(SearchHit(r["id"], r["title"], r["outlet"], r["published"], snippet, n_quotes, r["score"], marks))
    return hits, total


def _page_details(
    store: Store, rowids: list[int], match: str | None,
) -> dict[int, tuple[str, int, list[Block], str | None]]:
    """For the rows of one page of hits: text, number of quotes, structure blocks, and the text with the
    matches marked (``highlight()``; None without a query)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    out: dict[int, tuple[str, int, list[Block], str | None]] = {}
    blocks: dict[str, list[Block]] = {}
    rows = store.query(
        f"SELECT a.rowid AS rowid, a.id, a.text, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n "
        f"FROM articles a WHERE a.rowid IN ({marks})", rowids,
    )
    for b in store.query(
        f'SELECT b.article_id, b.kind, b.start, b."end" FROM blocks b JOIN articles a ON a.id = b.article_id '
        f"WHERE a.rowid IN ({marks}) ORDER BY b.article_id, b.seq", rowids,
    ):
        blocks.setdefault(b[0], []).append((b[1], int(b[2]), int(b[3])))
    marked: dict[int, str] = {}
    for rowid in rowids if match else ():  # one FTS5 seek each (``rowid IN (...)`` would run the whole match)
        found = store.query(
            "SELECT highlight(search, 1, ?, ?) FROM search WHERE search MATCH ? AND rowid = ?", [OPEN, CLOSE, match, rowid]
        )
        if found:
            marked[rowid] = str(found[0][0])
    for r in rows:
        out[int(r["rowid"])] = (str(r["text"]), int(r["n"]), blocks.get(r["id"], []), marked.get(int(r["rowid"])))
    return out


def entity_search(store: Store, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """Corpus entities whose name or an alias starts with ``name`` (case-insensitive), most mentioned first."""
    rows = store.query(
        "SELECT e.id, e.name, e.label, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS n_articles "
        "FROM entities e WHERE e.id IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE :p ESCAPE '\\') "
        "ORDER BY n_articles DESC, e.name LIMIT :limit",
        {"p": name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", "limit": limit},
    )
    return [dict(r) for r in rows]
