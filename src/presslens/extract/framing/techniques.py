"""Persuasion techniques of SemEval-2020 Task 11, by explainable rules.

The 14 technique labels (``TECHNIQUES``) are SemEval's. Three come from the loaded-wording lexicons and are
set by ``framing.py`` on its spans (Loaded_Language, Name_Calling,Labeling, Exaggeration,Minimisation). This
module adds the rest:

- cue phrases and Matcher patterns from ``data/techniques.json`` (Doubt, Appeal_to_fear-prejudice,
  Flag-Waving, Causal_Oversimplification, Slogans, Appeal_to_Authority, Black-and-White_Fallacy,
  Thought-terminating_Cliches, Whataboutism,Straw_Men,Red_Herring, Bandwagon,Reductio_ad_hitlerum);
- scare quotes (Doubt): one to four words in quotation marks that no quote attributes to a speaker;
- slogans by shouting (Slogans): two or more words in capitals, or a short exclamation;
- Repetition: a loaded phrase used again (each use after the first).

Every hit carries the rule that fired (``rule``), so a reader sees why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ...data import load
from ...errors import PresslensError
from ..common import doc_text

TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Exaggeration,Minimisation",
    "Doubt",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Slogans",
    "Appeal_to_Authority",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
)
PREFIX = "T|"
_OPEN = "\"'“‘«"
_CLOSE = {"\"": "\"", "'": "'", "“": "”", "‘": "’", "«": "»"}
_SCARE_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))([\"'“‘«])([A-Za-z][\w\-' ]{0,40}?[\w.!?])([\"'”’»])(?=$|[\s,.;:!?)\]—–-])")
_CAPS_RE = re.compile(r"\b[A-Z]{3,}(?:[ \-]+[A-Z]{2,}){1,}\b")


@lru_cache(maxsize=1)
def load_techniques() -> dict[str, Any]:
    """The cue data (``data/techniques.json``), checked: every technique key is one of SemEval's 14."""
    data = load("techniques.json")
    unknown = set(data["techniques"]) - set(TECHNIQUES)
    if unknown:
        raise PresslensError("PL092", path="data/techniques.json", reason=f"unknown techniques {sorted(unknown)}")
    return data


class TechniqueRules:
    """Adds the cue phrases and patterns to shared matchers, once per pipeline; reads the hits back per doc."""

    def __init__(self, vocab: Vocab, lower: PhraseMatcher, matcher: Matcher,
                 make_docs: Callable[[Sequence[str]], list[Doc]], cues: dict[str, Any] | None = None) -> None:
        self.vocab = vocab
        data = (cues or load_techniques())["techniques"]
        for technique, spec in data.items():
            phrases = [p for p in spec.get("phrases", []) if p.strip()]
            for phrase, pdoc in zip(phrases, make_docs(phrases), strict=True):
                lower.add(f"{PREFIX}{technique}|{phrase}", [pdoc])
            for i, pattern in enumerate(spec.get("patterns", [])):
                matcher.add(f"{PREFIX}{technique}|pattern{i + 1}", [pattern])

    @staticmethod
    def owns(key: str) -> bool:
        return key.startswith(PREFIX)

    @staticmethod
    def hit(doc: Doc, key: str, start: int, end: int) -> dict[str, Any]:
        """A technique span from a matcher hit on one of our keys."""
        technique, rule = key[len(PREFIX):].split("|", 1)
        span = doc[start:end]
        return {"start": span.start_char, "end": span.end_char, "technique": technique,
                "rule": f"techniques:{technique}:{rule}"}


def scare_quotes(text: str, ranges: Iterable[tuple[int, int]], quoted: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """Doubt: a short stretch in quotation marks (one to four words) that no quote gives to a speaker."""
    out: list[dict[str, Any]] = []
    for lo, hi in ranges:
        for m in _SCARE_RE.finditer(text, lo, hi):
            if _CLOSE.get(m.group(1)) != m.group(3) or len(m.group(2).split()) > 4:
                continue
            s, e = m.start(2), m.end(2)
            if any(qs <= s and e <= qe for qs, qe in quoted):
                continue
            out.append({"start": s, "end": e, "technique": "Doubt", "rule": "techniques:Doubt:scare-quotes"})
    return out


def shouting(doc: Doc, ranges: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    """Slogans: words in capitals (two or more, not one acronym), or an exclamation of at most eight words."""
    out: list[dict[str, Any]] = []
    text = doc_text(doc)
    for lo, hi in ranges:
        for m in _CAPS_RE.finditer(text, lo, hi):
            out.append({"start": m.start(), "end": m.end(), "technique": "Slogans", "rule": "techniques:Slogans:capitals"})
    sents = doc.sents if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
    for sent in sents:
        if sent[-1].text != "!" or not any(lo <= sent.start_char < hi for lo, hi in ranges):
            continue
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if 0 < len(words) <= 8:
            out.append({"start": words[0].idx, "end": sent[-1].idx + 1, "technique": "Slogans",
                        "rule": "techniques:Slogans:exclamation"})
    return out


def repetitions(spans: Iterable[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], str]) -> list[dict[str, Any]]:
    """Repetition: each use of the same loaded phrase after the first (spans in text order)."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for span in sorted(spans, key=lambda s: s["start"]):
        k = key(span)
        if not k:
            continue
        if k in seen:
            out.append({"start": span["start"], "end": span["end"], "technique": "Repetition",
                        "rule": f"techniques:Repetition:{k}"})
        seen.add(k)
    return out
