"""The ``presslens.record/1`` dict of one article: built from a processed Doc, or for an input that failed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from spacy.tokens import Doc

from .. import SCHEMA
from ..errors import ErrorInfo
from .types import RawArticle


def record_id(text: str) -> str:
    """Content hash of the normalised article text: same text, same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _source(raw: RawArticle) -> dict[str, Any]:
    return dict(raw.get("source") or {})


def to_record(doc: Doc, raw: RawArticle) -> dict[str, Any]:
    """The record of one analysed article (shaped as ``types.Record``)."""
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
    """The record of an input that could not be analysed (shaped as ``types.Record``): empty article, its errors."""
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
            "language": None,
        },
        "entities": [],
        "quotes": [],
        "claims": [],
        "dates": [],
        "events": [],
        "framing": [],
        "errors": errors,
        "extractors": [],
    }
