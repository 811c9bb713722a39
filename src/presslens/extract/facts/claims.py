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
skipped (they lie in DATE/TIME/ORDINAL or name entities, or in doc._.pl_dates).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...data import load
from ..common import NAME_LABELS, EntityIndex, argument_span, body_sents, doc_text, entity_index

DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>bn|mn|m|k|tn|b)?$", re.IGNORECASE)
SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})


def _data() -> dict[str, Any]:
    return load("claim_nouns.json")


@lru_cache(maxsize=1)
def _vague() -> list[tuple[str, float]]:
    return sorted(((k, float(v)) for k, v in _data()["vague"].items()), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def _vague_first() -> frozenset[str]:
    return frozenset(k.split()[0] for k, _ in _vague())


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    """Words that can start a number group (a cheap test before the full parse of one)."""
    data = _data()
    return frozenset(data["word_numbers"]) | _vague_first() | {"a", "an"}


def _number_value(tok: Token) -> tuple[float, float] | None:
    """(value, multiplier) of a number token: digits ("1,910", "5bn") or a word ("three", "million")."""
    data = _data()
    low = tok.lower_
    m = DIGITS.match(low)
    if m:
        value = float(m["num"].replace(",", ""))
        mult = float(data["multipliers"].get((m["suffix"] or "").lower(), 1)) if m["suffix"] else 1.0
        return value, mult
    if low in data["word_numbers"]:
        return float(data["word_numbers"][low]), 1.0
    if "-" in low:  # "twenty-five"
        parts = low.split("-")
        if all(p in data["word_numbers"] for p in parts):
            return float(sum(data["word_numbers"][p] for p in parts)), 1.0
    return None


def _skip_token(tok: Token, date_spans: list[tuple[int, int]]) -> bool:
    if tok.ent_type_ in SKIP_LABELS or tok.ent_type_ in NAME_LABELS:
        return True
    start = tok.idx
    return any(s <= start < e for s, e in date_spans)


def _group(sent: Span, i: int) -> tuple[int, int, float, bool] | None:
    """The number group starting at token i: (first, last token index, value, vague) or None."""
    doc = sent.doc
    data = _data()
    tok = doc[i]
    low = tok.lower_
    # vague plurals: "dozens", "hundreds of thousands", "tens of thousands"
    for phrase, least in _vague() if low in _vague_first() else ():
        words = phrase.split()
        if [t.lower_ for t in doc[i : i + len(words)]] == words and i + len(words) <= sent.end:
            return i, i + len(words) - 1, float(least), True
    if low in ("a", "an") and i + 1 < sent.end and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion"):
        word = doc[i + 1].lower_
        return i, i + 1, 12.0 if word == "dozen" else float(data["multipliers"][word]), False
    nv = _number_value(tok)
    if nv is None or low in ("dozen", "half") or low in data["multipliers"]:
        return None
    value, mult = nv
    if mult in (1e6, 1e3) and not _money_context(doc, i):
        mult = 1.0  # "60m hurdles", "10k run": metres and kilometres unless money is meant
    j = i
    total = value * mult
    # "two hundred", "1.2 million", "twenty-five thousand", "5 bn"
    while j + 1 < sent.end:
        nxt = doc[j + 1]
        m = data["multipliers"].get(nxt.lower_.rstrip("."))
        if m is not None and nxt.lower_.rstrip(".") in ("m", "k") and not _money_context(doc, i):
            break
        if m is not None and (len(nxt.text) > 1 or nxt.lower_ in ("m", "k")) and nxt.lower_ not in ("b",):
            total *= float(m)
            j += 1
            continue
        break
    return i, j, total, False


def _money_context(doc: Doc, i: int) -> bool:
    """Whether the number at token i is an amount of money: a currency sign or word before it, or a currency
    word just after ("5m euros"). NER's MONEY alone is not enough ("won 200m gold" is a race)."""
    currencies = _data()["currencies"]
    if i > 0 and doc[i - 1].lower_ in currencies:
        return True
    return any(t.lemma_.lower() in currencies or t.lower_ in currencies for t in doc[i + 1 : min(len(doc), i + 3)])


def _unit(doc: Doc, last: int, sent: Span, money: bool) -> tuple[str | None, int]:
    """A measure's unit ("1,500m", "40 miles"): (unit, the unit's last token), or (None, last)."""
    if money:
        return None, last
    m = DIGITS.match(doc[last].lower_)
    if m and m["suffix"] and m["suffix"].lower() in ("m", "k"):
        return m["suffix"].lower(), last
    if last + 1 < sent.end and doc[last + 1].lower_.rstrip(".") in _units():
        return doc[last + 1].lower_.rstrip("."), last + 1
    return None, last


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    return frozenset(_data()["units"])


def _qualifier(doc: Doc, first: int, sent: Span) -> tuple[str | None, int]:
    """The qualifier words just before token ``first`` (skipping a currency sign): (qualifier, its first token)."""
    quals = _data()["qualifiers"]
    k = first
    if k - 1 >= sent.start and doc[k - 1].tag_ == "$":
        k -= 1
    for n in (3, 2, 1):
        if k - n < sent.start:
            continue
        phrase = " ".join(t.lower_ for t in doc[k - n : k])
        if phrase in quals:
            if phrase in ("over", "under", "some", "just", "only") and n == 1 and doc[k - 1].pos_ not in ("ADV", "ADP", "DET", "ADJ"):
                continue
            return str(quals[phrase]), k - n
    return None, first


def _is_age_or_name(doc: Doc, first: int, last: int, sent: Span) -> bool:
    data = _data()
    nxt = doc[last + 1] if last + 1 < sent.end else None
    prev = doc[first - 1] if first - 1 >= sent.start else None
    if nxt is not None:
        after = doc_text(doc)[doc[last].idx + len(doc[last].text) : doc[last].idx + len(doc[last].text) + 10].lower()
        if after.startswith(("-year-old", "-years-old", " years old", " year old", "-month-old", " months old")):
            return True
        if nxt.text == "-" and last + 2 < sent.end and doc[last + 2].is_alpha:
            return True  # "one-off", "three-day": a number inside a compound adjective
        if nxt.lower_ in data["not_counts"] or nxt.text in (":", "-", "–") and last + 2 < sent.end and doc[last + 2].like_num:
            return True
    if prev is not None:
        if prev.lower_ in ("aged", "age", "no.", "number", "#", "ages") or prev.text in (":", "-", "–") and first - 2 >= sent.start and doc[first - 2].like_num:
            return True
        # "Resolution 242", "Flight 370", "page 5": a noun directly before the number it labels
        if prev.pos_ in ("PROPN", "NOUN") and doc[last].head.i == prev.i and doc[last].dep_ in ("nummod", "appos", "npadvmod", "compound"):
            return True
        if prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i == last:
            return True
    tok = doc[first]
    # "Five Live", "Channel Four": a capitalised number word inside a name the NER missed
    if tok.is_alpha and tok.is_title and first > sent.start and nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
        return True
    # "John Smith, 45, said": a bare number in apposition to a person
    if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
        return True
    if DIGITS.match(tok.lower_) and re.fullmatch(r"1[89]\d\d|20\d\d", tok.text) and tok.head.pos_ != "NOUN":
        return True  # a bare year the NER missed
    if tok.lower_ == "one" and (tok.dep_ not in ("nummod",) or (nxt is not None and nxt.lower_ == "of")):
        return True  # "one of the ...", the pronoun "one"
    return False


def _count_noun(doc: Doc, first: int, last: int, sent: Span) -> Token | None:
    """The noun the number counts: "248 Palestinians", "dozens of protesters", "$5bn" -> None."""
    tok = doc[last]
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > last:
        return tok.head
    if last + 2 < sent.end and doc[last + 1].lower_ == "of" and doc[last + 2].pos_ in ("NOUN", "PROPN", "DET", "ADJ"):
        for t in doc[last + 2 : min(sent.end, last + 6)]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj":
                return t
    return None


def _category_of_lemma(lemma: str, field: str) -> str | None:
    for cat, entry in _data()["categories"].items():
        if lemma in entry[field]:
            return str(cat)
    return None


def _category(doc: Doc, head: Token, noun: Token | None, number: Token | None = None) -> str | None:
    """The category from the counted noun, a following adjective, or the predicate of the number's phrase."""
    if noun is not None:
        cat = _category_of_lemma(noun.lemma_.lower(), "nouns")
        if cat:
            return cat
        for child in noun.children:  # "air strikes", "death toll"
            if child.dep_ == "compound":
                cat = _category_of_lemma(f"{child.lemma_.lower()} {noun.lemma_.lower()}", "nouns")
                if cat:
                    return cat
    for child in head.children:  # "20 injured", "5 missing"
        if child.dep_ in ("acl", "amod", "oprd", "acomp") and child.i > head.i:
            cat = _category_of_lemma(child.lower_, "adjectives") or _category_of_lemma(child.lemma_.lower(), "verbs")
            if cat:
                return cat
    if number is not None and number is not head and number.dep_ in ("nsubjpass", "nsubj", "dobj"):
        head = number  # "arrested dozens of protesters": the number heads the phrase
    verb = head.head
    if head.dep_ in ("nsubjpass", "nsubj", "dobj", "conj") and verb.pos_ in ("VERB", "AUX", "ADJ"):
        cat = _category_of_lemma(verb.lemma_.lower(), "verbs") or _category_of_lemma(verb.lower_, "adjectives")
        if cat:
            return cat
        for child in verb.children:  # "were left dead", "remain missing"
            if child.dep_ in ("acomp", "oprd", "xcomp") and child.i > head.i:
                cat = _category_of_lemma(child.lower_, "adjectives")
                if cat:
                    return cat
        # "the death toll rose to 248"
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "at") and verb.head.pos_ == "VERB":
        for child in verb.head.children:
            if child.dep_ == "nsubj" and child.lemma_ == "toll":
                mods = {c.lemma_.lower() for c in child.children}
                return "injured" if "injury" in mods else "killed"
    return None


