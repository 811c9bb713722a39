"""GDELT GKG 2.1: one tab-separated line per article, the 27 columns of the GKG 2.1 codebook, filled where our
fields map.

- ``GKGRECORDID`` is our record id (so GDELT users can join back to our records); ``V2.1DATE`` the publication
  date as ``YYYYMMDDHHMMSS``; ``V2SOURCECOLLECTIONIDENTIFIER`` 1 (web); ``V2SOURCECOMMONNAME`` the outlet;
  ``V2DOCUMENTIDENTIFIER`` the URL, else the path.
- Counts (``V1COUNTS``/``V2.1COUNTS``) from claims whose category GDELT counts (killed -> KILL, injured ->
  WOUND, arrested -> ARREST, displaced -> DISPLACED, ...; ``data/gkg_count_types.json``):
  ``TYPE#NUMBER#OBJECT#0######`` (+ ``#OFFSET``).
- Persons, organisations and locations from entities (``Name,Offset`` in the enhanced columns; locations as
  ``TYPE#NAME#FIPS#####OFFSET``, country type 1 when the name is the country, else 4; the country code is
  FIPS 10-4 as in GDELT, mapped from our ISO 3166 code).
- ``V1.5TONE``: we do not score sentiment, so tone, positive and negative are 0; polarity is the share of
  words in loaded wording (percent), activity density the events per 100 words, and the word count is real.
- ``V2GCAM``: ``wc:WORDS`` plus our framing counts as ``pl.framing.CATEGORY.VOICE:N`` dimensions.
- ``V2.1ENHANCEDDATES``: ``RESOLUTION#MONTH#DAY#YEAR#OFFSET`` (1 year, 2 month, 3 day).
- ``V2.1QUOTATIONS``: ``OFFSET|LENGTH|VERB|QUOTE|SPEAKER`` blocks joined by ``#``: GDELT's four fields, and
  our speaker attribution added as a fifth (readers of the four GDELT fields are unaffected).
- ``V2.1AMOUNTS``: ``AMOUNT,OBJECT,OFFSET`` from every claim. ``V2EXTRASXML``: ``<PAGE_TITLE>``.

Field separators (``;`` ``#`` ``,`` ``|`` tab, new line) inside our text are replaced by spaces. As in
GDELT's own files there is no header line: the columns are ``GKG_COLUMNS`` in order.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from .tables import countries, gkg_count_types

GKG_COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS",
    "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM",
    "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
# entity label -> the GKG name columns it fills
GKG_NAME_KINDS = {"PERSON": "persons", "ORG": "organizations", "GPE": "locations", "LOC": "locations", "FAC": "locations"}
SEPARATORS = re.compile(r"[\t\r\n;#,|]+")


def _clean(text: Any) -> str:
    return " ".join(SEPARATORS.sub(" ", str(text or "")).split())


def _gkg_date(published: str | None) -> str:
    digits = re.sub(r"\D", "", published or "")[:14]
    return digits.ljust(14, "0") if len(digits) >= 4 else ""


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _names(record: dict[str, Any]) -> dict[str, str]:
    """The persons, organisations, locations and all-names columns."""
    known = countries()
    names: dict[str, list[tuple[str, int]]] = {"persons": [], "organizations": [], "locations": []}
    v1_loc, v2_loc = [], []
    allnames: list[tuple[str, int]] = []
    for e in record.get("entities") or []:
        first = min((m["start"] for m in e.get("mentions") or []), default=0)
        name = _clean(e["name"])
        if not name:
            continue
        allnames.append((name, first))
        kind = GKG_NAME_KINDS.get(e["label"])
        if kind == "locations":
            iso = e.get("country") or ""
            country = known.get(iso, {})
            code = str(country.get("fips") or "")
            is_country = bool(iso) and str(country.get("name") or "").casefold() == e["name"].casefold()
            loc_type = "1" if is_country else "4"
            v1_loc.append(f"{loc_type}#{name}#{code}####")
            v2_loc.append(f"{loc_type}#{name}#{code}######{first}")
        elif kind:
            names[kind].append((name, first))
    return {
        "V1LOCATIONS": ";".join(v1_loc),
        "V2ENHANCEDLOCATIONS": ";".join(v2_loc),
        "V1PERSONS": ";".join(n for n, _ in names["persons"]),
        "V2ENHANCEDPERSONS": ";".join(f"{n},{o}" for n, o in names["persons"]),
        "V1ORGANIZATIONS": ";".join(n for n, _ in names["organizations"]),
        "V2ENHANCEDORGANIZATIONS": ";".join(f"{n},{o}" for n, o in names["organizations"]),
        "V2.1ALLNAMES": ";".join(f"{n},{o}" for n, o in allnames),
    }


def _counts(record: dict[str, Any]) -> dict[str, str]:
    """The counts and amounts columns, from claims."""
    types = gkg_count_types()
    v1_counts, v2_counts, amounts = [], [], []
    for c in record.get("claims") or []:
        if c.get("value") is None:
            continue
        value = _number(c["value"])
        obj = _clean(c.get("object"))
        amounts.append(f"{value},{obj},{c['start']}")
        ctype = types.get(str(c.get("category") or "").lower())
        if ctype:
            v1_counts.append(f"{ctype}#{value}#{obj}#0######")
            v2_counts.append(f"{ctype}#{value}#{obj}#0#######{c['start']}")
    return {"V1COUNTS": ";".join(v1_counts), "V2.1COUNTS": ";".join(v2_counts), "V2.1AMOUNTS": ";".join(amounts)}


def _dates(record: dict[str, Any]) -> str:
    dates = []
    for d in record.get("dates") or []:
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", d.get("value") or "")
        if not m:
            continue
        year, month, day = m.group(1), m.group(2), m.group(3)
        res = 3 if day else 2 if month else 1
        dates.append(f"{res}#{int(month or 0)}#{int(day or 0)}#{year}#{d['start']}")
    return ";".join(dates)


def _quotations(record: dict[str, Any]) -> str:
    entities = {e["id"]: e for e in record.get("entities") or []}
    quotations = []
    for q in record.get("quotes") or []:
        content = q["content"]
        cue = _clean((q.get("cue") or {}).get("text"))
        speaker_node = q.get("speaker") or {}
        speaker = speaker_node.get("text") or ""
        if speaker_node.get("entity") in entities:
            speaker = entities[speaker_node["entity"]]["name"]
        quotations.append(
            f"{content['start']}|{len(content['text'])}|{cue}|{_clean(content['text'])}|{_clean(speaker)}"
        )
    return "#".join(quotations)


def _tone(record: dict[str, Any], words: int) -> dict[str, str]:
    """The tone and GCAM columns: loaded wording and events per word, framing counts by category and voice."""
    framing = record.get("framing") or []
    loaded_words = sum(len(f["text"].split()) for f in framing)
    tone = [0.0, 0.0, 0.0, 100.0 * loaded_words / words, 100.0 * len(record.get("events") or []) / words, 0.0]
    gcam = Counter(f"pl.framing.{_clean(f['category']).replace(' ', '_')}.{f['voice']}" for f in framing)
    return {
        "V1.5TONE": ",".join(f"{x:.4g}" for x in tone) + f",{words}",
        "V2GCAM": ",".join([f"wc:{words}", *(f"{k}:{n}" for k, n in sorted(gcam.items()))]),
    }


def gkg_row(record: dict[str, Any]) -> list[str]:
    """The 27 GKG 2.1 fields of one record."""
    art = record["article"]
    src = record.get("source") or {}
    words = max(1, len((art.get("text") or "").split()))
    out = {
        "GKGRECORDID": record["id"],
        "V2.1DATE": _gkg_date(art.get("published")),
        "V2SOURCECOLLECTIONIDENTIFIER": "1",
        "V2SOURCECOMMONNAME": _clean(art.get("outlet")),
        "V2DOCUMENTIDENTIFIER": _clean(art.get("url") or src.get("url") or src.get("path")),
        **_names(record),
        **_counts(record),
        **_tone(record, words),
        "V2.1ENHANCEDDATES": _dates(record),
        "V2.1QUOTATIONS": _quotations(record),
        "V2EXTRASXML": f"<PAGE_TITLE>{xml_escape(_clean(art.get('title')))}</PAGE_TITLE>",
    }
    return [out.get(col, "") for col in GKG_COLUMNS]


def gkg_lines(record: dict[str, Any]) -> list[str]:
    return ["\t".join(gkg_row(record))]
