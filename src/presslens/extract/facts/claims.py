"""Numeric claims: how many of what, qualified how, on whose authority.

``find_claims(doc)`` reads the body sentences of the existing parse. A claim is a quantity in digits or words
("248", "1,910", "three", "1.2 million", "2.73 lakh", "$5bn", "N27.5 trillion", "40%") with

- ``value`` (scaled: "$5bn" -> 5e9, "12.38 crore" -> 123800000),
- ``category`` from what is counted and what happened to it (``data/claim_nouns.json``): killed, injured,
  casualties, hostages, detained, arrested, displaced, missing, cases, votes, money, percent, rockets, other.
  It comes from the counted noun ("12 deaths", "300 rockets", "577 cases", "1,200 votes"), a word after the
  number ("1,900 wounded", "20 dead"), the verb ("248 were killed", "killing 12", "abducted 317 girls", "seen
  243 killed"), or the frame ("the death toll rose to N", "the number of wounded reached N", "fatalities
  topped N", "the detention of 22 journalists"), across coordination ("12 killed and 40 wounded"), dashes and
  brackets ("50.8% of the votes (59.7 million)"), ranges ("between 2,500 and 3,000 troops"), and from the whole
  for a part ("including 66 children");
- ``object``: the counted noun ("Palestinians"), inherited from the coordinated claim when elided;
  ``count_noun`` is the noun actually written (or null);
- ``qualifier`` ("at least", "more than", "about", ...; also from the verb: "topped 400" -> "more than"),
  ``part_of`` (the claim id of the whole), and ``source`` (``claimsource.find_source``).

No claims: dates, years, clock times, ordinals, ages, family sizes ("mother of 11"), labels ("magnitude 7.7",
"Resolution 242"), numbers in names, exchange-rate footnotes, vague quantities ("dozens", "thousands"),
measures ("40 miles"), and counts of places, parties or time spans ("in 39 cities", "two sides").
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from ..common import Intervals, body_sents, doc_text, entity_index
from .claimcats import back_category, category_of, noun_category, paren_category, part_of_anchor
from .claimsource import find_source
from .claimvalues import (
    ClaimWords,
    claim_words,
    group,
    is_no_claim,
    is_year,
    may_start,
    money_context,
    qualifier,
    verb_qualifier,
)

NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "GPE", "LOC", "NORP", "LANGUAGE"})
SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})


def _skip_token(tok: Token, date_spans: Intervals, w: ClaimWords) -> bool:
    if tok.ent_type_ == "DATE" and tok.ent_iob_ == "B" and (tok.i + 1 == len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I"):
        if tok.text.isdigit() and not is_year(tok) and not date_spans.holds(tok.idx):
            return False  # "put the toll at 54": a bare number the NER took for a date
    if tok.ent_type_ in NAME_LABELS and tok.text[:1].isdigit() and tok.i + 1 < len(tok.doc):
        after = " ".join(t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3])
        if tok.doc[tok.i + 1].lower_ in w.tables["percent_words"] or after in w.tables["percent_words"]:
            return False  # "Bolsonaro 49.2%": the NER ran the name over the share
    if tok.ent_type_ in SKIP_LABELS or tok.ent_type_ in NAME_LABELS:
        return True
    return date_spans.holds(tok.idx)


def _count_noun(doc: Doc, last: int, sent: Span) -> Token | None:
    """The noun the number counts: "248 Palestinians", "5,000 of the protesters"; "$5bn" -> None."""
    tok = doc[last]
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.i > last:
        if tok.head.pos_ in ("NOUN", "PROPN") or tok.head.pos_ == "ADJ" and tok.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return tok.head  # "388 Palestinian have died": a demonym used as the noun
    if last + 2 < sent.end and doc[last + 1].lower_ == "of" and doc[last + 2].pos_ in ("NOUN", "PROPN", "DET", "ADJ"):
        for t in doc[last + 2 : min(sent.end, last + 6)]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj":
                return t
    return None


def _kind(doc: Doc, first: int, last: int, sent: Span, glued: str | None, w: ClaimWords) -> tuple[str | None, str | None, int, int]:
    """Money, percent or a measure from the words around the number: (category, unit, start, end token)."""
    d = w.tables
    currencies = d["currencies"]
    prev = doc[first - 1] if first > sent.start else None
    nxt = doc[last + 1] if last + 1 < sent.end else None
    nxt2 = " ".join(t.lower_ for t in doc[last + 1 : min(sent.end, last + 3)])
    if glued:
        return "money", glued, first, last
    if nxt is not None and (nxt.lower_ in d["percent_words"] or nxt2 in d["percent_words"]):
        return "percent", None, first, last + (2 if nxt2 in d["percent_words"] and " " in nxt2 else 1)
    if prev is not None and prev.lower_ in currencies:
        return "money", currencies[prev.lower_], first - 1, last
    for t in doc[last + 1 : min(sent.end, last + 4)]:  # "27.5 trillion naira", "5m U.S. dollars"
        if t.lemma_.lower() in currencies or t.lower_ in currencies:
            return "money", currencies.get(t.lemma_.lower(), currencies.get(t.lower_)), first, t.i
        if not (t.is_title or t.lower_ in ("u.s.", "us")):
            break
    if nxt is not None and nxt.lower_.rstrip(".") in d["units"] and not money_context(doc, first, w):
        return "measure", nxt.lower_.rstrip("."), first, last + 1
    return None, None, first, last


def _claim(doc: Doc, sent: Span, first: int, last: int, value: float, glued: str | None,
           in_sent: list[dict[str, Any]], before: dict[str, Any] | None, w: ClaimWords) -> dict[str, Any] | None:
    """One claim for the number group first..last, or None when it is no claim."""
    text = doc_text(doc)
    qual, qstart = qualifier(doc, first, sent, w)
    category, unit, start_tok, end_tok = _kind(doc, first, last, sent, glued, w)
    if category == "measure":
        return None
    noun = _count_noun(doc, last, sent)
    if noun is not None and noun.lemma_.lower() in w.tables["not_counted"] and category is None:
        return None
    head = noun if noun is not None else doc[last]
    if noun is not None and category is None and noun.i <= last + 4 and not any(t.like_num for t in doc[last + 1 : noun.i]):
        end_tok = noun.i
    parent = _parent(head, in_sent, doc, last, w)
    if category is None:
        category = category_of(doc, first, last, noun, w) or paren_category(doc, first, in_sent)
        if category is None and noun is None:
            category = back_category(doc, first, last, in_sent, before, w)
    if category is None and parent is not None:
        category = parent["category"]
    if category is None and noun is None and not in_sent_object(head, in_sent):
        return None  # a bare number that counts nothing said
    category = category or "other"
    if category == "other" and is_year(doc[first]):
        return None  # a year the NER missed
    if value == 1 and category == "other" and doc[first].is_alpha:
        return None  # "one chamber": a lone "one" counts nothing worth a claim
    obj = noun.text if noun is not None and category not in ("money",) else ""
    obj_cat = None
    if category == "percent":  # "40% of jobs", "50.8% of the votes"
        after = doc[end_tok + 1] if end_tok + 1 < sent.end else None
        pobj = next((g for g in after.children if g.dep_ == "pobj"), None) if after is not None and after.lower_ == "of" else None
        obj = pobj.text if pobj is not None else ""
        obj_cat = noun_category(pobj, w) if pobj is not None else None
    if not obj and category not in ("money", "percent"):
        obj = in_sent_object(head, in_sent)
    s, e = doc[min(start_tok, qstart)].idx, doc[min(end_tok, sent.end - 1)].idx + len(doc[min(end_tok, sent.end - 1)].text)
    if text[e - 1] == "." and e - s > 1:
        e -= 1  # "$500m." at the end of a sentence
    claim: dict[str, Any] = {
        "id": "", "value": int(round(value)) if abs(value - round(value)) < 1e-6 else round(value, 6), "category": category,
        "object": obj, "qualifier": qual or verb_qualifier(doc[last], w), "text": text[s:e], "start": s, "end": e,
        "source": None, "count_noun": noun.text if noun is not None else None,
        "_head": head, "_obj_cat": obj_cat, "_first": first, "_last": last,
    }
    if unit:
        claim["unit"] = unit
    if parent is not None:
        claim["part_of"] = parent["id"]
    return claim


def in_sent_object(head: Token, in_sent: list[dict[str, Any]]) -> str:
    """The object of the coordinated claim whose verb this one shares ("248 Palestinians were killed ... and
    at least 1,910 were injured")."""
    mine = head.head
    for c in reversed(in_sent):
        verb = c["_head"].head
        linked = mine.i == verb.i or (mine.dep_ == "conj" and mine.head.i == verb.i) or head.dep_ == "conj" and head.head.i == c["_head"].i
        if linked and c["object"] and "part_of" not in c and c["category"] not in ("money", "percent"):
            return str(c["object"])
    return ""


def _parent(head: Token, in_sent: list[dict[str, Any]], doc: Doc, last: int, w: ClaimWords) -> dict[str, Any] | None:
    """The whole this count is part of: "248 killed, including 66 children", "1,396 deaths, 499 of them"."""
    after = " ".join(t.lower_ for t in doc[last + 1 : last + 3])
    if after in ("of them", "of whom") and in_sent:
        return next((c for c in reversed(in_sent) if "part_of" not in c), None)
    anchor = part_of_anchor(head, w)
    if anchor is None:
        return None
    cue = head.head if head.dep_ == "pobj" else head
    if in_sent and all(t.is_punct for t in doc[in_sent[-1]["_last"] + 1 : cue.i]) and "part_of" not in in_sent[-1]:
        return in_sent[-1]  # "the toll rose to 388, including 71 children": the count just before the cue
    chain = [anchor.i, *[a.i for a in anchor.ancestors]]
    for c in reversed(in_sent):
        h = c["_head"]
        if "part_of" not in c and (h.i in chain or h.head.i in chain):
            return c
    return None


def _ranges(doc: Doc, claims: list[dict[str, Any]]) -> None:
    """"between 2,500 and 3,000 troops were killed": both ends share what is counted."""
    for a, b in zip(claims, claims[1:], strict=False):
        between = [t.lower_ for t in doc[a["_last"] + 1 : b["_first"]]]
        if between in (["and"], ["to"], ["-"], ["–"]) and doc[a["_first"] - 1].lower_ in ("between", "from", "about", "around"):
            if a["category"] == "other" and b["category"] != "other":
                a["category"], a["object"] = b["category"], a["object"] or b["object"]
            elif b["category"] == "other" and a["category"] != "other":
                b["category"], b["object"] = a["category"], b["object"] or a["object"]


def find_claims(doc: Doc, words: ClaimWords | None = None) -> list[dict[str, Any]]:
    """Every numeric claim in the body: [{id, value, category, object, qualifier, text, start, end, source, ...}]."""
    w = words or claim_words()
    index = entity_index(doc)
    quotes = list(doc._.pl_quotes or [])
    date_spans = Intervals((d["start"], d["end"]) for d in (doc._.pl_dates or []))
    claims: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []  # the named sources so far, for "he said", "the company said"
    for sent in body_sents(doc):
        in_sent: list[dict[str, Any]] = []
        i = sent.start
        while i < sent.end:
            tok = doc[i]
            found = None if not may_start(tok, w) or _skip_token(tok, date_spans, w) else group(sent, i, w)
            if found is None:
                i += 1
                continue
            first, last, value, vague, glued = found
            i = last + 1
            if vague or tok.ent_type_ == "" and doc[first].pos_ not in ("NUM", "NOUN", "ADJ", "PROPN", "DET", "X") and not glued:
                continue
            if is_no_claim(doc, first, last, sent, w):
                continue
            claim = _claim(doc, sent, first, last, value, glued, in_sent, claims[-1] if claims else None, w)
            if claim is None:
                continue
            claim["id"] = f"C{len(claims) + 1}"
            claim["source"] = find_source(doc, index, sent, claim["_head"], quotes, history, w)
            if claim["source"] and claim["source"]["kind"] != "anaphor":
                history.append(claim["source"])
            claims.append(claim)
            in_sent.append(claim)
        _ranges(doc, in_sent)
    for c in claims:
        for key in ("_head", "_obj_cat", "_first", "_last"):
            c.pop(key)
    return claims
