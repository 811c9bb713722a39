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
"""

from __future__ import annotations

import re

from ..common import fold_name
from ..entities.gazetteer import gazetteer
from ..entities.names import surnames
from .found import Found
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
