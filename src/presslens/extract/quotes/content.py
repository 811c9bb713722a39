"""What a cue reports: the character range of its content (its clause, its object, a topic phrase, or the
clause it interrupts), cut and grown at the edges the way a reader would (quoted fragments kept whole, an
appended participle or source phrase left out)."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from .clauses import Context, medium, raised_subject
from .cues import Cues

CONTENT_DEPS = ("ccomp", "xcomp")
OBJECT_STOP = frozenset({"appos"})
VERB_STOP = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "npadvmod", "nsubj", "dep"})
OBJECT_POS = ("NOUN", "PROPN", "NUM", "VERB", "ADJ")
TAIL_PUNCT = frozenset({",", "—", "–", "--", ";"})
DASHES = frozenset({"—", "–", "--", "―"})
CONCESSIVE = frozenset({"although", "though"})
JOINERS = frozenset({"and", "but", "while", "whereas"})
SAYING = frozenset({"speech", "assert", "tell", "write"})  # cue kinds that say (not cognition, report, ask)
OCCASION_PREPS = frozenset({"in", "on", "at", "during", "via", "over"})
MEDIUM_PREPS = frozenset({"on", "via", "over"})  # of OCCASION_PREPS, those a medium follows ("on social media")
PREDICATIVE = frozenset({"oprd", "xcomp", "ccomp", "acomp"})  # "called X on Saturday "a wake-up call""
SCOPE_NOUNS = frozenset({"area", "field", "domain", "sphere", "arena", "respect"})  # "in various areas"
PLACE_PREPS = frozenset({"in", "at", "across", "within", "throughout"})


def cue_span(cue: Token) -> tuple[int, int]:
    """The cue's characters, with a particle right after it ("pointed out")."""
    end = cue.idx + len(cue.text)
    for child in cue.children:
        if child.dep_ == "prt" and child.i == cue.i + 1:
            end = child.idx + len(child.text)
    return cue.idx, end


def content_clause(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """The character range a cue verb reports, or None. In order: its clause (``said (that) ...``,
    ``urged them to ...``), its object (``denied the report``; not for tell-verbs, whose object is the
    addressee), a topic phrase (``talked about ...``, ``called for ...``), and the clause it interrupts
    (``X happened, officials said`` parsed with the cue under the clause)."""
    tell = ctx.cues.kind(cue.lemma_.lower()) == "tell"
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS and len(list(child.subtree)) >= 2 and not _before_colon(child, cue):
            start = child.left_edge
            if (child.dep_ == "xcomp" or not any(g.dep_.startswith("nsubj") for g in child.children)) and not tell:
                # "urged the industry to do more": the object is part of what was urged
                obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i < child.i), None)
                start = obj.left_edge if obj is not None else start
            raised = raised_subject(ctx.cues, cue)
            if raised is not None and child.dep_ == "xcomp":
                start = raised.left_edge  # "the politician seemed to be shrinking": the subject is what seemed
            last = coordinated_end(cue, child, ctx.cues)
            return start.idx, last.idx + len(last.text)
    for child in cue.rights:
        # "calling for the United States to step up ...": a for-to clause
        mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ == "for" and g.i == child.left_edge.i), None)
        if child.dep_ == "advcl" and mark is not None and mark.i + 1 < child.i:
            nxt = ctx.doc[mark.i + 1]
            return nxt.idx, child.right_edge.idx + len(child.right_edge.text)
    if not tell:
        found = _object_content(ctx, cue)
        if found is not None:
            return found
    return _interrupted_clause(ctx, cue, tell)


def _before_colon(child: Token, cue: Token) -> bool:
    """Whether a clause the parse hangs from the cue ends before it with a colon, what the colon's sentence
    elaborates ("We have been here before: Osama bin Laden declared war ..."), or stands before a cue that a
    complementizer of its own subordinates ("X continues to insist, ..., that he really wants ..."): not what the
    cue reports."""
    if child.i > cue.i:
        return False
    return subordinated(cue) or any(t.text == ":" for t in cue.doc[child.right_edge.i : cue.i])


