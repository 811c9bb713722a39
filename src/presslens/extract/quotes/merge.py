"""The quotes the record reads: the rules' quotes (stage 1, ``presslens_quotes``) merged with the learned
attributions (stage 2, ``presslens_attribution``, ``learned.py``, which reads the rules' quotes as features).

``merge_quotes(doc)`` (stage 3, ``presslens_quote_merge``) writes ``doc._.pl_quotes`` anew:

- a learned attribution is kept when its cue probability reaches ``threshold`` (None: the model's own,
  selected on PolNeAR dev for the model alone; the component's default is selected on dev for the merge
  with ``bench/attribution_sweep.py``), or reaches ``confirm`` and a rule quote matches it (their contents
  overlap by half of each); one that overlaps rule quotes without matching any replaces them only from
  ``replace`` up (below, the rules' boundaries are more often right on dev);
- its content is first cut where the rules cut theirs (``cut_content``: a semicolon, a trailing concession, a
  dash's apposition; an object before the occasion of the act), so both are compared on the same boundaries;
- its content is snapped to the quote marks: white space, marks and a trailing comma trimmed; inside one
  quoted stretch it becomes the stretch's words (``direct``); a content holding quoted stretches is
  ``mixed`` (``fragments``), one without is ``indirect``;
- its speaker is the model's source token resolved by the rules' ``resolve_speaker`` (names, pronouns,
  role phrases, unnamed sources; the addressee as the rules find it), rule ``model-source`` where the
  source names the entity itself. Where a rule quote matches the attribution (path ``both``) the rule's
  kind and addressee stay, and its speaker too when it overlaps the model's source or the model gives none;
  the content is the model's where both read the same kind of quote (indirect or mixed: its boundaries are
  PolNeAR's more often, without the leading complementizer "that" the rules leave out too) and the rule's
  for a quoted stretch, unless the model's content holds the stretch with the words before it (a mixed
  quote: ``the holiday “a celebration of ...”``, ``model_content_wins``);
- an attribution no rule quote matches, with its cue outside the body (a headline, caption or heading), is
  kept only when the cue has a clausal complement ("Poll Finds Clinton Would Beat Trump"), as the rules
  read headlines, or from ``HEADLINE_THRESHOLD`` up in a headline ("Judge Rejects New York Times Request to
  Unseal ...", which PolNeAR annotates; dev +5 right of +8 against 0.8) and ``CAPTION_THRESHOLD`` in a
  caption or heading (not the seed caption's "a ceasefire unilaterally declared by Tel Aviv", at 0.72);
- an attribution whose content holds its own cue (quoted stretches around ``he said``) gives way to the
  rule quotes it overlaps, which split it;
- a rule quote that overlaps no kept attribution stays as it is (path ``rules``: continuation paragraphs
  without a cue, colon and dash speakers, headline sources); a continuation follows the speaker of the
  quote it continues.

The merge starts from the rules' ``Context`` and salience, kept for it by ``presslens_quotes``
(``quotes.KEPT``), and derives them itself only where none was kept: the same quotes, at a third of the cost.

Every quote says its ``path`` (``model``, ``rules``, ``both``), and a learned one its cue probability
(``score``). ``bench/attribution.py`` reports the figures per path.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ...errors import error
from ...record.types import Quote
from ..common import Intervals
from .agents import speaking_head, subject_over
from .clauses import Context, addressee_of, is_thing, learned_no_saying
from .content import CONTENT_DEPS, core_end, cut_tail
from .content import fragments as fragments_in
from .cues import Cues
from .found import Found
from .marks import ALL_MARKS
from .quotes import KEPT, prepared
from .speakers import Resolved

TRIM_END = frozenset(",;:")
NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod"})
# selected on PolNeAR dev (``bench/attribution_sweep.py``): the merge's cue probability thresholds
MERGE_THRESHOLD = 0.6
MERGE_REPLACE = 0.85
HEADLINE_THRESHOLD = 0.6  # a headline's cue without a clause (PolNeAR annotates "Judge Rejects ... Request")
CAPTION_THRESHOLD = 0.8  # a caption's or heading's (the seed's "a ceasefire declared by Tel Aviv", at 0.72)
PLACED_SPEAKERS = frozenset({"title-says"})  # rules whose speaker is where the words put it ("... says HP"): the model's stays out
MIXED_COVER = 0.8  # the share of a rule's quoted stretch the model's mixed content holds (``model_content_wins``)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two contents overlap by at least half of each (``bench/attribution.py``'s rule)."""
    ov = overlap(a, b)
    return ov > 0 and ov >= 0.5 * (a[1] - a[0]) and ov >= 0.5 * (b[1] - b[0])


