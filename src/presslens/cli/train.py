"""``presslens train framing`` (the optional persuasion-technique span categoriser) and ``presslens train
attribution`` (the learned attribution model the pipeline runs after the quote rules)."""

from __future__ import annotations

import click

from ..errors import PresslensError
from .options import fail


@click.group()
def train() -> None:
    """Train presslens's optional statistical components on your own labelled data."""


@train.command("framing")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder with article<ID>.txt files and *.labels files (ID<TAB>technique<TAB>start<TAB>end).")
@click.option("--output", "output", required=True, type=click.Path(), help="Folder to save the trained model in.")
@click.option("--iterations", default=30, show_default=True, help="Passes over the training data.")
@click.option("--max-span-tokens", default=10, show_default=True, help="Longest span (in tokens) the model proposes.")
@click.option("--threshold", default=0.5, show_default=True, help="Score above which a span is kept.")
@click.option("--seed", default=0, show_default=True, help="Random seed.")
@click.option("--dev", "dev", default=None, type=click.Path(exists=True, file_okay=False),
              help="Held-out folder in the same format: print span precision, recall and F1 on it after training.")
def train_framing(data: str, output: str, iterations: int, max_span_tokens: int, threshold: float, seed: int,
                  dev: str | None) -> None:
    """Train a persuasion-technique span categoriser from SemEval-2020 Task 11 data.

    Use it with `presslens analyze --framing-model PATH` (or PRESSLENS_FRAMING_MODEL=PATH).
    """
    from ..train.framing import evaluate, load_framing_model
    from ..train.framing import train as train_model

    try:
        info = train_model(data, output, iterations=iterations, max_span_tokens=max_span_tokens, threshold=threshold,
                           seed=seed)
    except PresslensError as exc:
        raise fail(exc) from exc
    click.echo(
        f"Trained on {info['articles']} articles, {info['spans']} spans, {len(info['labels'])} techniques "
        f"({info['unaligned']} spans did not align to tokens, {info['unreadable_lines']} label lines unreadable, "
        f"{info['longer_than_suggester']} longer than --max-span-tokens); final loss {info['loss']}. "
        f"Saved to {info['output']}."
    )
    if dev:
        try:
            score = evaluate(load_framing_model(output), dev)
        except PresslensError as exc:
            raise fail(exc) from exc
        click.echo(
            f"On {dev}: {score['predicted']} spans predicted, {score['gold']} gold, {score['matched']} matched; "
            f"precision {score['precision']}, recall {score['recall']}, F1 {score['f1']} (overlap, same technique)."
        )


@train.command("attribution")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False),
              help="The PolNeAR folder: train/ and dev/ with text/NAME.txt and attributions/NAME_ANNOTATOR.ann.")
@click.option("--output", "output", required=True, type=click.Path(file_okay=False),
              help="Folder to save the trained model in (replaced if it exists).")
@click.option("--config", "config", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A spaCy training config (default: the shipped configs/attribution.cfg).")
@click.option("--epochs", default=None, type=int, help="Override the config's training.max_epochs.")
@click.option("--steps", default=None, type=int, help="Override the config's training.max_steps.")
@click.option("--limit", default=None, type=int, help="Use only the first N articles of each split (a quick try).")
@click.option("--work-dir", "work_dir", default=None, type=click.Path(file_okay=False),
              help="Keep the converted corpus and checkpoints here (default: a temporary folder, removed); "
                   "a corpus converted there before from the same data is reused.")
def train_attribution(data: str, output: str, config: str | None, epochs: int | None, steps: int | None,
                      limit: int | None, work_dir: str | None) -> None:
    """Train the attribution model (cue, content, source) on PolNeAR with spaCy's training loop.

    Prints the dev figures at each evaluation and for each cue threshold tried; writes the model with
    meta.json (data digest, config, dev scores, threshold, date). Use it with
    PRESSLENS_ATTRIBUTION_MODEL=PATH; the shipped model came from this command on PolNeAR v1.0
    (OPENBLAS_NUM_THREADS=1 is faster on a shared machine).
    """
    from ..train.attribution import train_attribution as run

    overrides: dict[str, int] = {}
    if epochs is not None:
        overrides["training.max_epochs"] = epochs
    if steps is not None:
        overrides["training.max_steps"] = steps
    try:
        run(data, output, config=config, overrides=overrides or None, limit=limit, work_dir=work_dir, say=click.echo)
    except PresslensError as exc:
        raise fail(exc) from exc