def subordinated(cue: Token) -> bool:
    """Whether a cue's clause has a complementizer of its own ("that he really wants ...", "though officials
    said ..."): such a clause is part of the sentence around it, never its reporting clause."""
    return any(c.dep_ == "mark" for c in cue.children)


def coordinated_end(cue: Token, content: Token, cues: Cues) -> Token:
    """The last token of a cue's clause ``content``, over the conjuncts of that clause the parse hangs from the
    cue (``pledged to triple the program, grow the corps and create a reserve``, ``said they had misgivings,
    but could not bear to insult him``): a verb after the clause with no subject of its own, in the clause's
    form, not the cue's (``said it was wrong and left``: the speaker's next act stays out)."""
    last = content.right_edge
    for conj in cue.rights:
        if conj.dep_ != "conj" or conj.i <= last.i or conj.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in conj.children):
            break
        if conj.tag_ == cue.tag_ or cues.kind(conj.lemma_.lower()) is not None:
            break  # the speaker's next act ("said it was wrong and left"), or another cue of theirs
        last = conj.right_edge
    return last


def _object_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """A cue's object as its content ("denied the report", "called him a liar"), or its topic phrase."""
    cues = ctx.cues
    for child in cue.children:
        if child.dep_ == "dobj" and child.pos_ in OBJECT_POS and child.lower_ not in cues.unreliable_subjects:
            return object_range(cue, child, cues)
        if child.dep_ == "dobj" and child.pos_ == "PRON" and child.lower_ not in cues.unreliable_subjects:
            # "called him a liar", "calling her “a total stiff”": the pronoun and what is said of it
            lo, hi = object_range(cue, child, cues)
            hi = adjacent_quote(ctx, hi)
            if hi - child.idx > len(child.text) + 2:
                return lo, hi
    for child in cue.rights:
        if child.dep_ == "prep" and child.lower_ in cues.prep_content:
            pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.pos_ != "PRON" and not medium(pobj, cues):
                return object_range(cue, pobj, cues)
    return None


def set_off(cue: Token) -> bool:
    """Whether a cue clause after the clause it reports is set off from it ("X happened, officials said"), not
    a clause of that one ("Mook asserted that Trump tells ...", "Ham made it clear he ...", "It has shown it
    knows how"): punctuation before it, and no complementizer of its own."""
    first = cue.left_edge
    if first.i == 0 or subordinated(cue):
        return False
    before = cue.doc[first.i - 1]
    return before.is_punct and before.text not in ("(", "[")


def _interrupted_clause(ctx: Context, cue: Token, tell: bool) -> tuple[int, int] | None:
    """The clause a cue hangs from or interrupts ("X happened, officials said", "This campaign, he says, is
    different", "As the Post reported, ...")."""
    if (cue.dep_ in ("parataxis", "ccomp", "advcl") and cue.head.i < cue.i and any(c.dep_ == "nsubj" for c in cue.children)
            and set_off(cue) and not any(c.dep_ in CONTENT_DEPS for c in cue.children)):
        lo, hi = cue.head.left_edge.idx, cue.left_edge.idx
        if hi - lo > 10:
            return lo, hi
    head = cue.head
    if (
        cue.dep_ in ("parataxis", "ccomp", "advcl") and head.i > cue.i and head.left_edge.i < cue.left_edge.i
        and any(c.dep_ == "nsubj" for c in cue.children) and not any(c.dep_ in CONTENT_DEPS or (c.dep_ == "dobj" and not tell) for c in cue.children)
    ):
        # "This campaign, he says, is different": the clause the cue interrupts, around it (the parse may hang the
        # cue from an auxiliary: "All of this, he acknowledges, could be undone ...")
        while head.dep_ in ("aux", "auxpass") and head.head.i > head.i:
            head = head.head
        return head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
    if cue.dep_ == "advcl" and head.i > cue.i and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "As the Post reported, the inspector general issued subpoenas": the clause after the cue's
        after = cue.right_edge.i + 1
        while after < head.right_edge.i and ctx.doc[after].is_punct:
            after += 1
        if after <= head.i:
            return ctx.doc[after].idx, head.right_edge.idx + len(head.right_edge.text)
    return None


