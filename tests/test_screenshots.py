"""bench/screenshots.py's page list (`make screenshots`), checked without a browser: on a corpus of the bundled
examples, each page it would shoot names a real article, speaker and story, and answers 200 from the real server
on 127.0.0.1 (the script's own ``serving``). The screenshots themselves are made by `make screenshots`."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
import screenshots

pytestmark = pytest.mark.model


def test_every_page_it_would_shoot_answers_200(tmp_path: Path) -> None:
    from presslens.ingest import ingest

    db = tmp_path / "examples.db"
    ingest([str(screenshots.EXAMPLES / "story"), str(screenshots.EXAMPLES / "briefs.jsonl")], db, progress=False)
    paths = screenshots.page_paths(db)
    assert tuple(paths) == screenshots.PAGES == ("search", "article", "entity", "story", "stories", "sources")
    assert all(paths[name].rstrip("/").split("/")[-1] not in ("None", "") for name in ("article", "entity", "story"))
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # straight to 127.0.0.1
    with screenshots.serving(db) as base:
        assert base.startswith("http://127.0.0.1:")
        for name, path in paths.items():
            with opener.open(base + path, timeout=30) as response:
                body = response.read().decode("utf-8")
                assert response.status == 200 and "<html" in body.lower(), (name, path)
    assert "search" in paths and "shelling" in paths["search"]


def test_inputs_are_the_bundled_examples_and_the_seed_when_shared_is_there() -> None:
    found = screenshots.inputs()
    assert found[0] == str(screenshots.EXAMPLES) and Path(found[0]).is_dir()
    assert (str(screenshots.SEED) in found) == screenshots.SEED.is_file()
