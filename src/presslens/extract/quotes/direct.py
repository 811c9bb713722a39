"""Direct (and mixed) quotes: each quoted stretch with its cue before (``He added, "..."``, ``X said: "..."``)
or after (``"...," he said.``), a colon or dash speaker, the speaker of the quote before it (a continuation),
or the person last salient; a quote inside a cue's reported clause with other words is mixed."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ...record.types import Quote
from ..common import fold_name
from .clauses import cue_kind, subject_of
from .content import (
    adjacent_quote,
    content_clause,
    cover_fragments,
    cue_span,
    cut_tail,
    fragments,
    words_outside,
)
from .found import Found, continued_speaker
from .marks import DOUBLE_CLOSE, SINGLE_CLOSE, STRAIGHT_DOUBLE, STRAIGHT_SINGLE, Quoted, sentence_end, trim
from .speakers import Resolved, resolve_speaker

TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,2}):\s")
MIN_QUOTE_CHARS = 20
SIGNATURE_DASHES = frozenset({"―", "—", "–", "--"})  # before the name that signs a quotation
CLOSING_MARKS = DOUBLE_CLOSE | SINGLE_CLOSE | {STRAIGHT_DOUBLE, STRAIGHT_SINGLE}
MAX_TRAILER_GAP = 8
MAX_NAME_TRAILER = 16  # tokens of a name and its titles before a trailing cue
CONTINUATION_BLOCKS = 2


def direct_quotes(f: Found) -> None:
    """Every top-level quoted stretch that makes a quote, in text order."""
    prev: Quote | None = None
    prev_block = -10
    for qi, q in enumerate(f.ctx.tops):
        block = q["block"]
        made = one_quote(f, qi, q, prev if block - prev_block <= CONTINUATION_BLOCKS else None)
        if made is not None:
            prev, prev_block = made, block


def one_quote(f: Found, qi: int, q: Quoted, prev: Quote | None) -> Quote | None:
    """The quote the ``qi``-th quoted stretch makes, or None (a title, a scare quote, a repeat)."""
    ctx = f.ctx
    lead = window_tokens(f, *leader_range(f, qi, q))
    trail = window_tokens(f, *trailer_range(f, qi, q))
    lead_words = [t for t in lead if t.is_alpha]
    cue: Token | None = None
    if lead_words:
        cands = [t for t in lead if cue_kind(t, ctx.cues)]
        if cands:
            cue = cands[-1]
    if cue is None:
        cands = [t for t in trail[: MAX_TRAILER_GAP + 1] if cue_kind(t, ctx.cues)]
        ended = ctx.text[q["start"] : q["end"]].rstrip()[-1:] == "."  # '"... across Britain." BBC correspondent X at Y said'
        cue = cands[0] if cands else None if ended else _cue_after_name(f, trail)
    long_enough = q["end"] - q["start"] >= MIN_QUOTE_CHARS and len(ctx.text[q["start"] : q["end"]].split()) >= 4
    if cue is None:
        return _uncued(f, q, prev, lead, trail, long_enough)
    in_clause, mixed = _mixed(f, q, cue)
    if in_clause:
        return mixed
    closing = ctx.text[q["end"] - 1 : q["end"]] + ctx.text[ctx.q_hi[qi] : ctx.q_hi[qi] + 1]
    if not long_enough and (q["single"] or lead_words or not any(c in closing for c in ",?!")):
        # a short quoted word or phrase beside a cue but not its clause: a scare quote
        return None
    if f.overlaps_existing(q["start"], q["end"]):
        return None
    f.used_cues.add(cue.i)
    sp, addr = f.speaker(cue, subject_of(cue, ctx.cues))
    if sp is None and prev is not None and prev.get("speaker") and cue.lemma_.lower() in ("add", "continue"):
        sp = continued_speaker(prev)
    group = f.cue_groups.get(cue.i)
    made = f.emit("direct", (q["start"], q["end"]), cue_span(cue), sp, addr, group=group)
    if made is not None:
        f.cue_groups[cue.i] = f.group_of(made)
    return made


def _uncued(f: Found, q: Quoted, prev: Quote | None, lead: list[Token], trail: list[Token], long_enough: bool) -> Quote | None:
    """A quoted stretch with no cue: a colon or dash speaker, a continuation, or the salient person."""
    if prev is not None and second_piece(f, q, prev):
        sp = continued_speaker(prev) if prev.get("speaker") else None
        return f.emit("direct", (q["start"], q["end"]), None, sp, group=f.group_of(prev), rule="continuation")
    if not long_enough or q["single"] or title_like(f, q):
        return None
    if f.overlaps_existing(q["start"], q["end"]):
        return None
    colon = transcript_speaker(f, q) or colon_speaker(f, lead) or dash_speaker(f, trail) or signature_speaker(f, q)
    if colon is not None:
        return f.emit("direct", (q["start"], q["end"]), None, colon)
    announced = announcing_cue(f, q) if not lead else None
    if announced is not None:
        sp, addr = f.speaker(announced, subject_of(announced, f.ctx.cues))
        if sp is not None:
            f.used_cues.add(announced.i)
            return f.emit("direct", (q["start"], q["end"]), cue_span(announced), sp, addr)
    person = f.salience.latest_person(q["open"] if q["open"] is not None else q["start"])
    prev_speaker = prev["speaker"] if prev is not None else None
    newcomer = (
        person is not None
        and prev is not None
        and person[1].idx > prev["content"]["end"]
        and person[0] != (prev_speaker["entity"] if prev_speaker else None)
        and not _in_attribution(f, person[1], prev)
    )
    if prev is not None and prev.get("speaker") and not newcomer:
        res = continued_speaker(prev)
        return f.emit("direct", (q["start"], q["end"]), None, res, group=f.group_of(prev))
    if person is not None:
        res = resolve_speaker(person[1], f.ctx.index, f.salience, None, "salient-person")
        res["rule"] = "salient-person"
        return f.emit("direct", (q["start"], q["end"]), None, res)
    return f.emit("direct", (q["start"], q["end"]), None, None, rule="no-cue")


def second_piece(f: Found, q: Quoted, prev: Quote) -> bool:
    """Whether a quoted sentence is the second piece of the quote just before it, split by its cue's sentence
    alone ("“Here he is, babe,” she said. “Donald’s here, babe.”"): one attribution, however short, and even
    when it looks like a title ("“The Donald. Big Daddy.”"); the cue's sentence may run to ``CUE_SENTENCE_WORDS``."""
    ctx = f.ctx
    cue = prev.get("cue")
    words = ctx.text[q["start"] : q["end"]].split()
    if q["single"] or cue is None or prev["kind"] != "direct" or len(words) < 2 or q["open"] is None:
        return False
    if not words[-1].endswith((".", "!", "?")) or ctx.block_of(prev["content"]["start"]) != q["block"]:
        return False
    i = next((k for k, x in enumerate(ctx.tops) if x is q), 0)
    before = ctx.tops[i - 1] if i > 0 else None
    if before is None or before["start"] != prev["content"]["start"] or before["close"] is None:
        return False
    gap = ctx.text[before["close"] + 1 : q["open"]].rstrip()  # ", she said of ....": one sentence, the cue's
    return (before["close"] < cue["start"] < q["open"] and len(gap.split()) <= CUE_SENTENCE_WORDS and gap.endswith(".")
            and "." not in gap[:-1])