def bounds(part: Any) -> tuple[int, int]:
    return int(part["start"]), int(part["end"])


def snapped(ctx: Context, start: int, end: int) -> tuple[int, int, str, list[tuple[int, int]]]:
    """A learned content snapped to the quote marks: (start, end, kind, quoted fragments)."""
    text = ctx.text
    while start < end and (text[start].isspace() or text[start] in ALL_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ALL_MARKS or text[end - 1] in TRIM_END):
        end -= 1
    for k in ctx.tops_from(start, end + 1):  # a quotation the content opens ends with its closing mark ('had "ignored every offer"')
        q = ctx.tops[k]
        opens, close = q["open"], q["close"]
        if opens is not None and close is not None and start < opens < end <= close and not text[end:close].strip(".,;:!? "):
            end = close + 1
    j = ctx.quote_around(start, end)
    if j is not None:
        q = ctx.tops[j]
        if overlap((start, end), (q["start"], q["end"])) >= 0.5 * (q["end"] - q["start"]):
            return q["start"], q["end"], "direct", []
        return start, end, "direct", []
    fragments = fragments_in(ctx, start, end)
    return start, end, ("mixed" if fragments else "indirect"), fragments


def cut_content(ctx: Context, attr: dict[str, Any]) -> dict[str, Any]:
    """A learned attribution with its content cut where the rules cut theirs (``content.cut_tail``: before an
    appended act of the speaker, a semicolon, a non-restrictive relative clause, a concession, a last dash's
    aside; an object before the occasion of the act, ``content.core_end``), so that the two are compared,
    and kept, on the same boundaries."""
    start, end = bounds(attr["content"])
    cue = token_at(ctx.doc, attr["cue"])
    adj = stance_predicate(cue, ctx.cues) if cue is not None else None
    if adj is not None:  # "has been critical of Trump": the cue is the adjective, as the rules read it
        cue = adj
        attr = {**attr, "cue": {**attr["cue"], "start": adj.idx, "end": adj.idx + len(adj.text), "text": adj.text}}
    lo, hi = cut_tail(ctx, start, end, appended=False, cue=cue)
    hi = min(hi, own_clause_end(ctx, cue, lo, hi)) if cue is not None else hi
    obj = object_at(cue, lo) if cue is not None else None
    last = ctx.doc.char_span(lo, hi, alignment_mode="contract") if obj is not None else None
    if cue is not None and obj is not None and last is not None and len(last) and last[-1].i > obj.i:
        tok = core_end(cue, obj, last[-1], ctx.cues)
        hi = min(hi, tok.idx + len(tok.text))
    while hi > lo and ctx.text[hi - 1].isspace():
        hi -= 1
    if (lo, hi) == (start, end) or hi <= lo:
        return attr
    return {**attr, "content": {**attr["content"], "start": lo, "end": hi, "text": ctx.text[lo:hi]}}


