"""The compare table on one story told by three outlets (the invented articles of examples/story/), where one
outlet's toll differs: `presslens compare` lines the figures up and marks the divergent one, in text, JSON and
CSV, and the story page shows the same tables and one labelled chart per quantity in a real browser."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from presslens.cli import cli

pytestmark = pytest.mark.model
STORY = EXAMPLES / "story"
AGREE = {"Coastline Herald", "Northern Wire"}
DIFFERS = "The Valmora Times"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("story") / "c.db"
    runner = CliRunner()
    res = runner.invoke(cli, ["ingest", str(STORY), "--db", str(db), "--no-progress"])
    assert res.exit_code == 0, res.output
    stories = json.loads(runner.invoke(cli, ["stories", "--db", str(db), "--format", "json"]).stdout)
    assert len(stories) == 1 and stories[0]["articles"] == 3, stories
    assert set(stories[0]["outlets"]) == AGREE | {DIFFERS}
    return db, stories[0]["id"]


def run_compare(db: Path, *args: str) -> str:
    res = CliRunner().invoke(cli, ["compare", *args, "--db", str(db)])
    assert res.exit_code == 0, res.output
    return res.stdout


def killed(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    key = next(q["key"] for q in result["figures"]["quantities"] if q["key"] == "killed")
    return {r["outlet"]: r["cells"][key] for r in result["figures"]["rows"] if key in r["cells"]}


def test_json_lines_up_the_tolls_and_marks_the_divergent_one(corpus: tuple[Path, str]) -> None:
    db, story = corpus
    result = json.loads(run_compare(db, "--story", story, "--format", "json"))
    labels = [q["label"] for q in result["figures"]["quantities"]]
    assert labels[0] == "killed" and "injured" in labels and "killed (children)" in labels
    cells = killed(result)
    assert {o: c["value"] for o, c in cells.items()} == {"Coastline Herald": 27, "Northern Wire": 27, DIFFERS: 31}
    assert [o for o, c in cells.items() if c["differs"]] == [DIFFERS]
    assert cells["Coastline Herald"]["qualifier"] == "at least"
    assert "health office" in cells["Northern Wire"]["source"] and "Eastern Front" in cells[DIFFERS]["source"]
    assert all(c["as_of"] == "2024-04-02" for c in cells.values())
    assert cells[DIFFERS]["others"] == [27]
    assert [r["outlet"] for r in result["calls"]["rows"]] and result["calls"]["actors"]
    by_query = json.loads(run_compare(db, "Dorovka market", "--format", "json"))
    assert killed(by_query) == cells


def test_text_and_csv_mark_the_divergent_toll(corpus: tuple[Path, str]) -> None:
    db, story = corpus
    text = run_compare(db, "--story", story)
    table = text.split("figures, by outlet and date:")[1].split("what each outlet calls")[0]
    rows = {line.split("  ")[0]: line for line in table.splitlines() if line.startswith((*AGREE, DIFFERS))}
    assert "31 (Eastern Front" in rows[DIFFERS] and rows[DIFFERS].count("*") >= 1
    assert all("at least 27" in rows[o] and "27 (the Karsk regional health office, as of 2024-04-02) *" not in rows[o]
               for o in AGREE)
    assert "* differs from the other outlets' figure" in text
    lines = list(csv.DictReader(io.StringIO(run_compare(db, "--story", story, "--format", "csv"))))
    tolls = {r["outlet"]: r for r in lines if r["table"] == "figures" and r["column"] == "killed"}
    assert {o: (r["value"], r["differs"]) for o, r in tolls.items()} == {
        "Coastline Herald": ("27", "0"), "Northern Wire": ("27", "0"), DIFFERS: ("31", "1")}


@pytest.mark.browser
def test_story_page_tables_and_charts_in_the_browser(corpus: tuple[Path, str]) -> None:
    from live_server import browser_page, live_server

    db, story = corpus
    with live_server(db) as url, browser_page() as page:
        page.goto(f"{url}/story/{story}")
        page.wait_for_selector("table#figures-table")
        marked = page.locator("table#figures-table td.differs[data-quantity=killed]")
        assert marked.count() == 1
        assert marked.locator("xpath=..").get_attribute("data-outlet") == DIFFERS
        assert "31" in marked.inner_text()
        for outlet in AGREE:
            row = page.locator(f"table#figures-table tr[data-outlet='{outlet}'] td[data-quantity=killed]")
            assert "27" in row.inner_text() and "differs" not in (row.get_attribute("class") or "")
        charts = page.locator("section.charts svg.chart")
        assert charts.count() >= 2
        first = charts.nth(0)
        assert first.locator("text.ytitle").text_content() == "killed (people)"
        assert first.locator("text.xtitle").text_content() == "date (as of)"
        assert first.locator("text.ytick").count() >= 2 and first.locator("circle").count() == 3
        assert first.locator("circle.differs").count() == 1
        assert page.locator("table#calls-table th[scope=col]").count() >= 2
        page.screenshot(path=str(Path(__file__).parent / "artifacts" / "story-compare.png"), full_page=True)