CUE_SENTENCE_WORDS = 40  # the longest cue sentence between two pieces of one quote


def _in_attribution(f: Found, tok: Token, prev: Quote) -> bool:
    """Whether a person named after the quote before sits in that quote's own attribution sentence ("..., he
    said, after President Trump called the plan final"), or in a clause under another: then the person is no
    newcomer who takes the floor, and a cue-less quote after them still carries on the quote before."""
    sal = f.salience
    here = sal.sent_index(tok.idx)
    cue = prev.get("cue")
    marks = [prev["content"]["end"] - 1] + ([cue["start"]] if cue else [])
    if any(sal.sent_index(c) == here for c in marks):
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ not in ("ROOT", "conj")


def _mixed(f: Found, q: Quoted, cue: Token) -> tuple[bool, Quote | None]:
    """Whether the quoted stretch sits in the cue's reported clause with other words (``stressed that the IRGC
    "will never ..."``), and the mixed quote that clause makes (None when it would repeat one)."""
    ctx = f.ctx
    clause = content_clause(ctx, cue)
    if clause is None:
        return False, None
    cs, ce = trim(ctx.text, *cut_tail(ctx, clause[0], clause[1], cue=cue))  # "stressed X ... and said ...": not its
    ce = adjacent_quote(ctx, ce)  # "calling the plan “a welfare payment.”": the parse leaves the fragment out
    if not (cs <= q["start"] and q["end"] <= ce + 1):
        return False, None
    if words_outside(ctx, cs, ce) < 2:
        return False, None
    ce = cover_fragments(ctx, cs, ce)
    if f.overlaps_existing(cs, ce):
        return True, None
    frags = fragments(ctx, cs, ce)
    f.used_cues.add(cue.i)
    sp, addr = f.speaker(cue, subject_of(cue, ctx.cues))
    return True, f.emit("mixed", (cs, ce), cue_span(cue), sp, addr, frags)