def own_clause_end(ctx: Context, cue: Token, lo: int, hi: int) -> int:
    """Where a content must end when its cue's clause is an adverbial clause of a verb after it that the content
    reaches, from outside it: at the end of that clause ("Though she called for compensation to be “clawed
    back”, Clinton restricted comments ...": what Clinton restricted is not what she called for); not when
    that verb is quoted."""
    h = cue
    while h.dep_ in ("conj", "xcomp") and h.head.i < h.i:
        h = h.head
    if h.dep_ != "advcl" or h.head.i < cue.i or not lo <= h.head.idx < hi or lo <= cue.idx < hi:
        return hi
    if ctx.in_quote(h.head.idx):  # 'was asked, “If you had known ..., would you have told ...?”': a misparse
        return hi
    last = h.right_edge
    while last.i > cue.i and (last.is_punct or last.dep_ == "cc"):
        last = last.nbor(-1)
    return last.idx + len(last.text)


def stance_predicate(cue: Token, cues: Cues) -> Token | None:
    """The stance adjective a learned cue on its copula stands for (``has been critical of``: the model's cue
    is ``been``; ``cues.json`` ``adjectives``), or None."""
    if cue.lemma_.lower() != "be":
        return None
    return next((c for c in cue.children if c.dep_ == "acomp" and c.lemma_.lower() in cues.adjectives), None)


def modifies_its_cue(doc: Doc, attr: dict[str, Any], cue: Token) -> bool:
    """Whether a learned content is only modifiers of the cue's own noun (``Council Notes``, a headline read
    as content ``Council`` and cue ``Notes``): no one's words."""
    start, end = bounds(attr["content"])
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span[-1].i >= cue.i:
        return False
    root = span.root
    return root.head.i == cue.i and root.dep_ in NOUN_MODIFIERS


def object_at(cue: Token, start: int) -> Token | None:
    """The cue's object whose phrase starts at ``start``: a direct object, or the object of the cue's own
    preposition ("called for more school investment in a statement on Thursday")."""
    for c in cue.children:
        if c.dep_ == "dobj" and c.left_edge.idx == start:
            return c
        if c.dep_ == "prep":
            pobj = next((g for g in c.children if g.dep_ == "pobj" and g.left_edge.idx == start), None)
            if pobj is not None:
                return pobj
    return None


def token_at(doc: Doc, part: Any) -> Token | None:
    span = doc.char_span(int(part["start"]), int(part["end"]), alignment_mode="expand") if part else None
    return span.root if span is not None and len(span) else None


def reports_a_clause(doc: Doc, attr: dict[str, Any]) -> bool:
    cue = token_at(doc, attr["cue"])
    return cue is not None and any(c.dep_ in CONTENT_DEPS for c in cue.children)


def model_speaker(found: Found, attr: dict[str, Any]) -> tuple[Resolved | None, Token | None]:
    """The speaker the model's source names, resolved as the rules resolve a subject, and the addressee."""
    doc = found.ctx.doc
    cue = token_at(doc, attr["cue"])
    head = source_token(doc, attr)
    if head is None:
        return None, addressee_of(cue, found.ctx.cues) if cue is not None else None
    return found.speaker(cue, speaking_head(subject_over(head, cue)), "model-source")


def source_token(doc: Doc, attr: dict[str, Any]) -> Token | None:
    """The token of the model's source; past a possessive mark to its owner ("Yukos's argument")."""
    head = token_at(doc, attr.get("source"))
    if head is not None and head.dep_ == "case" and head.head.i != head.i:
        return head.head
    return head


def thing_source(doc: Doc, attr: dict[str, Any], cue: Token | None, cues: Cues) -> bool:
    """Whether the model's source, with no rule quote beside it, is a thing rather than someone or a source
    PolNeAR gives (``clauses.is_thing``): on other outlets' news most such are no attribution ("the 12,000 job cuts
    announced last year", "Charles' songs cast their spell")."""
    head = source_token(doc, attr)
    if head is None or cue is None or head.i == cue.i or cue.pos_ in ("NOUN", "PROPN") and head.head.i == cue.i:
        return False  # "his criticism", "Obama's impending endorsement": a source inside a nominal cue's phrase
    return is_thing(speaking_head(subject_over(head, cue, conjuncts=False)), cues)


