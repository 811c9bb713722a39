"""The GKG 2.1 fields built from a record's lists (export/gkg.py assembles the row), each as the codebook
writes it. Offsets are character offsets into ``article.text``."""

from __future__ import annotations

import re
from typing import Any

from .gdelt_common import clean
from .gdelt_geo import Geo, entity_geo
from .tables import gkg_count_types, gkg_themes

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\b|\b([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_QUOTE_SEPARATORS = re.compile(r"[\t\r\n#|]+")
NAME_KINDS = {"PERSON": "persons", "ORG": "organizations"}


def _named(ent: dict[str, Any]) -> list[dict[str, Any]]:
    """The entity's mentions by name (GDELT lists names, not 'he' or 'the minister')."""
    return [m for m in ent.get("mentions") or [] if m.get("kind", "name") != "nominal"]


def names(record: dict[str, Any]) -> dict[str, str]:
    """Persons, organisations (V1: the names, lower case as GDELT; V2: ``Name,Offset`` a mention) and
    V2.1ALLNAMES (every named mention, as written, with its offset)."""
    v1: dict[str, list[str]] = {"persons": [], "organizations": []}
    v2: dict[str, list[str]] = {"persons": [], "organizations": []}
    allnames: list[tuple[int, str]] = []
    for ent in record.get("entities") or []:
        name = clean(ent.get("name"))
        mentions = _named(ent)
        if not name or not mentions:
            continue
        allnames += [(int(m["start"]), clean(m["text"])) for m in mentions if clean(m["text"])]
        kind = NAME_KINDS.get(str(ent.get("label")))
        if kind:
            if name.lower() not in v1[kind]:
                v1[kind].append(name.lower())
            v2[kind] += [f"{name},{m['start']}" for m in mentions]
    return {
        "V1PERSONS": ";".join(v1["persons"]), "V2ENHANCEDPERSONS": ";".join(v2["persons"]),
        "V1ORGANIZATIONS": ";".join(v1["organizations"]), "V2ENHANCEDORGANIZATIONS": ";".join(v2["organizations"]),
        "V2.1ALLNAMES": ";".join(f"{n},{o}" for o, n in sorted(allnames)),
    }


def geo_v1(g: Geo) -> str:
    return f"{g.type}#{clean(g.name, keep=',')}#{g.country}#{g.adm1}#{g.lat}#{g.lon}#{g.feature}"


def geo_v2(g: Geo, offset: int) -> str:
    return f"{g.type}#{clean(g.name, keep=',')}#{g.country}#{g.adm1}##{g.lat}#{g.lon}#{g.feature}#{offset}"


def place_mentions(record: dict[str, Any]) -> list[tuple[int, Geo]]:
    """(offset, location) of every named mention of a place entity, in text order."""
    out: list[tuple[int, Geo]] = []
    for ent in record.get("entities") or []:
        geo = entity_geo(record, ent)
        if geo is not None:
            out += [(int(m["start"]), geo) for m in _named(ent)]
    return sorted(out, key=lambda x: x[0])


def locations(mentions: list[tuple[int, Geo]]) -> dict[str, str]:
    v1: list[str] = []
    for _, g in mentions:
        if geo_v1(g) not in v1:
            v1.append(geo_v1(g))
    return {"V1LOCATIONS": ";".join(v1), "V2ENHANCEDLOCATIONS": ";".join(geo_v2(g, o) for o, g in mentions)}


def _block(record: dict[str, Any], offset: int) -> tuple[int, int]:
    for b in (record.get("article") or {}).get("blocks") or []:
        if int(b["start"]) <= offset < int(b["end"]):
            return int(b["start"]), int(b["end"])
    return offset, offset + 1


def _nearest(record: dict[str, Any], mentions: list[tuple[int, Geo]], offset: int) -> Geo | None:
    start, end = _block(record, offset)
    near = [(abs(o - offset), g) for o, g in mentions if start <= o < end]
    return min(near, key=lambda x: x[0])[1] if near else None


def _integer(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and float(value).is_integer() and value >= 0 else None


def _object(text: Any) -> str:
    obj = clean(text)
    return obj if sum(c.isalpha() for c in obj) >= 2 else ""


def counts(record: dict[str, Any], mentions: list[tuple[int, Geo]]) -> dict[str, str]:
    """V1COUNTS / V2.1COUNTS from claims GDELT counts (integers), with the nearest place in the paragraph;
    V2.1AMOUNTS from every claim that is an amount (not a percentage)."""
    types = gkg_count_types()
    v1, v2, amounts = [], [], []
    for c in record.get("claims") or []:
        category, start, obj = str(c.get("category") or "").lower(), int(c["start"]), _object(c.get("object"))
        n = _integer(c.get("value"))
        if category != "percent" and isinstance(c.get("value"), int | float) and c["value"] >= 0:
            amount = str(n) if n is not None else f"{float(c['value']):.4f}".rstrip("0").rstrip(".")
            amounts.append(f"{amount},{obj},{start}")
        ctype = types.get(category)
        if not ctype or n is None:
            continue
        g = _nearest(record, mentions, start)
        loc = geo_v1(g) if g else "0######"
        v1.append(f"{ctype}#{n}#{obj}#{loc}")
        v2.append(f"{ctype}#{n}#{obj}#{loc}#{start}")
    return {"V1COUNTS": ";".join(v1), "V2.1COUNTS": ";".join(v2), "V2.1AMOUNTS": ";".join(amounts)}


def themes(record: dict[str, Any]) -> dict[str, str]:
    """GKG themes of our events (at the trigger) and claims (at the claim), ``data/gkg_themes.json``."""
    table = gkg_themes()
    found: list[tuple[int, str]] = []
    for ev in record.get("events") or []:
        found += [(int(ev["trigger"]["start"]), t) for t in table["events"].get(str(ev.get("type")), [])]
    for c in record.get("claims") or []:
        found += [(int(c["start"]), t) for t in table["claims"].get(str(c.get("category") or "").lower(), [])]
    found = sorted(set(found))
    v1 = list(dict.fromkeys(t for _, t in found))
    return {"V1THEMES": ";".join(v1), "V2ENHANCEDTHEMES": ";".join(f"{t},{o}" for o, t in found)}


def _month_day(text: str) -> tuple[int, int] | None:
    for m in _DAY_MONTH.finditer(text):
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if month.lower() in MONTHS and 1 <= int(day) <= 31:
            return MONTHS[month.lower()], int(day)
    return None


def dates(record: dict[str, Any], year: int | None) -> str:
    """V2.1ENHANCEDDATES ``Resolution#Month#Day#Year#Offset``: 1 year, 2 month, 3 day, 4 month and day with
    no year (written with the article's year when it has one, else 0 as GDELT)."""
    out = []
    for d in record.get("dates") or []:
        m = _ISO_DATE.match(d.get("value") or "")
        if m:
            y, mo, da = m.group(1), m.group(2), m.group(3)
            res = 3 if da else 2 if mo else 1
            out.append(f"{res}#{int(mo or 0)}#{int(da or 0)}#{int(y)}#{d['start']}")
        elif d.get("granularity") == "day" and (md := _month_day(str(d.get("text") or ""))):
            out.append(f"4#{md[0]}#{md[1]}#{year or 0}#{d['start']}")
    return ";".join(out)


def quote_text(text: str) -> str:
    """A quotation as the Quote field holds it: ``#``, ``|``, tabs and new lines become spaces."""
    return _QUOTE_SEPARATORS.sub(" ", text)


def quotations(record: dict[str, Any]) -> str:
    """V2.1QUOTATIONS: ``Offset|Length|Verb|Quote`` a quotation, joined by ``#`` (the codebook's four fields;
    who said it is in V2EXTRASXML)."""
    out = []
    for q in record.get("quotes") or []:
        content = q["content"]
        verb = quote_text((q.get("cue") or {}).get("text") or "").strip()
        out.append(f"{content['start']}|{len(content['text'])}|{verb}|{quote_text(content['text'])}")
    return "#".join(out)
