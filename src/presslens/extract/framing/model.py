"""The span categoriser trained with ``presslens train framing``, used beside the rules: loaded once per
pipeline (``load_framing_model``, PL090 when it is not one), and its technique spans on a Doc, read off the
Doc's own tokens (``predict_spans``)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...errors import PresslensError

SPANS_KEY = "sc"


def load_framing_model(path: str | Path) -> Language:
    """Load a model saved by ``train``; PL090 when it is missing or has no span categoriser."""
    import spacy

    try:
        nlp = spacy.load(path)
    except (OSError, ValueError, ImportError) as exc:
        raise PresslensError("PL090", path=str(path), reason=str(exc).splitlines()[0]) from exc
    if "spancat" not in nlp.pipe_names:
        raise PresslensError("PL090", path=str(path), reason="it has no spancat component")
    return nlp


def predict_spans(model: Language, doc: Doc) -> list[tuple[int, int, str, float]]:
    """Technique spans (start char, end char, label, score) on a Doc, reusing its tokens: no re-tokenising."""
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    mdoc = Doc(model.vocab, words=words, spaces=spaces)
    for _, proc in model.pipeline:
        mdoc = proc(mdoc)
    spans = mdoc.spans.get(SPANS_KEY, [])
    scores = spans.attrs.get("scores") if hasattr(spans, "attrs") else None
    out: list[tuple[int, int, str, float]] = []
    for i, span in enumerate(spans):
        score = float(scores[i].max()) if scores is not None and len(scores) > i else 1.0
        start, end = doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1].text)
        out.append((start, end, span.label_, score))
    return out
