"""Docs that are checked: the README starts with the two commands, and documents every CLI command."""

from __future__ import annotations

import re

from click.testing import CliRunner

from conftest import ROOT
from presslens.cli import cli


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_make_demo_and_make_test() -> None:
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", readme(), flags=re.S)
    assert blocks, "the README has no code block"
    first = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    assert first[:2] == ["make demo", "make test"], first


def test_every_command_is_documented_in_readme() -> None:
    text = readme()
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    commands = re.findall(r"^  (\w[\w-]*)\s", result.output.split("Commands:")[1], flags=re.M)
    assert commands
    missing = [c for c in commands if f"presslens {c}" not in text]
    assert not missing, f"README does not document: {missing}"


def test_every_error_code_is_documented() -> None:
    from presslens.errors import MESSAGES

    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = [code for code in MESSAGES if code not in doc]
    assert not missing, f"docs/errors.md lacks {missing}: run `python -m presslens.errors > docs/errors.md`"


def test_errors_md_is_generated_from_the_codes() -> None:
    from presslens.errors import render_markdown

    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert doc == render_markdown(), "docs/errors.md is stale: run `python -m presslens.errors > docs/errors.md`"
