"""Every CLI option shared by more than one command, defined once, and the one way a coded error leaves the CLI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from ..errors import PresslensError
from ..readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ReadOptions

MODEL_OPTION = click.option(
    "--model",
    envvar="PRESSLENS_MODEL",
    default=None,
    help="spaCy pipeline name or path (default: the pinned en_core_web_md 3.8.0). Env: PRESSLENS_MODEL.",
)

def fail(exc: PresslensError, status: int = 1) -> click.ClickException:
    """A coded error as the CLI reports it: ``Error: PLnnn: message`` on stderr, exit status ``status`` (1; 2 for
    a command that cannot start: a query the search cannot take, a missing --db, a port in use)."""
    kind = CannotStart if status == CannotStart.exit_code else click.ClickException
    return kind(f"{exc.info['code']}: {exc.info['message']}")


class CannotStart(click.ClickException):
    """A coded error that stops a command before it starts its work: exit status 2."""

    exit_code = 2


def progress_options(f: Any) -> Any:
    """--progress/--no-progress and --quiet (ingest, analyze): the bar on stderr, and the warnings' lines."""
    f = click.option("--quiet", "-q", is_flag=True,
                     help="No progress bar and no warnings on stderr (errors are still written there).")(f)
    return click.option("--progress/--no-progress", default=None,
                        help="Progress bar on stderr (default: when stderr is a terminal).")(f)


def _existing_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A read command's --db must be a corpus file already there (PL040, exit 2): never a new empty corpus."""
    if value is not None and not Path(value).is_file():
        raise fail(PresslensError("PL040", path=value), 2)
    return value


def db_option(checked: bool = True) -> Any:
    """A read command's --db; ``checked``: a missing file is PL040 (exit 2) as the options are read. Search
    takes it unchecked: its query is checked first, and opening the corpus read-only gives the same PL040."""
    return click.option(
        "--db", "db", required=True, type=click.Path(dir_okay=False), callback=_existing_db if checked else None,
        help="The corpus database file (SQLite), made by `presslens ingest`.",
    )


DB_OPTION = db_option()


def check_new_db(db: str, create: bool) -> None:
    """A writing command's --db: a new file is a new corpus, but in a folder that does not exist only with
    --create (which makes the folder); PL160, exit 2, otherwise (a typo in the path)."""
    folder = Path(db).parent
    if folder.is_dir():
        return
    if not create:
        raise fail(PresslensError("PL160", path=db, folder=folder), 2)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(PresslensError("PL161", folder=folder, reason=exc.strerror or str(exc)), 2) from exc


def db_write_options(f: Any) -> Any:
    """--db (created if absent) and --create (make its folder too) of the commands that write a corpus."""
    import functools

    @functools.wraps(f)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        check_new_db(kwargs["db"], kwargs.pop("create"))
        return f(*args, **kwargs)

    wrapped = click.option("--create", is_flag=True,
                           help="Make --db's folder when it does not exist (else that is an error, PL160).")(wrapped)
    return click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
                        help="The corpus database file (SQLite); a new file is a new corpus.")(wrapped)


def read_options(max_chars: int, max_bytes: int, timeout: float) -> ReadOptions:
    return ReadOptions(max_chars=max_chars, max_bytes=max_bytes, timeout=timeout)


def input_options(f: Any) -> Any:
    """--max-chars, --max-bytes, --timeout: options of commands that read articles."""
    f = click.option(
        "--max-chars",
        type=int,
        default=lambda: int(os.environ.get("PRESSLENS_MAX_CHARS", DEFAULT_MAX_CHARS)),
        show_default=f"{DEFAULT_MAX_CHARS} or PRESSLENS_MAX_CHARS",
        help="Per-article size cap in characters; a larger article gets an error record instead.",
    )(f)
    f = click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Per-file/download cap.")(f)
    f = click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds to wait for a URL.")(f)
    return f


def engine_options(f: Any) -> Any:
    """--workers, --engine, --scheduler (analyze and ingest)."""
    f = click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask; default: a LocalCluster).")(f)
    f = click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where the work runs.")(f)
    f = click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")(f)
    return f


def load_or_fail(model: str | None) -> Any:
    """The spaCy pipeline, or the CLI's report of why it cannot be loaded (PL020/PL021)."""
    from ..pipeline import load_nlp

    try:
        return load_nlp(model)
    except PresslensError as exc:
        raise fail(exc) from exc


def meta_options(f: Any) -> Any:
    """--outlet and --meta (analyze and ingest): the outlet and metadata of inputs that do not carry them."""
    f = click.option(
        "--meta", "meta_file", type=click.Path(dir_okay=False), default=None,
        help="Metadata of the inputs: JSONL (one object a line with path or url and any of outlet, url, published, "
        "title) or CSV with those columns; it wins over what the input says.",
    )(f)
    f = click.option("--outlet", default=None, help="The outlet of every input whose metadata names none.")(f)
    return f


