"""The corpus commands: ingest, search, serve, export, compare. Thin click wrappers over the Python API."""

from __future__ import annotations

import ipaddress
import json
import sys
from typing import Any

import click

from ..errors import PresslensError
from ..store.search import MAX_OFFSET, MAX_QUERY_CHARS, MAX_QUERY_TERMS
from .options import (
    DB_OPTION,
    MODEL_OPTION,
    db_option,
    db_write_options,
    engine_options,
    fail,
    ingest_limit_options,
    meta_options,
    progress_options,
    with_meta,
)

EXPORT_FORMATS = ("jsonl", "parquet", "gkg", "gdelt-events")


def query_limit_options(f: Any) -> Any:
    """--max-query-chars and --max-query-terms (search and serve): past them a query gets PL049 / PL050."""
    f = click.option("--max-query-terms", type=click.IntRange(min=1), default=MAX_QUERY_TERMS, show_default=True,
                     envvar="PRESSLENS_MAX_QUERY_TERMS", help="Most words in a search query (PL050 past it).")(f)
    return click.option("--max-query-chars", type=click.IntRange(min=1), default=MAX_QUERY_CHARS, show_default=True,
                        envvar="PRESSLENS_MAX_QUERY_CHARS", help="Longest search query, characters (PL049 past it).")(f)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_write_options
@engine_options
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True, help="Articles per transaction.")
@MODEL_OPTION
@progress_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Summary format.")
@meta_options
@ingest_limit_options
def ingest_command(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    engine: str,
    scheduler: str | None,
    batch_size: int,
    model: str | None,
    progress: bool | None,
    quiet: bool,
    fmt: str,
    outlet: str | None,
    meta_file: str | None,
) -> None:
    """Analyse PATHS (files, folders, URLs) and store them in the corpus --db.

    An article already stored (same text) is counted "already present" and not stored again. Exits 1 when
    any input failed; the summary lists each failure with its reason, and each warning (a stored article
    with something worth knowing). Each failure and warning is also written on stderr as it comes
    ("error: PLnnn: message"), above the progress bar when stderr is a terminal.
    """
    from functools import partial

    from ..ingest import default_analyzer, ingest
    from ..readers import ReadOptions
    from .progress import count_inputs, open_bar, report_errors

    options = with_meta(ReadOptions(), meta_file, outlet)
    bar = open_bar(sys.stderr, progress, count_inputs(paths), "ingest", quiet)
    try:
        analyzer = default_analyzer(model, workers, engine, scheduler)
        summary = ingest(
            list(paths), db, workers=workers, batch_size=batch_size, model=model, progress=bar, analyzer=analyzer,
            options=options, report=partial(report_errors, bar),
        )
    except PresslensError as exc:
        raise fail(exc) from exc
    finally:
        bar.close()
    if fmt == "json":
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        click.echo(summary.text())
    sys.exit(0 if summary.ok else 1)


