"""Compare outlets over a story or a query: per outlet, the figures claimed and their sources over time, who is
quoted and how often, loaded wording by voice, and what each outlet calls the main actors.

The main actors are the named entities (people, bodies, places, groups) found in the most articles of the
scope. "What an outlet calls them" joins two signals: the framing extractor's referents (``refers_to``, e.g.
"the regime" for a government) and the surface forms of the entity's mentions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import PresslensError
from .figures import actors_table, figures_table
from .names import normalise_name
from .search import Filters, search
from .tables_text import calls_text, figures_text

if TYPE_CHECKING:
    from .db import Store

ACTOR_LABELS = ("PERSON", "ORG", "GPE")  # who acts; a people's adjective ("Israeli") or a district is no actor
NO_OUTLET = "(unknown outlet)"
MAX_ARTICLES = 1000


def scope_ids(
    store: Store, story_id: str | None = None, query: str | None = None, limit: int = MAX_ARTICLES,
    filters: Filters | None = None,
) -> list[str]:
    """The article ids a comparison covers: a story's, or the best matches of a query and ``filters``."""
    if story_id:
        rows = store.query("SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,))
        if not rows and not store.query("SELECT 1 FROM stories WHERE id = ?", (story_id,)):
            raise PresslensError("PL046", kind="story", id=story_id, path=store.path)
        return [r[0] for r in rows]
    hits, _ = search(store, query or "", filters, limit=limit)
    return [h.id for h in hits]


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


@dataclass
class _Scope:
    """The articles a comparison covers, and the per-outlet result being filled in."""

    ids: list[str]
    outlet_of: dict[str, str]
    published: dict[str, str | None]
    per: dict[str, dict[str, Any]]

    @property
    def marks(self) -> str:
        return _in(self.ids)


def _scope(store: Store, ids: list[str]) -> _Scope:
    arts = store.query(
        f"SELECT id, title, outlet, published FROM articles WHERE id IN ({_in(ids)}) "
        "ORDER BY published IS NULL, published, id",
        ids,
    )
    scope = _Scope(ids, {r["id"]: r["outlet"] or NO_OUTLET for r in arts}, {r["id"]: r["published"] for r in arts}, {})
    for r in arts:
        outlet = scope.outlet_of[r["id"]]
        o = scope.per.setdefault(
            outlet, {"outlet": outlet, "articles": [], "claims": [], "speakers": [], "wording": {}, "calls": {}}
        )
        o["articles"].append({"id": r["id"], "title": r["title"], "published": r["published"]})
    return scope


def _claims(store: Store, sc: _Scope) -> None:
    """Each outlet's figures and their sources, oldest first."""
    for c in store.query(
        f"SELECT c.article_id, c.value, c.category, c.object, c.qualifier, c.text, c.source_text, c.source_entity, "
        f"e.name AS source_name FROM claims c LEFT JOIN entities e ON e.id = c.source_entity "
        f"WHERE c.article_id IN ({sc.marks}) ORDER BY c.article_id, c.start",
        sc.ids,
    ):
        sc.per[sc.outlet_of[c["article_id"]]]["claims"].append(
            {
                "article": c["article_id"], "published": sc.published[c["article_id"]], "value": c["value"],
                "category": c["category"], "object": c["object"], "qualifier": c["qualifier"], "text": c["text"],
                "source": c["source_name"] or c["source_text"], "source_entity": c["source_entity"],
            }
        )
    for o in sc.per.values():
        o["claims"].sort(key=lambda c: (c["published"] is None, c["published"] or "", c["category"] or ""))


def _speakers(store: Store, sc: _Scope) -> None:
    """Who each outlet quotes, most quoted first."""
    speakers: dict[str, Counter[tuple[str | None, str]]] = defaultdict(Counter)
    for q in store.query(
        f"SELECT q.article_id, q.speaker_entity, coalesce(e.name, q.speaker_text, '(unattributed)') AS name "
        f"FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id IN ({sc.marks})",
        sc.ids,
    ):
        speakers[sc.outlet_of[q["article_id"]]][(q["speaker_entity"], q["name"])] += 1
    for outlet, counts in speakers.items():
        sc.per[outlet]["speakers"] = [
            {"entity": ent, "name": name, "quotes": n} for (ent, name), n in counts.most_common()
        ]


def _wording(store: Store, sc: _Scope) -> None:
    """Each outlet's loaded wording by voice, most used first."""
    wording: dict[str, dict[str, Counter[tuple[str, str]]]] = defaultdict(lambda: defaultdict(Counter))
    for f in store.query(
        f"SELECT article_id, text, category, voice FROM framing WHERE article_id IN ({sc.marks})", sc.ids
    ):
        wording[sc.outlet_of[f["article_id"]]][f["voice"]][(f["category"], f["text"].casefold())] += 1
    for outlet, voices in wording.items():
        sc.per[outlet]["wording"] = {
            voice: [{"category": cat, "text": text, "n": n} for (cat, text), n in counts.most_common()]
            for voice, counts in sorted(voices.items())
        }


def _actors(store: Store, sc: _Scope, n_actors: int) -> list[Any]:
    """The named entities found in most of the scope's articles (an outlet's masthead line is not an actor)."""
    label_marks = _in(list(ACTOR_LABELS))
    actors = store.query(
        f"SELECT ae.entity_id, e.name, e.label, count(DISTINCT ae.article_id) AS n_articles, sum(ae.n_mentions) AS n "
        f"FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
        f"WHERE ae.article_id IN ({sc.marks}) AND ae.label IN ({label_marks}) "
        f"GROUP BY ae.entity_id ORDER BY n_articles DESC, n DESC, e.name LIMIT ?",
        [*sc.ids, *ACTOR_LABELS, n_actors + 5],
    )
    outlets = {normalise_name(o) for o in sc.outlet_of.values()}
    return [a for a in actors if normalise_name(a["name"]) not in outlets][:n_actors]


def _calls(store: Store, sc: _Scope, actor_ids: list[str]) -> None:
    """What each outlet calls each actor: its mentions' surface forms and the framing referring to it."""
    amarks = _in(actor_ids)
    calls: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for m in store.query(
        f"SELECT article_id, entity_id, text FROM mentions WHERE article_id IN ({sc.marks}) AND entity_id IN ({amarks})",
        [*sc.ids, *actor_ids],
    ):
        calls[sc.outlet_of[m["article_id"]]][m["entity_id"]][" ".join(m["text"].split())] += 1
    for f in store.query(
        f"SELECT article_id, refers_to_entity, text FROM framing "
        f"WHERE article_id IN ({sc.marks}) AND refers_to_entity IN ({amarks})",
        [*sc.ids, *actor_ids],
    ):
        calls[sc.outlet_of[f["article_id"]]][f["refers_to_entity"]][" ".join(f["text"].split())] += 1
    for outlet, by_entity in calls.items():
        sc.per[outlet]["calls"] = {
            ent: [{"text": t, "n": n} for t, n in counts.most_common()] for ent, counts in by_entity.items()
        }


def compare(
    store: Store, story_id: str | None = None, query: str | None = None, n_actors: int = 6,
    filters: Filters | None = None,
) -> dict[str, Any]:
    """Per outlet over a story or a query's (and ``filters``') matches: articles, figures, speakers, wording,
    what it calls the actors."""
    ids = scope_ids(store, story_id, query, filters=filters)
    result: dict[str, Any] = {
        "story": story_id, "query": query, "n_articles": len(ids), "actors": [], "outlets": [],
        "figures": {"quantities": [], "rows": []}, "calls": {"actors": [], "rows": []},
    }
    if not ids:
        return result
    sc = _scope(store, ids)
    _claims(store, sc)
    _speakers(store, sc)
    _wording(store, sc)
    actors = _actors(store, sc, n_actors)
    result["actors"] = [dict(a) for a in actors]
    actor_ids = [a["entity_id"] for a in actors]
    if actor_ids:
        _calls(store, sc, actor_ids)
    result["outlets"] = sorted(sc.per.values(), key=lambda o: (-len(o["articles"]), o["outlet"]))
    result["figures"] = figures_table(store, ids, sc.outlet_of)
    result["calls"] = actors_table(store, ids, sc.outlet_of, result["outlets"], result["actors"])
    return result


def compare_text(result: dict[str, Any]) -> str:
    """A plain-text rendering of ``compare`` for the terminal: the figures table, what each outlet calls the
    main actors, then per outlet its articles, who it quotes and its loaded wording."""
    lines = [f"{result['n_articles']} articles" + (f" in story {result['story']}" if result.get("story") else "")]
    if result["actors"]:
        lines.append("main actors: " + ", ".join(a["name"] for a in result["actors"]))
    lines += ["", *figures_text(result["figures"])]
    calls = calls_text(result["calls"])
    if calls:
        lines += ["", *calls]
    for o in result["outlets"]:
        lines.append("")
        lines.append(f"== {o['outlet']} ({len(o['articles'])} articles)")
        for a in o["articles"]:
            lines.append(f"   {a['published'] or '?':<16} {a['title']}")
        if o["speakers"]:
            lines.append("   quoted: " + ", ".join(f"{s['name']} ({s['quotes']})" for s in o["speakers"]))
        for voice, items in o["wording"].items():
            lines.append(f"   wording ({voice}): " + ", ".join(f"{w['text']} [{w['category']}]" for w in items[:10]))
    return "\n".join(lines)
