"""cli/options.py: options defined once for every command that takes them (issue 10: PRESSLENS_MODEL works on
`ingest` as on `analyze`)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from presslens.cli import cli
from presslens.cli.analyze import analyze
from presslens.cli.corpus import ingest_command


def option(command: click.Command, name: str) -> click.Parameter:
    return next(p for p in command.params if p.name == name)


def test_model_option_is_shared() -> None:
    for command in (analyze, ingest_command):
        assert option(command, "model").envvar == "PRESSLENS_MODEL", command.name
    for name in ("workers", "engine", "scheduler"):
        assert option(analyze, name).to_info_dict() == option(ingest_command, name).to_info_dict(), name


@pytest.mark.parametrize("command", [["analyze"], ["ingest", "--db", "{db}"]])
def test_presslens_model_environment_variable_is_read(command: list[str], tmp_path) -> None:
    args = [a.replace("{db}", str(tmp_path / "c.db")) for a in command] + [str(EXAMPLES / "harbour-strike.txt")]
    result = CliRunner().invoke(cli, args, env={"PRESSLENS_MODEL": "no_such_pipeline_pl"})
    assert result.exit_code == 1, result.output
    assert "PL020" in result.output and "no_such_pipeline_pl" in result.output, result.output
