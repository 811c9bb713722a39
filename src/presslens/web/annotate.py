"""Turn a record into what the article page shows: its blocks cut into pieces, each piece carrying the
annotations that cover it (entities, quotes coloured by speaker, claims, dates, events with their negation
and modality, loaded wording by voice).

Pure data: pieces hold plain text, and the template escapes it (autoescape). Annotations may overlap (a name
inside a quote, a loaded word inside a quote), so each block is cut at every annotation boundary and every
piece lists all the annotations over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..record.events import ASSERTED, event_label

N_SPEAKER_COLOURS = 8


@dataclass
class Mark:
    start: int
    end: int
    classes: list[str]
    tip: str
    anchor: str | None = None  # id of the first piece of this annotation (panel links point here)
    tag: str | None = None  # a short label shown after the last piece (an event's type as read)


@dataclass
class Piece:
    text: str
    classes: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # ids of annotations that start here (panel links)
    tags: list[str] = field(default_factory=list)  # labels of annotations that end here (shown after the piece)

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(self.classes))

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(self.tips))


def speaker_key(quote: dict[str, Any]) -> str:
    sp = quote.get("speaker") or {}
    return str(sp.get("entity") or (sp.get("text") or "").strip().casefold() or "?")


def speaker_colours(record: dict[str, Any]) -> dict[str, int]:
    """Speaker key -> colour index, in order of first quote."""
    colours: dict[str, int] = {}
    for q in record.get("quotes") or []:
        colours.setdefault(speaker_key(q), len(colours) % N_SPEAKER_COLOURS)
    return colours


def speaker_name(record: dict[str, Any], quote: dict[str, Any]) -> str:
    sp = quote.get("speaker") or {}
    ents = {e["id"]: e for e in record.get("entities") or []}
    if sp.get("entity") in ents:
        return " ".join(str(ents[sp["entity"]]["name"]).split())
    return " ".join(str(sp.get("text") or "unattributed").split())


def _entity_marks(record: dict[str, Any]) -> list[Mark]:
    out = []
    for e in record.get("entities") or []:
        name = " ".join(str(e["name"]).split())
        for m in e.get("mentions") or []:
            out.append(Mark(m["start"], m["end"], ["ent", f"ent-{e['label']}"], f"{e['label']}: {name}"))
    return out


def _quote_marks(record: dict[str, Any]) -> list[Mark]:
    out = []
    colours = speaker_colours(record)
    for q in record.get("quotes") or []:
        sp = f"sp{colours[speaker_key(q)]}"
        who = speaker_name(record, q)
        cue = (q.get("cue") or {}).get("text") or "none"
        tip = f"Quote ({q['kind']}): speaker {who}; cue {cue}"
        c = q["content"]
        out.append(Mark(c["start"], c["end"], ["quote", sp, f"quote-{q['kind']}"], tip, anchor=f"q-{q['id']}"))
        speaker = q.get("speaker") or {}
        if isinstance(speaker.get("start"), int) and isinstance(speaker.get("end"), int):
            out.append(Mark(speaker["start"], speaker["end"], ["speaker", sp], f"Speaker of a quote: {who}"))
        if q.get("cue"):
            out.append(Mark(q["cue"]["start"], q["cue"]["end"], ["cue"], f"Cue of a quote by {who}"))
    return out


def _event_marks(record: dict[str, Any]) -> list[Mark]:
    """Each event's trigger, marked with its type as read ("not AGREE", "ASSAULT (possible)"): the tip says
    who did what to whom, and a tag after the trigger shows the label in the text itself."""
    out = []
    for ev in record.get("events") or []:
        t = ev.get("trigger") or {}
        if not (isinstance(t.get("start"), int) and isinstance(t.get("end"), int)):
            continue
        label = event_label(ev)
        parts = [f"Event: {label}"]
        for role in ("actor", "target", "place"):
            if (ev.get(role) or {}).get("text"):
                parts.append(f"{role} {ev[role]['text']}")
        if ev.get("date"):
            parts.append(f"date {ev['date']}")
        css = ["event", "event-negated" if ev.get("negated") else "event-affirmed"]
        css.append(f"event-{ev.get('modality') or ASSERTED}")
        out.append(Mark(t["start"], t["end"], css, "; ".join(parts), anchor=f"e-{ev['id']}", tag=label))
    return out


def marks(record: dict[str, Any]) -> list[Mark]:
    """Every annotation of a record as a Mark (offsets into article.text)."""
    out = _entity_marks(record) + _quote_marks(record)
    ents = {e["id"]: e for e in record.get("entities") or []}
    for c in record.get("claims") or []:
        src = c.get("source") or {}
        src_name = ents[src["entity"]]["name"] if src.get("entity") in ents else src.get("text")
        qual = f"{c['qualifier']} " if c.get("qualifier") else ""
        tip = f"Figure: {c.get('category')} {qual}{c.get('value')} {c.get('object') or ''}".rstrip()
        tip += f"; source {src_name}" if src_name else "; no source given"
        out.append(Mark(c["start"], c["end"], ["claim"], tip, anchor=f"c-{c['id']}"))
    for i, d in enumerate(record.get("dates") or []):
        out.append(Mark(d["start"], d["end"], ["date"], f"Date: {d.get('value') or '?'} ({d.get('granularity')})",
                        anchor=f"d-{i}"))
    out.extend(_event_marks(record))
    for i, f in enumerate(record.get("framing") or []):
        who = ""
        if f.get("speaker") in ents:
            who = f"; speaker {ents[f['speaker']]['name']}"
        out.append(Mark(f["start"], f["end"], ["frame", f"voice-{f['voice']}"],
                        f"Loaded wording ({f['category']}), voice {f['voice']}{who}", anchor=f"f-{i}"))
    return out


def original_url(record: dict[str, Any]) -> str | None:
    """The article's original address when it is an http(s) URL (anything else, ``javascript:`` included, is
    never made a link)."""
    url = record.get("article", {}).get("url") or (record.get("source") or {}).get("url")
    if not isinstance(url, str):
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def pieces(text: str, start: int, end: int, all_marks: list[Mark]) -> list[Piece]:
    """The text of [start, end) cut at every mark boundary, each piece with the marks covering it."""
    inside = [m for m in all_marks if m.start < end and m.end > start and m.start < m.end]
    cuts = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    out: list[Piece] = []
    anchored: set[str] = set()  # each anchor once, on the first piece of its annotation
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        p = Piece(text[a:b])
        for m in inside:
            if m.start <= a and m.end >= b:
                p.classes.extend(m.classes)
                p.tips.append(m.tip)
                if m.anchor and m.anchor not in anchored:
                    p.anchors.append(m.anchor)
                    anchored.add(m.anchor)
                if m.tag and b == m.end:
                    p.tags.append(m.tag)
        out.append(p)
    return out


def article_view(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The blocks to render, each ``{"kind", "pieces"}``; the text outside any block is not shown."""
    text = record["article"]["text"]
    all_marks = marks(record)
    blocks = record["article"].get("blocks") or [{"kind": "paragraph", "start": 0, "end": len(text)}]
    return [{"kind": b["kind"], "pieces": pieces(text, b["start"], b["end"], all_marks)} for b in blocks]
