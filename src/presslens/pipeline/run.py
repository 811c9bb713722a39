"""Orchestration only: raw article -> structure -> spaCy (with presslens components) -> record.

Every article runs under the bounds of ``limits`` (issue 13): past ``max_chars`` it is refused (PL004);
a stretch of more than ``max_sentence_tokens`` tokens without a sentence end is cut for the parser; a batch
or an article past the time budget is stopped (PL016) and the run goes on. Each article's language is
detected (``article.language``); the English extractors run on English articles (and on those too short
to tell) only, others get PL017 and their structure. ``record["extractors"]`` names what ran.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ErrorInfo, error
from ..extract.quotes.quotes import KEPT
from ..language import detect_language
from ..record import error_record, schema_problem, to_record
from ..record.types import RawArticle
from ..structure import build_article
from .chunks import CHUNK_CHARS, analyse_in_pieces, cut_long_sentences
from .extensions import register_extensions
from .limits import Limits, OverBudget, current, time_budget

# spaCy's tokenizer strips prefixes and suffixes one at a time, so a long run without white space made of
# punctuation ("[[[[..." a hundred thousand times) costs quadratic time: such a run is refused (PL038)
LONGEST_RUN = 2000
_LONG_RUN = re.compile(r"\S{" + str(LONGEST_RUN + 1) + ",}")
Pending = tuple[RawArticle, Doc | None, list[ErrorInfo]]


def make_doc(nlp: Language, raw: RawArticle, limits: Limits | None = None) -> tuple[Doc | None, list[ErrorInfo]]:
    """Build the structured article and an unprocessed Doc over its normalised text (None and the errors
    when the article cannot be analysed within the limits)."""
    limits = limits or current()
    article, errs = build_article(raw)
    if article is None:
        return None, errs
    text = article["text"]
    if len(text) > limits.max_chars:
        return None, [*errs, error("PL004", path=_where(raw), size=f"{len(text):,}", cap=f"{limits.max_chars:,}")]
    run = _LONG_RUN.search(text)
    if run is not None:
        return None, [*errs, error("PL038", path=_where(raw), size=len(run.group()), cap=LONGEST_RUN)]
    language = detect_language(text)
    article["language"] = language  # type: ignore[typeddict-unknown-key]
    nlp.max_length = max(nlp.max_length, len(text) + 1)  # the bound is max_chars (spaCy's E088 never fires)
    doc = nlp.make_doc(text)
    cut_long_sentences(doc, limits.max_sentence_tokens)
    doc._.pl_article = article
    errs = list(errs)
    if not runs_english(language, limits):
        errs.append(error("PL017", path=_where(raw), language=language or limits.language))
    doc._.pl_errors = list(errs)
    doc._.pl_extractors = []
    return doc, errs


def runs_english(language: str | None, limits: Limits) -> bool:
    """Whether the English extractors run on an article in ``language`` (None: too short to tell)."""
    if limits.language != "auto":
        return limits.language == "en"
    return language in (None, "en")


def extractor_names(nlp: Language) -> list[str]:
    """The presslens extractors of a pipeline, by short name (``entities``, ``quotes`` ...)."""
    return [n.removeprefix("presslens_") for n in nlp.pipe_names if n.startswith("presslens_") and n != "presslens_blocks"]


def analyze(
    raws: Iterable[RawArticle], nlp: Language, batch_size: int = 16, limits: Limits | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one record per raw article, in input order, each checked against ``presslens.record/1``, under
    ``limits`` (default: what the environment sets). Never raises for a bad input."""
    register_extensions()
    limits = limits or current()
    pending: list[Pending] = []

    def flush() -> Iterator[dict[str, Any]]:
        piped = [(raw, d) for raw, d, _ in pending if d is not None and _english(d, limits)]
        done = {id(d): out for (_, d), out in zip(piped, _process(nlp, piped, batch_size, limits), strict=True)}
        for raw, d, errs in pending:
            yield checked(error_record(raw, errs) if d is None else _record(done.get(id(d), d), raw), raw)
        pending.clear()

    for raw in raws:
        if raw.get("text") is None and raw.get("html") is None:
            pending.append((raw, None, list(raw.get("errors") or [])))
        else:
            doc, errs = make_doc(nlp, raw, limits)
            pending.append((raw, doc, list(raw.get("errors") or []) + errs))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()


def _english(doc: Doc, limits: Limits) -> bool:
    return runs_english((doc._.pl_article or {}).get("language"), limits)


def _record(doc: Doc, raw: RawArticle) -> dict[str, Any]:
    rec = to_record(doc, raw)
    rec["extractors"] = list(doc._.pl_extractors or [])
    return rec


def _process(nlp: Language, piped: list[tuple[RawArticle, Doc]], batch_size: int, limits: Limits) -> list[Doc]:
    """The articles' Docs through the pipeline, in order, the batch within one time budget (an article longer
    than ``CHUNK_CHARS`` in pieces, ``chunks``); when it fails or runs past it, again one by one on fresh
    Docs, each within the budget, so that one bad or slow article fails alone (PL012, PL016 on its Doc)."""
    names = extractor_names(nlp)
    try:
        with time_budget(limits.time_budget):
            short = [d for _, d in piped if len(d.text) <= CHUNK_CHARS]
            done = dict(zip(map(id, short), nlp.pipe(short, batch_size=batch_size), strict=True))
            processed = [done[id(d)] if id(d) in done else analyse_in_pieces(nlp, d, limits.max_sentence_tokens) for _, d in piped]
    except OverBudget as exc:
        KEPT.clear()  # the rules may have kept a Context for a merge that never came
        if len(piped) != 1:  # again one by one, so only the slow article fails
            processed = [_alone(nlp, raw, limits, names) for raw, _ in piped]
        else:  # an article alone past the budget: it would be again
            processed = [_failed(nlp, piped[0][0], limits, exc)]
    except Exception:  # noqa: BLE001 - again one by one on fresh Docs, so one bad article fails alone
        KEPT.clear()
        processed = [_alone(nlp, raw, limits, names) for raw, _ in piped]
    else:
        for doc in processed:
            doc._.pl_extractors = names
    return processed


def _alone(nlp: Language, raw: RawArticle, limits: Limits, names: list[str]) -> Doc:
    """One article through the pipeline within the time budget; on failure its unprocessed Doc with the
    coded error."""
    try:
        with time_budget(limits.time_budget):
            fresh, _ = make_doc(nlp, raw, limits)
            assert fresh is not None
            doc = nlp(fresh) if len(fresh.text) <= CHUNK_CHARS else analyse_in_pieces(nlp, fresh, limits.max_sentence_tokens)
        doc._.pl_extractors = names
        return doc
    except (Exception, OverBudget) as exc:  # noqa: BLE001 - the article fails alone, with its code
        KEPT.clear()
        return _failed(nlp, raw, limits, exc)


def _failed(nlp: Language, raw: RawArticle, limits: Limits, exc: BaseException) -> Doc:
    """The unprocessed Doc of an article that failed in the pipeline, with PL016 (past the time budget) or
    PL012 (an exception: a bug)."""
    if isinstance(exc, OverBudget):
        problem = error("PL016", path=_where(raw), reason=f"more than {limits.time_budget:g} s of CPU time in the pipeline")
    else:
        problem = error("PL012", path=_where(raw), reason=repr(exc))
    fresh, _ = make_doc(nlp, raw, limits)
    assert fresh is not None
    fresh._.pl_errors = list(fresh._.pl_errors or []) + [problem]
    return fresh


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
