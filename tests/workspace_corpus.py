"""A small invented corpus for the search workspace's tests (facets, exports), written straight into a real
SQLite store as records (no pipeline: every quote, entity, event and loaded word is placed by hand at its
real offsets, so the counts the tests expect are known). Every name, outlet and figure is invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presslens.store.db import Store

HOSTILE_OUTLET = "=cmd|' /C calc'!A0 <b>Gazette</b>"
# what the gazetteer gives a place at analysis time (country code, coordinates or None for a country)
PLACES = {"Cairo": ("EG", [30.0626, 31.2497]), "Paris": ("FR", [48.8534, 2.3488]), "France": ("FR", None),
          "Atlantis": (None, None)}
HOSTILE_TITLE = "Budget <script>alert('pwned')</script> vote <img src=x onerror=alert(1)> delayed"

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "a1", "title": "Ceasefire talks open in Cairo", "outlet": "North Star", "published": "2024-01-05",
        "text": "Ceasefire talks open in Cairo\n\nAmina Sow said the ceasefire would hold: the first ceasefire in years, a "
                "ceasefire for everyone. Delegates from France met "
                "in Cairo. The regime agreed to a truce. \"We mourn the martyrs,\" Amina Sow said. At least 12 people "
                "were killed.",
        "people": ["Amina Sow"], "places": ["Cairo", "France"], "orgs": [],
        "quotes": [("Amina Sow", "said", "We mourn the martyrs")], "events": [("AGREE", "agreed")],
        "framing": [("regime", "narrator"), ("martyrs", "quoted")], "claims": [("At least 12 people were killed", 12)],
    },
    {
        "id": "a2", "title": "Cease-fire holds a second day", "outlet": "North Star", "published": "2024-01-06",
        "text": "Cease-fire holds a second day\n\nThe ceasefire held in Cairo, Amina Sow told reporters. \"Calm has "
                "returned,\" Amina Sow said. The regime denied it. The Harbour Union welcomed it.",
        "people": ["Amina Sow"], "places": ["Cairo"], "orgs": ["Harbour Union"],
        "quotes": [("Amina Sow", "said", "Calm has returned")], "events": [("REJECT", "denied")],
        "framing": [("regime", "narrator")], "claims": [],
    },
    {
        "id": "a3", "title": "Forces to pull back", "outlet": "South Wire", "published": "2024-03-20",
        "text": "Forces to pull back\n\nThe ceasefire is fragile, Bo Lind said in Paris, not in Atlantis. \"=HYPERLINK(1) is not a "
                "plan,\" Bo Lind said. Forces agreed to pull back.",
        "people": ["Bo Lind"], "places": ["Paris", "Atlantis"], "orgs": [],
        "quotes": [("Bo Lind", "said", "=HYPERLINK(1) is not a plan")], "events": [("AGREE", "agreed")],
        "framing": [], "claims": [],
    },
    {
        "id": "a4", "title": "A year on in Cairo", "outlet": "South Wire", "published": "2024-09-01",
        "text": "A year on in Cairo\n\nA year of ceasefire was marked in Cairo. Shops reopened, markets filled again and "
                "schools held classes while families returned to the old quarter to rebuild their homes.",
        "people": [], "places": ["Cairo"], "orgs": [], "quotes": [], "events": [], "framing": [], "claims": [],
    },
    {
        "id": "a5", "title": HOSTILE_TITLE, "outlet": HOSTILE_OUTLET, "published": None,
        "text": HOSTILE_TITLE + "\n\nThe council delayed its budget vote, Amina Sow said.",
        "people": ["Amina Sow"], "places": [], "orgs": [], "quotes": [], "events": [], "framing": [], "claims": [],
    },
]


def _span(text: str, needle: str, after: int = 0) -> dict[str, Any]:
    start = text.index(needle, after)
    return {"text": needle, "start": start, "end": start + len(needle)}


def record(a: dict[str, Any]) -> dict[str, Any]:
    """A presslens.record/1-shaped record of an invented article, with its annotations at real offsets."""
    text = a["text"]
    entities, ids = [], {}
    groups = (("PERSON", a["people"]), ("GPE", a["places"]), ("ORG", a["orgs"]))
    for label, names in groups:
        for name in names:
            eid = f"E{len(entities) + 1}"
            ids[name] = eid
            at, mentions = 0, []
            while (i := text.find(name, at)) >= 0:
                mentions.append({"start": i, "end": i + len(name), "text": name, "kind": "name"})
                at = i + len(name)
            country, coords = PLACES.get(name, (None, None))
            entities.append({"id": eid, "name": name, "label": label, "mentions": mentions, "titles": [],
                             "country": country, "aliases": []})
            if coords:
                entities[-1]["coordinates"] = coords
    quotes = []
    for n, (speaker, cue, content) in enumerate(a["quotes"], 1):
        c = _span(text, content)
        quotes.append({"id": f"Q{n}", "kind": "direct", "content": c,
                       "speaker": {"entity": ids[speaker], **_span(text, speaker, c["end"])},
                       "cue": _span(text, cue, c["end"])})
    events = [{"id": f"V{n}", "type": t, "trigger": _span(text, w), "actor": None, "target": None, "date": None,
               "place": None} for n, (t, w) in enumerate(a["events"], 1)]
    framing = [{**_span(text, w), "category": "loaded", "voice": v, "speaker": None, "refers_to": None}
               for w, v in a["framing"]]
    claims = [{"id": f"C{n}", "value": v, "category": "killed", "object": "people", "qualifier": "at least",
               **_span(text, t), "source": None} for n, (t, v) in enumerate(a["claims"], 1)]
    article = {"text": text, "title": a["title"], "outlet": a["outlet"], "published": a["published"],
               "url": f"https://news.invalid/{a['id']}", "blocks": []}
    return {"id": a["id"], "article": article, "entities": entities, "quotes": quotes, "events": events,
            "framing": framing, "claims": claims, "dates": [], "errors": []}


def build(path: Path) -> Path:
    """The invented corpus as a real SQLite corpus file at ``path``."""
    with Store.open(path) as store:
        result = store.insert_records([record(a) for a in ARTICLES])
        assert len(result.stored) == len(ARTICLES), result
    return path
