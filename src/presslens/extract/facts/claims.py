"""Numeric claims: how many of what, qualified how, on whose authority.

``find_claims(doc)`` reads the body sentences of the existing parse. A claim is a quantity in digits or words
("248", "1,910", "three", "dozens", "1.2 million", "$5bn", "40%") with

- ``value`` (scaled: "$5bn" -> 5e9; vague plurals take the least they imply: "dozens" -> 24, ``vague``: true),
- ``category`` (killed, injured, arrested, detained, displaced, missing, rockets, airstrikes, money, percent,
  other) from the counted noun or the predicate it is the subject or object of (``data/claim_nouns.json``),
- ``object``: the counted noun ("Palestinians"), inherited from the coordinated claim when elided
  ("at least 1,910 were injured"); ``count_noun`` is the noun actually written (or null),
- ``qualifier`` ("at least", "more than", "about", ...), ``part_of`` (the claim id of the whole:
  "248 ..., including 66 children"), and
- ``source``: "according to X", the subject of a reporting verb whose clause holds the number ("X said"),
  or the speaker of the quote whose content holds it; its entity when the canonicaliser found one.

Dates, years, times, ordinals ("21st century"), ages ("45", "12-year-old") and numbers inside names are
skipped (they lie in DATE/TIME/ORDINAL or name entities, or in doc._.pl_dates). ``numbers`` reads the number
groups, ``counts`` what they count and on whose authority; the words are data (``claimwords``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...record.types import Claim, Quote
from ..common import EntityIndex, body_sents, doc_text, entity_index
from .claimwords import ClaimWords, claim_words
from .counts import category_of, claim_source, count_noun, part_of_anchor
from .numbers import is_age_or_name, money_context, number_group, qualifier_of, skip_token, unit_of

Found = tuple[Claim, Token, Token | None]  # a claim of the sentence, its phrase's head, the verb it hangs from


@dataclass
class _Reading:
    """One Doc's claims as they are read, sentence by sentence."""

    doc: Doc
    words: ClaimWords
    text: str
    index: EntityIndex
    quotes: list[Quote]
    date_spans: list[tuple[int, int]]
    claims: list[Claim] = field(default_factory=list)


def find_claims(doc: Doc, words: ClaimWords | None = None) -> list[Claim]:
    """Every numeric claim in the body: [{id, value, category, object, qualifier, text, start, end, source, ...}]."""
    r = _Reading(doc, words or claim_words(), doc_text(doc), entity_index(doc), list(doc._.pl_quotes or []),
                 [(d["start"], d["end"]) for d in (doc._.pl_dates or [])])
    for sent in body_sents(doc):
        in_sent: list[Found] = []
        i = sent.start
        while i < sent.end:
            tok = doc[i]
            if not (tok.like_num or tok.text[:1].isdigit() or tok.lower_ in r.words.number_words):
                i += 1
                continue
            group = None if skip_token(tok, r.date_spans) else number_group(sent, i, r.words)
            if group is None:
                i += 1
                continue
            first, last, value, vague = group
            i = last + 1
            if tok.ent_type_ == "" and doc[first].pos_ not in ("NUM", "NOUN", "ADJ", "PROPN", "DET", "X") and not vague:
                continue
            if is_age_or_name(doc, first, last, sent, r.words):
                continue
            found = _claim(r, sent, first, last, value, vague, in_sent)
            if found is not None:
                r.claims.append(found[0])
                in_sent.append(found)
    return r.claims


def _extent(r: _Reading, sent: Span, first: int, last: int, noun: Token | None) -> tuple[str | None, str | None, int, int]:
    """(category, unit, first token, last token) a number's own words give: a measure, a percentage, money."""
    doc, w = r.doc, r.words
    _, start_tok = qualifier_of(doc, first, sent, w)
    end_tok = last
    prev = doc[first - 1] if first > sent.start else None
    nxt = doc[last + 1] if last + 1 < sent.end else None
    nxt2 = " ".join(t.lower_ for t in doc[last + 1 : min(sent.end, last + 3)])
    unit, unit_end = unit_of(doc, last, sent, money_context(doc, first, w), w)
    category: str | None = None
    if unit is not None:
        category, end_tok = "measure", unit_end
    elif nxt is not None and (nxt.lower_ in w.percent_words or nxt2 in w.percent_words):
        two = nxt2 in w.percent_words and " " in nxt2  # "per cent" is two tokens, "percent" one
        category, end_tok = "percent", last + (2 if two else 1)
    elif prev is not None and prev.lower_ in w.currencies:
        category, unit = "money", w.currencies[prev.lower_]
        start_tok = min(start_tok, first - 1)
    elif noun is not None and noun.lemma_.lower() in w.currencies:
        category, unit, end_tok = "money", w.currencies[noun.lemma_.lower()], noun.i
    elif doc[first].ent_type_ == "MONEY" and money_context(doc, first, w):
        category = "money"
    if noun is not None and category is None and noun.i <= last + 4:
        end_tok = noun.i
    return category, unit, start_tok, end_tok


