"""GDELT 2.0 Events (``export --format gdelt-events``): one row per event of a record, the 61 columns of
GDELT 2.0's ``*.export.CSV`` files (tab-separated, no header), as the Event Codebook 2.0 says:

| GDELT column | from presslens |
|---|---|
| GLOBALEVENTID | a stable 48-bit integer from the record id and the event id |
| SQLDATE, MonthYear, Year, FractionDate | the event's own day, else the publication date, else the ingest date; FractionDate = year + ((month - 1) * 30 + day) / 365 as GDELT computes it |
| Actor1Code / Actor2Code | the actor's CAMEO country code (ISO 3166 alpha-3) followed by its CAMEO role (GOV, MIL, COP, REB, OPP, MED, JUD, LEG, ...) from its titles, name and type (``data/gdelt_cameo.json``) |
| Actor*Name, Actor*CountryCode, Actor*Type1Code | the entity's name upper-cased as GDELT; its alpha-3 country; its role code |
| IsRootEvent | 1 when the trigger lies in the first body paragraph (GDELT: the lead), else 0 |
| EventCode, EventBaseCode, EventRootCode | the CAMEO code nearest to the PLOVER type (``data/plover_cameo.json``) |
| QuadClass, GoldsteinScale | from the CAMEO code: GDELT's quad class of its root, the Goldstein value of GDELT's CAMEO.goldsteinscale.txt |
| NumMentions, NumSources, NumArticles | 1 (one article) |
| AvgTone | 0, the neutral tone (presslens scores no sentiment) |
| Actor*Geo_*, ActionGeo_* | type 0 and empty fields when there is no place (as GDELT); else the place as export/gdelt_geo.py locates it (an actor that is a place is located there) |
| DATEADDED | when the record was ingested (else published), YYYYMMDDHHMMSS UTC |
| SOURCEURL | the record's URL; when it has none (a local file), what the codebook puts there for a document that is not online, a citation: the source path, as GKG's V2DOCUMENTIDENTIFIER (an empty last field would also make gdelt-py's reader refuse the file: its version check strips the line's trailing tab) |

Left empty: the known-group, ethnic, religion and second/third type codes and ADM2 (not computed).

A negated event ("the army did not attack the camp") gets no row: GDELT's rows have no negation, so the row
would say the act took place. Its id goes to ``RowContext.left_out`` and ``presslens export`` says how many
were left out; the record (``--with-records``, ``jsonl``) keeps it with ``negated: true``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from .gdelt_common import RowContext, citation, gdelt_time, record_time, record_url, stamp
from .gdelt_geo import entity_geo
from .tables import cameo_roles, countries, goldstein, plover_to_cameo

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
NO_GEO = ["0", "", "", "", "", "", "", ""]


def _entity(record: dict[str, Any], arg: dict[str, Any] | None) -> dict[str, Any] | None:
    if not arg or not arg.get("entity"):
        return None
    return next((dict(e) for e in record.get("entities") or [] if e.get("id") == arg["entity"]), None)


def actor_role(ent: dict[str, Any] | None) -> str:
    """The CAMEO role code of an entity from its titles, else its name (ORG), or ''."""
    if not ent or ent.get("label") not in {"PERSON", "ORG", "NORP"}:
        return ""
    texts = [str(t).lower() for t in ent.get("titles") or []]
    if ent.get("label") == "ORG":
        texts.append(str(ent.get("name") or "").lower())
    for word, role in cameo_roles():
        if any(f" {word} " in f" {t} " for t in texts):
            return role
    return ""


def _actor_fields(record: dict[str, Any], arg: dict[str, Any] | None) -> list[str]:
    """Code, Name, CountryCode, KnownGroup, Ethnic, Religion1, Religion2, Type1, Type2, Type3."""
    if not arg:
        return [""] * 10
    ent = _entity(record, arg)
    name = " ".join(str(ent["name"] if ent else arg.get("text", "")).upper().split())
    iso2 = (ent or {}).get("country")
    iso3 = str(countries().get(str(iso2), {}).get("iso3", "")) if iso2 else ""
    role = actor_role(ent)
    return [iso3 + role, name, iso3, "", "", "", "", role, "", ""]


def _geo_fields(record: dict[str, Any], arg: dict[str, Any] | None) -> list[str]:
    """Type, FullName, CountryCode (FIPS), ADM1, ADM2, Lat, Long, FeatureID."""
    ent = _entity(record, arg)
    geo = entity_geo(record, ent) if ent else None
    if geo is None:
        return list(NO_GEO)
    return [str(geo.type), geo.name, geo.country, geo.adm1, "", geo.lat, geo.lon, geo.feature]


def _event_id(record_id: str, event_id: str) -> str:
    digest = hashlib.sha256(f"{record_id}:{event_id}".encode()).hexdigest()
    return str(int(digest[:12], 16))


def _first_paragraph(record: dict[str, Any]) -> tuple[int, int]:
    for block in (record.get("article") or {}).get("blocks") or []:
        if block.get("kind") == "paragraph":
            return int(block["start"]), int(block["end"])
    return 0, 0


def date_fields(when: datetime | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate (GDELT: year + ((month - 1) * 30 + day) / 365)."""
    if when is None:
        return ["", "", "", ""]
    fraction = when.year + ((when.month - 1) * 30 + when.day) / 365
    return [when.strftime("%Y%m%d"), when.strftime("%Y%m"), str(when.year), f"{fraction:.4f}"]


def _own_day(value: Any) -> datetime | None:
    """The event's own date when it names a day (YYYY-MM-DD), else None."""
    return gdelt_time(value) if isinstance(value, str) and len(value) >= 10 else None


def gdelt_event_rows(record: dict[str, Any], ctx: RowContext | None = None) -> list[list[str]]:
    """One row per event of ``record``, 61 strings each, in ``GDELT_EVENT_COLUMNS`` order."""
    ctx = ctx or RowContext()
    fallback = record_time(record, ctx)
    added = stamp((gdelt_time(ctx.ingested) if ctx.ingested else None) or fallback)
    url, lead = record_url(record), _first_paragraph(record)
    cameo, scale = plover_to_cameo(), goldstein()
    rows = []
    for ev in record.get("events") or []:
        if ev.get("negated"):
            ctx.left_out.append(f"{record.get('id', '')}:{ev.get('id', '')}")
            continue
        code, quad = cameo.get(str(ev.get("type", "")), ("", 0))
        start = int((ev.get("trigger") or {}).get("start", -1))
        row = [_event_id(str(record.get("id", "")), str(ev.get("id", "")))]
        row += date_fields(_own_day(ev.get("date")) or fallback)
        row += _actor_fields(record, ev.get("actor")) + _actor_fields(record, ev.get("target"))
        row += ["1" if lead[0] <= start < lead[1] else "0", code, code[:3], code[:2]]
        row += [str(quad) if quad else "", f"{scale[code]:.1f}" if code in scale else ""]
        row += ["1", "1", "1", "0"]
        row += _geo_fields(record, ev.get("actor")) + _geo_fields(record, ev.get("target"))
        row += _geo_fields(record, ev.get("place")) + [added, url or citation(record)]
        rows.append(row)
    return rows


def gdelt_event_lines(record: dict[str, Any], ctx: RowContext | None = None) -> list[str]:
    """The rows as GDELT writes them: tab-separated, no header, tabs and new lines in values made spaces."""
    return ["\t".join(" ".join(v.split()) for v in row) for row in gdelt_event_rows(record, ctx)]