def _part_of_anchor(head: Token) -> Token | None:
    """For a number phrase after "including"/"among them", the token it is part of (a verb or noun)."""
    cues = set(_data()["part_of_cues"])
    cur = head
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.lower_ in cues:
        return cur.head.head
    return None


def _arg(doc: Doc, index: EntityIndex, tok: Token) -> dict[str, Any]:
    s, e = argument_span(tok)
    ent = index.token(tok) or index.at(s, e)
    return {"entity": ent["id"] if ent else None, "text": doc_text(doc)[s:e]}


def _source(doc: Doc, index: EntityIndex, sent: Span, head: Token, quotes: list[dict[str, Any]]) -> dict[str, Any] | None:
    verbs = set(_data()["source_verbs"])
    # "according to X"
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            for obj in doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return {**_arg(doc, index, obj), "kind": "according_to"}
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
                if subj.pos_ == "PRON" and quote is not None and quote.get("speaker"):
                    return {"entity": quote["speaker"].get("entity"), "text": quote["speaker"]["text"], "kind": "quote"}
                return {**_arg(doc, index, subj), "kind": "reporting_verb"}
    quote = _quote_at(quotes, head.idx)
    if quote is not None and quote.get("speaker"):
        sp = quote["speaker"]
        return {"entity": sp.get("entity"), "text": sp.get("text", ""), "kind": "quote"}
    return None


