"""The speaker's whole phrase as the article writes it: the words that name a quote's speaker (``speaker``'s own
span: "Douglas Holtz-Eakin") with all that the sentence says of them there ("Douglas Holtz-Eakin, an economist
who served as director of the Congressional Budget Office"; "Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and
Robert Menendez (D-N.J.)"). It is what an annotated corpus marks as the Source (PolNeAR, PARC) and what a reader
checks a role against; the speaker's span stays the name that the entity links.

The phrase is the syntactic subtree of the speaker's head word (climbing from an apposition or a conjunct to the
phrase it belongs to), inside the sentence, never over the quote's own cue or content: where the subtree runs into
them (``Obama, who said ...``) it ends before them. A phrase past ``MAX_TOKENS`` tokens is left at the speaker's
span (a misparse that hangs a clause from the name)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ..common import doc_text

MAX_TOKENS = 40
CLIMB = frozenset({"appos", "conj"})
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "«", "»", "''", "``"})
EDGE_PUNCT = frozenset({",", ";", ":", "-", "--", "—", "–", "'", '"', "“", "”", "‘", "’"})


def _head(tok: Token, lo: int, hi: int) -> Token:
    """The head of the phrase a speaker's word belongs to: an apposition's or a later conjunct's noun."""
    cur = tok
    while cur.dep_ in CLIMB and cur.head.i < cur.i and cur.head.pos_ in ("NOUN", "PROPN") and cur.head.i >= lo:
        cur = cur.head
    return cur if lo <= cur.i <= hi else tok


def _right_edge(head: Token) -> int:
    """The last token of the head's phrase, without a trailing circumstance set off by a comma ("Trump, speaking
    to a veterans group in Virginia, said"; "O'Neill, on his first full day, said"): the act's setting, not who."""
    hi = head.i
    for child in head.rights:
        prev = child.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        if child.dep_ in ("acl", "prep", "advcl", "advmod") and prev is not None and prev.text == "," and (
                child.dep_ != "acl" or child.tag_ in ("VBG", "VBN")):
            break
        hi = max(hi, child.right_edge.i)
    return hi


def speaker_phrase(doc: Doc, speaker: dict[str, Any], blocked: list[tuple[int, int]]) -> dict[str, Any] | None:
    """The speaker's whole phrase ``{"text", "start", "end"}`` (at least the speaker's own span), or None when the
    speaker has no span in this Doc. ``blocked``: the character ranges it may not reach (the quote's cue and
    content)."""
    start, end = speaker.get("start"), speaker.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(doc_text(doc)):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span.root.sent
    head = _head(span.root, sent.start, sent.end - 1)
    if head.dep_ == "ROOT" or head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
        head = span.root  # a misparse that makes the name the sentence's head: its subtree is the sentence
    lo, hi = min(head.left_edge.i, span.start), max(_right_edge(head), span.end - 1)
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    if head.dep_ == "ROOT" or any(t.dep_ == "ROOT" for t in doc[lo : hi + 1]):
        lo, hi = span.start, span.end - 1
    for k in range(span.start - 1, lo - 1, -1):  # never over a quotation mark: the words quoted are not the speaker
        if doc[k].text in QUOTE_MARKS:
            lo = k + 1
            break
    for k in range(span.end, hi + 1):
        if doc[k].text in QUOTE_MARKS:
            hi = k - 1
            break
    for b_start, b_end in blocked:
        if b_end <= b_start or b_end <= doc[lo].idx or b_start >= doc[hi].idx + len(doc[hi]):
            continue
        if b_start >= end:  # a cue or content after the speaker: the phrase ends before it
            while hi >= span.end and doc[hi].idx + len(doc[hi]) > b_start:
                hi -= 1
        elif b_end <= start:  # before the speaker: the phrase starts after it
            while lo < span.start and doc[lo].idx < b_end:
                lo += 1
        else:
            lo, hi = span.start, span.end - 1  # the speaker's words inside the quote: their own span only
    while lo < span.start and (doc[lo].text in EDGE_PUNCT or doc[lo].is_space or doc[lo].lower_ in ("and", "or", "but")):
        lo += 1
    while hi >= span.end and (doc[hi].text in EDGE_PUNCT or doc[hi].is_space or doc[hi].lower_ in ("and", "or", "but", "who", "which", "that")):
        hi -= 1
    if hi - lo + 1 > MAX_TOKENS:
        lo, hi = span.start, span.end - 1
    s, e = min(doc[lo].idx, start), max(doc[hi].idx + len(doc[hi]), end)
    text = doc_text(doc)
    if text[s:e].count("(") != text[s:e].count(")"):
        s, e = start, end  # a bracket the phrase would leave open: the speaker's span only
    return {"text": text[s:e], "start": s, "end": e}
