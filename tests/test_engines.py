"""Engines: local worker processes and Dask give the 1-process records, in input order; a worker that dies
mid-run loses no article (retried once, then an error record), and the counts add up."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from invented_news import write_articles
from presslens.engines import RunStats, check_settings, run_raws, run_records
from presslens.engines.work import Task, batched, split_or_fail
from presslens.errors import MESSAGES, PresslensError
from presslens.readers import ReadOptions, raw_article, read_inputs

POISON = "PRESSLENS-TEST-POISON-7f3a"


# -- logic, no model -------------------------------------------------------------------------------


def _raw(i: int) -> Any:
    return raw_article({"path": f"a{i}.txt", "format": "text"}, f"Title {i}\n\nBody {i}.")


def test_batched_keeps_positions_and_sizes() -> None:
    tasks = list(batched((_raw(i) for i in range(10)), 4))
    assert [t.positions for t in tasks] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert [t.id for t in tasks] == [0, 1, 2]
    assert tasks[2].raws[1]["source"]["path"] == "a9.txt"


def test_first_failure_retries_each_article_alone_then_fails_with_a_record() -> None:
    task = Task(3, [(5, _raw(5)), (6, _raw(6))])
    again, failed = split_or_fail(task, "PL100", "exit code -9", next_id=100)
    assert failed == []
    assert [(t.id, t.positions, t.attempt) for t in again] == [(100, [5], 1), (101, [6], 1)]
    again2, failed2 = split_or_fail(again[1], "PL100", "exit code -9", next_id=200)
    assert again2 == []
    [(pos, rec)] = failed2
    assert pos == 6
    assert rec["source"]["path"] == "a6.txt"
    assert [e["code"] for e in rec["errors"]] == ["PL100"]
    assert "a6.txt" in rec["errors"][0]["message"] and "2 attempts" in rec["errors"][0]["message"]


def test_the_time_budget_holds_outside_the_main_thread_and_stops_with_its_block() -> None:
    import threading
    import time

    from presslens.pipeline.limits import OverBudget, time_budget

    seen: dict[str, Any] = {}

    def work() -> None:
        start = time.monotonic()
        try:
            with time_budget(0.3):
                while time.monotonic() - start < 10:
                    sum(range(100))
        except OverBudget:
            seen["over"] = time.monotonic() - start
        with time_budget(0.2):
            pass
        time.sleep(0.8)  # past that second budget: nothing may be raised any more
        seen["after"] = True

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(15)
    assert 0.3 <= seen["over"] < 5 and seen.get("after") is True


def test_engine_error_codes_are_in_their_range_and_format() -> None:
    for code in ("PL100", "PL101", "PL102", "PL103", "PL104", "PL105", "PL106"):
        assert code in MESSAGES
    assert list(MESSAGES).index("PL100") > list(MESSAGES).index("PL001")


@pytest.mark.parametrize(
    ("workers", "engine", "scheduler"), [(0, "local", None), (2, "spark", None), (2, "local", "tcp://h:8786")]
)
def test_bad_settings_raise_pl105(workers: int, engine: str, scheduler: str | None) -> None:
    with pytest.raises(PresslensError) as info:
        check_settings(workers, engine, scheduler)
    assert info.value.code == "PL105"


# -- with the model: one process is the reference --------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Invented articles of varied length, one carrying the poison marker, plus an empty file."""
    folder = tmp_path_factory.mktemp("engines")
    paths = write_articles(folder / "news", 23, seed=3, marker_at=9, marker=POISON)
    empty = folder / "news" / "00023-empty.txt"
    empty.write_text("", encoding="utf-8")
    return paths + [str(empty)]


@pytest.fixture(scope="module")
def reference(corpus: list[str]) -> list[dict[str, Any]]:
    stats = RunStats()
    records = list(run_records(corpus, ReadOptions(), None, workers=1, stats=stats))
    assert stats.adds_up() and stats.read == len(corpus)
    return records


