"""Reported speech: a cue verb's clause (``X said (that) ...``, ``... , sources said``, ``urged them to ...``),
``according to X, ...``, noun cues (``his claim that ...``), and a headline that names its source before a
colon (``Graham: ...``). Each is indirect, or mixed when it holds a quoted fragment."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...record.types import Quote
from ..common import governing_verb
from ..entities.namewords import name_words
from .clauses import Context, inverted_subject, ordered_by, raised_subject, subject_of
from .content import (
    CONTENT_DEPS,
    adjacent_quote,
    content_clause,
    cover_fragments,
    cue_span,
    cut_tail,
    fragments,
    words_outside,
)
from .found import Found
from .marks import ALL_MARKS, trim
from .speakers import Resolved, resolve_speaker

MIN_INDIRECT_CHARS = 4
SECOND_PERSON = frozenset({"you"})  # the reader addressed ("you know ..."): no one who said it
TITLE_SOURCE_WORDS = 4  # a headline's source before a colon: 1-4 capitalised words
TITLE_SAYS = frozenset({"says", "warns", "claims", "insists", "argues"})  # "House prices rebound says Halifax"
TITLE_SAYS_WORDS = 3  # the source after them: 1-3 capitalised words or a role


def indirect_quotes(f: Found, cues: list[tuple[Token, str]], title_cues: set[int]) -> None:
    """The reported clause of every cue a direct quote has not used, then the noun cues."""
    ctx = f.ctx
    for cue, _kind in cues:
        if cue.i in f.used_cues:
            continue
        inverted = inverted_subject(cue, ctx.cues)
        clause = inverted[1:] if inverted is not None else content_clause(ctx, cue)
        if clause is None:
            continue
        if cue.i in title_cues:
            kid = next(c for c in cue.children if c.dep_ in CONTENT_DEPS)
            clause = (kid.left_edge.idx, kid.right_edge.idx + len(kid.right_edge.text))
        subj = inverted[0] if inverted is not None else subject_of(cue, ctx.cues)
        passive = any(c.dep_ in ("nsubjpass", "expl") for c in cue.children)
        if raised_subject(ctx.cues, cue) is not None:
            subj, passive = None, True  # "X seems to ...": X is part of the content, nobody named says it
        if subj is None and cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
            # "the Super PAC backing Jeb Bush", "one listing the facts": the noun the phrase describes; a
            # common noun that is itself an object acts for its clause's subject ("it issued a paper welcoming ...")
            subj = cue.head
            if subj.pos_ == "NOUN" and subj.dep_ in ("dobj", "pobj") and subj.ent_type_ == "":
                subj = subject_of(governing_verb(subj), ctx.cues) or subj
        if subj is None and not passive:
            continue
        clausal = cue.lemma_.lower() != "continue" and any(c.dep_ in CONTENT_DEPS for c in cue.children)
        if (subj is not None and subj.lower_ in SECOND_PERSON) or (cue.lemma_.lower() in ctx.cues.direct_only and not clausal
                                                                   and not topic_phrase(ctx, cue)):
            # "you can call it ..." speaks to the reader; the writer's own "I know that ..." or "we are convinced
            # ..." is an attribution (PolNeAR annotates an op-ed's first person)
            continue
        cs, ce = trim(ctx.text, *cut_tail(ctx, *clause, cue=cue))
        ce = adjacent_quote(ctx, ce)
        if ce - cs < MIN_INDIRECT_CHARS:
            continue
        inner = held_fragments(f, cs, ce)
        if inner is None:
            continue
        sp, addr = f.speaker(cue, subj)
        f.used_cues.add(cue.i)
        emit_clause(f, (cs, ce), cue_span(cue), sp, addr, inner)
    nominal_quotes(f)


def topic_phrase(ctx: Context, cue: Token) -> bool:
    """A phrase of one of ``topic_preps`` with its object after the cue: what a ``direct_only`` verb's content is
    when it has no clause ("spoke of his flights", "talked about trade"; not "spoke to reporters")."""
    return any(c.dep_ == "prep" and c.lower_ in ctx.cues.topic_preps and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
               for c in cue.rights)


def held_fragments(f: Found, start: int, end: int) -> list[Quote] | None:
    """The direct quotes a reported clause holds as its quoted fragments (``its work is "a model for others,"``
    with words of the clause around them): taken alone by the direct rule before the clause was read (with no
    cue, or a cue inside the clause), they are pieces of the clause's mixed quote (``emit_clause``). None
    when the clause repeats a quote found before it otherwise."""
    end = cover_fragments(f.ctx, start, end)
    inner = f.inner_fragments(start, end)
    if inner and words_outside(f.ctx, start, end) < 2:
        inner = []  # no more than its quotes: the quote stands
    if f.overlaps_existing(start, end, ignore=frozenset((q["content"]["start"], q["content"]["end"]) for q in inner)):
        return None
    return inner


def emit_clause(f: Found, content: tuple[int, int], cue: tuple[int, int] | None, speaker: Resolved | None,
                addressee: Token | None, inner: list[Quote], rule: str | None = None) -> None:
    """A reported clause's quote (mixed when it holds a quoted fragment), in place of the fragments the direct
    rule took alone (``held_fragments``)."""
    cs, ce = content
    ce = cover_fragments(f.ctx, cs, ce)
    frags = fragments(f.ctx, cs, ce)
    made = f.emit("mixed" if frags else "indirect", (cs, ce), cue, speaker, addressee, frags, rule=rule)
    if made is not None and inner:
        f.absorb(inner, made)


def emit_sourced(f: Found, content: tuple[int, int], cue: tuple[int, int], source: Token | None, rule: str) -> None:
    """The quote of a clause whose source is a phrase beside it (``according to X``, ``in a poll``) or no one
    (``reportedly``), unless the clause repeats a quote found before it."""
    cs, ce = content
    inner = held_fragments(f, cs, ce) if ce - cs >= 8 else None
    if inner is None:
        return
    sp = resolve_speaker(source, f.ctx.index, f.salience, None, rule) if source is not None else None
    emit_clause(f, (cs, ce), cue, sp, None, inner, rule=None if source is not None else rule)


def according_to(f: Found) -> None:
    """``According to X, ...`` (or ``..., according to X``): the longer side of the sentence is the content;
    not when X is an order (``clauses.ordered_by``)."""
    ctx = f.ctx
    for sent in ctx.sents:
        for tok in sent:
            if tok.lower_ != "according" or ctx.in_quote(tok.idx) or not ctx.in_body(tok.idx) or ordered_by(tok, ctx.cues):
                continue
            to = tok.nbor(1) if tok.i + 1 < len(ctx.doc) else None
            if to is None or to.lower_ != "to":
                continue
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            before = trim(ctx.text, sent.start_char, tok.idx)
            after = trim(ctx.text, pobj.right_edge.idx + len(pobj.right_edge.text), sent.end_char)
            content = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
            emit_sourced(f, content, (tok.idx, to.idx + len(to.text)), pobj, "according-to")


def poll_noun(pobj: Token) -> Token:
    """The noun that says what ``in`` names: ``polls`` of ``one of the first post-debate polls`` (PolNeAR dev
    gives the whole phrase as the source), else the object itself."""
    if pobj.lower_ == "one" or pobj.like_num:
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if inner is not None:
            return inner
    return pobj


def in_a_poll(f: Found) -> None:
    """``In a Washington Post poll released Sunday, Clinton led by 5 points`` (or ``..., in this poll.``): the
    poll (``cues.json``'s ``in_sources``), set off by a comma at the sentence's start or end, is the source of
    the rest of its sentence, as PolNeAR annotates it. Runs after the reported clauses: a clause with a cue of
    its own keeps it."""
    ctx, doc = f.ctx, f.ctx.doc
    for sent in ctx.sents:
        for tok in sent:
            if tok.lower_ != "in" or tok.dep_ != "prep" or ctx.in_quote(tok.idx) or not ctx.in_body(tok.idx):
                continue
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None or poll_noun(pobj).lemma_.lower() not in ctx.cues.in_sources or tok.head.pos_ not in ("VERB", "AUX"):
                continue
            last = tok.right_edge
            opens = tok.i == sent.start and last.i + 1 < sent.end and doc[last.i + 1].text == ","
            closes = tok.i > sent.start and doc[tok.i - 1].text == "," and all(t.is_punct for t in doc[last.i + 1 : sent.end])
            if not (opens or closes):
                continue  # "rising in the polls", "has led her in several recent polls": the poll is no source
            content = trim(ctx.text, last.idx + len(last.text), sent.end_char) if opens else trim(ctx.text, sent.start_char, tok.idx)
            emit_sourced(f, content, (tok.idx, tok.idx + len(tok.text)), pobj, "in-a-poll")


def reportedly(f: Found) -> None:
    """``The Club for Growth is reportedly spending $1.5 million ...``: the clause the adverb qualifies is a
    report of no one named (PolNeAR train annotates 13 of 29 "reportedly" so). Runs last: a clause that
    another rule gave a cue keeps it."""
    ctx = f.ctx
    for sent in ctx.sents:
        for tok in sent:
            if tok.lower_ not in ("reportedly", "allegedly") or tok.dep_ != "advmod" or ctx.in_quote(tok.idx) or not ctx.in_body(tok.idx):
                continue
            verb = tok.head
            if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                continue
            content = trim(ctx.text, verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
            emit_sourced(f, content, (tok.idx, tok.idx + len(tok.text)), None, "reportedly")


def nominal_quotes(f: Found) -> None:
    """Noun cues with a that-clause: ``his claim that ...``, ``made the claim that ...``."""
    ctx = f.ctx
    for sent in ctx.sents:
        for tok in sent:
            if tok.lemma_.lower() not in ctx.cues.nominal or tok.pos_ != "NOUN" or ctx.in_quote(tok.idx):
                continue
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            clause = next(
                (c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)),
                None,
            )
            if clause is None:
                continue
            cs, ce = trim(ctx.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
            if poss is None and tok.head.lemma_ == "be":
                continue  # "One of the reasons ... is the belief that ...": nobody holds it here
            inner = held_fragments(f, cs, ce) if ce - cs >= 8 else None
            if inner is None:
                continue
            if poss is None:
                # "made the claim that ...": the subject of the verb that takes the noun
                poss = subject_of(tok.head, ctx.cues) if tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX") else None
            sp = resolve_speaker(poss, ctx.index, f.salience, None, "nominal") if poss is not None else None
            emit_clause(f, (cs, ce), (tok.idx, tok.idx + len(tok.text)), sp, None, inner)


def sentence_case_source(ctx: Context, start: int, end: int) -> bool:
    """A sentence-case headline's leader that names who speaks: it opens with a capital and holds a name (of
    a person, organisation or people: "Clinton camp") or ends in a role, a body or an unnamed source ("Health
    officials", "Gaza health ministry", "Senior sources")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not ctx.text[start:start + 1].isupper():
        return False
    if any(e.label_ in ("PERSON", "ORG", "NORP") for e in span.ents):
        return True
    last, words = span[-1].lemma_.lower(), name_words()
    return any(last in group for group in (ctx.cues.roles, ctx.cues.anonymous, words.role_nouns, words.org_heads))


def leading_name(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """The character span of the person (or the organisation, before a verb or "on"/"to") whose name opens a
    headline's leader ``start:end``, or None."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    ent = next((e for e in span.ents if e.start == span.start and e.label_ in ("PERSON", "ORG")), None)
    if ent is None or ent.end_char > end or ent.end >= span.end:
        return None
    after = ctx.doc[ent.end]
    if ent.label_ == "ORG" and not (after.tag_.startswith("VB") or after.lower_ in ("on", "to")):
        return None  # "Wells Fargo Chief Executive Faces ...": the organisation's name is no subject here
    return ent.start_char, ent.end_char


def title_colon(f: Found) -> None:
    """A headline that names its source before a colon (``Graham: Trump's ... Destroying GOP's Chance``):
    the source is 1-4 capitalised words (not a rubric such as ``The Latest`` or ``BREAKING``)."""
    ctx = f.ctx
    article = ctx.doc._.pl_article if Doc.has_extension("pl_article") else None
    text = ctx.text
    for b in (article or {}).get("blocks") or []:
        if b.get("kind") != "title":
            continue
        start, end = int(b["start"]), int(b["end"])
        line = text[start:end]
        colon = line.find(": ")
        if colon <= 0:
            continue
        words = line[:colon].split()
        ss = start + len(line) - len(line.lstrip())
        se = start + colon
        if words and words[0].lower() in ctx.cues.title_rubrics:
            continue
        if len(words) > TITLE_SOURCE_WORDS and line[colon + 1 :].lstrip()[:1] in ALL_MARKS:
            # "Warren Hammers Wells Fargo CEO: ‘You Should Be ...’": a headline's quotation after a longer
            # leader is the words of the name it starts with
            name = leading_name(ctx, ss, se)
            if name is None:
                continue
            ss, se = name
        elif not 1 <= len(words) <= TITLE_SOURCE_WORDS:
            continue
        elif all(w.isupper() for w in words if w.isalpha()):
            continue
        elif not all(w[:1].isupper() or not w[:1].isalpha() for w in words) and not sentence_case_source(ctx, ss, se):
            continue
        cs, ce = trim(text, start + colon + 1, end)
        if len(text[cs:ce].split()) < 3:
            continue
        sp = placed_speaker(ctx, ss, se, "title-colon")
        frags = fragments(ctx, cs, ce)
        f.emit("mixed" if frags else "indirect", (cs, ce), None, sp, None, frags)


def title_says(f: Found) -> None:
    """A headline that names its source last, after "says" and no comma (BBC: "House prices rebound says Halifax",
    "More reforms ahead says Milburn"): 1-3 capitalised words or a role (``cues.json`` roles: "says minister")
    ending the headline after one of ``TITLE_SAYS``; the words before it are the content. Runs after the reported
    clauses: a headline the parse read ("CSA 'could close', says minister") keeps its quote."""
    ctx = f.ctx
    article = ctx.doc._.pl_article if Doc.has_extension("pl_article") else None
    for b in (article or {}).get("blocks") or []:
        span = ctx.doc.char_span(int(b["start"]), int(b["end"]), alignment_mode="contract") if b.get("kind") == "title" else None
        words = [t for t in span if not t.is_space] if span is not None else []
        while words and words[-1].is_punct:
            words.pop()
        # a sentence-case headline's verb: in title case ("Clinton Says Trump Is Unfit") the source comes first
        verb = next((t for t in reversed(words) if t.text in TITLE_SAYS), None)
        if verb is None or words.index(verb) < 2:
            continue
        source = words[words.index(verb) + 1 :]
        if not 1 <= len(source) <= TITLE_SAYS_WORDS:
            continue  # "Trump not walking the walk on his tax claims": the verb's word ends the headline
        role = source[-1].lower_ in ctx.cues.roles or source[-1].lower_ in ctx.cues.anonymous  # "says minister", "says ex-aide"
        if not (role or all(t.is_alpha and t.text[:1].isupper() for t in source)):
            continue
        before = ctx.doc[words[0].i : verb.i]
        cs, ce = trim(ctx.text, before.start_char, before.end_char)
        inner = held_fragments(f, cs, ce) if ce - cs >= 8 else None
        if inner is None:
            continue
        sp = placed_speaker(ctx, source[0].idx, source[-1].idx + len(source[-1].text), "title-says")
        emit_clause(f, (cs, ce), (verb.idx, verb.idx + len(verb.text)), sp, None, inner)


def placed_speaker(ctx: Context, start: int, end: int, rule: str) -> Resolved:
    """A headline's source as its words place it (before a colon, after "says"), with the entity named there."""
    ent = ctx.index.canonical_at(start, end)
    return {"entity": ctx.index.canonical(str(ent["id"])) if ent else None, "text": ctx.text[start:end],
            "start": start, "end": end, "rule": rule, "anonymous": False}
