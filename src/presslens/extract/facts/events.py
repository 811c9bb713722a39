"""Events in the PLOVER ontology: who did what to whom, when and where.

``find_events(doc)`` finds verbal and nominal triggers from ``data/triggers.json`` in body sentences and reads
their arguments off the existing dependency parse:

- verbal triggers ("assassinated", "praised"): the subject is the actor and the object (or the object of a
  type's target preposition: "talks *with*", "strikes *on*") the target; in a passive the agent ("by X") is
  the actor, or the country or group that modifies an attack noun in the clause ("was assassinated in a
  *US* drone strike"), and the passive subject is the target;
- nominal triggers ("telephone conversations", "a bombing campaign", "a ceasefire"): the actor is a modifier
  ("Israeli airstrikes", "Israel's offensive"), an agent ("by X"), or the subject of a light verb that takes
  the noun as object ("Israel *launched* a bombing campaign", "the regime *announced* a ceasefire") or of the
  verb the noun is "in" ("Salami made the remarks in telephone conversations with ..."); "a rally to condemn
  Israeli airstrikes" takes its target from the purpose clause: whoever carried out the airstrikes.

Arguments are resolved to entities by ``eventargs.Resolver`` (metonyms, nationalities, pronouns,
definite descriptions). Each event also gets a date (a date of ``doc._.pl_dates`` in the trigger's clause,
else in its sentence, else the publication date, said by ``date_source``), a place (an entity of kind
GPE/LOC/FAC after "in", "at", "near" ... in the clause), ``negated``, ``modality`` (asserted, intended:
"ready to provide assistance", possible: "may attack"), ``passive`` and ``in_quote``. Coordinated targets
("with Haniyeh and Nakhalah") give one event each.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...data import load
from ..common import (
    AGENT_LABELS,
    PLACE_LABELS,
    TIME_LABELS,
    TRIGGER_NAME_LABELS,
    argument_span,
    body_sents,
    doc_text,
    governing_verb,
)
from .eventargs import Resolver
from .places import country_name

VISIT_VERBS = frozenset({"visit", "host", "tour"})
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
PARTITIVES = frozenset({"kind", "sort", "type", "form", "series", "wave", "number", "lot", "string", "spate", "round", "host"})


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a trigger lemma of a type, with the conditions under which it counts."""

    type: str
    lemma: str
    particle: str | None = None
    objs: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()

    @property
    def conditional(self) -> bool:
        return bool(self.objs or self.preps or self.particle)


def parse_entry(kind: str, text: str) -> Entry:
    """'lemma', 'lemma:a,b', 'lemma@p,q', 'lemma+particle', or a two-word noun 'air strike' (modifier + head)."""
    preps: frozenset[str] = frozenset()
    objs: frozenset[str] = frozenset()
    particle = None
    if "@" in text:
        text, p = text.split("@", 1)
        preps = frozenset(p.split(","))
    if ":" in text:
        text, o = text.split(":", 1)
        objs = frozenset(o.split(","))
    if "+" in text:
        text, particle = text.split("+", 1)
    if " " in text:  # "air strike": the head "strike" with the modifier "air"
        mod, text = text.rsplit(" ", 1)
        objs = objs | {mod}
    return Entry(kind, text, particle, objs, preps)


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    """(verb lemma -> entries, noun lemma -> entries), conditional entries first."""
    data = load("triggers.json")
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for etype, lists in data["triggers"].items():
        for text in lists["verbs"]:
            e = parse_entry(etype, text)
            verbs.setdefault(e.lemma, []).append(e)
        for text in lists["nouns"]:
            e = parse_entry(etype, text)
            nouns.setdefault(e.lemma, []).append(e)
    for table in (verbs, nouns):
        for entries in table.values():
            entries.sort(key=lambda e: not e.conditional)
    return verbs, nouns


@lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    data = load("triggers.json")
    _, nouns = lexicon()
    return {
        "light": frozenset(data["light_verbs"]),
        "intention": frozenset(data["intention"]),
        "possibility": frozenset(data["possibility"]),
        "place_preps": frozenset(data["place_preps"]),
        "target_preps": {k: frozenset(v) for k, v in data["target_preps"].items()},
        "instrument_preps": frozenset(data["instrument_preps"]),
        "agent_preps": frozenset(data["agent_preps"]),
        "no_agent_preps": frozenset(data["no_agent_preps"]),
        "attack_nouns": frozenset(k for k, v in nouns.items() if any(e.type == "ASSAULT" for e in v)),
    }


def _objects(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for c in tok.children:
        if c.dep_ in ("prep", "dative"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out + [cc for o in out for cc in o.conjuncts]


def match(tok: Token, entries: list[Entry], verb: bool) -> Entry | None:
    """The first entry whose conditions ``tok`` meets."""
    for e in entries:
        if e.particle and not any(c.lower_ == e.particle and c.dep_ in ("prt", "prep", "advmod") for c in tok.children):
            continue
        if not (e.objs or e.preps):
            return e
        if e.objs:
            if verb:
                lemmas = {o.lemma_.lower() for o in _objects(tok)}
                if tok.dep_ == "acl" and tok.tag_ == "VBN":
                    lemmas.add(tok.head.lemma_.lower())
            else:
                lemmas = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i}
                lemmas |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i}
            if lemmas & e.objs:
                return e
        if e.preps and any(c.dep_ == "prep" and c.lower_ in e.preps for c in tok.children):
            return e
    return None


def subject(verb: Token) -> Token | None:
    """The subject of a verb, climbing from an open complement or a coordinated verb ("ready to provide")."""
    cur = verb
    for _ in range(5):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp") and cur.head.i != cur.i:
            if cur.dep_ == "conj" and any(c.dep_ in ("nsubjpass",) for c in cur.children):
                return None
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        return None
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN")


