"""Speaker resolution for quotes: noun phrases, entity lookup, pronouns, role phrases, unnamed sources.

Our own light coreference, written for news prose. A speaker mention is resolved, in order:

1. ``cue-subject``: the noun phrase names an entity (one of the entity's mentions covers its head word);
2. ``pronoun->...``: he/she/they/it go to the most recent compatible salient entity: a person who is the
   subject earlier in the same sentence, else, walking back sentence by sentence, the speaker of a quote
   (``previous-speaker``) or the active subject of a sentence (``previous-subject``), else the last person
   named (``recent-person``). Mentions inside quotation marks and the sentence's addressee never count;
3. ``role-phrase``: "the minister", "the Islamic Jihad leader" go to the person whose titles, or whose
   introduction ("X and Y, leaders of A and B"), carry the role and its modifiers;
4. unnamed sources ("officials", "a source close to ...") stay without an entity and are flagged anonymous;
5. a subject that cannot speak (``agents.py``: a dateline, a time, an event or object, a fragment, a place
   that only qualifies the noun: "the Gaza health ministry") gets the rule ``not-an-agent`` and no entity, and
   the quote keeps no speaker (:func:`speaks`). A plural role ("The leaders of Hamas and ...") is the group,
   never one of its leaders; a speaker's text runs over its name and its "of" phrase.

A one-word person name that is the surname (or a one-letter misspelling of it) of a fuller person name in
the article is mapped to that fuller entity, so "Salami", "Salmai" and "Hossein Salami" are one speaker even
before the entity canonicaliser merges them.
"""

from __future__ import annotations

import bisect
import copy
from typing import Any, TypedDict
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from ..common import PLACE_LABELS, SPEAKER_LABELS, EntityIndex, doc_text, noun_phrase
from .agents import (
    NOT_AN_AGENT,
    agent_word,
    balanced_end,
    bare_participle,
    can_speak,
    entity_start,
    glued_start,
    in_dateline,
    phrase_end,
    speaker_head,
)
from .cues import Cues, load_cues

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | {"i", "we", "you"}
DESCRIBED = frozenset({"those", "these"})  # "those surveyed": a group the participle names, no pronoun to resolve
SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
MAX_BACK_SENTS = 8


class Resolved(TypedDict):
    entity: str | None
    text: str
    start: int
    end: int
    rule: str
    anonymous: bool


def entity_of_np(index: EntityIndex, span: Span, head: Token) -> dict[str, Any] | None:
    """The entity the noun phrase names: a mention covering its head word (or, for names, any of it)."""
    ent = index.canonical_at(head.idx, head.idx + len(head.text))
    if ent is None and head.pos_ == "PROPN":
        ent = index.canonical_at(span.start_char, span.end_char)
        if ent is not None and ent.get("label") in PLACE_LABELS:
            return None  # "the Gaza health ministry": the place only qualifies who speaks
    return ent


