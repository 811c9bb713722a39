"""What the event rules of one Doc share (``DocEvents``: the resolver, the dates, the quotes), and of one
sentence (``Sentence``): targets after prepositions, the place, the date, modality and negation of a
clause, and the assembly of an event from its parts."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from ..common import AGENT_LABELS, PLACE_LABELS, Intervals, argument_span, doc_text
from .eventargs import Resolver
from .places import ActorWords
from .triggers import Triggers, event_triggers


class DocEvents:
    """The Doc-wide part of event extraction: the argument resolver, the Doc's dates and quotes."""

    def __init__(self, doc: Doc, triggers: Triggers | None = None, actors: ActorWords | None = None) -> None:
        self.triggers = triggers or event_triggers()
        self.doc = doc
        self.text = doc_text(doc)
        self.res = Resolver(doc, actors)
        self.dates = list(doc._.pl_dates or [])
        published = (doc._.pl_article or {}).get("published")
        self.published = published[:10] if published else None
        self.quote_spans = Intervals(
            (q["content"]["start"], q["content"]["end"]) for q in (doc._.pl_quotes or []) if q.get("content")
        )
        self.date_starts = Intervals((d["start"], d["start"] + 1) for d in self.dates)

    def in_quote(self, offset: int) -> bool:
        return self.quote_spans.holds(offset)


class Sentence:
    """Event extraction over one sentence (shares the resolver, the dates and the quotes of the doc)."""

    def __init__(self, ex: DocEvents, sent: Span) -> None:
        self.ex = ex
        self.sent = sent
        self.doc = sent.doc
        self.cfg = ex.triggers
        self.verbal: dict[int, str] = {}

    def target_preps(self, etype: str) -> frozenset[str]:
        return self.cfg.targets_of(etype)

    def prep_targets(self, head: Token, etype: str, skip: Token | None = None) -> list[Token]:
        out: list[Token] = []
        preps = self.target_preps(etype)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for obj in c.children:
                    if obj.dep_ == "pobj" and (skip is None or obj.i != skip.i) and self.ex.res.actor_like(obj):
                        out.extend([obj, *[cc for cc in obj.conjuncts if cc.i > obj.i]])
        return out

    def place(self, heads: list[Token], exclude: set[int]) -> dict[str, Any] | None:
        for head in heads:
            for c in head.children:
                if c.dep_ != "prep" or c.lower_ not in self.cfg.place_preps:
                    continue
                for obj in c.children:
                    if obj.dep_ != "pobj":
                        continue
                    inner = [g for g in obj.children if g.dep_ == "appos" or (g.dep_ == "compound" and obj.pos_ == "PROPN")]
                    # "outside the embassy in London": one step further down
                    inner += [
                        g for p in obj.children if p.dep_ == "prep" and p.lower_ in self.cfg.place_preps
                        for g in p.children if g.dep_ == "pobj"
                    ]
                    for cand in [obj, *inner]:
                        if cand.i in exclude:
                            continue
                        ent = self.ex.res.index.token(cand)
                        if ent is not None and ent.get("label") in PLACE_LABELS:
                            s, e = argument_span(cand)
                            return {"entity": ent["id"], "text": self.ex.text[s:e]}
        return None

    def date(self, heads: list[Token]) -> tuple[str | None, str]:
        sent = self.sent
        in_sent = [d for d in (self.ex.dates[k] for k in self.ex.date_starts.starting_in(sent.start_char, sent.end_char)) if d.get("value")]
        roots = []
        for d in in_sent:
            span = self.doc.char_span(d["start"], d["end"], alignment_mode="expand")
            if span is not None and len(span):
                roots.append((d, span.root))
        for head in heads:
            for d, root in roots:
                if head.left_edge.i <= root.i <= head.right_edge.i and head.i in {root.i, *(a.i for a in root.ancestors)}:
                    return d["value"], "clause"
        if roots:
            anchor = heads[0].idx
            d = min(in_sent, key=lambda x: abs(x["start"] - anchor))
            return d["value"], "sentence"
        return self.ex.published, "publication"

    def modality(self, verb: Token) -> str:
        cfg = self.cfg
        cur = verb
        for _ in range(4):
            for c in cur.children:
                if c.tag_ == "MD" or c.dep_ == "aux":
                    if c.lower_ in cfg.possibility:
                        return "possible"
                    if c.lower_ in cfg.intention and c.tag_ == "MD":
                        return "intended"
            if cur.dep_ in ("xcomp", "acomp") and cur.head.i != cur.i:
                if cur.head.lemma_.lower() in cfg.intention or cur.head.lower_ in cfg.intention:
                    return "intended"
                if cur.head.lemma_.lower() in cfg.possibility:
                    return "possible"
                cur = cur.head
                continue
            break
        return "asserted"

    @staticmethod
    def negated(*toks: Token) -> bool:
        for t in toks:
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
                return True
        return False

    def modifier_entity(self, noun: Token) -> dict[str, Any] | None:
        for c in noun.children:
            if c.dep_ in ("compound", "poss", "amod") and c.i < noun.i:
                ent = self.ex.res.entity(c)
                if ent is not None and ent.get("label") in AGENT_LABELS:
                    return self.ex.res.arg(c, "actor")
        return None

    def build(
        self,
        etype: str,
        trigger: dict[str, Any],
        actor: dict[str, Any] | None,
        targets: list[Token],
        heads: list[Token],
        mood_tok: Token,
        passive: bool,
        kind: str,
        tok: Token,
        target_args: list[dict[str, Any]] | None = None,
        places: list[Token] | None = None,
    ) -> list[dict[str, Any]]:
        res = self.ex.res
        found = list(target_args or []) or [res.arg(t, "target") for t in targets]
        # an actor is not its own target ("Israel ... Israeli forces")
        own = (actor or {}).get("entity")
        args: list[dict[str, Any] | None] = [t for t in found if not (own and t.get("entity") == own)] or [None]
        exclude = {t.i for t in targets}
        # "talks with X and Y in Oslo": the parser often hangs the place on the last target
        place = self.place([*heads, *targets], exclude)
        if place is None and places:
            ent = res.index.token(places[0])
            s, e = argument_span(places[0])
            place = {"entity": ent["id"] if ent else None, "text": self.ex.text[s:e]}
        value, source = self.date(heads)
        modality = self.modality(mood_tok) if mood_tok.pos_ in ("VERB", "AUX") else "asserted"
        out = []
        for target in args:
            ev: dict[str, Any] = {
                "type": etype,
                "trigger": trigger,
                "actor": actor,
                "target": target,
                "date": value,
                "place": place,
                "date_source": source,
                "negated": self.negated(mood_tok, tok),
                "modality": modality,
                "passive": passive,
                "trigger_kind": kind,
                "in_quote": self.ex.in_quote(trigger["start"]),
            }
            if place is not None and place.get("entity"):
                ent = res.index.by_id.get(place["entity"])
                if ent is not None and ent.get("part_of"):
                    ev["place"] = {**place, "part_of": ent["part_of"]}
            out.append(ev)
        return out
