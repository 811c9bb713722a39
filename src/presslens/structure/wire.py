"""Wire copy: the datelines and agency credits of Reuters, AP, AFP, TASS, PTI, Xinhua, IRNA and the like, read as
blocks and not as prose.

- a leading dateline ("GAZA CITY, May 12 (Reuters) -", "MOSCOW, May 20. /TASS/.", "PTI | Tehran |",
  "TEHRAN (IRNA) --") is split off the paragraph it opens; the split keeps the text as it is (the dateline
  block and the paragraph after it are one space apart, see ``article.assemble``);
- an agency credit line ("(Reuters)", "— AFP", "Reporting by ...; Editing by ...", "With inputs from PTI")
  is a byline block.

The agency names are data (``data/layout_words.json``: ``wire_agencies``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load
from .datelines import MONTHS

_PLACE_WORD = r"[A-Z][A-Za-z.'’\-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}(?:,\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD})?)?"
_DAY = rf"(?:(?i:{MONTHS})\.?\s+\d{{1,2}}(?:,?\s+(?:19|20)\d{{2}})?|\d{{1,2}}\s+(?i:{MONTHS})\.?(?:\s+(?:19|20)\d{{2}})?)"
_DASH = r"(?:--|[-–—:.|])"


@dataclass(frozen=True)
class WirePatterns:
    dateline: re.Pattern[str]  # at the start of a paragraph
    credit: re.Pattern[str]  # a whole line: "Reporting by ...", "With inputs from ..."
    agency_line: re.Pattern[str]  # a whole line: "(Reuters)", "— AFP"


@lru_cache(maxsize=1)
def patterns() -> WirePatterns:
    names = sorted(load("layout_words.json")["wire_agencies"], key=len, reverse=True)
    ag = "(?:" + "|".join(re.escape(n) for n in names) + ")"
    agencies = rf"{ag}(?:\s*[/,]\s*{ag})*"
    tag = rf"(?:\(\s*{agencies}\s*\)|/\s*{agencies}\s*/)"
    dateline = re.compile(
        rf"^(?:"
        rf"(?:{_PLACE})(?:\s*,\s*{_DAY})?\s*[.,]?\s*{tag}\s*{_DASH}*"  # GAZA CITY, May 12 (Reuters) -
        rf"|{agencies}\s*\|\s*(?:{_PLACE})\s*\|(?:\s*{_DAY}\s*\|?)?"  # PTI | Tehran |
        rf"|{tag}\s*{_DASH}+"  # (Reuters) -
        rf")\s*"
    )
    credit = re.compile(
        r"^\(?\s*(?:(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b|with\s+inputs\s+from\b)",
        re.IGNORECASE,
    )
    agency_line = re.compile(rf"^[-–—]*\s*\(?\s*{agencies}\s*\)?\.?$")
    return WirePatterns(dateline, credit, agency_line)


def wire_dateline(line: str) -> int:
    """The length of the wire dateline that opens ``line`` (0 when there is none)."""
    m = patterns().dateline.match(line)
    return len(m.group(0).rstrip()) if m else 0


def is_wire_credit(line: str) -> bool:
    """A line that only credits the agency or the reporters of wire copy."""
    p = patterns()
    return len(line) <= 200 and bool(p.agency_line.match(line) or (p.credit.match(line) and len(line.split()) <= 30))


def split_wire(kind: str, line: str) -> list[tuple[str, str, dict[str, str]]]:
    """A paragraph unit as blocks: its wire dateline (if any, joined to the paragraph by one space) and the
    rest; a credit line as a byline."""
    if is_wire_credit(line):
        return [("byline", line, {})]
    n = wire_dateline(line)
    if not n:
        return [(kind, line, {})]
    rest = line[n:].lstrip()
    if not rest:
        return [("dateline", line, {})]
    gap = line[n : len(line) - len(rest)]
    if gap != " ":  # the dateline and the paragraph are one space apart, so the text stays as it was
        return [(kind, line, {})]
    return [("dateline", line[:n], {}), (kind, rest, {"joined": " "})]
