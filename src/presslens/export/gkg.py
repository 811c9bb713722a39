"""GDELT GKG 2.1 (``export --format gkg``): one tab-separated line per article, the 27 columns of the GKG 2.1
codebook in order, no header, as GDELT's own ``*.gkg.csv`` files (docs/gdelt.md says what each holds).

- ``GKGRECORDID`` ``YYYYMMDDHHMMSS-N``: the row's V2.1DATE and its 0-based position in the file (unique in
  the file; ``--with-records`` maps it to our record id, which V2EXTRASXML carries too).
- ``V2.1DATE``: the publication time (UTC), else the time the record was ingested.
- ``V2SOURCECOLLECTIONIDENTIFIER`` 1 (WEB) with the URL as ``V2DOCUMENTIDENTIFIER`` when the record has one;
  else 2 (CITATIONONLY: not online) with the source path as the citation.
- Names, locations, counts, amounts, themes, dates and quotations: export/gkg_fields.py.
- ``V1.5TONE``: presslens scores no sentiment, so the codebook's neutral values (tone, positive, negative,
  polarity = positive + negative, activity and self/group density all 0) and the real word count;
  ``V2GCAM``: only ``wc:WORDS`` (the codebook's word count), no made-up dimensions.
- ``V2EXTRASXML``: ``<PAGE_TITLE>`` as GDELT, then ours: ``<PL_RECORD_ID>``, ``<PL_QUOTES>`` with one
  ``<PL_QUOTE>`` a quotation (offset, length, speaker, entity, cue, cue offset, kind) and ``<PL_FRAMING>``
  counts by category and voice. Readers of GDELT's own elements ignore them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from . import gkg_fields as f
from .gdelt_common import RowContext, citation, clean, record_time, record_url, stamp

GKG_COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS",
    "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM",
    "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
WEB, CITATION_ONLY = "1", "2"


def _attr(value: Any) -> str:
    return quoteattr(" ".join(str(value if value is not None else "").split()))


def _quote_elements(record: dict[str, Any]) -> str:
    entities = {e["id"]: e for e in record.get("entities") or []}
    out = []
    for q in record.get("quotes") or []:
        speaker, cue = q.get("speaker") or {}, q.get("cue") or {}
        ent = entities.get(speaker.get("entity"))
        out.append(
            f"<PL_QUOTE id={_attr(q.get('id'))} offset=\"{q['content']['start']}\" "
            f"length=\"{len(q['content']['text'])}\" kind={_attr(q.get('kind'))} "
            f"speaker={_attr(ent['name'] if ent else speaker.get('text'))} entity={_attr(speaker.get('entity'))} "
            f"speaker_offset={_attr(speaker.get('start'))} cue={_attr(cue.get('text'))} "
            f"cue_offset={_attr(cue.get('start'))}/>"
        )
    return f"<PL_QUOTES>{''.join(out)}</PL_QUOTES>" if out else ""


def extras(record: dict[str, Any]) -> str:
    """V2EXTRASXML: GDELT's PAGE_TITLE, then our record id, quote attribution and framing counts."""
    title = escape(" ".join(str((record.get("article") or {}).get("title") or "").split()))
    framing = Counter((str(x.get("category")), str(x.get("voice"))) for x in record.get("framing") or [])
    frames = "".join(
        f"<PL_FRAME category={_attr(c)} voice={_attr(v)} count=\"{n}\"/>" for (c, v), n in sorted(framing.items())
    )
    return (
        f"<PAGE_TITLE>{title}</PAGE_TITLE><PL_RECORD_ID>{escape(str(record.get('id', '')))}</PL_RECORD_ID>"
        + _quote_elements(record)
        + (f"<PL_FRAMING>{frames}</PL_FRAMING>" if frames else "")
    )


def gkg_row(record: dict[str, Any], ctx: RowContext | None = None) -> list[str]:
    """The 27 GKG 2.1 fields of one record (``ctx``: its position in the file and ingest time)."""
    ctx = ctx or RowContext()
    art = record.get("article") or {}
    when = record_time(record, ctx)
    url = record_url(record)
    words = len((art.get("text") or "").split())
    places = f.place_mentions(record)
    date = stamp(when)
    out = {
        "GKGRECORDID": f"{date}-{ctx.seq}",
        "V2.1DATE": date,
        "V2SOURCECOLLECTIONIDENTIFIER": WEB if url else CITATION_ONLY,
        "V2SOURCECOMMONNAME": clean(art.get("outlet")),
        "V2DOCUMENTIDENTIFIER": url or citation(record),
        **f.counts(record, places),
        **f.themes(record),
        **f.locations(places),
        **f.names(record),
        "V1.5TONE": f"0,0,0,0,0,0,{words}",
        "V2.1ENHANCEDDATES": f.dates(record, when.year if when and art.get("published") else None),
        "V2GCAM": f"wc:{words}",
        "V2.1QUOTATIONS": f.quotations(record),
        "V2EXTRASXML": extras(record),
    }
    return [out.get(col, "") for col in GKG_COLUMNS]


def gkg_lines(record: dict[str, Any], ctx: RowContext | None = None) -> list[str]:
    return ["\t".join(gkg_row(record, ctx))]
