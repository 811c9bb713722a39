"""Hand-built Docs for the fact extractors' logic tests (dates, claims, events): no model is loaded.

``hand_doc(rows, published=...)`` takes one row per token, ``(word, pos, tag, dep, head_offset, lemma,
ent)`` (the head as an offset from the token: 0 for the root), and returns a Doc with sentence starts,
lemmas, entities and the presslens extensions set as the pipeline would: the whole text one paragraph, the
entities one per distinct entity text.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from presslens.pipeline.extensions import register_extensions

Row = tuple[str, str, str, str, int, str, str]

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num), no pipeline


def hand_doc(rows: list[Row], published: str | None = "2021-05-22", quotes: list[dict[str, Any]] | None = None) -> Doc:
    register_extensions()
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (".", ",", "%", "'s") for i in range(len(rows))]
    heads = [i + r[4] for i, r in enumerate(rows)]
    ents: list[str] = []
    for i, r in enumerate(rows):
        label = r[6]
        if not label:
            ents.append("O")
        elif i > 0 and rows[i - 1][6] == label and ents[-1] != "O":
            ents.append(f"I-{label}")
        else:
            ents.append(f"B-{label}")
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=heads,
        lemmas=[r[5] for r in rows],
        ents=ents,
    )
    text = doc.text
    doc._.pl_article = {
        "title": "",
        "outlet": None,
        "published": published,
        "text": text,
        "blocks": [{"kind": "paragraph", "start": 0, "end": len(text)}],
    }
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    for ent in doc.ents:
        key = (ent.text, ent.label_)
        if key not in entities:
            entities[key] = {
                "id": f"E{len(entities) + 1}", "name": ent.text, "label": ent.label_, "mentions": [], "titles": [],
                "country": None,
            }
        entities[key]["mentions"].append({"start": ent.start_char, "end": ent.end_char, "text": ent.text})
    doc._.pl_entities = list(entities.values())
    doc._.pl_quotes = list(quotes or [])
    doc._.pl_dates = []
    return doc
