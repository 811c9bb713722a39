"""The CLI as a desk (issue 14): --db to a folder that does not exist (PL160, --create), read commands on a missing
corpus (PL040, nothing created), serve on a port in use (PL162, exit 2, before uvicorn starts), text tables fitted
to the terminal with the search hits' highlighted snippets, search --sort, and search's coded errors (exit 2)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.cli.tables import BOLD, RESET, fit, highlight, search_table
from presslens.errors import PresslensError, error

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "story"
LONG_OUTLET = "The International Coastal and Maritime Herald"


def test_db_in_a_folder_that_does_not_exist_is_an_error_unless_create(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(STORY), "--db", str(db)])
    assert res.exit_code == 2 and "PL160" in res.stderr and "--create" in res.stderr, res.output
    assert not db.parent.exists()
    res = CliRunner().invoke(cli, ["watch", "http://127.0.0.1:1/feed.xml", "--db", str(db), "--once"])
    assert res.exit_code == 2 and "PL160" in res.stderr and not db.parent.exists(), res.output


@pytest.mark.parametrize("command", [
    ["search", "x"], ["export", "--format", "jsonl", "--output", "OUT"], ["compare", "x"], ["stories"],
    ["stories", "--rebuild"], ["serve"], ["sources"],
])
def test_read_commands_never_make_a_new_corpus(command: list[str], tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    args = [str(tmp_path / "out.jsonl") if a == "OUT" else a for a in command]
    res = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert res.exit_code == 2 and "PL040" in res.stderr and "presslens ingest" in res.stderr, res.output
    assert not db.exists() and list(tmp_path.iterdir()) == []


def test_serve_on_a_port_in_use_is_pl162_before_uvicorn_starts(tmp_path: Path) -> None:
    from presslens.store.db import Store

    db = tmp_path / "c.db"
    Store.open(db).close()  # an empty corpus is enough: the port is what fails
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "presslens.cli", "serve", "--db", str(db), "--port", str(port)],
                              capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.returncode == 2, proc.stderr
    assert f"PL162: Cannot serve on 127.0.0.1:{port}: the port is in use" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "startup complete" not in proc.stderr and proc.stdout == ""
    suggested = int(proc.stderr.split("--port ")[1].split(",")[0])
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", suggested))  # the port it suggests was free


def test_other_bind_failures_are_pl163() -> None:
    from presslens.web.stopping import _bound

    with pytest.raises(PresslensError) as err:
        _bound("192.0.2.1", 8000)  # TEST-NET-1: not an address of this machine
    assert err.value.code == "PL163" and "--host" in err.value.info["message"]


def test_pl046_sends_the_user_to_presslens_stories() -> None:
    message = error("PL046", kind="story", id="s1", path="c.db")["message"]
    assert "`presslens stories --db c.db`" in message


def test_fit_keeps_long_outlets_when_there_is_room_and_shrinks_when_not() -> None:
    rows = [["id", "outlet", "title"], ["a1", LONG_OUTLET, "A title of some length here"]]
    wide = fit(rows, 120, [None, 12, 16])
    assert LONG_OUTLET in wide[1] and len(LONG_OUTLET) > 20
    narrow = fit(rows, 50, [None, 12, 16])
    assert all(len(line) <= 50 for line in narrow), narrow
    assert "The Internat" in narrow[1] and "…" in narrow[1] and narrow[1].startswith("a1  ")
    floor = fit(rows, 30, [None, 12, 16])  # no room: the columns stop at their floors, the line is cut
    assert floor[1] == "a1  " + LONG_OUTLET[:11] + "…  A title of…" and len(floor[1]) == 29


def test_highlight_bold_on_a_terminal_brackets_otherwise() -> None:
    snippet = "The cease-fire held; the ceasefire talks resume on Monday"
    marks = [[4, 14], [25, 34]]
    assert highlight(snippet, marks, 200, bold=False) == "The [cease-fire] held; the [ceasefire] talks resume on Monday"
    assert highlight(snippet, marks, 200, bold=True) == (
        f"The {BOLD}cease-fire{RESET} held; the {BOLD}ceasefire{RESET} talks resume on Monday")
    # cut to the width, the brackets counted: the second mark would not fit whole
    assert highlight(snippet, marks, 30, bold=False) == "The [cease-fire] held; the…"
    assert highlight(snippet, marks, 33, bold=False) == "The [cease-fire] held; the [cea]…"
    assert highlight(snippet, marks, 30, bold=True) == f"The {BOLD}cease-fire{RESET} held; the {BOLD}ceas{RESET}…"


def test_search_table_fits_the_width_with_snippets() -> None:
    hit = SimpleNamespace(id="a" * 24, published="2024-04-02T10:00:00Z", outlet=LONG_OUTLET, title="Shelling " * 12,
                          snippet="the shelling of the market " * 8, marks=[[4, 12]])
    for width in (70, 100, 200):
        lines = search_table([hit], 1, width, bold=False)
        assert lines[0] == "1 match" and all(len(line) <= width for line in lines), lines
        assert lines[3].startswith("    the [shelling] of")
    assert LONG_OUTLET in search_table([hit], 1, 200, bold=False)[2]


@pytest.mark.model
def test_search_sort_table_and_coded_errors(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert CliRunner().invoke(cli, ["ingest", str(STORY), str(ROOT / "examples" / "harbour-strike.txt"), "--db", str(db)]).exit_code == 0
    res = CliRunner(env={"COLUMNS": "70"}).invoke(cli, ["search", "--db", str(db), "--sort", "date"])
    assert res.exit_code == 0 and res.stdout.startswith("4 matches"), res.output
    lines = res.stdout.splitlines()
    assert all(len(line) <= 70 for line in lines), lines
    dates = [line.split()[1] for line in lines[2::2]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 4
    assert all(line.startswith("    ") for line in lines[3::2])  # a snippet under each hit
    by_date = CliRunner().invoke(cli, ["search", "market", "--db", str(db), "--sort", "date", "--format", "jsonl"])
    assert by_date.exit_code == 0 and by_date.stdout.count("\n") >= 2, by_date.output
    long = CliRunner().invoke(cli, ["search", "word " * 40, "--db", str(db)])
    assert long.exit_code == 2 and "PL050" in long.stderr, long.output


def test_tables_are_not_cut_in_a_pipe_and_fit_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.cli.tables import UNBOUNDED, terminal_width

    monkeypatch.delenv("COLUMNS", raising=False)
    assert terminal_width() == UNBOUNDED  # pytest's stdout is not a terminal
    monkeypatch.setenv("COLUMNS", "72")
    assert terminal_width() == 72


def test_in_thread_serves_on_a_port_bound_first_and_frees_it(tmp_path: Path) -> None:
    import urllib.request

    from presslens.store.db import Store
    from presslens.web.app import create_app
    from presslens.web.stopping import in_thread

    db = tmp_path / "c.db"
    Store.open(db).close()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with in_thread(create_app(db)) as base:
        port = int(base.rsplit(":", 1)[1])
        with opener.open(base + "/stories", timeout=30) as response:
            assert response.status == 200 and "<html" in response.read().decode("utf-8").lower()
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))  # given back when the block ended
