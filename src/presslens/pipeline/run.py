"""Orchestration only: raw article -> structure -> spaCy (with presslens components) -> record."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ErrorInfo, error
from ..record import error_record, schema_problem, to_record
from ..record.types import RawArticle
from ..structure import build_article
from .extensions import register_extensions

# spaCy's tokenizer strips prefixes and suffixes one at a time, so a long run without white space made of
# punctuation ("[[[[..." a hundred thousand times) costs quadratic time: such a run is refused (PL038)
LONGEST_RUN = 2000
_LONG_RUN = re.compile(r"\S{" + str(LONGEST_RUN + 1) + ",}")


def make_doc(nlp: Language, raw: RawArticle) -> tuple[Doc | None, list[ErrorInfo]]:
    """Build the structured article and an unprocessed Doc over its normalised text."""
    article, errs = build_article(raw)
    if article is None:
        return None, errs
    run = _LONG_RUN.search(article["text"])
    if run is not None:
        src = raw.get("source") or {}
        where = src.get("path") or src.get("url") or "input"
        return None, [*errs, error("PL038", path=where, size=len(run.group()), cap=LONGEST_RUN)]
    doc = nlp.make_doc(article["text"])
    doc._.pl_article = article
    doc._.pl_errors = list(errs)
    return doc, errs


def analyze(raws: Iterable[RawArticle], nlp: Language, batch_size: int = 16) -> Iterator[dict[str, Any]]:
    """Yield one record per raw article, in input order, each checked against ``presslens.record/1``.
    Never raises for a bad input."""
    register_extensions()
    pending: list[tuple[RawArticle, Doc | None, list[ErrorInfo]]] = []

    def flush() -> Iterator[dict[str, Any]]:
        it = iter(_process(nlp, pending, batch_size))
        for raw, d, errs in pending:
            yield checked(error_record(raw, errs) if d is None else to_record(next(it), raw), raw)
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


def _process(nlp: Language, pending: list[tuple[RawArticle, Doc | None, list[ErrorInfo]]], batch_size: int) -> list[Doc]:
    """The pending Docs through the pipeline; when the batch fails, again one by one on fresh Docs, so that one
    bad article fails alone (PL012 on its Doc)."""
    docs = [d for _, d, _ in pending if d is not None]
    try:
        return list(nlp.pipe(docs, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - again one by one on fresh Docs, so one bad article fails alone
        processed: list[Doc] = []
        for raw, _, _ in pending:
            fresh, _ = make_doc(nlp, raw) if raw.get("text") is not None or raw.get("html") is not None else (None, [])
            if fresh is None:
                continue
            try:
                processed.append(nlp(fresh))
            except Exception as exc:  # noqa: BLE001
                fresh, _ = make_doc(nlp, raw)
                assert fresh is not None
                fresh._.pl_errors = list(fresh._.pl_errors or []) + [error("PL012", path=_where(raw), reason=repr(exc))]
                processed.append(fresh)
        return processed


def checked(record: dict[str, Any], raw: RawArticle) -> dict[str, Any]:
    """The record, when it matches ``presslens.record/1``; else the input's error record with PL012 saying
    where it broke the schema (a bug in an extractor: nothing invalid is printed or stored)."""
    problem = schema_problem(record)
    if problem is None:
        return record
    reason = f"its record does not match presslens.record/1 at {problem}"
    return error_record(raw, [*record.get("errors", []), error("PL012", path=_where(raw), reason=reason)])


def _where(raw: RawArticle) -> str:
    return (raw.get("source") or {}).get("path") or (raw.get("source") or {}).get("url") or "input"