def _cue_after_name(f: Found, trail: list[Token]) -> Token | None:
    """The cue after a long name and title behind a quote (``"...," panel Chairman Rep. Jason Chaffetz
    (R-Utah) said``, ``"...," Vann R. Newkirk II, a writer for The Atlantic, said``): the first verb, when only
    names, titles, their prepositions and their punctuation stand before it, or a cue right after the comma
    that closes what is set off after the name (``"...," Trent Lott, who was majority leader under Bush, said``)."""
    commas, prev = 0, None
    for t in trail[: MAX_NAME_TRAILER + 1]:
        aside = commas % 2 == 1  # between the commas of an apposition or a relative clause after the name
        if t.pos_ in ("VERB", "AUX"):
            if cue_kind(t, f.ctx.cues) and (not aside or prev is not None and prev.text == ","):
                return t
            if aside:
                prev = t
                continue  # "Trent Lott, who was majority leader under Bush, said", "Mr. Daniloff, now retired in ..., said"
            return None
        if t.text == ",":
            commas += 1
        elif not (aside or t.pos_ in ("PROPN", "PUNCT", "NOUN", "DET", "ADJ", "SPACE", "ADP") or t.text[:1].isupper()):
            return None
        if not t.is_space:
            prev = t
    return None


def announcing_cue(f: Found, q: Quoted) -> Token | None:
    """The cue of a paragraph that announces the quote opening the next one (``He said:`` / ``The Times
    reports:``): the last cue of the block before, when that block ends with a colon."""
    ctx = f.ctx
    bi = q["block"]
    if bi == 0 or (q["open"] if q["open"] is not None else q["start"]) - ctx.blocks[bi][0] > 2:
        return None
    ps, pe = ctx.blocks[bi - 1]
    if not ctx.text[ps:pe].rstrip().endswith(":"):
        return None
    cands = [t for t in ctx.tokens(ps, pe) if ps <= t.idx < pe and not ctx.in_quote(t.idx) and cue_kind(t, ctx.cues)]
    return cands[-1] if cands else None


def window_tokens(f: Found, start: int, end: int) -> list[Token]:
    return [t for t in f.ctx.tokens(start, end) if start <= t.idx < end and not f.ctx.in_quote(t.idx)]


def leader_range(f: Found, qi: int, q: Quoted) -> tuple[int, int]:
    """The words before a quoted stretch where its cue may stand: back to the sentence's start, or the
    quote before it in the paragraph."""
    ctx = f.ctx
    block = ctx.blocks[q["block"]]
    open_at = q["open"] if q["open"] is not None else q["start"]
    lo = block[0]
    if qi > 0 and ctx.tops[qi - 1]["block"] == q["block"]:
        lo = max(lo, ctx.q_hi[qi - 1])
    text = ctx.text
    for i in range(open_at - 1, lo, -1):
        if sentence_end(text, i, lo, ctx.cues.abbreviations):
            lo = i + 1
            break
    return lo, open_at


def trailer_range(f: Found, qi: int, q: Quoted) -> tuple[int, int]:
    """The words after a quoted stretch where its cue may stand: up to the sentence's end, or the next quote."""
    ctx = f.ctx
    block = ctx.blocks[q["block"]]
    lo = ctx.q_hi[qi]
    hi = block[1]
    if qi + 1 < len(ctx.tops) and ctx.tops[qi + 1]["block"] == q["block"]:
        hi = min(hi, ctx.q_lo[qi + 1])
    text = ctx.text
    for i in range(lo, hi):
        if sentence_end(text, i, lo, ctx.cues.abbreviations) and (i + 1 >= hi or text[i + 1].isspace()):
            hi = i + 1
            break
    return lo, hi


