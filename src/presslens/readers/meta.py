"""Article metadata given beside the inputs: ``--outlet NAME`` and ``--meta FILE``.

A metadata file is JSONL (one object a line) or CSV (a header row), each entry with ``path`` or ``url`` and any
of ``outlet``, ``url``, ``published``, ``title``. An entry applies to every article read from the input it names
(a path as given on the command line, or relative to the metadata file; a URL as fetched or as an item's
link). What an entry gives wins over what the reader found; ``--outlet`` names the outlet of every article
no entry gives one. A file that cannot be used raises PL125; an entry that matched no input is a warning,
PL126, once the inputs are read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ErrorInfo, PresslensError, error
from ..record.types import RawArticle

FIELDS = ("outlet", "url", "published", "title")
KEYS = ("path", "url")


@dataclass
class Entry:
    line: int
    key: str  # the path or URL as written
    values: dict[str, str]
    used: bool = False


@dataclass
class ArticleMeta:
    """The metadata of a run: the entries by path and by URL, and the default outlet."""

    outlet: str | None = None
    source: str = ""
    by_path: dict[str, Entry] = field(default_factory=dict)
    by_url: dict[str, Entry] = field(default_factory=dict)

    def _entry(self, raw: RawArticle) -> Entry | None:
        src = raw.get("source") or {}
        for url in (src.get("url"), src.get("feed")):
            if url and url in self.by_url:
                return self.by_url[url]
        path = src.get("path")
        if path and path != "-":
            return self.by_path.get(_resolved(path))
        return None

    def apply(self, raw: RawArticle) -> RawArticle:
        """The article with the metadata given for its input (and the default outlet) filled in."""
        entry = self._entry(raw)
        values = dict(entry.values) if entry else {}
        if entry:
            entry.used = True
        if self.outlet and "outlet" not in values:
            values["outlet"] = self.outlet
        if not values or raw.get("text") is None and raw.get("html") is None:
            return raw
        out: RawArticle = {**raw, "source": dict(raw.get("source") or {})}  # type: ignore[typeddict-item]
        for name in ("outlet", "published", "title"):
            if values.get(name):
                out[name] = values[name]  # type: ignore[literal-required]
        if values.get("url"):
            out["source"]["url"] = values["url"]
        return out

    def unmatched(self) -> list[ErrorInfo]:
        """PL126 for each entry no input matched."""
        entries = {id(e): e for e in (*self.by_path.values(), *self.by_url.values())}.values()
        return [
            error("PL126", path=self.source, line=e.line, key=e.key)
            for e in sorted(entries, key=lambda e: e.line)
            if not e.used
        ]

    def over(self, raws: Iterator[RawArticle]) -> Iterator[RawArticle]:
        for raw in raws:
            yield self.apply(raw)


def _resolved(path: str | Path) -> str:
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):
        return str(path)


def _rows(text: str, path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) of a JSONL or CSV metadata text."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.lstrip().startswith("{"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PresslensError("PL125", path=path, reason=f"line {n} is not JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise PresslensError("PL125", path=path, reason=f"line {n} is a JSON {type(obj).__name__}, not an object")
            yield n, obj
        return
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not set(KEYS) & {c.strip() for c in reader.fieldnames}:
        raise PresslensError("PL125", path=path, reason="it is neither JSONL nor CSV with a path or url column")
    for row in reader:
        yield reader.line_num, {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}


def load_meta(path: str | None, outlet: str | None = None) -> ArticleMeta | None:
    """The metadata of ``--meta FILE`` and ``--outlet NAME`` (None when neither is given)."""
    outlet = (outlet or "").strip() or None
    if not path:
        return ArticleMeta(outlet=outlet) if outlet else None
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PresslensError("PL125", path=path, reason=f"it cannot be read ({exc})") from exc
    meta = ArticleMeta(outlet=outlet, source=path)
    base = Path(path).parent
    for n, obj in _rows(text, path):
        values = {k: str(obj[k]).strip() for k in FIELDS if isinstance(obj.get(k), (str, int, float)) and str(obj[k]).strip()}
        where = str(obj.get("path") or "").strip()
        url = str(obj.get("url") or "").strip()
        if not where and not url:
            raise PresslensError("PL125", path=path, reason=f"line {n} has neither a path nor a url")
        entry = Entry(n, where or url, values)
        if where:
            p = Path(where).expanduser()
            if not p.is_absolute() and not p.exists() and (base / p).exists():
                p = base / p
            meta.by_path[_resolved(p)] = entry
        if url:
            meta.by_url[url] = entry
    return meta