class Salience:
    """Who is salient where: subjects, speakers and person mentions outside quotes, sentence by sentence."""

    def __init__(self, sents: list[Span], index: EntityIndex, in_quote: Any, cues: Cues | None = None) -> None:
        self.sents = sents
        self.cues = cues or load_cues()
        self.sent_starts = [s.start_char for s in sents]
        self.index = index
        self.in_quote = in_quote
        # per sentence: list of (char, eid|None, label|None, role) with role in speaker|subject|passive|mention
        self.entries: list[list[tuple[int, str | None, str | None, str, Token | None]]] = [[] for _ in sents]
        self.speaker_tokens: set[int] = set()
        self.resolved: dict[int, Resolved] = {}

    def fresh(self) -> Salience:
        """The same salience with no pronoun resolved yet: what a second stage over the same Doc (the merge,
        ``merge.py``) starts from, as if it had built its own."""
        new = copy.copy(self)
        new.resolved = {}
        return new

    def sent_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def build(self) -> None:
        markers = tuple(self.cues.turn_markers)
        for si, sent in enumerate(self.sents):
            # "Haniyeh, for his part, ...": the subject takes the floor, as salient as a quote's speaker
            low = sent.text.lower()
            turn = any(m in low for m in markers)
            for tok in sent:
                if self.in_quote(tok.idx) or (tok.i - sent.start < 10 and tok.ent_type_ and in_dateline(tok, sent)):
                    continue
                ent = self.index.canonical_at(tok.idx, tok.idx + len(tok.text)) if tok.ent_type_ or tok.pos_ == "PROPN" else None
                if tok.dep_ in SUBJ and tok.lower_ not in PRONOUNS:
                    ent = ent or self.index.canonical_at(tok.idx, tok.idx + len(tok.text))
                    role = "passive" if tok.dep_ == "nsubjpass" else ("speaker" if tok.i in self.speaker_tokens or turn else "subject")
                    eid = str(ent["id"]) if ent else None
                    self.entries[si].append((tok.idx, eid, str(ent["label"]) if ent else None, role, tok))
                elif ent is not None and tok.ent_iob_ in ("B", "") and tok.dep_ not in SUBJ:
                    self.entries[si].append((tok.idx, str(ent["id"]), str(ent["label"]), "mention", tok))
            self.entries[si].sort(key=lambda r: r[0])

    def latest_person(self, char: int) -> tuple[str, Token] | None:
        """The person who last spoke or acted as a subject before ``char`` (a few sentences back at most)."""
        if not self.sents:
            return None
        si = self.sent_index(char)
        for sj in range(si, max(-1, si - 3), -1):
            for c, eid, label, role, tok in reversed(self.entries[sj]):
                if c < char and label == "PERSON" and eid and tok is not None and role in ("speaker", "subject"):
                    return eid, tok
        return None

    def resolve_pronoun(self, tok: Token, exclude: set[str] | None = None) -> tuple[str | None, str]:
        """The entity a pronoun refers to, and the rule that decided it."""
        if tok.i in self.resolved:
            r = self.resolved[tok.i]
            return r["entity"], r["rule"]
        low = tok.lower_
        exclude = exclude or set()
        if low in PERSON_PRONOUNS:
            labels: tuple[str, ...] = ("PERSON",)
        elif low in GROUP_PRONOUNS:
            labels = ("ORG", "NORP", "GPE", "PERSON")
        elif low in THING_PRONOUNS:
            labels = ("ORG", "GPE")
        else:
            return None, "pronoun-unresolved"
        si = self.sent_index(tok.idx)
        # the same sentence, before the pronoun: an active subject
        for char, eid, label, role, _ in reversed(self.entries[si]):
            if char < tok.idx and role in ("subject", "speaker") and label in labels and eid not in exclude:
                return eid, "pronoun->sentence-subject"
        for back in range(1, MAX_BACK_SENTS + 1):
            sj = si - back
            if sj < 0:
                break
            rows = self.entries[sj]
            for wanted in (("speaker",), ("subject",)):
                for _char, eid, label, role, _ in reversed(rows):
                    if role in wanted and label in labels and eid and eid not in exclude:
                        if low in GROUP_PRONOUNS and label == "PERSON":
                            continue
                        rule = "pronoun->previous-speaker" if role == "speaker" else "pronoun->previous-subject"
                        return eid, rule
        for char, eid, label, role, _ in (r for rows in reversed(self.entries[: si + 1]) for r in reversed(rows)):
            if char < tok.idx and label in labels and eid and eid not in exclude and role != "passive":
                if low in GROUP_PRONOUNS and label == "PERSON":
                    continue
                return eid, "pronoun->recent-person" if label == "PERSON" else "pronoun->recent-entity"
        return None, "pronoun-unresolved"


def role_words(span: Span, cues: Cues) -> tuple[str | None, list[str]]:
    """The role noun of a phrase ("leader" in "the Islamic Jihad leader") and its other content words."""
    roles = set(cues.roles)
    head = span.root
    if head.lemma_.lower() not in roles and head.lower_ not in roles:
        return None, []
    mods = [t.text.lower() for t in span if t.i != head.i and not t.is_stop and not t.is_punct and t.dep_ != "det"]
    return head.lemma_.lower(), mods


def resolve_role(span: Span, index: EntityIndex, salience: Salience, doc: Doc) -> str | None:
    """The person a role phrase names: by the entities' titles, else by how the article introduced them."""
    role, mods = role_words(span, salience.cues)
    if role is None or span.root.tag_ in ("NNS", "NNPS"):
        return None  # "The leaders of Hamas and Palestinian Islamic Jihad" are not one leader
    best: tuple[int, int] | None = None
    best_id: str | None = None
    for e in index.entities:
        if e.get("label") != "PERSON":
            continue
        titles = " ".join(str(t) for t in e.get("titles") or []).lower()
        if role not in titles:
            continue
        score = sum(1 for m in mods if m in titles)
        last = max((int(m["start"]) for m in e.get("mentions") or [] if int(m["start"]) < span.start_char), default=-1)
        key = (score, last)
        if best is None or key > best:
            best, best_id = key, str(e["id"])
    if best_id is not None:
        return index.canonical(best_id)
    return _role_by_introduction(span, role, mods, index, doc)


Introductions = tuple[EntityIndex, list[tuple[Span, str]], dict[tuple[str, str], tuple[int, str] | None]]
_INTRODUCTIONS: WeakKeyDictionary[Doc, Introductions] = WeakKeyDictionary()


