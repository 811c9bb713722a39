"""The time budget's timers never outlive its block, even when a tick lands as the block ends (issue 13)."""

from __future__ import annotations

import signal
import time

import pytest

from presslens.pipeline.limits import OverBudget, time_budget

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")
SIGS = (signal.SIGPROF, signal.SIGALRM)


def test_a_budget_that_runs_out_as_its_block_ends_leaves_no_timer_armed() -> None:
    before = {sig: signal.getsignal(sig) for sig in SIGS}
    raised = 0
    for micro in range(1, 400):  # budgets of 1-400 us: the first tick lands before, during or after the exit
        try:
            with time_budget(micro / 1e6):
                pass
        except OverBudget:
            raised += 1
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0), micro
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), micro
        assert {sig: signal.getsignal(sig) for sig in SIGS} == before
    try:
        with time_budget(0.001):
            end = time.monotonic() + 1.0
            while time.monotonic() < end:  # a budget that runs out inside its block raises there
                pass
    except OverBudget:
        raised += 1
    assert raised >= 1
    time.sleep(0.6)  # a timer left armed would tick (every 0.5 s) and raise here