def _claim(r: _Reading, sent: Span, first: int, last: int, value: float, vague: bool, in_sent: list[Found]) -> Found | None:
    """The claim of the number group [first, last], or None when it counts nothing worth a claim."""
    doc, w = r.doc, r.words
    qualifier, _ = qualifier_of(doc, first, sent, w)
    if vague and qualifier is None:
        qualifier = "at least"
    noun = count_noun(doc, first, last, sent)
    category, unit, start_tok, end_tok = _extent(r, sent, first, last, noun)
    phrase_head = noun if noun is not None else doc[last]
    if value == 1 and not vague and category is None and doc[first].is_alpha:
        if (category_of(phrase_head, noun, w) or "other") == "other":
            return None  # "one chamber", "a ...": a lone "one" counts nothing worth a claim
    parent = _whole(phrase_head, in_sent, w)
    if category is None and parent is not None:
        category = parent["category"]
    if category is None:
        category = category_of(phrase_head, noun, w, doc[last]) or "other"
    obj = _counted(doc, sent, noun, phrase_head, category, end_tok, in_sent)
    end_tok = min(end_tok, sent.end - 1)
    s, e = doc[start_tok].idx, doc[end_tok].idx + len(doc[end_tok].text)
    if r.text[e - 1] == "." and len(doc[end_tok]) > 1:
        e -= 1  # "$500m." at the end of a sentence
    claim: Claim = {
        "id": f"C{len(r.claims) + 1}",
        "value": int(value) if float(value).is_integer() else value,
        "category": category,
        "object": obj,
        "qualifier": qualifier,
        "text": r.text[s:e],
        "start": s,
        "end": e,
        "source": None,
        "count_noun": noun.text if noun is not None else None,
    }
    if vague:
        claim["vague"] = True
    if unit:
        claim["unit"] = unit  # a currency code, or a measure's unit
    if parent is not None:
        claim["part_of"] = parent["id"]
    verb = phrase_head.head if phrase_head.head.pos_ in ("VERB", "AUX") else None
    claim["source"] = claim_source(doc, r.index, sent, phrase_head, r.quotes, w)
    return claim, phrase_head, verb


def _whole(phrase_head: Token, in_sent: list[Found], w: ClaimWords) -> Claim | None:
    """The claim of the whole a number is part of ("killed in the raids, including 66 children"): the count
    the cue hangs from, or one above it."""
    anchor = part_of_anchor(phrase_head, w)
    if anchor is None:
        return None
    chain = [anchor.i, *[a.i for a in anchor.ancestors]]
    for c, h, v in reversed(in_sent):
        if "part_of" not in c and (h.i in chain or (v is not None and v.i in chain)):
            return c
    return None


def _counted(doc: Doc, sent: Span, noun: Token | None, phrase_head: Token, category: str, end_tok: int, in_sent: list[Found]) -> str:
    """What the number counts: the noun written, the "of" object of a percentage ("40% of jobs"), or the
    object of the coordinated claim when elided ("248 Palestinians were killed ... and 1,910 were injured")."""
    obj = noun.text if noun is not None and category != "measure" else ""
    if category == "percent":  # "40% of jobs"
        after = doc[end_tok + 1] if end_tok + 1 < sent.end else None
        pobj = next((g for g in after.children if g.dep_ == "pobj"), None) if after is not None and after.lower_ == "of" else None
        obj = pobj.text if pobj is not None else ""
    if not obj and in_sent and category not in ("money", "percent", "measure"):
        mine = phrase_head.head
        for c, _, v in reversed(in_sent):
            linked = v is not None and (mine.i == v.i or (mine.dep_ == "conj" and mine.head.i == v.i))
            if linked and c["object"] and "part_of" not in c and c["category"] not in ("money", "percent"):
                obj = c["object"]
                break
    return obj
