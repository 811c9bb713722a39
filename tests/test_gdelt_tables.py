"""The GDELT tables in data/ against GDELT's real files in ../shared/data/gdelt/ (issue 15): every Goldstein
value and QuadClass as the real Events file has them, every GKG theme we map to one the real GKG file uses."""

from __future__ import annotations

import zipfile
from collections import defaultdict

import pytest

from conftest import DATA, need_shared
from presslens.export.gdelt_syntax import read_rows
from presslens.export.tables import gkg_themes, goldstein, plover_to_cameo, quad_class

GDELT = DATA / "gdelt"


@pytest.fixture(scope="module")
def real_events() -> list[list[str]]:
    need_shared(GDELT / "20191024143000.export.CSV", "the CAMEO tables are checked against GDELT's real Events file")
    return read_rows((GDELT / "20191024143000.export.CSV").read_text(encoding="utf-8").splitlines())


def test_every_code_of_the_real_file_has_its_one_goldstein_value(real_events) -> None:
    seen: dict[str, set[float]] = defaultdict(set)
    for row in real_events:
        seen[row[26]].add(float(row[30]))
    assert len(seen) > 100
    assert all(len(values) == 1 for values in seen.values())
    assert {code: next(iter(v)) for code, v in seen.items()} == {code: goldstein()[code] for code in seen}


def test_quad_class_is_the_real_files_by_root_code(real_events) -> None:
    assert {row[28]: int(row[29]) for row in real_events} == {row[28]: quad_class(row[26]) for row in real_events}
    assert quad_class("140") == 3 and quad_class("180") == 4 and quad_class("057") == 1 and quad_class("070") == 2


def test_every_cameo_code_of_the_lookup_has_a_goldstein_value() -> None:
    need_shared(GDELT / "LOOKUP-CAMEO.eventcodes.txt", "GDELT's CAMEO lookup")
    lines = (GDELT / "LOOKUP-CAMEO.eventcodes.txt").read_text(encoding="utf-8").splitlines()[1:]
    codes = {line.split("\t")[0] for line in lines if line.strip()}
    assert len(codes) > 300 and codes <= set(goldstein())
    assert all(code in goldstein() for code, _ in plover_to_cameo().values())


def test_every_mapped_theme_occurs_in_the_real_gkg_file() -> None:
    need_shared(GDELT / "20230702153000.gkg.csv.zip", "the theme table is checked against GDELT's real GKG file")
    with zipfile.ZipFile(GDELT / "20230702153000.gkg.csv.zip") as z:
        rows = read_rows(z.read(z.namelist()[0]).decode("utf-8", errors="replace").splitlines())
    real = {t for row in rows for t in row[7].split(";") if t}
    ours = {t for kind in gkg_themes().values() for names in kind.values() for t in names}
    assert len(ours) >= 15 and ours <= real, sorted(ours - real)