@pytest.fixture(scope="module")
def fault_env() -> Iterator[None]:
    """Workers started in this module SIGKILL themselves on a batch holding the poison marker."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRESSLENS_FAULT_INJECT", f"kill:{POISON}")
        yield


def _without(records: list[dict[str, Any]], pos: int) -> list[dict[str, Any]]:
    return records[:pos] + records[pos + 1 :]


def _check_poisoned(records: list[dict[str, Any]], reference: list[dict[str, Any]], stats: RunStats) -> None:
    assert len(records) == len(reference)
    assert [r["source"] for r in records] == [r["source"] for r in reference]
    poisoned = records[9]
    assert [e["code"] for e in poisoned["errors"]] == ["PL100"], poisoned["errors"]
    wrong = [(i, r["errors"]) for i, (r, ref) in enumerate(zip(records, reference, strict=True)) if i != 9 and r != ref]
    assert not wrong, f"{stats}: {wrong}"
    assert stats.worker_deaths >= 2  # the batch, then the article alone
    assert stats.retried >= 1
    assert stats.adds_up() and stats.read == len(reference)
    assert stats.failed == sum(1 for r in reference if r["errors"]) + 1


@pytest.mark.model
def test_reference_run_is_in_order_and_counts(corpus: list[str], reference: list[dict[str, Any]]) -> None:
    assert [r["source"]["path"] for r in reference] == corpus
    assert reference[-1]["errors"], "the empty file gets an error record"
    assert POISON in reference[9]["article"]["text"]  # the hook only fires inside worker processes


@pytest.mark.model
def test_two_local_workers_give_the_one_process_records_in_order(
    corpus: list[str], reference: list[dict[str, Any]]
) -> None:
    stats = RunStats()
    clean = [p for i, p in enumerate(corpus) if i != 9]
    records = list(run_records(clean, ReadOptions(), None, workers=2, batch_size=3, stats=stats))
    assert records == _without(reference, 9)
    assert stats.adds_up() and stats.read == len(clean)
    assert len([w for w in stats.workers.values() if w.articles]) == 2, "both workers did some of the work"
    assert stats.worker_deaths == 0


@pytest.mark.model
def test_local_worker_killed_by_its_input_is_retried_once_then_reported(
    corpus: list[str], reference: list[dict[str, Any]], fault_env: None
) -> None:
    stats = RunStats()
    records = list(run_records(corpus, ReadOptions(), None, workers=2, batch_size=4, stats=stats))
    _check_poisoned(records, reference, stats)
    assert stats.retried == 4  # the poisoned batch's 4 articles, each once, alone
    assert stats.worker_deaths == 2


@pytest.mark.model
def test_local_worker_killed_from_outside_loses_nothing(corpus: list[str], reference: list[dict[str, Any]]) -> None:
    from presslens.engines.local import LocalEngine

    clean = [p for i, p in enumerate(corpus) if i != 9]
    stats = RunStats()
    records: list[dict[str, Any]] = []
    with LocalEngine(None, workers=2, batch_size=2, stats=stats) as engine:
        for rec in engine.run(read_inputs(clean, ReadOptions())):
            if not records:
                os.kill(engine.pids[0], signal.SIGKILL)
            records.append(rec)
    assert records == _without(reference, 9)
    assert stats.worker_deaths == 1
    assert stats.adds_up() and stats.failed == 1  # only the empty file


# -- Dask: a LocalCluster of two workers -----------------------------------------------------------


@pytest.fixture(scope="module")
def dask_engine(fault_env: None) -> Iterator[Any]:
    pytest.importorskip("distributed")
    from presslens.engines.dask import DaskEngine

    with DaskEngine(None, workers=2, batch_size=3) as engine:
        yield engine


@pytest.mark.model
def test_dask_local_cluster_gives_the_same_records(
    dask_engine: Any, corpus: list[str], reference: list[dict[str, Any]]
) -> None:
    clean = [p for i, p in enumerate(corpus) if i != 9]
    dask_engine.stats = stats = RunStats()
    records = list(dask_engine.run(read_inputs(clean, ReadOptions())))
    assert records == _without(reference, 9)
    assert stats.adds_up() and stats.read == len(clean)


@pytest.mark.model
def test_dask_parquet_shards_hold_the_same_records(
    dask_engine: Any, corpus: list[str], reference: list[dict[str, Any]], tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    from presslens.engines.shards import read_records

    clean = [p for i, p in enumerate(corpus) if i != 9]
    dask_engine.output = str(tmp_path / "shards")
    try:
        summaries = list(dask_engine.run(read_inputs(clean, ReadOptions())))
    finally:
        dask_engine.output = None
    assert [s["id"] for s in summaries] == [r["id"] for r in _without(reference, 9)]
    assert all(s["shard"].startswith("part-") for s in summaries)
    assert read_records(tmp_path / "shards") == _without(reference, 9)


@pytest.mark.model
def test_dask_worker_killed_by_its_input_is_retried_once_then_reported(
    dask_engine: Any, corpus: list[str], reference: list[dict[str, Any]]
) -> None:
    dask_engine.stats = stats = RunStats()
    records = list(dask_engine.run(read_inputs(corpus, ReadOptions())))
    _check_poisoned(records, reference, stats)


@pytest.mark.model
def test_run_raws_with_no_input_yields_nothing() -> None:
    stats = RunStats()
    assert list(run_raws(iter([]), None, workers=1, stats=stats)) == []
    assert stats.read == 0 and stats.adds_up()
