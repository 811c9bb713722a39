"""From a lexicon match to a framing span: the hits of a Doc (lexicon entries, capital metonyms, the general
layer, technique cues) with the conditions each entry sets, grown to their noun phrase and merged where they
overlap; and the name an epithet stands for."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ..common import AGENT_LABELS
from .lexicon import FramingRules
from .techniques import TechniqueRules

PHRASE_MODS = frozenset({"det", "amod", "compound", "nmod", "nummod", "advmod", "npadvmod", "quantmod", "cc", "conj", "punct"})
MAX_PHRASE = 8
Hit = dict[str, Any]


def _phrase(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow a hit to its noun phrase: an adjective to the noun it modifies, a noun to its left modifiers."""
    span = doc[start:end]
    if not doc.has_annotation("DEP"):
        return start, end
    root = span.root
    sent = root.sent
    head = root
    while head.dep_ == "conj" and head.head.i < head.i and head.head.dep_ in ("amod", "compound"):
        head = head.head
    if head.dep_ in ("amod", "compound", "nmod") and head.head.pos_ in ("NOUN", "PROPN") and end <= head.head.i < end + 4:
        end, root = head.head.i + 1, head.head
    if root.pos_ in ("NOUN", "PROPN") and root.i < end:
        for child in root.lefts:
            if child.dep_ in PHRASE_MODS and child.dep_ not in ("cc", "conj", "punct"):
                start = min(start, child.left_edge.i)
    start = max(start, sent.start)
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start > MAX_PHRASE:
        return span.start, span.end
    return start, end


def _is_actor(tok: Token, rules: FramingRules) -> bool:
    if tok.ent_type_ in AGENT_LABELS or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "we", "i", "you", "him", "her", "them", "us")
    return tok.lower_ in rules.actor_nouns


def _evaluates_actor(tok: Token, rules: FramingRules) -> bool:
    """An evaluative adjective counts when it describes an actor (modifier, or predicate of its subject)."""
    if tok.ent_type_:
        return False  # part of a name: Great Britain, the Noble Sanctuary
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ == "amod":
        return _is_actor(t.head, rules)
    if t.dep_ in ("acomp", "attr", "oprd"):
        return any(c.dep_ in ("nsubj", "nsubjpass") and _is_actor(c, rules) for c in t.head.children)
    return False


def _superlative(doc: Doc, i: int, rules: FramingRules) -> bool:
    tok = doc[i]
    if tok.tag_ not in ("JJS", "RBS") or tok.lower_ in ("most", "least", "latest", "last", "earliest", "best", "next"):
        return False
    window = doc[i + 1 : min(len(doc), i + 5)]
    return any(t.lower_ in rules.boosters for t in window)


def _entry_allows(doc: Doc, entry: dict[str, Any], start: int, end: int) -> bool:
    span = doc[start:end]
    root = span.root
    if entry.get("pos") and len(span) == 1 and root.pos_ not in entry["pos"]:
        return False
    nxt = doc[end].lower_ if end < len(doc) else ""
    if nxt in set(entry.get("unless_next") or ()):
        return False
    prev = doc[start - 1].lower_ if start > 0 else ""
    if prev in set(entry.get("unless_prev") or ()):
        return False
    unless = set(entry.get("unless_modifier") or ())
    if unless and any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in unless for c in root.lefts):
        return False
    if entry.get("unless_modifier") and root.dep_ == "compound":
        return False  # "regime" modifying another noun: regime change, regime officials
    return True


def _government_use(tok: Token, rules: FramingRules) -> bool:
    """A capital standing for its government: subject of a government verb, agent of a passive, owner of a decision."""
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in rules.gov_verbs:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
        return True
    if tok.dep_ == "poss" and tok.head.lemma_.lower() in rules.gov_nouns:
        return True
    return tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in rules.gov_nouns


def find_hits(doc: Doc, rules: FramingRules) -> tuple[list[Hit], list[Hit]]:
    """Lexicon and general-layer hits (with their phrase) and technique cue hits, in token offsets."""
    hits: list[Hit] = []
    tech: list[Hit] = []
    for key, start, end in rules.matches(doc):
        kind, _, name = key.partition("|")
        if kind == "L":
            entry = rules.entries[name]
            if not _entry_allows(doc, entry, start, end):
                continue
            hits.append({"s": start, "e": end, "category": entry["category"], "rule": f"loaded_terms:{name}",
                         "entry": entry, "lexicon": "loaded_terms"})
        elif kind == "M":
            span = doc[start:end]
            if _government_use(span.root, rules):
                info = rules.metonyms[name]
                hits.append({"s": start, "e": end, "category": info["category"], "rule": f"loaded_terms:metonym:{name}",
                             "entry": {"id": f"metonym:{name}", **info}, "lexicon": "loaded_terms", "grow": False})
        elif kind == "G":
            if all(t.ent_type_ for t in doc[start:end]):
                continue  # inside a name: The Greatest Gift, Cruel and Tender
            if name == "evaluative" and not (end - start == 1 and _evaluates_actor(doc[start], rules)):
                continue
            category = {"emotive": "loaded term", "minimisation": "euphemism"}.get(name, name)
            technique = "Exaggeration,Minimisation" if name in ("superlative", "minimisation") else "Loaded_Language"
            hits.append({"s": start, "e": end, "category": category, "rule": f"general_loaded:{name}:{doc[start:end].text.lower()}",
                         "entry": {"technique": technique}, "lexicon": "general_loaded", "grow": name != "intensifier"})
        elif TechniqueRules.owns(key):
            tech.append(TechniqueRules.hit(doc, key, start, end))
    for i, tok in enumerate(doc):
        if tok.tag_ in ("JJS", "RBS") and _superlative(doc, i, rules):
            hits.append({"s": i, "e": i + 1, "category": "superlative", "rule": f"general_loaded:superlative-ever:{tok.lower_}",
                         "entry": {"technique": "Exaggeration,Minimisation"}, "lexicon": "general_loaded"})
    return hits, tech


def refers_to_name(doc: Doc, hint: str | None, start: int, end: int, rules: FramingRules) -> str | None:
    """The name an epithet stands for: the lexicon's hint, or the nationality word inside the phrase."""
    if not hint:
        return None
    if hint != "@demonym":
        return hint
    for tok in doc[start:end]:
        name = rules.demonyms.get(tok.lower_) or rules.demonyms.get(tok.lemma_.lower())
        if name:
            return name
    return None


def merge_hits(doc: Doc, hits: list[Hit]) -> list[list[Hit]]:
    for h in hits:
        h["ps"], h["pe"] = _phrase(doc, h["s"], h["e"]) if h.get("grow", True) else (h["s"], h["e"])
    groups: list[list[Hit]] = []
    end = -1
    for h in sorted(hits, key=lambda h: (h["ps"], -h["pe"])):
        if groups and h["ps"] < end:
            groups[-1].append(h)
            end = max(end, h["pe"])
        else:
            groups.append([h])
            end = h["pe"]
    return groups


def dedupe(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One span per technique where cues of the same technique overlap (the longest wins)."""
    kept: list[dict[str, Any]] = []
    for t in sorted(spans, key=lambda t: (t["start"], -(t["end"] - t["start"]))):
        if any(k["technique"] == t["technique"] and k["start"] < t["end"] and t["start"] < k["end"] for k in kept):
            continue
        kept.append(t)
    return kept
