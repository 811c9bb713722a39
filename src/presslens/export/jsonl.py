"""JSONL: the records as stored, one JSON object a line."""

from __future__ import annotations

import json
from typing import Any


def jsonl_lines(record: dict[str, Any]) -> list[str]:
    return [json.dumps(record, ensure_ascii=False)]
