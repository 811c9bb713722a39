"""The syntax of every GKG 2.1 and Events 2.0 field, column by column, as the codebooks define it and GDELT's
real files write it (bench/gdelt_check.py and the tests run it over the files in ../shared/data/gdelt/ and
over our exports: both must have no malformed field). A field is a whole-field regex, or a list of items
(``;``-separated, a trailing ``;`` allowed as GDELT writes) each matching an item regex.

``event_consistency`` adds the Events checks that link fields (FractionDate from SQLDATE, QuadClass from the
root code, the Goldstein value of the code, geo type 0 with empty geo fields)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .tables import goldstein, quad_class

NUM = r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE]-?\d+)?"
OPT_NUM = f"(?:{NUM})?"
NAME = r"[^,;#\t]+"
LOC_V1 = rf"[0-5]#[^#;]*#(?:[A-Z]{{2}})?#[^#;]*#{OPT_NUM}#{OPT_NUM}#[^#;]*"
LOC_V2 = rf"[0-5]#[^#;]*#(?:[A-Z]{{2}})?#[^#;]*#[^#;]*#{OPT_NUM}#{OPT_NUM}#[^#;]*#\d+"
COUNT_V1 = rf"[A-Z0-9_]+#\d+#[^#;]*#{LOC_V1}"
URL = r"https?://[^\s;]+"
EMBED = r"[^;\t]+"  # GDELT writes embeds as it finds them, HTML entities and all

# (column, whole-field regex) or (column, (item regex, separator))
GKG_SYNTAX: list[tuple[str, str | tuple[str, str]]] = [
    ("GKGRECORDID", r"\d{14}-(?:T-)?\d+"),
    ("V2.1DATE", r"\d{14}"),
    ("V2SOURCECOLLECTIONIDENTIFIER", r"[1-6]"),
    ("V2SOURCECOMMONNAME", r"[^\t]*"),
    ("V2DOCUMENTIDENTIFIER", r"[^\t]+"),
    ("V1COUNTS", (COUNT_V1, ";")),
    ("V2.1COUNTS", (COUNT_V1 + r"#\d+", ";")),
    ("V1THEMES", (r"[A-Za-z0-9_\-]+", ";")),
    ("V2ENHANCEDTHEMES", (r"[A-Za-z0-9_\-]+,\d+", ";")),
    ("V1LOCATIONS", (LOC_V1, ";")),
    ("V2ENHANCEDLOCATIONS", (LOC_V2, ";")),
    ("V1PERSONS", (NAME, ";")),
    ("V2ENHANCEDPERSONS", (NAME + r",\d+", ";")),
    ("V1ORGANIZATIONS", (NAME, ";")),
    ("V2ENHANCEDORGANIZATIONS", (NAME + r",\d+", ";")),
    ("V1.5TONE", rf"{NUM},{NUM},{NUM},{NUM},{NUM},{NUM},\d+"),
    ("V2.1ENHANCEDDATES", (r"[1-4]#\d{1,2}#\d{1,2}#\d{1,4}#\d+", ";")),
    ("V2GCAM", rf"wc:\d+(?:,(?:c\d+\.\d+|v\d+\.\d+|v\d+\.\d+\.\d+):{NUM})*"),
    ("V2.1SHARINGIMAGE", r"(?:https?://[^\s]+)?"),
    ("V2.1RELATEDIMAGES", (URL, ";")),
    ("V2.1SOCIALIMAGEEMBEDS", (EMBED, ";")),
    ("V2.1SOCIALVIDEOEMBEDS", (EMBED, ";")),
    ("V2.1QUOTATIONS", (r"\d+\|\d+\|[^|#]*\|[^|#]*", "#")),
    ("V2.1ALLNAMES", (NAME + r",\d+", ";")),
    ("V2.1AMOUNTS", (rf"{NUM},[^,;]*,\d+", ";")),
    ("V2.1TRANSLATIONINFO", r"(?:srclc:[a-z]{3};eng:[^\t]*)?"),
    ("V2EXTRASXML", r"(?:<[A-Z][A-Z0-9_]*[ >/][^\t]*)?"),
]

GEO = [("Type", r"[0-5]"), ("FullName", r"[^\t]*"), ("CountryCode", r"(?:[A-Z]{2})?"), ("ADM1Code", r"[A-Z0-9]*"),
       ("ADM2Code", r"[A-Za-z0-9]*"), ("Lat", OPT_NUM), ("Long", OPT_NUM), ("FeatureID", r"-?[A-Za-z0-9]*")]
ACTOR = [("Code", r"[A-Za-z0-9]*"), ("Name", r"[^\t]*"), ("CountryCode", r"(?:[A-Z]{3})?")] + [
    (k, r"[A-Za-z0-9]*") for k in ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code",
                                 "Type2Code", "Type3Code")]
EVENT_SYNTAX: list[tuple[str, str]] = (
    [("GLOBALEVENTID", r"\d+"), ("SQLDATE", r"\d{8}"), ("MonthYear", r"\d{6}"), ("Year", r"\d{4}"),
     ("FractionDate", r"\d{4}\.\d{4}")]
    + [(f"Actor1{k}", v) for k, v in ACTOR] + [(f"Actor2{k}", v) for k, v in ACTOR]
    + [("IsRootEvent", r"[01]"), ("EventCode", r"\d{2,4}"), ("EventBaseCode", r"\d{2,3}"), ("EventRootCode", r"\d{2}"),
       ("QuadClass", r"[1-4]"), ("GoldsteinScale", NUM), ("NumMentions", r"\d+"), ("NumSources", r"\d+"),
       ("NumArticles", r"\d+"), ("AvgTone", NUM)]
    + [(f"{who}Geo_{k}", v) for who in ("Actor1", "Actor2", "Action") for k, v in GEO]
    + [("DATEADDED", r"\d{14}"), ("SOURCEURL", r"[^\t]+")]
)


def _compile(spec: str | tuple[str, str]) -> tuple[re.Pattern[str], str | None]:
    if isinstance(spec, tuple):
        return re.compile(spec[0]), spec[1]
    return re.compile(spec), None


_GKG = [(col, *_compile(spec)) for col, spec in GKG_SYNTAX]
_EVENTS = [(col, re.compile(spec)) for col, spec in EVENT_SYNTAX]


def _field_ok(value: str, pattern: re.Pattern[str], sep: str | None) -> bool:
    if sep is None:
        return pattern.fullmatch(value) is not None
    items = value.split(sep)
    if items and items[-1] == "" and len(items) > 1:
        items = items[:-1]
    return value == "" or all(pattern.fullmatch(item) for item in items)


def gkg_malformed(fields: list[str]) -> list[str]:
    """The GKG columns of one row whose value breaks the codebook's syntax (all of them if not 27 fields)."""
    if len(fields) != len(_GKG):
        return [col for col, _, _ in _GKG]
    return [col for (col, pattern, sep), value in zip(_GKG, fields, strict=True) if not _field_ok(value, pattern, sep)]


