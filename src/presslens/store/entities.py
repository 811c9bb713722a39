"""Corpus entities: one person or body across articles, what it said (quotes), the figures sourced to it,
and where it is mentioned, for ``/entity/ID`` and ``/api/entities/ID``."""

from __future__ import annotations

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
