"""The ``presslens`` command: one click group, a thin layer over the Python API.

``options`` defines each option once (``--model`` with PRESSLENS_MODEL, the input caps, the engine options,
``--db``); ``analyze`` holds analyze and info, ``corpus`` the corpus commands (ingest, search, serve, export,
compare), ``train`` the training commands, ``watch`` the monitoring commands (watch, sources). The console script is ``presslens = presslens.cli:main``, and
``python -m presslens.cli`` runs the same.
"""

from __future__ import annotations

import click

from .. import __version__
from .analyze import analyze, info
from .corpus import COMMANDS
from .train import train
from .watch import COMMANDS as WATCH_COMMANDS


@click.group()
@click.version_option(__version__, prog_name="presslens")
def cli() -> None:
    """presslens: who said what, who did what to whom, on whose numbers, in whose words."""


for _command in (analyze, info, *COMMANDS, train, *WATCH_COMMANDS):
    cli.add_command(_command)


def main() -> None:
    cli()


__all__ = ["cli", "main"]