def event_malformed(fields: list[str]) -> list[str]:
    """The Events columns of one row whose value breaks the codebook's syntax (all of them if not 61)."""
    if len(fields) != len(_EVENTS):
        return [col for col, _ in _EVENTS]
    return [col for (col, pattern), value in zip(_EVENTS, fields, strict=True) if not pattern.fullmatch(value)]


def event_consistency(fields: list[str]) -> list[str]:
    """Fields of a well-formed Events row that disagree with the others or with GDELT's CAMEO tables."""
    row = dict(zip((c for c, _ in _EVENTS), fields, strict=True))
    bad = []
    day = row["SQLDATE"]
    fraction = int(day[:4]) + ((int(day[4:6]) - 1) * 30 + int(day[6:8])) / 365
    if abs(float(row["FractionDate"]) - fraction) > 0.00051:
        bad.append("FractionDate")
    if row["MonthYear"] != day[:6] or row["Year"] != day[:4]:
        bad.append("MonthYear")
    if not (row["EventCode"].startswith(row["EventBaseCode"]) and row["EventBaseCode"].startswith(row["EventRootCode"])):
        bad.append("EventBaseCode")
    if int(row["QuadClass"]) != quad_class(row["EventCode"]):
        bad.append("QuadClass")
    if float(row["GoldsteinScale"]) != goldstein().get(row["EventCode"]):
        bad.append("GoldsteinScale")
    for who in ("Actor1", "Action", "Actor2"):
        if row[f"{who}Geo_Type"] == "0" and any(row[f"{who}Geo_{k}"] for k, _ in GEO[1:]):
            bad.append(f"{who}Geo_Type")
    return bad


def parse_quotations(value: str) -> list[tuple[int, int, str, str]]:
    """V2.1QUOTATIONS as the codebook reads it: ``#`` between quotations, ``Offset|Length|Verb|Quote``."""
    out = []
    for block in value.split("#") if value else []:
        offset, length, verb, quote = block.split("|", 3)
        out.append((int(offset), int(length), verb, quote))
    return out


def read_rows(lines: Iterable[str]) -> list[list[str]]:
    """Tab-separated rows of a GDELT file (no header), new lines stripped."""
    return [line.rstrip("\r\n").split("\t") for line in lines if line.strip()]
