""".ci/run: under CI=true, a missing ../shared fails the run (instead of letting the seed and PolNeAR gates skip)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT


def ci_copy(tmp_path: Path) -> Path:
    """.ci/run in a checkout of its own, whose `make test` only says that it ran."""
    repo = tmp_path / "checkout"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    (repo / "Makefile").write_text("test:\n\t@echo make test ran\n", encoding="utf-8")
    return repo


def run(repo: Path, ci: str) -> subprocess.CompletedProcess[str]:
    # as on a fresh shell: under `make test` the inherited MAKELEVEL/MAKEFLAGS make the inner make print
    # "Entering directory" lines
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE") and k != "MFLAGS"}
    env["CI"] = ci
    return subprocess.run(["bash", ".ci/run"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)


def test_ci_fails_without_shared(tmp_path: Path) -> None:
    repo = ci_copy(tmp_path)
    proc = run(repo, "true")
    assert proc.returncode == 2 and "make test ran" not in proc.stdout, proc.stdout + proc.stderr
    assert "../shared" in proc.stderr


def test_ci_runs_the_tests_with_shared_and_outside_ci(tmp_path: Path) -> None:
    repo = ci_copy(tmp_path)
    assert run(repo, "").stdout.strip() == "make test ran"  # a developer's machine: the gates may skip
    for need in ("seed", "data/polnear"):
        (tmp_path / "shared" / need).mkdir(parents=True)
    proc = run(repo, "true")
    assert proc.returncode == 0 and proc.stdout.strip() == "make test ran", proc.stdout + proc.stderr
