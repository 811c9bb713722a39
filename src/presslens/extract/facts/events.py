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

from typing import Any, cast

from spacy.tokens import Doc, Token

from ...record.types import Event
from ..common import PLACE_LABELS, TIME_LABELS, TRIGGER_NAME_LABELS, argument_span, body_sents, governing_verb
from .eventslots import DocEvents, Sentence
from .places import ActorWords
from .triggers import Entry, Triggers, is_passive, match, subject


def find_events(doc: Doc, triggers: Triggers | None = None, actors: ActorWords | None = None) -> list[Event]:
    """Every PLOVER event in the body: [{id, type, trigger, actor, target, date, place, ...}]."""
    ex = DocEvents(doc, triggers, actors)
    events: list[Event] = []
    seen: set[tuple[str, int, str]] = set()
    for sent in body_sents(doc):
        for ev in sentence_events(Sentence(ex, sent)):
            key = (ev["type"], ev["trigger"]["start"], str((ev["target"] or {}).get("entity") or (ev["target"] or {}).get("text")))
            if key in seen:
                continue
            seen.add(key)
            events.append(cast(Event, {"id": f"EV{len(events) + 1}", **ev}))
    return events


def sentence_events(sn: Sentence) -> list[dict[str, Any]]:
    verbs, nouns = sn.cfg.verbs, sn.cfg.nouns
    found: list[tuple[Token, Entry, bool]] = []
    for tok in sn.sent:
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
        if not is_verb and tok.i + 2 < sn.sent.end and sn.doc[tok.i + 1].lower_ == "to" and tok.i + 2 in verb_triggers:
            purpose[tok.i] = sn.doc[tok.i + 2]
    absorbed = {p.i for p in purpose.values()}
    out: list[dict[str, Any]] = []
    for tok, e, is_verb in found:
        if is_verb and tok.i not in absorbed:
            sn.verbal[tok.i] = e.type
    for tok, e, is_verb in found:
        if is_verb:
            if tok.i not in absorbed:
                out.extend(verbal_event(sn, tok, e.type))
        else:
            if tok.dep_ == "compound" and any(t.i == tok.head.i for t, _, v in found if not v):
                continue  # "rocket fire": the head noun is the trigger
            out.extend(nominal_event(sn, tok, e, purpose.get(tok.i)))
    return out


def verbal_event(sn: Sentence, tok: Token, etype: str) -> list[dict[str, Any]]:
    res = sn.ex.res
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
                if c.dep_ == "prep" and c.lower_ in sn.cfg.instrument_preps:
                    for inst in c.children:
                        if inst.dep_ == "pobj" and inst.lemma_.lower() in sn.cfg.attack_nouns:
                            extra_heads.append(inst)
                            actor = actor or res.country_modifier(inst) or sn.modifier_entity(inst)
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
            targets = sn.prep_targets(tok, etype) or (sn.prep_targets(obj, etype) if obj is not None else [])
    place_args: list[Token] = []
    if tok.lemma_.lower() in sn.cfg.visit_verbs:  # "visited New York": a city or landmark visited is the place, not a target
        for t in list(targets):
            ent = res.index.token(t)
            if ent is not None and ent.get("label") in PLACE_LABELS and res.actors.country_name(ent["name"]) is None:
                place_args.append(t)
        targets = [t for t in targets if all(t.i != p.i for p in place_args)]
    if not targets and etype in sn.cfg.symmetric_types and not passive:
        subj = subject(tok)  # "France and Germany signed an agreement": France with Germany
        targets = [c for c in subj.conjuncts if c.i > subj.i] if subj is not None else []
    obj_heads = [c for c in tok.children if c.dep_ == "dobj"]
    trigger = {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)}
    heads = [tok, *extra_heads, *obj_heads]
    return sn.build(etype, trigger, actor, targets, heads, tok, passive, "verb", tok, places=place_args)


def nominal_event(sn: Sentence, tok: Token, entry: Entry, purpose: Token | None) -> list[dict[str, Any]]:
    res = sn.ex.res
    cfg = sn.cfg
    etype = entry.type
    anchor = tok
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        anchor = tok.head
    head = anchor.head
    # merged into a verbal trigger of the same type ("assassinated in a drone strike", "launched an attack")
    if anchor.dep_ == "dobj" and sn.verbal.get(head.i) == etype:
        return []
    if anchor.dep_ == "pobj" and sn.verbal.get(head.head.i) == etype:
        return []
    actor: dict[str, Any] | None = None
    poss = next((c for c in [*anchor.children, *tok.children] if c.dep_ == "poss"), None)
    if poss is not None and poss.pos_ != "PRON" and res.actor_like(poss):
        actor = res.arg(poss, "actor")
    actor = actor or res.country_modifier(tok) or res.country_modifier(anchor) or sn.modifier_entity(anchor)
    by = next((g for c in anchor.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None)
    if actor is None and by is not None:
        actor = res.arg(by, "actor")
    verb: Token | None = None
    pos = anchor  # "all kinds of assistance": the noun's place in the clause is that of "kinds"
    while pos.dep_ == "pobj" and pos.head.lower_ == "of" and pos.head.head.lemma_.lower() in sn.cfg.partitives:
        pos = pos.head.head
    head = pos.head
    if pos.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ == "VERB" and head.lemma_.lower() in cfg.light:
        verb = head
    elif pos.dep_ == "pobj" and head.lower_ in cfg.agent_preps and head.head.pos_ == "VERB":
        verb = head.head
    if actor is None and verb is not None:
        if is_passive(verb):
            agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            actor = res.arg(agent, "actor") if agent is not None else None
        else:
            subj = subject(verb)
            actor = res.arg(subj, "actor") if subj is not None and res.actor_like(subj) else None
    targets = sn.prep_targets(anchor, etype)
    if not targets and verb is not None and pos.dep_ == "dobj":
        targets = sn.prep_targets(verb, etype, skip=pos)
    target_args: list[dict[str, Any]] | None = None
    if purpose is not None:
        obj = next((c for c in purpose.children if c.dep_ == "dobj"), None)
        if obj is not None:
            mod = res.country_modifier(obj) or sn.modifier_entity(obj)
            if mod is not None:
                target_args = [mod]
            elif res.actor_like(obj):
                targets = [obj, *[cc for cc in obj.conjuncts if cc.i > obj.i]]
            else:
                s, e = argument_span(obj)
                target_args = [{"entity": None, "text": sn.ex.text[s:e]}]
    start = tok
    for c in sorted(tok.lefts, key=lambda t: -t.i):
        wanted = c.dep_ == "compound" or (c.dep_ == "amod" and c.lemma_.lower() in entry.objs)
        if wanted and c.i == start.i - 1 and res.index.token(c) is None:
            start = c
    trig_start, trig_end = start.idx, anchor.idx + len(anchor.text)
    trigger = {"text": sn.ex.text[trig_start:trig_end], "start": trig_start, "end": trig_end}
    clause = verb or governing_verb(anchor)
    heads = [anchor, *([purpose] if purpose is not None else []), clause]
    passive = verb is not None and is_passive(verb)
    events = sn.build(etype, trigger, actor, targets, heads, verb or anchor, passive, "noun", tok, target_args)
    return events
