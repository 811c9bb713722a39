"""A claim's source: the attribution of the statement that holds the number.

One mechanism with the quotes component: the speaker of the quote whose content holds the number comes first
(``doc._.pl_quotes``); only where there is none, the claim's own attribution in its sentence: "according to X",
"figures from X", or the subject of a reporting verb whose clause holds the number ("X said", "X reported",
"X put the toll at"). A source is never a place ("Gaza City", a dateline), a crowd ("thousands"), a number
or a time; a document ("the report", "official figures") stands for the body it names ("a report of OCHA")
or for none. A pronoun ("he said", "it added") takes the speaker of the quote whose cue it is, or the last
named source before it. A body's acronym in brackets after its name is kept ("the Authority (AFAD)").
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from ..common import EntityIndex, Intervals, argument_span, doc_text, token_offsets
from .claimvalues import ClaimWords

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
DOCUMENTS = frozenset({"report", "data", "figure", "statement", "tally", "count", "estimate", "statistic", "record", "number", "toll", "source"})


_QUOTE_INDEX: dict[str, Any] = {}  # the last quotes list asked about, and its contents' and cues' Intervals


def _spans(quotes: list[dict[str, Any]], key: str) -> Intervals:
    """The quotes' ``key`` spans (an empty range for a quote without one), in the quotes' order."""
    pairs = [((q.get(key) or {}).get("start"), (q.get(key) or {}).get("end")) for q in quotes]
    return Intervals((int(s), int(e)) if s is not None and e is not None else (0, 0) for s, e in pairs)


def _quote_at(quotes: list[dict[str, Any]], offset: int, cue: bool = False) -> dict[str, Any] | None:
    """The first quote whose content (or cue) holds ``offset``."""
    if _QUOTE_INDEX.get("quotes") is not quotes or _QUOTE_INDEX.get("count") != len(quotes):
        _QUOTE_INDEX.update(quotes=quotes, count=len(quotes), content=_spans(quotes, "content"), cue=_spans(quotes, "cue"))
    index: Intervals = _QUOTE_INDEX["cue" if cue else "content"]
    found = index.holding(offset)
    return quotes[found[0]] if found else None


def _name_span(doc: Doc, tok: Token) -> tuple[int, int]:
    """Token range of the source's name: its noun phrase, widened to the named entity it lies in ("the Center
    for Systems Science and Engineering"), across hyphens ("OVD-Info"), and over a bracketed acronym after it."""
    s, e = argument_span(tok)
    offsets = token_offsets(doc)
    first, last = offsets.first_ending_after(s), offsets.last_starting_before(e)
    if tok.ent_type_ in ("ORG", "PERSON", "NORP"):  # the one entity that holds the token, from its IOB tags
        ent_start, ent_end = tok.i, tok.i + 1
        while doc[ent_start].ent_iob_ == "I" and ent_start > 0:
            ent_start -= 1
        while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
            ent_end += 1
        first, last = min(first, ent_start), max(last, ent_end - 1)
    while first > 0 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ and first > 1 and not doc[first - 2].whitespace_:
        first -= 2  # "OVD-Info": the parser split the name at its hyphen
    if last + 3 < len(doc) and doc[last + 1].text == "(" and doc[last + 3].text == ")" and doc[last + 2].text.isupper():
        last += 3  # "Turkey's Disaster and Emergency Management Authority (AFAD)"
    return first, last


def _np(doc: Doc, index: EntityIndex, tok: Token, kind: str) -> dict[str, Any]:
    name = next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if name is not None and tok.ent_type_ != "PERSON":
        tok = name  # "The director of the hospital, Abdullah Shahawi, said": the person's name
    first, last = _name_span(doc, tok)
    s, e = doc[first].idx, doc[last].idx + len(doc[last])
    ent = index.token(tok) or index.at(s, e)
    if ent is None:  # "DPR officials": the body the phrase names
        ent = next((x for x in (index.token(t) for t in doc[first : last + 1]) if x), None)
    return {"entity": ent["id"] if ent else None, "text": doc_text(doc)[s:e], "kind": kind}


