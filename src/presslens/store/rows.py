"""One record turned into the rows of the corpus tables, before any transaction (pure: no connection).

``prepare`` raises KeyError/TypeError/ValueError on a malformed record, so the writer can report it (PL043)
without writing half of it. The story signatures are computed here too (``presslens.stories``), outside the
write transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..stories.signatures import article_signatures
from .names import corpus_entity_id, name_key

INSERTS: dict[str, str] = {
    "blocks": 'INSERT INTO blocks (article_id, seq, kind, start, "end") VALUES (?,?,?,?,?)',
    "article_entities": (
        "INSERT INTO article_entities (article_id, local_id, entity_id, name, label, titles, n_mentions) "
        "VALUES (?,?,?,?,?,?,?)"
    ),
    "mentions": 'INSERT INTO mentions (article_id, local_id, entity_id, start, "end", text) VALUES (?,?,?,?,?,?)',
    "quotes": (
        "INSERT INTO quotes (article_id, local_id, kind, speaker_entity, speaker_text, speaker_start, speaker_end, "
        "cue_text, cue_start, cue_end, content_text, content_start, content_end, speaker_key) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
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
SEARCH_INSERT = "INSERT INTO search (rowid, title, text, quotes) VALUES (?,?,?,?)"
ENTITY_INSERT = "INSERT OR IGNORE INTO entities (id, name, label, country) VALUES (?,?,?,?)"
ALIAS_INSERT = "INSERT OR IGNORE INTO entity_aliases (entity_id, alias, key) VALUES (?,?,?)"

Rows = dict[str, list[tuple[Any, ...]]]


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Prepared:
    """One record turned into rows, ready to write inside a transaction."""

    id: str
    article: tuple[Any, ...]
    search: tuple[str, str, str]
    rows: Rows
    entities: list[tuple[str, str, str, str | None]]
    aliases: list[tuple[str, str, str]]  # entity id, alias, its name key


def _ref(node: Any, local: dict[str, str]) -> tuple[str | None, str | None]:
    """(corpus entity id, text) of a ``{"entity", "text"}`` reference, or (None, None)."""
    if not isinstance(node, dict):
        return None, None
    ent = node.get("entity")
    return (local.get(ent) if isinstance(ent, str) else None), node.get("text")


def _entities(rid: str, record: dict[str, Any], rows: Rows, prepared: Prepared) -> dict[str, str]:
    """Entity, alias, article-entity and mention rows; returns local entity id -> corpus entity id."""
    local: dict[str, str] = {}
    for e in record.get("entities") or []:
        cid = corpus_entity_id(e["label"], e["name"])
        local[e["id"]] = cid
        prepared.entities.append((cid, e["name"], e["label"], e.get("country")))
        names = {e["name"], *(m["text"] for m in e.get("mentions") or []), *(e.get("aliases") or [])}
        prepared.aliases.extend((cid, n, name_key(n)) for n in sorted(names) if n)
        mentions = e.get("mentions") or []
        rows["article_entities"].append(
            (rid, e["id"], cid, e["name"], e["label"], json.dumps(e.get("titles") or []), len(mentions))
        )
        for m in mentions:
            rows["mentions"].append((rid, e["id"], cid, int(m["start"]), int(m["end"]), m["text"]))
    return local


def _quotes(rid: str, record: dict[str, Any], rows: Rows, local: dict[str, str]) -> list[str]:
    """Quote rows; returns the quotes' contents (searched with the article)."""
    texts = []
    for q in record.get("quotes") or []:
        sp, cue, content = q.get("speaker"), q.get("cue"), q["content"]
        sp_ent, sp_text = _ref(sp, local)
        rows["quotes"].append(
            (
                rid, q["id"], q["kind"], sp_ent, sp_text,
                sp.get("start") if sp else None, sp.get("end") if sp else None,
                cue["text"] if cue else None, cue["start"] if cue else None, cue["end"] if cue else None,
                content["text"], int(content["start"]), int(content["end"]), name_key(sp_text) if sp_text else None,
            )
        )
        texts.append(content["text"])
    return texts


def _facts(rid: str, record: dict[str, Any], rows: Rows, local: dict[str, str]) -> None:
    """Claim, date and event rows."""
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


def _framing(rid: str, record: dict[str, Any], rows: Rows, local: dict[str, str]) -> None:
    for seq, f in enumerate(record.get("framing") or []):
        sp = f.get("speaker")
        ref = f.get("refers_to")
        rows["framing"].append(
            (
                rid, seq, f["text"], int(f["start"]), int(f["end"]), f["category"], f["voice"],
                local.get(sp) if isinstance(sp, str) else None, local.get(ref) if isinstance(ref, str) else None,
            )
        )


def prepare(record: dict[str, Any]) -> Prepared:
    """Turn one record into rows. Raises KeyError/TypeError/ValueError on a malformed record."""
    rid = str(record["id"])
    art = record["article"]
    text = str(art["text"])
    src = record.get("source") or {}
    rows: Rows = {k: [] for k in INSERTS}
    article = (
        rid, art.get("title") or "", art.get("outlet"), art.get("published"), art.get("url") or src.get("url"),
        art.get("byline"), src.get("path"), src.get("url"), src.get("format"), text, len(text.split()),
        json.dumps(record, ensure_ascii=False), json.dumps(record.get("errors") or [], ensure_ascii=False), now(),
    )
    prepared = Prepared(rid, article, ("", "", ""), rows, [], [])
    for seq, b in enumerate(art.get("blocks") or []):
        rows["blocks"].append((rid, seq, b["kind"], int(b["start"]), int(b["end"])))
    local = _entities(rid, record, rows, prepared)
    quote_texts = _quotes(rid, record, rows, local)
    _facts(rid, record, rows, local)
    _framing(rid, record, rows, local)
    rows["signatures"].append((rid, *article_signatures(art)))
    prepared.search = (art.get("title") or "", text, "\n".join(quote_texts))
    return prepared
