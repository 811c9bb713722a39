"""A long article analysed in bounded chunks by block (issue 13).

spaCy's tagger, parser and NER hold a few kilobytes per token of the Doc they work on at once (the parser's
precomputed hidden layer alone is about 4 KB a token), so a 1 M-character article would need gigabytes. An
article longer than ``CHUNK_CHARS`` goes through spaCy's own components in pieces of at most that many
characters, cut at block starts (else at a space), each piece with a sentence start at each line break (the
block starts); the pieces are joined again (``Doc.from_docs``: same text, same offsets) and presslens's
extractors run once over the whole article, as they do on any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

Step = Callable[[str, Any, Doc], Doc]  # (component name, component, doc) -> doc: how each component is run

CHUNK_CHARS = 50_000  # characters of one piece; an article up to this long goes through spaCy whole
_SENTENCE_END = frozenset({".", "!", "?", "…"})


def cut_long_sentences(doc: Doc, most: int) -> int:
    """Set a sentence start after every ``most`` tokens without a sentence end (the parser keeps preset
    starts, so no sentence it sees is longer); return how many were set."""
    if not _may_cut(doc, most):
        return 0
    since, cuts = 0, 0
    for token in doc:
        if since >= most:
            token.is_sent_start = True
            since, cuts = 0, cuts + 1
        since = 0 if token.text in _SENTENCE_END or "\n" in token.text_with_ws else since + 1
    return cuts


def _may_cut(doc: Doc, most: int) -> bool:
    """Whether ``doc`` has a run of ``most`` tokens or more without a sentence end (else no cut is set): from
    the distinct token texts, at C speed (a token's trailing white space is a space or nothing, so a line
    break is in its text)."""
    if len(doc) <= most:
        return False
    orths = doc.to_array([ORTH]).reshape(-1)
    distinct, inverse = numpy.unique(orths, return_inverse=True)
    strings = doc.vocab.strings
    ends = numpy.array([s in _SENTENCE_END or "\n" in s for s in (strings[int(o)] for o in distinct)], dtype=bool)
    at = numpy.flatnonzero(ends[inverse])
    gaps = numpy.diff(numpy.concatenate(([-1], at, [len(doc)]))) - 1
    return bool(gaps.max() >= most)


def pieces(text: str, starts: list[int], size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces that cover ``text`` end to end, each at most ``size`` characters where a block start
    (``starts``, sorted) or a space allows, cut at the last block start inside it, else after its last space."""
    out: list[tuple[int, int]] = []
    lo, k = 0, 0
    while lo < len(text):
        hi = min(len(text), lo + size)
        if hi < len(text):
            while k < len(starts) and starts[k] <= lo:
                k += 1
            cut = lo
            while k < len(starts) and starts[k] <= hi:
                cut = starts[k]
                k += 1
            if cut <= lo:
                space = text.rfind(" ", lo, hi)
                cut = space + 1 if space > lo else hi
            hi = cut
        out.append((lo, hi))
        lo = hi
    return out


def _run(name: str, proc: Any, doc: Doc) -> Doc:
    return proc(doc)  # type: ignore[no-any-return]


def analyse_in_pieces(nlp: Language, doc: Doc, most_tokens: int, step: Step = _run) -> Doc:
    """``doc`` (unprocessed, with its article) through the pipeline: spaCy's components piece by piece, then
    the presslens components over the joined Doc; ``step`` runs each component (``bench/scaling.py`` times
    them)."""
    article = doc._.pl_article or {}
    text = doc.text
    starts = sorted(b["start"] for b in article.get("blocks", []))
    spacy_parts = [(n, p) for n, p in nlp.pipeline if not n.startswith("presslens_")]
    presslens_parts = [(n, p) for n, p in nlp.pipeline if n.startswith("presslens_") and n != "presslens_blocks"]
    docs = []
    for lo, hi in pieces(text, starts):
        piece = nlp.make_doc(text[lo:hi])
        for token in piece[1:]:
            if "\n" in piece[token.i - 1].text_with_ws:
                token.is_sent_start = True
        cut_long_sentences(piece, most_tokens)
        for name, proc in spacy_parts:
            piece = step(name, proc, piece)
        docs.append(piece)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    assert joined.text == text
    for name in ("pl_article", "pl_errors", "pl_extractors"):
        setattr(joined._, name, getattr(doc._, name))
    for name, proc in presslens_parts:
        joined = step(name, proc, joined)
    return joined
