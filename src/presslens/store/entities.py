"""Corpus entities: one person or body across articles, what it said (quotes, and the same quotes grouped
across outlets: a syndicated quote once, with every outlet that carried it), the figures sourced to it, and
where it is mentioned, for ``/entity/ID`` and ``/api/entities/ID``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import Store


def get_entity(store: Store, entity_id: str, limit: int = 500) -> dict[str, Any] | None:
    rows = store.query("SELECT id, name, label, country FROM entities WHERE id = ?", (entity_id,))
    if not rows:
        return None
    ent = dict(rows[0])
    ent["aliases"] = [r[0] for r in store.query(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (entity_id,)
    )]
    ent["quotes"] = [dict(r) for r in store.query(
        "SELECT q.article_id, q.local_id, q.kind, q.speaker_text, q.cue_text, q.content_text, "
        "a.title, a.outlet, a.published FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_entity = ? ORDER BY a.published IS NULL, a.published, a.outlet, q.content_start LIMIT ?",
        (entity_id, limit),
    )]
    ent["said"] = group_quotes(ent["quotes"])
    ent["claims"] = [dict(r) for r in store.query(
        "SELECT c.article_id, c.value, c.category, c.object, c.qualifier, c.text, a.title, a.outlet, a.published "
        "FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.source_entity = ? "
        "ORDER BY a.published IS NULL, a.published, c.start LIMIT ?",
        (entity_id, limit),
    )]
    ent["articles"] = [dict(r) for r in store.query(
        "SELECT a.id, a.title, a.outlet, a.published, ae.n_mentions FROM article_entities ae "
        "JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? "
        "ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?",
        (entity_id, limit),
    )]
    ent["referred_as"] = [dict(r) for r in store.query(
        "SELECT f.text, f.category, a.outlet, count(*) AS n FROM framing f JOIN articles a ON a.id = f.article_id "
        "WHERE f.refers_to_entity = ? GROUP BY f.text, f.category, a.outlet ORDER BY n DESC LIMIT ?",
        (entity_id, limit),
    )]
    return ent


_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def quote_key(text: str) -> str:
    """What makes two quotes the same words: case, white space, quote marks and the punctuation at their ends
    folded ("We will act," and "We will act." are one quote)."""
    folded = " ".join((text or "").translate(_QUOTE_MARKS).casefold().split())
    return re.sub(r"^[\W_]+|[\W_]+$", "", folded) or folded


def group_quotes(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Identical quotes (by ``quote_key``) once each, in order of first appearance: ``{content_text, cue_text,
    kind, carried: [{outlet, published, article_id, local_id, title}], outlets: [distinct outlets]}``."""
    groups: dict[str, dict[str, Any]] = {}
    for q in quotes:
        g = groups.setdefault(quote_key(q["content_text"]), {
            "content_text": q["content_text"], "cue_text": q.get("cue_text"), "kind": q.get("kind"),
            "carried": [], "outlets": [],
        })
        g["cue_text"] = g["cue_text"] or q.get("cue_text")
        g["carried"].append({k: q.get(k) for k in ("outlet", "published", "article_id", "local_id", "title")})
        if q.get("outlet") not in g["outlets"]:
            g["outlets"].append(q.get("outlet"))
    return list(groups.values())
