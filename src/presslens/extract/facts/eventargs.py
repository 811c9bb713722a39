"""Who an event's actor, target or place is: a noun phrase resolved to an entity.

``Resolver.arg(tok)`` turns the head token of an argument into ``{"entity": id | None, "text": str}`` (plus
``"resolved"`` saying how, when it was not a plain mention):

- a mention of an entity: that entity ("Soleimani" -> Qassem Soleimani's id);
- a government metonym as actor ("Tel Aviv announced") or a nationality adjective ("Israeli airstrikes")
  -> the country: its entity when the article names it, else its name (``resolved``: metonym, nationality);
- a state noun with a country modifier ("Israeli forces", "the US administration") -> that country;
  a bare definite one ("the occupying regime") -> the country last named as a subject in the three
  sentences before (``resolved``: description);
- a personal pronoun -> the speaker of the quote it introduces, else the last entity of a fitting kind that
  was a subject before it (``resolved``: pronoun); a relative pronoun -> the noun it attaches to;
- a common noun in apposition to a name ("the commander, Soleimani") -> that name.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ..common import ACTOR_LABELS, argument_span, doc_text, entity_index
from .places import ActorWords, event_actors

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
REL_PRONOUNS = frozenset({"which", "who", "that", "whom"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})


class Resolver:
    """Argument resolution over one Doc (entities, quotes, sentence subjects)."""

    def __init__(self, doc: Doc, actors: ActorWords | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.index = entity_index(doc)
        self.quotes = list(doc._.pl_quotes or [])
        self.actors = actors or event_actors()
        self.gov_nouns = self.actors.government_nouns
        self.actor_nouns = self.actors.actor_nouns
        self.description_nouns = self.actors.description_nouns

    # -- helpers -----------------------------------------------------------------------------------------
    def entity(self, tok: Token) -> dict[str, Any] | None:
        ent = self.index.token(tok)
        return ent if ent is not None and ent.get("label") in ACTOR_LABELS else None

    def _mention(self, tok: Token, ent: dict[str, Any]) -> dict[str, Any]:
        s, e = argument_span(tok)
        return {"entity": ent["id"], "text": self.text[s:e] if e - s < 80 else ent["name"]}

    def country_modifier(self, tok: Token) -> dict[str, Any] | None:
        """The country a noun's modifier names: "Israeli airstrikes", "US drone strike", "Israel's offensive"."""
        for child in tok.children:
            if child.dep_ not in ("amod", "compound", "poss", "nmod") or child.i > tok.i:
                continue
            ent = self.index.token(child)
            if ent is not None and ent.get("label") in ("GPE", "ORG") and child.ent_type_ != "NORP":
                return {"entity": ent["id"], "text": ent["name"], "resolved": "modifier"}
            name = self.actors.country_name(child.text) if child.ent_type_ in ("NORP", "GPE") or child.pos_ in ("ADJ", "PROPN") else None
            if name:
                return {**self.actors.country_ref(self.index, name), "resolved": "nationality"}
        return None

    def actor_like(self, tok: Token) -> bool:
        """Whether a noun phrase can be an actor or target: an entity, a pronoun, or a person or group noun."""
        if self.entity(tok) is not None:
            return True
        if tok.pos_ == "PROPN" and (tok.ent_type_ in ACTOR_LABELS or self._by_name(tok.text) is not None):
            return True  # a name the canonicaliser left out ("Salami made the remarks")
        if tok.lower_ in REL_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            return self.actor_like(tok.head.head)
        if tok.pos_ == "PRON":
            return tok.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | {"us", "we", "you", "i", "me"}
        if tok.lemma_.lower() in self.actor_nouns or tok.lower_ in self.actor_nouns or tok.lower_ in self.gov_nouns:
            return True
        return any(c.dep_ == "appos" and self.entity(c) is not None for c in tok.children)

    def _last_subject(self, before: int, labels: tuple[str, ...], sentences: int = 3) -> dict[str, Any] | None:
        """The entity of the last subject (of the given labels) in this and the ``sentences`` sentences before."""
        doc = self.doc
        sent = doc[before].sent
        first = sent.start
        for _ in range(sentences):
            if first == 0:
                break
            first = doc[first - 1].sent.start
        best: dict[str, Any] | None = None
        for tok in doc[first:before]:
            if tok.dep_ in ("nsubj", "nsubjpass"):
                ent = self.index.token(tok)
                if ent is None and tok.lemma_.lower() in self.gov_nouns:  # "Israeli forces ... They"
                    mod = self.country_modifier(tok)
                    ent = self.index.by_id.get(mod["entity"]) if mod and mod.get("entity") else None
                if ent is not None and ent.get("label") in labels:
                    best = ent
        return best

    def _antecedent(self, tok: Token, labels: tuple[str, ...], sentences: int = 2) -> dict[str, Any] | None:
        """The nearest subject before a pronoun (in its sentence and the ``sentences`` before) that resolves to an
        entity of the given labels: "The regime said it would ..." -> the regime's country."""
        doc = self.doc
        first = tok.sent.start
        for _ in range(sentences):
            if first == 0:
                break
            first = doc[first - 1].sent.start
        for cand in reversed(doc[first : tok.i]):
            if cand.dep_ not in ("nsubj", "nsubjpass") or cand.pos_ == "PRON":
                continue
            found = self.arg(cand, "actor")
            ent = self.index.by_id.get(found.get("entity") or "")
            if ent is not None and ent.get("label") in labels:
                return {"entity": ent["id"], "text": ent["name"]}
        return None

    def _quote_speaker(self, tok: Token) -> dict[str, Any] | None:
        """The speaker of the quote whose speaker span is ``tok`` ("he said"), or, for "I" and "we", whose
        content holds it."""
        first_person = tok.lower_ in FIRST_PERSON
        for q in self.quotes:
            sp = q.get("speaker") or {}
            if sp.get("start") is not None and sp["start"] <= tok.idx < sp["end"]:
                return sp
            content = q.get("content") or {}
            if first_person and q.get("kind") != "indirect" and content.get("start") is not None:
                if content["start"] <= tok.idx < content["end"]:
                    return sp or None
        return None

    def _by_name(self, text: str) -> dict[str, Any] | None:
        """An entity one of whose mentions, or whose name's last word, is ``text`` (a mention NER missed)."""
        low = text.lower()
        for ent in self.index.entities:
            if ent.get("label") not in ACTOR_LABELS:
                continue
            names = {m["text"].lower() for m in ent.get("mentions", [])} | {str(ent.get("name", "")).lower()}
            if low in names or (ent.get("label") == "PERSON" and str(ent.get("name", "")).lower().split()[-1:] == [low]):
                return ent
        return None

    # -- the resolution ---------------------------------------------------------------------------------
    def arg(self, tok: Token, role: str = "actor") -> dict[str, Any]:
        """``{"entity", "text"}`` for the argument headed by ``tok`` (``role``: actor, target or place)."""
        low = tok.lower_
        if low in REL_PRONOUNS and tok.head.dep_ == "relcl":
            return self.arg(tok.head.head, role)
        if tok.pos_ == "PRON" and low in PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON:
            sp = self._quote_speaker(tok)
            if sp is not None and sp.get("entity"):
                named = self.index.by_id.get(sp["entity"])
                return {"entity": sp["entity"], "text": named["name"] if named else tok.text, "resolved": "pronoun"}
            if low in FIRST_PERSON:
                return {"entity": None, "text": tok.text}
            labels = ("PERSON",) if low in PERSON_PRONOUNS else ("ORG", "GPE", "NORP")
            found = self._antecedent(tok, labels)
            return {**found, "resolved": "pronoun"} if found else {"entity": None, "text": tok.text}
        ent = self.index.token(tok)
        if ent is None and tok.pos_ == "PROPN":
            s, e = argument_span(tok)
            ent = self._by_name(self.text[s:e]) or self._by_name(tok.text)
        if ent is not None:
            if role == "actor":
                s, e = argument_span(tok)
                cname = self.actors.country_name(self.text[s:e], metonyms=True) if ent.get("label") in ("GPE", "FAC", "ORG") else None
                if cname and self.actors.country_name(self.text[s:e]) is None:
                    return {**self.actors.country_ref(self.index, cname), "resolved": "metonym"}
            return self._mention(tok, ent)
        lemma = tok.lemma_.lower()
        if lemma in self.gov_nouns or low in self.gov_nouns:
            mod = self.country_modifier(tok)
            if mod is not None:
                return mod
            if lemma in self.description_nouns and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                ent = self._last_subject(tok.i, ("GPE",))
                if ent is not None:
                    return {"entity": ent["id"], "text": ent["name"], "resolved": "description"}
        for child in tok.children:
            if child.dep_ == "appos":
                ent = self.entity(child)
                if ent is not None:
                    return self._mention(child, ent)
        if tok.dep_ == "appos":
            ent = self.entity(tok.head)
            if ent is not None:
                return self._mention(tok.head, ent)
        s, e = argument_span(tok)
        return {"entity": None, "text": self.text[s:e]}