@click.command("search")
@click.argument("query", default="", required=False)
@db_option(checked=False)
@click.option("--outlet", default=None, help="Only this outlet (case-insensitive).")
@click.option("--from", "date_from", default=None, help="Published on or after (ISO date, e.g. 2024-03-01).")
@click.option("--to", "date_to", default=None, help="Published on or before (ISO date or prefix).")
@click.option("--speaker", default=None, help="Only articles quoting this speaker (name or alias).")
@click.option("--entity", default=None, help="Only articles naming this entity (name, alias or corpus id).")
@click.option("--event-type", default=None, help="Only articles with an event of this PLOVER type.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0, max=MAX_OFFSET), default=0, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default=None,
              help="Best match first (the default with a query) or newest first (the default without one).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@query_limit_options
def search_command(
    query: str, db: str, outlet: str | None, date_from: str | None, date_to: str | None, speaker: str | None,
    entity: str | None, event_type: str | None, limit: int, offset: int, sort: str | None, fmt: str,
    max_query_chars: int, max_query_terms: int,
) -> None:
    """Full-text search of the corpus (titles, text, quotes) with filters.

    Words are ANDed; "a phrase" matches a phrase, word* a prefix, -word excludes, a OR b allows either. The
    table fits the terminal and shows each hit's snippet, its matches in bold ([brackets] when not a terminal).
    A query or filter the search cannot take is a coded error on stderr, exit 2.
    """
    from ..store.db import Store
    from ..store.search import Filters, QueryLimits, check_query, search
    from .tables import search_table, terminal_width

    limits = QueryLimits(max_query_chars, max_query_terms)
    try:
        check_query(query, limits)  # before the corpus is opened
        with Store.open(db, readonly=True) as store:
            hits, total = search(
                store, query, Filters(outlet, date_from, date_to, speaker, entity, event_type, sort), limit=limit,
                offset=offset, limits=limits,
            )
    except PresslensError as exc:
        raise fail(exc, 2) from exc
    if fmt == "jsonl":
        for h in hits:
            click.echo(json.dumps(h.as_dict(), ensure_ascii=False))
        return
    tty = sys.stdout.isatty()
    for line in search_table(hits, total, terminal_width(), bold=tty):
        click.echo(line, color=tty)


@click.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (local only by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header is NAME (repeatable); by default only 127.0.0.1, "
                   "localhost, ::1 and --host are answered, against DNS rebinding.")
@query_limit_options
def serve_command(db: str, host: str, port: int, allow_hosts: tuple[str, ...], max_query_chars: int,
                  max_query_terms: int) -> None:
    """Serve the web UI over the corpus --db (read-only) at http://HOST:PORT/.

    SIGTERM or Ctrl-C stops it within a few seconds, even mid-query. A port in use is PL162 (with a free port to
    use instead), exit 2, before the server starts.
    """
    from ..store.search import QueryLimits
    from ..web.app import serve

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        click.echo(f"warning: binding {host}: the corpus is reachable from other machines. Only requests for "
                   "127.0.0.1, localhost, the bound address and --allow-host NAME are answered.", err=True)
    try:
        serve(db, host=host, port=port, allow_hosts=allow_hosts, limits=QueryLimits(max_query_chars, max_query_terms))
    except PresslensError as exc:
        raise fail(exc, 2) from exc


@click.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--output", "output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@click.option("--with-records", is_flag=True, help="gkg/gdelt-events: also write OUTPUT.records.jsonl, our full "
              "records keyed by GKGRECORDID.")
def export_command(db: str, fmt: str, output: str, with_records: bool) -> None:
    """Export the corpus: jsonl (the records), parquet (typed columns), gkg (GDELT GKG 2.1, tab-separated) or
    gdelt-events (GDELT 2.0 Events, 61 tab-separated columns, one line per event); docs/gdelt.md."""
    from ..export import export
    from ..store.db import Store

    left_out: list[str] = []
    try:
        with Store.open(db, readonly=True) as store:
            n = export(store, fmt, output, with_records=with_records, left_out=left_out)
    except PresslensError as exc:
        raise fail(exc) from exc
    click.echo(f"wrote {n} article{'s' if n != 1 else ''} to {output}", err=True)
    if left_out:
        click.echo(f"left out {len(left_out)} negated event{'s' if len(left_out) != 1 else ''} (a GDELT row has no "
                   "negation; the records keep them)", err=True)


@click.command("compare")
@click.argument("query", default="", required=False)
@DB_OPTION
@click.option("--story", default=None, help="A story id (see `presslens serve` /stories or the API).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
def compare_command(query: str, db: str, story: str | None, fmt: str) -> None:
    """Compare outlets over a --story or a QUERY: a table of the main figures (one row per outlet and date; value,
    qualifier, source, as-of date; a figure that differs from the other outlets' is marked *), what each outlet
    calls the main actors, who is quoted, and loaded wording by voice."""
    from ..store.compare import compare, compare_text
    from ..store.db import Store
    from ..store.tables_text import compare_csv

    if not story and not query:
        raise click.UsageError("Give a QUERY or --story ID.")
    try:
        with Store.open(db, readonly=True) as store:
            result = compare(store, story_id=story, query=query)
    except PresslensError as exc:
        raise fail(exc) from exc
    if fmt == "csv":
        click.echo(compare_csv(result), nl=False)
    else:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1) if fmt == "json" else compare_text(result))


@click.command("stories")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rebuild", is_flag=True, help="Group the stored articles again first (after an interrupted ingest).")
def stories_command(db: str, fmt: str, rebuild: bool) -> None:
    """List the corpus's stories (articles of the same event, across outlets), most outlets first; json: a list of
    {id, title, first, last, outlets, articles}. Compare one with `presslens compare --story ID`."""
    from ..store.db import Store
    from ..store.stories import build_stories, story_listing

    try:
        with Store.open(db, readonly=not rebuild) as store:
            if rebuild:
                build_stories(store)
            listing = story_listing(store)
    except PresslensError as exc:
        raise fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(listing, ensure_ascii=False, indent=1))
        return
    from .tables import cut, fit, terminal_width

    width = terminal_width()
    click.echo(f"{len(listing)} stor{'ies' if len(listing) != 1 else 'y'}")
    rows = [[s["id"], f"{(s['first'] or '?')[:10]}..{(s['last'] or '?')[:10]}", f"{s['articles']:>3} articles",
             f"{len(s['outlets']):>2} outlets", s["title"] or "(untitled)"] for s in listing]
    for s, line in zip(listing, fit(rows, width, [None, None, None, None, 16]), strict=True):
        click.echo(line)
        click.echo(cut(f"    {', '.join(s['outlets'])}", width))


COMMANDS = (ingest_command, search_command, serve_command, export_command, compare_command, stories_command)
