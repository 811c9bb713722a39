"""The CLI's progress bar (cli/progress.py) on a fake terminal, and on the real pipeline: ingest and analyze of a
few articles, with their errors also written on stderr with their code."""

from __future__ import annotations

import io
import json
import re
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.cli.progress import Bar, Quiet, coded_lines, count_inputs, open_bar, render

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "story"


class Terminal(io.StringIO):
    """A stream that says it is a terminal, and whose writes can be counted from another thread."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> int:
        with self.lock:
            return super().write(s)

    def frames(self) -> list[str]:
        with self.lock:
            return [f.strip() for f in re.split(r"[\r\n]", self.getvalue()) if f.strip()]


def test_render_shows_total_percentage_rate_and_eta() -> None:
    frame = render("ingest", 30, 120, 10.0, width=200)
    assert "25%" in frame and "30/120 articles" in frame and "3.0/s" in frame, frame
    assert "ETA 0:30" in frame and "(0:10)" in frame, frame  # 90 left at 3 a second
    assert "[######" in frame and len(frame) < 200
    # no total (stdin), or a JSONL file that held more articles than there were inputs: the count, no ETA
    for total in (None, 20):
        frame = render("analyze", 45, total, 9.0, width=200)
        assert "45 articles" in frame and "5.0/s" in frame and "ETA" not in frame and "%" not in frame, frame
    assert len(render("ingest", 1, 3, 1.0, width=30)) <= 29  # cut to the terminal


def test_bar_redraws_every_interval_without_updates_and_notes_above_it() -> None:
    term = Terminal()
    bar = Bar(term, total=5, desc="ingest", interval=0.05)
    time.sleep(0.5)
    idle = len(term.frames())
    assert idle >= 4, term.getvalue()  # time-based: the elapsed time moves while no article is done
    bar.update(2)
    bar.note("error: PL001: Cannot read /x.txt: No such file or directory.")
    bar.update(3)
    bar.close()
    bar.close()  # twice is harmless
    frames = term.frames()
    assert "error: PL001: Cannot read /x.txt: No such file or directory." in frames
    assert frames[-1].startswith("ingest 100%") and "5/5 articles" in frames[-1], frames[-1]
    assert term.getvalue().endswith("\n") and not bar.thread.is_alive()
    # the note's line is a line of its own: the bar was cleared before it and drawn again after it
    at = term.getvalue().index("error: PL001")
    assert term.getvalue()[at - 1] == "\r" and term.getvalue()[at:].split("\n", 1)[1].startswith("\r")


def test_open_bar_only_on_a_terminal_and_never_with_quiet() -> None:
    plain = io.StringIO()
    assert type(open_bar(plain, None, 3, "ingest")) is Quiet
    bar = open_bar(Terminal(), None, 3, "ingest")
    assert isinstance(bar, Bar)
    bar.close()
    quiet = open_bar(Terminal(), True, 3, "ingest", quiet=True)
    assert type(quiet) is Quiet
    quiet.note("warning: PL005: x", warning=True)
    quiet.note("error: PL001: y")
    assert quiet.stream.getvalue() == "error: PL001: y\n"  # --quiet drops warnings, never errors
    off = open_bar(plain, False, 3, "ingest")
    off.note("warning: PL005: x", warning=True)
    assert plain.getvalue() == "warning: PL005: x\n"


def test_count_inputs_and_coded_lines(tmp_path: Path) -> None:
    assert count_inputs([str(STORY), str(tmp_path / "missing.txt"), "https://example.org/a"]) == 5
    assert count_inputs([str(STORY), "-"]) is None
    rec = {"source": {"path": "a.txt"}, "errors": [
        {"code": "PL005", "message": "a.txt could not be decoded cleanly", "severity": "warning"},
        {"code": "PL012", "message": "analysis failed", "severity": "error"},
    ]}
    assert coded_lines(rec) == [("warning: PL005: a.txt could not be decoded cleanly", True),
                                ("error: PL012: a.txt: analysis failed", False)]


@pytest.mark.model
def test_ingest_with_progress_draws_the_total_and_reports_errors_on_stderr(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    res = CliRunner().invoke(cli, ["ingest", str(STORY), str(missing), "--db", str(tmp_path / "c.db"), "--progress"])
    assert res.exit_code == 1, res.output
    assert "read 4, stored 3" in res.stdout and "\r" not in res.stdout
    frames = [f.strip() for f in re.split(r"[\r\n]", res.stderr) if f.strip()]
    assert frames[-1].startswith("ingest 100%") and "4/4 articles" in frames[-1], res.stderr
    assert f"error: PL001: Cannot read {missing}" in res.stderr
    # without a terminal and without --progress: no bar, the error still on stderr
    res = CliRunner().invoke(cli, ["ingest", str(STORY), str(missing), "--db", str(tmp_path / "c.db")])
    assert res.exit_code == 1 and "articles" not in res.stderr and "error: PL001" in res.stderr, res.stderr
    assert "already present 3" in res.stdout
    # the Python API's progress=True: the same bar on the stream given
    from presslens.ingest import ingest

    term = Terminal()
    summary = ingest([str(STORY), str(missing)], tmp_path / "c.db", progress=True, stream=term)
    assert (summary.present, summary.failed) == (3, 1)
    assert term.frames()[-1].startswith("ingest 100%") and "4/4 articles" in term.frames()[-1], term.getvalue()


@pytest.mark.model
def test_analyze_jsonl_error_in_the_record_and_on_stderr(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    res = CliRunner().invoke(cli, ["analyze", str(STORY / "wire-shelling.txt"), str(missing), "--progress"])
    assert res.exit_code == 1, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["errors"][0]["code"] if r["errors"] else None for r in records] == [None, "PL001"]
    assert f"error: PL001: Cannot read {missing}" in res.stderr
    assert "2/2 articles" in res.stderr and "100%" in res.stderr
    quiet = CliRunner().invoke(cli, ["analyze", str(missing), "--quiet"])
    assert quiet.exit_code == 1 and quiet.stderr.startswith("error: PL001: Cannot read") and "%" not in quiet.stderr
