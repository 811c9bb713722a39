"""Fuzz (issue 13): a few hundred malformed inputs from a fixed seed (tests/fuzz_inputs.py) through the real
readers and the real pipeline. For each: at least one record; every record either carries coded errors or
is a good record (schema-valid, every offset on its characters); within a time and a memory budget. Then
`presslens analyze` over a sample of them: one line per record, exit status 1 exactly when one failed."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from fuzz_inputs import SEED, generate
from presslens.errors import MESSAGES
from presslens.record import check_offsets, validate

COUNT = 252  # 18 of each of the 14 kinds
SECONDS_PER_INPUT = 20.0  # generous: the suite runs on a shared machine; a hang or a quadratic blow-up exceeds it
GROWTH_BYTES = 1536 * 2**20  # peak resident memory may grow this much over the warmed-up baseline
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.model


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes


@pytest.fixture(scope="module")
def fuzzed(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from presslens.pipeline import analyze
    from presslens.readers import read_inputs

    folder = tmp_path_factory.mktemp("fuzz")
    inputs = generate(COUNT, SEED)
    list(analyze(read_inputs([str(ROOT / "examples")]), nlp))  # warm up: baseline after the first articles
    baseline = _peak_rss()
    results: dict[str, dict[str, Any]] = {}
    for name, data in inputs:
        path = folder / name
        path.write_bytes(data)
        start = time.perf_counter()
        records = list(analyze(read_inputs([str(path)]), nlp))
        results[name] = {"records": records, "seconds": time.perf_counter() - start, "growth": _peak_rss() - baseline}
    return {"folder": folder, "results": results}


def _problems(name: str, result: dict[str, Any]) -> list[str]:
    found = []
    records = result["records"]
    if not records:
        found.append(f"{name}: no record")
    if result["seconds"] > SECONDS_PER_INPUT:
        found.append(f"{name}: {result['seconds']:.1f} s")
    if result["growth"] > GROWTH_BYTES:
        found.append(f"{name}: peak memory {result['growth'] / 2**20:.0f} MiB over the baseline")
    for index, record in enumerate(records):
        where = f"{name}[{index}]"
        codes = [e.get("code") for e in record["errors"]]
        unknown = [c for c in codes if c not in MESSAGES]
        if unknown:
            found.append(f"{where}: uncoded errors {unknown}")
        if "PL032" in codes:  # the readers' own "this is a bug" code
            found.append(f"{where}: a reader failed: {record['errors']}")
        if any(not e.get("message") for e in record["errors"]):
            found.append(f"{where}: an error without a message")
        if not record["article"]["text"] and not codes:
            found.append(f"{where}: no text and no error")
        try:
            validate(record)
        except Exception as exc:  # noqa: BLE001 - reported with the input's name
            found.append(f"{where}: not a valid record: {str(exc).splitlines()[0]}")
        found.extend(f"{where}: {bad}" for bad in check_offsets(record))
    return found


def test_every_malformed_input_gets_coded_errors_or_a_good_record(fuzzed: dict[str, Any]) -> None:
    results = fuzzed["results"]
    assert len(results) == COUNT
    problems = [p for name, result in results.items() for p in _problems(name, result)]
    assert not problems, "\n".join(problems[:40])
    analysed = sum(1 for r in results.values() for rec in r["records"] if rec["article"]["text"])
    failed = sum(1 for r in results.values() for rec in r["records"] if not rec["article"]["text"])
    assert analysed >= COUNT // 5 and failed >= COUNT // 5  # the inputs are both broken and salvageable
    slowest = max(r["seconds"] for r in results.values())
    seen = Counter(e["code"] for r in results.values() for rec in r["records"] for e in rec["errors"])
    print(f"fuzz: {COUNT} inputs, {analysed} analysed, {failed} failed records, slowest {slowest:.2f} s, codes {dict(seen)}")


def test_cli_exit_status_and_one_line_per_record(fuzzed: dict[str, Any], tmp_path: Path) -> None:
    results = fuzzed["results"]
    sample = sorted(results)[::7]
    for name in sample:
        (tmp_path / name).write_bytes((fuzzed["folder"] / name).read_bytes())
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "presslens"), "analyze", str(tmp_path), "--format", "jsonl"],
        capture_output=True,
        timeout=600,
        check=False,
    )
    lines = [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    expected = [rec for name in sample for rec in results[name]["records"]]
    assert len(lines) == len(expected), proc.stderr.decode()[-2000:]
    assert [sorted(e["code"] for e in rec["errors"]) for rec in lines] == [sorted(e["code"] for e in rec["errors"]) for rec in expected]
    assert proc.returncode == (1 if any(rec["errors"] for rec in expected) else 0)
    assert b"Traceback" not in proc.stderr
