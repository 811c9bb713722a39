"""PolNeAR -> spaCy DocBin: each article parsed once by the pinned pipeline, gold attributions attached.

The Docs are what presslens's pipeline sees at run time: the structured article's text (lines as blocks),
block-bounded sentences (``presslens_blocks``), the md pipeline's tags, parse, lemmas and entities, and its
shared ``tok2vec`` output (``doc.tensor``, stored as float16 in ``user_data`` since a DocBin keeps no tensor).
The gold, in article character offsets, is ``user_data["pl_attributions"]``: a list of ``{"content":
[[s, e], ...], "cue": [...], "source": [...]}``. The rules' quotes (``presslens_quotes``, which the model
reads as features, as it does ``doc._.pl_quotes`` at run time) are ``user_data["pl_rule_quotes"]``. Doing the md work here, once, keeps every training epoch to
the attribution model's own cost (it is the frozen, annotating part of the pipeline).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .polnear import data_digest, load_article, read_ann, split_items

GOLD_KEY = "pl_attributions"
TENSOR_KEY = "pl_tensor"
NAME_KEY = "pl_name"
RULES_KEY = "pl_rule_quotes"
MD_PIPES = ("tok2vec", "tagger", "presslens_blocks", "parser", "attribute_ruler", "lemmatizer", "ner",
            "presslens_entities", "presslens_quotes")


def annotated_docs(nlp: Language, items: list[tuple[str, Path, Path]], batch_size: int = 16) -> Iterator[Doc]:
    """The parsed Docs of PolNeAR items with their gold attributions (see the module's docstring)."""
    from ...pipeline.extensions import register_extensions

    register_extensions()

    def raw_docs() -> Iterator[tuple[Doc, dict[str, Any]]]:
        for name, txt, ann in items:
            loaded = load_article(txt, name)
            if loaded is None:
                continue
            article, fmap = loaded
            doc = nlp.make_doc(article["text"])
            doc._.pl_article = article
            golds = [
                {"content": fmap.pieces(g.content), "cue": fmap.pieces(g.cue), "source": fmap.pieces(g.source)}
                for g in read_ann(ann)
            ]
            yield doc, {GOLD_KEY: [g for g in golds if g["content"]], NAME_KEY: name}

    enable = [p for p in MD_PIPES if p in nlp.pipe_names]
    with nlp.select_pipes(enable=enable):
        for doc, ctx in nlp.pipe(raw_docs(), as_tuples=True, batch_size=batch_size):
            doc.user_data.update(ctx)
            doc.user_data[TENSOR_KEY] = numpy.asarray(doc.tensor, dtype="float16")
            doc.user_data[RULES_KEY] = rule_quotes(doc)
            doc._.pl_article = doc._.pl_entities = doc._.pl_quotes = None
            yield doc


def rule_quotes(doc: Doc) -> list[dict[str, Any]]:
    """The rules' quotes (``presslens_quotes``), reduced to what the model reads of them."""
    return [{k: ([q[k]["start"], q[k]["end"]] if q.get(k) else None) for k in ("cue", "content", "speaker")}
            | {"rule": str(q.get("rule"))} for q in doc._.pl_quotes or []]


def convert_split(nlp: Language, data: Path, split: str, output: Path, limit: int | None = None) -> dict[str, Any]:
    """Write ``output`` (a .spacy file) for one split; returns its counts and data digest."""
    items = split_items(data, split, limit)
    db = DocBin(store_user_data=True)
    n_docs = n_gold = n_tokens = 0
    for doc in annotated_docs(nlp, items):
        db.add(doc)
        n_docs += 1
        n_gold += len(doc.user_data[GOLD_KEY])
        n_tokens += len(doc)
    output.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(output)
    info = {"split": split, "articles": n_docs, "attributions": n_gold, "tokens": n_tokens,
            "digest": data_digest(items), "limit": limit, "path": str(output)}
    output.with_suffix(".json").write_text(json.dumps(info), encoding="utf-8")
    return info


def converted(data: Path, split: str, output: Path, limit: int | None = None) -> dict[str, Any] | None:
    """What ``convert_split`` wrote to ``output`` before (its ``.json`` beside it), when it was the same data
    (digest and limit) and the file is still there; else None. A ``--work-dir`` kept from an earlier run
    so skips the md parse (the converted Docs also hold the rules' quotes: convert again after changing them)."""
    meta = output.with_suffix(".json")
    if not (meta.is_file() and output.is_file()):
        return None
    info: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
    same = info.get("digest") == data_digest(split_items(data, split, limit)) and info.get("limit") == limit
    return {**info, "path": str(output)} if same else None


def restore_tensor(doc: Doc) -> Doc:
    """Put the stored md ``tok2vec`` output back on ``doc.tensor``."""
    stored = doc.user_data.get(TENSOR_KEY)
    if stored is not None:
        doc.tensor = numpy.asarray(stored, dtype="float32")
    return doc
