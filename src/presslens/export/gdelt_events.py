"""GDELT 2.0 Events (``export --format gdelt-events``): a record's events as rows in GDELT's Events 2.0
column order, so presslens output sits next to GDELT.

``gdelt_event_rows(record)`` is pure: it maps each event of a ``presslens.record/1`` dict to one row (a list
of 61 strings, in ``GDELT_EVENT_COLUMNS`` order, the column order of GDELT 2.0's ``*.export.CSV`` files, which
are tab-separated without a header). Only fields that map are filled; the rest stay empty strings:

| GDELT column | from presslens |
|---|---|
| GLOBALEVENTID | a stable 48-bit integer from the record id and the event id |
| SQLDATE, MonthYear, Year, FractionDate | the event's date when it is a full day, else the publication date |
| Actor1Code / Actor2Code, *CountryCode | the ISO 3166 alpha-3 code of the actor/target's country (CAMEO country codes are alpha-3) |
| Actor1Name / Actor2Name | the actor/target entity's canonical name (or its text), upper-cased as GDELT writes names |
| IsRootEvent | 1 when the trigger lies in the first body paragraph (GDELT: the lead), else 0 |
| EventCode, EventBaseCode, EventRootCode, QuadClass | the CAMEO code nearest to the PLOVER type (``data/plover_cameo.json``) and its quad class |
| NumMentions, NumSources, NumArticles | 1 (one article) |
| ActionGeo_Type, _FullName, _CountryCode, _Lat, _Long, _FeatureID | the event's place: 1 (country) or 4 (world city/landmark), its FIPS 10-4 code, coordinates and GeoNames id when known |
| DATEADDED | the publication date and time as YYYYMMDDHHMMSS |
| SOURCEURL | the record's source url (or path) |

Left empty: the known-group, ethnic, religion and type codes, GoldsteinScale, AvgTone and the actors'
own geography (presslens does not compute them; no value is better than an invented one).
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..readers.timefmt import iso_day
from .tables import countries, plover_to_cameo

GDELT_EVENT_COLUMNS: list[str] = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

def _entity(record: dict[str, Any], arg: dict[str, Any] | None) -> dict[str, Any] | None:
    if not arg or not arg.get("entity"):
        return None
    for ent in record.get("entities", []):
        if ent.get("id") == arg["entity"]:
            return dict(ent)
    return None


def _actor_fields(record: dict[str, Any], arg: dict[str, Any] | None) -> list[str]:
    """Code, Name, CountryCode, then 7 empty group/ethnic/religion/type codes."""
    if not arg:
        return [""] * 10
    ent = _entity(record, arg)
    name = str(ent["name"] if ent else arg.get("text", "")).upper()
    iso2 = (ent or {}).get("country")
    iso3 = str(countries().get(str(iso2), {}).get("iso3", "")) if iso2 else ""
    return [iso3, name, iso3] + [""] * 7


def _geo_fields(record: dict[str, Any], place: dict[str, Any] | None) -> list[str]:
    """Type, FullName, CountryCode (FIPS), ADM1, ADM2, Lat, Long, FeatureID."""
    if not place:
        return [""] * 8
    ent = _entity(record, place) or {}
    iso2 = ent.get("country")
    country = countries().get(str(iso2), {}) if iso2 else {}
    name = str(ent.get("name") or place.get("text", ""))
    is_country = bool(country) and name.lower() == str(country.get("name", "")).lower()
    coords = ent.get("coordinates") or [None, None]
    lat = "" if coords[0] is None else f"{float(coords[0]):.4f}"
    lon = "" if coords[1] is None else f"{float(coords[1]):.4f}"
    feature = str(ent.get("geonameid") or (country.get("geonameid") if is_country else "") or "")
    return ["1" if is_country else "4", name, str(country.get("fips", "")), "", "", lat, lon, feature]


def _event_id(record_id: str, event_id: str) -> str:
    digest = hashlib.sha256(f"{record_id}:{event_id}".encode()).hexdigest()
    return str(int(digest[:12], 16))


def _first_paragraph(record: dict[str, Any]) -> tuple[int, int]:
    for block in record.get("article", {}).get("blocks", []):
        if block.get("kind") == "paragraph":
            return int(block["start"]), int(block["end"])
    return 0, 0


def gdelt_event_rows(record: dict[str, Any]) -> list[list[str]]:
    """One row per event of ``record``, 61 strings each, in ``GDELT_EVENT_COLUMNS`` order."""
    art = record.get("article", {})
    published = art.get("published") or ""
    pub_day = iso_day(published)
    added = "".join(ch for ch in published if ch.isdigit())[:14].ljust(14, "0") if pub_day else ""
    url = str(record.get("source", {}).get("url") or record.get("source", {}).get("path") or "")
    lead = _first_paragraph(record)
    cameo = plover_to_cameo()
    rows = []
    for ev in record.get("events", []):
        when = iso_day(ev.get("date")) or pub_day
        if when is not None:
            doy = when.timetuple().tm_yday
            dates = [when.strftime("%Y%m%d"), when.strftime("%Y%m"), str(when.year), f"{when.year + doy / 365:.4f}"]
        else:
            dates = ["", "", "", ""]
        code, quad = cameo.get(ev.get("type", ""), ("", 0))
        start = int(ev.get("trigger", {}).get("start", -1))
        root = "1" if lead[0] <= start < lead[1] else "0"
        row = [_event_id(str(record.get("id", "")), str(ev.get("id", "")))] + dates
        row += _actor_fields(record, ev.get("actor")) + _actor_fields(record, ev.get("target"))
        row += [root, code, code[:3], code[:2], str(quad) if quad else "", ""]
        row += ["1", "1", "1", ""]
        row += [""] * 8 + [""] * 8 + _geo_fields(record, ev.get("place"))
        row += [added, url]
        rows.append(row)
    return rows


def gdelt_event_lines(record: dict[str, Any]) -> list[str]:
    """The rows as GDELT writes them: tab-separated, no header, tabs and newlines in values replaced by spaces."""
    return ["\t".join(v.replace("\t", " ").replace("\n", " ") for v in row) for row in gdelt_event_rows(record)]
