"""``presslens train attribution``: the click command (phase 2 attaches it to the ``train`` group)."""

from __future__ import annotations

import click

from .polnear import DataError


@click.command("attribution")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False),
              help="The PolNeAR folder: train/ and dev/ with text/NAME.txt and attributions/NAME_ANNOTATOR.ann.")
@click.option("--output", "output", required=True, type=click.Path(file_okay=False),
              help="Folder to save the trained model in (replaced if it exists).")
@click.option("--config", "config", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A spaCy training config (default: the shipped configs/attribution.cfg).")
@click.option("--epochs", default=None, type=int, help="Override the config's training.max_epochs.")
@click.option("--limit", default=None, type=int, help="Use only the first N articles of each split (a quick try).")
@click.option("--work-dir", "work_dir", default=None, type=click.Path(file_okay=False),
              help="Keep the converted corpus and checkpoints here (default: a temporary folder, removed).")
def train_attribution_command(data: str, output: str, config: str | None, epochs: int | None, limit: int | None,
                              work_dir: str | None) -> None:
    """Train the attribution model (cue, content, source) on PolNeAR with spaCy's training loop.

    Prints the dev figures at each evaluation; writes the model with meta.json (data digest, config, dev
    scores, date).
    """
    from .train import train_attribution

    overrides = {"training.max_epochs": epochs} if epochs is not None else None
    try:
        train_attribution(data, output, config=config, overrides=overrides, limit=limit, work_dir=work_dir,
                          say=click.echo)
    except DataError as exc:
        raise click.ClickException(str(exc)) from exc
