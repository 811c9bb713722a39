"""GKG 2.1 fields (export/gkg_fields.py, export/gdelt_geo.py) on small records built here: per-mention names
with offsets, typed locations (Scotland a region, Europe none, Westminster and Somerset not American), counts
only of integers, amounts without percentages, dates of every resolution, four-field quotations."""

from __future__ import annotations

import re
from typing import Any

from presslens.export.gdelt_geo import entity_geo
from presslens.export.gdelt_syntax import gkg_malformed, parse_quotations
from presslens.export.gkg import GKG_COLUMNS, gkg_row
from presslens.export.gkg_fields import counts, dates, names, place_mentions, quotations

TEXT = ("Mr Brown said in Westminster that Scotland, Wales and Europe matter. \"We will win,\" Mr Brown told "
        "the BBC in Somerset. Police in Kansas said 3 people were killed in Chicago on 16 March.")


def _ent(eid: str, name: str, label: str, country: str | None, *words: str, **extra: Any) -> dict[str, Any]:
    mentions = [{"start": m.start(), "end": m.end(), "text": w, "kind": "name"}
                for w in words for m in re.finditer(re.escape(w), TEXT)]
    return {"id": eid, "name": name, "label": label, "country": country, "titles": [], "mentions": mentions, **extra}


def record() -> dict[str, Any]:
    kill = TEXT.index("3 people")
    return {
        "id": "r1", "source": {"path": "x/story.txt", "format": "text"},
        "article": {"title": "T", "outlet": "BBC", "published": "2005-02-01", "text": TEXT,
                    "blocks": [{"kind": "paragraph", "start": 0, "end": len(TEXT)}]},
        "entities": [
            _ent("E1", "Gordon Brown", "PERSON", None, "Mr Brown"),
            _ent("E2", "Westminster", "GPE", "US", "Westminster"),
            _ent("E3", "Scotland", "GPE", "GB", "Scotland", coordinates=[56.5, -4.2]),
            _ent("E4", "Wales", "GPE", "GB", "Wales"),
            _ent("E5", "Europe", "LOC", None, "Europe"),
            _ent("E6", "BBC", "ORG", None, "BBC"),
            _ent("E7", "Somerset", "GPE", "US", "Somerset"),
            _ent("E8", "United Kingdom", "GPE", "GB"),
        ],
        "quotes": [{"id": "Q1", "kind": "direct", "speaker": {"entity": "E1", "text": "Mr Brown"},
                    "cue": {"text": "told", "start": TEXT.index("told"), "end": TEXT.index("told") + 4},
                    "content": {"text": "We will win,", "start": TEXT.index("We will"),
                                "end": TEXT.index("We will") + 12}}],
        "claims": [
            {"id": "C1", "value": 3, "category": "killed", "object": "people", "qualifier": None, "text": "3 people",
             "start": kill, "end": kill + 8, "source": None},
            {"id": "C2", "value": 1.1, "category": "killed", "object": "people", "qualifier": None, "text": "1.1",
             "start": 1, "end": 2, "source": None},
            {"id": "C3", "value": 19, "category": "percent", "object": "", "qualifier": None, "text": "19%",
             "start": 3, "end": 4, "source": None},
            {"id": "C4", "value": 2000000, "category": "money", "object": "e", "qualifier": None, "text": "2m",
             "start": 5, "end": 6, "source": None},
        ],
        "dates": [
            {"text": "16 March", "start": TEXT.index("16 March"), "end": 0, "value": None, "granularity": "day"},
            {"text": "2004", "start": 7, "end": 8, "value": "2004", "granularity": "year"},
            {"text": "May 2004", "start": 9, "end": 10, "value": "2004-05", "granularity": "month"},
            {"text": "Monday", "start": 11, "end": 12, "value": None, "granularity": "day"},
        ],
        "events": [], "framing": [],
    }


def test_locations_are_typed_and_not_made_up() -> None:
    rec = record()
    geo = {e["name"]: entity_geo(rec, e) for e in rec["entities"]}
    assert geo["Scotland"] is not None and (geo["Scotland"].type, geo["Scotland"].country) == (5, "UK")
    assert geo["Wales"] is not None and geo["Wales"].type == 5
    assert geo["Europe"] is None and geo["Gordon Brown"] is None
    assert geo["Somerset"] is None  # a small US namesake in a British story: no location rather than a wrong one
    west = geo["Westminster"]
    assert west is not None and (west.type, west.country) == (4, "UK")
    uk = geo["United Kingdom"]
    assert uk is not None and (uk.type, uk.name, uk.country, uk.adm1, uk.feature) == (1, "United Kingdom", "UK", "UK", "UK")
    kansas = entity_geo(rec, dict(rec["entities"][1], name="Kansas", country="US", id="K"))
    chicago = entity_geo(rec, dict(rec["entities"][1], name="Chicago", country="US", id="C"))
    assert kansas is not None and (kansas.type, kansas.adm1, kansas.feature) == (2, "USKS", "KS")
    assert chicago is not None and (chicago.type, chicago.name, chicago.adm1) == (3, "Chicago, Illinois, United States", "USIL")


def test_names_are_per_mention_with_offsets() -> None:
    cols = names(record())
    first, second = (i for i in range(len(TEXT)) if TEXT.startswith("Mr Brown", i))
    assert cols["V1PERSONS"] == "gordon brown"
    assert cols["V2ENHANCEDPERSONS"] == f"Gordon Brown,{first};Gordon Brown,{second}"
    assert cols["V2ENHANCEDORGANIZATIONS"] == f"BBC,{TEXT.index('BBC')}"
    assert f"Mr Brown,{first}" in cols["V2.1ALLNAMES"].split(";") and f"Europe,{TEXT.index('Europe')}" in cols["V2.1ALLNAMES"]


def test_counts_are_integers_with_a_place_and_amounts_are_not_percentages() -> None:
    rec = record()
    cols = counts(rec, place_mentions(rec))
    kill = TEXT.index("3 people")
    assert cols["V2.1COUNTS"].split(";") == [f"KILL#3#people#{cols['V1COUNTS'].split('#', 3)[3]}#{kill}"]
    assert cols["V1COUNTS"].startswith("KILL#3#people#") and "1.1" not in cols["V1COUNTS"]
    assert cols["V2.1AMOUNTS"].split(";") == [f"3,people,{kill}", "1.1,people,1", "2000000,,5"]


def test_dates_of_every_resolution() -> None:
    rec = record()
    assert dates(rec, 2005).split(";") == [f"4#3#16#2005#{TEXT.index('16 March')}", "1#0#0#2004#7", "2#5#0#2004#9"]
    assert dates(rec, None).split(";")[0] == f"4#3#16#0#{TEXT.index('16 March')}"


def test_quotations_have_the_codebooks_four_fields_and_the_speaker_is_in_the_extras() -> None:
    rec = record()
    parsed = parse_quotations(quotations(rec))
    start = TEXT.index("We will")
    assert parsed == [(start, 12, "told", "We will win,")] and TEXT[start : start + 12] == "We will win,"
    row = dict(zip(GKG_COLUMNS, gkg_row(rec), strict=True))
    assert 'speaker="Gordon Brown" entity="E1"' in row["V2EXTRASXML"]
    assert row["GKGRECORDID"] == "20050201000000-0" and not gkg_malformed(list(row.values()))
    assert row["V1.5TONE"] == f"0,0,0,0,0,0,{len(TEXT.split())}"
