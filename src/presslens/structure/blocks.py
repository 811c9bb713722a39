"""Sentence boundaries at block boundaries: a title, a dateline or a caption never runs into the body."""

from __future__ import annotations

from spacy.tokens import Doc


def block_starts(doc: Doc) -> list[int]:
    """Token indices that begin a block (the first token at or after each block's start)."""
    article = doc._.pl_article or {}
    starts = []
    for block in article.get("blocks", []):
        span = doc.char_span(block["start"], block["end"], alignment_mode="expand")
        if span is not None and len(span):
            starts.append(span.start)
    return starts


def mark_block_sentences(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on each block's first token, and on the white space between it and the block
    before ("\n\n"); the parser keeps these boundaries. Without the second, the md parser, made to start a
    sentence at a lead paragraph's first word after a short headline, split the names that open it into
    one-word sentences ("AC | Milan defender ...", "Angela | Merkel said ..."), which NER then lost."""
    for i in block_starts(doc):
        doc[i].is_sent_start = True
        if i > 1 and doc[i - 1].is_space:
            doc[i - 1].is_sent_start = True
    return doc
