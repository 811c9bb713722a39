"""One watch pass, and the endless loop.

A pass has two phases, both durable in the corpus database:

1. Check the due sources (in fetch threads, each host politely): a source's result and the items it lists
   that are new (or whose entry changed) are written in ONE transaction, the items as ``queued``.
2. Every queued (or earlier failed) item is fetched (its page, unless the feed carries its full text),
   analysed by the engine (this process, worker processes or Dask) and stored by this process, the single
   writer, through ``Store.insert_records``; then the item is marked stored.

A process killed at any moment loses nothing: an item is queued before its source's new validators are
kept, and stays queued until its article is stored; an article stored but not yet marked is found by its
record id on the restart and not stored again. SIGTERM and Ctrl-C set a flag: the fetching stops, what was
fetched is analysed and stored, and the run ends (a second Ctrl-C interrupts at once).
"""

from __future__ import annotations

import json
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from ..errors import ErrorInfo, error
from ..ingest import precomputed_id
from ..readers import ReadOptions
from ..record.types import RawArticle
from ..store import sources as state
from ..store.db import Store
from .discover import Entry, listing_of
from .fetch import Fetched, FetchFailed, PoliteClient, Politeness
from .items import FULL_TEXT_WORDS, canonical, fetch_page, from_feed, from_page, is_full_text

Result = tuple[state.ItemRow, str, str | None, str | None]


@dataclass
class WatchSettings:
    every: float = 900.0
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    model: str | None = None
    fetchers: int = 8
    batch_size: int = 32
    max_backoff: float = 86_400.0
    full_text_words: int = FULL_TEXT_WORDS
    politeness: Politeness = field(default_factory=Politeness)
    options: ReadOptions = field(default_factory=ReadOptions)


@dataclass
class PassSummary:
    checked: int = 0
    not_modified: int = 0
    failed_sources: int = 0
    queued: int = 0
    stored: int = 0
    present: int = 0
    failed_items: int = 0
    stopped: bool = False

    def line(self, number: int) -> str:
        return (
            f"pass {number}: checked {self.checked} sources ({self.not_modified} not modified, "
            f"{self.failed_sources} failing), {self.queued} new items, stored {self.stored}, already present "
            f"{self.present}, failed {self.failed_items}" + (" (stopped)" if self.stopped else "")
        )


