"""Shared helpers of the fact extractors (dates, claims, events): body sentences, entity look-up, tense.

Everything here reads the existing parse and the earlier components' results on the Doc; nothing re-parses.
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..data import load as load_data  # noqa: F401  (step 1: re-export)

BODY_KINDS = ("paragraph", "caption")


def doc_text(doc: Doc) -> str:
    """The Doc's text without rebuilding it from tokens (``Doc.text`` joins every token on each access):
    the article text the Doc was made from, when there is one."""
    article = doc._.pl_article
    text = article.get("text") if article else None
    return text if isinstance(text, str) else doc.text


def body_ranges(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the body blocks (paragraphs and captions); the whole text when there are no blocks."""
    article = doc._.pl_article or {}
    blocks = article.get("blocks") or []
    if not blocks:
        return [(0, len(doc_text(doc)), "paragraph")]
    return [(b["start"], b["end"], b["kind"]) for b in blocks if b["kind"] in BODY_KINDS]


def in_body(ranges: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The kind of the body block holding [start, end), or None when it is outside the body."""
    for s, e, kind in ranges:
        if s <= start and end <= e:
            return kind
    return None


def body_sents(doc: Doc) -> list[Span]:
    """Sentences that lie in body blocks (a sentence never crosses a block: presslens_blocks sets the starts)."""
    ranges = body_ranges(doc)
    out = []
    for sent in doc.sents:
        last = sent.end - 1
        while last > sent.start and doc[last].is_space:
            last -= 1
        if doc[last].is_space:
            continue
        if in_body(ranges, sent.start_char, doc[last].idx + len(doc[last])) is not None:
            out.append(sent)
    return out


class EntityIndex:
    """Entity mentions by character offset: which entity does a token or span belong to."""

    def __init__(self, entities: list[dict[str, Any]] | None) -> None:
        self.entities = list(entities or [])
        self.by_id = {e["id"]: e for e in self.entities}
        spans = []
        for ent in self.entities:
            for m in ent.get("mentions", []):
                spans.append((m["start"], m["end"], ent["id"]))
        spans.sort()
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def at(self, start: int, end: int) -> dict[str, Any] | None:
        """The entity with a mention overlapping [start, end) (the longest overlap), or None."""
        hi = bisect.bisect_left(self.starts, end)
        best: tuple[int, str] | None = None
        for s, e, eid in self.spans[max(0, hi - 40) : hi]:
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, eid)
        return self.by_id[best[1]] if best else None

    def token(self, tok: Token) -> dict[str, Any] | None:
        return self.at(tok.idx, tok.idx + len(tok.text))

    def by_name(self, name: str, labels: tuple[str, ...] = ("GPE",)) -> dict[str, Any] | None:
        """The entity whose canonical name (or a mention) is ``name``, case-insensitively."""
        low = name.lower()
        for ent in self.entities:
            if ent.get("label") not in labels:
                continue
            if ent.get("name", "").lower() == low or any(m["text"].lower() == low for m in ent.get("mentions", [])):
                return ent
        return None


def governing_verb(tok: Token) -> Token:
    """The nearest verb (or AUX root) at or above ``tok``; the sentence root when there is none."""
    cur = tok
    for _ in range(40):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def is_future(verb: Token) -> bool:
    """Whether the clause of ``verb`` is in the future ("will", "shall", "is going to", "plans to")."""
    cur = verb
    for _ in range(4):
        for child in cur.children:
            if child.tag_ == "MD" and child.lower_ in ("will", "shall", "'ll", "wo"):
                return True
            if child.tag_ == "MD" and child.lower_ == "would" and cur.dep_ == "ccomp":
                return True  # future in the past: "announced that mediators would meet on Monday"
        if cur.dep_ in ("xcomp",) and cur.head.lemma_ in ("go", "plan", "intend", "expect", "schedule", "due", "set", "agree", "promise"):
            if cur.head.lemma_ != "go" or cur.head.tag_ == "VBG":
                return True
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return False


def is_past(verb: Token) -> bool:
    """Whether the clause of ``verb`` is in the past tense (a past verb or a past auxiliary)."""
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP", "VBD") for c in verb.children)
    )


def span_json(doc: Doc, start: int, end: int) -> dict[str, Any]:
    """A {text, start, end} dict for characters [start, end) of the doc."""
    return {"text": doc_text(doc)[start:end], "start": start, "end": end}
