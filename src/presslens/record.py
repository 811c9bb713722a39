"""The ``presslens.record/1`` dict, built from a processed Doc, and its JSON Schema check."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from . import SCHEMA
from .errors import ErrorInfo
from .types import RawArticle


def record_id(text: str) -> str:
    """Content hash of the normalised article text: same text, same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _source(raw: RawArticle) -> dict[str, Any]:
    return dict(raw.get("source") or {})


def to_record(doc: Doc, raw: RawArticle) -> dict[str, Any]:
    """The record of one analysed article."""
    article = dict(doc._.pl_article)
    errors: list[ErrorInfo] = list(raw.get("errors") or []) + list(doc._.pl_errors or [])
    rec: dict[str, Any] = {
        "id": record_id(article["text"]),
        "schema": SCHEMA,
        "source": _source(raw),
        "article": article,
        "entities": doc._.pl_entities or [],
        "quotes": doc._.pl_quotes or [],
        "claims": doc._.pl_claims or [],
        "dates": doc._.pl_dates or [],
        "events": doc._.pl_events or [],
        "framing": doc._.pl_framing or [],
        "errors": errors,
    }
    if doc._.pl_framing_summary:
        rec["framing_summary"] = doc._.pl_framing_summary
    return rec


def error_record(raw: RawArticle, errors: list[ErrorInfo]) -> dict[str, Any]:
    """The record of an input that could not be analysed: empty article, its errors."""
    src = _source(raw)
    # the id hashes what errors say, not their severity (ids stay what they were before severities existed)
    said = [{"code": e["code"], "message": e["message"]} for e in errors]
    key = json.dumps(src, sort_keys=True) + json.dumps(said, sort_keys=True)
    return {
        "id": "err-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20],
        "schema": SCHEMA,
        "source": src,
        "article": {
            "title": raw.get("title") or "",
            "outlet": raw.get("outlet"),
            "published": raw.get("published"),
            "text": "",
            "blocks": [],
        },
        "entities": [],
        "quotes": [],
        "claims": [],
        "dates": [],
        "events": [],
        "framing": [],
        "errors": errors,
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of ``presslens.record/1`` shipped in the package."""
    text = resources.files("presslens").joinpath("schema/record.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when a record does not match the schema."""
    import jsonschema

    jsonschema.validate(record, schema())


def iter_spans(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every span in a record that carries text, start and end, with a path saying where it is."""
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if {"text", "start", "end"} <= node.keys() and isinstance(node.get("start"), int):
                found.append((path, node))
            for k, v in node.items():
                if k != "article":
                    walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk({k: v for k, v in record.items() if k != "article"}, "record")
    return found


def check_offsets(record: dict[str, Any]) -> list[str]:
    """Descriptions of every span whose text is not ``article.text[start:end]`` (empty when all hold)."""
    text = record["article"]["text"]
    bad = []
    for path, span in iter_spans(record):
        if text[span["start"] : span["end"]] != span["text"]:
            bad.append(f"{path}: {span['text']!r} != text[{span['start']}:{span['end']}] {text[span['start']:span['end']]!r}")
    for i, b in enumerate(record["article"].get("blocks", [])):
        if not (0 <= b["start"] <= b["end"] <= len(text)):
            bad.append(f"article.blocks[{i}] out of range")
    return bad