class Stopper:
    """SIGTERM and the first Ctrl-C ask the run to stop after the current write; a second Ctrl-C interrupts."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._old: dict[int, Any] = {}

    def __enter__(self) -> Stopper:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.event.set()

    @property
    def stopped(self) -> bool:
        return self.event.is_set()


def _backoff(settings: WatchSettings, failures: int, retry_after: float | None) -> float:
    wait = min(max(settings.every, 60.0) * 2 ** min(failures, 16), settings.max_backoff)
    return max(wait, retry_after or 0.0)


def check_source(client: PoliteClient, src: state.SourceRow, settings: WatchSettings) -> tuple[state.SourceUpdate, list[Entry]]:
    """Fetch one source (conditionally) and list its entries; never raises."""
    try:
        got = client.get(src.url, src.etag, src.last_modified)
        nxt = state.stamp(time.time() + settings.every)
        if got.not_modified:
            update = state.SourceUpdate(src.id, True, etag=src.etag, last_modified=src.last_modified, next_check=nxt)
            update.not_modified = True
            return update, []
        listing = listing_of(client, src.url, got)
        feeds = json.dumps(listing.feeds) if listing.feeds else None
        update = state.SourceUpdate(src.id, True, listing.kind, feeds, got.etag, got.last_modified, nxt)
        return update, listing.entries
    except FetchFailed as exc:
        info, retry_after = exc.info, exc.retry_after
    except Exception as exc:  # noqa: BLE001 - one broken source must not stop the others
        info, retry_after = error("PL110", url=src.url, reason=f"{type(exc).__name__}: {exc}"), None
    nxt = state.stamp(time.time() + _backoff(settings, src.failures + 1, retry_after))
    return state.SourceUpdate(src.id, False, next_check=nxt, error_code=info["code"], error=info["message"]), []


def _to_queue(store: Store, src: state.SourceRow, entries: list[Entry]) -> list[state.ItemRow]:
    """Entries never seen, or stored ones whose entry changed (a possible update)."""
    by_url: dict[str, Entry] = {}
    for entry in entries:
        by_url.setdefault(canonical(entry.link), entry)
    known = state.known_items(store.conn, list(by_url))
    out = []
    for url, entry in by_url.items():
        digest = entry.digest()
        old = known.get(url)
        if old is not None and (old.status != "stored" or old.entry_hash == digest):
            continue
        out.append(
            state.ItemRow(url, src.id, entry.link, entry.title, entry.published, entry.summary, digest, "queued",
                          old.content_hash if old else None, old.article_id if old else None, old.versions if old else 0)
        )
    return out


def check_sources(store: Store, client: PoliteClient, settings: WatchSettings, stop: Stopper, force: bool) -> PassSummary:
    summary = PassSummary()
    due = state.list_sources(store.conn, active_only=True) if force else state.due_sources(store.conn, state.now())
    with ThreadPoolExecutor(max(1, settings.fetchers)) as pool:
        futures = {pool.submit(check_source, client, src, settings): src for src in due}
        for fut in list(futures):  # checked at once, recorded in the sources' order: the first feed to list an
            if fut.cancelled():  # item names its link, whichever answered first (tests/test_watch_dedup.py)
                continue  # stopping: left for the next run
            src = futures[fut]
            update, entries = fut.result()
            queued = _to_queue(store, src, entries)
            state.record_check(store.conn, update, queued)
            summary.checked += 1
            summary.queued += len(queued)
            summary.not_modified += update.not_modified
            summary.failed_sources += not update.ok
            if stop.stopped:
                for other in futures:
                    other.cancel()
    return summary


def _status(rec: dict[str, Any]) -> tuple[str, str | None]:
    errs = rec.get("errors") or []
    err = f"{errs[0].get('code')}: {errs[0].get('message')}" if errs else "PL013: no text"
    return ("blocked" if err.startswith("PL115") else "failed"), err


class _Items:
    """Fetch threads feeding the analyser with raw articles, in the order they arrive; the main thread writes."""

    def __init__(self, store: Store, client: PoliteClient, settings: WatchSettings, stop: Stopper) -> None:
        self.store, self.client, self.settings, self.stop = store, client, settings, stop
        self.order: deque[state.ItemRow] = deque()
        self.present: list[Result] = []
        self.outlets = {s.id: s.outlet for s in state.list_sources(store.conn)}

    def fetch(self, item: state.ItemRow) -> Fetched | ErrorInfo | None:
        """In a fetch thread: the page, unless the feed carries the full text (None)."""
        try:
            if is_full_text(item, self.settings.full_text_words):
                return None
            return fetch_page(self.client, item)
        except Exception as exc:  # noqa: BLE001 - one broken page must not stop the pass
            return error("PL110", url=item.link, reason=f"{type(exc).__name__}: {exc}")

    def raw(self, item: state.ItemRow, got: Fetched | ErrorInfo | None) -> RawArticle:
        outlet = self.outlets.get(item.source_id)
        try:
            if got is None:
                return from_feed(item, outlet)
            return from_page(item, got, outlet, self.settings.options)
        except Exception as exc:  # noqa: BLE001 - hostile input must never stop a run
            return from_page(item, error("PL032", path=item.link, reason=f"{type(exc).__name__}: {exc}"), outlet,
                             self.settings.options)

    def stream(self, items: list[state.ItemRow]) -> Iterator[RawArticle]:
        """Raw articles as their pages arrive; fetch threads only do I/O, reading happens here."""
        pool = ThreadPoolExecutor(max(1, self.settings.fetchers))
        futures = {pool.submit(self.fetch, it): it for it in items}
        try:
            for fut in as_completed(futures):
                if self.stop.stopped:
                    break
                item = futures[fut]
                raw = self.raw(item, fut.result())
                rid = precomputed_id(raw)
                if rid is not None and (rid == item.article_id or rid in self.store.existing_ids([rid])):
                    self.present.append((item, "stored", rid, None))  # the same text is already stored
                    continue
                self.order.append(item)
                yield raw
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def store_items(store: Store, batch: list[tuple[state.ItemRow, dict[str, Any]]], summary: PassSummary) -> None:
    """Store a batch of analysed items (one transaction), then mark them (another)."""
    storable = [rec for _, rec in batch if (rec.get("article") or {}).get("text")]
    result = store.insert_records(storable)
    summary.stored += len(result.stored)
    summary.present += len(result.present)
    failed = {rid: f"{e['code']}: {e['message']}" for rid, e in result.failed}
    results: list[Result] = []
    for item, rec in batch:
        has_text = bool((rec.get("article") or {}).get("text"))
        if has_text and rec.get("id") not in failed:
            results.append((item, "stored", str(rec["id"]), None))
        else:
            status, err = _status(rec) if not has_text else ("failed", failed[str(rec.get("id"))])
            summary.failed_items += 1
            results.append((item, status, None, err))
    state.item_done(store.conn, results)


def process_items(store: Store, client: PoliteClient, settings: WatchSettings, stop: Stopper, summary: PassSummary) -> None:
    from ..engines import run_raws

    items = state.pending_items(store.conn)
    if not items or stop.stopped:
        return
    feeder = _Items(store, client, settings, stop)
    # already in the corpus under the item's link or canonical URL (stored by a run killed before it marked
    # them, or by `ingest` of that URL): marked now, not fetched
    done = state.stored_by_link(store.conn, list(dict.fromkeys([*(it.link for it in items), *(it.url for it in items)])))

    def stored_as(it: state.ItemRow) -> str | None:
        return done.get(it.link) or (None if it.article_id else done.get(it.url)) or it.article_id

    feeder.present = [(it, "stored", stored_as(it), None) for it in items if stored_as(it) != it.article_id]
    items = [it for it in items if stored_as(it) == it.article_id]
    batch: list[tuple[state.ItemRow, dict[str, Any]]] = []
    records = run_raws(feeder.stream(items), settings.model, settings.workers, settings.engine, settings.scheduler,
                       batch_size=settings.batch_size)
    for rec in records:
        batch.append((feeder.order.popleft(), rec))
        if len(batch) >= settings.batch_size:
            store_items(store, batch, summary)
            batch = []
    if batch:
        store_items(store, batch, summary)
    if feeder.present:
        summary.present += len(feeder.present)
        state.item_done(store.conn, feeder.present)


def run_pass(store: Store, client: PoliteClient, settings: WatchSettings, stop: Stopper, force: bool = False) -> PassSummary:
    """Check the due sources (all active ones with ``force``), then fetch, analyse and store their items."""
    summary = check_sources(store, client, settings, stop, force)
    process_items(store, client, settings, stop, summary)
    summary.stopped = stop.stopped
    return summary


def watch(
    db: str,
    sources: list[tuple[str, str | None]],
    settings: WatchSettings,
    once: bool = False,
    report: Callable[[str], None] = print,
) -> list[PassSummary]:
    """Follow ``sources`` into the corpus ``db``: one pass with ``once``, else until SIGTERM / Ctrl-C."""
    store = Store.open(db)
    state.ensure_tables(store.conn)
    state.sync_sources(store.conn, sources)
    client = PoliteClient(settings.politeness)
    passes: list[PassSummary] = []
    try:
        with Stopper() as stop:
            while True:
                summary = run_pass(store, client, settings, stop)
                passes.append(summary)
                report(summary.line(len(passes)))
                if once or stop.stopped:
                    break
                nxt = state.next_due(store.conn)
                wait = settings.every if nxt is None else _seconds_until(nxt)
                if stop.event.wait(max(1.0, min(wait, settings.every))):
                    break
    finally:
        client.close()
        store.close()
    return passes


def _seconds_until(stamp_text: str) -> float:
    from datetime import UTC, datetime

    when = datetime.strptime(stamp_text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - time.time())
