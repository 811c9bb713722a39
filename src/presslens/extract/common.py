"""What every extractor shares: the label sets, the article's text and block ranges, body sentences, the one
entity index of a Doc, noun phrases, and the clause helpers (governing verb, tense).

The look-ups by bisection (token offsets, intervals) live in ``lookups`` and are re-exported here.
Everything here reads the parse and the earlier components' results on the Doc; nothing re-parses.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, Literal
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from ..record.types import BODY_KINDS
from ..record.types import Span as CharSpan
from .entities.names import spelled_alike, surnames
from .lookups import Intervals as Intervals  # re-exported: every extractor imports the look-ups from here
from .lookups import TokenOffsets as TokenOffsets
from .lookups import token_offsets as token_offsets

# -- labels ------------------------------------------------------------------------------------------------
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"})
"""spaCy labels that name something: kept as entity mentions; a number inside one counts nothing."""
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
"""Who can act, speak or be described: people, bodies, countries, peoples."""
ACTOR_LABELS = AGENT_LABELS | {"FAC", "LOC"}
"""What an event's actor or target can be."""
SPEAKER_LABELS = ACTOR_LABELS | {"PRODUCT", "WORK_OF_ART"}
"""What a quote's speaker can be (a newspaper or a report speaks too)."""
OWN_NAME_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
"""Names of bodies and made things, whose possessive may be part of the name ("Lloyd's")."""
DAY_NAME_LABELS = OWN_NAME_LABELS | {"LAW", "PERSON"}
"""Names a weekday or a date can be part of ("Black Monday", "the Good Friday Agreement")."""
TRIGGER_NAME_LABELS = DAY_NAME_LABELS | {"GPE", "LOC"}
"""Names an event trigger word can be part of (every name but peoples and languages)."""
TIME_LABELS = frozenset({"DATE", "TIME"})

# -- blocks ------------------------------------------------------------------------------------------------
NAMED_BLOCKS = frozenset({"title", "caption", "heading", "related", "paragraph"})
"""Blocks whose words are the article's own (not a dateline, an outlet line or a byline)."""
Range = tuple[int, int, str]