def model_content_wins(rule_q: Quote, q: Quote) -> bool:
    """Whether a matched pair keeps the model's content: the rule's is a quoted stretch (``direct``) that the
    model's starts before and holds (``MIXED_COVER`` of it): the words before the marks belong to the content
    (``called the holiday “a celebration ...”``, ``that Pyongyang “stop its dangerous escapades.”``). On
    PolNeAR dev, both halves, and a train slice, the exact figure rises (0.586 -> 0.597 on dev)."""
    rs, re_ = bounds(rule_q["content"])
    ms, me = bounds(q["content"])
    return rule_q["kind"] == "direct" and ms < rs and overlap((rs, re_), (ms, me)) >= MIXED_COVER * (re_ - rs)


def without_complementizer(ctx: Context, part: Any) -> Any:
    """A content without its leading complementizer, as the rules give theirs ("said [that,] if elected, ...")."""
    span = ctx.doc.char_span(int(part["start"]), int(part["end"]), alignment_mode="contract")
    if span is None or len(span) < 2 or span[0].lower_ != "that" or span[0].dep_ != "mark":
        return part
    rest = next((t for t in span[1:] if not t.is_punct or t.text in ALL_MARKS), None)
    if rest is None:
        return part
    return {**part, "start": rest.idx, "text": ctx.text[rest.idx : int(part["end"])]}


def clipped(text: str, part: Any, within: Any) -> Any:
    s, e = max(int(part["start"]), int(within["start"])), min(int(part["end"]), int(within["end"]))
    return {"text": text[s:e], "start": s, "end": e}


def learned_quote(found: Found, attr: dict[str, Any], rule_q: Quote | None) -> Quote | None:
    """The quote of a kept learned attribution (``rule_q``: the rule quote that matches it, if any)."""
    ctx = found.ctx
    start, end, kind, fragments = snapped(ctx, *bounds(attr["content"]))
    speaker, addressee = model_speaker(found, attr)
    q = found.emit(kind, (start, end), bounds(attr["cue"]), speaker, addressee, fragments)
    if q is None:
        return None
    q["path"], q["score"] = "model", float(attr.get("score", 1.0))
    if rule_q is None:
        return q
    keep: Quote = {**rule_q}
    if model_content_wins(rule_q, q):
        keep["content"], keep["kind"] = without_complementizer(ctx, q["content"]), "mixed"
        keep["fragments"] = q.get("fragments") or [clipped(ctx.text, rule_q["content"], q["content"])]
    elif (rule_q["kind"] == q["kind"] and q["kind"] in ("indirect", "mixed") and rule_q.get("cue") is not None
          and not overlap(bounds(q["content"]), bounds(attr["cue"]))):
        # a clause both read from a cue: the model's boundaries (exact on PolNeAR dev 0.614 -> 0.627), unless they
        # hold the cue itself; a headline's or a colon's quote keeps the rules' (no cue)
        keep["content"] = without_complementizer(ctx, q["content"])
        keep["fragments"] = q.get("fragments") or rule_q.get("fragments") or []
        if not overlap(bounds(rule_q["cue"]), bounds(attr["cue"])):
            keep["cue"] = q["cue"]
    src = attr.get("source")
    sp = rule_q.get("speaker")
    differs = src is not None and sp is not None and overlap(bounds(sp), bounds(src)) == 0
    if q["speaker"] is not None and (sp is None or differs) and rule_q.get("rule") not in PLACED_SPEAKERS:
        keep["speaker"], keep["rule"], keep["anonymous"] = q["speaker"], q["rule"], q["anonymous"]
    keep["path"], keep["score"] = "both", q["score"]
    found.quotes[-1] = keep
    found.groups[id(keep)] = found.groups.pop(id(q))
    return keep


