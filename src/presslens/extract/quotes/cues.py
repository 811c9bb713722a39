"""The cue lexicon (``data/cues.json``), loaded once and checked."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

LIST_KEYS = ("participial", "unreliable_subjects", "according_to", "nominal",
             "anonymous", "roles", "turn_markers", "prep_content", "direct_only", "adjectives")
KINDS = frozenset({"speech", "assert", "tell", "write", "report", "ask", "cognition"})


@lru_cache(maxsize=1)
def load_cues() -> dict[str, Any]:
    """The lexicon with every list as a frozenset (``verbs`` stays a lemma -> kind dict)."""
    raw = json.loads(resources.files("presslens").joinpath("data/cues.json").read_text(encoding="utf-8"))
    check_cues(raw)
    out: dict[str, Any] = {"verbs": {str(k).lower(): str(v) for k, v in raw["verbs"].items()}}
    for key in LIST_KEYS:
        out[key] = frozenset(str(x).lower() for x in raw[key])
    return out


def check_cues(raw: dict[str, Any]) -> None:
    """Raise ValueError when the lexicon is malformed (unknown kind, missing list, empty entry)."""
    if not isinstance(raw.get("verbs"), dict) or not raw["verbs"]:
        raise ValueError("cues.json: 'verbs' must be a non-empty object of lemma -> kind")
    bad = {k: v for k, v in raw["verbs"].items() if v not in KINDS or not str(k).strip()}
    if bad:
        raise ValueError(f"cues.json: unknown verb kinds {bad}; use one of {sorted(KINDS)}")
    for key in LIST_KEYS:
        if not isinstance(raw.get(key), list) or not all(isinstance(x, str) and x.strip() for x in raw[key]):
            raise ValueError(f"cues.json: {key!r} must be a list of non-empty strings")


CUES: dict[str, Any] = load_cues()
