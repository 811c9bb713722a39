"""Facets of a search: what the matching articles hold, counted over every match (not one page of hits).

``facets(store, query, filters)`` counts, over the articles ``store.search.match_sql`` matches:

- ``total``; ``outlets``: articles per outlet; ``dates``: a histogram of publication dates, by day, or by month
  when the dated matches span more than ``DAY_BINS_UP_TO`` days; ``timeline``: the same bins per outlet (the
  top outlets only); these come from one query (every match grouped by outlet and day);
- the row facets below count the best ``SAMPLE`` matches (best ranked with a query, newest without), so that
  a query matching most of a large corpus stays fast; ``sample`` says how many they counted (== ``total``
  when all);
- ``speakers``: quoted speakers (corpus entities), by articles quoting them, with their number of quotes;
- ``entities``: people, organisations and other named entities (places apart), by articles naming them;
- ``places``: places named (GPE, LOC, FAC), by articles, each with ``coordinates`` ([lat, lon]): those the
  analysis gave the entity (the gazetteer's, resolved in the article's context, kept in the stored record of
  the first article naming it), else its country's centroid (``data/world.json``), else None;
- ``events``: event types (PLOVER), by articles; ``terms``: loaded wording per voice (narrator, reported,
  quoted), by uses.

Each facet is one SQL query over indexed keys (``article_id`` leads the primary key of every row table) and
keeps its top ``top`` values (``MAX_PLACES`` for places). Every value is a bound parameter.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from ..data import load
from ..errors import PresslensError
from ..readers.timefmt import iso_day
from .search import Filters, QueryLimits, check_query, match_sql

if TYPE_CHECKING:
    from .db import Store

TOP = 10
SAMPLE = 500  # the row facets (speakers to terms) count the best this many matches; the rest count them all
MAX_TOP = 100
MAX_PLACES = 60
TIMELINE_OUTLETS = 8
DAY_BINS_UP_TO = 92  # a longer span of dates is binned by month
PLACE_LABELS = ("GPE", "LOC", "FAC")
VOICES = ("narrator", "reported", "quoted")
NOT_LOADED = ("metonym", "technique")  # framing rows that are not loaded wording (extract/framing)
NO_OUTLET = "(unknown outlet)"


def facets(
    store: Store, query: str = "", filters: Filters | None = None, top: int = TOP, limits: QueryLimits | None = None,
    sample: int = SAMPLE,
) -> dict[str, Any]:
    """The facets of the articles matching ``query`` and ``filters`` (see the module's doc), the row facets
    over the best ``sample`` matches. PL049 / PL050 for a query past ``limits``, PL045 for one SQLite
    refuses, PL051 when interrupted."""
    check_query(query, limits)
    params: dict[str, Any] = {"top": max(1, min(int(top), MAX_TOP)), "places": MAX_PLACES,
                              "sample": max(1, min(int(sample), SAMPLE))}
    clause, ranked = match_sql(query, filters or Filters(), params)
    order = "search.rank" if ranked else "a.published IS NULL, a.published DESC, a.id"
    with coded_sql_errors(query):
        out = _by_outlet_and_day(store, clause, params)
        ids = [r[0] for r in store.query(f"SELECT a.id {clause} ORDER BY {order} LIMIT :sample", params)]
        params["ids"] = json.dumps(ids)
        out["sample"] = len(ids)
        out["speakers"] = _rows(store, SPEAKERS, params)
        named = _rows(store, NAMED.format(labels=_labels()), params)
        out["entities"] = [{k: v for k, v in r.items() if k not in ("place", "country")} for r in named if not r["place"]]
        out["places"] = _places(store, [{k: v for k, v in r.items() if k != "place"} for r in named if r["place"]])
        out["events"] = _rows(store, EVENTS, params)
        out["terms"] = _terms(store, params)
    return out


@contextmanager
def coded_sql_errors(query: str) -> Iterator[None]:
    """SQLite's refusals inside as coded errors: PL051 when interrupted, PL045 (with the query) otherwise."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise PresslensError("PL051") from exc
        raise PresslensError("PL045", query=query, reason=str(exc)) from exc


# the best ``SAMPLE`` matching ids, found once per call (``facets``), handed to each row facet as one JSON array
MATCHING = "WITH m(id) AS MATERIALIZED (SELECT value FROM json_each(:ids))"
SPEAKERS = (
    MATCHING + ", c AS (SELECT q.speaker_entity AS id, count(DISTINCT q.article_id) AS n, count(*) AS quotes "
    "FROM m CROSS JOIN quotes q ON q.article_id = m.id WHERE q.speaker_entity IS NOT NULL "
    "GROUP BY q.speaker_entity ORDER BY n DESC, quotes DESC, id LIMIT :top) "
    "SELECT c.id, e.name AS value, c.n, c.quotes FROM c JOIN entities e ON e.id = c.id "
    "ORDER BY c.n DESC, c.quotes DESC, value"
)
NAMED = (  # entities and places in one pass over the matches' article_entities, the top of each kept
    MATCHING + ", c AS (SELECT ae.entity_id AS id, max(ae.label IN ({labels})) AS place, count(*) AS n "
    "FROM m CROSS JOIN article_entities ae ON ae.article_id = m.id GROUP BY ae.entity_id), "
    "r AS MATERIALIZED (SELECT * FROM (SELECT c.*, row_number() OVER (PARTITION BY place ORDER BY n DESC, id) "
    "AS k FROM c) WHERE k <= CASE WHEN place THEN :places ELSE :top END) "
    "SELECT r.id, e.name AS value, e.label AS label, e.country AS country, r.n, r.place FROM r "
    "JOIN entities e ON e.id = r.id ORDER BY r.n DESC, value"
)
EVENTS = (
    MATCHING + " SELECT ev.type AS value, count(DISTINCT ev.article_id) AS n, count(*) AS events "
    "FROM m CROSS JOIN events ev ON ev.article_id = m.id GROUP BY ev.type ORDER BY n DESC, value LIMIT :top"
)
TERMS = (
    MATCHING + ", t AS (SELECT f.voice AS voice, lower(f.text) AS value, count(*) AS n, "
    "count(DISTINCT f.article_id) AS articles FROM m CROSS JOIN framing f ON f.article_id = m.id WHERE f.category NOT IN ({not_loaded}) "
    "GROUP BY f.voice, lower(f.text)) "
    "SELECT voice, value, n, articles FROM (SELECT t.*, row_number() OVER "
    "(PARTITION BY voice ORDER BY n DESC, value) AS r FROM t) WHERE r <= :top ORDER BY voice, r"
)
COORDINATES = (
    "WITH pick AS (SELECT entity_id, min(rowid) AS rid FROM article_entities WHERE entity_id IN ({marks}) "
    "GROUP BY entity_id) "
    "SELECT p.entity_id AS id, json_extract(j.value, '$.coordinates') AS coordinates FROM pick p "
    "JOIN article_entities ae ON ae.rowid = p.rid JOIN articles a ON a.id = ae.article_id, "
    "json_each(a.record, '$.entities') j WHERE json_extract(j.value, '$.id') = ae.local_id"
)
BY_OUTLET_DAY = (
    "SELECT a.outlet AS outlet, substr(a.published, 1, 10) AS day, count(*) AS n {clause} "
    "GROUP BY a.outlet, substr(a.published, 1, 10)"
)


def _labels() -> str:
    return ", ".join(f"'{label}'" for label in PLACE_LABELS)  # constants of this module, not input


def _rows(store: Store, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(sql, params)]


def _terms(store: Store, params: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    sql = TERMS.format(not_loaded=", ".join(f"'{c}'" for c in NOT_LOADED))
    out: dict[str, list[dict[str, Any]]] = {}
    for r in store.query(sql, params):
        out.setdefault(r["voice"], []).append({"value": r["value"], "n": r["n"], "articles": r["articles"]})
    return {v: out[v] for v in sorted(out, key=lambda v: (VOICES.index(v) if v in VOICES else len(VOICES), v))}


def _by_outlet_and_day(store: Store, clause: str, params: dict[str, Any]) -> dict[str, Any]:
    """``total``, ``outlets``, ``dates`` (histogram) and ``timeline`` from articles grouped by outlet and day."""
    outlet_n: Counter[str] = Counter()
    per_day: dict[str, Counter[date]] = defaultdict(Counter)
    undated = 0
    for r in store.query(BY_OUTLET_DAY.format(clause=clause), params):
        outlet = r["outlet"] or NO_OUTLET
        outlet_n[outlet] += r["n"]
        day = iso_day(r["day"]) if r["day"] else None
        if day is None:
            undated += r["n"]
        else:
            per_day[outlet][day] += r["n"]
    days = [d for c in per_day.values() for d in c]
    by_month = bool(days) and (max(days) - min(days)).days > DAY_BINS_UP_TO
    top_outlets = sorted(outlet_n, key=lambda o: (-outlet_n[o], o))

    def bins(counts: Counter[date]) -> Counter[str]:
        out: Counter[str] = Counter()
        for d, n in counts.items():
            out[d.isoformat()[:7] if by_month else d.isoformat()] += n
        return out

    overall: Counter[str] = Counter()
    for c in per_day.values():
        overall.update(bins(c))
    return {
        "total": sum(outlet_n.values()),
        "outlets": [{"value": o, "n": outlet_n[o]} for o in top_outlets[: params["top"]]],
        "dates": {
            "unit": "month" if by_month else "day", "undated": undated,
            "bins": [{"value": k, "n": overall[k]} for k in sorted(overall)],
        },
        "timeline": [
            {"outlet": o, "bins": [{"value": k, "n": n} for k, n in sorted(bins(per_day[o]).items())]}
            for o in top_outlets[:TIMELINE_OUTLETS] if per_day.get(o)
        ],
    }


def _places(store: Store, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``places`` with their ``coordinates``: the stored record's (one record read per place, in SQLite),
    else the centroid of the place's country, else None."""
    found: dict[str, Any] = {}
    if places:
        ids = [p["id"] for p in places]
        for r in store.query(COORDINATES.format(marks=",".join("?" * len(ids))), ids):
            found[r["id"]] = r["coordinates"]
    return [{**p, "coordinates": _lat_lon(found.get(p["id"])) or centroid(p["country"])} for p in places]


def _lat_lon(value: str | None) -> list[float] | None:
    if not value:
        return None
    try:
        point = json.loads(value)
        return [float(point[0]), float(point[1])]
    except (TypeError, ValueError, IndexError, KeyError):
        return None


def centroid(country: str | None) -> list[float] | None:
    """[lat, lon] of the centroid of a country (ISO 3166 alpha-2) from ``data/world.json``, or None."""
    centre = load("world.json")["centroids"].get(country or "")
    return [float(centre[0]), float(centre[1])] if centre else None
