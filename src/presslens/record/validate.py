"""The JSON Schema check of ``presslens.record/1`` and the offsets check of every span in a record.

The schema is compiled once per process (``validator``); ``pipeline.analyze`` checks every record with it as
the record is made, so everything printed or stored is valid (``schema_problem``, about 2 ms a record).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of ``presslens.record/1`` shipped in the package."""
    text = resources.files("presslens.record").joinpath("record.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


@lru_cache(maxsize=1)
def validator() -> Any:
    """``presslens.record/1`` compiled to Python code once per process (fastjsonschema): about 2 ms for a long
    BBC record, where ``jsonschema.validate`` takes 170 ms (it checks the schema on every call)."""
    import fastjsonschema

    return fastjsonschema.compile(schema())


def validate(record: Mapping[str, Any]) -> None:
    """Raise ``fastjsonschema.JsonSchemaException`` (a ``ValueError``) when a record does not match the schema."""
    validator()(record)


def schema_problem(record: Mapping[str, Any]) -> str | None:
    """Where and how a record breaks the schema (the first problem found), or None when it matches."""
    import fastjsonschema

    try:
        validator()(record)
    except fastjsonschema.JsonSchemaException as exc:
        where = "/".join(str(p) for p in (getattr(exc, "path", None) or [])[1:]) or "record"
        return f"{where}: {str(getattr(exc, 'message', exc))[:200]}"
    return None


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
