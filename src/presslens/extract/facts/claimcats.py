"""A claim's category from the words and the syntax around its number (lists in ``data/claim_nouns.json``).

In order: a category word right after the number ("1,900 wounded", "20 dead"); the counted noun ("12 deaths",
"577 cases"), a noun that counts ("the death toll", "the number of civilians killed"), or the noun's own
clause ("24 officials who were detained", "civilians killed"); then, for the number's phrase and each
conjunct it is coordinated with, the verb it is the subject or object of ("248 were killed", "abducted 317",
"seen 243 killed", "held hostage"), the frame around that verb ("the toll rose to 248", "fatalities topped
400", "taking the death toll to 243"), and the noun it is the object of ("the detention of 22 journalists",
"the highest death toll at 23,232").
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from .claimvalues import ClaimWords


def _word(tok: Token, field: str, w: ClaimWords) -> str | None:
    table = w.table(field)
    return table.get(tok.lemma_.lower()) or table.get(tok.lower_)


def _release(doc: Doc, w: ClaimWords) -> str:
    """What a release frees in this document: hostages where it speaks of abduction, else detainees."""
    cached = doc.user_data.get("presslens.release")  # one answer per document: asked once per release claim
    if isinstance(cached, str):
        return cached
    hostage_words = {x for f in ("verbs", "nouns", "adjectives") for x, c in w.table(f).items() if c == "hostages"}
    found = doc.user_data["presslens.release"] = "hostages" if any(t.lemma_.lower() in hostage_words for t in doc) else "detained"
    return found


def verb_category(verb: Token, w: ClaimWords) -> str | None:
    """"killed", "died", "held hostage", "tested positive", "released" (the document decides what for)."""
    lemma = verb.lemma_.lower()
    for child in verb.children:  # "take hostage", "go missing", "take refuge"
        if child.dep_ in ("dobj", "oprd", "acomp", "advmod", "xcomp", "attr", "prt"):
            cat = w.table("verbs").get(f"{lemma} {child.lemma_.lower()}")
            if cat:
                return cat
    if lemma in w.tables["release_verbs"]:
        return _release(verb.doc, w)
    return _word(verb, "verbs", w) or w.table("adjectives").get(verb.lower_)


def noun_category(noun: Token | None, w: ClaimWords, depth: int = 0) -> str | None:
    """What a noun counts: itself ("deaths"), a tally's words ("death toll", "number of wounded"), or its clause."""
    if noun is None or depth > 3:
        return None
    cat = _word(noun, "nouns", w)
    if cat:
        return cat
    tally = w.tables["tally_nouns"]
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.i < noun.i:  # "death toll", "wounded people"
            cat = (_word(child, "nouns", w) if lemma in tally else None) or w.table("adjectives").get(child.lower_)
            if cat:
                return cat
        if child.dep_ in ("acl", "relcl", "amod") and child.i > noun.i:  # "civilians killed", "who were detained"
            cat = verb_category(child, w) or next((verb_category(g, w) for g in child.children if g.dep_ in ("ccomp", "xcomp")), None)
            if cat:
                return cat
        if lemma in tally and child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            cat = noun_category(obj, w, depth + 1) or (_word(obj, "adjectives", w) if obj is not None else None)
            return cat or tally.get(lemma) or "other"  # "the number of recoveries": counted, of no category
    return str(tally[lemma]) if tally.get(lemma) else None


def _frame(verb: Token, phrase: Token, w: ClaimWords) -> str | None:
    """The category from a verb's other arguments: "the death toll rose to N", "seen N killed"."""
    for child in verb.children:
        if child.i == phrase.i:
            continue
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and child.pos_ in ("NOUN", "PROPN"):
            cat = noun_category(child, w)
            if cat:
                return cat
        if child.dep_ in ("xcomp", "ccomp", "oprd", "acomp") and child.i > phrase.i:
            cat = verb_category(child, w)
            if cat:
                return cat
        if child.dep_ == "prep" and child.lower_ in ("among", "as") and child.i > phrase.i:  # "among the dead"
            obj = next((g for g in child.children if g.dep_ in ("pobj", "amod", "acomp", "pcomp")), None)
            cat = (w.table("adjectives").get(obj.lower_) or noun_category(obj, w)) if obj is not None else None
            if cat:
                return cat
        if child.dep_ == "conj" and child.tag_ in ("VBN", "VBD") and child.i > phrase.i and phrase.dep_ == "dobj":
            if not any(g.dep_ in ("aux", "auxpass", "dobj") for g in child.children):  # "seen 212 ... and nine killed"
                cat = verb_category(child, w)
                if cat:
                    return cat
    for child in verb.children:  # "received 24 students after they were released"
        if child.dep_ == "advcl":
            cat = verb_category(child, w)
            if cat in ("hostages", "detained", "arrested"):
                return cat
    return None