def with_meta(options: ReadOptions, meta_file: str | None, outlet: str | None) -> ReadOptions:
    """``options`` with the metadata of --meta/--outlet (PL125 reported as the CLI reports errors)."""
    from dataclasses import replace

    from ..readers.meta import load_meta

    try:
        meta = load_meta(meta_file, outlet)
    except PresslensError as exc:
        raise fail(exc) from exc
    return replace(options, meta=meta) if meta is not None else options


def warn_unmatched(options: ReadOptions) -> None:
    """Each metadata entry that matched no input, as a warning on stderr (PL126)."""
    for w in options.meta.unmatched() if options.meta is not None else ():
        click.echo(f"warning: {w['code']}: {w['message']}", err=True)
# -- the bounds of one article's analysis (issue 13) ------------------------------------------------------
# Set as environment variables, which the readers (ReadOptions) and the pipeline (pipeline/limits.py) read,
# in this process and in every worker it starts; an option left out keeps the variable's value or the default.
LIMIT_ENV = {
    "max_items": "PRESSLENS_MAX_ITEMS",
    "follow_links": "PRESSLENS_FOLLOW_LINKS",
    "time_budget": "PRESSLENS_TIME_BUDGET",
    "max_sentence_tokens": "PRESSLENS_MAX_SENTENCE_TOKENS",
    "language": "PRESSLENS_LANGUAGE",
    "max_chars": "PRESSLENS_MAX_CHARS",  # ingest only (analyze has them in input_options)
    "max_bytes": "PRESSLENS_MAX_BYTES",
}
SIZE_NAMES = ("max_chars", "max_bytes")


def _limit_options() -> list[Any]:
    from ..pipeline.limits import DEFAULT_MAX_SENTENCE_TOKENS, DEFAULT_TIME_BUDGET
    from ..readers.base import DEFAULT_FEED_ITEMS, DEFAULT_MAX_ITEMS

    return [
        click.option("--max-items", type=click.IntRange(min=1), default=None,
                     help=f"Most items read from one feed or WARC file (PL036 past it). Default {DEFAULT_FEED_ITEMS} from a feed, {DEFAULT_MAX_ITEMS} from a WARC file; env PRESSLENS_MAX_ITEMS."),
        click.option("--follow-links", is_flag=True, default=False,
                     help="Follow links that lead out of a folder being read (else PL035). Env PRESSLENS_FOLLOW_LINKS=1."),
        click.option("--time-budget", type=click.FloatRange(min=0), default=None,
                     help=f"CPU seconds one article may take in the pipeline (PL016 past it, or past 3 times that on the clock; 0: none). Default {DEFAULT_TIME_BUDGET:g}; env PRESSLENS_TIME_BUDGET."),
        click.option("--max-sentence-tokens", type=click.IntRange(min=10), default=None,
                     help=f"Longest sentence the parser gets, in tokens; longer ones are cut. Default {DEFAULT_MAX_SENTENCE_TOKENS}; env PRESSLENS_MAX_SENTENCE_TOKENS."),
        click.option("--language", default=None,
                     help="auto (detect; English extractors on English articles only, PL017 on others) or a code all "
                     "articles are taken to be in (en: analyse all as English). Default auto; env PRESSLENS_LANGUAGE."),
    ]  # fmt: skip


def _size_options() -> list[Any]:
    return [
        click.option("--max-chars", type=click.IntRange(min=1), default=None,
                     help=f"Longest article analysed, in characters (PL004 past it). Default {DEFAULT_MAX_CHARS}; env PRESSLENS_MAX_CHARS."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                     help=f"Largest input read, in bytes (PL030 past it). Default {DEFAULT_MAX_BYTES}; env PRESSLENS_MAX_BYTES."),
    ]  # fmt: skip


def limit_options(f: Any, sizes: bool = False) -> Any:
    """--max-items, --follow-links, --time-budget, --max-sentence-tokens, --language (and with ``sizes``
    --max-chars, --max-bytes): options that set the limits' environment variables before the command runs."""
    import functools

    @functools.wraps(f)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        for name, env in LIMIT_ENV.items():
            if name in SIZE_NAMES and not sizes:
                continue  # analyze's own --max-chars/--max-bytes (input_options)
            value = kwargs.pop(name, None)
            if value is not None and value is not False:
                os.environ[env] = "1" if value is True else str(value)
        return f(*args, **kwargs)

    for opt in reversed(_limit_options() + (_size_options() if sizes else [])):
        wrapped = opt(wrapped)
    return wrapped


def ingest_limit_options(f: Any) -> Any:
    """``limit_options`` with --max-chars and --max-bytes (ingest reads with the default ReadOptions)."""
    return limit_options(f, sizes=True)
