"""How an event reads to a person: its PLOVER type with its negation and modality, so that "I don't agree to
a truce" never reads as a plain AGREE. One wording for every view (the text output, the article page)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ASSERTED = "asserted"


def event_label(event: Mapping[str, Any]) -> str:
    """``AGREE``, ``not AGREE``, ``ASSAULT (possible)``, ``not AID (intended)``: the type, "not " when the
    event is negated, and the modality in brackets when it is not a plain assertion."""
    label = f"not {event['type']}" if event.get("negated") else str(event["type"])
    modality = event.get("modality") or ASSERTED
    return label if modality == ASSERTED else f"{label} ({modality})"