def object_range(cue: Token, obj: Token, cues: Cues) -> tuple[int, int]:
    """An object as content: the whole phrase up to an apposition or a time phrase, plus what the verb
    says of it right after ("congratulated X on Y", "view X as Y", "called him a liar")."""
    end_tok = obj
    for child in obj.rights:
        if child.dep_ in OBJECT_STOP or (child.dep_ == "prep" and child.lower_ in cues.time_prepositions):
            break
        end_tok = child.right_edge
    for child in cue.rights:
        if child.i <= end_tok.i:
            continue
        adjacent = child.left_edge.i == end_tok.i + 1
        # "defended his call to raise the wage", "described the dinner as the capital celebrating itself"
        said_of = child.dep_ == "advcl" and adjacent and (child.left_edge.tag_ == "TO" or child.left_edge.lower_ == "as")
        if not said_of and (not adjacent or child.dep_ in VERB_STOP or (child.dep_ == "prep" and child.lower_ in cues.time_prepositions)):
            break
        end_tok = child.right_edge  # "defended his call to raise the wage": the infinitive belongs to the object
    end_tok = core_end(cue, obj, end_tok, cues)
    return obj.left_edge.idx, end_tok.idx + len(end_tok.text)


def core_end(cue: Token, obj: Token, end_tok: Token, cues: Cues) -> Token:
    """The last token of an object's content before the occasion of the act, wherever the parse hangs it
    (``called for more investment in a statement on Thursday``, ``criticized the act as a "crazy system"
    during a campaign stop``, ``attacked Machado on Twitter``, ``shared the news on social media``), or before a place or field inside the
    object's own phrase (``appreciated Iran's stance on the Palestinians' rights in various areas``): what
    was said is the noun phrase's core, not where and when it was said."""
    doc = obj.doc
    for t in doc[obj.i + 1 : end_tok.i + 1]:
        if t.dep_ != "prep":
            continue
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        # the act's circumstance hangs from the object or from the verb's own phrase ("as a crazy system")
        h = t.head
        while h.dep_ == "conj" and h.head.i < h.i:
            h = h.head  # "as a fraud and a scam artist during the debate": the phrase hangs from the last conjunct
        of_act = (h.i in (obj.i, cue.i) or (h.dep_ == "pobj" and h.head.head.i == cue.i)
                  or (cue.dep_ == "acomp" and h.i == cue.head.i))  # "critical of Trump since the primary"
        occasion = of_act and (t.lower_ in cues.time_prepositions or (
            t.lower_ in OCCASION_PREPS and pobj is not None
            and (pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in cues.occasions or _medium_phrase(t, pobj, cues))
        ))
        nested = (t.lower_ in PLACE_PREPS and t.head.dep_ == "pobj" and t.head.head.dep_ == "prep" and t.head.head.head.i == obj.i
                  and pobj is not None and pobj.lemma_.lower() in SCOPE_NOUNS)
        after = t.right_edge.i + 1
        rest = doc[after : max(end_tok.i, cue.right_edge.i) + 1]
        said_of = any((r.dep_ in PREDICATIVE and r.head.i in (cue.i, obj.i)) or (r.is_quote and r.i == after) for r in rest)
        if (occasion or nested) and not said_of:
            last = doc[t.i - 1]
            while last.i > obj.i and last.is_punct:
                last = doc[last.i - 1]
            return last
    return end_tok


def _medium_phrase(prep: Token, pobj: Token, cues: Cues) -> bool:
    """Whether ``on``/``via``/``over`` and its object name the medium the act was done on (``on social media``,
    ``on its Facebook page``, ``over the radio``): an occasion, as in ``core_end``."""
    if prep.lower_ not in MEDIUM_PREPS:
        return False
    words = [pobj] + [c for c in pobj.children if c.dep_ == "compound"]
    return any(medium(w, cues) or w.lemma_.lower() in cues.occasions for w in words)


