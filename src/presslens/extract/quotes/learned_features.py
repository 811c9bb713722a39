"""Features of the attribution model, computed with array operations from the md pipeline's annotations.

``DocInfo`` holds what one Doc gives: token features (lower form, lemma, tag, dependency, entity, the
head's lemma with the token's relation, quote and sentence position, the token's lemma with the set of its
children's relations, the rules' cue lexicon class, what the rules' quotes say of it), subtree edges, quote
state and paragraphs.
``pair_batch`` lays out, for each cue, the tokens of its window (its paragraph, ``reach`` each side) with
pair features: the tree relation of the token to the cue (which child's subtree of the cue holds it, or of
the cue's head, or of the head's head), whether it begins or ends that branch, the signed distance, and the
sentence offset with both tokens' quote state, and where the token lies in the content the rules give
the cue. (The rules are features: the model learns when to follow them.) ``span_scores`` adds to a content span's start and end
logits learned weights for where the span lies against its cue (before, after, around) by the number of
sentence boundaries it crosses, and for its length.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    SENT_START,
    TAG,
)
from spacy.strings import get_string_id
from spacy.tokens import Doc

MIX = numpy.uint64(0x9E3779B97F4A7C15)
OPEN, CLOSE, TOGGLE = "“«", "”»", '"'
TRAILING = frozenset(get_string_id(ch) for ch in ",;")  # dropped from a span's end
MARK_IDS = numpy.array([get_string_id(ch) for ch in OPEN + CLOSE + TOGGLE], dtype="uint64")
N_TOKEN_FEATS = 10
N_PAIR_FEATS = 5
CODES = {name: i + 1 for i, name in enumerate(
    ("out", "up2", "sib", "head", "sub", "kid", "self", "edge-l", "edge-r", "head-l", "head-r", "none"))}


@lru_cache(maxsize=1)
def lexicon() -> tuple[numpy.ndarray, numpy.ndarray]:
    """The rules' cue lexicon (``data/cues.json``) as sorted lemma hashes and their classes (a feature:
    the model learns how far to trust it)."""
    from .cues import load_cues

    cues = load_cues()
    classes: dict[str, str] = {lemma: "verb:" + kind for lemma, kind in cues.verbs.items()}
    for key in ("nominal", "adjectives", "participial", "according_to", "direct_only"):
        for lemma in sorted(getattr(cues, key)):
            classes.setdefault(lemma, key)
    keys = numpy.array([get_string_id(k) for k in classes], dtype="uint64")
    values = numpy.array([get_string_id(v) for v in classes.values()], dtype="uint64")
    order = numpy.argsort(keys)
    return keys[order], values[order]


@lru_cache(maxsize=1)
def not_cue_lemmas() -> numpy.ndarray:
    """The hashes of the rules' ``not_cues`` (``data/cues.json``: acts that are no saying, writing,
    thinking or reporting: echo, embrace, cheer ...): never a cue of the model either (PolNeAR has too few of
    them to teach it that)."""
    from .cues import load_cues

    return numpy.array(sorted(get_string_id(lemma) for lemma in load_cues().not_cues), dtype="uint64")


def lexicon_class(lemmas: numpy.ndarray) -> numpy.ndarray:
    keys, values = lexicon()
    at = numpy.minimum(numpy.searchsorted(keys, lemmas), len(keys) - 1)
    return numpy.where(keys[at] == lemmas, values[at], numpy.uint64(0))


def rule_features(doc: Doc) -> tuple[numpy.ndarray, dict[int, tuple[int, int, int]]]:
    """What the rules (``presslens_quotes``: ``doc._.pl_quotes``, or ``user_data["pl_rule_quotes"]`` in the
    training corpus) say of each token: a value mixing whether it is a rule quote's cue (and which rule),
    where it lies in rule contents (first, inside, last; how deeply nested) and whether it is in a rule
    speaker; and per rule cue token, (content's first token, last token, rule hash)."""
    quotes = doc._.pl_quotes if Doc.has_extension("pl_quotes") and doc._.pl_quotes is not None else None
    if quotes is None:
        quotes = doc.user_data.get("pl_rule_quotes") or []
    n = len(doc)
    cue = numpy.zeros(n, dtype="uint64")
    first, last, inside, speaker = (numpy.zeros(n, dtype="uint64") for _ in range(4))
    spans: dict[int, tuple[int, int, int]] = {}

    def tokens(part: Any) -> tuple[int, int] | None:
        if not part:
            return None
        start, end = (part["start"], part["end"]) if isinstance(part, dict) else part
        span = doc.char_span(int(start), int(end), alignment_mode="expand")
        return (span.start, span.end) if span is not None and len(span) else None

    for q in quotes:
        content, cue_at, who = tokens(q.get("content")), tokens(q.get("cue")), tokens(q.get("speaker"))
        rule = get_string_id(str(q.get("rule")))
        if content is not None:
            first[content[0]] = 1
            last[content[1] - 1] = 1
            inside[content[0] : content[1]] += 1
        if cue_at is not None:
            root = doc[cue_at[0] : cue_at[1]].root.i
            cue[root] = rule
            if content is not None:
                spans[root] = (content[0], content[1] - 1, rule)
        if who is not None:
            speaker[who[0] : who[1]] = 1
    value = mix(cue, first, last * numpy.uint64(2), numpy.minimum(inside, 3), speaker)
    return value, spans


def mix_int(*vals: int) -> int:
    """``mix`` for Python ints (scalar features)."""
    h = 0x2545F4914F6CDD1D
    for v in vals:
        h = ((h ^ v) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    return h


def subtree_edges(head: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Each token's subtree's first and last token (spaCy's left_edge and right_edge), level by level."""
    left = numpy.arange(len(head), dtype="int64")
    right = left.copy()
    for _ in range(len(head)):
        new_left, new_right = left.copy(), right.copy()
        numpy.minimum.at(new_left, head, left)
        numpy.maximum.at(new_right, head, right)
        if numpy.array_equal(new_left, left) and numpy.array_equal(new_right, right):
            break
        left, right = new_left, new_right
    return left, right


def mix(*cols: Any) -> numpy.ndarray:
    """Combine uint64 columns (or scalars) into one hashed feature value; wraps around by design."""
    with numpy.errstate(over="ignore"):
        out = numpy.zeros_like(numpy.asarray(cols[0], dtype="uint64")) + numpy.uint64(0x2545F4914F6CDD1D)
        for c in cols:
            out = (out ^ numpy.asarray(c, dtype="uint64")) * MIX
    return out


class DocInfo:
    """What the features need of one Doc, computed once with array operations."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        self.doc, self.n = doc, n
        self._lists: tuple[list[int], list[int], list[int], list[int]] | None = None
        arr = doc.to_array([LOWER, LEMMA, TAG, DEP, ENT_TYPE, ENT_IOB, HEAD, SENT_START, ORTH, IS_SPACE, IDX,
                            LENGTH]).astype("uint64")
        self.idx = arr[:, 10].astype("int64")
        self.end = self.idx + arr[:, 11].astype("int64")
        self.orth = arr[:, 8]
        self.lower, self.lemma, self.tag, self.dep = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]
        self.ent = mix(arr[:, 4], arr[:, 5])
        idx = numpy.arange(n, dtype="int64")
        self.head = idx + arr[:, 6].astype("int64")
        self.space = arr[:, 9].astype(bool)
        starts = arr[:, 7].astype("int64") == 1
        # the white space between two blocks is a sentence of its own (structure/blocks.py): not counted
        starts[:-1] &= ~(self.space[:-1] & starts[1:])
        self.sent = numpy.cumsum(starts)
        self.left, self.right = subtree_edges(self.head)
        self.quote = numpy.zeros(n, dtype="uint64")
        self.para = numpy.zeros(n, dtype="int64")
        breaks = [int(i) for i in numpy.flatnonzero(self.space) if "\n" in doc[int(i)].text]
        for i in breaks:
            self.para[i:] += 1
        marks = numpy.flatnonzero(numpy.isin(arr[:, 8], MARK_IDS))
        events = sorted([(int(i), doc[int(i)].text) for i in marks] + [(i, "\n") for i in breaks])
        opened: int | None = None
        for i, text in events:
            if text == "\n":
                opened = None
            elif text in OPEN or (text == TOGGLE and opened is None):
                self.quote[i], opened = 2, i
            else:
                if opened is not None and i > opened + 1:
                    self.quote[opened + 1 : i] = 1
                self.quote[i], opened = 3, None
        self.rule_token, self.rule_span = rule_features(doc)
        # per paragraph, its first and last token (exclusive end)
        bounds = numpy.flatnonzero(numpy.diff(self.para)) + 1 if n else numpy.zeros(0, dtype="int64")
        self.para_lo = numpy.concatenate([[0], bounds]).astype("int64")
        self.para_hi = numpy.concatenate([bounds, [n]]).astype("int64")

    def char_span(self, i: int, j: int) -> dict[str, Any]:
        """Tokens i..j (without trailing white space, commas or semicolons) as a character span."""
        while j > i and (self.space[j] or self.orth[j] in TRAILING):
            j -= 1
        return {"start": int(self.idx[i]), "end": int(self.end[j]), "text": self.doc[i : j + 1].text}

    def children(self, i: int) -> list[int]:
        lo = int(self.left[i])
        kids = numpy.flatnonzero(self.head[lo : int(self.right[i]) + 1] == i) + lo
        return [int(k) for k in kids if k != i]

    def token_features(self) -> numpy.ndarray:
        """The (n, N_TOKEN_FEATS) uint64 token features."""
        n = self.n
        if n == 0:
            return numpy.zeros((0, N_TOKEN_FEATS), dtype="uint64")
        sent_start = numpy.concatenate([[1], numpy.diff(self.sent) != 0]).astype("uint64")
        sent_end = numpy.concatenate([numpy.diff(self.sent) != 0, [1]]).astype("uint64")
        para_first = (self.sent == self.sent[self.para_lo[self.para]]).astype("uint64")
        # the set of the children's relations, as one value: XOR of each distinct (head, relation)'s hash
        kids = numpy.zeros(n, dtype="uint64")
        nonroot = numpy.flatnonzero(self.head != numpy.arange(n))
        if len(nonroot):
            pairs = numpy.unique(numpy.stack([self.head[nonroot].astype("uint64"), self.dep[nonroot]], axis=1), axis=0)
            numpy.bitwise_xor.at(kids, pairs[:, 0].astype("int64"), mix(pairs[:, 1]))
        return numpy.stack([
            self.lower, self.lemma, self.tag, self.dep, self.ent,
            mix(self.lemma[self.head], self.dep, (self.head > numpy.arange(n)).astype("uint64")),
            mix(self.quote, sent_start, sent_end * numpy.uint64(2), para_first * numpy.uint64(4)),
            mix(self.lemma, kids),
            mix(lexicon_class(self.lemma), self.tag),
            self.rule_token,
        ], axis=1)

    def window(self, c: int, reach: int) -> tuple[int, int]:
        """The tokens a cue's content and source are looked for in: its paragraph, at most ``reach`` each side."""
        p = self.para[c]
        return max(int(self.para_lo[p]), c - reach), min(int(self.para_hi[p]), c + reach + 1)

    def tree_features(self, c: int, lo: int, hi: int) -> tuple[numpy.ndarray, numpy.ndarray]:
        """For each window token, its tree relation to cue c and whether it begins or ends c's branch."""
        if self._lists is None:
            self._lists = (self.head.tolist(), self.dep.tolist(), self.left.tolist(), self.right.tolist())
        head, dep, left, right = self._lists
        rel = numpy.full(hi - lo, CODES["out"], dtype="uint64")
        edge = numpy.full(hi - lo, CODES["none"], dtype="uint64")

        def paint(node: int, value: int) -> None:
            a, b = max(left[node], lo), min(right[node] + 1, hi)
            if a < b:
                rel[a - lo : b - lo] = value

        def mark(i: int, value: int) -> None:
            if lo <= i < hi:
                edge[i - lo] = value

        h1 = head[c]
        if h1 != c:
            if head[h1] != h1:
                paint(head[h1], CODES["up2"])
            for ch in self.children(h1):
                if ch != c:
                    paint(ch, mix_int(CODES["sib"], dep[c], dep[ch]))
            if lo <= h1 < hi:
                rel[h1 - lo] = mix_int(CODES["head"], dep[c])
            mark(left[h1], mix_int(CODES["head-l"], dep[c]))
            mark(right[h1], mix_int(CODES["head-r"], dep[c]))
        for ch in self.children(c):
            paint(ch, mix_int(CODES["sub"], dep[ch]))
            if lo <= ch < hi:
                rel[ch - lo] = mix_int(CODES["kid"], dep[ch])
            mark(left[ch], mix_int(CODES["edge-l"], dep[ch]))
            mark(right[ch], mix_int(CODES["edge-r"], dep[ch]))
        rel[c - lo] = CODES["self"]
        return rel, edge

    def rule_pairs(self, c: int, lo: int, hi: int) -> numpy.ndarray:
        """For each window token, where it lies in the content the rules give cue c (if they give one)."""
        out = numpy.zeros(hi - lo, dtype="uint64")
        span = self.rule_span.get(c)
        if span is None:
            return out
        s, e, rule = span
        pos = numpy.arange(lo, hi)
        out[:] = numpy.where(pos < s, 2, numpy.where(pos > e, 3, 4))
        for at, code in ((s, 5), (e, 6)):
            if lo <= at < hi:
                out[at - lo] = code if s != e else 7
        return mix(out, numpy.uint64(rule))


Layout = list[tuple[int, int, int, int]]  # per cue: (cue row, window's first row, first pair row, end pair row)


def pair_batch(infos: Sequence[DocInfo], cues: Sequence[Sequence[int]], reach: int) -> tuple[Any, Any, Layout, list[tuple[int, int, int]]]:
    """For cues in a batch of docs: pair rows (token row, cue row) into the batch's token matrix, their
    (P, N_PAIR_FEATS) features, the layout, and per cue (doc index, cue token, window start token)."""
    rows, rels, edges, rules, layout, where = [], [], [], [], [], []
    off = n_pairs = 0
    for d, (info, cs) in enumerate(zip(infos, cues, strict=True)):
        for c in cs:
            lo, hi = info.window(c, reach)
            rows.append(numpy.stack([numpy.arange(off + lo, off + hi), numpy.full(hi - lo, off + c)], axis=1))
            rel, edge = info.tree_features(c, lo, hi)
            rels.append(rel)
            edges.append(edge)
            rules.append(info.rule_pairs(c, lo, hi))
            layout.append((off + c, off + lo, n_pairs, n_pairs + hi - lo))
            where.append((d, c, lo))
            n_pairs += hi - lo
        off += info.n
    if not rows:
        return numpy.zeros((0, 2), dtype="int64"), numpy.zeros((0, N_PAIR_FEATS), dtype="uint64"), [], []
    P = numpy.concatenate(rows)
    rel = numpy.concatenate(rels)
    sent = numpy.concatenate([info.sent + 10_000 * k for k, info in enumerate(infos)])
    quote = numpy.concatenate([info.quote for info in infos])
    tok_rows, cue_rows = P[:, 0], P[:, 1]
    d = tok_rows - cue_rows
    bucket = numpy.sign(d) * numpy.minimum(numpy.ceil(numpy.log2(numpy.abs(d) + 1) * 2), 16)
    sent_off = numpy.clip(sent[tok_rows] - sent[cue_rows], -2, 2) + 2
    F = numpy.stack([
        rel, numpy.concatenate(edges), (bucket + 20).astype("uint64"),
        mix(sent_off.astype("uint64"), quote[tok_rows], quote[cue_rows]), numpy.concatenate(rules),
    ], axis=1)
    return P, F, layout, where


N_SPAN_FEATS = 3 * 4 + 9  # (before / after / around the cue) x (0, 1, 2, 3+ sentence boundaries); length


def softmax(x: numpy.ndarray) -> numpy.ndarray:
    e = numpy.exp(x - x.max())
    return e / e.sum()


@lru_cache(maxsize=256)
def span_grid(n: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Index grids of the n x n (start, end) table."""
    i, j = numpy.indices((n, n))
    return i, j


def span_cells(i: numpy.ndarray, j: numpy.ndarray, cue: int, sent: numpy.ndarray, max_len: int) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """For (start, end) index arrays: which are allowed spans, and their two weight indices."""
    where = numpy.where(j < cue, 0, numpy.where(i > cue, 1, 2))
    joint = where * 4 + numpy.clip(sent[j] - sent[i], 0, 3)
    length = 12 + numpy.minimum(numpy.ceil(numpy.log2(numpy.maximum(j - i, 0) + 1) * 1.5), 8).astype("int64")
    return (j >= i) & (j < i + max_len), joint, length


def best_span(start: numpy.ndarray, end: numpy.ndarray, cue: int, sent: numpy.ndarray, weights: numpy.ndarray,
              max_len: int, k: int = 8) -> tuple[int, int]:
    """The best content span (first, last window position) among the ``k`` best starts and ``k`` best ends
    (the full table of ``span_scores`` when the window is small or none of those pairs is allowed)."""
    n = len(start)
    if n > 2 * k:
        i = numpy.argpartition(-start, k - 1)[:k][:, None]
        j = numpy.argpartition(-end, k - 1)[:k][None, :]
        valid, joint, length = span_cells(i, j, cue, sent, max_len)
        m = numpy.where(valid, start[i] + end[j] + weights[joint] + weights[length], -numpy.inf)
        at = numpy.unravel_index(int(numpy.argmax(m)), m.shape)
        if numpy.isfinite(m[at]):
            return int(i[at[0], 0]), int(j[0, at[1]])
    m, _, _ = span_scores(start, end, cue, sent, weights, max_len)
    first, last = divmod(int(numpy.argmax(m)), n)
    return first, last


def span_scores(start: numpy.ndarray, end: numpy.ndarray, cue: int, sent: numpy.ndarray, weights: numpy.ndarray,
                max_len: int) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """The (n, n) scores of content spans (start i, end j) in a cue's window (cue at position ``cue``, -inf
    where not allowed) and the two weight indices of each cell."""
    n = len(start)
    i, j = span_grid(n)
    valid, joint, length = span_cells(i, j, cue, sent, max_len)
    m = start[:, None] + end[None, :] + weights[joint] + weights[length]
    return numpy.where(valid, m, -numpy.inf), joint, length