def _phrase_category(phrase: Token, w: ClaimWords) -> str | None:
    dep, head = phrase.dep_, phrase.head
    for child in phrase.children:  # "20 injured", "5 missing"
        if child.dep_ in ("acl", "amod", "oprd", "acomp") and child.i > phrase.i:
            cat = verb_category(child, w)
            if cat:
                return cat
    if dep in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "npadvmod", "appos") and head.pos_ in ("VERB", "AUX", "ADJ"):
        return verb_category(head, w) or _frame(head, phrase, w)
    if dep == "pobj":
        owner = head.head
        while owner.dep_ == "conj" and owner.pos_ == "NOUN" and not noun_category(owner, w):
            owner = owner.head  # "the detention and disappearance of 22 journalists"
        if owner.pos_ in ("NOUN", "PROPN"):
            cat = noun_category(owner, w)
            if cat in (None, "other") and owner.lemma_.lower() in w.tables["tally_nouns"]:
                return _phrase_category(owner, w) or cat  # "a total of 4,989 people were arrested"
            return cat
        if owner.pos_ in ("VERB", "AUX"):
            return _frame(owner, head, w)
    return None


def category_of(doc: Doc, first: int, last: int, noun: Token | None, w: ClaimWords) -> str | None:
    """The category of the number group first..last counting ``noun`` (None: no counted noun)."""
    if last + 1 < len(doc):
        nxt = doc[last + 1]
        cat = w.table("adjectives").get(nxt.lower_)
        if cat and nxt.pos_ != "NOUN" or cat and noun is None:
            return cat
    cat = noun_category(noun, w)
    if cat:
        return cat
    phrase: Token | None = noun if noun is not None else doc[last]
    seen = 0
    while phrase is not None and seen < 6:
        cat = _phrase_category(phrase, w)
        if cat is None and phrase is not doc[last] and doc[last].dep_ in ("nsubj", "nsubjpass", "dobj"):
            cat = _phrase_category(doc[last], w)  # "arrested dozens of protesters": the number heads the phrase
        if cat:
            return cat
        phrase = phrase.head if phrase.dep_ in ("conj", "appos") and phrase.head.i != phrase.i else None
        seen += 1
    return None


def back_category(doc: Doc, first: int, last: int, in_sent: list[dict[str, Any]], before: dict[str, Any] | None,
                  w: ClaimWords) -> str | None:
    """A bare number that continues an earlier count: "climbed to 54, up from 42" (the claim before it), a
    parallel object ("Obi garnered 6,101,533; Kwankwaso scored 1,496,687"), or "the figure reached N" / "its
    tally rose to N" (a tally noun with no words of its own: the last claim before it)."""
    if first >= 2 and doc[first - 2].lower_ in ("up", "down") and doc[first - 1].lower_ == "from" and in_sent:
        return str(in_sent[-1]["category"])
    if in_sent and doc[first - 1].lower_ in ("and", "to", "-", "\u2013") and in_sent[-1]["_last"] == first - 2:
        start = in_sent[-1]["_first"]
        if any(t.lower_ in ("between", "from") for t in doc[max(0, start - 2) : start]):
            return str(in_sent[-1]["category"])  # "between 1,400 and 1,650 fighters"
    tok = doc[last]
    for c in reversed(in_sent):
        if c["count_noun"] is None and c["_head"].dep_ == tok.dep_ == "dobj" and c["category"] not in ("money", "percent"):
            return str(c["category"])
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    tally = w.tables["tally_nouns"]
    for child in verb.children:
        if child.dep_ in ("nsubj", "dobj") and child.lemma_.lower() in tally and before is not None:
            if not any(g.dep_ in ("compound", "amod", "prep") for g in child.children):
                return str(before["category"]) if before["category"] not in ("money", "percent") else None
    return None


def paren_category(doc: Doc, first: int, in_sent: list[dict[str, Any]]) -> str | None:
    """"50.8% of the votes (59.723 million), and Bolsonaro 49.2% (57.751 million)": what the bracket counts."""
    if first == 0 or doc[first - 1].text != "(" or not in_sent:
        return None
    prev = in_sent[-1]
    if prev["category"] == "percent" and prev["_obj_cat"]:
        return str(prev["_obj_cat"])
    for c in reversed(in_sent[:-1]):
        if c["_first"] > 0 and doc[c["_first"] - 1].text == "(":
            return str(c["category"])
    return None


def part_of_anchor(head: Token, w: ClaimWords) -> Token | None:
    """For a number phrase after "including"/"among them", the token it is part of (a verb or noun)."""
    cues = set(w.tables["part_of_cues"])
    cur = head
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.lower_ in cues:
        return cur.head.head
    return None
