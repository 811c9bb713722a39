"""Train a spaCy span categoriser for persuasion techniques from data in SemEval-2020 Task 11's format.

Data (``--data DIR``, searched recursively): articles ``article<ID>.txt`` and one or more labels files
``*.labels`` whose lines are ``ID<TAB>technique<TAB>start<TAB>end`` (character offsets into the article,
end exclusive), as SemEval's ``train-labels-task-flc-tc`` / ``task2-TC`` files. The model is a blank English
pipeline with one ``spancat`` (n-gram suggester, 1 to ``max_span_tokens`` tokens), saved with
``nlp.to_disk``. ``presslens analyze --framing-model PATH`` (or $PRESSLENS_FRAMING_MODEL) makes the framing
component add its spans, voice-split like the rest, with ``rule: "model:spancat"`` and a ``score``.

Pure functions, no command line: ``presslens train framing`` (``cli/train.py``) calls ``train`` and ``evaluate``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import PresslensError
from ..extract.framing.model import SPANS_KEY, load_framing_model, predict_spans

__all__ = ["evaluate", "load_framing_model", "make_docs", "predict_spans", "read_semeval", "train"]

_ARTICLE_RE = re.compile(r"^article(\w+)\.txt$")


def read_semeval(data: str | Path) -> tuple[dict[str, str], list[tuple[str, str, int, int]], int]:
    """Articles by ID, label rows (ID, technique, start, end), and the number of unreadable label lines."""
    root = Path(data)
    if not root.is_dir():
        raise PresslensError("PL091", path=str(root), reason="it is not a folder")
    articles: dict[str, str] = {}
    for path in sorted(root.rglob("article*.txt")):
        m = _ARTICLE_RE.match(path.name)
        if m:
            articles[m.group(1)] = path.read_text(encoding="utf-8", errors="replace")
    rows: list[tuple[str, str, int, int]] = []
    bad = 0
    for path in sorted(root.rglob("*.labels")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            try:
                art, technique, start, end = parts[0], parts[1], int(parts[2]), int(parts[3])
            except (IndexError, ValueError):
                bad += 1
                continue
            text = articles.get(art)
            if text is None or not 0 <= start < end <= len(text):
                bad += 1
                continue
            rows.append((art, technique, start, end))
    if not articles:
        raise PresslensError("PL091", path=str(root), reason="it holds no article<ID>.txt files")
    if not rows:
        raise PresslensError("PL091", path=str(root), reason=f"no usable labels lines in *.labels files ({bad} unreadable)")
    return articles, rows, bad


def make_docs(nlp: Language, articles: dict[str, str], rows: Iterable[tuple[str, str, int, int]]) -> tuple[list[Doc], int]:
    """One Doc per article with its labelled spans in ``doc.spans["sc"]``; and how many spans did not align."""
    by_article: dict[str, list[tuple[str, int, int]]] = {}
    for art, technique, start, end in rows:
        by_article.setdefault(art, []).append((technique, start, end))
    docs: list[Doc] = []
    missed = 0
    for art, text in sorted(articles.items()):
        doc = nlp.make_doc(text)
        spans = []
        for technique, start, end in by_article.get(art, []):
            span = doc.char_span(start, end, label=technique, alignment_mode="expand")
            if span is None or not len(span):
                missed += 1
                continue
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        docs.append(doc)
    return docs, missed


def train(data: str | Path, output: str | Path, iterations: int = 30, max_span_tokens: int = 10,
          threshold: float = 0.5, seed: int = 0) -> dict[str, Any]:
    """Train and save a span categoriser; returns what was learnt from (counts, labels, last loss)."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    articles, rows, bad = read_semeval(data)
    nlp = spacy.blank("en")
    nlp.add_pipe("spancat", config={
        "spans_key": SPANS_KEY,
        "threshold": threshold,
        "suggester": {"@misc": "spacy.ngram_range_suggester.v1", "min_size": 1, "max_size": max_span_tokens},
    })
    docs, missed = make_docs(nlp, articles, rows)
    labels = sorted({label for _, label, _, _ in rows})
    spancat = nlp.get_pipe("spancat")
    for label in labels:
        spancat.add_label(label)  # type: ignore[attr-defined]
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    losses: dict[str, float] = {}
    for _ in range(iterations):
        rng.shuffle(examples)
        losses = {}
        for batch in minibatch(examples, size=8):
            nlp.update(batch, drop=0.1, sgd=optimizer, losses=losses)
    nlp.meta["name"] = "presslens_framing"
    nlp.meta["description"] = "presslens persuasion-technique span categoriser (SemEval-2020 Task 11 labels)"
    nlp.meta["presslens"] = {"labels": labels, "max_span_tokens": max_span_tokens}
    out = Path(output)
    try:
        nlp.to_disk(out)
    except OSError as exc:
        raise PresslensError("PL093", path=str(out), reason=str(exc)) from exc
    too_long = sum(1 for d in docs for s in d.spans[SPANS_KEY] if len(s) > max_span_tokens)
    return {"articles": len(articles), "spans": len(rows), "unaligned": missed, "unreadable_lines": bad,
            "longer_than_suggester": too_long, "labels": labels, "iterations": iterations,
            "loss": round(losses.get("spancat", 0.0), 4), "output": str(out)}


def evaluate(model: Language, data: str | Path) -> dict[str, Any]:
    """Span precision, recall and F1 on labelled data: a prediction counts when it overlaps a gold span of the
    same technique (each gold span matched at most once); a simpler cousin of SemEval's partial-overlap score."""
    articles, rows, _ = read_semeval(data)
    gold: dict[str, list[tuple[str, int, int]]] = {}
    for art, technique, start, end in rows:
        gold.setdefault(art, []).append((technique, start, end))
    tp = n_pred = 0
    for art, text in articles.items():
        doc = model.make_doc(text)
        preds = predict_spans(model, doc)
        n_pred += len(preds)
        free = list(gold.get(art, []))
        for s, e, label, _ in preds:
            hit = next((g for g in free if g[0] == label and g[1] < e and s < g[2]), None)
            if hit:
                tp += 1
                free.remove(hit)
    n_gold = len(rows)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"predicted": n_pred, "gold": n_gold, "matched": tp, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3)}
