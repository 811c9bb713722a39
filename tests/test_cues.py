"""extract/quotes/cues.py: the cue lexicon (data/cues.json): every entry loads and is well formed."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from presslens.extract.quotes.cues import KINDS, LIST_KEYS, check_cues, load_cues


def raw() -> dict:
    return dict(json.loads(resources.files("presslens").joinpath("data/cues.json").read_text(encoding="utf-8")))


def test_every_entry_loads() -> None:
    cues = load_cues()
    data = raw()
    assert set(cues.verbs) == {k.lower() for k in data["verbs"]}
    assert set(cues.verbs.values()) <= KINDS
    for key in LIST_KEYS:
        assert getattr(cues, key) == frozenset(x.lower() for x in data[key]) and getattr(cues, key)


def test_lexicon_is_documented_and_consistent() -> None:
    data = raw()
    assert len(data["about"]) > 200
    verbs = set(data["verbs"])
    assert {"say", "tell", "add", "stress", "note", "claim", "deny"} <= verbs
    assert all(p in ("about", "to", "on", "for", "against", "of", "over", "at", "with") for p in data["prep_content"])
    assert all(p.endswith("ing") for p in data["participial"])
    assert all(" " in a for a in data["according_to"])
    assert all(v == v.lower() and " " not in v for v in verbs), "verbs are single lower-case lemmas"


def test_malformed_lexicon_is_refused() -> None:
    data = raw()
    data["verbs"]["say"] = "shout"
    with pytest.raises(ValueError, match="unknown verb kinds"):
        check_cues(data)
    data = raw()
    data["anonymous"] = ["source", ""]
    with pytest.raises(ValueError, match="anonymous"):
        check_cues(data)