class _Sentence:
    """Event extraction over one sentence (shares the resolver, the dates and the quotes of the doc)."""

    def __init__(self, ex: _Extractor, sent: Span) -> None:
        self.ex = ex
        self.sent = sent
        self.doc = sent.doc
        self.cfg = _settings()
        self.verbal: dict[int, str] = {}

    def target_preps(self, etype: str) -> frozenset[str]:
        tp = self.cfg["target_preps"]
        return frozenset(tp["*"] | tp.get(etype, frozenset()))

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
                if c.dep_ != "prep" or c.lower_ not in self.cfg["place_preps"]:
                    continue
                for obj in c.children:
                    if obj.dep_ != "pobj":
                        continue
                    inner = [g for g in obj.children if g.dep_ == "appos" or (g.dep_ == "compound" and obj.pos_ == "PROPN")]
                    # "outside the embassy in London": one step further down
                    inner += [
                        g for p in obj.children if p.dep_ == "prep" and p.lower_ in self.cfg["place_preps"]
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
        in_sent = [d for d in self.ex.dates if sent.start_char <= d["start"] < sent.end_char and d.get("value")]
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
                    if c.lower_ in cfg["possibility"]:
                        return "possible"
                    if c.lower_ in cfg["intention"] and c.tag_ == "MD":
                        return "intended"
            if cur.dep_ in ("xcomp", "acomp") and cur.head.i != cur.i:
                if cur.head.lemma_.lower() in cfg["intention"] or cur.head.lower_ in cfg["intention"]:
                    return "intended"
                if cur.head.lemma_.lower() in cfg["possibility"]:
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

    # -- verbal triggers ---------------------------------------------------------------------------------
    def verbal_event(self, tok: Token, etype: str) -> list[dict[str, Any]]:
        res = self.ex.res
        passive = is_passive(tok)
        actor: dict[str, Any] | None = None
        targets: list[Token] = []
        extra_heads: list[Token] = []
        if passive:
            agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None:
                actor = res.arg(agent, "actor")
            else:
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in self.cfg["instrument_preps"]:
                        for inst in c.children:
                            if inst.dep_ == "pobj" and inst.lemma_.lower() in self.cfg["attack_nouns"]:
                                extra_heads.append(inst)
                                actor = actor or res.country_modifier(inst) or self._modifier_entity(inst)
            patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if patient is None and tok.dep_ == "acl":
                patient = tok.head
            real = patient.head.head if patient is not None and patient.lower_ in ("which", "who", "that") else patient
            if patient is not None and real is not None and res.actor_like(real):
                targets = [patient, *[cc for cc in patient.conjuncts if cc.i > patient.i]]
        else:
            subj = subject(tok)
            if subj is not None and res.actor_like(subj):
                actor = res.arg(subj, "actor")
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and res.actor_like(obj):
                targets = [obj, *[cc for cc in obj.conjuncts if cc.i > obj.i]]
            else:
                targets = self.prep_targets(tok, etype) or (self.prep_targets(obj, etype) if obj is not None else [])
        place_args: list[Token] = []
        if tok.lemma_.lower() in VISIT_VERBS:  # "visited New York": a city or landmark visited is the place, not a target
            for t in list(targets):
                ent = res.index.token(t)
                if ent is not None and ent.get("label") in PLACE_LABELS and country_name(ent["name"]) is None:
                    place_args.append(t)
            targets = [t for t in targets if all(t.i != p.i for p in place_args)]
        if not targets and etype in SYMMETRIC and not passive:
            subj = subject(tok)  # "France and Germany signed an agreement": France with Germany
            targets = [c for c in subj.conjuncts if c.i > subj.i] if subj is not None else []
        obj_heads = [c for c in tok.children if c.dep_ == "dobj"]
        trigger = {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)}
        heads = [tok, *extra_heads, *obj_heads]
        return self.build(etype, trigger, actor, targets, heads, tok, passive, "verb", tok, places=place_args)

    def _modifier_entity(self, noun: Token) -> dict[str, Any] | None:
        for c in noun.children:
            if c.dep_ in ("compound", "poss", "amod") and c.i < noun.i:
                ent = self.ex.res.entity(c)
                if ent is not None and ent.get("label") in AGENT_LABELS:
                    return self.ex.res.arg(c, "actor")
        return None

    # -- nominal triggers --------------------------------------------------------------------------------
    def nominal_event(self, tok: Token, entry: Entry, purpose: Token | None) -> list[dict[str, Any]]:
        res = self.ex.res
        cfg = self.cfg
        etype = entry.type
        anchor = tok
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
            anchor = tok.head
        head = anchor.head
        # merged into a verbal trigger of the same type ("assassinated in a drone strike", "launched an attack")
        if anchor.dep_ == "dobj" and self.verbal.get(head.i) == etype:
            return []
        if anchor.dep_ == "pobj" and self.verbal.get(head.head.i) == etype:
            return []
        actor: dict[str, Any] | None = None
        poss = next((c for c in [*anchor.children, *tok.children] if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ != "PRON" and res.actor_like(poss):
            actor = res.arg(poss, "actor")
        actor = actor or res.country_modifier(tok) or res.country_modifier(anchor) or self._modifier_entity(anchor)
        by = next((g for c in anchor.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None)
        if actor is None and by is not None:
            actor = res.arg(by, "actor")
        verb: Token | None = None
        pos = anchor  # "all kinds of assistance": the noun's place in the clause is that of "kinds"
        while pos.dep_ == "pobj" and pos.head.lower_ == "of" and pos.head.head.lemma_.lower() in PARTITIVES:
            pos = pos.head.head
        head = pos.head
        if pos.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ == "VERB" and head.lemma_.lower() in cfg["light"]:
            verb = head
        elif pos.dep_ == "pobj" and head.lower_ in cfg["agent_preps"] and head.head.pos_ == "VERB":
            verb = head.head
        if actor is None and verb is not None:
            if is_passive(verb):
                agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                actor = res.arg(agent, "actor") if agent is not None else None
            else:
                subj = subject(verb)
                actor = res.arg(subj, "actor") if subj is not None and res.actor_like(subj) else None
        targets = self.prep_targets(anchor, etype)
        if not targets and verb is not None and pos.dep_ == "dobj":
            targets = self.prep_targets(verb, etype, skip=pos)
        target_args: list[dict[str, Any]] | None = None
        if purpose is not None:
            obj = next((c for c in purpose.children if c.dep_ == "dobj"), None)
            if obj is not None:
                mod = res.country_modifier(obj) or self._modifier_entity(obj)
                if mod is not None:
                    target_args = [mod]
                elif res.actor_like(obj):
                    targets = [obj, *[cc for cc in obj.conjuncts if cc.i > obj.i]]
                else:
                    s, e = argument_span(obj)
                    target_args = [{"entity": None, "text": self.ex.text[s:e]}]
        start = tok
        for c in sorted(tok.lefts, key=lambda t: -t.i):
            wanted = c.dep_ == "compound" or (c.dep_ == "amod" and c.lemma_.lower() in entry.objs)
            if wanted and c.i == start.i - 1 and res.index.token(c) is None:
                start = c
        trig_start, trig_end = start.idx, anchor.idx + len(anchor.text)
        trigger = {"text": self.ex.text[trig_start:trig_end], "start": trig_start, "end": trig_end}
        clause = verb or governing_verb(anchor)
        heads = [anchor, *([purpose] if purpose is not None else []), clause]
        passive = verb is not None and is_passive(verb)
        events = self.build(etype, trigger, actor, targets, heads, verb or anchor, passive, "noun", tok, target_args)
        return events

    # -- assembly ----------------------------------------------------------------------------------------
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

    def events(self) -> list[dict[str, Any]]:
        verbs, nouns = lexicon()
        found: list[tuple[Token, Entry, bool]] = []
        for tok in self.sent:
            if tok.ent_type_ in TRIGGER_NAME_LABELS and tok.pos_ == "PROPN" or tok.ent_type_ in TIME_LABELS:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and tok.dep_ not in ("amod",) and lemma in verbs:
                e = match(tok, verbs[lemma], verb=True)
                if e is not None:
                    found.append((tok, e, True))
            elif tok.pos_ in ("NOUN", "PROPN") and (lemma in nouns or tok.lower_ in nouns):
                e = match(tok, nouns.get(lemma) or nouns[tok.lower_], verb=False)
                if e is not None:
                    found.append((tok, e, False))
        # "a rally to condemn X": a trigger verb of purpose belongs to the noun's event
        purpose: dict[int, Token] = {}
        verb_triggers = {tok.i for tok, _, is_verb in found if is_verb}
        for tok, _, is_verb in found:
            if not is_verb and tok.i + 2 < self.sent.end and self.doc[tok.i + 1].lower_ == "to" and tok.i + 2 in verb_triggers:
                purpose[tok.i] = self.doc[tok.i + 2]
        absorbed = {p.i for p in purpose.values()}
        out: list[dict[str, Any]] = []
        for tok, e, is_verb in found:
            if is_verb and tok.i not in absorbed:
                self.verbal[tok.i] = e.type
        for tok, e, is_verb in found:
            if is_verb:
                if tok.i not in absorbed:
                    out.extend(self.verbal_event(tok, e.type))
            else:
                if tok.dep_ == "compound" and any(t.i == tok.head.i for t, _, v in found if not v):
                    continue  # "rocket fire": the head noun is the trigger
                out.extend(self.nominal_event(tok, e, purpose.get(tok.i)))
        return out


class _Extractor:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.res = Resolver(doc)
        self.dates = list(doc._.pl_dates or [])
        published = (doc._.pl_article or {}).get("published")
        self.published = published[:10] if published else None
        self.quote_spans = [
            (q["content"]["start"], q["content"]["end"]) for q in (doc._.pl_quotes or []) if q.get("content")
        ]

    def in_quote(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quote_spans)


def find_events(doc: Doc) -> list[dict[str, Any]]:
    """Every PLOVER event in the body: [{id, type, trigger, actor, target, date, place, ...}]."""
    ex = _Extractor(doc)
    events: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str]] = set()
    for sent in body_sents(doc):
        for ev in _Sentence(ex, sent).events():
            key = (ev["type"], ev["trigger"]["start"], str((ev["target"] or {}).get("entity") or (ev["target"] or {}).get("text")))
            if key in seen:
                continue
            seen.add(key)
            events.append({"id": f"EV{len(events) + 1}", **ev})
    return events
