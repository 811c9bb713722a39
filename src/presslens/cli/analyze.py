"""``presslens analyze`` (one record per article, to stdout or Parquet shards) and ``presslens info``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from .. import SCHEMA, __version__
from ..errors import PresslensError, is_failed
from ..readers import ReadOptions
from .options import (
    MODEL_OPTION,
    engine_options,
    fail,
    input_options,
    limit_options,
    load_or_fail,
    meta_options,
    progress_options,
    read_options,
    warn_unmatched,
    with_meta,
)
from .progress import Quiet, count_inputs, open_bar, report_record


def run_analysis(
    paths: tuple[str, ...],
    model: str | None,
    options: ReadOptions,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Records for the inputs, in input order, from the chosen engine."""
    from ..engines import run_records

    if workers == 1 and engine == "local":
        load_or_fail(model)  # fail early, with the remedy, before reading anything
    try:
        yield from run_records(paths, options, model, workers=workers, engine=engine, scheduler=scheduler)
    except PresslensError as exc:
        raise fail(exc) from exc


def _to_shards(paths: tuple[str, ...], options: ReadOptions, model: str | None, output: str, workers: int,
               engine: str, scheduler: str | None, bar: Quiet) -> int:
    """Write Parquet shards, print one summary line per article; return how many failed."""
    from ..engines import run_to_shards

    failed = 0
    try:
        for line in run_to_shards(paths, options, model, output, workers=workers, engine=engine, scheduler=scheduler):
            failed += is_failed(line)
            report_record(bar, line)
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    except PresslensError as exc:
        raise fail(exc) from exc
    return failed


def _print_records(records: Iterator[dict[str, Any]], fmt: str, bar: Quiet) -> int:
    """Print records as jsonl, json or text; return how many failed. Each record moves ``bar`` on, and its
    errors and warnings are also written on stderr."""
    from ..summary import render_text

    failed = 0
    collected: list[dict[str, Any]] = []
    for rec in records:
        failed += is_failed(rec)
        report_record(bar, rec)
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt == "text":
            sys.stdout.write(render_text(rec) + "\n")
        else:
            collected.append(rec)
    if fmt == "json":
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return failed


@click.command()
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
@progress_options
@input_options
@meta_options
@limit_options
def analyze(
    paths: tuple[str, ...],
    fmt: str,
    model: str | None,
    framing_model: str | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    output: str | None,
    progress: bool | None,
    quiet: bool,
    max_chars: int,
    max_bytes: int,
    timeout: float,
    outlet: str | None,
    meta_file: str | None,
) -> None:
    """Analyse articles (files, folders, URLs, or - for stdin) and print one record per article.

    Exit status 1 when any input failed (its record carries an error), 0 otherwise; warnings (a record that
    is good, with something worth knowing) do not set it. Each error and warning is also written on stderr
    ("error: PLnnn: message", "warning: ..."), with a progress bar when stderr is a terminal.
    """
    if framing_model:
        os.environ["PRESSLENS_FRAMING_MODEL"] = framing_model  # read when the pipeline (or a worker's) is built
    os.environ["PRESSLENS_MAX_CHARS"] = str(max_chars)  # the pipeline's bound too (and its workers')
    options = with_meta(read_options(max_chars, max_bytes, timeout), meta_file, outlet)
    if progress is None and sys.stdout.isatty() and (output or fmt != "json"):
        progress = False  # the records (or summary lines) go to the same terminal: they are the progress
    bar = open_bar(sys.stderr, progress, count_inputs(paths), "analyze", quiet)
    try:
        if output:
            failed = _to_shards(paths, options, model, output, workers, engine, scheduler, bar)
        else:
            failed = _print_records(run_analysis(paths, model, options, workers, engine, scheduler), fmt, bar)
    finally:
        bar.close()
    warn_unmatched(options)
    sys.exit(1 if failed else 0)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@MODEL_OPTION
def info(fmt: str, model: str | None) -> None:
    """Print the version, the record schema and the spaCy pipeline presslens runs on."""
    from ..pipeline import model_info

    try:
        data: dict[str, Any] = {"version": __version__, "schema": SCHEMA, **model_info(model)}
    except PresslensError as exc:
        raise fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        for k, v in data.items():
            click.echo(f"{k}: {v}")
