"""Who said what: direct, mixed and indirect quotes with resolved speakers.

``find_quotes(doc)`` reads the parse already on the Doc (no re-parsing) and the entities of
``doc._.pl_entities``, and returns plain dicts (the record's ``quotes[]``):

- **direct**: a quoted stretch (``marks.find_quoted``) with its cue before (``He added, "..."``,
  ``..., saying, "..."``, ``X said: "..."``) or after (``"...," he said.``); content excludes the marks;
- **mixed**: a reported clause of a cue verb that holds a quoted fragment (``stressed that the IRGC "will
  never ..."``); ``fragments`` lists the quoted parts;
- **indirect**: a cue verb's clause (``X said (that) ...``, ``... , sources said``, ``urged them to ...``),
  ``according to X, ...``, and noun cues (``his claim that ...``);
- **transcript turns**: a paragraph that opens with a speaker's label in capitals (``TAPPER: Do you think
  ...?``) is a direct quote of that speaker, and so is a paragraph without marks that a short one announces
  (``Limbaugh added:``, rule ``announced``; ``turns``);
- **continuations**: a quote with no cue of its own belongs to the speaker of the quote just before it in
  the same paragraph or the one or two before (``rule: continuation``).

The rules: ``direct`` (quoted stretches), ``reported`` (clauses, according to, noun cues, headlines), over
``content`` (what a cue reports) and ``clauses`` (the per-Doc context, cues, subjects, addressees); ``found``
keeps and numbers the quotes. Speakers are resolved by ``speakers`` (names, pronouns, role phrases, unnamed
sources), and only someone who can speak is one (``agents``). Each quote says which rule decided its
speaker. The cue lexicon is data: ``data/cues.json`` (``cues``), passed in by the component's config.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...errors import error
from ...record.types import Quote
from ..common import block_ranges
from .clauses import Context, cue_kind, subject_of
from .content import CONTENT_DEPS
from .cues import Cues
from .direct import direct_quotes
from .found import Found
from .reported import according_to, in_a_poll, indirect_quotes, reportedly, title_colon, title_says
from .speakers import Salience
from .turns import announced_paragraphs, transcript_turns


class Kept:
    """The rules' ``Context`` (with its salience) of the Docs a merge (``merge.py``) will read next, so that
    the merge derives neither again. By the Doc's identity, the Doc held with it; at most ``LIMIT`` Docs (a
    merge that never comes, after a failed batch, leaves no more than that behind). Not in ``doc._``: a
    Context is no serialisable value (``pipeline/extensions.py``)."""

    LIMIT = 512

    def __init__(self) -> None:
        self.docs: dict[int, tuple[Doc, Context]] = {}

    def keep(self, ctx: Context) -> None:
        while len(self.docs) >= self.LIMIT:
            self.docs.pop(next(iter(self.docs)))
        self.docs[id(ctx.doc)] = (ctx.doc, ctx)

    def clear(self) -> None:
        """Forget every kept Context: after an article failed mid-pipeline (past its time budget, or an exception)
        its merge never comes, and the Doc must not stay held. A Doc whose Context went is merged all the same
        (the merge derives its own)."""
        self.docs.clear()

    def take(self, doc: Doc, cues: Cues | None) -> Context | None:
        """The kept Context of ``doc`` (and forget it), or None: none kept, or kept with other cues."""
        got = self.docs.pop(id(doc), None)
        if got is None or got[0] is not doc or got[1].salience is None or (cues is not None and got[1].cues is not cues):
            return None
        return got[1]


KEPT = Kept()


def find_quotes(doc: Doc, cues: Cues | None = None, keep: bool = False) -> list[Quote]:
    """The quotes of a parsed Doc (the record's ``quotes[]``). Never raises: an internal failure is recorded
    as PL070 on ``doc._.pl_errors`` and the quotes found so far are dropped. ``keep``: a merge follows, keep
    the Context for it (``KEPT``)."""
    try:
        ctx = Context(doc, cues)
        quotes = run_rules(ctx)
        if keep:
            KEPT.keep(ctx)
        return quotes
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a run
        if Doc.has_extension("pl_errors"):
            doc._.pl_errors = list(doc._.pl_errors or []) + [error("PL070", reason=repr(exc)[:200])]
        return []


def prepared(ctx: Context) -> tuple[list[tuple[Token, str]], set[int], Found]:
    """The cues of a Doc, and an empty ``Found`` with the salience its speakers are resolved against (the
    rules start from it; so does the merge with the learned attributions, ``merge.py``)."""
    cue_tokens, title_cues = find_cues(ctx)
    salience = Salience(ctx.sents, ctx.index, ctx.in_quote, ctx.cues)
    for tok, _ in cue_tokens:
        subj = subject_of(tok, ctx.cues)
        if subj is not None:
            salience.speaker_tokens.add(subj.i)
    salience.build()
    ctx.salience = salience
    return cue_tokens, title_cues, Found(ctx, salience)


def run_rules(ctx: Context) -> list[Quote]:
    """The rules in order (headline sources, a transcript's turns, direct quotes, then, with a parse,
    according-to and reported clauses); the quotes numbered in text order."""
    cue_tokens, title_cues, found = prepared(ctx)
    title_colon(found)
    transcript_turns(found)
    direct_quotes(found)
    if ctx.parsed:
        announced_paragraphs(found)
        according_to(found)
        indirect_quotes(found, cue_tokens, title_cues)
        title_says(found)
        in_a_poll(found)
        reportedly(found)
    return found.numbered()


def find_cues(ctx: Context) -> tuple[list[tuple[Token, str]], set[int]]:
    """Every cue outside quotation marks in the body (verbs, and predicate adjectives of cognition), and
    the cues of a headline's reported clause ("Poll Finds Clinton Would Beat Trump"; not its objects, which
    in a headline are mostly the story's topic: "IRGC Reiterates Iran's Support for Palestine")."""
    cues: list[tuple[Token, str]] = []
    title_cues: set[int] = set()
    if not ctx.parsed:
        return cues, title_cues
    for sent in ctx.sents:
        for tok in sent:
            if ctx.in_quote(tok.idx) or not ctx.in_body(tok.idx):
                continue
            kind = cue_kind(tok, ctx.cues)
            if kind is None and tok.pos_ == "ADJ" and tok.lemma_.lower() in ctx.cues.adjectives and tok.dep_ in ("acomp", "oprd", "ccomp"):
                kind = "cognition"
            if kind:
                cues.append((tok, kind))
    for start, end, _ in block_ranges(ctx.doc, {"title"}, without_blocks="nothing"):
        for tok in ctx.tokens(start, end):
            if start <= tok.idx < end and cue_kind(tok, ctx.cues) and any(c.dep_ in CONTENT_DEPS for c in tok.children):
                cues.append((tok, str(cue_kind(tok, ctx.cues))))
                title_cues.add(tok.i)
    return cues, title_cues