def _role_by_introduction(span: Span, role: str, mods: list[str], index: EntityIndex, doc: Doc) -> str | None:
    """"A and B, leaders of X and Y": the person in the same position as the modifier's organisation, from the
    first sentence before ``span`` that introduces one (found once per role and modifiers in a Doc)."""
    if not mods:
        return None
    mod_text = " ".join(mods)
    cache = _INTRODUCTIONS.get(doc)
    if cache is None or cache[0] is not index:
        cache = _INTRODUCTIONS[doc] = (index, [(sent, sent.text.lower()) for sent in doc.sents], {})
    if (role, mod_text) not in cache[2]:
        found = ((sent.start_char, _introduced(sent, low, role, mod_text, index)) for sent, low in cache[1] if role in low and mod_text in low)
        cache[2][role, mod_text] = next(((at, p) for at, p in found if p is not None), None)
    first = cache[2][role, mod_text]
    return first[1] if first is not None and first[0] < span.start_char else None


def _introduced(sent: Span, low: str, role: str, mod_text: str, index: EntityIndex) -> str | None:
    """The person a sentence that holds ``role`` and ``mod_text`` introduces in that position, or None."""
    persons: list[str] = []
    orgs: list[str] = []
    role_at = low.find(role)
    for tok in sent:
        ent = index.canonical_at(tok.idx, tok.idx + len(tok.text)) if tok.ent_iob_ == "B" else None
        if ent is None:
            continue
        if ent.get("label") == "PERSON" and tok.idx - sent.start_char < role_at:
            persons.append(str(index.canonical(str(ent["id"]))))
        elif ent.get("label") != "PERSON" and tok.idx - sent.start_char > role_at:
            orgs.append(str(ent.get("name", "")).lower())
    persons = list(dict.fromkeys(persons))
    if persons and len(persons) == len(orgs):
        for p, o in zip(persons, orgs, strict=False):
            if o and (o in mod_text or mod_text in o):
                return p
    return persons[0] if len(persons) == 1 else None


def is_anonymous(span: Span, cues: Cues) -> bool:
    """An unnamed source: its head is a source noun and nothing in it is a name."""
    head = span.root
    return head.lower_ in cues.anonymous and not any(t.pos_ == "PROPN" for t in span)


def resolve_speaker(
    head: Token, index: EntityIndex, salience: Salience, exclude: set[str] | None = None, rule: str = "cue-subject"
) -> Resolved:
    """The speaker record for a subject word: its span, entity, rule and whether it is anonymous."""
    doc = head.doc
    low = head.lower_
    if low in ("who", "that", "which") and head.head.dep_ == "relcl" and head.head.head.pos_ in ("NOUN", "PROPN"):
        # "Obama, who said ...", "a raft of new rules that promise ...": the noun's phrase and the pronoun
        # (the pronoun alone names no one), its entity the noun's
        inner = resolve_speaker(head.head.head, index, salience, exclude, rule)
        if inner["rule"] == NOT_AN_AGENT:
            return inner
        end = head.idx + len(head.text)
        start = inner["start"] if 0 <= head.idx - inner["end"] <= 2 else head.idx
        return {**inner, "text": doc_text(doc)[start:end], "start": start, "end": end, "rule": "relative-pronoun"}
    if low in ("'s", "’s") and head.dep_ == "nsubj":
        # "Let's say ...": the writer and the reader, no one quoted
        return {"entity": None, "text": head.text, "start": head.idx, "end": head.idx + len(head.text), "rule": NOT_AN_AGENT, "anonymous": False}
    if (head.pos_ == "PRON" or low in PRONOUNS) and not (low in DESCRIBED and bare_participle(head) is not None):
        eid, prule = salience.resolve_pronoun(head, exclude)
        res: Resolved = {
            "entity": index.canonical(eid),
            "text": head.text,
            "start": head.idx,
            "end": head.idx + len(head.text),
            "rule": prule,
            "anonymous": False,
        }
        salience.resolved[head.i] = res
        return res
    head = speaker_head(head, salience.cues)
    span = noun_phrase(head)
    start = doc[entity_start(glued_start(span), doc)].idx
    end = balanced_end(doc_text(doc), start, phrase_end(head, span, index, salience.cues))
    if end != span.end_char or start < span.start_char:
        span = doc.char_span(start, end, alignment_mode="expand") or span
    ent = entity_of_np(index, span, head)
    label = str(ent.get("label")) if ent else None
    if not can_speak(agent_word(head, salience.cues), label, salience.cues):
        return {"entity": None, "text": span.text, "start": span.start_char, "end": span.end_char, "rule": NOT_AN_AGENT, "anonymous": False}
    eid = index.canonical(str(ent["id"])) if ent else None
    if ent is not None and label not in SPEAKER_LABELS:
        eid = None
    used = rule
    if eid is None:
        role_eid = resolve_role(span, index, salience, doc)
        if role_eid is not None:
            eid, used = role_eid, "role-phrase"
    return {
        "entity": eid,
        "text": span.text,
        "start": span.start_char,
        "end": span.end_char,
        "rule": used,
        "anonymous": eid is None and is_anonymous(span, salience.cues),
    }


def speaks(res: Resolved | None) -> bool:
    """Whether a resolved speaker names someone who can speak (see ``agents.py``): a quote keeps only such."""
    return res is not None and res["rule"] != NOT_AN_AGENT
