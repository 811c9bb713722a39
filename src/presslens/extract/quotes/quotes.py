"""Who said what: direct, mixed and indirect quotes with resolved speakers.

``find_quotes(doc)`` reads the parse already on the Doc (no re-parsing) and the entities of
``doc._.pl_entities``, and returns plain dicts (the record's ``quotes[]``):

- **direct**: a quoted stretch (``quotemarks.find_quoted``) with its cue before (``He added, "..."``,
  ``..., saying, "..."``, ``X said: "..."``) or after (``"...," he said.``); content excludes the marks;
- **mixed**: a reported clause of a cue verb that holds a quoted fragment (``stressed that the IRGC "will
  never ..."``); ``fragments`` lists the quoted parts;
- **indirect**: a cue verb's clause (``X said (that) ...``, ``... , sources said``, ``urged them to ...``),
  ``according to X, ...``, and noun cues (``his claim that ...``);
- **continuations**: a quote with no cue of its own belongs to the speaker of the quote just before it in
  the same paragraph or the one or two before (``rule: continuation``).

Speakers are resolved by ``speakers.py`` (names, pronouns, role phrases, unnamed sources). Each quote says
which rule decided its speaker. The cue lexicon is data: ``data/cues.json``.
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Token

from ...errors import error
from ..common import block_ranges, noun_phrase, span_dict
from .clauses import Context, addressee_of, cue_kind, subject_of
from .cues import CUES
from .marks import Quoted, sentence_end, trim
from .speakers import Resolved, Salience, resolve_speaker

CONTENT_DEPS = ("ccomp", "xcomp")
OBJECT_STOP = frozenset({"appos"})
TIME_PREPS = frozenset({"after", "before", "during", "since", "until", "amid"})
VERB_STOP = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "npadvmod", "nsubj", "dep"})
OBJECT_POS = ("NOUN", "PROPN", "NUM", "VERB", "ADJ")
MIN_QUOTE_CHARS = 20
MIN_INDIRECT_CHARS = 4
TAIL_PUNCT = frozenset({",", "—", "–", "--", ";"})
FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})
MAX_TRAILER_GAP = 8
CONTINUATION_BLOCKS = 2
# a headline "Graham: Trump's rhetoric destroying GOP's chances": a short capitalised source, a colon, a claim
TITLE_SOURCE_WORDS = 4
TITLE_STOP = frozenset({
    "the", "breaking", "revealed", "exclusive", "watch", "look", "update", "updated", "live", "video", "photos",
    "opinion", "analysis", "editorial", "byline", "report", "review", "paid", "delegate", "podcast", "listen",
})


class Finder:
    """Runs the rules over one Doc and collects quotes."""

    def __init__(self, doc: Doc) -> None:
        self.ctx = Context(doc)
        self.doc = doc
        self.quotes: list[dict[str, Any]] = []
        self.used_cues: set[int] = set()
        self.cue_groups: dict[int, int] = {}
        self.cues: list[tuple[Token, str]] = []
        if self.ctx.parsed:
            for sent in self.ctx.sents:
                for tok in sent:
                    if self.ctx.in_quote(tok.idx) or not self.ctx.in_body(tok.idx):
                        continue
                    kind = cue_kind(tok)
                    if kind is None and tok.pos_ == "ADJ" and tok.lemma_.lower() in CUES["adjectives"] and tok.dep_ in ("acomp", "oprd", "ccomp"):
                        kind = "cognition"
                    if kind:
                        self.cues.append((tok, kind))
        # a headline's reported clause ("Poll Finds Clinton Would Beat Trump"); not its objects, which in a
        # headline are mostly the story's topic ("IRGC Reiterates Iran's Support for Palestine")
        self.title_cues: set[int] = set()
        if self.ctx.parsed:
            for start, end, _ in block_ranges(doc, {"title"}, without_blocks="nothing"):
                for tok in self.ctx.tokens(start, end):
                    if start <= tok.idx < end and cue_kind(tok) and any(c.dep_ in CONTENT_DEPS for c in tok.children):
                        self.cues.append((tok, str(cue_kind(tok))))
                        self.title_cues.add(tok.i)
        self.salience = Salience(self.ctx.sents, self.ctx.index, self.ctx.in_quote)
        for tok, _ in self.cues:
            subj = subject_of(tok)
            if subj is not None:
                self.salience.speaker_tokens.add(subj.i)
        self.salience.build()

    # ---- speakers -------------------------------------------------------------------------------
    def speaker(self, cue: Token | None, subj: Token | None, rule: str = "cue-subject") -> tuple[Resolved | None, Token | None]:
        addressee = addressee_of(cue) if cue is not None else None
        exclude: set[str] = set()
        if addressee is not None:
            ent = self.ctx.index.canonical_at(addressee.idx, addressee.idx + len(addressee.text))
            if ent:
                exclude.add(str(self.ctx.index.canonical(str(ent["id"]))))
        if subj is None:
            return None, addressee
        return resolve_speaker(subj, self.ctx.index, self.salience, exclude, rule), addressee

    def addressee_dict(self, tok: Token | None) -> dict[str, Any] | None:
        if tok is None:
            return None
        span = noun_phrase(tok)
        ent = self.ctx.index.canonical_at(tok.idx, tok.idx + len(tok.text))
        return {
            "entity": self.ctx.index.canonical(str(ent["id"])) if ent else None,
            "text": span.text,
            "start": span.start_char,
            "end": span.end_char,
        }

    # ---- emitting -------------------------------------------------------------------------------
    def emit(
        self,
        kind: str,
        content: tuple[int, int],
        cue: tuple[int, int] | None,
        speaker: Resolved | None,
        addressee: Token | None = None,
        fragments: list[tuple[int, int]] | None = None,
        rule: str | None = None,
        group: int | None = None,
    ) -> dict[str, Any] | None:
        text = self.ctx.text
        start, end = content
        if end <= start:
            return None
        q: dict[str, Any] = {
            "id": "",
            "kind": kind,
            "speaker": (
                {"entity": speaker["entity"], "text": speaker["text"], "start": speaker["start"], "end": speaker["end"]}
                if speaker
                else None
            ),
            "cue": span_dict(text, cue[0], cue[1]) if cue else None,
            "content": span_dict(text, start, end),
            "addressee": self.addressee_dict(addressee),
            "rule": rule or (speaker["rule"] if speaker else "no-speaker"),
            "anonymous": bool(speaker and speaker["anonymous"]),
        }
        if kind == "mixed":
            q["fragments"] = [span_dict(text, s, e) for s, e in (fragments or [])]
        q["_group"] = group if group is not None else len(self.quotes)
        self.quotes.append(q)
        return q

    def overlaps_existing(self, start: int, end: int, share: float = 0.5) -> bool:
        """Whether a content would repeat one already found. (Nested attributions, a cue inside another's
        content, are not kept: on PolNeAR train they cost more precision than they bring recall.)"""
        for q in self.quotes:
            c = q["content"]
            ov = min(end, c["end"]) - max(start, c["start"])
            if ov > 0 and ov >= share * min(end - start, c["end"] - c["start"]):
                return True
        return False

    # ---- direct and mixed -----------------------------------------------------------------------
    def direct(self) -> None:
        prev: dict[str, Any] | None = None
        prev_block = -10
        for qi, q in enumerate(self.ctx.tops):
            block = q["block"]
            made = self.one_quote(qi, q, prev if block - prev_block <= CONTINUATION_BLOCKS else None)
            if made is not None:
                prev, prev_block = made, block

    def window_tokens(self, start: int, end: int) -> list[Token]:
        return [t for t in self.ctx.tokens(start, end) if start <= t.idx < end and not self.ctx.in_quote(t.idx)]

    def leader_range(self, qi: int, q: Quoted) -> tuple[int, int]:
        block = self.ctx.blocks[q["block"]]
        open_at = q["open"] if q["open"] is not None else q["start"]
        lo = block[0]
        if qi > 0 and self.ctx.tops[qi - 1]["block"] == q["block"]:
            lo = max(lo, self.ctx.q_hi[qi - 1])
        text = self.ctx.text
        for i in range(open_at - 1, lo, -1):
            if sentence_end(text, i, lo):
                lo = i + 1
                break
        return lo, open_at

    def trailer_range(self, qi: int, q: Quoted) -> tuple[int, int]:
        block = self.ctx.blocks[q["block"]]
        lo = self.ctx.q_hi[qi]
        hi = block[1]
        if qi + 1 < len(self.ctx.tops) and self.ctx.tops[qi + 1]["block"] == q["block"]:
            hi = min(hi, self.ctx.q_lo[qi + 1])
        text = self.ctx.text
        for i in range(lo, hi):
            if sentence_end(text, i, lo) and (i + 1 >= hi or text[i + 1].isspace()):
                hi = i + 1
                break
        return lo, hi

    def one_quote(self, qi: int, q: Quoted, prev: dict[str, Any] | None) -> dict[str, Any] | None:
        ctx = self.ctx
        lead = self.window_tokens(*self.leader_range(qi, q))
        trail = self.window_tokens(*self.trailer_range(qi, q))
        lead_words = [t for t in lead if t.is_alpha]
        cue: Token | None = None
        if lead_words:
            cands = [t for t in lead if cue_kind(t)]
            if cands:
                cue = cands[-1]
        if cue is None:
            cands = [t for t in trail[: MAX_TRAILER_GAP + 1] if cue_kind(t)]
            if cands:
                cue = cands[0]
        long_enough = q["end"] - q["start"] >= MIN_QUOTE_CHARS and len(ctx.text[q["start"] : q["end"]].split()) >= 4
        if cue is None:
            if not long_enough or q["single"] or self.title_like(q):
                return None
            if self.overlaps_existing(q["start"], q["end"]):
                return None
            colon = self.colon_speaker(lead) or self.dash_speaker(trail)
            if colon is not None:
                return self.emit("direct", (q["start"], q["end"]), None, colon)
            person = self.salience.latest_person(q["open"] if q["open"] is not None else q["start"])
            newcomer = (
                person is not None
                and prev is not None
                and person[1].idx > prev["content"]["end"]
                and person[0] != (prev.get("speaker") or {}).get("entity")
            )
            if prev is not None and prev.get("speaker") and not newcomer:
                res = self.continued_speaker(prev)
                return self.emit("direct", (q["start"], q["end"]), None, res, group=prev["_group"])
            if person is not None:
                res = resolve_speaker(person[1], ctx.index, self.salience, None, "salient-person")
                res["rule"] = "salient-person"
                return self.emit("direct", (q["start"], q["end"]), None, res)
            return self.emit("direct", (q["start"], q["end"]), None, None, rule="no-cue")
        # a cue: mixed when the quote sits inside the cue's reported clause with other words
        clause = self.content_clause(cue)
        if clause is not None:
            cs, ce = trim(self.ctx.text, clause[0], clause[1])
            if cs <= q["start"] and q["end"] <= ce + 1:
                outside = [
                    t for t in ctx.tokens(cs, ce)
                    if t.is_alpha and not ctx.in_quote(t.idx) and t.lower_ not in ("that", "whether", "if")
                ]
                if len(outside) >= 2:
                    ce = self.cover_fragments(cs, ce)
                    if self.overlaps_existing(cs, ce):
                        return None
                    frags = self.fragments(cs, ce)
                    self.used_cues.add(cue.i)
                    sp, addr = self.speaker(cue, subject_of(cue))
                    return self.emit("mixed", (cs, ce), self.cue_span(cue), sp, addr, frags)
        closing = self.ctx.text[q["end"] - 1 : q["end"]] + self.ctx.text[self.ctx.q_hi[qi] : self.ctx.q_hi[qi] + 1]
        if not long_enough and (q["single"] or lead_words or not any(c in closing for c in ",?!")):
            # a short quoted word or phrase beside a cue but not its clause: a scare quote
            return None
        if self.overlaps_existing(q["start"], q["end"]):
            return None
        self.used_cues.add(cue.i)
        sp, addr = self.speaker(cue, subject_of(cue))
        if sp is None and prev is not None and prev.get("speaker") and cue.lemma_.lower() in ("add", "continue"):
            sp = self.continued_speaker(prev)
        group = self.cue_groups.get(cue.i)
        made = self.emit("direct", (q["start"], q["end"]), self.cue_span(cue), sp, addr, group=group)
        if made is not None:
            self.cue_groups[cue.i] = made["_group"]
        return made

    def title_like(self, q: Quoted) -> bool:
        """A quoted title ("The Nightly Show with Larry Wilmore"): short and mostly capitalised words."""
        words = [w for w in self.ctx.text[q["start"] : q["end"]].split() if w[:1].isalpha()]
        caps = sum(1 for w in words if w[:1].isupper())
        return len(words) <= 10 and caps >= 0.6 * max(1, len(words)) and len(words) >= 2

    @staticmethod
    def continued_speaker(prev: dict[str, Any]) -> Resolved:
        """The speaker of the quote before, for a quote that carries it on."""
        sp = prev["speaker"]
        return {
            "entity": sp["entity"], "text": sp["text"], "start": sp["start"], "end": sp["end"],
            "rule": "continuation", "anonymous": bool(prev.get("anonymous")),
        }

    def cover_fragments(self, start: int, end: int) -> int:
        """Extend a clause's end over a quoted fragment that starts inside it, closing mark included."""
        for j, x in enumerate(self.ctx.tops):
            if start <= x["start"] < end < self.ctx.q_hi[j]:
                end = self.ctx.q_hi[j]
        return end

    def cut_tail(self, start: int, end: int) -> tuple[int, int]:
        """End a reported clause before an appended participle that is the reporting subject's next act
        (``..., telling reporters ...``, ``..., referring to ...``) or a source phrase (``..., according to ...``)."""
        toks = [t for t in self.ctx.tokens(start, end) if start <= t.idx < end]
        for k, t in enumerate(toks[:-1]):
            if k < 3 or t.text not in TAIL_PUNCT or self.ctx.in_quote(t.idx):
                continue
            nxt = toks[k + 1]
            if (nxt.tag_ == "VBG" and nxt.dep_ in ("advcl", "xcomp", "acl", "conj")) or (
                nxt.lower_ == "according" and k + 2 < len(toks) and toks[k + 2].lower_ == "to"
            ):
                return start, t.idx
        return start, end

    def adjacent_quote(self, end: int) -> int:
        """Extend a content over a quoted fragment that opens right after it (``called Trump "unhinged."``):
        the parse often leaves the quoted predicate out of the object."""
        i = bisect.bisect_left(self.ctx.q_lo, end)
        if i < len(self.ctx.tops) and not self.ctx.text[end : self.ctx.q_lo[i]].strip():
            return self.ctx.q_hi[i]
        return end

    def fragments(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quoted stretches (top level) inside a reported clause."""
        return [(x["start"], x["end"]) for x in self.ctx.tops if start <= x["start"] and x["end"] <= end]

    def colon_speaker(self, lead: list[Token]) -> Resolved | None:
        """``Trump on Twitter: "..."``: a leader that ends with a colon and starts with a name."""
        words = [t for t in lead if not t.is_space]
        if len(words) < 2 or words[-1].text != ":":
            return None
        first = words[0]
        if first.pos_ in ("PROPN", "PRON") or first.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            head = first
            while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.i < words[-1].i:
                head = head.head
            return resolve_speaker(head, self.ctx.index, self.salience, None, "colon")
        return None

    def dash_speaker(self, trail: list[Token]) -> Resolved | None:
        """``"..." ― Julie A. Diaz Martinez.``: a name after a dash right behind the closing mark."""
        words = [t for t in trail if not t.is_space]
        if len(words) < 2 or words[0].text not in ("―", "—", "–", "--"):
            return None
        first = words[1]
        if first.pos_ != "PROPN" and first.ent_type_ not in ("PERSON", "ORG"):
            return None
        head = first
        while head.dep_ in ("compound", "flat") and head.head.i > head.i:
            head = head.head
        return resolve_speaker(head, self.ctx.index, self.salience, None, "dash")

    def cue_span(self, cue: Token) -> tuple[int, int]:
        end = cue.idx + len(cue.text)
        for child in cue.children:
            if child.dep_ == "prt" and child.i == cue.i + 1:
                end = child.idx + len(child.text)
        return cue.idx, end

    def content_clause(self, cue: Token) -> tuple[int, int] | None:
        """The character range a cue verb reports, or None. In order: its clause (``said (that) ...``,
        ``urged them to ...``), its object (``denied the report``; not for tell-verbs, whose object is the
        addressee), a topic phrase (``talked about ...``, ``called for ...``), and the clause it interrupts
        (``X happened, officials said`` parsed with the cue under the clause)."""
        lemma = cue.lemma_.lower()
        tell = CUES["verbs"].get(lemma) == "tell"
        for child in cue.children:
            if child.dep_ in CONTENT_DEPS and len(list(child.subtree)) >= 2:
                start = child.left_edge
                if (child.dep_ == "xcomp" or not any(g.dep_.startswith("nsubj") for g in child.children)) and not tell:
                    # "urged the industry to do more": the object is part of what was urged
                    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i < child.i), None)
                    start = obj.left_edge if obj is not None else start
                return start.idx, child.right_edge.idx + len(child.right_edge.text)
        for child in cue.rights:
            # "calling for the United States to step up ...": a for-to clause
            mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ == "for" and g.i == child.left_edge.i), None)
            if child.dep_ == "advcl" and mark is not None and mark.i + 1 < child.i:
                nxt = self.doc[mark.i + 1]
                return nxt.idx, child.right_edge.idx + len(child.right_edge.text)
        if not tell:
            for child in cue.children:
                if child.dep_ == "dobj" and child.pos_ in OBJECT_POS and child.lower_ not in CUES["unreliable_subjects"]:
                    return self.object_range(cue, child)
                if child.dep_ == "dobj" and child.pos_ == "PRON" and child.lower_ not in CUES["unreliable_subjects"]:
                    # "called him a liar", "calling her “a total stiff”": the pronoun and what is said of it
                    lo, hi = self.object_range(cue, child)
                    hi = self.adjacent_quote(hi)
                    if hi - child.idx > len(child.text) + 2:
                        return lo, hi
            for child in cue.rights:
                if child.dep_ == "prep" and child.lower_ in CUES["prep_content"]:
                    pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                    if pobj is not None and pobj.pos_ != "PRON":
                        return self.object_range(cue, pobj)
        if cue.dep_ in ("parataxis", "ccomp", "advcl") and cue.head.i < cue.i and any(c.dep_ == "nsubj" for c in cue.children):
            lo, hi = cue.head.left_edge.idx, cue.left_edge.idx
            if hi - lo > 10:
                return lo, hi
        head = cue.head
        if (
            cue.dep_ in ("parataxis", "ccomp", "advcl") and head.i > cue.i and head.left_edge.i < cue.left_edge.i
            and any(c.dep_ == "nsubj" for c in cue.children) and not any(c.dep_ in CONTENT_DEPS or (c.dep_ == "dobj" and not tell) for c in cue.children)
        ):
            # "This campaign, he says, is different": the clause the cue interrupts, around it
            return head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        if cue.dep_ == "advcl" and head.i > cue.i and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
            # "As the Post reported, the inspector general issued subpoenas": the clause after the cue's
            after = cue.right_edge.i + 1
            while after < head.right_edge.i and self.doc[after].is_punct:
                after += 1
            if after <= head.i:
                return self.doc[after].idx, head.right_edge.idx + len(head.right_edge.text)
        return None

    def object_range(self, cue: Token, obj: Token) -> tuple[int, int]:
        """An object as content: the whole phrase up to an apposition or a time phrase, plus what the verb
        says of it right after ("congratulated X on Y", "view X as Y", "called him a liar")."""
        end_tok = obj
        for child in obj.rights:
            if child.dep_ in OBJECT_STOP or (child.dep_ == "prep" and child.lower_ in TIME_PREPS):
                break
            end_tok = child.right_edge
        for child in cue.rights:
            if child.i <= end_tok.i:
                continue
            if child.i != end_tok.i + 1 or child.dep_ in VERB_STOP or (child.dep_ == "prep" and child.lower_ in TIME_PREPS):
                break
            end_tok = child.right_edge
        return obj.left_edge.idx, end_tok.idx + len(end_tok.text)

    # ---- indirect -------------------------------------------------------------------------------
    def indirect(self) -> None:
        for cue, _kind in self.cues:
            if cue.i in self.used_cues:
                continue
            clause = self.content_clause(cue)
            if clause is None:
                continue
            if cue.i in self.title_cues:
                kid = next(c for c in cue.children if c.dep_ in CONTENT_DEPS)
                clause = (kid.left_edge.idx, kid.right_edge.idx + len(kid.right_edge.text))
            subj = subject_of(cue)
            passive = any(c.dep_ in ("nsubjpass", "expl") for c in cue.children)
            if subj is None and cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
                # "the Super PAC backing Jeb Bush", "one listing the facts": the noun the phrase describes
                subj = cue.head
            if subj is None and not passive:
                continue
            clausal = cue.lemma_.lower() != "continue" and any(c.dep_ in CONTENT_DEPS for c in cue.children)
            if (subj is not None and subj.lower_ in FIRST_SECOND) or (cue.lemma_.lower() in CUES["direct_only"] and not clausal):
                # "I think ..." in narration is a transcript or an unmarked quote, not an attribution
                continue
            cs, ce = trim(self.ctx.text, *self.cut_tail(*clause))
            ce = self.adjacent_quote(ce)
            if ce - cs < MIN_INDIRECT_CHARS or self.overlaps_existing(cs, ce):
                continue
            ce = self.cover_fragments(cs, ce)
            frags = self.fragments(cs, ce)
            kind = "mixed" if frags else "indirect"
            sp, addr = self.speaker(cue, subj)
            self.used_cues.add(cue.i)
            self.emit(kind, (cs, ce), self.cue_span(cue), sp, addr, frags)
        self.nominal()

    def according_to(self) -> None:
        ctx = self.ctx
        for sent in ctx.sents:
            for tok in sent:
                if tok.lower_ != "according" or ctx.in_quote(tok.idx) or not ctx.in_body(tok.idx):
                    continue
                to = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
                if to is None or to.lower_ != "to":
                    continue
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                phrase_lo = tok.idx
                phrase_hi = pobj.right_edge.idx + len(pobj.right_edge.text)
                s_lo, s_hi = sent.start_char, sent.end_char
                before = trim(self.ctx.text, s_lo, phrase_lo)
                after = trim(self.ctx.text, phrase_hi, s_hi)
                cs, ce = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
                if ce - cs < 8 or self.overlaps_existing(cs, ce):
                    continue
                ce = self.cover_fragments(cs, ce)
                frags = self.fragments(cs, ce)
                sp = resolve_speaker(pobj, ctx.index, self.salience, None, "according-to")
                self.emit("mixed" if frags else "indirect", (cs, ce), (tok.idx, to.idx + len(to.text)), sp, None, frags)

    def nominal(self) -> None:
        ctx = self.ctx
        for sent in ctx.sents:
            for tok in sent:
                if tok.lemma_.lower() not in CUES["nominal"] or tok.pos_ != "NOUN" or ctx.in_quote(tok.idx):
                    continue
                poss = next((c for c in tok.children if c.dep_ == "poss"), None)
                clause = next(
                    (c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)),
                    None,
                )
                if clause is None:
                    continue
                cs, ce = trim(self.ctx.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
                if ce - cs < 8 or self.overlaps_existing(cs, ce):
                    continue
                ce = self.cover_fragments(cs, ce)
                frags = self.fragments(cs, ce)
                if poss is None:
                    # "made the claim that ...": the subject of the verb that takes the noun
                    poss = subject_of(tok.head) if tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX") else None
                sp = resolve_speaker(poss, ctx.index, self.salience, None, "nominal") if poss is not None else None
                self.emit("mixed" if frags else "indirect", (cs, ce), (tok.idx, tok.idx + len(tok.text)), sp, None, frags)

    def title_colon(self) -> None:
        """A headline that names its source before a colon (``Graham: Trump's ... Destroying GOP's Chance``):
        the source is 1-4 capitalised words (not a rubric such as ``The Latest`` or ``BREAKING``)."""
        article = self.doc._.pl_article if Doc.has_extension("pl_article") else None
        text = self.ctx.text
        for b in (article or {}).get("blocks") or []:
            if b.get("kind") != "title":
                continue
            start, end = int(b["start"]), int(b["end"])
            line = text[start:end]
            colon = line.find(": ")
            if colon <= 0:
                continue
            words = line[:colon].split()
            if not 1 <= len(words) <= TITLE_SOURCE_WORDS or words[0].lower() in TITLE_STOP:
                continue
            if not all(w[:1].isupper() or not w[:1].isalpha() for w in words) or all(w.isupper() for w in words if w.isalpha()):
                continue
            cs, ce = trim(text, start + colon + 1, end)
            if len(text[cs:ce].split()) < 3:
                continue
            ss = start + len(line) - len(line.lstrip())
            se = start + colon
            ent = self.ctx.index.canonical_at(ss, se)
            sp: Resolved = {
                "entity": self.ctx.index.canonical(str(ent["id"])) if ent else None,
                "text": text[ss:se], "start": ss, "end": se, "rule": "title-colon", "anonymous": False,
            }
            frags = self.fragments(cs, ce)
            self.emit("mixed" if frags else "indirect", (cs, ce), None, sp, None, frags)

    def run(self) -> list[dict[str, Any]]:
        self.title_colon()
        self.direct()
        if self.ctx.parsed:
            self.according_to()
            self.indirect()
        self.quotes.sort(key=lambda q: (q["content"]["start"], q["content"]["end"]))
        first: dict[int, str] = {}
        for i, q in enumerate(self.quotes, 1):
            q["id"] = f"Q{i}"
            q["group"] = first.setdefault(q.pop("_group"), q["id"])
        return self.quotes


def find_quotes(doc: Doc) -> list[dict[str, Any]]:
    """The quotes of a parsed Doc (plain dicts, ``quotes[]`` of the record). Never raises: an internal
    failure is recorded as PL070 on ``doc._.pl_errors`` and the quotes found so far are dropped."""
    try:
        return Finder(doc).run()
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a run
        if Doc.has_extension("pl_errors"):
            doc._.pl_errors = list(doc._.pl_errors or []) + [error("PL070", reason=repr(exc)[:200])]
        return []
