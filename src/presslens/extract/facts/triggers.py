"""The PLOVER trigger lexicon (``data/triggers.json``), loaded once: ``event_triggers()``; and how a token
meets an entry's conditions (``match``), with the clause look-ups the event rules share (subject, passive)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from ...data import load


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


@dataclass(frozen=True)
class Triggers:
    """The lexicon: trigger entries by verb and noun lemma (conditional entries first), and the words the
    event rules read (``data/triggers.json``'s ``about`` says what each list is for)."""

    verbs: dict[str, list[Entry]]
    nouns: dict[str, list[Entry]]
    light: frozenset[str]
    intention: frozenset[str]
    possibility: frozenset[str]
    place_preps: frozenset[str]
    target_preps: dict[str, frozenset[str]]
    instrument_preps: frozenset[str]
    agent_preps: frozenset[str]
    no_agent_preps: frozenset[str]
    attack_nouns: frozenset[str]  # nouns of ASSAULT
    visit_verbs: frozenset[str]
    partitives: frozenset[str]
    symmetric_types: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Triggers:
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
        return cls(
            verbs=verbs,
            nouns=nouns,
            light=frozenset(data["light_verbs"]),
            intention=frozenset(data["intention"]),
            possibility=frozenset(data["possibility"]),
            place_preps=frozenset(data["place_preps"]),
            target_preps={k: frozenset(v) for k, v in data["target_preps"].items()},
            instrument_preps=frozenset(data["instrument_preps"]),
            agent_preps=frozenset(data["agent_preps"]),
            no_agent_preps=frozenset(data["no_agent_preps"]),
            attack_nouns=frozenset(k for k, v in nouns.items() if any(e.type == "ASSAULT" for e in v)),
            visit_verbs=frozenset(data["visit_verbs"]),
            partitives=frozenset(data["partitives"]),
            symmetric_types=frozenset(data["symmetric_types"]),
        )

    def targets_of(self, etype: str) -> frozenset[str]:
        """The prepositions whose object is an event's target, for a type."""
        return frozenset(self.target_preps["*"] | self.target_preps.get(etype, frozenset()))


@lru_cache(maxsize=1)
def event_triggers() -> Triggers:
    """The package's trigger lexicon (``data/triggers.json``), loaded on first use."""
    return Triggers.from_data(load("triggers.json"))


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