def _quote_at(quotes: list[dict[str, Any]], offset: int, speaker: bool = False) -> dict[str, Any] | None:
    for q in quotes:
        if speaker:
            cue = q.get("cue") or {}
            if cue.get("start") is not None and cue["start"] <= offset < cue["end"]:
                return q
            continue
        c = q.get("content") or {}
        if c.get("start") is not None and c["start"] <= offset < c["end"]:
            return q
    return None


def find_claims(doc: Doc) -> list[dict[str, Any]]:
    """Every numeric claim in the body: [{id, value, category, object, qualifier, text, start, end, source, ...}]."""
    data = _data()
    text = doc_text(doc)
    index = entity_index(doc)
    quotes = list(doc._.pl_quotes or [])
    date_spans = [(d["start"], d["end"]) for d in (doc._.pl_dates or [])]
    currencies = data["currencies"]
    percent_words = set(data["percent_words"])
    claims: list[dict[str, Any]] = []
    for sent in body_sents(doc):
        in_sent: list[tuple[dict[str, Any], Token, Token | None]] = []  # (claim, phrase head, verb)
        i = sent.start
        while i < sent.end:
            tok = doc[i]
            if not (tok.like_num or tok.text[:1].isdigit() or tok.lower_ in _number_words()):
                i += 1
                continue
            group = None if _skip_token(tok, date_spans) else _group(sent, i)
            if group is None:
                i += 1
                continue
            first, last, value, vague = group
            i = last + 1
            if tok.ent_type_ == "" and doc[first].pos_ not in ("NUM", "NOUN", "ADJ", "PROPN", "DET", "X") and not vague:
                continue
            if _is_age_or_name(doc, first, last, sent):
                continue
            qualifier, qstart = _qualifier(doc, first, sent)
            if vague and qualifier is None:
                qualifier = "at least"
            start_tok, end_tok = qstart, last
            category: str | None = None
            prev = doc[first - 1] if first > sent.start else None
            nxt = doc[last + 1] if last + 1 < sent.end else None
            nxt2 = " ".join(t.lower_ for t in doc[last + 1 : min(sent.end, last + 3)])
            noun = _count_noun(doc, first, last, sent)
            unit, unit_end = _unit(doc, last, sent, _money_context(doc, first))
            if unit is not None:
                category, end_tok = "measure", unit_end
            elif nxt is not None and (nxt.lower_ in percent_words or nxt2 in percent_words):
                two = nxt2 in percent_words and " " in nxt2  # "per cent" is two tokens, "percent" one
                category, end_tok = "percent", last + (2 if two else 1)
            elif prev is not None and prev.lower_ in currencies:
                category, unit = "money", currencies[prev.lower_]
                start_tok = min(start_tok, first - 1)
            elif noun is not None and noun.lemma_.lower() in currencies:
                category, unit, end_tok = "money", currencies[noun.lemma_.lower()], noun.i
            elif doc[first].ent_type_ == "MONEY" and _money_context(doc, first):
                category = "money"
            phrase_head = noun if noun is not None else doc[last]
            if noun is not None and category is None and noun.i <= last + 4:
                end_tok = noun.i
            if value == 1 and not vague and category is None and doc[first].is_alpha:
                if (_category(doc, phrase_head, noun) or "other") == "other":
                    continue  # "one chamber", "a ...": a lone "one" counts nothing worth a claim
            parent: dict[str, Any] | None = None
            anchor = _part_of_anchor(phrase_head)
            if anchor is not None:
                # the count the cue hangs from, or one above it ("killed in the raids, including ...")
                chain = [anchor.i, *[a.i for a in anchor.ancestors]]
                for c, h, v in reversed(in_sent):
                    if "part_of" not in c and (h.i in chain or (v is not None and v.i in chain)):
                        parent = c
                        break
            if category is None and parent is not None:
                category = parent["category"]
            if category is None:
                category = _category(doc, phrase_head, noun, doc[last]) or "other"
            obj = noun.text if noun is not None and category != "measure" else ""
            if category == "percent":  # "40% of jobs"
                after = doc[end_tok + 1] if end_tok + 1 < sent.end else None
                pobj = next((g for g in after.children if g.dep_ == "pobj"), None) if after is not None and after.lower_ == "of" else None
                obj = pobj.text if pobj is not None else ""
            if not obj and in_sent and category not in ("money", "percent", "measure"):
                # elided: "248 Palestinians were killed ... and at least 1,910 were injured" (coordinated verbs)
                mine = phrase_head.head
                for c, _, v in reversed(in_sent):
                    linked = v is not None and (mine.i == v.i or (mine.dep_ == "conj" and mine.head.i == v.i))
                    if linked and c["object"] and "part_of" not in c and c["category"] not in ("money", "percent"):
                        obj = c["object"]
                        break
            end_tok = min(end_tok, sent.end - 1)
            s, e = doc[start_tok].idx, doc[end_tok].idx + len(doc[end_tok].text)
            if text[e - 1] == "." and len(doc[end_tok]) > 1:
                e -= 1  # "$500m." at the end of a sentence
            claim: dict[str, Any] = {
                "id": f"C{len(claims) + 1}",
                "value": int(value) if float(value).is_integer() else value,
                "category": category,
                "object": obj,
                "qualifier": qualifier,
                "text": text[s:e],
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
            claim["source"] = _source(doc, index, sent, phrase_head, quotes)
            claims.append(claim)
            in_sent.append((claim, phrase_head, verb))
    return claims
