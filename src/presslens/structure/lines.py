"""The units an article's text is made of: normalised lines, with hard-wrapped lines joined."""

from __future__ import annotations

import re
import unicodedata

END_PUNCT = re.compile(r"[.!?;:…]$")
TRAILING = "\"'”’»)]} "


def normalise_line(line: str) -> str:
    """NFC, no control characters, no-break spaces as spaces, runs of white space folded."""
    line = unicodedata.normalize("NFC", line)
    if not line.isprintable():  # printable: no character of a category C (the usual line, at C speed)
        line = "".join(ch if (ch == "\t" or unicodedata.category(ch)[0] != "C") else " " for ch in line)
    return re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", line).strip()


def split_units(text: str) -> list[str]:
    """Non-empty lines, with hard-wrapped lines (no final punctuation, next starts lower-case) joined."""
    units: list[str] = []
    joinable = False
    for raw_line in re.split(r"\r\n|\r|\n|\u2028|\u2029", text):
        line = normalise_line(raw_line)
        if not line:
            joinable = False
            continue
        if units and joinable and line[:1].islower() and not END_PUNCT.search(units[-1].rstrip(TRAILING)):
            units[-1] = units[-1] + " " + line
        else:
            units.append(line)
        joinable = True
    return units
