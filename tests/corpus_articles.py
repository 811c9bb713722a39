"""Eleven small invented articles (three outlets, four stories) and one hostile page, for the corpus tests.

Written for presslens's tests; every name, figure and quote is invented. ``write_corpus(folder)`` writes them
as text files in the seed's shape (``date YYYY-MM-DD Title``, then the outlet line, then the body).
"""

from __future__ import annotations

from pathlib import Path

FLOOD_BODY = (
    "Floods have killed at least 12 people in northern Portugal after three days of heavy rain, the interior "
    "ministry said on Monday.\n\n"
    "Interior Minister Ana Ribeiro said emergency crews had rescued more than 300 residents from their homes in "
    "Braga and Viana do Castelo. \"This is the worst flooding our region has seen in forty years,\" Ribeiro told "
    "reporters in Braga.\n\n"
    "The Portuguese Red Cross said about 2,000 people had been displaced. Its spokesman Paulo Mendes said "
    "volunteers were handing out blankets and food in schools turned into shelters.\n\n"
    "The government will release 50 million euros in emergency aid, Ribeiro said."
)

ARTICLES: list[dict[str, str]] = [
    {
        "name": "ledger-floods.txt",
        "title": "Floods kill at least 12 in northern Portugal",
        "outlet": "Daily Ledger",
        "published": "2024-03-04",
        "body": FLOOD_BODY,
    },
    {
        "name": "wire-floods.txt",
        "title": "Portugal floods leave at least 12 dead",
        "outlet": "Coastal Wire",
        "published": "2024-03-04",
        "body": FLOOD_BODY.replace("three days of heavy rain", "three days of torrential rain").replace(
            "on Monday", "on Monday evening"
        ),
    },
    {
        "name": "post-floods.txt",
        "title": "Death toll rises as Braga counts the cost of the floods",
        "outlet": "The Morning Post",
        "published": "2024-03-05",
        "body": (
            "The number of people killed by the floods in northern Portugal rose to 15 on Tuesday, according to "
            "the Portuguese Red Cross.\n\n"
            "\"Whole streets in Braga are still under water,\" said Paulo Mendes, a Red Cross spokesman. He said "
            "about 2,500 people had been forced from their homes.\n\n"
            "Interior Minister Ana Ribeiro, who visited Viana do Castelo, promised that the government would pay "
            "for the damage. Critics accused the ministry of a shambolic response to the disaster in Braga."
        ),
    },
    {
        "name": "ledger-rates.txt",
        "title": "Central bank raises interest rates to 4.5 percent",
        "outlet": "Daily Ledger",
        "published": "2024-03-10",
        "body": (
            "The Bank of Portugal raised its main interest rate to 4.5 percent on Sunday, its third rise this year.\n\n"
            "\"Inflation remains far too high and we will act until it is under control,\" Governor Maria Costa "
            "said at a press conference in Lisbon.\n\n"
            "Economists at Banco Atlantico said the rise would add about 80 euros a month to a typical mortgage."
        ),
    },
    {
        "name": "post-rates.txt",
        "title": "Borrowers squeezed as Bank of Portugal lifts rates again",
        "outlet": "The Morning Post",
        "published": "2024-03-11",
        "body": (
            "Homeowners face higher bills after the Bank of Portugal lifted interest rates to 4.5 percent, the "
            "highest level in sixteen years.\n\n"
            "Governor Maria Costa said the bank would not hesitate to act again. Opposition leader Rui Tavares "
            "called the decision reckless and said families in Lisbon were already struggling."
        ),
    },
    {
        "name": "wire-football.txt",
        "title": "Porto beat Benfica in the Lisbon derby",
        "outlet": "Coastal Wire",
        "published": "2024-02-20",
        "body": (
            "FC Porto beat Benfica 3-1 on Saturday night, with striker Tiago Alves scoring twice in the second half.\n\n"
            "\"We played with our hearts tonight,\" coach Sergio Lima said after the match. About 60,000 fans "
            "watched the game at the Estadio da Luz."
        ),
    },
    {
        "name": "ledger-protest.txt",
        "title": "Police arrest 40 at Lisbon housing protest",
        "outlet": "Daily Ledger",
        "published": "2024-02-25",
        "body": (
            "Police arrested 40 people on Saturday after a march against rising rents in Lisbon turned violent, "
            "the city police said.\n\n"
            "Organisers said about 10,000 people took part. \"We cannot pay these rents any more,\" said Joana "
            "Pires, a nurse who joined the march with her two children."
        ),
    },
    {
        "name": "post-protest.txt",
        "title": "Rioters clash with police in Lisbon",
        "outlet": "The Morning Post",
        "published": "2024-02-26",
        "body": (
            "Thugs hurled bottles at officers in Lisbon on Saturday as a housing protest descended into chaos, "
            "police said. Forty people were arrested.\n\n"
            "Mayor Carlos Moedas condemned the violence. \"Peaceful protest is a right, but this was vandalism,\" "
            "he said on Sunday."
        ),
    },
    {
        "name": "wire-factory.txt",
        "title": "Carmaker to open factory in Aveiro with 300 jobs",
        "outlet": "Coastal Wire",
        "published": "2024-01-15",
        "body": (
            "The carmaker Volta Motors will open a factory in Aveiro next year, creating 300 jobs, the company "
            "announced on Monday.\n\n"
            "Chief executive Helena Soares said the plant would build electric vans. \"Portugal has the skills we "
            "need,\" she said."
        ),
    },
    {
        "name": "ledger-wolves.txt",
        "title": "Wolves return to the Peneda-Geres park",
        "outlet": "Daily Ledger",
        "published": "2024-01-20",
        "body": (
            "Wolves have returned to the Peneda-Geres National Park for the first time in decades, biologists "
            "said on Saturday.\n\n"
            "\"We counted at least six animals in two packs,\" said Ines Carvalho of the University of Porto, "
            "who led the survey."
        ),
    },
    {
        "name": "post-election.txt",
        "title": "Candidate promises cheaper trains",
        "outlet": "The Morning Post",
        "published": "2024-01-22",
        "body": (
            "Presidential candidate Marta Lopes promised on Monday to cut train fares by half if elected.\n\n"
            "\"Public transport should be a right, not a luxury,\" Lopes told supporters in Coimbra. Her rival, "
            "Antonio Vieira, said the plan would cost 900 million euros a year."
        ),
    },
]

