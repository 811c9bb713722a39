"""A readable, plain-text summary of one record (``--format text`` and ``make demo``)."""

from __future__ import annotations

import textwrap
from typing import Any

from .errors import severity_of
from .record.events import event_label


def _names(rec: dict[str, Any], labels: set[str]) -> list[str]:
    ents = [e for e in rec.get("entities", []) if e.get("label") in labels]
    ents.sort(key=lambda e: -len(e.get("mentions", [])))
    out = []
    for e in ents:
        extra = f" ({e['titles'][0]})" if e.get("titles") else ""
        out.append(f"{e['name']}{extra} x{len(e.get('mentions', []))}")
    return out


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(rec: dict[str, Any]) -> str:
    """Title, outlet, date, people, organisations, places, then quotes, claims, dates, events, framing."""
    art = rec.get("article", {})
    src = rec.get("source", {})
    lines = [f"== {art.get('title') or '(no title)'}"]
    lines.append(
        f"   source: {src.get('url') or src.get('path')} [{src.get('format')}]   outlet: {art.get('outlet') or '-'}"
        f"   published: {art.get('published') or '-'}   id: {rec.get('id')}"
    )
    for err in rec.get("errors", []):
        lines.append(f"   {severity_of(err).upper()} {err['code']}: {err['message']}")
    if not art.get("text"):
        return "\n".join(lines)
    kinds: dict[str, int] = {}
    for b in art.get("blocks", []):
        kinds[b["kind"]] = kinds.get(b["kind"], 0) + 1
    lines.append("   blocks: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    for label, title in (({"PERSON"}, "people"), ({"ORG"}, "organisations"), ({"GPE", "LOC", "FAC"}, "places")):
        names = _names(rec, label)
        if names:
            lines.append(textwrap.fill(f"{title}: " + "; ".join(names), 110, initial_indent="   ", subsequent_indent="      "))
    who = {e["id"]: e["name"] for e in rec.get("entities", [])}
    if rec.get("quotes"):
        lines.append(f"   quotes ({len(rec['quotes'])}):")
        for q in rec["quotes"]:
            sp = q.get("speaker") or {}
            name = who.get(sp.get("entity") or "") or sp.get("text") or "?"
            lines.append(f"     {name[:24]:24} {q['kind']:8} “{_short(q['content']['text'], 70)}”")
    if rec.get("claims"):
        lines.append(f"   claims ({len(rec['claims'])}):")
        for c in rec["claims"]:
            src_ = (c.get("source") or {}).get("text") or "-"
            qual = f"{c['qualifier']} " if c.get("qualifier") else ""
            value = c["value"]
            shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
            lines.append(f"     {qual}{shown} {c.get('object') or ''} [{c['category']}]  source: {src_}")
    if rec.get("dates"):
        lines.append("   dates: " + "; ".join(f"{d['text']} = {d.get('value')}" for d in rec["dates"]))
    if rec.get("events"):
        lines.append(f"   events ({len(rec['events'])}):")
        for ev in rec["events"]:
            actor = (ev.get("actor") or {}).get("text") or "-"
            target = (ev.get("target") or {}).get("text") or "-"
            lines.append(
                f"     {event_label(ev):20} {actor[:22]:22} -> {target[:22]:22} {ev.get('date') or ''}  “{ev['trigger']['text']}”"
            )
    if rec.get("framing"):
        by_voice: dict[str, list[str]] = {}
        for f in rec["framing"]:
            by_voice.setdefault(f["voice"], []).append(f["text"])
        for voice, texts in by_voice.items():
            lines.append(textwrap.fill(f"loaded wording, {voice}: " + "; ".join(texts), 110, initial_indent="   ", subsequent_indent="      "))
    return "\n".join(lines)
