"""Orchestration only: raw article -> structure -> spaCy (with presslens components) -> record.

Each extractor lives in its own module under ``extract/`` as pure functions over a Doc, wrapped by a thin
component registered by name. ``add_components`` puts them in the loaded pipeline in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the factories)
from .errors import ErrorInfo, error
from .extensions import register_extensions
from .record import error_record, to_record
from .structure import build_article
from .types import RawArticle

# (factory name, where it goes); components later in the list read earlier ones' results.
COMPONENTS: list[tuple[str, dict[str, str]]] = [
    ("presslens_blocks", {"before": "parser"}),
    ("presslens_entities", {"last": "true"}),
    ("presslens_quotes", {"last": "true"}),
    ("presslens_dates", {"last": "true"}),
    ("presslens_claims", {"last": "true"}),
    ("presslens_events", {"last": "true"}),
    ("presslens_framing", {"last": "true"}),
]


def add_components(nlp: Language) -> None:
    """Add presslens's registered components to a loaded pipeline (idempotent)."""
    register_extensions()
    for name, where in COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if "before" in where and where["before"] in nlp.pipe_names:
            nlp.add_pipe(name, before=where["before"])
        else:
            nlp.add_pipe(name, last=True)


def make_doc(nlp: Language, raw: RawArticle) -> tuple[Doc | None, list[ErrorInfo]]:
    """Build the structured article and an unprocessed Doc over its normalised text."""
    article, errs = build_article(raw)
    if article is None:
        return None, errs
    doc = nlp.make_doc(article["text"])
    doc._.pl_article = article
    doc._.pl_errors = list(errs)
    return doc, errs


def analyze(raws: Iterable[RawArticle], nlp: Language, batch_size: int = 16) -> Iterator[dict[str, Any]]:
    """Yield one record per raw article, in input order. Never raises for a bad input."""
    register_extensions()
    pending: list[tuple[RawArticle, Doc | None, list[ErrorInfo]]] = []

    def flush() -> Iterator[dict[str, Any]]:
        docs = [d for _, d, _ in pending if d is not None]
        processed: list[Doc] = []
        try:
            processed = list(nlp.pipe(docs, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - again one by one on fresh Docs, so one bad article fails alone
            processed = []
            for raw, _, _ in pending:
                fresh, _ = make_doc(nlp, raw) if raw.get("text") is not None or raw.get("html") is not None else (None, [])
                if fresh is None:
                    continue
                try:
                    processed.append(nlp(fresh))
                except Exception as exc:  # noqa: BLE001
                    where = (raw.get("source") or {}).get("path") or (raw.get("source") or {}).get("url") or "input"
                    fresh, _ = make_doc(nlp, raw)
                    assert fresh is not None
                    fresh._.pl_errors = list(fresh._.pl_errors or []) + [error("PL012", path=where, reason=repr(exc))]
                    processed.append(fresh)
        it = iter(processed)
        for raw, d, errs in pending:
            if d is None:
                yield error_record(raw, errs)
            else:
                yield to_record(next(it), raw)
        pending.clear()

    for raw in raws:
        if raw.get("text") is None and raw.get("html") is None:
            pending.append((raw, None, list(raw.get("errors") or [])))
        else:
            doc, errs = make_doc(nlp, raw)
            pending.append((raw, doc, list(raw.get("errors") or []) + errs))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
