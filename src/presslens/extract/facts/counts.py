"""What a number counts and on whose authority: the counted noun ("248 Palestinians"), the category (from
the noun or the predicate: "were killed"), the whole a part belongs to ("..., including 66 children"), and
the source ("according to X", "X said", the speaker of the quote that holds it)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...record.types import Quote, Source
from ..common import EntityIndex, argument_span, doc_text
from .claimwords import ClaimWords


def count_noun(doc: Doc, first: int, last: int, sent: Span) -> Token | None:
    """The noun the number counts: "248 Palestinians", "dozens of protesters", "$5bn" -> None."""
    tok = doc[last]
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > last:
        return tok.head
    if last + 2 < sent.end and doc[last + 1].lower_ == "of" and doc[last + 2].pos_ in ("NOUN", "PROPN", "DET", "ADJ"):
        for t in doc[last + 2 : min(sent.end, last + 6)]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj":
                return t
    return None


def category_of(head: Token, noun: Token | None, w: ClaimWords, number: Token | None = None) -> str | None:
    """The category from the counted noun, a following adjective, or the predicate of the number's phrase."""
    if noun is not None:
        cat = w.category_of(noun.lemma_.lower(), "nouns")
        if cat:
            return cat
        for child in noun.children:  # "air strikes", "death toll"
            if child.dep_ == "compound":
                cat = w.category_of(f"{child.lemma_.lower()} {noun.lemma_.lower()}", "nouns")
                if cat:
                    return cat
    for child in head.children:  # "20 injured", "5 missing"
        if child.dep_ in ("acl", "amod", "oprd", "acomp") and child.i > head.i:
            cat = w.category_of(child.lower_, "adjectives") or w.category_of(child.lemma_.lower(), "verbs")
            if cat:
                return cat
    if number is not None and number is not head and number.dep_ in ("nsubjpass", "nsubj", "dobj"):
        head = number  # "arrested dozens of protesters": the number heads the phrase
    verb = head.head
    if head.dep_ in ("nsubjpass", "nsubj", "dobj", "conj") and verb.pos_ in ("VERB", "AUX", "ADJ"):
        cat = w.category_of(verb.lemma_.lower(), "verbs") or w.category_of(verb.lower_, "adjectives")
        if cat:
            return cat
        for child in verb.children:  # "were left dead", "remain missing"
            if child.dep_ in ("acomp", "oprd", "xcomp") and child.i > head.i:
                cat = w.category_of(child.lower_, "adjectives")
                if cat:
                    return cat
        # "the death toll rose to 248"
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "at") and verb.head.pos_ == "VERB":
        for child in verb.head.children:
            if child.dep_ == "nsubj" and child.lemma_ == "toll":
                mods = {c.lemma_.lower() for c in child.children}
                return "injured" if "injury" in mods else "killed"
    return None


def part_of_anchor(head: Token, w: ClaimWords) -> Token | None:
    """For a number phrase after "including"/"among them", the token it is part of (a verb or noun)."""
    cues = w.part_of_cues
    cur = head
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.lower_ in cues:
        return cur.head.head
    return None


def _arg(doc: Doc, index: EntityIndex, tok: Token, kind: str) -> Source:
    s, e = argument_span(tok)
    ent = index.token(tok) or index.at(s, e)
    return {"entity": ent["id"] if ent else None, "text": doc_text(doc)[s:e], "kind": kind}


def claim_source(doc: Doc, index: EntityIndex, sent: Span, head: Token, quotes: list[Quote], w: ClaimWords) -> Source | None:
    """On whose authority: "according to X", the subject of a reporting verb whose clause holds the number
    ("X said"), or the speaker of the quote whose content holds it."""
    verbs = w.source_verbs
    # "according to X"
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            for obj in doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return _arg(doc, index, obj, "according_to")
    # "X said" with the number in its clause (not in its subject)
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.tag_ in ("WP", "WDT"):
                continue
            in_clause = tok.left_edge.i <= head.i <= tok.right_edge.i
            in_subj = subj.left_edge.i <= head.i <= subj.right_edge.i
            if in_clause and not in_subj:
                quote = _quote_at(quotes, tok.idx, speaker=True) or _quote_at(quotes, subj.idx)
                said = quote["speaker"] if quote is not None else None
                if subj.pos_ == "PRON" and said:
                    return {"entity": said.get("entity"), "text": said["text"], "kind": "quote"}
                return _arg(doc, index, subj, "reporting_verb")
    quote = _quote_at(quotes, head.idx)
    sp = quote["speaker"] if quote is not None else None
    if sp:
        return {"entity": sp.get("entity"), "text": sp.get("text", ""), "kind": "quote"}
    return None


def _quote_at(quotes: list[Quote], offset: int, speaker: bool = False) -> Quote | None:
    """The quote whose content (or, with ``speaker``, whose cue) holds ``offset``."""
    for q in quotes:
        span = q.get("cue") if speaker else q.get("content")
        if span and span.get("start") is not None and span["start"] <= offset < span["end"]:
            return q
    return None