def kept_attributions(attrs: list[dict[str, Any]], rules: list[Quote], threshold: float | None,
                      confirm: float | None, replace: float | None, doc: Doc) -> list[dict[str, Any]]:
    index = Intervals(bounds(r["content"]) for r in rules)
    rows = []
    for a in attrs:
        score, content = float(a.get("score", 1.0)), bounds(a["content"])
        sure = a.get("confident", True) if threshold is None else score >= threshold
        near = index.overlapping(content)
        matched = any(matches(content, bounds(rules[i]["content"])) for i in near)
        if not sure and confirm is not None and score >= confirm:
            sure = matched
        doubtful = sure and not matched and replace is not None and score < replace
        rows.append((a, sure, doubtful, near))
    # below ``replace``, an attribution may not split a rule quote, unless its cue is joined to the cue of a
    # kept one that replaces it ("told reporters that ... and warned that ...": the rules' one quote gives
    # way to "told" and "warned")
    heads: dict[int, list[int]] = {}  # a kept replacing attribution's cue token -> the rule quotes it overlaps
    for a, sure, doubtful, near in rows:
        tok = token_at(doc, a["cue"]) if sure and not doubtful else None
        if tok is not None:
            heads[tok.i] = near
    return [a for a, sure, doubtful, near in rows if sure and (not doubtful or not near or joined_to_kept(token_at(doc, a["cue"]), near, heads))]


def joined_to_kept(tok: Token | None, near: list[int], heads: dict[int, list[int]]) -> bool:
    """Whether a learned cue is a conjunct of a kept cue, or of the verb of its clause, whose attribution
    overlaps the same rule quotes."""
    if tok is None or tok.dep_ != "conj":
        return False
    head = tok.head.head if tok.head.dep_ in ("ccomp", "xcomp") else tok.head  # "told ... that X had ... and warned"
    return set(near) <= set(heads.get(head.i, ()))


def lowest_kept(threshold: float | None, confirm: float | None) -> float | None:
    """The lowest cue probability a merge with these settings can keep (None: the model's own threshold
    decides): the learned stage need not decode cues below it."""
    if threshold is None:
        return None
    return min(x for x in (threshold, confirm, HEADLINE_THRESHOLD, CAPTION_THRESHOLD) if x is not None)