def doc_text(doc: Doc) -> str:
    """The Doc's text without rebuilding it: ``Doc.text`` joins every token on each call (slow in loops).
    The article text the Doc was made from, when there is one."""
    article = doc._.pl_article if Doc.has_extension("pl_article") else None
    if article and isinstance(article.get("text"), str):
        return str(article["text"])
    cached = doc.user_data.get("presslens.text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["presslens.text"] = cached
    return cached


def article_blocks(doc: Doc) -> list[dict[str, Any]]:
    """The blocks of the article on the Doc (``doc._.pl_article``), or [] for a Doc without one."""
    article = doc._.pl_article if Doc.has_extension("pl_article") else None
    return list((article or {}).get("blocks") or [])


def block_ranges(
    doc: Doc, kinds: Iterable[str], without_blocks: Literal["text", "paragraphs", "nothing"] = "text"
) -> list[Range]:
    """(start, end, kind) of the article's blocks of the given kinds, in text order.

    A Doc without blocks (one built by hand, or by ``nlp(text)``) counts as one paragraph over its whole
    text (``"text"``), one paragraph per blank-line separated chunk (``"paragraphs"``), or nothing."""
    blocks = article_blocks(doc)
    if blocks:
        wanted = frozenset(kinds)
        return sorted((int(b["start"]), int(b["end"]), str(b["kind"])) for b in blocks if b.get("kind") in wanted)
    if without_blocks == "nothing":
        return []
    text = doc_text(doc)
    if without_blocks == "text":
        return [(0, len(text), "paragraph")]
    out: list[Range] = []
    pos = 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            out.append((pos, pos + len(chunk), "paragraph"))
        pos += len(chunk) + 2
    return out


def body_ranges(doc: Doc) -> list[Range]:
    """(start, end, kind) of the body blocks (paragraphs and captions); the whole text when there are no blocks."""
    return block_ranges(doc, BODY_KINDS)


def kind_at(doc: Doc) -> Callable[[int], str | None]:
    """A look-up of the kind of the block that holds a character offset (None between blocks); every offset of
    a Doc without blocks is in a paragraph."""
    ranges = block_ranges(doc, {str(b.get("kind")) for b in article_blocks(doc)}, without_blocks="nothing")
    starts = [r[0] for r in ranges]

    def kind(pos: int) -> str | None:
        if not ranges:
            return "paragraph"
        i = bisect.bisect_right(starts, pos) - 1
        return ranges[i][2] if i >= 0 and ranges[i][0] <= pos < ranges[i][1] else None

    return kind


def in_body(ranges: list[Range], start: int, end: int) -> str | None:
    """The kind of the range holding [start, end), or None when none does."""
    for s, e, kind in ranges:
        if s <= start and end <= e:
            return kind
    return None


def body_sents(doc: Doc) -> list[Span]:
    """Sentences that lie in body blocks (a sentence never crosses a block: presslens_blocks sets the starts)."""
    ranges = body_ranges(doc)
    holding = Intervals((s, e) for s, e, _ in ranges)
    out = []
    for sent in doc.sents:
        last = sent.end - 1
        while last > sent.start and doc[last].is_space:
            last -= 1
        if doc[last].is_space:
            continue
        end = doc[last].idx + len(doc[last])
        if any(end <= ranges[k][1] for k in holding.holding(sent.start_char)):  # ``in_body``, by bisection
            out.append(sent)
    return out


def span_dict(text: str, start: int, end: int) -> CharSpan:
    """A ``{text, start, end}`` span of characters [start, end) of ``text``."""
    return {"text": text[start:end], "start": start, "end": end}


# -- the entity index ----------------------------------------------------------------------------------------
class EntityIndex:
    """The article's entities (``doc._.pl_entities``) by character offset, by id and by name.

    Built once per Doc (:func:`entity_index`) and shared by every extractor that asks "which entity is here".
    Two offset look-ups, for two needs: :meth:`at` (the mention overlapping most, the earliest on a tie: what a
    fact's argument names) and :meth:`canonical_at` (the narrowest mention on a tie, as its canonical entity:
    who a speaker is, a lone surname standing for the full name).
    """

    def __init__(self, entities: list[dict[str, Any]] | None) -> None:
        self.source = entities
        self.count = len(entities or [])
        self.entities = list(entities or [])
        self.by_id = {str(e.get("id")): e for e in self.entities}
        rows: list[tuple[int, int, str]] = []
        for e in self.entities:
            for m in e.get("mentions") or []:
                try:
                    rows.append((int(m["start"]), int(m["end"]), str(e["id"])))
                except (KeyError, TypeError, ValueError):
                    continue
        rows.sort()
        self.rows = rows
        self.starts = [r[0] for r in rows]

    def at(self, start: int, end: int) -> dict[str, Any] | None:
        """The entity with a mention overlapping [start, end) most (among the 40 mentions that start last before
        ``end``; the earliest on a tie), or None."""
        hi = bisect.bisect_left(self.starts, end)
        best: tuple[int, str] | None = None
        for s, e, eid in self.rows[max(0, hi - 40) : hi]:
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, eid)
        return self.by_id[best[1]] if best else None

    def token(self, tok: Token) -> dict[str, Any] | None:
        """:meth:`at` for one token."""
        return self.at(tok.idx, tok.idx + len(tok.text))

    def canonical_at(self, start: int, end: int) -> dict[str, Any] | None:
        """The canonical entity of the mention overlapping [start, end) most (the narrowest on a tie)."""
        best: tuple[int, int] | None = None
        best_id = None
        i = bisect.bisect_left(self.starts, start - 200)
        while i < len(self.rows) and self.rows[i][0] < end:
            s, e, eid = self.rows[i]
            ov = min(e, end) - max(s, start)
            if ov > 0:
                key = (ov, -(e - s))
                if best is None or key > best:
                    best, best_id = key, eid
            i += 1
        if best_id is None:
            return None
        return self.by_id.get(self.canon.get(best_id, best_id))

    def label(self, eid: str | None) -> str | None:
        ent = self.by_id.get(eid or "")
        return str(ent.get("label")) if ent else None

    def canonical(self, eid: str | None) -> str | None:
        """The entity a lone surname (or its one-letter misspelling) stands for: the fuller person of the article
        whose surname it is; any other id as it is."""
        if eid is None:
            return None
        return self.canon.get(eid, eid)

    @cached_property
    def canon(self) -> dict[str, str]:
        """One-word person names to the fuller person entity whose surname they are (or misspell)."""
        persons = [e for e in self.entities if e.get("label") == "PERSON"]
        full = [e for e in persons if len(str(e.get("name", "")).split()) > 1]
        out: dict[str, str] = {}
        for e in persons:
            name = str(e.get("name", ""))
            if len(name.split()) != 1 or not full:
                continue
            low = name.lower()
            exact = [f for f in full if low in surnames(str(f["name"]))]
            near = [f for f in full if len(low) >= 5 and any(spelled_alike(s, low, 1) for s in surnames(str(f["name"])))]
            pick = exact or near
            if pick:
                out[str(e["id"])] = str(pick[0]["id"])
        return out

    @cached_property
    def names(self) -> dict[str, str]:
        """Every name, alias and mention text, folded (:func:`fold_name`) -> the id of the entity it names; places
        (GPE) first, then by id."""
        index: dict[str, str] = {}
        ranked = sorted(self.entities, key=lambda e: (e.get("label") != "GPE", e.get("id", "")))
        for e in ranked:
            for name in [e.get("name", ""), *(e.get("aliases") or []), *(m.get("text", "") for m in e.get("mentions") or [])]:
                index.setdefault(fold_name(name), e["id"])
        return index