def _usable(tok: Token, w: ClaimWords) -> Token | None:
    """The token that names the source, or None for a place, crowd, number or time ("Saana, X reported": X)."""
    if tok.ent_type_ in PLACE_LABELS or tok.like_num or tok.lower_ in w.tables["vague"] or tok.lemma_.lower() in w.tables["not_counted"]:
        for child in tok.children:
            if child.dep_ == "appos" and child.ent_type_ not in PLACE_LABELS and not child.like_num:
                return child
        return None
    if tok.lemma_.lower() in DOCUMENTS:  # "the report of OCHA", "figures from the ministry"
        for prep in tok.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("of", "from", "by"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() not in DOCUMENTS:
                    return _usable(obj, w)
        return None
    return tok


def _according_to(doc: Doc, sent: Span) -> Token | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if tok.lower_ in ("figures", "data", "statistics") and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "from":
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _reporting_subject(sent: Span, head: Token, w: ClaimWords) -> tuple[Token, Token] | None:
    """(reporting verb, its subject) whose clause holds the number but whose subject does not; else a
    sentence-final "..., the ministry said." whose own clause holds nothing else (the parser split the
    sentence). "X quoted Y as saying" gives Y."""
    verbs = set(w.tables["source_verbs"])
    tail: tuple[Token, Token] | None = None
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in verbs | {"quote"}:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.tag_ in ("WP", "WDT"):
            continue
        if tok.lemma_.lower() == "quote":  # "the channel quoted the union's statement as saying"
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            owner = next((c for c in obj.children if c.dep_ == "poss"), obj) if obj is not None else None
            if owner is None:
                continue
            subj = owner
        in_clause = tok.left_edge.i <= head.i <= tok.right_edge.i
        in_subj = subj.left_edge.i <= head.i <= subj.right_edge.i
        if in_clause and not in_subj:
            return tok, subj
        rest = [t for t in sent[tok.i + 1 - sent.start :] if not t.is_punct]
        if not rest and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children) and head.i < subj.left_edge.i:
            tail = (tok, subj)
    return tail


def _back(index: EntityIndex, tok: Token, history: list[dict[str, Any]], w: ClaimWords) -> dict[str, Any] | None:
    """The earlier source a reference points back to, or None when ``tok`` is no such reference: "he", "it" or
    "the report" take the last one; "the company", "the ministry", "the President" the last one that is no
    person, or whose words hold the noun ("President Tinubu")."""
    if not history:
        return None
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PRON" or lemma in ("report", "statement"):
        return dict(history[-1], kind="anaphor")
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    if dets != ["the"] or any(c.dep_ in ("compound", "poss", "amod") for c in tok.children) or tok.pos_ == "PROPN":
        return None
    seen = _history_index(history, index)  # the last source whose words hold the noun, or the last no person
    k = max(seen["words"].get(lemma, -1), seen["other"] if lemma in w.tables["source_anaphors"] else -1)
    return dict(history[k], kind="anaphor") if k >= 0 else None


_HISTORY: dict[str, Any] = {}  # the sources so far of the last history list asked about, indexed


def _history_index(history: list[dict[str, Any]], index: EntityIndex) -> dict[str, Any]:
    """For a list of sources that only grows: each word (lower case) -> the last source whose text holds it, and
    the last source that is no person; brought up to date with the sources added since the last call."""
    seen = _HISTORY
    if seen.get("history") is not history or seen.get("index") is not index or seen["count"] > len(history):
        seen.clear()
        seen.update(history=history, index=index, count=0, words={}, other=-1)
    for k in range(seen["count"], len(history)):
        for word in str(history[k]["text"]).split():
            seen["words"][word.lower()] = k
        if (index.by_id.get(history[k].get("entity") or "") or {}).get("label") != "PERSON":
            seen["other"] = k
    seen["count"] = len(history)
    return seen


def _speaker(doc: Doc, index: EntityIndex, quote: dict[str, Any] | None, history: list[dict[str, Any]],
             w: ClaimWords) -> dict[str, Any] | None:
    """The quote's speaker as a source: widened to its full name, "the report" read back to an earlier source,
    and none for a place, crowd or document ("the running tally")."""
    if quote is None or not quote.get("speaker"):
        return None
    sp = quote["speaker"]
    out = {"entity": sp.get("entity"), "text": sp.get("text", ""), "kind": "quote"}
    toks = list(doc[slice(*token_offsets(doc).starting_in(sp["start"], sp["end"]))]) if sp.get("start") is not None else []
    head = next((t for t in toks if not sp["start"] <= t.head.idx < sp["end"] or t.head.i == t.i), None)
    if head is None or out["entity"] and head.pos_ == "PRON":
        return out
    back = _back(index, head, history, w)
    if back is not None or head.pos_ == "PRON":
        return back
    if head.dep_ == "appos" and head.head.dep_ == "pobj":
        return None  # "In the capital, Saana, ...": a place the parser took for the speaker
    tok = _usable(head, w)
    if tok is None:
        return None
    named = _np(doc, index, tok, "quote")
    return dict(named, entity=out["entity"] or named["entity"])