def cut_tail(ctx: Context, start: int, end: int, appended: bool = True, cue: Token | None = None) -> tuple[int, int]:
    """End a reported clause before what the speaker did not report: (``appended``) an appended participle
    that is the subject's next act (``..., telling reporters ...``; one that is no cue and hangs from a word
    of the content before it stays: ``it raised $21 million, bringing its total to ...``, unless it is one of
    the cue lexicon's ``consequences``, what the narrator says the act brought: ``..., drawing boos``) or a source phrase (``..., according to
    ...``); and a clause after a semicolon, or an aside that ends the content: a concession (``...,
    although ...``), a dash's apposition (``... — a metaphor for ...``), a closing ``as`` clause (``_as_clause``). (A trailing non-restrictive
    relative clause, ``..., which ...``, stays when in the present: PolNeAR's contents hold it as often as not;
    one in the past is the narrator's, as is a closing ``where``/``when`` clause: ``_closing_relative``.) A joined report of
    its own ends it too (``_another_report``; the ``cue``, when given, says whether the speaker's next act can be in the
    past)."""
    toks = [t for t in ctx.tokens(start, end) if start <= t.idx < end]
    for k, t in enumerate(toks[:-1]):
        if k < 3 or ctx.in_quote(t.idx):
            continue
        if t.text in TAIL_PUNCT and _appended_act(ctx, toks, k, start, appended):
            return start, t.idx
        if _aside_starts(toks, k):
            return start, t.idx
        if t.text == "," and _closing_relative(toks, k):
            return start, t.idx
        if _as_clause(toks, k):
            return start, toks[k - 1].idx if toks[k - 1].text == "," else t.idx
        if _another_report(ctx, toks, k, cue):
            return start, toks[k - 1].idx if toks[k - 1].text == "," else t.idx
    if len(toks) > 3 and toks[-1].dep_ == "cc" and not ctx.in_quote(toks[-1].idx):
        # a clause's subtree that ends in the conjunction of what follows it ("Clinton is honest, and")
        return start, toks[-2].idx if toks[-2].text == "," else toks[-1].idx
    return start, end


def _appended_act(ctx: Context, toks: list[Token], k: int, start: int, appended: bool) -> bool:
    """Whether the content's k-th token, a comma or dash, opens what the narrator adds after the report: an
    appended participle of the subject's next act (only when ``appended``: the rules' own contents), one of the
    lexicon's ``consequences`` (any content: ``..., drawing boos``, ``..., implicitly putting his name on the
    line``), or a source phrase (``..., according to ...``). An adverb may stand before the participle."""
    nxt = toks[k + 1]
    if appended and nxt.lower_ == "according" and k + 2 < len(toks) and toks[k + 2].lower_ == "to":
        return True
    if nxt.tag_ == "RB" and k + 2 < len(toks) and toks[k + 2].tag_ == "VBG":
        nxt = toks[k + 2]
    if nxt.tag_ != "VBG" or nxt.dep_ not in ("advcl", "xcomp", "acl", "conj"):
        return False
    if nxt.lemma_.lower() in ctx.cues.consequences:
        return True
    return appended and not (start <= nxt.head.idx < toks[k].idx and ctx.cues.kind(nxt.lemma_.lower()) is None)


def _another_report(ctx: Context, toks: list[Token], k: int, cue: Token | None = None) -> bool:
    """Whether the k-th token of a content joins to it a clause with its own subject and verb of saying (``...
    honest, and three-quarters said the same of Sanders``, ``... yes, while 48 percent agreed``), or ``and`` with a past verb of saying of no
    subject of its own (``... was 'disgusting' and warned that ...``: the speaker's next act): a
    report of its own, not part of the one before it (``cut_tail``); the parse often hangs it inside the
    content. A conjoined act that is no saying stays (``... lied and cheated``)."""
    t = toks[k]
    if t.lower_ not in JOINERS or t.dep_ not in ("cc", "mark"):
        return False
    first = t.i + 1
    heads = [u for u in toks[k + 1 :] if u.left_edge.i in (t.i, first) and u.pos_ in ("VERB", "AUX")]
    verb = max(heads, key=lambda u: u.right_edge.i, default=None)
    if verb is None or ctx.cues.kind(verb.lemma_.lower()) not in SAYING or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False  # a narrated act of saying, not "would see", "might decide", "what we expect"
    if any(c.dep_ == "nsubj" and t.i < c.i < verb.i for c in verb.children):
        return True
    # "... was 'disgusting' and warned that ...": the speaker's next act of saying, in the past; after a cue in the
    # present it is the content's subject's ("Police say he posed a threat and refused to drop the gun")
    if cue is not None and cue.tag_ in ("VBZ", "VBP"):
        return False
    return (t.lower_ == "and" and verb.i == first and verb.tag_ == "VBD" and verb.dep_ == "conj"
            and not any(c.dep_.startswith("nsubj") for c in verb.children))


