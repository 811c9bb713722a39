"""What a speaker is, for the confusion table of ``bench/attribution.py``: person, org, group, role,
anonymous or not-an-agent (``none``: no speaker predicted).

A gold Source and a predicted speaker are typed the same way, from their text (file offsets) and the
entities the pipeline found there (their mentions, mapped to file offsets):

1. a pronoun: I, he, she, him, her -> person; we, they, them -> group; it -> org;
2. an entity of the pipeline whose mention overlaps the span (the one ending last, nearest the head):
   PERSON -> person; ORG, GPE -> org (a state speaks as a body); NORP -> group; any other label (DATE,
   CARDINAL, LOC, FAC, EVENT, ...) -> not-an-agent;
3. else the head word (the last word before ``of``, ``who``, ``from``, a comma or a parenthesis): in the
   cue lexicon's ``anonymous`` list (officials, sources, a spokesman) -> anonymous; in its ``roles`` (the
   minister, the president; a plural too) -> role; a capitalised word -> org (a name the NER missed);
   a plural in -s -> group; anything else (the report, the fire, a number) -> not-an-agent.
"""

from __future__ import annotations

import re
from typing import Any

TYPES = ("person", "org", "group", "role", "anonymous", "not-an-agent")
PRONOUNS = {"i": "person", "he": "person", "she": "person", "him": "person", "her": "person", "we": "group",
            "they": "group", "them": "group", "it": "org", "us": "group"}
LABELS = {"PERSON": "person", "ORG": "org", "GPE": "org", "NORP": "group"}
STOP = re.compile(r"\s+(?:of|who|which|that|from|at|in|for|with|on)\s+|[,(;:]")
WORD = re.compile(r"[\w'’.-]+")


def head_word(text: str) -> str:
    """The last word of the phrase before its first post-modifier."""
    words = WORD.findall(STOP.split(text.strip(), maxsplit=1)[0])
    return words[-1] if words else ""


def speaker_type(text: str, label: str | None, anonymous: frozenset[str], roles: frozenset[str]) -> str:
    """The type of a speaker phrase (``label``: the pipeline's entity label there, if any)."""
    low = text.strip().lower()
    if low in PRONOUNS:
        return PRONOUNS[low]
    if label:
        return LABELS.get(label, "not-an-agent")
    head = head_word(text)
    h = head.lower()
    if h in anonymous:
        return "anonymous"
    if h in roles or h.rstrip("s") in roles:
        return "role"
    if head[:1].isupper():
        return "org"
    if h.endswith("s") and len(h) > 3:
        return "group"
    return "not-an-agent"


class Typer:
    """Types the spans of one article, from its record's entities mapped to file offsets."""

    def __init__(self, record: dict[str, Any], omap: Any, text: str) -> None:
        from presslens.extract.quotes.cues import load_cues

        cues = load_cues()
        self.anonymous, self.roles, self.text = cues.anonymous, cues.roles, text
        self.labels = {e["id"]: e["label"] for e in record.get("entities", [])}
        self.mentions = sorted((omap(m["start"]), omap(m["end"], end=True), e["label"])
                               for e in record.get("entities", []) for m in e.get("mentions", []))

    def of_span(self, start: int, end: int, label: str | None = None) -> str:
        if label is None:
            over = [m for m in self.mentions if m[0] < end and start < m[1]]
            label = max(over, key=lambda m: m[1])[2] if over else None
        return speaker_type(self.text[start:end], label, self.anonymous, self.roles)

    def gold(self, g: dict[str, Any]) -> str:
        if not g.get("source"):
            return "none"
        s, e = min(p[0] for p in g["source"]), max(p[1] for p in g["source"])
        return self.of_span(s, e)

    def predicted(self, q: dict[str, Any], pred: dict[str, Any]) -> str:
        sp = q.get("speaker")
        if not sp or not pred["speaker"]:
            return "none"
        s, e = pred["speaker"][0]
        return self.of_span(s, e, self.labels.get(sp.get("entity") or "") or None)