def fold_name(name: str) -> str:
    """A name as :attr:`EntityIndex.names` keys it: lower case, straight apostrophes, no leading 'the'."""
    name = name.lower().replace("’", "'").strip()
    return name[4:] if name.startswith("the ") else name


_INDEXES: WeakKeyDictionary[Doc, EntityIndex] = WeakKeyDictionary()


def entity_index(doc: Doc) -> EntityIndex:
    """The entity index of a Doc's ``doc._.pl_entities``: built on first use, rebuilt only when the entities change."""
    entities = doc._.pl_entities if Doc.has_extension("pl_entities") else None
    index = _INDEXES.get(doc)
    if index is None or index.source is not entities or index.count != len(entities or []):
        index = EntityIndex(entities)
        _INDEXES[doc] = index
    return index


# -- noun phrases and clauses ---------------------------------------------------------------------------------
NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "advmod", "npadvmod"})
NP_RIGHT = frozenset({"compound", "flat", "case"})
TIME_COMPARATIVES = frozenset({"earlier", "later"})
LINKING_ADVERBS = frozenset({"meanwhile", "separately", "elsewhere", "however", "also", "moreover", "furthermore",
                             "likewise", "similarly", "additionally", "nevertheless", "nonetheless", "instead", "yesterday",
                             "even"})
ARG_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "punct"})


def _leftmost(tok: Token, deps: frozenset[str]) -> int:
    """The first token of ``tok``'s left modifiers of the given relations (``tok`` itself when none)."""
    lo = tok.i
    for child in tok.lefts:
        if child.dep_ in deps:
            lo = min(lo, child.left_edge.i)
    return lo


def noun_phrase(tok: Token) -> Span:
    """The compact noun phrase headed by ``tok`` (a speaker as written): determiners, modifiers and name parts,
    no clauses, nothing before a dash, colon, comma or bracket."""
    doc = tok.doc
    lo = _leftmost(tok, NP_LEFT)
    hi = tok.i
    for child in tok.rights:
        if child.dep_ in NP_RIGHT and child.i == hi + 1:
            hi = child.right_edge.i
    for k in range(tok.i - 1, lo - 1, -1):
        glued = doc[k].text == "-" and not doc[k].whitespace_ and k > 0 and not doc[k - 1].whitespace_
        if doc[k].is_punct and doc[k].text in ("—", "–", "-", "--", ":", ",", "(", ")") and not glued or doc[k].is_space:
            lo = k + 1  # a dash cuts a dateline off ("ORLANDO - President Obama"), a hyphen joins ("OVD-Info", "cease-fire")
            break
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    first = doc[lo]
    if lo < tok.i and first.dep_ in ("amod", "advmod") and (
            first.lower_ in LINKING_ADVERBS or first.lower_ in TIME_COMPARATIVES and tok.pos_ == "PROPN"):
        lo += 1  # "Earlier Tony Blair defended ...", "Meanwhile large numbers of MPs": when, not who (not "Earlier reports")
    owned = any(t.lower_ in ("'s", "’s") for t in doc[lo : tok.i])  # "Monday night's vote", "last year's report"
    while not owned and lo < tok.i and doc[lo].ent_type_ in ("DATE", "TIME") and tok.ent_type_ not in ("DATE", "TIME"):
        lo += 1  # "On Monday Tony Blair insisted ...", "Earlier this month figures showed": when, not who
    if lo > 0 and (lo == doc[lo].sent.start + 1 or doc[lo].is_sent_start and doc[lo - 1].is_sent_start) and _orphan_name(doc[lo - 1], doc[lo]):
        lo -= 1  # "Lib Dem MP Lembit Opik said": the parser left the sentence's first word on its own
    return doc[lo : hi + 1]


def _orphan_name(first: Token, nxt: Token) -> bool:
    """A capitalised name word opening the sentence that the parser attached to nothing of the phrase after it."""
    return (first.pos_ == "PROPN" and first.dep_ in ("ROOT", "npadvmod") and bool(first.whitespace_) and nxt.pos_ == "PROPN"
            and first.ent_type_ not in ("DATE", "TIME", "GPE", "LOC") and first.is_title and first.is_alpha)


def argument_span(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok`` as a fact's argument: left modifiers, compounds and
    a following "of X" (a long one up to its head), no date the parser glued to the front."""
    doc = tok.doc
    left = _leftmost(tok, ARG_LEFT)
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "flat"):
            right = max(right, child.right_edge.i)
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == tok.i + 1:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                right = max(right, obj.i if obj.right_edge.i - tok.i > 8 else obj.right_edge.i)
    while left < right and (doc[left].is_punct or doc[left].is_space or doc[left].ent_type_ in TIME_LABELS):
        left += 1  # "Monday Lib Dem chairman Alan Beith": a date the parser glued to the phrase
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


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