def _closing_relative(toks: list[Token], k: int) -> bool:
    """Whether the comma at ``k`` opens a closing clause that tells what the narrator knows, not what was said:
    a non-restrictive relative clause in the past (``... to the AP, which first reported the story``, ``...
    her bout with pneumonia, which forced her to leave ...``; one in the present stays, ``... proposals, which
    include a provision ...``: PolNeAR's contents hold it as often as not), or a ``where``/``when`` clause with
    a subject of its own (``... a close contest in the state, where 18 electoral votes are up for grabs``).
    PolNeAR dev F1 0.7500 -> 0.7537, a train slice 0.7216 -> 0.7222 (``cut_tail``)."""
    nxt = toks[k + 1]
    rel = nxt.head
    if not _closes(rel, toks) or rel.head.i >= nxt.i:
        return False
    if nxt.lower_ in ("which", "who"):
        return rel.dep_ == "relcl" and rel.tag_ == "VBD"
    if nxt.lower_ in ("where", "when"):
        return rel.dep_ in ("relcl", "advcl") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in rel.children)
    return False


def _as_clause(toks: list[Token], k: int) -> bool:
    """Whether the k-th token of a content opens a closing ``as`` clause with a subject of its own: the
    circumstance the narrator sets the act in (``... is “excited where we stand” as he faces a test in South
    Carolina``, ``... a tightening race as Trump consolidates the support of ...``), not what was said. ``as``
    before a phrase (``described him as a weak leader``) stays; so does an ``as`` clause inside the content.
    PolNeAR dev and a train slice: F1 up (``cut_tail``)."""
    t = toks[k]
    if t.lower_ != "as" or t.dep_ != "mark" or t.head.dep_ != "advcl" or t.head.i < t.i:
        return False
    return _closes(t.head, toks) and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i for c in t.head.children)


def _aside_starts(toks: list[Token], k: int) -> bool:
    """Whether the k-th token of a content opens something its cue does not report (``cut_tail``)."""
    t, nxt = toks[k], toks[k + 1]
    if t.text == ";":
        return True
    if t.text == "," and nxt.lower_ in CONCESSIVE:
        return _closes(nxt.head, toks)
    if t.text in DASHES or (t.text == "-" and t.whitespace_):
        return any(u.dep_ == "appos" and u.left_edge.i == nxt.i and _closes(u, toks) for u in toks[k + 1 :])
    return False


def _closes(head: Token, toks: list[Token]) -> bool:
    """Whether ``head``'s phrase runs to the end of the content ``toks`` (its closing mark aside)."""
    return head.right_edge.i >= toks[-1].i - (1 if toks[-1].is_punct else 0)


def adjacent_quote(ctx: Context, end: int) -> int:
    """Extend a content over a quoted fragment that opens right after it (``called Trump "unhinged."``):
    the parse often leaves the quoted predicate out of the object."""
    i = bisect.bisect_left(ctx.q_lo, end)
    if i > 0 and ctx.q_lo[i - 1] < end <= ctx.tops[i - 1]["start"]:
        return ctx.q_hi[i - 1]  # the parse took the opening mark into the object ("credit “", then "a ...")
    if i < len(ctx.tops) and not ctx.text[end : ctx.q_lo[i]].strip():
        return ctx.q_hi[i]
    return end


def cover_fragments(ctx: Context, start: int, end: int) -> int:
    """Extend a clause's end over a quoted fragment that starts inside it, closing mark included."""
    for j in ctx.tops_from(start, len(ctx.text)):
        x = ctx.tops[j]
        if ctx.top_starts is not None and x["start"] >= end:
            break  # in text order, and the end grows only over a quote that starts before it
        if start <= x["start"] < end < ctx.q_hi[j]:
            end = ctx.q_hi[j]
    return end