HOSTILE = {
    "name": "hostile.txt",
    "title": "Council <script>alert('pwned')</script> meeting <b>bold</b>",
    "outlet": "Evil Gazette",
    "published": "2024-03-01",
    "body": (
        "The council met on Monday <img src=x onerror=\"alert('xss')\"> to discuss the <script>document.body."
        "innerHTML='owned'</script> budget.\n\n"
        "\"We will <a href=\"javascript:alert(1)\" onclick=\"alert(2)\">spend</a> 5 million euros on roads,\" "
        "said councillor John Harper at the Town Hall."
    ),
}


def article_text(a: dict[str, str]) -> str:
    return f"date {a['published']} {a['title']}\n{a['outlet']}\n\n{a['body']}\n"


def write_corpus(folder: Path, articles: list[dict[str, str]] | None = None) -> list[Path]:
    """Write articles (default: the eleven) as text files under ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for a in articles if articles is not None else ARTICLES:
        p = folder / a["name"]
        p.write_text(article_text(a), encoding="utf-8")
        paths.append(p)
    return paths


ANNOTATED = {
    "name": "annotated.txt",
    "title": "Minister defends flood response in Braga",
    "outlet": "Coastal Wire",
    "published": "2024-03-06",
    "body": (
        "Interior Minister Ana Ribeiro defended the government's response to the floods on Wednesday.\n\n"
        "\"We reached every village within six hours,\" Ribeiro told reporters in Braga. She said at least 15 "
        "people had been killed since March 2.\n\n"
        "Opposition leader Rui Tavares called the response a fiasco and demanded an inquiry."
    ),
}


def _span(text: str, needle: str, after: int = 0) -> dict[str, object]:
    start = text.index(needle, after)
    return {"text": needle, "start": start, "end": start + len(needle)}


def _entity_id(record: dict, name: str) -> str | None:
    return next((e["id"] for e in record["entities"] if e["name"] == name), None)


def annotate(record: dict) -> dict:
    """ANNOTATED's real record (from the real pipeline) with one quote, claim, date, event and loaded word
    added by hand at real offsets, so views of those can be tested whatever the extractors find today."""
    rec = dict(record)
    text = rec["article"]["text"]
    ana = _entity_id(rec, "Ana Ribeiro")
    rui = _entity_id(rec, "Rui Tavares")
    speaker = _span(text, "Ribeiro", text.index("hours"))
    rec["quotes"] = list(rec["quotes"]) + [{
        "id": "QT1", "kind": "direct",
        "speaker": {"entity": ana, **speaker},
        "cue": _span(text, "told", text.index("hours")),
        "content": _span(text, "We reached every village within six hours"),
    }]
    rec["claims"] = list(rec["claims"]) + [{
        "id": "CT1", "value": 15, "category": "killed", "object": "people", "qualifier": "at least",
        **_span(text, "at least 15 people had been killed"), "source": {"entity": ana, "text": "She"},
    }]
    rec["dates"] = list(rec["dates"]) + [{**_span(text, "March 2"), "value": "2024-03-02", "granularity": "day"}]
    rec["events"] = list(rec["events"]) + [{
        "id": "VT1", "type": "REQUEST", "trigger": _span(text, "demanded"),
        "actor": {"entity": rui, "text": "Rui Tavares"}, "target": None, "date": None, "place": None,
    }]
    rec["framing"] = list(rec["framing"]) + [{
        **_span(text, "fiasco"), "category": "loaded", "voice": "reported", "speaker": rui, "refers_to": None,
    }]
    return rec


def analyse(articles: list[dict[str, str]]) -> list[dict]:
    """Records of articles from the real pipeline."""
    from presslens.pipeline import analyze, load_nlp
    from presslens.readers import raw_article

    raws = [raw_article({"path": a["name"], "format": "text"}, article_text(a)) for a in articles]
    return list(analyze(raws, load_nlp()))


_BUILT: dict[str, Path] = {}


def shared_corpus() -> Path:
    """A corpus database (built once per test process): the eleven, the hostile page, and ANNOTATED."""
    if "db" in _BUILT:
        return _BUILT["db"]
    import tempfile

    from presslens.ingest import ingest
    from presslens.store.db import Store

    folder = Path(tempfile.mkdtemp(prefix="presslens-corpus-"))
    write_corpus(folder / "articles", ARTICLES + [HOSTILE])
    db = folder / "corpus.db"
    summary = ingest([str(folder / "articles")], db, progress=False, build_story_groups=False)
    assert summary.stored == 12, summary.text()
    with Store.open(db) as store:
        result = store.insert_records([annotate(analyse([ANNOTATED])[0])])
        assert len(result.stored) == 1, result
        from presslens.store.stories import build_stories

        build_stories(store)
    _BUILT["db"] = db
    return db
