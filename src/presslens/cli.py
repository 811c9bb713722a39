"""The ``presslens`` command: a thin click layer over the Python API."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from . import SCHEMA, __version__
from .errors import PresslensError
from .readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ReadOptions

MODEL_OPTION = click.option(
    "--model",
    envvar="PRESSLENS_MODEL",
    default=None,
    help="spaCy pipeline name or path (default: the pinned en_core_web_md 3.8.0). Env: PRESSLENS_MODEL.",
)


def read_options(max_chars: int, max_bytes: int, timeout: float) -> ReadOptions:
    return ReadOptions(max_chars=max_chars, max_bytes=max_bytes, timeout=timeout)


def input_options(f: Any) -> Any:
    """Options shared by commands that read articles."""
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


def load_or_fail(model: str | None) -> Any:
    from .model import load_nlp

    try:
        return load_nlp(model)
    except PresslensError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
@click.version_option(__version__, prog_name="presslens")
def cli() -> None:
    """presslens: who said what, who did what to whom, on whose numbers, in whose words."""


def run_analysis(
    paths: tuple[str, ...],
    model: str | None,
    options: ReadOptions,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Records for the inputs, in input order, from the chosen engine."""
    from .engines import run_records

    if workers == 1 and engine == "local":
        load_or_fail(model)  # fail early, with the remedy, before reading anything
    try:
        yield from run_records(paths, options, model, workers=workers, engine=engine, scheduler=scheduler)
    except PresslensError as exc:
        raise click.ClickException(str(exc)) from exc


def engine_options(f: Any) -> Any:
    """--workers, --engine, --scheduler (analyze and ingest)."""
    f = click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask; default: a LocalCluster).")(f)
    f = click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where the work runs.")(f)
    f = click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")(f)
    return f


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "text"]), default="jsonl", show_default=True)
@MODEL_OPTION
@click.option(
    "--framing-model",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="A span categoriser trained with `presslens train framing`, used beside the rules. Env: PRESSLENS_FRAMING_MODEL.",
)
@engine_options
@click.option(
    "--output",
    type=click.Path(file_okay=False),
    default=None,
    help="Write records as Parquet shards into this folder (corpus-scale runs) and print one summary line each.",
)
@input_options
def analyze(
    paths: tuple[str, ...],
    fmt: str,
    model: str | None,
    framing_model: str | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    output: str | None,
    max_chars: int,
    max_bytes: int,
    timeout: float,
) -> None:
    """Analyse articles (files, folders, URLs, or - for stdin) and print one record per article.

    Exit status 1 when any input failed (its record carries the errors), 0 otherwise.
    """
    from .summary import render_text

    if framing_model:
        os.environ["PRESSLENS_FRAMING_MODEL"] = framing_model  # read when the pipeline (or a worker's) is built
    options = read_options(max_chars, max_bytes, timeout)
    failed = 0
    if output:
        from .engines import run_to_shards

        try:
            for line in run_to_shards(paths, options, model, output, workers=workers, engine=engine, scheduler=scheduler):
                failed += bool(line.get("errors"))
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        except PresslensError as exc:
            raise click.ClickException(str(exc)) from exc
        sys.exit(1 if failed else 0)
    records: list[dict[str, Any]] = []
    for rec in run_analysis(paths, model, options, workers, engine, scheduler):
        if rec["errors"]:
            failed += 1
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt == "text":
            sys.stdout.write(render_text(rec) + "\n")
        else:
            records.append(rec)
    if fmt == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    sys.exit(1 if failed else 0)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@MODEL_OPTION
def info(fmt: str, model: str | None) -> None:
    """Print the version, the record schema and the spaCy pipeline presslens runs on."""
    from .model import model_info

    try:
        data: dict[str, Any] = {"version": __version__, "schema": SCHEMA, **model_info(model)}
    except PresslensError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        for k, v in data.items():
            click.echo(f"{k}: {v}")


def _attach_commands() -> None:
    """Commands that live in their own modules (corpus, training) hang off the one group."""
    from .cli_corpus import COMMANDS
    from .framing_train import train_framing

    for command in COMMANDS:
        cli.add_command(command)
    train.add_command(train_framing)


@cli.group()
def train() -> None:
    """Train presslens's optional statistical components on your own labelled data."""


_attach_commands()

from .cli_watch import COMMANDS as WATCH_COMMANDS  # noqa: E402 - issue 16; the coordinator moves it into cli/

for _command in WATCH_COMMANDS:
    cli.add_command(_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
