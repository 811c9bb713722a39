"""No single article can stall a Dask run (issue 13): the caller watches each task's age and, past its deadline,
restarts the stuck worker, gives the article PL016 and goes on. The watch's bookkeeping, then a real
``presslens analyze --engine dask`` on a LocalCluster (worker processes with nannies) whose worker blocks in
C (``time.sleep`` in the task's thread, the test-only ``hang:`` fault hook of ``engines.work``), where no
exception raised into the thread can reach it."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from invented_news import article
from presslens.engines.overdue import Watch

MARKER = "STALLS-ITS-DASK-WORKER"
BOUND_S = 150  # the run must end well within this (the stuck worker would sleep for an hour)


def test_the_oldest_task_of_a_worker_is_overdue_and_what_else_it_holds_goes_with_it() -> None:
    watch = Watch()
    ours = {"a", "b", "c"}
    watch.update({"w1": ["a", "b"], "w3": ["not-ours"]}, ours, now=0.0)
    watch.update({"w1": ["a", "b"], "w2": ["c"]}, ours, now=1.0)
    assert watch.overdue(lambda key: 5.0, now=4.0) == []
    [late] = watch.overdue(lambda key: 5.0, now=5.5)
    assert (late.worker, late.key, late.age, late.others) == ("w1", "a", 5.5, ["b"])
    assert sorted(o.key for o in watch.overdue(lambda key: 5.0, now=6.5)) == ["a", "c"]
    assert watch.overdue(lambda key: None, now=100.0) == [], "no budget, no deadline"
    watch.forget("w1")
    assert [o.worker for o in watch.overdue(lambda key: 5.0, now=6.5)] == ["w2"]

def test_a_task_runs_from_when_the_one_before_it_on_its_worker_left() -> None:
    watch = Watch()
    ours = {"a", "b"}
    watch.update({"w1": ["a", "b"]}, ours, now=0.0)
    watch.update({"w1": ["b"]}, ours, now=8.0)  # a finished at 8: b, waiting on the worker, starts then
    assert watch.started("b") == 8.0
    assert watch.overdue(lambda key: 5.0, now=12.0) == []
    [late] = watch.overdue(lambda key: 5.0, now=13.5)
    assert (late.key, late.age, late.others) == ("b", 5.5, [])
    watch.update({"w2": ["b"]}, ours, now=14.0)  # moved to another worker: seen afresh there
    assert watch.started("b") == 14.0


def test_an_article_alone_past_its_deadline_fails_at_once_and_a_batch_goes_again_one_by_one() -> None:
    from presslens.engines.work import Task, split_or_fail
    from presslens.readers import raw_article

    raws = [raw_article({"path": f"{n}.txt", "format": "text"}, f"Title\n\nBody {n}.") for n in "ab"]
    again, failed = split_or_fail(Task(1, [(0, raws[0]), (1, raws[1])]), "PL016", "recycled", next_id=10)
    assert [t.positions for t in again] == [[0], [1]] and failed == []
    again, failed = split_or_fail(Task(2, [(4, raws[1])]), "PL016", "recycled", next_id=20)
    assert again == [] and [(pos, [e["code"] for e in rec["errors"]]) for pos, rec in failed] == [(4, ["PL016"])]
    again, _ = split_or_fail(Task(3, [(5, raws[0])]), "PL100", "exit code -9", next_id=30)
    assert [t.attempt for t in again] == [1], "a worker that died: the article alone gets its second try"


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError(f"the Dask run did not end within {BOUND_S} s: a stuck worker stalled it")


@pytest.mark.model
def test_a_dask_worker_stuck_in_c_code_is_restarted_and_the_run_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from click.testing import CliRunner

    from presslens.cli import cli
    from presslens.cli.options import LIMIT_ENV
    from presslens.engines import dask

    for env in LIMIT_ENV.values():  # the CLI's options set them: restored after the test
        monkeypatch.setenv(env, "")
        monkeypatch.delenv(env)
    monkeypatch.setenv("PRESSLENS_FAULT_INJECT", f"hang:{MARKER}")  # the workers started below inherit it
    monkeypatch.setattr(dask, "OVERDUE_GRACE_S", 2.0)  # deadlines of 1 x (articles + 1) + 2 s
    paths = []
    for i, name in enumerate(["a", "b", "hang"]):  # last: no article waits for a restarted worker to load
        path = tmp_path / f"{name}.txt"
        path.write_text(article(20 + i, marker=MARKER if name == "hang" else ""), encoding="utf-8")
        paths.append(str(path))
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(BOUND_S)
    start = time.monotonic()
    try:
        result = CliRunner().invoke(cli, ["analyze", "--engine", "dask", "--workers", "2", "--time-budget", "1", *paths])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    took = time.monotonic() - start
    assert not isinstance(result.exception, TimeoutError), result.exception
    records: list[dict[str, Any]] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["source"]["path"] for r in records] == paths, result.output[-2000:]
    stuck = records[2]
    assert [e["code"] for e in stuck["errors"]] == ["PL016"], stuck["errors"]
    assert "recycled" in stuck["errors"][0]["message"] and "--time-budget" in stuck["errors"][0]["message"]
    assert stuck["extractors"] == [] and stuck["entities"] == []
    for good in records[:2]:
        assert good["errors"] == [] and good["entities"] and good["quotes"], good["source"]
    assert result.exit_code == 1, "an input failed"
    assert took < BOUND_S
