"""``presslens watch`` and ``presslens sources``: standalone click commands attached to the ``presslens`` group."""

from __future__ import annotations

import json
import re
import sys

import click

from ..errors import PresslensError
from .options import DB_OPTION, db_write_options, fail

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86_400}


def parse_duration(text: str) -> float:
    """'15m', '1h', '30s', '2d' or plain seconds; PL119 otherwise."""
    match = DURATION.match(text)
    if not match:
        raise PresslensError("PL119", reason=f"--every {text!r} is not a duration (use 30s, 15m, 1h or 1d)")
    return float(match.group(1)) * UNITS[match.group(2).lower()]


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_write_options
@click.option("--every", default="15m", show_default=True, help="How often each source is checked (30s, 15m, 1h).")
@click.option("--once", is_flag=True, help="One pass over the due sources, then exit (for cron or a CronJob).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Analysis worker processes.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where analysis runs.")
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask).")
@click.option("--model", envvar="PRESSLENS_MODEL", default=None, help="spaCy pipeline name or path. Env: PRESSLENS_MODEL.")
@click.option("--contact", envvar="PRESSLENS_CONTACT", default="unset", help="E-mail or URL put in the User-Agent. Env: PRESSLENS_CONTACT.")
@click.option("--delay", type=click.FloatRange(min=0), default=2.0, show_default=True, help="Minimum seconds between two requests to one host.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="Seconds allowed for each response.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=10_000_000, show_default=True, help="Size cap of each response.")
@click.option("--max-redirects", type=click.IntRange(min=0), default=5, show_default=True, help="Redirects followed per request.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True, help="Retries of a failing request (backoff doubles).")
@click.option("--backoff", type=click.FloatRange(min=0), default=2.0, show_default=True, help="Seconds before the first retry.")
@click.option("--max-wait", type=click.FloatRange(min=0), default=120.0, show_default=True, help="Longest Retry-After waited for in a pass.")
@click.option("--fetchers", type=click.IntRange(min=1), default=8, show_default=True, help="Fetch threads (hosts fetched at once).")
def watch(sources: tuple[str, ...], db: str, every: str, once: bool, workers: int, engine: str, scheduler: str | None,
          model: str | None, contact: str, delay: float, timeout: float, max_bytes: int, max_redirects: int,
          retries: int, backoff: float, max_wait: float, fetchers: int) -> None:
    """Follow feeds, sitemaps and home pages (URLs or SOURCES files: `URL [outlet]` lines, or OPML) into --db.

    Every new item is fetched, analysed and stored once; an updated article is stored as a new version.
    Without --once it runs until SIGTERM or Ctrl-C, which finish the current write; a progress line per pass
    goes to stderr.
    """
    from ..readers import ReadOptions
    from ..watch.fetch import Politeness
    from ..watch.loop import WatchSettings
    from ..watch.loop import watch as run_watch
    from ..watch.sources import read_sources

    try:
        found = read_sources(sources)
        settings = WatchSettings(
            every=parse_duration(every), workers=workers, engine=engine, scheduler=scheduler, model=model,
            fetchers=fetchers,
            politeness=Politeness(contact=contact, delay=delay, timeout=timeout, max_bytes=max_bytes,
                                  max_redirects=max_redirects, retries=retries, backoff=backoff, max_wait=max_wait),
            options=ReadOptions(max_bytes=max_bytes, timeout=timeout),
        )
        run_watch(db, [(s.url, s.outlet) for s in found], settings, once=once,
                  report=lambda line: click.echo(line, err=True))
    except PresslensError as exc:
        raise fail(exc) from exc


@click.command("sources")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def sources_command(db: str, fmt: str) -> None:
    """List the watched sources with their health: last success, items, failures, next check, last error."""
    from ..store.db import Store
    from ..store.sources import source_health

    try:
        with Store.open(db, readonly=True) as store:
            rows = source_health(store.conn)
    except PresslensError as exc:
        raise fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no sources: follow some with `presslens watch SOURCES --db FILE`")
        return
    for r in rows:
        health = "ok" if not r["failures"] else f"failing x{r['failures']}: {r['last_error_code']}"
        click.echo(
            f"{r['url']}  [{r['outlet'] or '-'}] {r['kind'] or '?'}  {health}  items {r['items']}"
            f" (queued {r['queued']}, failed {r['failed_items']}, blocked {r['blocked_items']})"
            f"  last success {r['last_success'] or 'never'}  next {r['next_check'] or 'now'}"
            + ("" if r["active"] else "  (inactive)")
        )
        if r["last_error"]:
            click.echo(f"    {r['last_error']}")
    sys.stdout.flush()


COMMANDS = (watch, sources_command)