def merge_quotes(doc: Doc, cues: Cues | None = None, threshold: float | None = None,
                 confirm: float | None = None, replace: float | None = None) -> list[Quote]:
    """The merged quotes of a Doc (see the module's docstring). Never raises: on an internal failure the
    rules' quotes stay as they are and PL070 is recorded on ``doc._.pl_errors``."""
    stage = KEPT.take(doc, cues)  # the rules' Context, kept for this merge (taken first: none stays behind)
    rules: list[Quote] = list(doc._.pl_quotes or [])
    attrs = doc._.pl_attributions if Doc.has_extension("pl_attributions") else None
    if not attrs:
        return [{**q, "path": "rules"} for q in rules]  # type: ignore[typeddict-item]
    try:
        ctx = stage or Context(doc, cues)
        attrs = [cut_content(ctx, a) for a in attrs]
        return merged(ctx, rules, kept_attributions(attrs, rules, threshold, confirm, replace, ctx.doc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a run
        if Doc.has_extension("pl_errors"):
            doc._.pl_errors = list(doc._.pl_errors or []) + [error("PL070", reason=repr(exc)[:200])]
        return rules


def outside_threshold(ctx: Context, char: int) -> float:
    """The cue probability a learned attribution outside the body needs without a clause: a headline's
    (``HEADLINE_THRESHOLD``), or a caption's or heading's (``CAPTION_THRESHOLD``)."""
    article = ctx.doc._.pl_article if Doc.has_extension("pl_article") else None
    for b in (article or {}).get("blocks") or []:
        if b.get("kind") == "title" and int(b["start"]) <= char < int(b["end"]):
            return HEADLINE_THRESHOLD
    return CAPTION_THRESHOLD


def merged(ctx: Context, rules: list[Quote], attrs: list[dict[str, Any]]) -> list[Quote]:
    found = Found(ctx, ctx.salience.fresh()) if ctx.salience is not None else prepared(ctx)[2]
    groups: dict[str, int] = {}  # a rule group's id -> its group in ``found``
    lead: dict[str, Quote] = {}  # a rule group's id -> the learned quote that took its place
    used: set[int] = set()
    kept = Intervals()  # the contents of the learned quotes kept so far
    kept_rows: list[tuple[int, int]] = []
    rule_index = Intervals(bounds(r["content"]) for r in rules)
    rule_cues: dict[tuple[int, int], list[Quote]] = {}  # the rule quotes by their cue's bounds
    for r in rules:
        if r.get("cue"):
            rule_cues.setdefault(bounds(r["cue"]), []).append(r)
    for a in sorted(attrs, key=lambda a: bounds(a["content"])):
        content, cue = bounds(a["content"]), bounds(a["cue"])
        if any(matches(content, kept_rows[k]) for k in kept.overlapping(content)):
            continue  # a second cue of the same content ("According to X: “…”" also scores the colon): one quote
        near = rule_index.overlapping(content)
        if content[0] < cue[0] and cue[1] < content[1] and near:
            continue  # quoted stretches around their own cue ("…,” he said. “…"): the rules split them
        best = max((i for i in near if i not in used and matches(content, bounds(rules[i]["content"]))),
                   key=lambda i: overlap(content, bounds(rules[i]["content"])), default=None)
        if best is None and not ctx.in_body(cue[0]) and a["score"] < outside_threshold(ctx, cue[0]) and not reports_a_clause(ctx.doc, a):
            continue  # a headline's or a caption's verb with an object, not a clause: often the story's topic
        if best is None and any(r.get("speaker") is not None and bounds(r["speaker"])[0] <= content[0]
                                and content[1] <= bounds(r["speaker"])[1] for r in rule_cues.get(cue, ())):
            continue  # the speaker a rule placed read as what was said ("More power to the people says HP": "HP")
        cue_tok = token_at(ctx.doc, a["cue"])
        if cue_tok is not None and modifies_its_cue(ctx.doc, a, cue_tok):
            continue  # "Council Notes": the content is a word of the cue's own noun phrase
        if cue_tok is not None and learned_no_saying(cue_tok, ctx.cues):
            continue  # the rules' gates hold for the model's cues too: an act of force, "Let's ...", ...
        if best is None and thing_source(ctx.doc, a, cue_tok, ctx.cues):
            continue  # "Charles' songs cast their spell on ...", "Concerns were also raised": a thing does no saying
        rule_q = rules[best] if best is not None else None
        group = groups.get(str(rule_q.get("group"))) if rule_q is not None else None
        q = learned_quote(found, a, rule_q)
        if q is None:
            continue
        kept.add(content)  # the model's content: on dev, the rule quotes it overlaps are mostly wrong
        kept_rows.append(content)
        if rule_q is not None and best is not None:
            used.add(best)
            key = str(rule_q.get("group", rule_q["id"]))
            if group is not None:
                found.groups[id(q)] = group
            groups.setdefault(key, found.groups[id(q)])
            lead.setdefault(key, q)
    for i, r in enumerate(rules):
        if i in used or kept.any_overlap(bounds(r["content"])):
            continue
        kept_q: Quote = {**r}
        key = str(r.get("group", r["id"]))
        prev = lead.get(key)
        if prev is not None and r.get("rule") == "continuation" and prev["speaker"] is not None:
            kept_q["speaker"], kept_q["anonymous"] = prev["speaker"], prev["anonymous"]
        kept_q["path"] = "rules"
        found.quotes.append(kept_q)
        found.groups[id(kept_q)] = groups.setdefault(key, len(found.quotes) - 1)
    return found.numbered()
