"""The article page ``/article/ID`` (the annotated text) and the entity page ``/entity/ID``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...errors import only
from ...record.events import event_label
from ..annotate import article_view, original_url, speaker_colours, speaker_key, speaker_name
from ..charts import timeline
from ..deps import StoreDep, article_context, entity_or_404, page

router = APIRouter()


@router.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: str, s: StoreDep) -> HTMLResponse:
    ctx = article_context(s, article_id)
    rec = ctx["record"]
    colours = speaker_colours(rec)
    quotes = [
        {**q, "colour": colours[speaker_key(q)], "speaker_name": speaker_name(rec, q)} for q in rec.get("quotes") or []
    ]
    framing_by_voice: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, fr in enumerate(rec.get("framing") or []):
        framing_by_voice.setdefault(fr["voice"], []).append((i, fr))
    ents = {e["id"]: e for e in rec.get("entities") or []}
    events = [{**ev, "label": event_label(ev)} for ev in rec.get("events") or []]
    url = rec["article"].get("url") or (rec.get("source") or {}).get("url")
    return page(
        request, "article.html", rec=rec, blocks=article_view(rec), quotes=quotes, ents=ents, events=events,
        framing_by_voice=framing_by_voice, entity_map=ctx["entity_map"], stories=ctx["stories"],
        original=original_url(rec), unlinked_url=None if original_url(rec) else url,
        errors=only(rec.get("errors"), "error"), warnings=only(rec.get("errors"), "warning"),
    )


@router.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, entity_id: str, s: StoreDep) -> HTMLResponse:
    ent = entity_or_404(s, entity_id)
    return page(request, "entity.html", ent=ent, timeline=timeline(ent["quotes"]))
