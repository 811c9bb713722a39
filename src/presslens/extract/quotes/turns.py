"""The turns of a transcript printed without quotation marks: each paragraph that opens with a speaker's
label in capitals is a direct quote of that speaker (rule ``transcript``)::

    TAPPER: Do you think he has campaigned as a racial healer?
    FALLIN: I think he is trying to campaign as a racial healer.

PolNeAR annotates such turns as attributions whose cue is the colon (train: 2 articles, 11 turns). A label is
a speaker only when it can be one: 1-4 words in capitals, no rubric ("UPDATE:", "EXCLUSIVE:", "WATCH:"; the
``title_rubrics`` and ``turn_rubrics`` of ``data/cues.json``), no place (a dateline such as "NEW DELHI:"), no
single letter ("Q:", "A:": who asks is not named). It must name a person of the article ("FALLIN" for
"Governor Mary Fallin"), or the article must hold at least ``MIN_TURNS`` labelled turns (a transcript), so
that one capitalised lead-in is not a speaker. A turn's content is its paragraph after the colon; the quotes
the other rules find inside it are not kept beside it (nested attributions are not, ``Found.overlaps_existing``).

A paragraph without quotation marks announced by a short paragraph of its own, a subject and a bare verb of
saying before a colon (``Limbaugh added:``), is that subject's block quote (``announced_paragraphs``).
"""

from __future__ import annotations

import re

from ..common import fold_name
from ..entities.gazetteer import gazetteer
from ..entities.names import surnames
from .clauses import subject_of
from .found import Found
from .marks import ALL_MARKS
from .speakers import Resolved

LABEL = re.compile(r"^[ \t]*([A-Z][A-Za-z'’.\-]*(?: [A-Z][A-Za-z'’.\-]*){0,3}):[ \t]+(?=\S)", re.MULTILINE)
MIN_TURNS = 2  # labelled turns that make an article a transcript when no label names a person of it
MAX_TURNS = 400  # labels read per article: a hostile text of a million "ABC: ..." lines stays cheap
NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


def transcript_turns(f: Found) -> None:
    """Every labelled turn of the body (see the module's docstring), in text order."""
    ctx = f.ctx
    text = ctx.text
    turns: list[tuple[int, int, int, int, str | None]] = []
    people: dict[str, str | None] = {}
    for m in LABEL.finditer(text):
        if len(turns) >= MAX_TURNS:
            break
        ss, se = m.span(1)
        label = text[ss:se]
        if label not in people:
            people[label] = person_named(f, label)
        if not ctx.in_body(ss) or ctx.in_quote(ss) or not speaker_label(f, ss, se, people[label]):
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        ce = end
        while ce > m.end() and text[ce - 1].isspace():
            ce -= 1
        if len(text[m.end() : ce].split()) < 2:
            continue
        turns.append((ss, se, m.end(), ce, people[label]))
    if len(turns) < MIN_TURNS and not any(t[4] for t in turns):
        return
    for ss, se, cs, ce, eid in turns:
        if covered(f, cs, ce):
            continue
        sp: Resolved = {"entity": eid, "text": text[ss:se], "start": ss, "end": se, "rule": "transcript", "anonymous": False}
        f.emit("direct", (cs, ce), None, sp, rule="transcript")


def speaker_label(f: Found, start: int, end: int, person: str | None) -> bool:
    """Whether the capitalised words at [start, end) before a colon can be a speaker's label (``person``: the
    id of the article's person they name, or None)."""
    label = f.ctx.text[start:end]
    letters = [c for c in label if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    words = [w.strip(".'’-").lower() for w in label.split()]
    rubrics = f.ctx.cues.title_rubrics | f.ctx.cues.turn_rubrics
    if words[0] in rubrics or " ".join(words) in rubrics:
        return False
    span = f.ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and any(t.ent_type_ in NOT_SPEAKERS for t in span):
        return False
    ent = f.ctx.index.canonical_at(start, end)
    if ent is not None and ent.get("label") != "PERSON":
        return False
    return person is not None or gazetteer().lookup_place(label.title()) is None


def person_named(f: Found, label: str) -> str | None:
    """The id of the article's person a label names: the whole name, or its surname alone ("FALLIN")."""
    index = f.ctx.index
    folded = fold_name(label)
    eid = index.names.get(folded)
    if eid is not None and index.label(eid) == "PERSON":
        return index.canonical(eid)
    last = folded.split()[-1]
    for e in index.entities:
        if e.get("label") == "PERSON" and last in surnames(str(e.get("name", ""))):
            return index.canonical(str(e["id"]))
    return None


def covered(f: Found, start: int, end: int) -> bool:
    """Whether quotes already found hold at least half of [start, end) (a turn in quotation marks)."""
    held = sum(max(0, min(end, q["content"]["end"]) - max(start, q["content"]["start"])) for q in f.quotes)
    return held >= 0.5 * (end - start)


ANNOUNCING = frozenset({"speech", "assert", "write"})  # cue kinds that announce a block of words
BARE_ANNOUNCER = frozenset({"nsubj", "advmod", "aux", "punct", "npadvmod", "cc"})  # "Limbaugh then added:"
ANNOUNCER_WORDS = 12  # an announcing paragraph ("Limbaugh added:") is one short sentence
MIN_ANNOUNCED_WORDS = 5


def announced_paragraphs(f: Found) -> None:
    """A paragraph without quotation marks that a short paragraph of its own announces with a verb of saying and
    a colon (``Limbaugh added:`` / ``And from a supposed front-runner, ...``): a block quote, direct, of the
    announcer's subject (rule ``announced``; PolNeAR annotates the paragraph as the content, dev 2 of 2). A
    paragraph that opens with a quotation is the direct rules' (``direct.announcing_cue``)."""
    ctx = f.ctx
    text = ctx.text
    read = 0
    for bi in range(len(ctx.blocks) - 1):
        ps, pe = ctx.blocks[bi]
        lead = text[ps:pe].rstrip() if pe - ps <= 20 * ANNOUNCER_WORDS else ""
        if not lead.endswith(":") or not ctx.in_body(ps) or len(lead.split()) > ANNOUNCER_WORDS:
            continue
        read += 1
        if read > MAX_TURNS:
            break  # a hostile text of a million "He said:" paragraphs stays cheap (``covered`` reads every quote)
        ns, ne = ctx.blocks[bi + 1]
        while ns < ne and text[ns].isspace():
            ns += 1
        while ne > ns and text[ne - 1].isspace():
            ne -= 1
        body = text[ns:ne]
        if len(body.split()) < MIN_ANNOUNCED_WORDS or body[:1] in ALL_MARKS or body.endswith(":") or covered(f, ns, ne):
            continue
        verbs = [t for t in ctx.tokens(ps, pe) if ps <= t.idx < pe and t.pos_ == "VERB" and t.dep_ == "ROOT"
                 and ctx.cues.kind(t.lemma_.lower()) in ANNOUNCING and t.i not in f.used_cues]
        subj = subject_of(verbs[0], ctx.cues) if len(verbs) == 1 else None
        if subj is None or any(c.dep_ not in BARE_ANNOUNCER for c in verbs[0].children):
            continue  # "He listed the qualities:", "She spoke out against Trump:": what follows need not be her words
        sp, addr = f.speaker(verbs[0], subj, rule="announced")
        if sp is None:
            continue
        f.used_cues.add(verbs[0].i)
        f.emit("direct", (ns, ne), (verbs[0].idx, verbs[0].idx + len(verbs[0].text)), sp, addr, rule="announced")
