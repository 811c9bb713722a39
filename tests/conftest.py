"""Shared test fixtures: the real pipeline (loaded once per session), paths to ../shared and the examples."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seed"
DATA = SHARED / "data"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need_shared(path: Path, why: str) -> None:
    """Skip when ``path`` (under ../shared) is absent, with the reason; under CI=true fail instead: CI runs
    every gate."""
    if path.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{path} is absent under CI=true: {why}")
    pytest.skip(f"{path} is absent: {why}")


def fold(text: str) -> str:
    """Fold curly quotes to straight ones and collapse white space (how gold.json is compared)."""
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def nlp() -> Any:
    from presslens.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    need_shared(SEED_DIR / "gold.json", "the seed acceptance tests need ../shared/seed beside the project")
    return dict(json.loads((SEED_DIR / "gold.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def seed_record(nlp: Any, seed_gold: dict[str, Any]) -> dict[str, Any]:
    from presslens.pipeline import analyze
    from presslens.readers import read_inputs

    records = list(analyze(read_inputs([str(SEED_DIR / "article.txt")]), nlp))
    assert len(records) == 1
    return records[0]


def analyze_text(nlp: Any, text: str, **fields: Any) -> dict[str, Any]:
    """Run the real pipeline on an invented article text."""
    from presslens.pipeline import analyze
    from presslens.readers import raw_article

    raw = raw_article({"path": "test.txt", "format": "text"}, text, **fields)
    return next(iter(analyze([raw], nlp)))