def _attributed(doc: Doc, index: EntityIndex, sent: Span, head: Token, quotes: list[dict[str, Any]],
                history: list[dict[str, Any]], w: ClaimWords) -> dict[str, Any] | None:
    """The claim's own attribution in its sentence: "according to X", "X said", or None."""
    obj = _according_to(doc, sent)
    kind = "according_to"
    if obj is None:
        found = _reporting_subject(sent, head, w)
        if found is None:
            return None
        obj, kind = found[1], "reporting_verb"
        if obj.pos_ == "PRON":  # "he said": the speaker of the quote this is the cue of
            sp = _speaker(doc, index, _quote_at(quotes, found[0].idx, cue=True) or _quote_at(quotes, obj.idx), [], w)
            if sp is not None:
                return sp
    back = _back(index, obj, history, w)
    if back is not None or obj.pos_ == "PRON":
        return back
    tok = _usable(obj, w)
    return _np(doc, index, tok, kind) if tok is not None else None


def _tail_attribution(doc: Doc, sent: Span, w: ClaimWords) -> Span | None:
    """"... as of 6:05 a.m. BJT on Tuesday, the CSSE said.": the attribution the sentence splitter cut off, past
    at most one verbless fragment: a short sentence whose one verb is a reporting verb at its end."""
    end = sent.end
    for _ in range(2):
        if end >= len(doc):
            return None
        nxt = doc[end].sent
        verbs = [t for t in nxt if t.pos_ in ("VERB", "AUX")]
        if len(verbs) == 1 and len(nxt) <= 16 and _reporting_subject(nxt, nxt[0], w) is not None:
            return nxt
        if verbs or len(nxt) > 12:
            return None
        end = nxt.end
    return None


def narrated_aside(head: Token, quote: dict[str, Any]) -> bool:
    """Whether the number at ``head`` stands in a relative clause in the past, set off by a comma inside the
    quote's content, that is not in quotation marks (``..., which killed at least 13 people``): what the
    narrator adds about a thing the speaker named, as the quote rules read it (``content._closing_relative``)."""
    if quote.get("kind") == "direct":
        return False
    start, end = int(quote["content"]["start"]), int(quote["content"]["end"])
    for tok in head.ancestors:
        if tok.dep_ == "relcl" and tok.tag_ == "VBD" and start <= tok.idx < end:
            rel = next((c for c in tok.children if c.dep_.startswith("nsubj") and c.lower_ in ("which", "who")), None)
            return rel is not None and rel.i > 0 and tok.doc[rel.i - 1].text == ","
    return False


def find_source(doc: Doc, index: EntityIndex, sent: Span, head: Token, quotes: list[dict[str, Any]],
                history: list[dict[str, Any]], w: ClaimWords) -> dict[str, Any] | None:
    """The source of the number whose phrase head is ``head``; ``history``: the named sources before it."""
    quote = _quote_at(quotes, head.idx)
    found = _reporting_subject(sent, head, w)
    if found is None:
        tail = _tail_attribution(doc, sent, w)
        if tail is not None:
            return _attributed(doc, index, tail, tail[0], quotes, history, w)
    if found is not None and found[0].lemma_ == "quote":
        return _attributed(doc, index, sent, head, quotes, history, w)  # "the channel quoted the union as saying"
    if quote is not None and narrated_aside(head, quote):
        quote = None  # "expressed sympathy with the victims of the attack, which killed 13 people": the narrator's
    if quote is not None:
        # "X said: 'the Office (OHCHR) recorded 752'", "..., according to the government, Reuters reported":
        # a named source inside the quote's content is nearer to the number than the quote's speaker
        inner = _according_to(doc, sent)
        if inner is None:
            inner = found[1] if found is not None else None
        start = quote["content"]["start"]
        if inner is not None and inner.pos_ != "PRON" and start <= inner.idx < quote["content"]["end"]:
            tok = _usable(inner, w)
            if tok is not None and (tok.ent_type_ in ("ORG", "PERSON", "NORP") or _according_to(doc, sent) is inner):
                return _np(doc, index, tok, "reporting_verb")
        quoted = _speaker(doc, index, quote, history, w)
        if quoted is not None:
            return quoted
    return _attributed(doc, index, sent, head, quotes, history, w)