def title_like(f: Found, q: Quoted) -> bool:
    """A quoted title ("The Nightly Show with Larry Wilmore"): short and mostly capitalised words."""
    words = [w for w in f.ctx.text[q["start"] : q["end"]].split() if w[:1].isalpha()]
    caps = sum(1 for w in words if w[:1].isupper())
    return len(words) <= 10 and caps >= 0.6 * max(1, len(words)) and len(words) >= 2


def colon_speaker(f: Found, lead: list[Token]) -> Resolved | None:
    """``Trump on Twitter: "..."``: a leader that ends with a colon and starts with a name."""
    words = [t for t in lead if not t.is_space]
    if len(words) < 2 or words[-1].text != ":":
        return None
    first = words[0]
    if len(words) > 3 and first.lower_ == "according" and words[1].lower_ == "to":
        # "According to the Interior Ministry: “...”": the source named after "according to"
        inner = [t for t in words[2:-1] if not t.is_punct]
        head = next((t for t in inner if t.head.i == words[1].i or not (words[2].i <= t.head.i < words[-1].i)), None)
        return resolve_speaker(head, f.ctx.index, f.salience, None, "according-to") if head is not None else None
    if first.pos_ in ("PROPN", "PRON") or first.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        head = first
        while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.i < words[-1].i:
            head = head.head
        return resolve_speaker(head, f.ctx.index, f.salience, None, "colon")
    return None


def transcript_speaker(f: Found, q: Quoted) -> Resolved | None:
    """``"PENCE: Well, look, ..."``: a transcript's speaker label in capitals at the start of the quoted text."""
    m = TRANSCRIPT_LABEL.match(f.ctx.text, q["start"], q["end"])
    if m is None:
        return None
    ss, se = m.span(1)
    ent = f.ctx.index.canonical_at(ss, se)
    eid = f.ctx.index.canonical(str(ent["id"])) if ent else f.ctx.index.names.get(fold_name(m.group(1)))
    return {"entity": f.ctx.index.canonical(eid), "text": m.group(1), "start": ss, "end": se, "rule": "transcript", "anonymous": False}


def signature_speaker(f: Found, q: Quoted) -> Resolved | None:
    """The name that signs the paragraph a quoted stretch stands in (``"..." ― Christina Lastra.`` at the
    paragraph's end): a reader's or a witness's words in a list of them, however the marks inside pair."""
    ctx = f.ctx
    block = ctx.blocks[q["block"]]
    tail = [t for t in ctx.tokens(max(q["end"], block[1] - 80), block[1]) if t.idx >= q["end"] and not t.is_space]
    dash = next((k for k in range(len(tail) - 1, -1, -1) if signs(tail[k])), None)
    if dash is None or tail[dash].text not in SIGNATURE_DASHES and dash > 0:
        return None
    if tail[dash].text in SIGNATURE_DASHES and ctx.text[: tail[dash].idx].rstrip()[-1:] not in CLOSING_MARKS:
        return None
    name = [t for t in tail[dash + 1 :] if t.text != "."]
    if not name or len(name) > 5 or not all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in name):
        return None
    return dash_speaker(f, tail[dash:])


def signs(tok: Token) -> bool:
    """Whether a token is the dash before a quotation's signature, alone or glued to the closing mark (the
    tokenizer keeps ``”―`` in ``...nothing about.”― Pamela Padilla`` as one token)."""
    text = tok.text
    return text in SIGNATURE_DASHES or len(text) == 2 and text[0] in CLOSING_MARKS and text[1] in SIGNATURE_DASHES


def dash_speaker(f: Found, trail: list[Token]) -> Resolved | None:
    """``"..." ― Julie A. Diaz Martinez.``: a name after a dash right behind the closing mark."""
    words = [t for t in trail if not t.is_space]
    if len(words) < 2 or not signs(words[0]):
        return None
    first = words[1]
    if first.pos_ != "PROPN" and first.ent_type_ not in ("PERSON", "ORG"):
        return None
    head = first
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return resolve_speaker(head, f.ctx.index, f.salience, None, "dash")
