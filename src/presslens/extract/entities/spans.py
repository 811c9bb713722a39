"""NER spans repaired before they become mentions (``mentions.py``): two touching PERSON spans as one name,
a verb or an adverb NER ran into left out."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .namewords import NameWords


def joined_people(doc: Doc) -> list[Span]:
    """spaCy's entities, with two PERSON spans that touch (one space between, no mark) as one name: NER cuts
    "Abbas Mousavi" into "Abbas" and "Mousavi"."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.label_ == ent.label_ == "PERSON" and ent.start == prev.end
                and doc[prev.end - 1].whitespace_ == " " and doc[prev.end - 1].is_alpha and doc[ent.start].is_title):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def past_verbs(doc: Doc, t0: int, t1: int, w: NameWords) -> tuple[int, int]:
    """A name's tokens without the verb NER ran into: a sentence's opening participle ("Rejecting Zelensky's
    figures, ..."), a headline's capitalised verb after it ("Lula da Silva Wins Presidency"); nor a lower-case
    adverb after it ("said Castaignede ahead of the tie")."""
    while t1 - t0 > 1 and doc[t0].is_sent_start and doc[t0].tag_ in ("VBG", "VBD", "VBN") and doc[t0].is_alpha:
        t0 += 1
    while t1 - t0 > 1 and doc[t1 - 1].lower_ in w.headline_verbs and doc[t1 - 1].text[:1].isupper():
        t1 -= 1
    while t1 - t0 > 1 and doc[t1 - 1].tag_ in ("RB", "RBR", "RP") and doc[t1 - 1].text.islower():
        t1 -= 1
    return t0, t1
