"""The claims eval gate (issue 12), through bench/gate.py like tests/test_eval_gate.py: claims-dev figures and
the seed's claims never fall below bench/facts_baseline.json's floors, the floors are never lowered silently
nor below the issue's acceptance, and they hold only for the data they were measured on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import facts
import gate
import pytest

from conftest import need_shared


def baseline() -> dict[str, Any]:
    return dict(json.loads(facts.BASELINE.read_text(encoding="utf-8")))


def test_the_baseline_file_is_sound() -> None:
    assert facts.GATE.problems() == []
    assert set(baseline()["floors"]) == set(facts.FIGURES)


def test_floors_keep_the_issue_12_acceptance() -> None:
    base = baseline()
    assert base["acceptance"] == {"recall": 0.9, "qualifier_accuracy": 0.95, "source_accuracy": 0.85, "precision": 0.8}
    assert all(base["floors"][n] >= v for n, v in base["acceptance"].items())


def test_a_floor_is_never_lowered_silently(tmp_path: Path) -> None:
    copy = tmp_path / "facts_baseline.json"
    shutil.copy(facts.BASELINE, copy)
    with pytest.raises(ValueError):
        gate.set_floors(copy, {"recall": 0.905}, "try")
    base = json.loads(copy.read_text(encoding="utf-8"))
    base["floors"]["recall"] = 0.905
    base["history"][-1]["floors"]["recall"] = 0.905
    copy.write_text(json.dumps(base), encoding="utf-8")
    problems = gate.Gate(copy, facts.SHARED, facts.scored_files, facts.FIGURES).problems()
    assert any("sha256" in p for p in problems), problems


def test_the_source_rule_follows_the_readme() -> None:
    match = facts.source_matches
    ents = {"E1": {"name": "Yunus Sezer"}}
    assert match({"entity": "E1", "text": "Sezer"}, "Yunus Sezer", ents)
    assert match({"entity": None, "text": "the Authority (AFAD)"}, "AFAD", {})
    assert not match({"entity": None, "text": "Reuters"}, "Syrian government", {})
    assert match(None, None, {}) and not match({"entity": None, "text": "the ministry"}, None, {})


@pytest.mark.shared
def test_the_data_are_the_data_the_floors_hold_for() -> None:
    need_shared(facts.CLAIMS_DEV / "gold_claims.json", "the claims gate needs ../shared/data/claims-dev")
    assert facts.GATE.data_problem() is None


@pytest.mark.model
@pytest.mark.shared
def test_claims_dev_at_or_above_floors(nlp: Any) -> None:
    need_shared(facts.CLAIMS_DEV / "gold_claims.json", "the claims gate needs ../shared/data/claims-dev")
    figures = facts.claims_figures(facts.score_claims_dev(nlp), facts.score_seed_claims(nlp))
    below = facts.GATE.below(figures)
    assert not below, f"claims-dev below its floors (measured, floor): {below}"
