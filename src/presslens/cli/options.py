"""Every CLI option shared by more than one command, defined once, and the one way a coded error leaves the CLI."""

from __future__ import annotations

import os
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

DB_OPTION = click.option(
    "--db", "db", required=True, type=click.Path(dir_okay=False), help="The corpus database file (SQLite)."
)


def fail(exc: PresslensError) -> click.ClickException:
    """A coded error as the CLI reports it: ``Error: PLnnn: message`` on stderr, exit status 1."""
    return click.ClickException(f"{exc.info['code']}: {exc.info['message']}")


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
