"""The attribution eval gate: PolNeAR dev figures never fall below bench/baseline.json's floors, and the
floors are never lowered silently (issue 3; trafilatura's eval gate)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench" / "attribution.py"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"


def bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("presslens_bench_attribution", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def baseline() -> dict[str, Any]:
    return dict(json.loads((ROOT / "bench" / "baseline.json").read_text(encoding="utf-8")))


def test_floors_hash_matches() -> None:
    base = baseline()
    assert bench_module().floors_hash(base["floors"]) == base["floors_sha256"], (
        "bench/baseline.json floors changed without updating floors_sha256: floors are edited deliberately "
        "(run `python bench/attribution.py --rehash`), and lowering one needs 'lowered_by'"
    )


def test_floors_never_lowered_silently() -> None:
    base = baseline()
    lowered = {
        name: (value, max(h["floors"].get(name, 0.0) for h in base["history"]))
        for name, value in base["floors"].items()
        if value < max(h["floors"].get(name, 0.0) for h in base["history"])
    }
    if lowered:
        reason = base.get("lowered_by")
        assert isinstance(reason, str) and len(reason.split()) >= 3, (
            f"floors lowered below their history {lowered}: set 'lowered_by' to who lowered them and why"
        )


def test_every_floor_names_a_figure() -> None:
    names = set(bench_module().FIGURES)
    base = baseline()
    assert base["floors"] and set(base["floors"]) <= names
    assert all(0.0 <= v <= 1.0 for v in base["floors"].values())


@pytest.fixture(scope="module")
def dev_scores(nlp: Any) -> dict[str, Any]:
    if not (POLNEAR_DEV / "text").is_dir():
        pytest.skip("../shared/data/polnear/dev is absent: the eval gate needs PolNeAR beside the project")
    return dict(bench_module().score("dev", nlp=nlp))


@pytest.mark.model
@pytest.mark.shared
def test_dev_figures_at_or_above_floors(dev_scores: dict[str, Any]) -> None:
    figures = bench_module().FIGURES
    base = baseline()
    below = {
        name: (round(figures[name](dev_scores), 4), floor)
        for name, floor in base["floors"].items()
        if figures[name](dev_scores) < floor
    }
    assert not below, f"PolNeAR dev below its floors (measured, floor): {below}"


@pytest.mark.model
@pytest.mark.shared
def test_dev_offsets_map_back_exactly(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["misaligned_blocks"] == 0


@pytest.mark.model
@pytest.mark.shared
def test_dev_acceptance_issue_3(dev_scores: dict[str, Any]) -> None:
    acceptance = baseline()["acceptance"]
    assert dev_scores["content"]["f1"] >= acceptance["content_f1"]
    assert dev_scores["speaker_accuracy"] >= acceptance["speaker_accuracy"]