def fragments(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """The quoted stretches (top level) inside a reported clause."""
    tops = ctx.tops
    return [(tops[j]["start"], tops[j]["end"]) for j in ctx.tops_from(start, end)
            if start <= tops[j]["start"] and tops[j]["end"] <= end]


def words_outside(ctx: Context, start: int, end: int) -> int:
    """How many words of [start, end] stand outside its quoted stretches (a leading "that", "whether" or
    "if" not counted): a clause with two or more is a mixed quote's, not one quote's marks."""
    return sum(
        1 for t in ctx.tokens(start, end)
        if t.is_alpha and not ctx.in_quote(t.idx) and t.lower_ not in ("that", "whether", "if")
    )


WHEN_LABELS = frozenset({"DATE", "TIME"})
NOMINAL_DEPS = frozenset({"amod", "compound", "nmod", "pobj", "pcomp", "dobj", "poss"})
CIRCUMSTANCE_MARKS = frozenset({"when", "whenever", "while", "after", "before", "since", "until", "once", "as"})


def circumstance(ctx: Context, start: int, end: int, cue: tuple[int, int]) -> bool:
    """Whether a content is only the circumstance of its cue: a clause of time hanging from the cue ("said
    when she resigned from the network", "backed it when the time came"), the narrator's, never what was said.
    An indirect question stays ("asked when he would leave": a complement, not a circumstance), as does a clause
    with a modal or under a negated cue ("have not said when they would take it up")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    verb = ctx.doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or verb is None or not len(span) or not len(verb) or ctx.quote_around(start, end) is not None:
        return False
    root = span.root
    first = next((t for t in span if not (t.is_punct or t.is_space)), None)
    if any(c.dep_ == "neg" for c in verb.root.children) or any(c.tag_ == "MD" for c in root.children):
        return False  # "have not said when they would take it up": what was (not) said, an indirect question
    return (root.dep_ == "advcl" and root.head.i == verb.root.i and first is not None
            and first.lower_ in CIRCUMSTANCE_MARKS and first.head.i == root.i)


def _setting_word(tok: Token, cues: Cues) -> bool:
    """A word of a time, a medium or a manner ("Sunday", "the Telegram messaging app", "on a regular basis"), or a
    modifier of one."""
    cur = tok
    while cur.dep_ in ("compound", "amod", "nmod", "poss") and cur.head.i != cur.i:
        cur = cur.head
    return tok.ent_type_ in WHEN_LABELS or cur.ent_type_ in WHEN_LABELS or medium(cur, cues) or cur.lemma_.lower() in cues.manners


def said_by_itself(start: int, end: int, speaker: tuple[int, int]) -> bool:
    """Whether a content is (mostly) its own speaker's words: "..., the CSSE said" read as content "the CSSE"."""
    ov = min(end, speaker[1]) - max(start, speaker[0])
    return ov > 0 and ov >= 0.5 * (end - start)


def no_content(ctx: Context, start: int, end: int) -> bool:
    """Whether a span cannot be what was said: only when or on which medium it was said ("announced on Sunday"
    -> "Sunday", "it said on Tuesday on the Telegram messaging app", "posted on Facebook"). A quoted stretch is
    always content."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or ctx.quote_around(start, end) is not None:
        return False
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in NOMINAL_DEPS for t in words):
        return False  # a clause is said; a verb used as a noun's part ("the messaging app") is no clause
    root = span.root
    if root.dep_ == "prep" and root.lower_ not in OCCASION_PREPS and root.lower_ not in ctx.cues.time_prepositions:
        return False
    in_pp = root.dep_ == "prep" or (root.dep_ == "pobj" and root.head.lower_ in OCCASION_PREPS)
    whole_time = all(t.ent_type_ in WHEN_LABELS or t.pos_ in ("DET", "ADP", "CCONJ", "PART") for t in words)
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN", "NUM")]
    return whole_time or (bool(nouns) and (in_pp or root.ent_type_ in WHEN_LABELS) and all(_setting_word(t, ctx.cues) for t in nouns))
