"""Ingest: read -> analyze -> store, with a progress bar on stderr and a summary.

Guarantees:

- Idempotent by record id: an article whose normalised text is already stored is counted "already present"
  and not analysed again (its id is computed from the structured text before spaCy runs), so a second run
  over the same inputs, or a run restarted after a crash, only analyses what is missing.
- Crash-safe: records are written in batches, each batch one transaction. A run killed at any moment
  (``kill -9`` included) leaves every article fully stored or absent; starting it again completes the corpus
  with every article stored once.
- Every input is accounted for: read, stored, already present, failed (with its coded reasons). Only an
  error fails an article; a record with warnings only (a decoding note, say) is stored, counted stored and
  listed among the warnings. The CLI exits 1 when any input failed, as ``analyze`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from .errors import is_failed, only
from .record import record_id
from .record.types import RawArticle
from .store.db import Store

if TYPE_CHECKING:
    from .readers.base import ReadOptions

Analyzer = Callable[[Iterable[RawArticle]], Iterable[dict[str, Any]]]


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    present: int = 0
    failed: int = 0
    warned: int = 0  # articles with warnings (stored or not)
    # (where: path or url, "CODE: message; ...")
    reasons: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    stories: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "already_present": self.present,
            "failed": self.failed,
            "reasons": [{"input": w, "error": r} for w, r in self.reasons],
            "warned": self.warned,
            "warnings": [{"input": w, "warning": r} for w, r in self.warnings],
            "stories": self.stories,
        }

    def text(self) -> str:
        lines = [
            f"read {self.read}, stored {self.stored}, already present {self.present}, failed {self.failed}",
        ]
        if self.stories:
            lines.append(f"stories: {self.stories.get('stories', 0)}")
        if self.warned:
            lines.append(f"warnings: {self.warned}")
        lines.extend(_listed("failed", self.reasons))
        lines.extend(_listed("warning", self.warnings))
        return "\n".join(lines)


def _listed(what: str, items: list[tuple[str, str]], most: int = 50) -> list[str]:
    lines = [f"  {what}: {where}: {reason}" for where, reason in items[:most]]
    if len(items) > most:
        lines.append(f"  ... and {len(items) - most} more")
    return lines


def _said(errors: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(f"{e.get('code')}: {e.get('message')}" for e in errors)


def _where(obj: dict[str, Any]) -> str:
    src = obj.get("source") or {}
    return str(src.get("path") or src.get("url") or "?")


def precomputed_id(raw: RawArticle) -> str | None:
    """The record id a raw article will get (hash of its structured text), or None if it has none."""
    if raw.get("text") is None and raw.get("html") is None:
        return None
    from .structure import build_article

    try:
        article, _ = build_article(raw)
    except Exception:  # noqa: BLE001 - the pipeline will report it
        return None
    return record_id(article["text"]) if article is not None else None


def default_analyzer(
    model: str | None = None, workers: int = 1, engine: str = "local", scheduler: str | None = None
) -> Analyzer:
    """Analysis by the engines: in process (workers=1), N local worker processes, or a Dask cluster."""
    from .engines import run_raws

    def run(raws: Iterable[RawArticle]) -> Iterator[dict[str, Any]]:
        yield from run_raws(raws, model, workers, engine, scheduler)

    return run


class Meter(Protocol):
    """What ingest reports its progress to (the CLI's bar, ``cli/progress.py``): articles done, one by one."""

    def update(self, n: int = 1) -> None: ...

    def close(self) -> None: ...


class _NoMeter:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _meter(progress: bool | Meter | None, stream: TextIO, paths: list[str]) -> Meter:
    """``progress`` itself when it is a meter; True: the CLI's bar on ``stream``; False or None: nothing."""
    if progress is None or progress is False:
        return _NoMeter()
    if progress is True:
        from .cli.progress import Bar, count_inputs

        return Bar(stream, count_inputs(paths), "ingest")
    return progress


class _Run:
    """One ingest run: what is already stored, what is written, and the summary being counted."""

    def __init__(self, store: Store, summary: IngestSummary, bar: Meter, batch_size: int) -> None:
        self.store = store
        self.summary = summary
        self.bar = bar
        self.batch_size = batch_size
        self.seen: set[str] = set()

    def fresh(self, raws: Iterable[RawArticle]) -> Iterator[RawArticle]:
        """Raw articles not yet stored, nor seen earlier in this run; counts the rest as already present."""
        pending: list[tuple[RawArticle, str | None]] = []
        for raw in raws:
            self.summary.read += 1
            pending.append((raw, precomputed_id(raw)))
            if len(pending) >= self.batch_size:
                yield from self._drain(pending)
        yield from self._drain(pending)

    def _drain(self, pending: list[tuple[RawArticle, str | None]]) -> Iterator[RawArticle]:
        present = self.store.existing_ids(i for _, i in pending if i)
        for raw, rid in pending:
            if rid is not None and (rid in present or rid in self.seen):
                self.summary.present += 1
                self.bar.update(1)
                continue
            if rid is not None:
                self.seen.add(rid)
            yield raw
        pending.clear()

    def _account(self, rec: dict[str, Any], storable: bool) -> None:
        """Count a record failed (an error, or no text to store) and note its warnings."""
        errs = rec.get("errors") or []
        warnings = only(errs, "warning")
        if warnings:
            self.summary.warned += 1
            self.summary.warnings.append((_where(rec), _said(warnings)))
        if is_failed(rec) or not storable:
            self.summary.failed += 1
            self.summary.reasons.append((_where(rec), _said(only(errs, "error")) or "no text"))

    def store_batch(self, batch: list[dict[str, Any]]) -> None:
        """Write a batch in one transaction; count what was stored, already there, or failed."""
        storable = [r for r in batch if (r.get("article") or {}).get("text")]
        keep = {id(r) for r in storable}
        for rec in batch:
            self._account(rec, id(rec) in keep)
        result = self.store.insert_records(storable)
        self.summary.stored += len(result.stored)
        self.summary.present += len(result.present)
        for rid, err in result.failed:
            self.summary.failed += 1
            rec = next((r for r in storable if r.get("id") == rid), {})
            self.summary.reasons.append((_where(rec), f"{err['code']}: {err['message']}"))


def ingest(
    paths: Iterable[str],
    db: str | Path | Store,
    *,
    workers: int = 1,
    batch_size: int = 32,
    model: str | None = None,
    analyzer: Analyzer | None = None,
    progress: bool | Meter | None = None,
    stream: TextIO | None = None,
    report: Callable[[dict[str, Any]], None] | None = None,
    build_story_groups: bool = True,
    options: ReadOptions | None = None,
) -> IngestSummary:
    """Read, analyse and store every article under ``paths`` into the corpus ``db``.

    ``db`` is a path (opened and closed here) or an open writable ``Store``. ``analyzer`` replaces the local
    pipeline (the scale issue passes its worker-process engine here; ``workers`` is handed to the default).
    ``options`` are the reading limits and the metadata (``--outlet``, ``--meta``); a metadata entry that
    matched no input is listed among the warnings (PL126). ``progress``: a ``Meter`` moved on as each article
    is analysed or found already present (True: the CLI's bar on ``stream``, default stderr). ``report`` is
    called with each analysed record as it comes (the CLI writes its errors on stderr).
    """
    from .readers import read_inputs

    store = db if isinstance(db, Store) else Store.open(db)
    summary = IngestSummary()
    inputs = list(paths)
    bar = _meter(progress, stream or sys.stderr, inputs)
    run = _Run(store, summary, bar, batch_size)
    try:
        analyse = analyzer or default_analyzer(model, workers)
        batch: list[dict[str, Any]] = []
        for rec in analyse(run.fresh(read_inputs(inputs, options))):
            bar.update(1)
            if report is not None:
                report(rec)
            batch.append(rec)
            if len(batch) >= batch_size:
                run.store_batch(batch)
                batch = []
        if batch:
            run.store_batch(batch)
        for w in options.meta.unmatched() if options and options.meta else ():
            summary.warnings.append((options.meta.source if options and options.meta else "--meta", _said([w])))
        if build_story_groups and (summary.stored or summary.present):
            # also when nothing new was stored: a run killed before its stories were built left them stale
            from .store.stories import build_stories

            summary.stories = build_stories(store)
    finally:
        bar.close()
        if not isinstance(db, Store):
            store.close()
    return summary
